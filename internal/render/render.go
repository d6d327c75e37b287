// Package render turns the site graph into HTML pages: it lists every page
// (Pages), loads the theme's html/template layouts (a site may override any
// of them from its layouts/ folder) and executes a layout for a page,
// rendering its Markdown with links rewritten to site URLs.
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/markdown"
	"github.com/facultyhub/facultyhub/internal/site"
)

// Renderer renders the pages of one site. It is safe for concurrent use.
type Renderer struct {
	site  *site.Site
	md    *markdown.Markdown
	theme *Theme
	// kept holds the documents the site keeps (not drafts, not broken):
	// links and pageExists find their pages; the hub finds documents
	// and files by path.
	kept map[*content.Document]struct{}
	base string
	// Assets maps a theme asset's name (css/site.css) to its fingerprinted
	// URL, filled in by the build before rendering.
	Assets map[string]string
	// SearchManifest, when set, returns the search index's manifest
	// (search.ManifestPath) for the search page to carry, so that a
	// query's first requests need not wait for it. The build sets it once
	// the index is made and renders the search page after; the preview
	// makes the index when the page is first asked for.
	SearchManifest func() []byte
	// outlines is Options.Outlines.
	outlines func(*content.Document, markdown.Outline)
	// partials holds what partialCached rendered, by name and variants.
	partials partialCache
}

// partialCache maps a partial's name and variants, as partialKey writes
// them, to its HTML. A map behind a read lock rather than a sync.Map:
// a lookup with a key made in a stack buffer does not allocate.
type partialCache struct {
	mu sync.RWMutex
	m  map[string]template.HTML
}

// Options adjust a Renderer.
type Options struct {
	// MinifyLayout, when set, minifies each layout's source before it is
	// parsed (output.Minifier.Layout), so that pages come out minified.
	MinifyLayout func(name string, src []byte) ([]byte, error)
	// Outlines, when set, is given the outline of each body the renderer
	// renders, read from the same parse (a build's deferred checks,
	// check.Deferred.Put). It is called from concurrent renders.
	Outlines func(*content.Document, markdown.Outline)
	// Interpret executes the layouts with html/template alone, never
	// compiled (internal/htmlexec): the reference the compiled layouts
	// are tested and benchmarked against.
	Interpret bool
}

// New prepares a renderer for s, with the theme named in its config read
// from source (or built in). At most one Options may be given.
func New(s *site.Site, source fs.FS, opts ...Options) (*Renderer, error) {
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	r := &Renderer{
		site: s, md: markdown.New(markdown.Options{Unsafe: s.Config.Markdown.Unsafe}),
		kept: make(map[*content.Document]struct{}, len(s.Hub.Documents)),
		base: strings.TrimSuffix(BasePath(s), "/"), Assets: map[string]string{},
		outlines: o.Outlines,
	}
	for _, d := range keptDocuments(s) {
		r.kept[d] = struct{}{}
	}
	theme, err := LoadTheme(source, s.Config.Theme, r.funcs(), o.MinifyLayout)
	if err != nil {
		return nil, err
	}
	if o.Interpret {
		theme.shared.Interpret()
		for _, l := range theme.layouts {
			l.Interpret()
		}
	}
	r.theme = theme
	return r, nil
}

// Theme returns the loaded theme.
func (r *Renderer) Theme() *Theme { return r.theme }

func keptDocuments(s *site.Site) []*content.Document {
	var out []*content.Document
	if s.Home != nil {
		out = append(out, s.Home.Document)
	}
	for _, p := range s.Pages {
		out = append(out, p.Document)
	}
	for _, f := range s.Faculties {
		out = append(out, f.Document)
	}
	for _, p := range s.Partners {
		out = append(out, p.Document)
	}
	for _, st := range s.Stories {
		out = append(out, st.Document)
	}
	for _, res := range s.Resources {
		out = append(out, res.Document)
	}
	for _, p := range s.Placements {
		out = append(out, p.Document)
	}
	return out
}

// Render executes p's layout into w.
func (r *Renderer) Render(w io.Writer, p *Page) error {
	layout := r.theme.layouts[p.Layout]
	if layout == nil {
		return fmt.Errorf("render %s: the theme has no layout %s", p.URL, p.Layout)
	}
	// The body and JSON-LD go on a copy of the page: p is never written,
	// so it may be rendered from several goroutines (the preview server),
	// and twenty thousand bodies are not held by a build.
	page := *p
	if doc := r.site.Hub.Document(p.Doc); doc != nil && p.Content == "" {
		body := bodyBuffers.Get().(*bytes.Buffer)
		body.Reset()
		defer bodyBuffers.Put(body)
		if err := r.body(body, doc); err != nil {
			return fmt.Errorf("render %s: markdown: %w", p.URL, err)
		}
		// The body is read in place, not copied: nothing the layouts
		// call keeps a string past the execution (partialCached keeps
		// what it renders, which is new), and the buffer goes back to
		// the pool only after it.
		page.Content = template.HTML(unsafe.String(unsafe.SliceData(body.Bytes()), body.Len()))
	}
	if ld, ok := p.JSONLD.(lazyLD); ok {
		page.JSONLD = ld()
	}
	if err := r.readyMade(&page); err != nil {
		return fmt.Errorf("render %s: %w", p.URL, err)
	}
	p = &page
	if err := layout.Execute(w, "baseof.html", p); err != nil {
		return fmt.Errorf("render %s: %w", p.URL, err)
	}
	return nil
}

// body renders doc's Markdown into w, and hands its outline to
// r.outlines if set.
func (r *Renderer) body(w io.Writer, doc *content.Document) error {
	if r.outlines == nil {
		return r.md.Render(w, doc.Text(), r.resolver(doc))
	}
	o, err := r.md.RenderOutline(w, doc.Text(), r.resolver(doc))
	if err == nil {
		r.outlines(doc, o)
	}
	return err
}

// readyMade fills in what layouts read ready-made rather than compute
// with a function call per action (see Page.Entry): the entry, the
// canonical URL, the trail with its JSON-LD, and the pager's links, on a
// copy of the pager.
func (r *Renderer) readyMade(page *Page) error {
	page.Entry = r.entry(page.Data)
	page.Canonical = AbsURL(r.site, page.URL)
	if page.Pager != nil {
		pager := *page.Pager
		current := strconv.Itoa(pager.Number)
		for _, l := range pager.Window() {
			if l.URL != "" {
				l.URL = r.rel(l.URL)
			}
			pager.Links = append(pager.Links, PagerLink{l.Title, l.URL, l.Title == current})
		}
		page.Pager = &pager
	}
	if n := len(page.Breadcrumbs); n > 0 {
		page.Trail = make([]Crumb, n)
		for i, c := range page.Breadcrumbs {
			page.Trail[i] = Crumb{c.Title, r.rel(c.URL)}
		}
		page.Parent = &page.Trail[n-1]
		ld, err := json.Marshal(breadcrumbLD(r.site, page))
		if err != nil {
			return err
		}
		page.BreadcrumbLD = template.JS(ld)
	}
	return nil
}

// bodyBuffers hold a page's Markdown as HTML until it is copied into the
// page: twenty thousand bodies at national scale.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Release drops what only p's layout needed (cards, facets, JSON-LD)
// once p has been rendered; its URL, title and entity stay for the
// sitemap and feeds.
func (p *Page) Release() {
	p.Pager, p.Facets, p.JSONLD = nil, nil, nil
}

// resolver rewrites the links of doc: a relative link to a Markdown file
// becomes that page's URL, a link to a file beside it that file's URL.
func (r *Renderer) resolver(doc *content.Document) markdown.Resolver {
	return func(dest string) (string, bool) {
		if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") || hasScheme(dest) {
			return "", false
		}
		if strings.HasPrefix(dest, "/") {
			return r.rel(dest), true
		}
		target, fragment, hasFragment := strings.Cut(dest, "#")
		if t, err := url.PathUnescape(target); err == nil {
			target = t
		}
		if hasFragment {
			fragment = "#" + fragment
		}
		p := path.Join(path.Dir(doc.Path), target)
		if d := r.keptAt(p); d != nil {
			return r.rel(d.URL) + fragment, true
		}
		if d := r.keptAt(path.Join(p, "_index.md")); d != nil {
			return r.rel(d.URL) + fragment, true
		}
		if r.site.Hub.HasFile(p) {
			return r.rel(content.FileURL(p)), true
		}
		return "", false
	}
}

// keptAt returns the document at the slash path p if the site keeps it.
func (r *Renderer) keptAt(p string) *content.Document {
	if d := r.site.Hub.Document(p); d != nil {
		if _, ok := r.kept[d]; ok {
			return d
		}
	}
	return nil
}

// pageExists reports whether the site has a page made from a document
// at the site path u. (Two documents at one address fail the checks, so
// the first there is the one.)
func (r *Renderer) pageExists(u string) bool {
	d := r.site.Hub.DocumentAt(u)
	if d == nil {
		return false
	}
	_, ok := r.kept[d]
	return ok
}

func hasScheme(s string) bool {
	i := strings.IndexByte(s, ':')
	return i > 0 && !strings.ContainsAny(s[:i], "/?#")
}

// rel prefixes a site path with the base path.
func (r *Renderer) rel(p string) string { return r.base + p }

func (r *Renderer) funcs() template.FuncMap {
	s := r.site
	return template.FuncMap{
		"relURL": func(p string) string { return r.rel(p) },
		"absURL": func(p string) string { return AbsURL(s, p) },
		"asset": func(name string) string {
			if u, ok := r.Assets[name]; ok {
				return r.rel(u)
			}
			return r.rel("/" + name)
		},
		"label": s.Label,
		"date":  func(t time.Time) string { return t.Format("2 January 2006") },
		"isoDate": func(t time.Time) string {
			return t.Format(time.DateOnly)
		},
		"jsonld": func(v any) (template.JS, error) {
			b, err := json.Marshal(v)
			return template.JS(b), err
		},
		"breadcrumbLD": func(p *Page) any { return breadcrumbLD(s, p) },
		"fileURL":      func(doc *content.Document, src string) string { return r.fileURL(doc.Path, src) },
		"statusLabel":  statusLabel,
		"mailto":       mailto,
		"isEmail":      isEmail,
		"cards":        func(list any) []*Card { return cardsOf(s, list) },
		"labels": func(vocabulary string, slugs []string) []string {
			out := make([]string, len(slugs))
			for i, slug := range slugs {
				out[i] = s.Label(vocabulary, slug)
			}
			return out
		},
		"hasSuffix":     strings.HasSuffix,
		"navCurrent":    navCurrent,
		"navKey":        navKey,
		"partialCached": r.partialCached,
		"cardList":      r.cardList,
		"pageExists":    r.pageExists,
		"join":          strings.Join,
		"lower":         lower,
		"plural":        plural,
		"add":           func(a, b int) int { return a + b },
		"sub":           func(a, b int) int { return a - b },
		"today":         func() time.Time { return s.Today },
		"searchManifest": func() template.JS {
			if r.SearchManifest == nil {
				return ""
			}
			// JSON with every "<" escaped cannot end the script element.
			return template.JS(bytes.ReplaceAll(r.SearchManifest(), []byte("<"), []byte(`\u003c`)))
		},
	}
}

// partialCached renders the template name with data once per build for
// each combination of variants, and returns that HTML on every later
// call, as Hugo's function of the same name does: the caller promises
// that the output depends only on name and variants. The theme uses it
// for the header (one per section), the footer and cards (one per
// entity, shown on many listings). name must be defined in baseof.html or
// a partial: page layouts are not shared.
func (r *Renderer) partialCached(name string, data any, variants ...any) (template.HTML, error) {
	var buf [128]byte
	key := partialKey(buf[:0], name, variants)
	c := &r.partials
	c.mu.RLock()
	h, ok := c.m[string(key)]
	c.mu.RUnlock()
	if ok {
		return h, nil
	}
	var b bytes.Buffer
	if err := r.theme.shared.Execute(&b, name, data); err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if h, ok := c.m[string(key)]; ok {
		return h, nil
	}
	if c.m == nil {
		c.m = map[string]template.HTML{}
	}
	h = template.HTML(b.String())
	c.m[string(key)] = h
	return h, nil
}

// cardList renders the template "card" for each card, as partialCached
// would with the card's URL as its variant, each followed by a newline.
// A listing page shows twenty cards: one call instead of a range of
// twenty, each a reflective call of partialCached and of an escaper.
func (r *Renderer) cardList(cards []*Card) (template.HTML, error) {
	html := make([]template.HTML, len(cards))
	n := 0
	for i, c := range cards {
		h, err := r.partialCached("card", c, c.URL)
		if err != nil {
			return "", err
		}
		html[i] = h
		n += len(h) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for _, h := range html {
		b.WriteString(string(h))
		b.WriteByte('\n')
	}
	return template.HTML(b.String()), nil
}

// partialKey appends to b the name and variants of a partial, each after
// a NUL byte.
func partialKey(b []byte, name string, variants []any) []byte {
	b = append(b, name...)
	for _, v := range variants {
		b = append(b, 0)
		switch v := v.(type) {
		case string:
			b = append(b, v...)
		case bool:
			b = strconv.AppendBool(b, v)
		default:
			b = fmt.Append(b, v)
		}
	}
	return b
}

// navKey names the state of the main navigation on the page at url: its
// first path segment, and whether url is that section's own page. Every
// answer of navCurrent for a one-segment section follows from it.
func navKey(url string) string {
	seg, rest, _ := strings.Cut(strings.TrimPrefix(url, "/"), "/")
	if rest == "" {
		return seg + "/"
	}
	return seg + "/*"
}

// navCurrent tells the main navigation whether the page at url is the
// section page (page), inside the section (section) or neither ("").
func navCurrent(url, section string) string {
	switch {
	case url == section:
		return "page"
	case strings.HasPrefix(url, section):
		return "section"
	}
	return ""
}

func lower(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// cardsOf makes cards for templates from a list of entities.
func cardsOf(s *site.Site, list any) []*Card {
	switch l := list.(type) {
	case []*site.Faculty:
		return cards(s, l, facultyCard)
	case []*site.Partner:
		return cards(s, l, partnerCard)
	case []*site.Story:
		return cards(s, l, storyCard)
	case []*site.Resource:
		return cards(s, l, resourceCard)
	case []*site.Placement:
		return cards(s, l, placementCard)
	}
	return nil
}
