package build

import (
	"bytes"
	"context"
	"runtime"
	"strings"
	"sync"

	"github.com/facultyhub/facultyhub/internal/diag"
	"github.com/facultyhub/facultyhub/internal/render"
	"github.com/facultyhub/facultyhub/internal/search"
	"golang.org/x/sync/errgroup"
)

// Preview is a site prepared for the preview server: loaded, checked and
// resolved exactly as a build does it, with its theme files, search client
// and the files beside the content in memory, but with each page rendered
// only when it is first asked for, and the feeds and search index made on
// the first request for one of them. A change to a national-scale site is
// then served in the time it takes to load, check and resolve it, not to
// render twenty thousand pages. Pages are not minified.
//
// What a build checks after rendering (every internal link and anchor of
// the output) needs every page: CheckLinks does it, and the preview server
// runs it in the background.
type Preview struct {
	run   *run
	files map[string][]byte
	// pages maps a page's output path (faculties/x/index.html) to it.
	pages    map[string]*render.Page
	rendered sync.Map // output path → []byte

	extraOnce sync.Once
	extra     map[string][]byte
	extraErr  error
}

// NewPreview prepares the site described by opts (Dest, Sink and
// NoMinify are ignored). Like Build, it returns an error for failures of
// the machine or the theme, and problems with the content as diagnostics
// in the Result; then the Preview is nil.
func NewPreview(ctx context.Context, opts Options) (*Preview, Result, error) {
	mem := NewMemory(false)
	opts.Sink = mem
	r := newRun(opts)
	err := r.phases(ctx, []phase{
		{"load", r.load},
		{"check", r.check},
		{"graph", r.graph},
		{"stage", r.stage},
		{"prepare", r.prepare},
		{"assets", r.assets},
		{"commit", r.commit},
	})
	if err != nil || r.result.Failed() {
		return nil, r.result, err
	}
	p := &Preview{run: r, files: mem.Files(), pages: make(map[string]*render.Page, len(r.pages))}
	for _, pg := range r.pages {
		p.pages[outputPath(pg.URL)] = pg
	}
	r.result.Pages = len(r.pages)
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
	if pg, ok := p.pages[name]; ok {
		data, err := p.page(name, pg)
		return data, err == nil, err
	}
	if !p.generated(name) {
		return nil, false, nil
	}
	p.extraOnce.Do(func() { p.extra, p.extraErr = p.makeExtra() })
	if p.extraErr != nil {
		return nil, false, p.extraErr
	}
	data, ok = p.extra[name]
	return data, ok, nil
}

// generated reports whether name may be one of the files made from the
// whole site at once (feeds, exports, sitemap, search index), so that a
// missing image does not make them all.
func (p *Preview) generated(name string) bool {
	if strings.HasPrefix(name, "search/") {
		return true
	}
	switch {
	case strings.HasSuffix(name, ".xml"), strings.HasSuffix(name, ".ics"), strings.HasSuffix(name, ".json"),
		strings.HasSuffix(name, ".csv"), name == "robots.txt", name == "_redirects":
		return true
	}
	return false
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

// makeExtra makes the feeds, exports and search index, as the build's
// feeds and index phases write them.
func (p *Preview) makeExtra() (map[string][]byte, error) {
	r := p.run
	files, err := feedFiles(r.site, r.pages, redirects(r.site))
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[strings.TrimPrefix(f.path, "/")] = f.data
	}
	ix := search.New(search.FromSite(r.site), search.Options{Base: render.BasePath(r.site)})
	for _, f := range ix.Files() {
		out[f.Path] = f.Data
	}
	return out, nil
}

// CheckLinks renders every page not rendered yet and checks every
// internal link and anchor, as a build does after rendering. It returns
// early with ctx's error when ctx is done.
func (p *Preview) CheckLinks(ctx context.Context) (diag.List, error) {
	r := p.run
	links := make([]pageLinks, len(r.pages))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, pg := range r.pages {
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			// Rendered again rather than kept: the preview holds only
			// the pages someone has opened.
			data, ok := p.rendered.Load(outputPath(pg.URL))
			if !ok {
				b := pageBuffers.Get().(*bytes.Buffer)
				defer pageBuffers.Put(b)
				b.Reset()
				if err := r.rd.Render(b, pg); err != nil {
					return err
				}
				data = b.Bytes()
			}
			l, ids := scanLinks(data.([]byte))
			links[i] = pageLinks{url: pg.URL, source: pg.Doc, links: l, ids: ids}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	// The feeds, exports and index are among what links may reach.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p.extraOnce.Do(func() { p.extra, p.extraErr = p.makeExtra() })
	if p.extraErr != nil {
		return nil, p.extraErr
	}
	files := map[string]bool{}
	for _, m := range []map[string][]byte{p.files, p.extra} {
		for name := range m {
			files[name] = true
		}
	}
	for name := range p.pages {
		files[name] = true
	}
	return checkLinks(links, files, render.BasePath(r.site)), nil
}
