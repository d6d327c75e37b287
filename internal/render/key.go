package render

import (
	"crypto/sha256"
	"encoding/binary"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/site"
)

// Key is a fingerprint of everything a page's HTML is made from.
type Key [sha256.Size]byte

// Keys fingerprints pages for a build cache: two pages with the same key
// render to the same bytes, so a build may reuse the HTML it wrote for
// the key before instead of rendering the page again.
//
// A key covers the page's own fields (title, trail, cards, facets,
// pager, feeds), the source file of the page, and the source files of
// the entities its layout reads: a placement's faculty and host, a
// partner's faculty and the cards of the placements it hosts, a story's
// or resource's faculty. That reach is the built-in theme's, which is
// why Keys only keys pages when the site renders with the built-in
// layouts unchanged (Theme.Builtin). Everything the whole site shares —
// the layouts, the site's configuration, the reference data, the URL of
// every document, the files beside them, the build's date and options —
// is the caller's global part, written first into every key.
//
// Hub pages (home, faculties, regions, professions and their members,
// search, 404) read across the whole site and are never keyed: a build
// renders them every time, about a hundred pages at national scale.
type Keys struct {
	site   *site.Site
	global []byte
	doc    func(path string) []byte
	// The cards of the page list are hashed once each, up front (a card
	// stands on a dozen listings): cards is read without a lock.
	cards map[*Card][sha256.Size]byte
	// entries are the cards of the page list, by entry (PagesAndCards).
	entries Cards
	// A facet list, on every page of its listing, is hashed when first
	// met; so are a listing's page links, which every page of the
	// listing carries (the finder's 441 pages each link all 441).
	facets sums[*FacetGroup]
	pagers sums[linkList]
}

// linkList names a slice of links by where it starts and its length.
type linkList struct {
	first *Link
	n     int
}

// sums holds the sums of things many page keys share, made when first
// asked for. It is safe for concurrent use.
type sums[K comparable] struct {
	mu sync.Mutex
	m  map[K][sha256.Size]byte
}

// of returns the sum of k, made by hashing what write writes the first
// time.
func (s *sums[K]) of(k K, write func(*keyHash)) [sha256.Size]byte {
	s.mu.Lock()
	sum, ok := s.m[k]
	s.mu.Unlock()
	if ok {
		return sum
	}
	sum = hashWith(write)
	s.mu.Lock()
	if s.m == nil {
		s.m = map[K][sha256.Size]byte{}
	}
	s.m[k] = sum
	s.mu.Unlock()
	return sum
}

// NewKeys fingerprints the pages of s. global is the fingerprint of what
// every page shares; doc returns the fingerprint of a source file by its
// path (nil when the path names no file); cards are those of the page
// list (PagesAndCards), whose sums a partner's key reuses (nil: each is
// made again).
func NewKeys(s *site.Site, global []byte, doc func(path string) []byte, cards Cards) *Keys {
	list := make([]*Card, 0, len(cards))
	for _, c := range cards {
		list = append(list, c)
	}
	sums := make([][sha256.Size]byte, len(list))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(list); i += workers {
				sums[i] = cardSum(list[i])
			}
		})
	}
	wg.Wait()
	k := &Keys{site: s, global: global, doc: doc, entries: cards, cards: make(map[*Card][sha256.Size]byte, len(list))}
	for i, c := range list {
		k.cards[c] = sums[i]
	}
	return k
}

// keyed lists the layouts whose pages have keys: their reach is known.
var keyed = map[string]bool{
	"placement.html": true, "partner.html": true, "story.html": true, "resource.html": true,
	"page.html": true, "listing.html": true, "finder.html": true, "alias.html": true,
}

// Of returns the key of p, or false when p has none and must always be
// rendered. It is safe for concurrent use.
func (k *Keys) Of(p *Page) (Key, bool) {
	if !keyed[p.Layout] {
		return Key{}, false
	}
	b := keyBufs.Get().(*keyHash)
	defer keyBufs.Put(b)
	h := b
	h.b = append(h.b[:0], k.global...)
	h.str(p.Layout, p.URL, p.Listing, p.Title, p.Description, p.Kind, p.Doc, p.Redirect)
	h.bool(p.NoIndex)
	h.bytes(k.doc(p.Doc))
	h.int(len(p.Breadcrumbs))
	for _, c := range p.Breadcrumbs {
		h.str(c.Title, c.URL)
	}
	h.links(p.Feeds)
	if pg := p.Pager; pg != nil {
		h.int(pg.Number, pg.Total, pg.Count, len(pg.Cards))
		h.str(pg.Prev, pg.Next)
		h.sum(k.pager(pg.Pages))
		for _, c := range pg.Cards {
			h.sum(k.card(c))
		}
	}
	h.int(len(p.Facets))
	for i := range p.Facets {
		h.sum(k.facet(&p.Facets[i]))
	}
	if f := p.Finder; f != nil {
		h.str(f.URL, f.Noun, f.Plural, f.Heading, f.All, f.Fixed, f.Meta)
		if f.Extra != nil {
			h.links([]Link{*f.Extra})
		}
	}
	if p.Content != "" {
		h.str(string(p.Content))
	}
	if !k.entity(h, p.Data) {
		return Key{}, false
	}
	return sha256.Sum256(h.b), true
}

// keyBufs hold the bytes of keys being made: hashing them in one call is
// several times faster than many small writes.
var keyBufs = sync.Pool{New: func() any { return new(keyHash) }}

// entity writes what a layout reads of the entity a page is about, or
// reports that the page is about something it does not know.
func (k *Keys) entity(h *keyHash, data any) bool {
	faculty := func(f *site.Faculty) {
		if f != nil {
			h.bytes(k.doc(f.Path))
		}
	}
	switch d := data.(type) {
	case nil:
	case *site.Placement:
		h.str("placement", d.State)
		faculty(d.Faculty)
		if d.Host != nil {
			h.bytes(k.doc(d.Host.Path))
		}
	case *site.Partner:
		h.str("partner")
		faculty(d.Faculty)
		for _, p := range d.Placements {
			if c := k.entries[p]; c != nil {
				h.sum(k.card(c))
				continue
			}
			c := placementCard(k.site, p)
			h.sum(cardSum(&c))
		}
	case *site.Story:
		h.str("story")
		faculty(d.Faculty)
	case *site.Resource:
		h.str("resource", d.File)
		faculty(d.Faculty)
	case *site.Faculty:
		h.str("faculty")
		faculty(d)
	case *content.Page:
		h.str("page", d.Path)
		h.bytes(k.doc(d.Path))
	default:
		return false
	}
	return true
}

// card returns the sum of c: made by NewKeys for the page list's cards,
// else now.
func (k *Keys) card(c *Card) [sha256.Size]byte {
	if s, ok := k.cards[c]; ok {
		return s
	}
	return cardSum(c)
}

func cardSum(c *Card) [sha256.Size]byte {
	return hashWith(func(h *keyHash) {
		h.str(c.Title, c.URL, c.Summary, c.Kind, c.Status)
		h.str(c.Meta...)
	})
}

// hashWith returns the SHA-256 of what write writes, in a buffer from
// keyBufs.
func hashWith(write func(*keyHash)) [sha256.Size]byte {
	h := keyBufs.Get().(*keyHash)
	defer keyBufs.Put(h)
	h.b = h.b[:0]
	write(h)
	return sha256.Sum256(h.b)
}

// pager returns the sum of a listing's page links, made once for all the
// pages that share them (paginate gives them one slice).
func (k *Keys) pager(links []Link) [sha256.Size]byte {
	var first *Link
	if len(links) > 0 {
		first = &links[0]
	}
	return k.pagers.of(linkList{first, len(links)}, func(h *keyHash) { h.links(links) })
}

func (k *Keys) facet(g *FacetGroup) [sha256.Size]byte {
	return k.facets.of(g, func(h *keyHash) {
		h.str(g.Label, g.Key)
		h.int(len(g.Values))
		for _, v := range g.Values {
			h.str(v.Name, v.URL)
			h.int(v.Count)
			h.bool(v.Current)
		}
	})
}

// keyHash gathers values to hash, unambiguously: each with its length.
type keyHash struct{ b []byte }

func (h *keyHash) int(ns ...int) {
	for _, n := range ns {
		h.b = binary.LittleEndian.AppendUint64(h.b, uint64(n))
	}
}

func (h *keyHash) str(ss ...string) {
	h.int(len(ss))
	for _, s := range ss {
		h.int(len(s))
		h.b = append(h.b, s...)
	}
}

func (h *keyHash) bytes(b []byte) {
	h.int(len(b))
	h.b = append(h.b, b...)
}

func (h *keyHash) bool(b bool) {
	if b {
		h.int(1)
	} else {
		h.int(0)
	}
}

func (h *keyHash) sum(s [sha256.Size]byte) { h.b = append(h.b, s[:]...) }

func (h *keyHash) links(ls []Link) {
	h.int(len(ls))
	for _, l := range ls {
		h.str(l.Title, l.URL)
	}
}

// Global writes to w what every page of r's site shares and the site
// files do not say: the URL of every document the site keeps, the files
// beside them, the layouts and the assets' fingerprinted names (some
// megabytes at national scale, so written as they are gathered). It
// reports whether pages may be keyed at all: only with the built-in
// layouts, whose reach Keys knows.
func (r *Renderer) Global(w io.Writer) bool {
	h := keyBufs.Get().(*keyHash)
	defer keyBufs.Put(h)
	h.b = h.b[:0]
	// The hub's documents and files are sorted by path.
	h.int(len(r.kept))
	for _, d := range r.site.Hub.Documents {
		if _, ok := r.kept[d]; ok {
			h.str(d.Path, d.URL)
		}
		if len(h.b) >= 32<<10 {
			w.Write(h.b)
			h.b = h.b[:0]
		}
	}
	h.str(r.site.Hub.Files...)
	h.sum(r.theme.sum)
	names := make([]string, 0, len(r.Assets))
	for n := range r.Assets {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		h.str(n, r.Assets[n])
	}
	w.Write(h.b)
	return r.theme.Builtin
}
