package search

import (
	"bytes"
	"slices"
	"testing"
)

// TestAnalysesGiveTheSameIndex indexes a corpus, carries the analyses
// through Encode and DecodeAnalyses as the build cache does, changes one
// document and indexes again: the files must be those of an index made
// without them, and only the changed document may be analysed anew.
func TestAnalysesGiveTheSameIndex(t *testing.T) {
	same := func(x, y File) bool { return x.Path == y.Path && string(x.Data) == string(y.Data) }
	corpus := testCorpus()
	cache := NewAnalyses()
	if got, want := New(corpus, Options{TermShardBytes: 64, Analyses: cache}).Files(), New(corpus, Options{TermShardBytes: 64}).Files(); !slices.EqualFunc(got, want, same) {
		t.Fatal("an index made with an empty cache differs from one without")
	}
	decoded, err := DecodeAnalyses(encoded(cache))
	if err != nil {
		t.Fatal(err)
	}
	if len(decoded.last) != len(corpus.Documents) {
		t.Fatalf("%d analyses came back, want %d", len(decoded.last), len(corpus.Documents))
	}
	corpus.Documents[1].Body = []byte("Nobody here has had a stroke; everyone came for the gardens.")
	fresh := New(corpus, Options{TermShardBytes: 64}).Files()
	if got := New(corpus, Options{TermShardBytes: 64, Analyses: decoded}).Files(); !slices.EqualFunc(got, fresh, same) {
		t.Error("an index made with decoded analyses differs from one without")
	}
	// Analyses kept as their records, as they were read, are written
	// again as they were; a Fixed index, which forgets each document's
	// words, writes the same files.
	again, err := DecodeAnalyses(encoded(decoded))
	if err != nil {
		t.Fatal(err)
	}
	if got := New(corpus, Options{TermShardBytes: 64, Analyses: again, Fixed: true}).Files(); !slices.EqualFunc(got, fresh, same) {
		t.Error("a Fixed index made with analyses decoded twice differs from one without")
	}
	hits := 0
	for k := range decoded.last {
		if _, ok := cache.last[k]; ok {
			hits++
		}
	}
	if hits != len(corpus.Documents)-1 {
		t.Errorf("%d analyses were reused, want %d: only the changed document is new", hits, len(corpus.Documents)-1)
	}
	for n := 0; n < len(encoded(cache)); n += 3 {
		if _, err := DecodeAnalyses(encoded(cache)[:n]); err == nil {
			t.Fatalf("analyses cut at %d bytes decoded", n)
		}
	}
	// A byte changed anywhere is caught: the records are not read
	// through when decoded.
	encoded := encoded(cache)
	for n := 0; n < len(encoded); n += 7 {
		bad := slices.Clone(encoded)
		bad[n] ^= 0x20
		if _, err := DecodeAnalyses(bad); err == nil {
			t.Fatalf("analyses with byte %d changed decoded", n)
		}
	}
}

// encoded is what c writes.
func encoded(c *Analyses) []byte {
	var b bytes.Buffer
	c.WriteTo(&b) // a bytes.Buffer does not fail
	return b.Bytes()
}
