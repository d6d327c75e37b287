package content

import "sync"

// hubIndex finds a hub's documents by path and by URL, and its files by
// path. The checks and the renderer both look things up in it, side by
// side, so each map is made once per hub, on first use.
type hubIndex struct {
	pathOnce, urlOnce, fileOnce sync.Once
	byPath                      map[string]*Document
	byURL                       map[string]*Document
	files                       map[string]bool
}

// Document returns the document at the slash path p (content/…), or nil.
// It is safe for concurrent use.
func (h *Hub) Document(p string) *Document {
	ix := &h.index
	ix.pathOnce.Do(func() {
		ix.byPath = make(map[string]*Document, len(h.Documents))
		for _, d := range h.Documents {
			ix.byPath[d.Path] = d
		}
	})
	return ix.byPath[p]
}

// DocumentAt returns the first document, in path order, whose page would
// be published at the site path u, or nil. It is safe for concurrent use.
func (h *Hub) DocumentAt(u string) *Document {
	ix := &h.index
	ix.urlOnce.Do(func() {
		ix.byURL = make(map[string]*Document, len(h.Documents))
		for _, d := range h.Documents {
			if _, dup := ix.byURL[d.URL]; !dup {
				ix.byURL[d.URL] = d
			}
		}
	})
	return ix.byURL[u]
}

// HasFile reports whether p is one of h.Files. It is safe for concurrent
// use.
func (h *Hub) HasFile(p string) bool {
	ix := &h.index
	ix.fileOnce.Do(func() {
		ix.files = make(map[string]bool, len(h.Files))
		for _, f := range h.Files {
			ix.files[f] = true
		}
	})
	return ix.files[p]
}
