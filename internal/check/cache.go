package check

import (
	"crypto/sha256"
	"maps"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/diag"

	"github.com/facultyhub/facultyhub/internal/markdown"
)

// Cache keeps, from one run to the next, what checking a document costs:
//
//   - the outline of each Markdown body, keyed by the SHA-256 of the
//     document's file (content.Document.Sum). An outline is a pure
//     function of the body (its positions are relative to the body's
//     first line), so a hit is what parsing again would give;
//   - the diagnostics of the document rules for each document, keyed by
//     its path and file's SHA-256 and a fingerprint of everything else
//     those rules read: every document's path and anchors, the files
//     beside them, the reference lists and vocabularies, and the date.
//     Editing a body that changes no heading re-checks that document
//     alone; adding, removing or renaming a file or a heading re-checks
//     them all.
//
// What a run did not ask for is dropped. Encode and DecodeCache carry it
// to another process (the build cache). It is safe for concurrent use;
// make one with NewCache and use it with one Markdown dialect.
type Cache struct {
	mu        sync.Mutex
	last, now map[[sha256.Size]byte]docOutline
	// context is the fingerprint the results in docs were made under.
	context uint64
	docs    map[docKey]diag.List

	// The last run's documents, in the hub's order, with their results
	// and anchors: a preview reloads the same *content.Document for
	// every file that did not change, so a run finds most of what it
	// needs by position, comparing pointers, not by hashing paths.
	lastDocs    []*content.Document
	lastResults []diag.List
	// hashed are the documents docsHash, the documents' part of the
	// fingerprint, was taken of, and their anchors.
	hashed   []*content.Document
	anchors  []uint64
	docsHash uint64
	// outlined are the documents the last run asked outlines for. When
	// this run's are the same at all but a few places, the last run's
	// outlines all stay (shared says now is last) and only the few are
	// looked for; stale counts the outlines so kept that may no longer
	// be needed, until a run sweeps them.
	outlined []*content.Document
	shared   bool
	stale    int
	spare    map[[sha256.Size]byte]docOutline
	// pathDocs are the documents the path rules last ran on, and
	// pathDiags what they found.
	pathDocs  []*content.Document
	pathDiags diag.List
}

type docOutline struct {
	outline markdown.Outline
	anchors uint64 // the sum of the anchors' hashes
	// raw is the outline as DecodeCache found it, not decoded until a
	// rule asks for it (most of a run's documents have their results
	// cached and never do).
	raw []byte
}

// docKey names a document's bytes at its path.
type docKey struct {
	path string
	sum  [sha256.Size]byte
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{now: map[[sha256.Size]byte]docOutline{}, docs: map[docKey]diag.List{}}
}

// reuse puts the outline of each of docs' bodies that the cache holds
// in it for this run, under one lock: remembered from the last run (left
// encoded, if it was read from disk). It returns the documents whose
// bodies it has no outline of, by their index in docs.
func (c *Cache) reuse(docs []*content.Document) (missing []int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer func() { c.outlined = docs }()
	if c.last != nil && len(docs) == len(c.outlined) && c.stale < maxStale {
		// An outline is a pure function of the file's bytes, so one
		// kept longer than needed is never wrong.
		maps.Copy(c.last, c.now) // any put before this run's reuse
		clear(c.now)
		c.spare, c.now, c.shared = c.now, c.last, true
		for i, doc := range docs {
			if doc == c.outlined[i] || doc.Broken {
				continue
			}
			c.stale++
			if _, ok := c.now[doc.Sum]; !ok {
				missing = append(missing, i)
			}
		}
		return missing
	}
	if c.last != nil && c.outlined == nil && len(c.now) == 0 {
		// Read from disk: the outlines all stay, as after a run whose
		// documents kept their places, unless too many of them are no
		// longer asked for (counted as stale; documents of the same
		// bytes make it an undercount, which only delays a sweep).
		hits := 0
		for i, doc := range docs {
			if doc.Broken {
				continue
			}
			if _, ok := c.last[doc.Sum]; ok {
				hits++
			} else {
				missing = append(missing, i)
			}
		}
		if stale := len(c.last) - hits; stale < maxStale {
			c.spare, c.now, c.shared, c.stale = c.now, c.last, true, max(stale, 0)
			return missing
		}
		missing = missing[:0]
	}
	c.stale = 0
	for i, doc := range docs {
		if doc.Broken {
			continue
		}
		if _, ok := c.now[doc.Sum]; ok {
			continue
		}
		if d, ok := c.last[doc.Sum]; ok {
			c.now[doc.Sum] = d
			continue
		}
		missing = append(missing, i)
	}
	return missing
}

// put keeps o as the outline of doc's body for this run.
func (c *Cache) put(doc *content.Document, o markdown.Outline) {
	d := docOutline{outline: o}
	for a := range o.Anchors {
		d.anchors += stableHash(a)
	}
	c.mu.Lock()
	c.now[doc.Sum] = d
	c.mu.Unlock()
}

// Outlines reports how many outlines c holds from its last run: none
// means a run with c parses every body.
func (c *Cache) Outlines() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.last)
}

// get returns the outline of the document whose file has sum, once the
// run's outlines are swept into last, decoding it if need be.
func (c *Cache) get(sum [sha256.Size]byte) markdown.Outline {
	c.mu.Lock()
	defer c.mu.Unlock()
	d := c.last[sum]
	if d.raw != nil {
		d.outline = decodeOutline(d.raw)
		d.raw = nil
		c.last[sum] = d
	}
	return d.outline
}

// stableHash is FNV-1a: the same in every process, which the build
// cache needs of the fingerprint.
func stableHash(s string) uint64 {
	h := fnvHash(fnvOffset)
	h.write(s)
	return uint64(h)
}

// sweep ends a run: what it did not ask for is forgotten at the next.
func (c *Cache) sweep() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.shared {
		// reuse kept every outline in last, and cleared now to be the
		// next run's.
		c.now, c.spare, c.shared = c.spare, nil, false
		return
	}
	// The map of the run before last is cleared and filled again rather
	// than made anew: the preview server runs after every save.
	old := c.last
	c.last = c.now
	if old == nil {
		old = make(map[[sha256.Size]byte]docOutline, len(c.last))
	}
	clear(old)
	c.now = old
}

// maxStale bounds the outlines a run of edits may keep past their use
// (see Cache.outlined).
const maxStale = 1024

// fingerprint hashes what the document rules read besides the document
// itself.
func (c *Cache) fingerprint(ch *checker) uint64 {
	h := fnvHash(fnvOffset)
	h.field(ch.opts.Today.Format(time.DateOnly))
	h.uint(c.documentsHash(ch.hub.Documents))
	for _, f := range ch.hub.Files {
		h.field(f)
	}
	// The lists hold the reference data and every vocabulary; partners
	// and faculties follow from the paths above.
	names := slices.Sorted(maps.Keys(ch.lists))
	for _, name := range names {
		h.field(name)
		for _, v := range ch.lists[name] {
			h.field(v)
		}
		h.add(1)
	}
	return uint64(h)
}

// documentsHash hashes every document's path and anchors: the last run's
// hash again when each document not the last run's at its position has
// the path and the anchors that one had.
func (c *Cache) documentsHash(docs []*content.Document) uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if samePlaces(c.hashed, docs, func(i int, old, d *content.Document) bool {
		return d.Path == old.Path && c.last[d.Sum].anchors == c.anchors[i]
	}) {
		c.hashed = docs
		return c.docsHash
	}
	// FNV-1a, written out: the preview may hash twenty thousand
	// documents, and hash.Hash's Write would copy each string.
	h := fnvHash(fnvOffset)
	anchors := make([]uint64, len(docs))
	var num [16]byte
	for i, d := range docs {
		h.field(d.Path)
		// The anchors are a set: the sum of their hashes does not
		// depend on the map's order. put has summed them.
		anchors[i] = c.last[d.Sum].anchors
		for _, b := range strconv.AppendUint(num[:0], anchors[i], 16) {
			h.add(b)
		}
		h.add(0)
	}
	c.hashed, c.anchors, c.docsHash = docs, anchors, uint64(h)
	return c.docsHash
}

// fnvHash is FNV-1a 64 as it is being written.
type fnvHash uint64

func (h *fnvHash) add(b byte) { *h = (*h ^ fnvHash(b)) * fnvPrime }

// write adds the bytes of s.
func (h *fnvHash) write(s string) {
	for i := 0; i < len(s); i++ {
		h.add(s[i])
	}
}

// field adds s and a terminating zero byte.
func (h *fnvHash) field(s string) {
	h.write(s)
	h.add(0)
}

func (h *fnvHash) uint(v uint64) {
	for range 8 {
		h.add(byte(v))
		v >>= 8
	}
}

// The FNV-1a 64-bit parameters (hash/fnv).
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// results sets per[i] to the document rules' diagnostics for docs[i]
// made under the fingerprint context, where it has them, and returns
// the positions of the documents it has none for that can be checked.
func (c *Cache) results(context uint64, docs []*content.Document, per []diag.List) (todo []int) {
	if c == nil {
		for i, d := range docs {
			if !d.Broken {
				todo = append(todo, i)
			}
		}
		return todo
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	aligned := c.context == context && len(docs) == len(c.lastDocs) && len(docs) == len(c.lastResults)
	for i, d := range docs {
		switch {
		case d.Broken:
			continue
		case aligned && d == c.lastDocs[i]:
			per[i] = c.lastResults[i]
			continue
		case c.context == context:
			if l, ok := c.docs[docKey{d.Path, d.Sum}]; ok {
				per[i] = l
				continue
			}
		}
		todo = append(todo, i)
	}
	return todo
}

// keep replaces the remembered results with those of this run.
func (c *Cache) keep(context uint64, docs []*content.Document, results []diag.List) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.docs == nil {
		c.docs = make(map[docKey]diag.List, len(docs))
	}
	if c.context == context && len(docs) == len(c.lastDocs) {
		// Only the documents not at their place last time change the
		// map.
		for i, d := range docs {
			if old := c.lastDocs[i]; d != old {
				delete(c.docs, docKey{old.Path, old.Sum})
				if !d.Broken {
					c.docs[docKey{d.Path, d.Sum}] = results[i]
				}
			}
		}
	} else {
		clear(c.docs) // and filled again: the preview server runs after every save
		for i, d := range docs {
			if !d.Broken {
				c.docs[docKey{d.Path, d.Sum}] = results[i]
			}
		}
	}
	c.context = context
	c.lastDocs, c.lastResults = docs, results
}

// pathResults returns the path rules' diagnostics from their last run if
// every document not at its place then has the path, URL and (no)
// aliases the one there had.
func (c *Cache) pathResults(docs []*content.Document) (diag.List, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !samePlaces(c.pathDocs, docs, func(_ int, old, d *content.Document) bool {
		return d.Path == old.Path && d.URL == old.URL && !hasAliases(d) && !hasAliases(old)
	}) {
		return nil, false
	}
	c.pathDocs = docs
	return c.pathDiags, true
}

// samePlaces reports whether docs are the documents of an earlier run,
// prev, at every place, but where like says the document there stands for
// the one that was, for what the caller kept.
func samePlaces(prev, docs []*content.Document, like func(i int, old, d *content.Document) bool) bool {
	if len(docs) != len(prev) {
		return false
	}
	for i, d := range docs {
		if old := prev[i]; d != old && !like(i, old, d) {
			return false
		}
	}
	return true
}

// hasAliases reports whether d's front matter has an aliases field,
// whose diagnostics point into it.
func hasAliases(d *content.Document) bool {
	_, ok := d.Front()["aliases"]
	return ok
}

// keepPathResults remembers what the path rules found in docs.
func (c *Cache) keepPathResults(docs []*content.Document, diags diag.List) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.pathDocs, c.pathDiags = docs, diags
	c.mu.Unlock()
}
