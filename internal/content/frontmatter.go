package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// frontMatter is the result of splitting a content file.
type frontMatter struct {
	root      *yaml.Node // a mapping node, or nil when the file has none
	format    string     // "yaml", "toml" or ""
	startLine int        // line of the opening delimiter
	body      []byte
	bodyLine  int // line the body starts on
}

// errUnclosed is returned when an opening delimiter has no closing one.
var errUnclosed = errors.New("front matter is not closed")

// parseError carries the line (within the file) where front matter
// decoding failed.
type parseError struct {
	line, col int
	msg       string
}

func (e *parseError) Error() string { return e.msg }

// frontMatterFormats are the lines that may open front matter, each with
// the line that closes it and the format between them.
var frontMatterFormats = []struct{ start, end, format string }{
	{"---", "---", "yaml"},
	{"---yaml", "---", "yaml"},
	{"+++", "+++", "toml"},
	{"---toml", "---", "toml"},
}

// splitFrontMatter separates front matter from the Markdown body and
// decodes it into a YAML node tree that keeps the line and column of every
// key and value. TOML front matter is converted to the same tree.
func splitFrontMatter(src []byte) (frontMatter, error) {
	var fm frontMatter
	format, raw, body, found := cutFrontMatter(src)
	open, openLine := firstLine(src)
	if !found {
		for _, f := range frontMatterFormats {
			if open == f.start {
				fm.startLine = openLine
				return fm, errUnclosed
			}
		}
		fm.body, fm.bodyLine = src, 1
		return fm, nil
	}
	fm.format, fm.startLine = format, openLine
	fm.body = body
	fm.bodyLine = 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
	// Lines inside the front matter are numbered from the line after the
	// opening delimiter.
	offset := openLine
	var err error
	switch fm.format {
	case "yaml":
		fm.root, err = parseYAML(raw, offset)
		if err == nil && fm.root.Kind != yaml.MappingNode {
			return fm, &parseError{line: fm.root.Line, col: fm.root.Column, msg: "front matter must be a set of \"key: value\" lines"}
		}
	case "toml":
		fm.root, err = parseTOML(raw, offset)
	}
	return fm, err
}

// cutFrontMatter finds the front matter of src: the first non-blank line
// (trimmed) must open it and the next line that closes it ends it; raw
// lies between them and body after. This is how adrg/frontmatter, which
// did it before, reads a file (frontmatter_test.go holds the two to the
// same answers), without its copies of every file into a buffered reader
// and a buffer (a fifth of the allocations of a national build).
func cutFrontMatter(src []byte) (format string, raw, body []byte, found bool) {
	pos := 0
	// next returns the next line, trimmed, and whether it was the last
	// one: a line without a newline, or nothing at the end of src.
	next := func() ([]byte, bool) {
		if pos >= len(src) {
			return nil, true
		}
		i := bytes.IndexByte(src[pos:], '\n')
		if i < 0 {
			line := src[pos:]
			pos = len(src)
			return bytes.TrimSpace(line), true
		}
		line := src[pos : pos+i+1]
		pos += i + 1
		return bytes.TrimSpace(line), false
	}
	var start, end string
	for start == "" {
		line, last := next()
		if last {
			return "", nil, src, false
		}
		if len(line) == 0 {
			continue
		}
		for _, f := range frontMatterFormats {
			if string(line) == f.start {
				start, end, format = f.start, f.end, f.format
				break
			}
		}
		if start == "" {
			return "", nil, src, false
		}
	}
	from := pos
	for {
		to := pos
		line, last := next()
		if string(line) == end {
			return format, src[from:to], src[pos:], true
		}
		if last {
			return "", nil, src, false
		}
	}
}

// firstLine returns the first non-blank line of src, trimmed, and its
// 1-based number.
func firstLine(src []byte) (string, int) {
	n := 0
	for len(src) > 0 {
		n++
		line, rest, _ := bytes.Cut(src, []byte("\n"))
		src = rest
		if t := strings.TrimSpace(string(line)); t != "" {
			return t, n
		}
	}
	return "", 0
}

var yamlLine = regexp.MustCompile(`(?:yaml: )?line (\d+): (.*)`)

func parseYAML(raw []byte, offset int) (*yaml.Node, error) {
	if root, ok := parseSimpleYAML(raw); ok {
		shift(root, offset)
		return root, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		msg := err.Error()
		pe := &parseError{line: offset + 1, col: 1, msg: strings.TrimPrefix(msg, "yaml: ")}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			var n int
			fmt.Sscan(m[1], &n)
			// yaml.v3 numbers parser errors (unlike scanner errors) from 0.
			if strings.HasPrefix(m[2], "did not find expected") {
				n++
			}
			pe.line, pe.msg = offset+n, m[2]
		}
		return nil, pe
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: offset + 1, Column: 1}, nil
	}
	root := doc.Content[0]
	shift(root, offset)
	return root, nil
}

// shift moves every node's line by offset, turning front-matter lines into
// file lines.
func shift(n *yaml.Node, offset int) {
	n.Line += offset
	for _, c := range n.Content {
		shift(c, offset)
	}
}

var tomlKeyLine = regexp.MustCompile(`^\s*(?:\[+\s*([A-Za-z0-9_.\-"' ]+?)\s*\]+|([A-Za-z0-9_\-"']+)\s*=)`)

func parseTOML(raw []byte, offset int) (*yaml.Node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(raw), &m); err != nil {
		pe := &parseError{line: offset + 1, col: 1, msg: err.Error()}
		var terr toml.ParseError
		if errors.As(err, &terr) {
			pe.line, pe.col, pe.msg = offset+terr.Position.Line, max(terr.Position.Col, 1), terr.Message
		}
		return nil, pe
	}
	// BurntSushi/toml keeps key positions private, so find each key's line
	// by its "key =" or "[table]" line.
	lines := map[string]int{}
	table := ""
	for i, l := range strings.Split(string(raw), "\n") {
		sub := tomlKeyLine.FindStringSubmatch(l)
		if sub == nil {
			continue
		}
		if sub[1] != "" {
			table = strings.Trim(sub[1], `"'`)
			if _, ok := lines[table]; !ok {
				lines[table] = offset + i + 1
			}
			continue
		}
		key := strings.Trim(sub[2], `"'`)
		if table != "" {
			key = table + "." + key
		}
		if _, ok := lines[key]; !ok {
			lines[key] = offset + i + 1
		}
	}
	return tomlNode(m, "", lines, offset+1), nil
}

func tomlNode(v any, path string, lines map[string]int, line int) *yaml.Node {
	if l, ok := lines[path]; ok {
		line = l
	}
	n := &yaml.Node{Line: line, Column: 1}
	switch v := v.(type) {
	case map[string]any:
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			return lines[join(path, keys[i])] < lines[join(path, keys[j])] || (lines[join(path, keys[i])] == lines[join(path, keys[j])] && keys[i] < keys[j])
		})
		for _, k := range keys {
			kn := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: line, Column: 1}
			if l, ok := lines[join(path, k)]; ok {
				kn.Line = l
			}
			n.Content = append(n.Content, kn, tomlNode(v[k], join(path, k), lines, kn.Line))
		}
	case []map[string]any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, e := range v {
			n.Content = append(n.Content, tomlNode(e, path, lines, line))
		}
	case []any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, e := range v {
			n.Content = append(n.Content, tomlNode(e, path, lines, line))
		}
	case string:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!str", v
	case bool:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!bool", fmt.Sprint(v)
	case int64:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!int", fmt.Sprint(v)
	case float64:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!float", fmt.Sprint(v)
	case time.Time:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!timestamp", tomlTime(v)
	default:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!str", fmt.Sprint(v)
	}
	return n
}

func tomlTime(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
