package build

import (
	"context"
	"runtime"

	"github.com/facultyhub/facultyhub/internal/render"
	"github.com/facultyhub/facultyhub/internal/search"
	"golang.org/x/sync/errgroup"
)

// startIndex starts making the search index from the site graph (never
// from the rendered HTML) as soon as the graph is made: it needs nothing
// else, and in a build after a small change it is the longest job of
// the render phase. index waits for it.
func (r *run) startIndex(context.Context) error {
	r.indexed = make(chan *search.Index, 1)
	go func() {
		opts := search.Options{Base: render.BasePath(r.site), Fixed: true}
		if r.cache != nil {
			opts.Analyses = r.cache.searchAnalyses()
		}
		r.indexed <- search.New(search.FromSite(r.site), opts)
	}()
	return nil
}

// indexMade waits for the index startIndex started, if it did.
func (r *run) indexMade(ctx context.Context) (*search.Index, error) {
	if r.indexed == nil {
		return nil, nil
	}
	select {
	case ix := <-r.indexed:
		r.indexed = nil
		return ix, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// index writes the search index under /search/.
func (r *run) index(ctx context.Context) error {
	ix, err := r.indexMade(ctx)
	if err != nil {
		return err
	}
	if r.cache != nil && r.opts.Cache == nil {
		r.cache.writeAnalyses(r.opts.CacheDir, &r.cacheWrites)
	}
	if err := r.searchPage(ctx, ix); err != nil {
		return err
	}
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, f := range ix.Files() {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return r.writeAsIs(f.Path, f.Data)
		})
	}
	return g.Wait()
}

// isSearchPage reports whether p is the search page, which carries the
// search index's manifest.
func isSearchPage(p *render.Page) bool { return p.Layout == "search.html" }

// searchPage renders the search page with the manifest of ix, and scans
// its links for the link check.
func (r *run) searchPage(ctx context.Context, ix *search.Index) error {
	var manifest []byte
	for _, f := range ix.Files() {
		if f.Path == search.ManifestPath {
			manifest = f.Data
		}
	}
	r.rd.SearchManifest = func() []byte { return manifest }
	for _, p := range r.pages {
		if !isSearchPage(p) {
			continue
		}
		links, err := r.renderPages(ctx, []*render.Page{p}, 1, nil, func(p *render.Page, html []byte) error {
			return r.writePage(outputPath(p.URL), html)
		})
		if err != nil {
			return err
		}
		r.mu.Lock()
		r.searchLinks = append(r.searchLinks, links...)
		r.mu.Unlock()
	}
	return nil
}
