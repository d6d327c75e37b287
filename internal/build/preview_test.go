package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

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
	p, pres, err := NewPreview(context.Background(), opts)
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
	p, res, err := NewPreview(context.Background(), Options{Source: src, Today: today})
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
