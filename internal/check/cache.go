package check

import (
	"hash/maphash"
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
//   - the outline of each Markdown body, keyed by a hash of the body. An
//     outline is a pure function of the body (its positions are relative
//     to the body's first line), so a hit is what parsing again would
//     give;
//   - the diagnostics of the document rules for each document, keyed by
//     the document (content.Cache hands back the same *Document for the
//     same bytes) and a fingerprint of everything else those rules read:
//     every document's path and anchors, the files beside them, the
//     reference lists and vocabularies, and the date. Editing a body that
//     changes no heading re-checks that document alone; adding, removing
//     or renaming a file or a heading re-checks them all.
//
// What a run did not ask for is dropped. It is safe for concurrent use;
// make one with NewCache and use it with one Markdown dialect.
type Cache struct {
	seed      maphash.Seed
	mu        sync.Mutex
	last, now map[outlineKey]markdown.Outline
	// byDoc holds the last run's outline and anchor hash of each
	// document: the same *Document means the same bytes, so its body
	// need not even be hashed again.
	byDoc, byDocNow map[*content.Document]docOutline
	// context is the fingerprint the results in docs were made under.
	context uint64
	docs    map[*content.Document]diag.List
}

type docOutline struct {
	outline markdown.Outline
	anchors uint64 // the sum of the anchors' hashes
}

type outlineKey struct {
	hash uint64
	size int
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{seed: maphash.MakeSeed(), now: map[outlineKey]markdown.Outline{}, docs: map[*content.Document]diag.List{},
		byDocNow: map[*content.Document]docOutline{}}
}

// outline returns the outline of doc's body, parsed by md or remembered;
// c may be nil.
func (c *Cache) outline(md *markdown.Markdown, doc *content.Document) markdown.Outline {
	if c == nil {
		return md.Outline(doc.Body)
	}
	c.mu.Lock()
	d, ok := c.byDoc[doc]
	c.mu.Unlock()
	if !ok {
		k := outlineKey{maphash.Bytes(c.seed, doc.Body), len(doc.Body)}
		c.mu.Lock()
		o, hit := c.now[k]
		if !hit {
			o, hit = c.last[k]
		}
		c.mu.Unlock()
		if !hit {
			o = md.Outline(doc.Body)
		}
		c.mu.Lock()
		c.now[k] = o
		c.mu.Unlock()
		d = docOutline{outline: o}
		for a := range o.Anchors {
			d.anchors += maphash.String(c.seed, a)
		}
	}
	c.mu.Lock()
	c.byDocNow[doc] = d
	c.mu.Unlock()
	return d.outline
}

// sweep ends a run: what it did not ask for is forgotten at the next.
func (c *Cache) sweep() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.last, c.now = c.now, make(map[outlineKey]markdown.Outline, len(c.now))
	c.byDoc, c.byDocNow = c.byDocNow, make(map[*content.Document]docOutline, len(c.byDocNow))
	c.mu.Unlock()
}

// fingerprint hashes what the document rules read besides the document
// itself.
func (c *Cache) fingerprint(ch *checker) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	field := func(s string) {
		h.WriteString(s)
		h.WriteByte(0)
	}
	field(ch.opts.Today.Format(time.DateOnly))
	for _, d := range ch.hub.Documents {
		field(d.Path)
		// The anchors are a set: the sum of their hashes does not
		// depend on the map's order. outline has summed them.
		h.WriteString(strconv.FormatUint(c.byDoc[d].anchors, 16))
		h.WriteByte(1)
	}
	for _, f := range ch.hub.Files {
		field(f)
	}
	// The lists hold the reference data and every vocabulary; partners
	// and faculties follow from the paths above.
	names := slices.Sorted(maps.Keys(ch.lists))
	for _, name := range names {
		field(name)
		for _, v := range ch.lists[name] {
			field(v)
		}
		h.WriteByte(1)
	}
	return h.Sum64()
}

// results returns the document rules' diagnostics for doc made under the
// fingerprint context, if any.
func (c *Cache) results(context uint64, doc *content.Document) (diag.List, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.context != context {
		return nil, false
	}
	l, ok := c.docs[doc]
	return l, ok
}

// keep replaces the remembered results with those of this run.
func (c *Cache) keep(context uint64, docs []*content.Document, results []diag.List) {
	if c == nil {
		return
	}
	m := make(map[*content.Document]diag.List, len(docs))
	for i, d := range docs {
		if !d.Broken {
			m[d] = results[i]
		}
	}
	c.mu.Lock()
	c.context, c.docs = context, m
	c.mu.Unlock()
}
