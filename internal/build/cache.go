package build

import (
	"github.com/facultyhub/facultyhub/internal/check"
	"github.com/facultyhub/facultyhub/internal/content"
)

// Cache keeps decoded documents, parsed Markdown outlines and the results
// of document checks from one build to the next. Make one with NewCache.
type Cache struct {
	docs   *content.Cache
	checks *check.Cache
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{docs: content.NewCache(), checks: check.NewCache()}
}

// TrustChanges makes builds with c skip reading the files c has read
// before, unless Changed or ChangedAll has named them since: for a caller
// that watches the source and reports every change.
func (c *Cache) TrustChanges() { c.docs.TrustChanges() }

// Changed reports files or folders (slash paths relative to the source
// folder) that may have changed.
func (c *Cache) Changed(paths ...string) { c.docs.Changed(paths...) }

// ChangedAll reports that any file may have changed.
func (c *Cache) ChangedAll() { c.docs.ChangedAll() }
