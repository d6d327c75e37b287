package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// wordy is a corpus of n pages of words drawn from a small vocabulary
// with its inflections and stop words, so that pages share stems, words
// and term shards.
func wordy(n int, seed uint64) Corpus {
	vocab := strings.Fields(`stroke strokes care cares caring carer carers study studies studied student students
		therapy therapies therapist physiotherapy ward wards community placement placements rehabilitation
		rehabilitate hospital hospitals nutrition diet dietitian speech language swallow falls prevention
		frailty mental health support supported supporting team teams learn learning learned practice
		the and of to in for with on at by from is are was were an a children older people service services
		2026 2027 ls1 café cafés o'brien's`)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	words := func(k int) string {
		out := make([]string, k)
		for i := range out {
			out[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(out, " ")
	}
	c := Corpus{Facets: testFacets}
	for i := range n {
		c.Documents = append(c.Documents, doc(fmt.Sprintf("/p/%03d/", i), words(2+rng.IntN(4)), words(rng.IntN(6)),
			words(20+rng.IntN(60)), map[string][]string{"system": {[]string{"fell", "downs", "moor"}[i%3]}}))
	}
	return c
}

// TestKeptPostingsGiveTheSameIndex indexes a corpus with analyses, as
// the build does, carries them through WriteTo and DecodeAnalyses, edits
// the corpus and indexes it again: each index must be, file for file,
// the index of the edited corpus made from nothing. Edits of a few pages
// or moves of a few pages must take the last index's postings (most stay
// encoded); a page added or removed makes them anew.
func TestKeptPostingsGiveTheSameIndex(t *testing.T) {
	opts := Options{Fixed: true, DocsPerShard: 16, TermShardBytes: 400}
	corpus := wordy(300, 1)
	cache := NewAnalyses()
	New(corpus, Options{Fixed: true, DocsPerShard: 16, TermShardBytes: 400, Analyses: cache})
	edit := func(i int, f func(d *Document)) func() {
		return func() {
			d := corpus.Documents[i]
			d.Body = slices.Clone(d.Body)
			f(&d)
			corpus.Documents[i] = d
		}
	}
	steps := []struct {
		name string
		edit func()
		kept bool // the postings must be the last index's
	}{
		{"nothing changed", func() {}, true},
		{"a title edited", edit(7, func(d *Document) { d.Title = "Stroke care on the ward" }), true},
		{"words added to a body", edit(120, func(d *Document) { d.Body = append(d.Body, " zebra zebras quagga"...) }), true},
		{"a body's words replaced", edit(120, func(d *Document) { d.Body = []byte("Only okapi here.") }), true},
		{"the only page with a word edited", edit(120, func(d *Document) { d.Body = []byte("Stroke care.") }), true},
		{"an excerpt edited", edit(299, func(d *Document) { d.Excerpt = "Falls prevention for older people" }), true},
		{"two pages edited", func() {
			edit(0, func(d *Document) { d.Title = "Café cafés" })()
			edit(1, func(d *Document) { d.Body = append(d.Body, " o'brien's 2028"...) })()
		}, true},
		{"a page added", func() {
			corpus.Documents = append(corpus.Documents, doc("/p/new/", "A new placement", "", "Stroke care and falls.", nil))
		}, false},
		{"a page moved", func() {
			moved := corpus.Documents[40]
			copy(corpus.Documents[40:], corpus.Documents[41:60])
			corpus.Documents[59] = moved
		}, true},
		{"a page removed", func() { corpus.Documents = corpus.Documents[:len(corpus.Documents)-1] }, false},
		{"a page edited after", edit(50, func(d *Document) { d.Title += " rehabilitation" }), true},
		{"the average length moved", edit(60, func(d *Document) { d.Body = []byte(strings.Repeat("therapy ", 5000)) }), false},
	}
	for _, step := range steps {
		step.edit()
		decoded, err := DecodeAnalyses(encoded(cache))
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		kept := decoded.index != nil
		o := opts
		o.Analyses = decoded
		ix := New(corpus, o)
		want := New(corpus, opts).Files()
		if got := ix.Files(); !slices.EqualFunc(got, want, func(x, y File) bool { return x.Path == y.Path && string(x.Data) == string(y.Data) }) {
			t.Errorf("%s: the index differs from one made from nothing", step.name)
			for i := range min(len(got), len(want)) {
				if got[i].Path != want[i].Path {
					t.Logf("file %d: %s, want %s:\n%s\n%s", i, got[i].Path, want[i].Path, got[i].Data, want[i].Data)
					break
				}
			}
		}
		encodedStems := 0
		for _, p := range ix.stems {
			if p.kept != nil {
				encodedStems++
			}
		}
		if took := encodedStems > 0; !kept || took != step.kept {
			t.Errorf("%s: took the last postings: %v (%d of %d stems still encoded), want %v", step.name, took, encodedStems, len(ix.stems), step.kept)
		}
		cache = decoded
	}
}
