package check

import (
	"hash/maphash"
	"sync"

	"github.com/facultyhub/facultyhub/internal/markdown"
)

// OutlineCache keeps the outline of each Markdown body a run parsed,
// keyed by a hash of the body, for the next run. An outline is a pure
// function of the body (its positions are relative to the body's first
// line), so a hit is what parsing again would give. Bodies no run has
// asked for since the one before are dropped. It is safe for concurrent
// use; make one with NewOutlineCache and use it with one Markdown
// dialect.
type OutlineCache struct {
	seed      maphash.Seed
	mu        sync.Mutex
	last, now map[outlineKey]markdown.Outline
}

type outlineKey struct {
	hash uint64
	size int
}

// NewOutlineCache returns an empty cache.
func NewOutlineCache() *OutlineCache {
	return &OutlineCache{seed: maphash.MakeSeed(), now: map[outlineKey]markdown.Outline{}}
}

// outline returns the outline of body, parsed by md or remembered; c may
// be nil.
func (c *OutlineCache) outline(md *markdown.Markdown, body []byte) markdown.Outline {
	if c == nil {
		return md.Outline(body)
	}
	k := outlineKey{maphash.Bytes(c.seed, body), len(body)}
	c.mu.Lock()
	o, ok := c.now[k]
	if !ok {
		o, ok = c.last[k]
	}
	c.mu.Unlock()
	if !ok {
		o = md.Outline(body)
	}
	c.mu.Lock()
	c.now[k] = o
	c.mu.Unlock()
	return o
}

// sweep ends a run: what it did not ask for is forgotten at the next.
func (c *OutlineCache) sweep() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.last, c.now = c.now, make(map[outlineKey]markdown.Outline, len(c.now))
	c.mu.Unlock()
}
