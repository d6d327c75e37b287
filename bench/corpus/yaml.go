package corpus

import (
	"strconv"
	"strings"
	"time"
)

// frontMatter writes YAML front matter the way people write it by hand:
// plain scalars where YAML allows them, quotes only where it needs them, and
// a mix of block and flow lists.
type frontMatter struct{ b strings.Builder }

func newFrontMatter() *frontMatter {
	f := &frontMatter{}
	f.b.WriteString("---\n")
	return f
}

// str writes key: value.
func (f *frontMatter) str(key, val string) { f.line("", key, yamlString(val)) }

// date writes key: YYYY-MM-DD.
func (f *frontMatter) date(key string, t time.Time) { f.line("", key, ymd(t)) }

// int writes key: n.
func (f *frontMatter) int(key string, n int) { f.line("", key, strconv.Itoa(n)) }

// num writes key: x with no trailing zeros.
func (f *frontMatter) num(key string, x float64) {
	f.line("", key, strconv.FormatFloat(x, 'f', -1, 64))
}

// list writes key: followed by a list of strings, in flow style ([a, b]) or
// block style (one "- a" per line).
func (f *frontMatter) list(key string, vals []string, flow bool) {
	quoted := make([]string, len(vals))
	for i, v := range vals {
		quoted[i] = yamlString(v)
	}
	if flow {
		for i, v := range vals {
			if strings.ContainsAny(v, ",[]{}") {
				quoted[i] = strconv.Quote(v)
			}
		}
		f.line("", key, "["+strings.Join(quoted, ", ")+"]")
		return
	}
	f.b.WriteString(key + ":\n")
	for _, v := range quoted {
		f.b.WriteString("  - " + v + "\n")
	}
}

// dates writes key: followed by a block list of days.
func (f *frontMatter) dates(key string, days []time.Time) {
	f.b.WriteString(key + ":\n")
	for _, d := range days {
		f.b.WriteString("  - " + ymd(d) + "\n")
	}
}

// object writes a nested mapping of strings, as an indented block or in
// flow style ({a: b, c: d}).
func (f *frontMatter) object(key string, pairs [][2]string, flow bool) {
	if flow {
		parts := make([]string, len(pairs))
		for i, p := range pairs {
			v := yamlString(p[1])
			if strings.ContainsAny(p[1], ",[]{}") && !strings.HasPrefix(v, `"`) {
				v = strconv.Quote(p[1])
			}
			parts[i] = p[0] + ": " + v
		}
		f.line("", key, "{"+strings.Join(parts, ", ")+"}")
		return
	}
	f.b.WriteString(key + ":\n")
	for _, p := range pairs {
		f.line("  ", p[0], yamlString(p[1]))
	}
}

func (f *frontMatter) line(indent, key, val string) {
	f.b.WriteString(indent + key + ": " + val + "\n")
}

// end closes the front matter and returns it.
func (f *frontMatter) end() string {
	f.b.WriteString("---\n\n")
	return f.b.String()
}

// yamlString returns s as a plain YAML scalar if it would read back as the
// same string, otherwise double-quoted.
func yamlString(s string) string {
	if needsQuotes(s) {
		return strconv.Quote(s)
	}
	return s
}

// needsQuotes reports whether a plain scalar s would be read as something
// other than the string s, or not parse at all.
func needsQuotes(s string) bool {
	if s == "" || s != strings.TrimSpace(s) {
		return true
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(s[0])) {
		return true
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return true
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~":
		return true
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return true
	}
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return true
	}
	for _, r := range s {
		if r < ' ' || r == 0x7f {
			return true
		}
	}
	return false
}
