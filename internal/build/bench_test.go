package build

import (
	"context"
	"path/filepath"
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
