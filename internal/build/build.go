// Package build is the Faculty Hub pipeline: one flat list of timed
// phases, load → check → graph → render → feeds → index → assets → link
// check → commit. It is the only package that imports every phase. A
// build with errors writes nothing: the output is staged beside the
// destination and swapped in only when every phase has passed.
package build

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/facultyhub/facultyhub/internal/check"
	"github.com/facultyhub/facultyhub/internal/config"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/diag"
	"github.com/facultyhub/facultyhub/internal/feeds"
	"github.com/facultyhub/facultyhub/internal/markdown"
	"github.com/facultyhub/facultyhub/internal/output"
	"github.com/facultyhub/facultyhub/internal/render"
	"github.com/facultyhub/facultyhub/internal/search"
	"github.com/facultyhub/facultyhub/internal/site"
	"golang.org/x/sync/errgroup"
)

// Options configure a build.
type Options struct {
	// Source is the site's folder (site.yaml, content/, layouts/, themes/).
	Source string
	// Dest is the output folder, replaced as a whole on success.
	Dest string
	// BaseURL, when set, replaces site.yaml's baseURL.
	BaseURL string
	// Drafts includes pages marked draft: true.
	Drafts bool
	// Today fixes the build's date (placement status, feed dates).
	Today time.Time
	// NoMinify writes HTML, CSS and XML as rendered.
	NoMinify bool
	// Cache, when set, keeps what was decoded and parsed from each file
	// for the next build with it, which then decodes only the files that
	// changed (the preview server).
	Cache *Cache
	// CacheDir, when set, is the folder of the build cache (memo.go):
	// the next build into the same Dest with it renders and writes only
	// what changed.
	CacheDir string
}

// Phase is one timed step of the pipeline.
type Phase struct {
	Name     string
	Duration time.Duration
}

// Result sums up a build.
type Result struct {
	Diagnostics diag.List
	Pages       int
	Files       int
	Bytes       int64
	Phases      []Phase
	// Updated is set when the build reused the last one's output in
	// place: Rendered of the Pages were rendered, Reused kept as they
	// were, and Files and Bytes count the files written because they
	// changed.
	Updated          bool
	Rendered, Reused int
}

// Failed reports whether the build stopped on errors, writing nothing.
func (r Result) Failed() bool { return r.Diagnostics.HasErrors() }

// run carries the state passed from phase to phase.
type run struct {
	opts Options
	fsys fs.FS
	cfg  config.Config
	hub  *content.Hub
	site *site.Site
	out  Sink
	// sink, when set, receives the files instead of Dest: the preview's
	// Memory.
	sink Sink
	rd   *render.Renderer
	// memo is the build cache, when Options.CacheDir is set.
	memo *memo
	// cache is Options.Cache, or the one read from Options.CacheDir;
	// cacheWrites writes the latter back, beside the rest of the build.
	cache       *Cache
	cacheWrites errgroup.Group
	pages       []*render.Page
	links       []pageLinks
	// searchLinks are the links of the search page, which index renders.
	searchLinks []pageLinks
	// fragmentTargets are the pages rendered pages link into (#id),
	// for keptLinks.
	fragmentTargets map[string]bool
	files           map[string]bool
	result          Result
	mu              sync.Mutex
}

// Build runs the pipeline. It returns an error for failures of the
// machine (unwritable destination, broken theme); problems with the
// content are diagnostics in the Result, and then nothing is written.
func Build(ctx context.Context, opts Options) (Result, error) {
	r := newRun(opts)
	defer func() {
		if r.out != nil {
			_ = r.out.Abort() // no-op after a successful commit
		}
		_ = r.cacheWrites.Wait() // a build that stopped early still finishes its cache files
	}()
	err := r.phases(ctx, []phase{
		{"load", r.load},
		{"check", r.check},
		{"graph", r.graph},
		{"stage", r.stage},
		{"prepare", r.prepare},
		// Feeds and the index need the page list and the graph, not the
		// rendered pages: they run beside the render, on what the
		// render's workers leave of the cores.
		{"render+feeds+index", r.together(r.render, r.feeds, r.index)},
		{"assets", r.assets},
		{"links", r.linkCheck},
		{"commit", r.commit},
	})
	return r.result, err
}

func newRun(opts Options) *run {
	return &run{opts: opts, fsys: os.DirFS(opts.Source), files: map[string]bool{}}
}

// phase is one named step of a pipeline.
type phase struct {
	name string
	fn   func(context.Context) error
}

// phases runs ps in order, timing each, and stops after the first that
// fails or leaves errors among the diagnostics.
func (r *run) phases(ctx context.Context, ps []phase) error {
	for _, p := range ps {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		err := p.fn(ctx)
		r.result.Phases = append(r.result.Phases, Phase{p.name, time.Since(start)})
		if err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		if r.result.Failed() {
			return nil
		}
	}
	return nil
}

func (r *run) load(context.Context) error {
	cfg, diags := config.Load(r.fsys)
	if r.opts.BaseURL != "" {
		cfg.BaseURL = r.opts.BaseURL
	}
	r.cache = r.opts.Cache
	var hub *content.Hub
	var loadDiags diag.List
	switch {
	case r.cache != nil:
		hub, loadDiags = content.LoadCached(r.fsys, r.cache.docs)
	case r.opts.CacheDir != "":
		// The cache is decoded while the content folder is walked.
		read := make(chan *Cache, 1)
		go func() { read <- readCaches(r.opts.CacheDir) }()
		hub, loadDiags = content.LoadCachedLater(r.fsys, func() *content.Cache {
			r.cache = <-read
			return r.cache.docs
		})
	default:
		hub, loadDiags = content.Load(r.fsys)
	}
	r.cfg, r.hub = cfg, hub
	r.result.Diagnostics = append(diags, loadDiags...)
	return nil
}

func (r *run) check(context.Context) error {
	md := markdown.New(markdown.Options{Unsafe: r.cfg.Markdown.Unsafe})
	copts := check.Options{Today: r.opts.Today, Markdown: md}
	if r.cache != nil {
		copts.Cache = r.cache.checks
	}
	r.result.Diagnostics = append(r.result.Diagnostics, check.Run(r.hub, copts)...)
	r.result.Diagnostics.Sort()
	if r.opts.Cache == nil {
		if r.cache != nil {
			if err := r.cache.write(r.opts.CacheDir, &r.cacheWrites); err != nil {
				return err
			}
		}
		r.hub.DropPositions() // cached documents are shared with the next build
		if r.cache != nil {
			r.cache.decodeAnalyses()
		}
	}
	return nil
}

func (r *run) graph(context.Context) error {
	r.site = site.New(r.cfg, r.hub, site.Options{Today: r.opts.Today, Drafts: r.opts.Drafts})
	return nil
}

func (r *run) stage(context.Context) error {
	if r.sink != nil {
		r.out = r.sink
		return nil
	}
	if r.opts.CacheDir != "" && r.memo == nil {
		m, err := openMemo(r.opts.CacheDir, r.opts.Dest, r.minifyPages())
		if err != nil {
			return err
		}
		r.memo = m
		r.result.Updated = m.prev != nil
	}
	out, err := output.Stage(r.opts.Dest, output.Options{Minify: !r.opts.NoMinify})
	if err != nil {
		return err
	}
	r.out = out
	return nil
}

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

// fingerprinted writes an asset under a name made from its content and
// returns that name.
func (r *run) fingerprinted(p string, data []byte) (string, error) {
	if r.memo != nil && r.memo.prev != nil {
		// The name is the content's: one the last build wrote stays.
		min := data
		if r.minifyPages() {
			var err error
			if min, err = output.NewMinifier().Bytes(p, data); err != nil {
				return "", err
			}
		}
		if name := output.Fingerprint(p, min); r.memo.wrote(name) {
			r.record(name)
			r.memo.page(name, render.Key{}, false)
			return name, nil
		}
	}
	name, err := r.out.WriteFingerprinted(p, data)
	if err != nil {
		return "", err
	}
	r.record(name)
	if r.memo != nil {
		r.memo.page(name, render.Key{}, false)
	}
	return name, nil
}

// record notes that the site has the file p, for the link check.
func (r *run) record(p string) {
	r.mu.Lock()
	r.files[p] = true
	r.mu.Unlock()
}

// prepare loads the theme, writes its assets and the search client, and
// lists every page to render.
func (r *run) prepare(ctx context.Context) error {
	var ropts render.Options
	if r.minifyPages() {
		ropts.MinifyLayout = output.NewMinifier().Layout
	}
	rd, err := render.New(r.site, r.fsys, ropts)
	if err != nil {
		return err
	}
	if err := r.themeAssets(rd); err != nil {
		return err
	}
	if err := r.searchClient(rd); err != nil {
		return err
	}
	r.rd = rd
	r.pages = append(render.Pages(r.site), aliasPages(r.site)...)
	if r.memo == nil {
		return nil
	}
	global, builtin, err := r.global()
	if err != nil {
		return err
	}
	r.memo.global = global
	if builtin {
		r.memo.keys = render.NewKeys(r.site, global, docSums(r.hub))
	}
	if r.memo.prev != nil && (!builtin || !bytes.Equal(r.memo.prev.Global, global)) {
		// Every page will be rendered again (new layouts, options,
		// configuration or program): a clean build, staged and swapped
		// in whole, is no slower and never leaves a mixture.
		if err := r.out.Abort(); err != nil {
			return err
		}
		r.memo.prev, r.result.Updated = nil, false
		r.memo.reset()
		if err := r.stage(ctx); err != nil {
			return err
		}
		return r.prepare(ctx)
	}
	return nil
}

// inTurn runs phases one after the other, and stops at the first that
// fails.
func (r *run) inTurn(phases ...func(context.Context) error) func(context.Context) error {
	return func(ctx context.Context) error {
		for _, p := range phases {
			if err := p(ctx); err != nil {
				return err
			}
		}
		return nil
	}
}

// together runs phases at the same time, and fails if one fails.
func (r *run) together(phases ...func(context.Context) error) func(context.Context) error {
	return func(ctx context.Context) error {
		g, ctx := errgroup.WithContext(ctx)
		for _, p := range phases {
			g.Go(func() error { return p(ctx) })
		}
		return g.Wait()
	}
}

func (r *run) render(ctx context.Context) error {
	// The search page carries the index's manifest: index renders it.
	pages := slices.DeleteFunc(slices.Clone(r.pages), isSearchPage)
	if r.memo != nil {
		var err error
		if pages, err = r.memo.split(ctx, pages, r.record); err != nil {
			return err
		}
		r.result.Rendered, r.result.Reused = r.memo.rendered, r.memo.reused
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

// minifyPages reports whether pages are rendered from minified layouts,
// and so come out minified, rather than minified one by one.
func (r *run) minifyPages() bool { return !r.opts.NoMinify }

// writePage writes a rendered page, as it is when its layouts were
// minified.
func (r *run) writePage(p string, data []byte) error {
	r.record(p)
	if r.memo != nil && r.memo.samePage(p, data) {
		return nil
	}
	if !r.minifyPages() {
		return r.out.Write(p, data)
	}
	return r.out.WriteMinified(p, data)
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

func (r *run) feeds(context.Context) error {
	jobs := feedJobs(r.site, r.pages, redirects(r.site))
	if r.memo != nil {
		// A feed made from the same front matter is the same file: an
		// Atom feed's own entries', an export's the whole site's.
		jobs = r.memo.feedsToMake(jobs, r.memo.global, r.feedsKey(), r.record)
	}
	files, err := makeFeeds(jobs)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := r.write(strings.TrimPrefix(f.path, "/"), f.data); err != nil {
			return err
		}
	}
	return nil
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

// index writes the search index, made from the site graph (never from
// the rendered HTML), under /search/.
func (r *run) index(ctx context.Context) error {
	opts := search.Options{Base: render.BasePath(r.site)}
	if r.cache != nil {
		opts.Analyses = r.cache.searchAnalyses()
	}
	ix := search.New(search.FromSite(r.site), opts)
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
			return r.write(f.Path, f.Data)
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
		if r.memo != nil {
			r.memo.page(outputPath(p.URL), render.Key{}, false)
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

func (r *run) linkCheck(context.Context) error {
	r.links = append(r.links, r.searchLinks...)
	if r.memo != nil && r.memo.prev != nil {
		if err := r.keptLinks(); err != nil {
			return err
		}
	}
	base := render.BasePath(r.site)
	r.result.Diagnostics = append(r.result.Diagnostics, checkLinks(r.links, r.files, base)...)
	r.result.Diagnostics.Sort()
	if r.memo != nil {
		// Pages share most links (and scanLinks interned them): each
		// is resolved once.
		seen := map[string]bool{}
		for _, l := range r.links {
			for _, link := range l.links {
				if !seen[link] && !strings.HasPrefix(link, "#") {
					seen[link] = true
					r.memo.linked[linkTarget(link, base)] = true
				}
			}
		}
	}
	return nil
}

func (r *run) commit(context.Context) error {
	if r.memo != nil {
		// A build stopped between here and save leaves no manifest:
		// the next one is clean.
		if err := r.memo.forget(); err != nil {
			return err
		}
	}
	if r.memo != nil && r.memo.prev != nil {
		site, ok := r.out.(*output.Site)
		if !ok {
			return fmt.Errorf("build cache: cannot update %T in place", r.out)
		}
		if err := site.Merge(r.memo.gone()); err != nil {
			return err
		}
	} else if err := r.out.Commit(); err != nil {
		return err
	}
	st := r.out.Stats()
	r.result.Files, r.result.Bytes = st.Files, st.Bytes
	if err := r.cacheWrites.Wait(); err != nil {
		return err
	}
	if r.memo != nil {
		return r.memo.save(r.minifyPages())
	}
	return nil
}

// redirects lists the Netlify redirects: aliases of pages, and systems
// that merged into a successor with a published faculty.
func redirects(s *site.Site) []feeds.Redirect {
	var out []feeds.Redirect
	for _, a := range aliases(s) {
		out = append(out, feeds.Redirect{From: a.from, To: render.BasePath(s) + strings.TrimPrefix(a.to, "/")})
	}
	return out
}

// Log writes the build's summary to w: pages and files written, warnings
// and, when verbose, the time of each phase.
func (r Result) Log(w io.Writer, verbose bool) {
	if verbose {
		for _, p := range r.Phases {
			fmt.Fprintf(w, "%-18s %8.1f ms\n", p.Name, float64(p.Duration.Microseconds())/1000)
		}
	}
}
