package build

import (
	"bytes"
	"context"
	"io/fs"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/diag"
	"github.com/facultyhub/facultyhub/internal/render"
	"github.com/facultyhub/facultyhub/internal/search"
)

// Preview is a site prepared for the preview server: loaded, checked and
// resolved exactly as a build does it, with its theme files and search
// client in memory, but with each page rendered only when it is first
// asked for, the feeds and search index made on the first request for one
// of them, and the files beside the pages read when asked for. A change to a national-scale site is
// then served in the time it takes to load, check and resolve it, not to
// render twenty thousand pages. Pages are not minified.
//
// What a build checks after rendering (every internal link and anchor of
// the output) needs every page: CheckLinks does it, and the preview server
// runs it in the background.
type Preview struct {
	run   *run
	files map[string][]byte
	// pages maps a page's URL (/faculties/x/) to it: File turns a file
	// name into a URL (pageURL), cheaper than a file name per page.
	pages map[string]*render.Page
	// assets maps the output path of a file beside the content to its
	// path in the source.
	assets   map[string]string
	rendered sync.Map // output path → []byte

	// The feeds and exports, made on the first request for one.
	feedsOnce sync.Once
	feeds     map[string][]byte
	feedsErr  error

	// The search index, made on the first request for one of its files:
	// by updating the index of the preview before, when it had made one,
	// with the pages that changed, else whole.
	searchOnce  sync.Once
	searchFiles map[string][]byte
	searchDone  atomic.Bool
	searchMu    sync.Mutex // guards index, corpus and the base ones, handed on once
	index       *search.Index
	corpus      search.Corpus
	baseIndex   *search.Index
	baseCorpus  search.Corpus
}

// NewPreview prepares the site described by opts (Dest and NoMinify are
// ignored). Like Build, it returns an error for failures of
// the machine or the theme, and problems with the content as diagnostics
// in the Result; then the Preview is nil.
//
// after, when not nil, is the preview this one replaces: if it has made its
// search index, this one takes that index over and updates it instead of
// making its own (after keeps serving the files it made).
func NewPreview(ctx context.Context, opts Options, after *Preview) (*Preview, Result, error) {
	mem := NewMemory()
	r := newRun(opts)
	r.sink = mem
	// Nothing is written before commit, so the checks can run beside
	// the graph and the page list.
	err := r.phases(ctx, []phase{
		{name: "load", fn: r.load, goOn: true},
		{name: "check+graph+prepare", fn: r.checkBeside(r.inTurn(r.graph, r.stage, r.prepare))},
		{name: "commit", fn: r.commit},
	})
	if err != nil || r.result.Failed() {
		return nil, r.result, err
	}
	p := &Preview{run: r, files: mem.Files(), pages: make(map[string]*render.Page, len(r.pages)),
		assets: make(map[string]string, len(r.hub.Files))}
	for _, pg := range r.pages {
		p.pages[pg.URL] = pg
	}
	// The pictures and PDFs beside the pages are read when asked for,
	// from the paths the load found, not copied into memory at every
	// change.
	for _, f := range r.hub.Files {
		p.assets[strings.TrimPrefix(content.FileURL(f), "/")] = f
	}
	r.result.Pages = len(r.pages)
	// The search page carries the index's manifest: asking for it makes
	// the index.
	r.rd.SearchManifest = func() []byte {
		p.searchOnce.Do(p.makeSearch)
		return p.searchFiles[search.ManifestPath]
	}
	if after != nil {
		// The index after made, or, if it made none (a preview the
		// server built and dropped), the one it would have updated.
		after.searchMu.Lock()
		if after.searchDone.Load() {
			p.baseIndex, p.baseCorpus = after.index, after.corpus
			after.index = nil
		} else {
			p.baseIndex, p.baseCorpus = after.baseIndex, after.baseCorpus
			after.baseIndex, after.baseCorpus = nil, search.Corpus{}
		}
		after.searchMu.Unlock()
	}
	return p, r.result, nil
}

// File returns the site file name (a path without the leading slash, as
// in the built site: faculties/x/index.html), rendering it if it is a page
// not rendered yet. ok is false when the site has no such file; err is a
// failure to render it (a layout that fails on this page).
func (p *Preview) File(name string) (data []byte, ok bool, err error) {
	if data, ok := p.files[name]; ok {
		return data, true, nil
	}
	if pg, ok := p.pages[pageURL(name)]; ok {
		data, err := p.page(name, pg)
		return data, err == nil, err
	}
	if src, ok := p.assets[name]; ok {
		data, err := fs.ReadFile(p.run.fsys, src)
		return data, err == nil, err
	}
	if strings.HasPrefix(name, "search/") {
		p.searchOnce.Do(p.makeSearch)
		data, ok = p.searchFiles[name]
		return data, ok, nil
	}
	// Anything else is a feed or an export, or nothing at all.
	p.feedsOnce.Do(func() { p.feeds, p.feedsErr = p.makeFeeds() })
	if p.feedsErr != nil {
		return nil, false, p.feedsErr
	}
	data, ok = p.feeds[name]
	return data, ok, nil
}

// pageURL is the URL of the page written at the file name, the reverse
// of outputPath.
func pageURL(name string) string {
	if dir, ok := strings.CutSuffix(name, "index.html"); ok && (dir == "" || strings.HasSuffix(dir, "/")) {
		return "/" + dir
	}
	return "/" + name
}

func (p *Preview) page(name string, pg *render.Page) ([]byte, error) {
	if data, ok := p.rendered.Load(name); ok {
		return data.([]byte), nil
	}
	var b bytes.Buffer
	if err := p.run.rd.Render(&b, pg); err != nil {
		return nil, err
	}
	data, _ := p.rendered.LoadOrStore(name, b.Bytes())
	return data.([]byte), nil
}

// makeFeeds makes the feeds and exports, as the build's feeds phase
// writes them.
func (p *Preview) makeFeeds() (map[string][]byte, error) {
	r := p.run
	files, err := feedFiles(r.site, r.pages, redirects(r.site))
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[strings.TrimPrefix(f.path, "/")] = f.data
	}
	return out, nil
}

// makeSearch makes the search index: the previous preview's, updated with
// the pages that changed since, when it can; else a new one, as the
// build's index phase does. An updated index finds what a new one would,
// but may number pages and cut shards differently (search.Index.Update).
func (p *Preview) makeSearch() {
	r := p.run
	corpus := search.FromSite(r.site)
	// The base is taken under the lock: a preview made after this one
	// may take it first, and then this one makes its index whole.
	p.searchMu.Lock()
	base, baseCorpus := p.baseIndex, p.baseCorpus
	p.baseIndex, p.baseCorpus = nil, search.Corpus{}
	p.searchMu.Unlock()
	var ix *search.Index
	if base != nil && reflect.DeepEqual(baseCorpus.Facets, corpus.Facets) {
		ix = base
		ix.Update(changedDocuments(baseCorpus.Documents, corpus.Documents))
	} else {
		ix = search.New(corpus, search.Options{Base: render.BasePath(r.site)})
	}
	files := map[string][]byte{}
	for _, f := range ix.Files() {
		files[f.Path] = f.Data
	}
	p.searchFiles = files
	p.searchMu.Lock()
	p.index, p.corpus = ix, corpus
	p.searchMu.Unlock()
	p.searchDone.Store(true)
}

// changedDocuments lists the documents of now that are new or differ
// from before, and the URLs of before that now lacks.
func changedDocuments(before, now []search.Document) (changed []search.Document, removed []string) {
	old := make(map[string]*search.Document, len(before))
	for i := range before {
		old[before[i].URL] = &before[i]
	}
	for _, d := range now {
		if o, ok := old[d.URL]; !ok || !sameDocument(*o, d) {
			changed = append(changed, d)
		}
		delete(old, d.URL)
	}
	for u := range old {
		removed = append(removed, u)
	}
	slices.Sort(removed)
	return changed, removed
}

func sameDocument(a, b search.Document) bool {
	return a.URL == b.URL && a.Title == b.Title && a.Excerpt == b.Excerpt && a.Kind == b.Kind &&
		a.Faculty == b.Faculty && a.Note == b.Note && bytes.Equal(a.Body, b.Body) && reflect.DeepEqual(a.Facets, b.Facets)
}

// CheckLinks renders every page not rendered yet and checks every
// internal link and anchor, as a build does after rendering. It returns
// early with ctx's error when ctx is done.
func (p *Preview) CheckLinks(ctx context.Context) (diag.List, error) {
	r := p.run
	// One core is left to the server: pages asked for and the next
	// rebuild come first, the check may take its time. Pages are
	// rendered again rather than kept: the preview holds only the pages
	// someone has opened.
	links, err := r.renderPages(ctx, r.pages, max(1, runtime.GOMAXPROCS(0)-1), func(pg *render.Page) ([]byte, bool) {
		html, ok := p.rendered.Load(outputPath(pg.URL))
		if !ok {
			return nil, false
		}
		return html.([]byte), true
	}, nil)
	if err != nil {
		return nil, err
	}
	// The feeds, exports and index are among what links may reach.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p.feedsOnce.Do(func() { p.feeds, p.feedsErr = p.makeFeeds() })
	if p.feedsErr != nil {
		return nil, p.feedsErr
	}
	p.searchOnce.Do(p.makeSearch)
	files := map[string]bool{}
	for _, m := range []map[string][]byte{p.files, p.feeds, p.searchFiles} {
		for name := range m {
			files[name] = true
		}
	}
	for u := range p.pages {
		files[outputPath(u)] = true
	}
	for name := range p.assets {
		files[name] = true
	}
	return checkLinks(links, files, render.BasePath(r.site)), nil
}
