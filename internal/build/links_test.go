package build

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// tokenizerLinks is the reference for scanLinks: the same question
// answered by golang.org/x/net/html's tokenizer.
func tokenizerLinks(page []byte) (links []string, ids map[string]bool) {
	ids = map[string]bool{}
	seen := map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return links, ids
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		_, more := z.TagName()
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			switch string(k) {
			case "id":
				ids[string(v)] = true
			case "href", "src":
				s := string(v)
				if (strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") || strings.HasPrefix(s, "#")) && !seen[s] {
					seen[s] = true
					links = append(links, s)
				}
			}
		}
	}
}

func sameLinks(t *testing.T, name string, page []byte) {
	t.Helper()
	gotLinks, gotIDs := scanLinks(page)
	wantLinks, wantIDs := tokenizerLinks(page)
	if !slices.Equal(gotLinks, wantLinks) {
		t.Errorf("%s: links\n got %q\nwant %q", name, gotLinks, wantLinks)
	}
	want := slices.Sorted(maps.Keys(wantIDs))
	if !slices.Equal(gotIDs, want) {
		t.Errorf("%s: ids\n got %q\nwant %q", name, gotIDs, want)
	}
}

// linkFragments are pages that have tripped HTML scanners: the seeds of
// FuzzScanLinks and the cases of TestScanLinksFragments.
var linkFragments = []string{
	`<a href="/a/">x</a><a href='/b/'>y</a><a href=/c/>z</a><a HREF="/d/">`,
	`<img src="/i.png" alt=""><img src=//cdn.example/x.png><a href="https://example.org/">`,
	`<a href="#top" id="top">`, `<h2 id=details>`, `<p id = "spaced" >`,
	`<a href="/q/?a=1&amp;b=2">`, `<a href="/e/&#35;x">`,
	`<!-- <a href="/commented/"> --><a href="/after/">`,
	`<script>var s = '<a href="/in-script/">';</script><a href="/after-script/">`,
	`<style>a[href="/in-style/"]{}</style>`, `<SCRIPT>x</SCRIPT ><a href="/upper/">`,
	`<title>a <a href="/in-title/"></title>`, `<textarea><a href="/in-textarea/"></textarea>`,
	`<p>1 < 2 and <a href="/lt/">ok</a></p>`, `</a href="/end-tag/"><br/><a/href="/slash/">`,
	`<!DOCTYPE html><html lang="en"><a href="/doc/">`, `<a href="/unclosed`, `<a href=`, `<a`, `<`,
	`<a href="/same/"><a href="/same/">`, `<a href="/q/?a=1&amp;b=2"><a href="/q/?a=1&b=2"><p id="a&amp;b"><p id="a&b">`, `<input disabled id="x"><a download href="/f.pdf">`,
	`<a href="/a/"/><a\thref="/tab/"\n>`, `<script>no end <a href="/x/">`,
}

func TestScanLinksFragments(t *testing.T) {
	for _, page := range linkFragments {
		sameLinks(t, page, []byte(page))
	}
}

// FuzzScanLinks: the scanner never panics, and on well-formed HTML —
// any input as golang.org/x/net/html parses and writes it back, which is
// the kind of HTML the build writes — it finds what the tokenizer finds.
// go test ./internal/build -run XXX -fuzz FuzzScanLinks
func FuzzScanLinks(f *testing.F) {
	for _, page := range linkFragments {
		f.Add(page)
	}
	f.Fuzz(func(t *testing.T, page string) {
		scanLinks([]byte(page))
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := html.Render(&b, doc); err != nil {
			return
		}
		sameLinks(t, "well-formed page", b.Bytes())
	})
}

// TestScanLinksOverShippedSite holds the scanner to the tokenizer over
// every page of the shipped site, minified as deployed and unminified.
func TestScanLinksOverShippedSite(t *testing.T) {
	for _, minify := range []bool{true, false} {
		dest := filepath.Join(t.TempDir(), "public")
		res, err := Build(context.Background(), Options{Source: "../..", Dest: dest, Today: today, NoMinify: !minify})
		if err != nil || res.Failed() {
			t.Fatalf("%v %v", err, res.Diagnostics)
		}
		n := 0
		err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !strings.HasSuffix(p, ".html") {
				return err
			}
			page, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			n++
			sameLinks(t, p, page)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n < 200 {
			t.Fatalf("only %d pages compared", n)
		}
	}
}
