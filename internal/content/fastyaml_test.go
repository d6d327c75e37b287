package content

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/facultyhub/facultyhub/bench/corpus"
	"go.yaml.in/yaml/v3"
)

// sameNodes describes the first difference between two node trees, or
// returns "".
func sameNodes(got, want *yaml.Node, at string) string {
	if got.Kind != want.Kind || got.Style != want.Style || got.Tag != want.Tag || got.Value != want.Value ||
		got.Line != want.Line || got.Column != want.Column || got.Anchor != want.Anchor ||
		got.HeadComment != want.HeadComment || got.LineComment != want.LineComment || got.FootComment != want.FootComment ||
		len(got.Content) != len(want.Content) {
		return fmt.Sprintf("%s: got %+v, yaml.v3 %+v", at, *got, *want)
	}
	for i := range got.Content {
		if d := sameNodes(got.Content[i], want.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// yamlv3Root is what parseYAML returned before the simple parser: the
// document's root node from yaml.v3, or ok false if yaml.v3 rejects src
// or finds nothing in it.
func yamlv3Root(src []byte) (*yaml.Node, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil || len(doc.Content) == 0 {
		return nil, false
	}
	return doc.Content[0], true
}

// checkSimpleYAML fails if the simple parser accepts src and its tree is
// not yaml.v3's.
func checkSimpleYAML(t *testing.T, src []byte) (accepted bool) {
	t.Helper()
	got, ok := parseSimpleYAML(src)
	if !ok {
		return false
	}
	want, ok := yamlv3Root(src)
	if !ok {
		t.Fatalf("the simple parser accepted what yaml.v3 rejects:\n%s", src)
	}
	if d := sameNodes(got, want, ""); d != "" {
		t.Fatalf("%s\nin:\n%s", d, src)
	}
	return true
}

// TestSimpleYAMLMatchesYAMLv3 holds the simple parser to yaml.v3 on
// every front matter of a generated corpus and of the shipped site, and
// on cases at the edges of what it accepts; it fails too if the parser
// leaves most generated front matter to yaml.v3, which would make it
// pointless.
func TestSimpleYAMLMatchesYAMLv3(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Scale: corpus.ScaleSmall}); err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{dir, "../.."} {
		var files, accepted int
		err := filepath.WalkDir(filepath.Join(root, "content"), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			format, raw, _, found := cutFrontMatter(src)
			if !found || format != "yaml" {
				return nil
			}
			files++
			if checkSimpleYAML(t, raw) {
				accepted++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if root == dir && accepted < files*9/10 {
			t.Errorf("the simple parser took %d of %d generated front matters; want nine in ten", accepted, files)
		}
	}
	for _, src := range []string{
		"title: x\n", "title: x", "a: 1\nb: 0\nc: 007\nd: 2027-09-27\ne: 2027-9-27\nf: 2027-02-30\n",
		"a: true\nb: False\nc: yes\nd: on\ne: null\nf: ~\ng: NULL\nh: nil\n", "true: x\n", "on: x\n",
		"a: 'quoted: yes'\nb: \"double # not a comment\"\nc: ''\nd: \"\"\n", "a: 'it''s'\n", "a: \"it's: x\"\n", "a: 'say \"hi\": x'\n", "a: 'back\\slash'\n", "a: \"\"\"\n", "a: \"x\\ty\"\n",
		"a: x # comment\n", "# comment\na: x\n", "a: x#y\n", "a: x:y\n", "a: x: y\n", "a: x:\n", "a: http://x/#y\n",
		"list:\n  - a\n  - b\nnext: c\n", "list:\n- a\n- 'b'\n", "list:\n  - a\n  b: c\n", "list:\n  - a\n    more\n",
		"map:\n  a: b\n  c: 'd'\nnext:\n", "map:\n  a: b\n    c\n", "map:\n  a:\n", "empty:\n\nnext: x\n", "empty:\n",
		"a:  spaced\n", "a: trailing \n", "a:\tx\n", "a: x\r\nb: y\r\n", "a: x\n  continued\n", "a: [x, y]\n", "a: {x: y}\n",
		"a: |\n  block\n", "a: >\n  folded\n", "a: &x y\nb: *x\n", "a: !!str 1\n", "---\na: x\n", "a: x\n---\nb: y\n",
		"a: x\na: y\n", "A_b-1: x\n", "1a: x\n", "-a: x\n", "a: -x\n", "a: - x\n", "a: ?x\n", "a: @x\n", "a: `x`\n",
		"a: caf\u00e9 \u2014 \U0001F600\n", "a: [caf\u00e9, b]\n", "a: []\n", "a: [x,y]\n", "a: [ x ]\n", "a: [x, 'y']\n", "a: [x, [y]]\n", "a: [1, true, 2027-01-01]\n", "a: {b: c, d: e f}\n", "a: {}\n", "a: {b: c,d: e}\n", "a: {b: [c]}\n", "a: { b: c }\n", "a: {b: c: d}\n", "a: {b: caf\u00e9, c: d}\n", "a: {true: x}\n", "a: {b: \"c, d: e\", f: 'g, h'}\n", "a: [\"x, y\", 'z']\n", "a: [x, \"y\" z]\n", "a: {b: \"c\"d}\n", "a: {b: \"c}\n", "a: [a\"b, c]\n", "a: {b: x \"y\"}\n", "a: \u0085\n", "a: x\u2028y\n", "a: \xff\n", "\ufeffa: x\n", "a: 12345678901234567890\n",
		"a: 1_000\n", "a: 0x1F\n", "a: .5\n", "a: 1.5\n", "a: 07.50\n", "a: 1.\n", "a: 1.2.3\n", "a: +1\n", "a: 1e3\n", " a: x\n", "a:\n   - x\n", "a:\n - x\n",
	} {
		checkSimpleYAML(t, []byte(src))
	}
}

// FuzzSimpleYAML: whatever the simple parser accepts, yaml.v3 parses to
// the same tree.
func FuzzSimpleYAML(f *testing.F) {
	for _, s := range []string{"title: x\nlist:\n  - a\nmap:\n  k: 'v'\nd: 2027-09-27\nn: 12\n", "a:\n- b\n", "a: \"b\"\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if bytes.Contains(src, []byte("\x00")) {
			return
		}
		checkSimpleYAML(t, src)
	})
}
