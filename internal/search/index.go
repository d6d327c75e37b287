package search

import (
	"crypto/sha256"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Ranking constants: BM25 over the title, the excerpt (counted twice)
// and the body, plus a flat bonus when the word is in the title, so a page
// named for the query comes before a page that mentions it often.
const (
	bm25K1       = 1.2
	bm25B        = 0.75
	excerptBoost = 2
	titleBonus   = 1.0
	// levels is how many steps a posting's impact is quantised to.
	levels   = 16
	maxScore = bm25K1 + 1 + titleBonus
)

// Options configure an index.
type Options struct {
	// Base is the site's base path ("/" or "/hub/"); URLs in the index
	// start with it.
	Base string
	// DocsPerShard is how many documents a document shard holds
	// (default 64).
	DocsPerShard int
	// TermShardBytes is the size a term shard is cut at (default 24 KB
	// before compression).
	TermShardBytes int
	// Analyses, when set, holds documents' analyses from an earlier
	// index: New analyses only the documents whose text changed. A
	// Fixed index also takes the postings the earlier Fixed one left
	// there, and leaves its own (see lastIndex).
	Analyses *Analyses
	// Fixed says the index will not be updated: it forgets each
	// document's words once it has their postings, which Update needs
	// and a build does not. Update panics on a Fixed index.
	Fixed bool
}

// Index is the search index of a site: per-document postings, the
// postings of every term, and the encoded files. Build it with New; the
// preview server keeps it and calls Update when pages change, which
// re-encodes only the shards those pages touch.
type Index struct {
	opts   Options
	facets []Facet
	docs   []*entry // by document number; nil where a page was removed
	ids    map[string]int
	live   int
	// avgLen is the mean document length of the full build; updates keep
	// it so other documents' impacts stay valid.
	avgLen float64

	stems    map[string]*postings
	surfaces map[string]*surface

	// bounds are the term shards' first keys, fixed by the full build.
	bounds []string
	files  files
}

// entry is one document with its analysis.
type entry struct {
	doc   Document
	terms []docTerm
	// surfaces are the document's distinct words whose surface differs
	// from their stem, and its stop words.
	surfaces []string
}

// docTerm is a stem of a document: its weighted count while analysing,
// then its quantised impact.
type docTerm struct {
	stem     string
	weighted float32
	title    bool
	level    uint8
}

// postings lists the documents with a stem, by document number.
type postings struct {
	ids    []int32
	levels []uint8
	// kept, when set, holds the postings instead of ids and levels, as
	// the last index left them (see lastIndex).
	kept *keptPostings
}

// surface is a word seen in the corpus, with how many documents have it.
type surface struct {
	stem string
	stop bool
	refs int
}

// New analyses the corpus and encodes its index.
func New(c Corpus, opts Options) *Index {
	if opts.Base == "" {
		opts.Base = "/"
	}
	if opts.DocsPerShard <= 0 {
		opts.DocsPerShard = 64
	}
	if opts.TermShardBytes <= 0 {
		opts.TermShardBytes = 24 << 10
	}
	ix := &Index{opts: opts, facets: c.Facets, ids: map[string]int{},
		stems: map[string]*postings{}, surfaces: map[string]*surface{}}
	analysed, sums := analyseAll(c.Documents, opts.Analyses)
	total := 0
	for _, a := range analysed {
		total += a.length
	}
	ix.avgLen = averageLength(total, len(analysed))
	ix.docs = make([]*entry, len(analysed))
	if !ix.addChanges(c.Documents, analysed, sums) {
		ix.addAll(c.Documents, analysed)
	}
	if opts.Analyses != nil {
		opts.Analyses.sweep()
		opts.Analyses.keepPostings(ix, sums)
	}
	for i, e := range ix.docs {
		ix.ids[e.doc.URL] = i
	}
	ix.live = len(ix.docs)
	ix.bounds = ix.partition()
	ix.files = ix.encodeAll()
	return ix
}

// analysis is a document's words counted per field.
type analysis struct {
	terms    []docTerm
	surfaces []string
	length   int
	// lead is the start of the body's text, the excerpt of a page
	// without a summary.
	lead string
	// record is what DecodeAnalyses read it from, if it did; then
	// table numbers its stems and words, and until decoded only lead
	// and length are set.
	record []byte
	table  []string
}

// averageLength is BM25's average document length, rounded to a whole
// number of words (at least one): an edit of a page then rarely changes
// it, and so rarely the other pages' postings (see lastIndex).
func averageLength(total, docs int) float64 {
	if docs == 0 || total == 0 {
		return 1
	}
	return max(1, math.Round(float64(total)/float64(docs)))
}

// analyseAll analyses docs in parallel, each worker with its own
// analyser, or takes their analyses from cache (which may be nil; the
// caller sweeps it). With a cache it returns the text sums the analyses
// are kept by (textSum), by document.
func analyseAll(docs []Document, cache *Analyses) ([]analysis, [][sha256.Size]byte) {
	out := make([]analysis, len(docs))
	var sums [][sha256.Size]byte
	if cache != nil {
		sums = make([][sha256.Size]byte, len(docs))
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			a := newAnalyser()
			var c counter
			for {
				i := int(next.Add(1)) - 1
				if i >= len(docs) {
					return
				}
				if cache == nil {
					out[i] = c.document(a, &docs[i])
					continue
				}
				key := textSum(&docs[i])
				sums[i] = key
				if got, ok := cache.get(key); ok {
					out[i] = got
					continue
				}
				out[i] = c.document(a, &docs[i])
				cache.put(key, out[i])
			}
		})
	}
	wg.Wait()
	return out, sums
}

// counter holds one worker's scratch space for counting a document's
// words, indexed by the analyser's word and stem numbers.
type counter struct {
	weight  []float32
	title   []bool
	touched []int32
	// surfaces collects the document's words that are not their stem.
	surfaces []string
	// seenIn is, per word, 1 + the last document it was seen in.
	seenIn []int32
	doc    int32
	text   []byte
}

// document counts the words of d's title, excerpt and body.
func (c *counter) document(a *analyser, d *Document) analysis {
	c.doc++
	var r analysis
	count := func(weight float32, title bool) func(int32) {
		return func(i int32) {
			if n := len(a.words); len(c.seenIn) < n {
				c.seenIn = append(c.seenIn, make([]int32, n-len(c.seenIn))...)
			}
			w := &a.words[i]
			if c.seenIn[i] != c.doc {
				c.seenIn[i] = c.doc
				if w.Surface != w.Stem {
					c.surfaces = append(c.surfaces, w.Surface)
				}
			}
			s := a.stemOf[i]
			if s < 0 {
				return
			}
			if n := len(a.stems); len(c.weight) < n {
				c.weight = append(c.weight, make([]float32, n-len(c.weight))...)
				c.title = append(c.title, make([]bool, n-len(c.title))...)
			}
			if c.weight[s] == 0 {
				c.touched = append(c.touched, s)
			}
			r.length++
			c.weight[s] += weight
			c.title[s] = c.title[s] || title
		}
	}
	c.text = append(c.text[:0], d.Title...)
	a.each(c.text, count(1, true))
	c.text = append(c.text[:0], d.Excerpt...)
	a.each(c.text, count(excerptBoost, false))
	body := d.body()
	c.text = plainText(c.text[:0], body)
	a.each(c.text, count(1, false))
	if d.Excerpt == "" {
		r.lead = lead(body)
	}
	r.terms = make([]docTerm, len(c.touched))
	for j, s := range c.touched {
		r.terms[j] = docTerm{stem: a.stems[s], weighted: c.weight[s], title: c.title[s]}
		c.weight[s], c.title[s] = 0, false
	}
	r.surfaces = slices.Clone(c.surfaces)
	c.touched, c.surfaces = c.touched[:0], c.surfaces[:0]
	return r
}

// entry turns an analysis into the document's postings, with impacts
// quantised against the index's average length.
func (ix *Index) entry(d Document, a analysis) *entry {
	e := ix.bare(d, a.lead)
	e.terms, e.surfaces = a.terms, a.surfaces
	norm := ix.norm(a.length)
	for i := range e.terms {
		e.terms[i].level = level(e.terms[i], norm)
	}
	return e
}

// bare is d's entry without its words.
func (ix *Index) bare(d Document, lead string) *entry {
	e := &entry{doc: d}
	e.doc.Body, e.doc.source = nil, nil // the postings are all the index needs of it
	if e.doc.Excerpt == "" {
		e.doc.Excerpt = lead
	}
	return e
}

// norm is BM25's length normalisation of a document of length words.
func (ix *Index) norm(length int) float64 {
	return 1 - bm25B + bm25B*float64(length)/ix.avgLen
}

// level quantises the impact of t in a document of normalisation norm.
func level(t docTerm, norm float64) uint8 {
	tf := float64(t.weighted)
	impact := tf * (bm25K1 + 1) / (tf + bm25K1*norm)
	if t.title {
		impact += titleBonus
	}
	return uint8(min(max(int(math.Ceil(impact/maxScore*levels)), 1), levels))
}

// addAll makes the entry of every document number and adds its
// postings and words: the two halves of the documents side by side, the
// second into maps of its own, whose postings then follow the first's
// (their numbers are all greater). A Fixed index reads the words of an
// analysis from the cache straight from its record into the postings.
func (ix *Index) addAll(docs []Document, analysed []analysis) {
	n := len(ix.docs)
	add := func(into *Index, from, to int) {
		var seen byNumber
		for i := from; i < to; i++ {
			a := analysed[i]
			analysed[i] = analysis{}
			if ix.opts.Fixed && a.terms == nil && a.record != nil {
				ix.docs[i] = ix.bare(docs[i], a.lead)
				into.addRecord(int32(i), a, ix.norm(a.length), &seen)
				continue
			}
			e := ix.entry(docs[i], a.decoded())
			ix.docs[i] = e
			into.add(int32(i), e)
			if ix.opts.Fixed {
				e.terms, e.surfaces = nil, nil
			}
		}
	}
	if n < 2048 || runtime.GOMAXPROCS(0) < 2 {
		add(ix, 0, n)
		return
	}
	half := n / 2
	second := &Index{stems: map[string]*postings{}, surfaces: map[string]*surface{}}
	var wg sync.WaitGroup
	wg.Go(func() { add(second, half, n) })
	add(ix, 0, half)
	wg.Wait()
	for k, p := range second.stems {
		if q := ix.stems[k]; q != nil {
			q.ids = append(q.ids, p.ids...)
			q.levels = append(q.levels, p.levels...)
		} else {
			ix.stems[k] = p
		}
	}
	for k, sf := range second.surfaces {
		if t := ix.surfaces[k]; t != nil {
			t.refs += sf.refs
		} else {
			ix.surfaces[k] = sf
		}
	}
}

// byNumber holds the postings and surfaces of the build cache's table
// numbers that addRecord has met, so that a word read from a record is
// not looked up by its text again.
type byNumber struct {
	posts []*postings
	surfs []*surface
}

// addRecord adds document id's postings and words straight from the
// record of its cached analysis a, norm being its length normalisation.
func (ix *Index) addRecord(id int32, a analysis, norm float64, seen *byNumber) {
	if more := len(a.table) - len(seen.posts); more > 0 {
		seen.posts = append(seen.posts, make([]*postings, more)...)
		seen.surfs = append(seen.surfs, make([]*surface, more)...)
	}
	a.each(func(num int, t docTerm) {
		if seen.posts[num] == nil {
			seen.posts[num] = ix.postingsOf(t.stem)
		}
		seen.posts[num].insert(id, level(t, norm))
	}, func(num int, s string) {
		if seen.surfs[num] == nil {
			ix.countSurface(s, 1)
			seen.surfs[num] = ix.surfaces[s]
			return
		}
		seen.surfs[num].refs++
	})
}

// add records document id's postings and words.
func (ix *Index) add(id int32, e *entry) {
	for _, t := range e.terms {
		ix.postingsOf(t.stem).insert(id, t.level)
	}
	ix.countSurfaces(e, 1)
}

// postingsOf returns the postings of stem, made empty if it has none.
func (ix *Index) postingsOf(stem string) *postings {
	p := ix.stems[stem]
	if p == nil {
		p = &postings{}
		ix.stems[stem] = p
	}
	return p
}

// remove forgets document id's postings and words.
func (ix *Index) remove(id int32, e *entry) {
	for _, t := range e.terms {
		if p := ix.stems[t.stem]; p != nil {
			p.delete(id)
			if len(p.ids) == 0 {
				delete(ix.stems, t.stem)
			}
		}
	}
	ix.countSurfaces(e, -1)
}

func (ix *Index) countSurfaces(e *entry, delta int) {
	for _, s := range e.surfaces {
		ix.countSurface(s, delta)
	}
}

func (ix *Index) countSurface(s string, delta int) {
	sf := ix.surfaces[s]
	if sf == nil {
		w := analyse(s)
		sf = &surface{stem: w.Stem, stop: w.Stop}
		ix.surfaces[s] = sf
	}
	sf.refs += delta
	if sf.refs <= 0 {
		delete(ix.surfaces, s)
	}
}

func (p *postings) insert(id int32, level uint8) {
	p.thaw()
	if n := len(p.ids); n == 0 || p.ids[n-1] < id {
		p.ids = append(p.ids, id)
		p.levels = append(p.levels, level)
		return
	}
	i, found := slices.BinarySearch(p.ids, id)
	if found {
		p.levels[i] = level
		return
	}
	p.ids = slices.Insert(p.ids, i, id)
	p.levels = slices.Insert(p.levels, i, level)
}

func (p *postings) delete(id int32) {
	p.thaw()
	if i, found := slices.BinarySearch(p.ids, id); found {
		p.ids = slices.Delete(p.ids, i, i+1)
		p.levels = slices.Delete(p.levels, i, i+1)
	}
}

// lead is an excerpt for a page without a summary: the start of its
// text, without Markdown's punctuation.
func lead(md []byte) string {
	const size = 160
	var b strings.Builder
	space := false
	for _, r := range string(plainText(nil, md)) {
		switch {
		case strings.ContainsRune("#*_`|>~[]", r):
			continue
		case r == ' ' || r == '\n' || r == '\t' || r == '\r':
			space = b.Len() > 0
			continue
		}
		if space {
			if b.Len() >= size {
				b.WriteString(" …")
				break
			}
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
