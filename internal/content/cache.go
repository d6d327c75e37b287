package content

import (
	"crypto/sha256"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/facultyhub/facultyhub/internal/diag"
)

// Cache remembers the documents decoded by LoadCached, by path and the
// SHA-256 of the file's bytes, so that the preview server and the build
// cache (Encode, DecodeCache) re-decode only the files that changed.
// Decoding is a pure function of the path and the bytes, so a hit is
// exactly what decoding again would give. A Cache is safe for concurrent
// use; the zero value is not usable, use NewCache.
type Cache struct {
	// written is when DecodeCache's data was encoded (Unix ns), zero for
	// a cache made in this process: a file whose size and modification
	// time are those it had when read, well before then, is trusted
	// without being read again (its body is read if asked for).
	written int64
	mu      sync.Mutex
	docs    map[string]cachedDoc
	// trust: a document whose file has not been named by Changed since
	// it was read is reused without reading the file again.
	trust bool
	// walk is what the last load found in the content folder; with
	// trust, the next load reuses it unless walkStale says a file or
	// folder under content/ that it did not list was named since, or a
	// document it listed has gone.
	walk      *walk
	walkStale bool
	// namedFiles are the files beside the pages named since the walk,
	// namedDocs the documents.
	namedFiles, namedDocs []string
}

type cachedDoc struct {
	sum  [sha256.Size]byte
	size int
	doc  *Document
	// body locates doc's Body in the file's bytes, for a document read
	// back by DecodeCache without them: bodyOff < 0 when the body is
	// not a slice of the file (then it was stored).
	bodyOff, bodyLen int
	diags            diag.List
	// typed is doc's typed struct (*Placement, *Faculty, …), made with
	// doc, or read back with it (decodeTyped): it is read, never
	// written, by what follows the load.
	typed any
	// current is set when the file was read and has not been named by
	// Changed since.
	current bool
	// record is what DecodeCache read this entry from: Encode writes it
	// again as it is.
	record []byte
	// mtime is the file's modification time (Unix ns) when it was read.
	mtime int64
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{docs: map[string]cachedDoc{}}
}

// TrustChanges makes LoadCached reuse a document without reading its file
// again unless Changed has named the file, or a folder holding it, since
// it was read, and reuse the last walk of the content folder unless
// Changed has named something under it that the walk did not list, or
// that has gone: for a caller that watches the files (the preview
// server) and reports every change, additions and removals included.
// Files not seen before are always read.
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
			c.namedDocs = append(c.namedDocs, changed)
			continue // a document, not a folder: nothing is under it
		}
		if strings.HasPrefix(changed, ContentDir+"/") {
			if c.walkLists(changed) {
				c.namedFiles = append(c.namedFiles, changed)
			} else {
				c.walkStale = true // a new file, a folder, or one that went
			}
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
	c.walkStale = true
	for p, e := range c.docs {
		e.current = false
		c.docs[p] = e
	}
}

// walkLists reports whether the last walk listed p as a file beside the
// pages (a picture, a PDF); c.mu is held.
func (c *Cache) walkLists(p string) bool {
	if c.walk == nil {
		return false
	}
	_, ok := slices.BinarySearch(c.walk.files, p)
	return ok
}

// rememberWalk keeps w for the next load (see walk).
func (c *Cache) rememberWalk(w walk) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.walk, c.walkStale, c.namedFiles, c.namedDocs = &w, false, nil, nil
	c.mu.Unlock()
}

// reusableWalk returns the last walk when the next load may take it
// instead of walking the content folder again: with trust, when nothing
// named since was new or a folder, and every document named since is
// still a file (an edit, not a removal), and so is every file beside
// the pages named since.
func (c *Cache) reusableWalk(fsys fs.FS) (walk, bool) {
	if c == nil {
		return walk{}, false
	}
	c.mu.Lock()
	w, ok := c.walk, c.trust && c.walk != nil && !c.walkStale
	var named []string
	if ok {
		named = slices.Concat(c.namedFiles, c.namedDocs)
	}
	c.mu.Unlock()
	if !ok {
		return walk{}, false
	}
	for _, p := range named {
		if st, err := fs.Stat(fsys, p); err != nil || !st.Mode().IsRegular() {
			return walk{}, false
		}
	}
	return *w, true
}

// racyWindow is how long before a cache was written a file must have
// last changed for its size and time to be trusted: filesystems with
// coarse timestamps would hide a second change within the same tick.
const racyWindow = 2 * int64(time.Second)

// unchanged returns the document of p when the file has the size and
// modification time it had when the persisted cache read it, and may be
// trusted without reading it again (see written). Its body is read on
// first use.
func (c *Cache) unchanged(fsys fs.FS, p string, info fs.FileInfo, diags *diag.List) (*Document, any, bool) {
	if c == nil || c.written == 0 || info == nil {
		return nil, nil, false
	}
	mtime := info.ModTime().UnixNano()
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.docs[p]
	if !ok || e.mtime == 0 || e.mtime != mtime || int64(e.size) != info.Size() || mtime > c.written-racyWindow {
		return nil, nil, false
	}
	if e.doc.Body == nil && e.bodyOff >= 0 && e.bodyLen > 0 && e.doc.lazy == nil {
		e.doc.lazy = &lazyBody{fsys: fsys, path: p, off: e.bodyOff, n: e.bodyLen}
	}
	e.current = true
	c.docs[p] = e
	*diags = append(*diags, e.diags...)
	return e.doc, e.typed, true
}

// lazyBody reads a document's body from its file when first asked for.
type lazyBody struct {
	once   sync.Once
	fsys   fs.FS
	path   string
	off, n int
	body   []byte
}

func (l *lazyBody) get() []byte {
	l.once.Do(func() {
		src, err := fs.ReadFile(l.fsys, l.path)
		if err != nil || l.off+l.n > len(src) {
			return // the file went away or shrank during the build: no body
		}
		l.body = src[l.off : l.off+l.n : l.off+l.n]
	})
	return l.body
}

// reuse takes, under one lock, the documents of paths that may be
// reused unread (with TrustChanges, those Changed has not named since
// they were read): docs[i], typed[i] and diags[i] are set for
// those and left alone for the others. It reports whether every document
// the cache holds is at one of paths, so that forgetOthers has nothing
// to forget.
func (c *Cache) reuse(paths []string, docs []*Document, typed []any, diags []diag.List) (onlyThese bool) {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	found := 0
	for i, p := range paths {
		e, ok := c.docs[p]
		if !ok {
			continue
		}
		found++
		if c.trust && e.current {
			docs[i], typed[i] = e.doc, e.typed
			diags[i] = append(diags[i], e.diags...)
		}
	}
	return found == len(c.docs)
}

func (c *Cache) lookup(p string, src []byte, mtime int64, sum [sha256.Size]byte, diags *diag.List) (*Document, any, bool) {
	if c == nil {
		return nil, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.docs[p]
	if !ok || e.sum != sum || e.size != len(src) {
		return nil, nil, false
	}
	if mtime != 0 && e.mtime != mtime {
		e.mtime, e.record = mtime, nil // the record holds the old time
	}
	if e.doc.Body == nil && e.bodyOff >= 0 && e.bodyLen > 0 {
		if e.bodyOff+e.bodyLen > len(src) {
			return nil, nil, false
		}
		e.doc.Body = src[e.bodyOff : e.bodyOff+e.bodyLen : e.bodyOff+e.bodyLen]
	}
	e.current = true
	c.docs[p] = e
	*diags = append(*diags, e.diags...)
	return e.doc, e.typed, true
}

func (c *Cache) store(p string, src []byte, mtime int64, doc *Document, typed any, diags diag.List) {
	if c == nil {
		return
	}
	e := cachedDoc{sum: doc.Sum, size: len(src), doc: doc, typed: typed, diags: diags, current: true, bodyOff: -1, mtime: mtime}
	if off := cap(src) - cap(doc.Body); len(doc.Body) > 0 && off >= 0 && off+len(doc.Body) <= len(src) &&
		&src[off:][0] == &doc.Body[0] {
		e.bodyOff, e.bodyLen = off, len(doc.Body)
	}
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
