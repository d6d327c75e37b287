package search

import (
	"bytes"
	"compress/gzip"
	"os"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/bench/corpus"
	"github.com/facultyhub/facultyhub/internal/config"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/site"
)

// nationalSite loads the generated national-scale corpus (42 faculties,
// about 15,600 pages) into a site graph.
func nationalSite(tb testing.TB) *site.Site {
	tb.Helper()
	src := tb.TempDir()
	if _, err := corpus.Write(src, corpus.Options{}); err != nil {
		tb.Fatal(err)
	}
	fsys := os.DirFS(src)
	cfg, _ := config.Load(fsys)
	hub, _ := content.Load(fsys)
	return site.New(cfg, hub, site.Options{Today: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
}

// BenchmarkIndexNational indexes the national-scale corpus the way the
// build's index phase does: the site graph to encoded files. Run it with
//
//	go test ./internal/search -run XXX -bench IndexNational -count 5
//
// It reports the files written and their size, raw and gzipped.
func BenchmarkIndexNational(b *testing.B) {
	s := nationalSite(b)
	b.ResetTimer()
	var files []File
	for b.Loop() {
		files = New(FromSite(s), Options{}).Files()
	}
	b.StopTimer()
	var raw, gz int
	for _, f := range files {
		raw += len(f.Data)
		gz += gzipSize(f.Data)
	}
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(raw)/1e6, "MB")
	b.ReportMetric(float64(gz)/1e6, "MB-gzip")
}

func gzipSize(data []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	zw.Write(data)
	zw.Close()
	return buf.Len()
}

// BenchmarkIndexNationalCached indexes the national-scale corpus the
// way a build after a small change does: a Fixed index from the
// analyses and postings the last build left in its cache, one page's
// title changed (a new word in it), nothing else analysed anew.
//
//	go test ./internal/search -run XXX -bench IndexNationalCached -count 5
func BenchmarkIndexNationalCached(b *testing.B) {
	s := nationalSite(b)
	cache := NewAnalyses()
	corpus := FromSite(s)
	New(corpus, Options{Analyses: cache, Fixed: true})
	encoded := encoded(cache)
	corpus.Documents[100].Title += " zebra"
	b.ResetTimer()
	for b.Loop() {
		a, err := DecodeAnalyses(encoded)
		if err != nil {
			b.Fatal(err)
		}
		New(corpus, Options{Analyses: a, Fixed: true}).Files()
	}
}
