package content

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// parseSimpleYAML parses front matter written the way nearly all of it
// is: a mapping of keys to plain or simply quoted scalars, block lists of
// scalars and one level of nested mapping. It gives the node tree
// yaml.v3 gives for the same bytes, lines and columns included, several
// times faster and with a tenth of the allocations; ok is false for
// anything else (comments, flow collections, block scalars, anchors,
// tags, multi-line scalars, numbers other than plain integers, and any
// input yaml.v3 would reject), which yaml.v3 then parses.
// TestSimpleYAMLMatchesYAMLv3 and FuzzSimpleYAML hold it to yaml.v3.
func parseSimpleYAML(raw []byte) (root *yaml.Node, ok bool) {
	p := simpleParser{src: raw}
	root = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	first := true
	for p.next() {
		if p.indent != 0 {
			return nil, false
		}
		key, value, ok := p.entry()
		if !ok {
			return nil, false
		}
		if first {
			root.Line, first = key.Line, false
		}
		if value == nil {
			if value, ok = p.block(key); !ok {
				return nil, false
			}
		}
		root.Content = append(root.Content, key, value)
	}
	if p.bad || first {
		return nil, false
	}
	return root, true
}

// simpleParser reads front matter a line at a time.
type simpleParser struct {
	src  []byte
	pos  int // start of the next line
	line int // number of the current line, from 1
	// The current line: its indentation and the text after it.
	indent int
	text   string
	// pending is set when the current line has been read but not used.
	pending bool
	bad     bool
}

// next moves to the next line that is not empty, unless one is pending.
func (p *simpleParser) next() bool {
	if p.pending {
		p.pending = false
		return true
	}
	for p.pos < len(p.src) {
		end := bytes.IndexByte(p.src[p.pos:], '\n')
		if end < 0 {
			end = len(p.src) - p.pos
		}
		l := p.src[p.pos : p.pos+end]
		p.pos += end + 1
		p.line++
		if len(l) == 0 {
			continue
		}
		indent := 0
		for indent < len(l) && l[indent] == ' ' {
			indent++
		}
		if indent == len(l) || l[len(l)-1] == ' ' || !plainBytes(l) {
			p.bad = true
			return false
		}
		p.indent, p.text = indent, string(l[indent:])
		return true
	}
	return false
}

// plainBytes reports that l is UTF-8 and holds no tab, carriage return
// or other control character, and none of the characters YAML reads as
// line breaks or byte-order marks.
func plainBytes(l []byte) bool {
	for i := 0; i < len(l); {
		c := l[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(l[i:])
		if r == utf8.RuneError || r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r >= 0xfffe && r <= 0xffff {
			return false
		}
		i += size
	}
	return true
}

// entry reads "key: value" or "key:" from the current line; value is nil
// for the second.
func (p *simpleParser) entry() (key, value *yaml.Node, ok bool) {
	colon := strings.IndexByte(p.text, ':')
	if colon <= 0 || !simpleKey(p.text[:colon]) {
		return nil, nil, false
	}
	key, ok = scalar(p.text[:colon], p.line, p.indent+1)
	if !ok || key.Tag != "!!str" {
		return nil, nil, false
	}
	rest := p.text[colon+1:]
	if rest == "" {
		return key, nil, true
	}
	if rest[0] != ' ' {
		return nil, nil, false
	}
	start := 1
	for start < len(rest) && rest[start] == ' ' {
		start++
	}
	value, ok = scalar(rest[start:], p.line, p.indent+colon+2+start)
	return key, value, ok
}

// simpleKey reports whether s is a key of the form fields have, and short
// (yaml.v3 rejects keys over 1024 characters).
func simpleKey(s string) bool {
	if len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && (c >= '0' && c <= '9' || c == '-')) {
			return false
		}
	}
	return true
}

// block reads what follows "key:" on the next lines: a list of scalars,
// a mapping of keys to scalars, or nothing (null).
func (p *simpleParser) block(key *yaml.Node) (*yaml.Node, bool) {
	null := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: key.Line, Column: key.Column + len(key.Value) + 1}
	if !p.next() {
		return null, !p.bad
	}
	p.pending = true
	switch {
	case strings.HasPrefix(p.text, "- ") && (p.indent == 0 || p.indent == 2):
		return p.list()
	case p.indent == 2:
		return p.mapping()
	case p.indent == 0:
		return null, true
	}
	return nil, false
}

func (p *simpleParser) list() (*yaml.Node, bool) {
	indent := p.indent
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Column: indent + 1}
	for p.next() {
		if p.indent != indent || !strings.HasPrefix(p.text, "- ") {
			p.pending = true
			break
		}
		if seq.Line == 0 {
			seq.Line = p.line
		}
		start := 2
		for start < len(p.text) && p.text[start] == ' ' {
			start++
		}
		item, ok := scalar(p.text[start:], p.line, indent+start+1)
		if !ok {
			return nil, false
		}
		seq.Content = append(seq.Content, item)
	}
	if p.bad || p.pending && p.indent > indent {
		return nil, false
	}
	return seq, true
}

func (p *simpleParser) mapping() (*yaml.Node, bool) {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for p.next() {
		if p.indent != 2 {
			p.pending = true
			break
		}
		key, value, ok := p.entry()
		if !ok || value == nil {
			return nil, false
		}
		if m.Line == 0 {
			m.Line, m.Column = key.Line, key.Column
		}
		m.Content = append(m.Content, key, value)
	}
	if p.bad || p.pending && p.indent > 2 {
		return nil, false
	}
	return m, true
}

// scalar makes the node of a value written at line and column: plain,
// or in quotes with no escape inside (no quote of its own kind, and in
// double quotes no backslash).
func scalar(s string, line, column int) (*yaml.Node, bool) {
	n := &yaml.Node{Kind: yaml.ScalarNode, Line: line, Column: column}
	if s == "" {
		return nil, false
	}
	switch q := s[0]; q {
	case '"', '\'':
		if len(s) < 2 || s[len(s)-1] != q {
			return nil, false
		}
		inner := s[1 : len(s)-1]
		if strings.IndexByte(inner, q) >= 0 || q == '"' && strings.IndexByte(inner, '\\') >= 0 {
			return nil, false
		}
		n.Tag, n.Value, n.Style = "!!str", inner, yaml.DoubleQuotedStyle
		if q == '\'' {
			n.Style = yaml.SingleQuotedStyle
		}
		return n, true
	case '[', '{':
		return flow(s, line, column)
	case '-', '?', ':', ',', ']', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`':
		return nil, false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || s[len(s)-1] == ':' {
		return nil, false
	}
	tag, ok := plainTag(s)
	n.Tag, n.Value = tag, s
	return n, ok
}

// flow makes the node of "[a, b]" or "{a: b, c: d}": scalars (in a
// mapping, simple keys and scalars), each item after one space.
func flow(s string, line, column int) (*yaml.Node, bool) {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: line, Column: column}
	closing := byte(']')
	if s[0] == '{' {
		n.Kind, n.Tag, closing = yaml.MappingNode, "!!map", '}'
	}
	if s[len(s)-1] != closing {
		return nil, false
	}
	inner := s[1 : len(s)-1]
	if inner == "" {
		return n, true
	}
	items, ok := flowItems(inner)
	if !ok {
		return nil, false
	}
	at := column + 1
	for _, item := range items {
		if !flowItem(n, item, line, at) {
			return nil, false
		}
		at += utf8.RuneCountInString(item) + 2
	}
	return n, true
}

// flowItem adds to n the nodes of one item written at line and column:
// a scalar, or in a mapping a key and its value.
func flowItem(n *yaml.Node, item string, line, column int) bool {
	if n.Kind == yaml.SequenceNode {
		v, ok := flowScalar(item, line, column)
		n.Content = append(n.Content, v)
		return ok
	}
	k, v, found := strings.Cut(item, ": ")
	if !found || !simpleKey(k) {
		return false
	}
	key, ok := flowScalar(k, line, column)
	if !ok || key.Tag != "!!str" {
		return false
	}
	value, ok := flowScalar(v, line, column+len(k)+2)
	n.Content = append(n.Content, key, value)
	return ok
}

// flowItems splits the inside of brackets or braces at each ", " that
// is not in a quoted scalar (one that begins an item or follows a key's
// ": ").
func flowItems(inner string) ([]string, bool) {
	var items []string
	start := 0
	for i := 0; i < len(inner); i++ {
		switch c := inner[i]; {
		case (c == '"' || c == '\'') && (i == start || i >= start+2 && inner[i-2:i] == ": "):
			end := strings.IndexByte(inner[i+1:], c)
			if end < 0 {
				return nil, false
			}
			i += end + 1
		case c == ',':
			if !strings.HasPrefix(inner[i:], ", ") {
				return nil, false
			}
			items = append(items, inner[start:i])
			start = i + 2
			i++
		}
	}
	return append(items, inner[start:]), true
}

// flowScalar is a scalar inside brackets or braces: quoted, or plain
// with nothing the flow collection could read as its own.
func flowScalar(s string, line, column int) (*yaml.Node, bool) {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return nil, false
	}
	if s[0] != '"' && s[0] != '\'' && strings.ContainsAny(s, ",[]{}:") {
		return nil, false
	}
	return scalar(s, line, column)
}

// plainTag is the tag yaml.v3 resolves a plain scalar to, for the
// scalars it is sure of: strings, true and false, null, integers and
// decimals written in digits, and dates.
func plainTag(s string) (string, bool) {
	switch c := s[0]; {
	case c == '+' || c == '-' || c == '.' || c == '<':
		return "", false
	case c >= '0' && c <= '9':
		return numberTag(s)
	case strings.IndexByte("yYnNtTfFoO~", c) >= 0:
		switch s {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool", true
		case "~", "null", "Null", "NULL":
			return "!!null", true
		}
	}
	return "!!str", true
}

func numberTag(s string) (string, bool) {
	digits := 0
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	switch {
	case digits == len(s) && (s[0] != '0' || len(s) == 1) && len(s) <= 18:
		return "!!int", true
	case digits < len(s) && s[digits] == '.' && digits+1 < len(s) && len(s) <= 30 && allDigits(s[digits+1:]):
		return "!!float", true
	case len(s) == 10 && digits == 4 && s[4] == '-' && s[7] == '-':
		if _, err := time.Parse("2006-01-02", s); err == nil {
			return "!!timestamp", true
		}
	}
	return "", false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
