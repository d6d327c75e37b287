package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/facultyhub/facultyhub/bench/corpus"
)

// BenchmarkBuildNational builds the national-scale generated corpus
// (42 faculties, about 15,600 pages of content) with minification, the
// way `facultyhub build` does. Run it with
//
//	go test ./internal/build -run XXX -bench BuildNational -count 5
func BenchmarkBuildNational(b *testing.B) {
	src := b.TempDir()
	if _, err := corpus.Write(src, corpus.Options{}); err != nil {
		b.Fatal(err)
	}
	dest := filepath.Join(b.TempDir(), "public")
	b.ResetTimer()
	for b.Loop() {
		res, err := Build(context.Background(), Options{Source: src, Dest: dest, Today: today})
		if err != nil || res.Failed() {
			b.Fatalf("%v %v", err, res.Diagnostics)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
}

// BenchmarkPreviewNational prepares the preview of the national-scale
// corpus again after one placement's title changed, as `facultyhub
// serve` does after a save: load with the cache (only the edited file is
// read), checks, graph, page list and theme. Pages are rendered on
// demand, so none is; bench/serve times the whole save-to-reload path.
// It runs with Go's default collector settings, as serve does.
//
//	go test ./internal/build -run XXX -bench PreviewNational -count 5
func BenchmarkPreviewNational(b *testing.B) {
	src := b.TempDir()
	if _, err := corpus.Write(src, corpus.Options{}); err != nil {
		b.Fatal(err)
	}
	var edited string
	err := filepath.WalkDir(filepath.Join(src, "content", "faculties"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && edited == "" && filepath.Base(filepath.Dir(p)) == "placements" && strings.HasSuffix(p, ".md") {
			edited = p
		}
		return err
	})
	if err != nil || edited == "" {
		b.Fatalf("no placement to edit: %v", err)
	}
	original, err := os.ReadFile(edited)
	if err != nil {
		b.Fatal(err)
	}
	rel, _ := filepath.Rel(src, edited)
	cache := NewCache()
	cache.TrustChanges()
	opts := Options{Source: src, Today: today, Cache: cache}
	last, res, err := NewPreview(context.Background(), opts, nil)
	if err != nil || res.Failed() {
		b.Fatalf("%v %v", err, res.Diagnostics)
	}
	n := 0
	b.ResetTimer()
	for b.Loop() {
		n++
		b.StopTimer()
		data := bytes.Replace(original, []byte("title: "), fmt.Appendf(nil, "title: Edit %d ", n), 1)
		if err := os.WriteFile(edited, data, 0o644); err != nil {
			b.Fatal(err)
		}
		cache.Changed(filepath.ToSlash(rel))
		b.StartTimer()
		next, res, err := NewPreview(context.Background(), opts, last)
		if err != nil || res.Failed() {
			b.Fatalf("%v %v", err, res.Diagnostics)
		}
		last = next
	}
}
