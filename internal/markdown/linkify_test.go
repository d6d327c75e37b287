package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/facultyhub/facultyhub/bench/corpus"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// goldmarkLinkify renders src with goldmark's own extension.Linkify and
// otherwise our configuration.
func goldmarkLinkify(t testing.TB, src []byte) string {
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Linkify, extension.Strikethrough),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, src, doc); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func ours(t testing.TB, src []byte) string {
	var b bytes.Buffer
	if err := New(Options{}).Render(&b, src, nil); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestLinkifyAsGoldmark renders every body of a generated corpus and of
// the shipped site, and cases around autolinks, with our autolink parser
// and with goldmark's, and fails on any difference.
func TestLinkifyAsGoldmark(t *testing.T) {
	var sources [][]byte
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Scale: corpus.ScaleSmall}); err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{dir, "../.."} {
		err := filepath.WalkDir(filepath.Join(root, "content"), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return err
			}
			src, err := os.ReadFile(path)
			sources = append(sources, src)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []string{
		"Write to a@example.org or see www.example.org and https://example.org/x.",
		"Plain words only, over\ntwo lines, and a third\nwith an@address.org at the end",
		"*www.example.org* _https://x.org_ ~a@b.co~ (http://x.org) [label https://x.org](http://y.org)",
		"| a | b |\n| --- | --- |\n| no link | x@y.org |\n| www.a.org | plain |",
		"Note: nothing here. ftp://files.example.org and mailto:a@b.org",
		"`code www.example.org` and <https://example.org> and an email@with no domain",
		"a@b. a.b@c.d- www.x https:// http:x user@host",
		"- item one\n- item www.two.org\n  continued a@b.org\n\n> quote https://q.org\n",
	} {
		sources = append(sources, []byte(s))
	}
	for _, src := range sources {
		if got, want := ours(t, src), goldmarkLinkify(t, src); got != want {
			t.Fatalf("rendered differently:\n%s\nours:\n%s\ngoldmark's:\n%s", src, got, want)
		}
	}
}

// FuzzLinkify: our autolink parser renders whatever goldmark's renders,
// as goldmark's does.
func FuzzLinkify(f *testing.F) {
	for _, s := range []string{"see www.example.org", "a@b.org x", "plain text\nhttps://x.org", "| a |\n| - |\n| b@c.de |"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if got, want := ours(t, src), goldmarkLinkify(t, src); got != want {
			t.Fatalf("ours %q, goldmark's %q", got, want)
		}
	})
}
