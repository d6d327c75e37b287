package content_test

import (
	"io/fs"
	"os"
	"path"
	"testing"

	"github.com/facultyhub/facultyhub/bench/corpus"
	"github.com/facultyhub/facultyhub/internal/content"
)

// BenchmarkLoadNational loads the national-scale generated corpus (42
// faculties, about 15,600 Markdown files) the way the build's load phase
// does: every file read, its front matter decoded and typed. Run it with
//
//	go test ./internal/content -run XXX -bench LoadNational -count 5
//
// MB/s counts the Markdown and YAML read, not the images and PDFs, which
// Load only lists.
func BenchmarkLoadNational(b *testing.B) {
	dir := b.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{}); err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS(dir)
	b.SetBytes(sourceBytes(b, fsys))
	var hub *content.Hub
	for b.Loop() {
		hub, _ = content.Load(fsys)
	}
	b.ReportMetric(float64(len(hub.Documents)), "docs")
	b.ReportMetric(float64(len(hub.Files)), "files")
}

// sourceBytes sums the sizes of the Markdown and YAML files under content/.
func sourceBytes(tb testing.TB, fsys fs.FS) int64 {
	tb.Helper()
	var n int64
	err := fs.WalkDir(fsys, content.ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !content.IsMarkdown(p) && path.Ext(p) != ".yaml" {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n += info.Size()
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}
