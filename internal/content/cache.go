package content

import (
	"hash/maphash"
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
}

type cachedDoc struct {
	hash  uint64
	size  int
	doc   *Document
	diags diag.List
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{seed: maphash.MakeSeed(), docs: map[string]cachedDoc{}}
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
	*diags = append(*diags, e.diags...)
	return e.doc, true
}

func (c *Cache) store(p string, src []byte, doc *Document, diags diag.List) {
	if c == nil {
		return
	}
	e := cachedDoc{hash: maphash.Bytes(c.seed, src), size: len(src), doc: doc, diags: diags}
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
