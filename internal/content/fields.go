package content

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/facultyhub/facultyhub/internal/diag"
	"go.yaml.in/yaml/v3"
)

// Pos is a 1-based line and column in a source file.
type Pos struct{ Line, Col int }

// Field is one decoded front-matter value with where it was written.
type Field struct {
	// Value is a string, int, float64, bool, time.Time, []string,
	// []time.Time or Fields, according to the field's type.
	Value any
	// Key is where the key was written; Items where each list item was
	// (a single value counts as a one-item list).
	Key   Pos
	Items []Pos
}

// Fields maps front-matter keys to their decoded values. A key that was
// absent or empty is not in the map; a key whose value was wrong (and
// reported) is, with a nil Value.
type Fields map[string]Field

// Has reports whether key was written with a value, right or wrong.
func (f Fields) Has(key string) bool { _, ok := f[key]; return ok }

// String returns the text value of key, or "".
func (f Fields) String(key string) string { s, _ := f[key].Value.(string); return s }

// List returns the list value of key (a single value as one item), or nil.
func (f Fields) List(key string) []string {
	switch v := f[key].Value.(type) {
	case []string:
		return v
	case string:
		return []string{v}
	}
	return nil
}

// Date returns the date value of key, or the zero time.
func (f Fields) Date(key string) time.Time { t, _ := f[key].Value.(time.Time); return t }

// Dates returns the dates of a DateList key.
func (f Fields) Dates(key string) []time.Time {
	switch v := f[key].Value.(type) {
	case []time.Time:
		return v
	case time.Time:
		return []time.Time{v}
	}
	return nil
}

// Int returns the whole-number value of key, or 0.
func (f Fields) Int(key string) int { n, _ := f[key].Value.(int); return n }

// Float returns the number value of key, or 0.
func (f Fields) Float(key string) float64 {
	switch v := f[key].Value.(type) {
	case float64:
		return v
	case int:
		return float64(v)
	}
	return 0
}

// Bool returns the boolean value of key, or false.
func (f Fields) Bool(key string) bool { b, _ := f[key].Value.(bool); return b }

// Object returns the nested fields of key, or nil.
func (f Fields) Object(key string) Fields { o, _ := f[key].Value.(Fields); return o }

// decoder turns a front-matter mapping node into Fields, reporting every
// unknown key and wrong type against path.
type decoder struct {
	path  string
	diags *diag.List
}

func (d *decoder) fields(node *yaml.Node, specs []FieldSpec, prefix string) Fields {
	out := Fields{}
	seen := map[string]int{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, v := node.Content[i], node.Content[i+1]
		name := k.Value
		if first, dup := seen[name]; dup {
			d.diags.Errorf(d.path, k.Line, k.Column, "duplicate-key", "%q is written twice (first at line %d); keep one", prefix+name, first)
			continue
		}
		seen[name] = k.Line
		spec, ok := findSpec(specs, name)
		if !ok {
			msg := fmt.Sprintf("unknown key %q", prefix+name)
			if s := Suggest(name, specNames(specs)); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", prefix+s)
			}
			d.diags.Warnf(d.path, k.Line, k.Column, "unknown-key", "%s; it is ignored", msg)
			continue
		}
		if v.Kind == yaml.AliasNode {
			v = v.Alias
		}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			continue
		}
		f, ok := d.value(prefix+name, spec, v)
		if !ok {
			// Written, but with a value already reported as wrong: keep the
			// key so that rules do not also call it missing.
			f = Field{Items: []Pos{{v.Line, v.Column}}}
		}
		f.Key = Pos{k.Line, k.Column}
		out[name] = f
	}
	return out
}

func specNames(specs []FieldSpec) []string {
	names := make([]string, len(specs))
	for i, s := range specs {
		names[i] = s.Name
	}
	return names
}

func (d *decoder) wrongType(name string, spec FieldSpec, v *yaml.Node) {
	got := "a list"
	switch v.Kind {
	case yaml.MappingNode:
		got = "a set of keys"
	case yaml.ScalarNode:
		got = strconv.Quote(v.Value)
	}
	d.diags.Errorf(d.path, v.Line, v.Column, "wrong-type", "%s must be a %s, not %s", name, spec.Type, got)
}

func (d *decoder) value(name string, spec FieldSpec, v *yaml.Node) (Field, bool) {
	at := []Pos{{v.Line, v.Column}}
	scalar := v.Kind == yaml.ScalarNode
	switch spec.Type {
	case Any:
		var x any
		if err := v.Decode(&x); err != nil {
			return Field{}, false
		}
		return Field{Value: x, Items: at}, true
	case String, URL, URLOrEmail, Email, Slug:
		if !scalar {
			break
		}
		return Field{Value: strings.TrimSpace(v.Value), Items: at}, true
	case Int:
		if n, err := strconv.Atoi(v.Value); scalar && v.Tag == "!!int" && err == nil {
			return Field{Value: n, Items: at}, true
		}
	case Number:
		if x, err := strconv.ParseFloat(v.Value, 64); scalar && (v.Tag == "!!int" || v.Tag == "!!float") && err == nil {
			return Field{Value: x, Items: at}, true
		}
	case Bool:
		if scalar && v.Tag == "!!bool" {
			return Field{Value: v.Value == "true", Items: at}, true
		}
	case Date:
		if !scalar {
			break
		}
		t, ok := d.date(name, v)
		return Field{Value: t, Items: at}, ok
	case DateList:
		var dates []time.Time
		var items []Pos
		ok := true
		for _, item := range listItems(v) {
			if item.Kind != yaml.ScalarNode {
				d.wrongType(name, spec, item)
				return Field{}, false
			}
			t, good := d.date(name, item)
			ok = ok && good
			dates = append(dates, t)
			items = append(items, Pos{item.Line, item.Column})
		}
		return Field{Value: dates, Items: items}, ok
	case SlugList, SlugOrList, StringList:
		var list []string
		var items []Pos
		for _, item := range listItems(v) {
			if item.Kind != yaml.ScalarNode {
				d.wrongType(name, spec, item)
				return Field{}, false
			}
			list = append(list, strings.TrimSpace(item.Value))
			items = append(items, Pos{item.Line, item.Column})
		}
		return Field{Value: list, Items: items}, true
	case Object:
		if v.Kind != yaml.MappingNode {
			break
		}
		return Field{Value: d.fields(v, spec.Fields, name+"."), Items: at}, true
	}
	d.wrongType(name, spec, v)
	return Field{}, false
}

// listItems returns the items of a sequence, or a scalar as one item.
func listItems(v *yaml.Node) []*yaml.Node {
	if v.Kind == yaml.SequenceNode {
		return v.Content
	}
	return []*yaml.Node{v}
}

func (d *decoder) date(name string, v *yaml.Node) (time.Time, bool) {
	t, err := ParseDate(v.Value)
	if err != nil {
		d.diags.Errorf(d.path, v.Line, v.Column, "bad-date", "%s: %q is not a real date; write it as YYYY-MM-DD, e.g. 2026-03-31", name, v.Value)
		return time.Time{}, false
	}
	return t, true
}

// ParseDate reads a date as YYYY-MM-DD or an RFC 3339 timestamp. Impossible
// dates such as 2026-02-30 are errors.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, s)
}

// At returns where item i of the value was written, falling back to the
// key for an empty list or an index out of range.
func (f Field) At(i int) Pos {
	if i >= 0 && i < len(f.Items) {
		return f.Items[i]
	}
	return f.Key
}
