package search

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"

	"github.com/facultyhub/facultyhub/internal/binenc"
)

// Analyses remembers documents' analyses — the words of a title, excerpt
// and body counted and stemmed — by the SHA-256 of that text, so that an
// index of a site where few pages changed analyses only those. An
// analysis is a pure function of the text, so a hit is what analysing
// again would give. What an index did not ask for is dropped at the next
// one. WriteTo and DecodeAnalyses carry it from one process to the next
// (the build cache). Safe for concurrent use; make one with NewAnalyses.
type Analyses struct {
	mu        sync.Mutex
	last, now map[[sha256.Size]byte]analysis
	// table numbers the stems and words of the records DecodeAnalyses
	// read (analysis.record), which WriteTo copies as they are.
	table  []string
	number map[string]uint64
	// index is what the last index made with these analyses left for
	// the next (lastIndex), or nil.
	index *lastIndex
}

// NewAnalyses returns an empty cache.
func NewAnalyses() *Analyses {
	return &Analyses{last: map[[sha256.Size]byte]analysis{}, now: map[[sha256.Size]byte]analysis{}}
}

// textSum is the key of d's analysis: its title, excerpt and body, the
// body named by its file's SHA-256 when it has one (so that it need not
// be read).
func textSum(d *Document) [sha256.Size]byte {
	b := make([]byte, 0, 2*binary.MaxVarintLen64+len(d.Title)+len(d.Excerpt)+5+sha256.Size)
	b = binary.AppendUvarint(b, uint64(len(d.Title)))
	b = binary.AppendUvarint(b, uint64(len(d.Excerpt)))
	b = append(append(b, d.Title...), d.Excerpt...)
	if d.source != nil {
		return sha256.Sum256(append(append(b, "file\x00"...), d.source.Sum[:]...))
	}
	h := sha256.New()
	h.Write(b)
	h.Write(d.body())
	return [sha256.Size]byte(h.Sum(nil))
}

// get returns the analysis of key. One read from the cache file has
// only its record, its lead and length, and the table to decode it with
// (see decoded).
func (c *Analyses) get(key [sha256.Size]byte) (analysis, bool) {
	c.mu.Lock()
	a, ok := c.now[key]
	if !ok {
		a, ok = c.last[key]
	}
	if ok {
		c.now[key] = a
	}
	if ok && a.terms == nil && a.record != nil {
		a.table = c.table
		_, a.lead, a.length = head(a.record)
	}
	c.mu.Unlock()
	return a, ok
}

func (c *Analyses) put(key [sha256.Size]byte, a analysis) {
	c.mu.Lock()
	c.now[key] = a
	c.mu.Unlock()
}

// sweep ends an index: what it did not ask for goes at the next.
func (c *Analyses) sweep() {
	c.mu.Lock()
	c.last, c.now = c.now, make(map[[sha256.Size]byte]analysis, len(c.now))
	c.mu.Unlock()
}

// analysesFormat changes whenever WriteTo's records do.
const analysesFormat = "search-analyses-6"

// WriteTo writes the analyses of the last index made with c. Stems and
// words are written once, in a table, and referred to by number. Each
// record is written with its length, and the whole is followed by its
// CRC-32C (a check against damage, several times faster than a SHA-256
// over 22 MB read and written at every build), so that DecodeAnalyses
// can trust the records without reading them through.
//
// Last come the postings the last Fixed index left (lastIndex), each
// stem's as a term shard writes them.
//
// It writes as it encodes, without making the whole in memory first:
// the national analyses are 22 MB, written at every build, and most
// records are written as the bytes they were read as.
func (c *Analyses) WriteTo(w io.Writer) (int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	keys := make([][sha256.Size]byte, 0, len(c.last))
	for k := range c.last {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [sha256.Size]byte) int { return slices.Compare(a[:], b[:]) })
	if c.number == nil {
		c.number = map[string]uint64{}
	}
	ref := func(s string) uint64 {
		n, ok := c.number[s]
		if !ok {
			n = uint64(len(c.table))
			c.number[s] = n
			c.table = append(c.table, s)
		}
		return n
	}
	// New records are encoded first: they may add words to the table,
	// which comes before them.
	records := make([][]byte, len(keys))
	for i, k := range keys {
		a := c.last[k]
		if a.record != nil {
			records[i] = a.record
			continue
		}
		var rec binenc.Writer
		rec.String(a.lead)
		rec.Uint(uint64(a.length))
		rec.Uint(uint64(len(a.terms)))
		for _, t := range a.terms {
			rec.Uint(ref(t.stem))
			rec.Uint(uint64(math.Float32bits(t.weighted)))
			rec.Bool(t.title)
		}
		rec.Uint(uint64(len(a.surfaces)))
		for _, s := range a.surfaces {
			rec.Uint(ref(s))
		}
		records[i] = rec.Bytes()
	}
	// Then what the last index left, whose stems and words may add to
	// the table too.
	if c.index != nil {
		c.index.number(ref)
	}
	s := binenc.NewStream(w)
	s.String(analysesFormat)
	s.Strings(c.table)
	s.Uint(uint64(len(keys)))
	// Each record is its key and its bytes, both with their lengths.
	for i, k := range keys {
		s.Raw(k[:])
		s.Raw(records[i])
		s.Spill()
	}
	s.Bool(c.index != nil)
	if c.index != nil {
		c.index.encode(&s.Writer, ref, s.Spill)
	}
	return s.Close()
}

// DecodeAnalyses reads what WriteTo wrote. It checks the whole against
// its CRC-32C and keeps each record as the bytes it was written as: an
// index reads a record when it adds that document (analysis.each,
// analysis.decoded), so a build holds bytes, not millions of small
// structs.
func DecodeAnalyses(data []byte) (*Analyses, error) {
	data, ok := binenc.Checked(data)
	if !ok {
		return nil, fmt.Errorf("search analyses: %w", binenc.ErrCorrupt)
	}
	r := binenc.NewReader(data)
	if f := r.String(); f != analysesFormat {
		return nil, fmt.Errorf("search analyses: format %q, want %q", f, analysesFormat)
	}
	c := NewAnalyses()
	table := r.Strings()
	c.table, c.number = table, make(map[string]uint64, len(table))
	for i, s := range table {
		c.number[s] = uint64(i)
	}
	for range r.Len() {
		key := r.Raw()
		record := r.Raw()
		if r.Err() != nil || len(key) != sha256.Size {
			break
		}
		c.last[[sha256.Size]byte(key)] = analysis{record: record}
	}
	c.now = make(map[[sha256.Size]byte]analysis, len(c.last)) // the next index asks for most
	if r.Bool() {
		c.index = decodeLastIndex(r, table)
	}
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("search analyses: %w", err)
	}
	if !r.Done() {
		return nil, fmt.Errorf("search analyses: %w", binenc.ErrCorrupt)
	}
	return c, nil
}

// decoded returns a with its words, decoded from its record if it was
// read from the cache file and not decoded yet.
func (a analysis) decoded() analysis {
	if a.terms != nil || a.record == nil {
		return a
	}
	out := analysis{record: a.record, terms: []docTerm{}}
	out.lead, out.length = a.each(
		func(_ int, t docTerm) { out.terms = append(out.terms, t) },
		func(_ int, s string) { out.surfaces = append(out.surfaces, s) })
	return out
}

// head reads the start of an analysis record: the lead and the length,
// leaving r at the words.
func head(record []byte) (r *binenc.Reader, lead string, length int) {
	r = binenc.NewReader(record)
	lead = r.String()
	return r, lead, int(min(r.Uint(), math.MaxInt32))
}

// each reads a's record: it calls term for each of the words counted in
// it and surface for each of its surfaces, each with its number in
// a.table, without keeping them, and returns its lead and length.
func (a analysis) each(term func(int, docTerm), surface func(int, string)) (lead string, length int) {
	r, lead, length := head(a.record)
	for range r.Len() {
		n := int(r.Uint())
		term(n, docTerm{stem: a.table[n], weighted: math.Float32frombits(uint32(r.Uint())), title: r.Bool()})
	}
	for range r.Len() {
		n := int(r.Uint())
		surface(n, a.table[n])
	}
	return lead, length
}
