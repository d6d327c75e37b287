package search

import (
	"crypto/sha256"
	"maps"
	"slices"

	"github.com/facultyhub/facultyhub/internal/binenc"
)

// An index made with Analyses leaves them its postings (lastIndex), so
// that the next index of the same pages, where a few changed, takes the
// others' postings as they are and re-encodes only the stems the changed
// pages touch: at national scale the postings are three million, and
// inverting every page's words again cost a third of a rebuild's index.
// The result is the index New would make from scratch, byte for byte
// (TestKeptPostingsGiveTheSameIndex): a page's postings depend only on
// its words, its length and the average length, which is rounded to a
// whole number of words so that an edit rarely changes it; the term
// shards' bounds are worked out again from every stem's count, as New
// does. A page that moved (a new title can move a placement among those
// closing the same day) is a change at each number between its old place
// and its new. When the number of pages changed, the average moved or
// many pages changed, New makes the postings anew.

// maxKeptChanges is how many changed document numbers an index takes
// the last postings for: a bound on the work a long list of changes
// would take (each thaws the postings of every stem of two pages), not
// a tuned figure.
const maxKeptChanges = 256

// lastIndex is what an index leaves for the next: its pages' text sums
// (textSum) by document number, the average length it used,
// its postings and its words.
type lastIndex struct {
	sums     [][sha256.Size]byte
	avgLen   float64
	stems    map[string]*postings
	surfaces map[string]*surface
}

// keptPostings are postings as the last index left them: encoded as a
// term shard writes them, with their best documents (appendTop) and
// their count. They are decoded only when a changed page adds or removes
// a posting (thaw).
type keptPostings struct {
	enc string
	top []int32
	n   int
}

// count returns how many documents have the stem.
func (p *postings) count() int {
	if p.kept != nil {
		return p.kept.n
	}
	return len(p.ids)
}

// thaw decodes kept postings, so they can change.
func (p *postings) thaw() {
	if p.kept == nil {
		return
	}
	p.ids, p.levels = decodePostings(p.kept.enc, p.kept.n)
	p.kept = nil
}

// decodePostings reads what appendEncoded wrote of n postings.
func decodePostings(enc string, n int) ([]int32, []uint8) {
	ids, lv := make([]int32, 0, n), make([]uint8, 0, n)
	prev := int32(-1)
	var v uint64
	shift := 0
	for i := 0; i < len(enc); i++ {
		c := uint64(postingValue[enc[i]])
		v |= (c & 31) << shift
		if c >= 32 {
			shift += 5
			continue
		}
		id := prev + 1 + int32(v/levels)
		ids, lv = append(ids, id), append(lv, uint8(v%levels)+1)
		prev, v, shift = id, 0, 0
	}
	return ids, lv
}

// postingValue maps each character of postingChars to its value.
var postingValue = func() (t [256]uint8) {
	for i := range postingChars {
		t[postingChars[i]] = uint8(i)
	}
	return t
}()

// keepPostings hands ix's postings and words to c for the next index,
// if ix is Fixed (an index that Update may change keeps its own).
func (c *Analyses) keepPostings(ix *Index, sums [][sha256.Size]byte) {
	var last *lastIndex
	if ix.opts.Fixed {
		last = &lastIndex{sums: sums, avgLen: ix.avgLen, stems: ix.stems, surfaces: ix.surfaces}
	}
	c.mu.Lock()
	c.index = last
	c.mu.Unlock()
}

// takePostings returns the postings the last index left, if any, and
// forgets them: the index that takes them changes them.
func (c *Analyses) takePostings() *lastIndex {
	c.mu.Lock()
	defer c.mu.Unlock()
	last := c.index
	c.index = nil
	return last
}

// lastAnalysis returns the analysis of key as the last index had it,
// read from its record if it has one.
func (c *Analyses) lastAnalysis(key [sha256.Size]byte) (analysis, bool) {
	c.mu.Lock()
	a, ok := c.last[key]
	if ok && a.terms == nil && a.record != nil {
		a.table = c.table
	}
	c.mu.Unlock()
	return a.decoded(), ok
}

// addChanges makes ix's postings from those the last index left in
// ix.opts.Analyses, putting in the pages whose text changed since, and
// reports whether it could (see lastIndex); docs, analysed and sums are
// the pages, their analyses and their text sums, by document number.
func (ix *Index) addChanges(docs []Document, analysed []analysis, sums [][sha256.Size]byte) bool {
	c := ix.opts.Analyses
	if c == nil || !ix.opts.Fixed {
		return false
	}
	last := c.takePostings()
	if last == nil || last.avgLen != ix.avgLen || len(last.sums) != len(docs) {
		return false
	}
	// A page whose text is not the text of the page the last index had
	// at its number is a change there: an edit, or pages that moved.
	var changed []int
	for i := range docs {
		if sums[i] != last.sums[i] {
			if changed = append(changed, i); len(changed) > maxKeptChanges {
				return false
			}
		}
	}
	olds := make([]analysis, len(changed))
	for j, i := range changed {
		old, ok := c.lastAnalysis(last.sums[i])
		if !ok {
			return false
		}
		olds[j] = old
	}
	ix.stems, ix.surfaces = last.stems, last.surfaces
	for i, d := range docs {
		ix.docs[i] = ix.bare(d, analysed[i].lead)
	}
	for j, i := range changed {
		for _, t := range olds[j].terms {
			if p := ix.stems[t.stem]; p != nil {
				p.thaw()
				p.delete(int32(i))
				if len(p.ids) == 0 {
					delete(ix.stems, t.stem)
				}
			}
		}
		for _, s := range olds[j].surfaces {
			ix.countSurface(s, -1)
		}
		e := ix.entry(docs[i], analysed[i].decoded())
		ix.docs[i] = e
		for _, t := range e.terms {
			p := ix.postingsOf(t.stem)
			p.thaw()
			p.insert(int32(i), t.level)
		}
		ix.countSurfaces(e, 1)
		e.terms, e.surfaces = nil, nil
	}
	return true
}

// number gives every stem and word of last a number in the cache's
// table (ref), before the table is written.
func (last *lastIndex) number(ref func(string) uint64) {
	for stem := range last.stems {
		ref(stem)
	}
	for word, sf := range last.surfaces {
		ref(word)
		ref(sf.stem)
	}
}

// encode writes last for decodeLastIndex, its stems and words by their
// numbers in the cache's table (ref, which number has made), calling
// flush now and then so that w can be written out a block at a time.
func (last *lastIndex) encode(w *binenc.Writer, ref func(string) uint64, flush func()) {
	w.Float(last.avgLen)
	w.Uint(uint64(len(last.sums)))
	for _, sum := range last.sums {
		w.Raw(sum[:])
	}
	stems := slices.Sorted(maps.Keys(last.stems))
	w.Uint(uint64(len(stems)))
	var enc []byte
	var top []int32
	for _, stem := range stems {
		p := last.stems[stem]
		w.Uint(ref(stem))
		w.Uint(uint64(p.count()))
		enc, top = p.appendEncoded(enc[:0]), p.appendTop(top[:0])
		w.Raw(enc)
		w.Uint(uint64(len(top)))
		for _, id := range top {
			w.Uint(uint64(id))
		}
		flush()
	}
	words := slices.Sorted(maps.Keys(last.surfaces))
	w.Uint(uint64(len(words)))
	for _, word := range words {
		sf := last.surfaces[word]
		w.Uint(ref(word))
		w.Uint(ref(sf.stem))
		w.Bool(sf.stop)
		w.Uint(uint64(sf.refs))
		flush()
	}
}

// decodeLastIndex reads what encode wrote, table being the cache's.
func decodeLastIndex(r *binenc.Reader, table []string) *lastIndex {
	name := func() string {
		n := r.Uint()
		if n >= uint64(len(table)) {
			r.Fail(binenc.ErrCorrupt)
			return ""
		}
		return table[n]
	}
	last := &lastIndex{avgLen: r.Float()}
	n := r.Len()
	last.sums = make([][sha256.Size]byte, n)
	for i := range n {
		if sum := r.Raw(); len(sum) == sha256.Size {
			last.sums[i] = [sha256.Size]byte(sum)
		} else {
			r.Fail(binenc.ErrCorrupt)
		}
	}
	n = r.Len()
	last.stems = make(map[string]*postings, n)
	kept := make([]keptPostings, n)
	held := make([]postings, n)
	for i := range n {
		stem := name()
		k := &kept[i]
		k.n = int(min(r.Uint(), 1<<31))
		k.enc = r.String()
		tops := r.Len()
		if tops > topDocs {
			r.Fail(binenc.ErrCorrupt)
			tops = 0
		}
		k.top = make([]int32, tops)
		for j := range k.top {
			k.top[j] = int32(min(r.Uint(), 1<<31-1))
		}
		held[i].kept = k
		last.stems[stem] = &held[i]
	}
	n = r.Len()
	last.surfaces = make(map[string]*surface, n)
	surfaces := make([]surface, n)
	for i := range n {
		word := name()
		surfaces[i] = surface{stem: name(), stop: r.Bool(), refs: int(min(r.Uint(), 1<<31))}
		last.surfaces[word] = &surfaces[i]
	}
	if r.Err() != nil {
		return nil
	}
	return last
}
