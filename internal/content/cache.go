package content

import (
	"hash/maphash"
	"strings"
	"sync"

	"github.com/facultyhub/facultyhub/internal/diag"
)

// Cache remembers the documents decoded by LoadCached, by path and a hash
// of the file's bytes, so that the preview server re-decodes only the
// files that changed. Decoding is a pure function of the path and the
// bytes, so a hit is exactly what decoding again would give. A Cache is
// safe for concurrent use; the zero value is not usable, use NewCache.
type Cache struct {
	seed maphash.Seed
	mu   sync.Mutex
	docs map[string]cachedDoc
	// trust: a document whose file has not been named by Changed since
	// it was read is reused without reading the file again.
	trust bool
}

type cachedDoc struct {
	hash  uint64
	size  int
	doc   *Document
	diags diag.List
	// typed is doc's typed struct (*Placement, *Faculty, …), made once:
	// it is read, never written, by what follows the load.
	typed any
	// current is set when the file was read and has not been named by
	// Changed since.
	current bool
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{seed: maphash.MakeSeed(), docs: map[string]cachedDoc{}}
}

// TrustChanges makes LoadCached reuse a document without reading its file
// again unless Changed has named the file, or a folder holding it, since
// it was read: for a caller that watches the files (the preview server)
// and reports every change. Files not seen before are always read.
func (c *Cache) TrustChanges() {
	c.mu.Lock()
	c.trust = true
	c.mu.Unlock()
}

// Changed tells the cache that the files or folders at paths (slash
// paths relative to the source folder) may have changed.
func (c *Cache) Changed(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, changed := range paths {
		if e, ok := c.docs[changed]; ok {
			e.current = false
			c.docs[changed] = e
			continue // a document, not a folder: nothing is under it
		}
		folder := strings.TrimSuffix(changed, "/") + "/"
		for p, e := range c.docs {
			if strings.HasPrefix(p, folder) {
				e.current = false
				c.docs[p] = e
			}
		}
	}
}

// ChangedAll tells the cache that any file may have changed: every file
// is read again at the next load.
func (c *Cache) ChangedAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for p, e := range c.docs {
		e.current = false
		c.docs[p] = e
	}
}

// current returns the document of p when it may be reused unread.
func (c *Cache) current(p string, diags *diag.List) (*Document, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	e, ok := c.docs[p]
	trust := c.trust
	c.mu.Unlock()
	if !trust || !ok || !e.current {
		return nil, false
	}
	*diags = append(*diags, e.diags...)
	return e.doc, true
}

func (c *Cache) lookup(p string, src []byte, diags *diag.List) (*Document, bool) {
	if c == nil {
		return nil, false
	}
	h := maphash.Bytes(c.seed, src)
	c.mu.Lock()
	e, ok := c.docs[p]
	c.mu.Unlock()
	if !ok || e.hash != h || e.size != len(src) {
		return nil, false
	}
	if !e.current {
		c.mu.Lock()
		e.current = true
		c.docs[p] = e
		c.mu.Unlock()
	}
	*diags = append(*diags, e.diags...)
	return e.doc, true
}

func (c *Cache) store(p string, src []byte, doc *Document, diags diag.List) {
	if c == nil {
		return
	}
	e := cachedDoc{hash: maphash.Bytes(c.seed, src), size: len(src), doc: doc, diags: diags, current: true}
	c.mu.Lock()
	c.docs[p] = e
	c.mu.Unlock()
}

// forgetOthers drops the documents of every path not in paths: files
// deleted or renamed since the last load.
func (c *Cache) forgetOthers(paths []string) {
	if c == nil {
		return
	}
	keep := make(map[string]bool, len(paths))
	for _, p := range paths {
		keep[p] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.docs {
		if !keep[p] {
			delete(c.docs, p)
		}
	}
}

// typed returns the typed struct of doc, made once per cached document.
func (c *Cache) typed(doc *Document) any {
	if c == nil {
		return newTyped(doc)
	}
	c.mu.Lock()
	e, ok := c.docs[doc.Path]
	c.mu.Unlock()
	if ok && e.doc == doc && e.typed != nil {
		return e.typed
	}
	t := newTyped(doc)
	if ok && e.doc == doc {
		c.mu.Lock()
		if e, ok := c.docs[doc.Path]; ok && e.doc == doc {
			e.typed = t
			c.docs[doc.Path] = e
		}
		c.mu.Unlock()
	}
	return t
}
