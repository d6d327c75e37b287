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
	"github.com/facultyhub/facultyhub/internal/sitetest"
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

// TestMinifiedLayoutsOfAnySite: a site's own layout with actions in
// awkward places — in attribute lists, in <pre>, in an inline style and
// script, trimmed with {{- -}} — renders the same page minified as not,
// and <pre> keeps its whitespace.
func TestMinifiedLayoutsOfAnySite(t *testing.T) {
	layout := `{{define "main"}}<h1 {{if .Title}}class="t"{{end}} id="{{.Kind}}-h">{{.Title}}</h1>
<pre>  {{.Title}}
    indented   {{- " kept" -}}   </pre>
<p style="color: {{if eq .Kind "page"}}#212b32{{else}}#005eb8{{end}}">a  <b>b</b>  {{.Kind}} c</p>
<script type="application/ld+json">{"name": {{.Title}}}</script>
{{/* a comment */}}<ul>
  {{range .Breadcrumbs}}<li><a href="{{relURL .URL}}">{{.Title}}</a></li>
  {{end}}</ul>{{end}}`
	src := t.TempDir()
	sitetest.Write(t, src, sitetest.Valid(t, map[string]string{"layouts/page.html": layout}))
	pages := map[bool]string{}
	for _, noMinify := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "public")
		res, err := Build(context.Background(), Options{Source: src, Dest: dest, Today: today, NoMinify: noMinify})
		if err != nil || res.Failed() {
			t.Fatalf("%v %v", err, res.Diagnostics)
		}
		page, err := os.ReadFile(filepath.Join(dest, "about", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		pages[noMinify] = string(page)
	}
	// The inline style and script keep their spaces (the minifier leaves
	// CSS and JS with actions in them alone), so the test is that the
	// page is the same page: minified whole, both come out the same.
	m := output.NewMinifier()
	want, err := m.Bytes("about/index.html", []byte(pages[true]))
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.Bytes("about/index.html", []byte(pages[false]))
	if err != nil {
		t.Fatal(err)
	}
	blank := func(b []byte) string { return string(fingerprint.ReplaceAll(b, []byte(".#.$1"))) }
	if blank(got) != blank(want) {
		t.Errorf("the page from minified layouts differs from the page minified whole:\n%s\n%s", got, want)
	}
	if !strings.Contains(pages[false], "<pre>  About\n    indented kept</pre>") {
		t.Errorf("<pre> lost its whitespace: %s", pages[false])
	}
}
