package build

import (
	"bytes"
	"context"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"

	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/output"
	"github.com/facultyhub/facultyhub/internal/render"
	"github.com/facultyhub/facultyhub/internal/search"
	"golang.org/x/sync/errgroup"
)

// The output side of the pipeline: every file goes through run.write,
// run.writeAsIs (pages through run.writePage) or run.fingerprinted, which
// record it for the link check
// and, with the build cache, skip what the last build wrote alike.

// write writes one file and records it for the link check. With the
// build cache, a file made from the same bytes as last time stays as it
// is.
func (r *run) write(p string, data []byte) error {
	r.record(p)
	if r.memo != nil && r.memo.same(p, data) {
		return nil
	}
	return r.out.Write(p, data)
}

// writeAsIs is write for a file the build makes as it is to be
// published: compact JSON that the minifier would leave as it is (the
// search index: TestSearchIndexNeedsNoMinifying) or would take only
// wanted line breaks out of (the exports).
func (r *run) writeAsIs(p string, data []byte) error {
	r.record(p)
	if r.memo != nil && r.memo.same(p, data) {
		return nil
	}
	return r.out.WriteMinified(p, data)
}

// fingerprinted writes an asset under a name made from its content and
// returns that name.
func (r *run) fingerprinted(p string, data []byte) (string, error) {
	name, err := r.keptAsset(p, data)
	if err != nil {
		return "", err
	}
	if name == "" {
		if name, err = r.out.WriteFingerprinted(p, data); err != nil {
			return "", err
		}
	}
	r.record(name)
	if r.memo != nil {
		r.memo.add(name)
	}
	return name, nil
}

// keptAsset returns the name of the asset p made from data when the last
// build wrote it already: the name is the content's, so the file stays.
func (r *run) keptAsset(p string, data []byte) (string, error) {
	if r.memo == nil || r.memo.prev == nil {
		return "", nil
	}
	min := data
	if r.minifyPages() {
		var err error
		if min, err = output.NewMinifier().Bytes(p, data); err != nil {
			return "", err
		}
	}
	if name := output.Fingerprint(p, min); r.memo.wrote(name) {
		return name, nil
	}
	return "", nil
}

// record notes that the site has the file p, for the link check.
func (r *run) record(p string) {
	r.mu.Lock()
	r.files[p] = true
	r.mu.Unlock()
}

// minifyPages reports whether pages are rendered from minified layouts,
// and so come out minified, rather than minified one by one.
func (r *run) minifyPages() bool { return !r.opts.NoMinify }

// writePage writes a rendered page, as it is when its layouts were
// minified.
func (r *run) writePage(p string, data []byte) error {
	if !r.minifyPages() {
		return r.write(p, data)
	}
	return r.writeAsIs(p, data)
}

// pageBuffers hold rendered pages until they are written: sinks copy
// what they keep.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// outputPath maps a page URL to its file: /a/b/ → a/b/index.html.
func outputPath(u string) string {
	p := strings.TrimPrefix(u, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

// themeAssets writes the theme's static files, CSS fingerprinted, and
// tells the renderer their names.
func (r *run) themeAssets(rd *render.Renderer) error {
	static := rd.Theme().Static
	if static == nil {
		return nil
	}
	return fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(static, p)
		if err != nil {
			return err
		}
		if path.Ext(p) == ".css" || path.Ext(p) == ".js" {
			name, err := r.fingerprinted(p, data)
			if err != nil {
				return err
			}
			rd.Assets[p] = "/" + name
			return nil
		}
		return r.write(p, data)
	})
}

// searchClient writes the search script, fingerprinted, and tells the
// renderer its name.
func (r *run) searchClient(rd *render.Renderer) error {
	name, err := r.fingerprinted(search.ClientPath, search.Client)
	if err != nil {
		return err
	}
	rd.Assets[search.ClientPath] = "/" + name
	return nil
}

// assets copies the files beside the content (images, PDFs) to their
// URLs.
func (r *run) assets(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, f := range r.hub.Files {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			p := strings.TrimPrefix(content.FileURL(f), "/")
			if r.memo == nil {
				r.record(p)
				return r.out.Copy(p, r.fsys, f)
			}
			data, err := fs.ReadFile(r.fsys, f)
			if err != nil {
				return err
			}
			return r.write(p, data)
		})
	}
	return g.Wait()
}
