package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/facultyhub/facultyhub/internal/output"
	"golang.org/x/net/html"
)

var fingerprint = regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js)\b`)

// TestMinifiedLayoutsKeepEveryPage builds the shipped site twice: with
// minified layouts, as deployed, and as rendered, minifying each page
// afterwards instead. Every page must hold the same elements, attributes
// and text in the same order; only whitespace may differ.
func TestMinifiedLayoutsKeepEveryPage(t *testing.T) {
	minified := filepath.Join(t.TempDir(), "minified")
	plain := filepath.Join(t.TempDir(), "plain")
	for _, b := range []struct {
		dest     string
		noMinify bool
	}{{minified, false}, {plain, true}} {
		res, err := Build(context.Background(), Options{Source: "../..", Dest: b.dest, Today: today, NoMinify: b.noMinify})
		if err != nil || res.Failed() {
			t.Fatalf("%v %v", err, res.Diagnostics)
		}
	}
	minifier := output.NewMinifier()
	n := 0
	err := filepath.WalkDir(plain, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(plain, p)
		page, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		want, err := minifier.Bytes(rel, page)
		if err != nil {
			return err
		}
		got, err := os.ReadFile(filepath.Join(minified, rel))
		if err != nil {
			return err
		}
		if g, w := tokens(got), tokens(want); !slices.Equal(g, w) {
			i := 0
			for i < min(len(g), len(w)) && g[i] == w[i] {
				i++
			}
			t.Errorf("%s differs at token %d:\n got %q\nwant %q", rel, i, g[i:min(i+3, len(g))], w[i:min(i+3, len(w))])
		}
		if len(got) > len(want)*102/100 {
			t.Errorf("%s: %d bytes, more than 2%% over the %d of a minified page", rel, len(got), len(want))
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 200 {
		t.Fatalf("only %d pages compared", n)
	}
}

// tokens lists a page's tags with their attributes, and its text with
// runs of whitespace made one space; whitespace-only text is left out.
// Fingerprints are blanked (the CSS and script are minified in one build
// only), and so is SVG path data, which only a page's minifier shortens.
func tokens(page []byte) []string {
	var out []string
	page = fingerprint.ReplaceAll(page, []byte(".#.$1"))
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.TextToken:
			if s := strings.Join(strings.Fields(string(z.Text())), " "); s != "" {
				out = append(out, s)
			}
		default:
			tok := z.Token()
			if tok.Data == "path" {
				tok.Attr = nil // SVG path data is written more tightly by the page minifier
			}
			out = append(out, tok.String())
		}
	}
}
