package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/facultyhub/facultyhub/internal/search"
	"github.com/facultyhub/facultyhub/internal/sitetest"
)

// TestPreviewMatchesBuild: every file of an unminified build of the
// shipped site, pages rendered on demand included, is what the preview
// serves under the same name, and the preview's link check agrees.
func TestPreviewMatchesBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: "../..", Dest: dest, Today: today, NoMinify: true, BaseURL: "http://127.0.0.1:1313/"}
	res, err := Build(context.Background(), opts)
	if err != nil || res.Failed() {
		t.Fatalf("%v %v", err, res.Diagnostics)
	}
	p, pres, err := NewPreview(context.Background(), opts, nil)
	if err != nil || pres.Failed() {
		t.Fatalf("%v %v", err, pres.Diagnostics)
	}
	if pres.Pages != res.Pages {
		t.Errorf("preview has %d pages, the build %d", pres.Pages, res.Pages)
	}
	n := 0
	err = filepath.WalkDir(dest, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name, _ := filepath.Rel(dest, path)
		name = filepath.ToSlash(name)
		want, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		got, ok, err := p.File(name)
		switch {
		case err != nil:
			t.Errorf("%s: %v", name, err)
		case !ok:
			t.Errorf("%s: the preview has no such file", name)
		case string(got) != string(want):
			t.Errorf("%s: the preview serves %d bytes that differ from the build's %d", name, len(got), len(want))
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != res.Files {
		t.Errorf("compared %d files, the build wrote %d", n, res.Files)
	}
	if _, ok, _ := p.File("faculties/no-such-faculty/index.html"); ok {
		t.Error("the preview serves a page the site does not have")
	}
	diags, err := p.CheckLinks(context.Background())
	if err != nil || len(diags) != 0 {
		t.Errorf("link check of the preview: %v %v", err, diags)
	}
}

// TestPreviewLinkCheckFindsBrokenLinks: a layout's dangling link, which
// only the rendered output shows, is reported with the page's source.
func TestPreviewLinkCheckFindsBrokenLinks(t *testing.T) {
	src := t.TempDir()
	sitetest.Write(t, src, sitetest.Valid(t, map[string]string{
		"layouts/page.html": `{{define "main"}}<h1>{{.Title}}</h1><a href="/nowhere/">lost</a>{{end}}`,
	}))
	p, res, err := NewPreview(context.Background(), Options{Source: src, Today: today}, nil)
	if err != nil || res.Failed() {
		t.Fatalf("%v %v", err, res.Diagnostics)
	}
	diags, err := p.CheckLinks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) == 0 || diags[0].Path != "content/about.md" || diags[0].Code != "broken-output-link" {
		t.Errorf("got %v, want a broken-output-link on content/about.md", diags)
	}
}

// TestPreviewUpdatesTheSearchIndex: a preview made after one whose index
// was asked for updates that index with what changed — the new title is
// in it, the old one gone, and most files are the ones before — and a
// preview after one that never made its index makes a new one.
func TestPreviewUpdatesTheSearchIndex(t *testing.T) {
	src := t.TempDir()
	const page = "content/about.md"
	sitetest.Write(t, src, sitetest.Valid(t, map[string]string{page: "---\ntitle: About the hub\n---\nText.\n"}))
	cache := NewCache()
	searchFiles := func(p *Preview) map[string]string {
		t.Helper()
		if _, ok, err := p.File(search.ManifestPath); !ok || err != nil {
			t.Fatalf("no manifest: %v", err)
		}
		out := map[string]string{}
		for name, data := range p.searchFiles {
			out[name] = string(data)
		}
		return out
	}
	contains := func(files map[string]string, s string) bool {
		for _, data := range files {
			if strings.Contains(data, s) {
				return true
			}
		}
		return false
	}
	first, res, err := NewPreview(context.Background(), Options{Source: src, Today: today, Cache: cache}, nil)
	if err != nil || res.Failed() {
		t.Fatalf("%v %v", err, res.Diagnostics)
	}
	before := searchFiles(first)
	sitetest.Write(t, src, fstest.MapFS{page: {Data: []byte("---\ntitle: Who runs the preview\n---\nText.\n")}})
	second, res, err := NewPreview(context.Background(), Options{Source: src, Today: today, Cache: cache}, first)
	if err != nil || res.Failed() {
		t.Fatalf("%v %v", err, res.Diagnostics)
	}
	if second.baseIndex == nil {
		t.Fatal("the second preview did not take the first one's index")
	}
	after := searchFiles(second)
	if !contains(after, "Who runs the preview") || contains(after, "About the hub") {
		t.Error("the updated index does not hold the new title in place of the old")
	}
	same := 0
	for name, data := range after {
		if before[name] == data {
			same++
		}
	}
	if same == 0 || same == len(after) {
		t.Errorf("%d of %d files unchanged: want an update of some shards", same, len(after))
	}
	if !contains(before, "About the hub") {
		t.Error("the first preview's files changed under it")
	}
	third, _, err := NewPreview(context.Background(), Options{Source: src, Today: today, Cache: cache}, second)
	if err != nil {
		t.Fatal(err)
	}
	fourth, _, err := NewPreview(context.Background(), Options{Source: src, Today: today, Cache: cache}, third)
	if err != nil {
		t.Fatal(err)
	}
	// third never made its index: it hands on the one it took, which
	// fourth updates from the corpus it came with (the serve's dropped
	// builds rely on this).
	if fourth.baseIndex == nil || third.baseIndex != nil {
		t.Error("a preview that made no index did not hand on the one it took")
	}
	if files := searchFiles(fourth); !contains(files, "Who runs the preview") {
		t.Error("a new index lacks the page")
	}
}
