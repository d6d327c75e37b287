package build

import (
	"bytes"
	"context"
	"runtime"
	"slices"

	"github.com/facultyhub/facultyhub/internal/render"
	"golang.org/x/sync/errgroup"
)

// render renders the pages and writes them; with the build cache, only
// those whose key changed (memo.split). The search page waits for the
// index (index.go).
func (r *run) render(ctx context.Context) error {
	// The search page carries the index's manifest: index renders it.
	pages := slices.DeleteFunc(slices.Clone(r.pages), isSearchPage)
	if r.memo != nil {
		var err error
		if pages, err = r.memo.split(ctx, pages, r.record); err != nil {
			return err
		}
		r.result.Rendered = len(pages)
	}
	links, err := r.renderPages(ctx, pages, runtime.GOMAXPROCS(0), nil, func(p *render.Page, html []byte) error {
		p.Release()
		return r.writePage(outputPath(p.URL), html)
	})
	if err != nil {
		return err
	}
	r.links = links
	r.result.Pages = len(r.pages)
	return nil
}

// renderPages renders pages, at most limit at a time, scans each one's
// links for checkLinks, and passes its HTML to use (when not nil). have,
// when not nil, returns a page's HTML made before, which saves rendering
// it.
func (r *run) renderPages(ctx context.Context, pages []*render.Page, limit int, have func(*render.Page) ([]byte, bool), use func(*render.Page, []byte) error) ([]pageLinks, error) {
	links := make([]pageLinks, len(pages))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	for i, p := range pages {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			var html []byte
			ok := false
			if have != nil {
				html, ok = have(p)
			}
			if !ok {
				b := pageBuffers.Get().(*bytes.Buffer)
				defer pageBuffers.Put(b)
				b.Reset()
				if err := r.rd.Render(b, p); err != nil {
					return err
				}
				html = b.Bytes()
			}
			l, ids := scanLinks(html)
			links[i] = pageLinks{url: p.URL, source: p.Doc, links: l, ids: ids}
			if use == nil {
				return nil
			}
			return use(p, html)
		})
	}
	return links, g.Wait()
}
