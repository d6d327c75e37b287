package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/bench/corpus"
)

// TestCheckUnseenCorpus checks a generated tree with invented regions,
// systems, professions and vocabularies: nothing may pass or fail because
// something about England is hard-coded.
func TestCheckUnseenCorpus(t *testing.T) {
	for _, variant := range []string{corpus.VariantUnseen, corpus.VariantShipped} {
		t.Run(variant, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := corpus.Write(dir, corpus.Options{Scale: corpus.ScaleSmall, Seed: 7, Variant: variant}); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := execute(t, "check", "--source", dir, "--now", "2026-11-25")
			if code != 0 || strings.Contains(out, "error:") {
				t.Fatalf("exit %d\n%s%s", code, out, errOut)
			}
		})
	}
}

// BenchmarkCheckNational checks the national-scale generated corpus
// (42 faculties × 370 files, about 15,600 files) the way `facultyhub check`
// does, without printing. Run it with
//
//	go test ./internal/cli -run XXX -bench CheckNational -count 6
func BenchmarkCheckNational(b *testing.B) {
	dir := b.TempDir()
	stats, err := corpus.Write(dir, corpus.Options{Scale: corpus.ScaleNational})
	if err != nil {
		b.Fatal(err)
	}
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for b.Loop() {
		hub, _, diags := Inspect(dir, day)
		if diags.HasErrors() {
			b.Fatalf("the corpus has errors: %v", diags[0])
		}
		if len(hub.Documents)+len(hub.Files) < stats.Files-10 {
			b.Fatalf("read %d files of %d", len(hub.Documents)+len(hub.Files), stats.Files)
		}
	}
	b.ReportMetric(float64(stats.Files), "files")
}
