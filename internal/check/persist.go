package check

import (
	"crypto/sha256"
	"fmt"
	"io"
	"slices"

	"github.com/facultyhub/facultyhub/internal/binenc"
	"github.com/facultyhub/facultyhub/internal/diag"
	"github.com/facultyhub/facultyhub/internal/markdown"
)

// cacheFormat changes whenever Encode's records do.
const cacheFormat = "check-cache-3"

// WriteTo writes what the last run left in the cache — each document's
// outline and the document rules' results — for DecodeCache in another
// process, a block at a time, and last the CRC-32C of the whole.
func (c *Cache) WriteTo(dst io.Writer) (int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	w := binenc.NewStream(dst)
	w.String(cacheFormat)
	w.Uint(c.context)
	sums := make([][sha256.Size]byte, 0, len(c.last))
	for s := range c.last {
		sums = append(sums, s)
	}
	slices.SortFunc(sums, func(a, b [sha256.Size]byte) int { return slices.Compare(a[:], b[:]) })
	w.Uint(uint64(len(sums)))
	for _, s := range sums {
		d := c.last[s]
		w.Raw(s[:])
		w.Uint(d.anchors)
		if d.raw == nil {
			d.raw = encodeOutline(d.outline)
		}
		w.Raw(d.raw)
		w.Spill()
	}
	keys := make([]docKey, 0, len(c.docs))
	for k := range c.docs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b docKey) int {
		if a.path != b.path {
			if a.path < b.path {
				return -1
			}
			return 1
		}
		return slices.Compare(a.sum[:], b.sum[:])
	})
	w.Uint(uint64(len(keys)))
	for _, k := range keys {
		w.String(k.path)
		w.Raw(k.sum[:])
		c.docs[k].Encode(&w.Writer)
		w.Spill()
	}
	return w.Close()
}

// DecodeCache reads what WriteTo wrote into a new Cache. Outlines are
// decoded when a rule asks for one; the whole is checked against its
// CRC-32C first, so a damaged file is refused here, not met later.
func DecodeCache(data []byte) (*Cache, error) {
	data, ok := binenc.Checked(data)
	if !ok {
		return nil, fmt.Errorf("check cache: %w", binenc.ErrCorrupt)
	}
	r := binenc.NewReader(data)
	if f := r.String(); f != cacheFormat {
		return nil, fmt.Errorf("check cache: format %q, want %q", f, cacheFormat)
	}
	c := NewCache()
	c.context = r.Uint()
	n := r.Len()
	c.last = make(map[[sha256.Size]byte]docOutline, n)
	for range n {
		var s [sha256.Size]byte
		copy(s[:], r.Raw())
		d := docOutline{anchors: r.Uint(), raw: r.Raw()}
		if r.Err() != nil {
			break
		}
		c.last[s] = d
	}
	n = r.Len()
	c.docs = make(map[docKey]diag.List, n)
	for range n {
		k := docKey{path: r.String()}
		copy(k.sum[:], r.Raw())
		l := diag.Decode(r)
		if r.Err() != nil {
			break
		}
		c.docs[k] = l
	}
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("check cache: %w", err)
	}
	if !r.Done() {
		return nil, fmt.Errorf("check cache: %w", binenc.ErrCorrupt)
	}
	return c, nil
}

// encodeOutline writes an outline as a record of its own, which
// DecodeCache keeps undecoded until a rule asks for it.
func encodeOutline(o markdown.Outline) []byte {
	var w binenc.Writer
	w.Uint(uint64(len(o.Refs)))
	for _, r := range o.Refs {
		w.Bool(r.Image)
		w.String(r.Dest)
		w.String(r.Alt)
		w.Int(r.Line)
		w.Int(r.Col)
	}
	w.Strings(slices.Sorted(func(yield func(string) bool) {
		for a := range o.Anchors {
			if !yield(a) {
				return
			}
		}
	}))
	return w.Bytes()
}

// decodeOutline decodes an outline record Encode wrote.
func decodeOutline(raw []byte) markdown.Outline {
	r := binenc.NewReader(raw)
	var o markdown.Outline
	if n := r.Len(); n > 0 {
		o.Refs = make([]markdown.Ref, n)
		for i := range o.Refs {
			o.Refs[i] = markdown.Ref{Image: r.Bool(), Dest: r.String(), Alt: r.String(), Line: r.Int(), Col: r.Int()}
		}
	}
	anchors := r.Strings()
	o.Anchors = make(map[string]bool, len(anchors))
	for _, a := range anchors {
		o.Anchors[a] = true
	}
	return o
}
