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
	"sync"
	"time"

	"github.com/facultyhub/facultyhub/internal/check"
	"github.com/facultyhub/facultyhub/internal/config"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/diag"
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
	// what changed. A build maps the cache's files into memory and never
	// unmaps them (readCacheFile): made for a process that builds once,
	// as `facultyhub build` does; a long-lived one should use Cache.
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
	// place: Rendered of the Pages were rendered, the others kept as they
	// were, and Files and Bytes count the files written because they
	// changed.
	Updated  bool
	Rendered int
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
	// deferring is set when the body-link checks wait for the render
	// (deferLinkChecks); deferred then holds them, once the check has
	// begun and found no errors.
	deferring bool
	deferred  *check.Deferred
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
	// indexed delivers the search index startIndex makes.
	indexed chan *search.Index
	files   map[string]bool
	result  Result
	mu      sync.Mutex
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
		// A build that stopped early leaves no index being made, and
		// still finishes its cache files.
		_, _ = r.indexMade(context.Background())
		_ = r.cacheWrites.Wait()
	}()
	err := r.phases(ctx, []phase{
		// Content that cannot be read is checked too, so that a build
		// reports every problem at once, as check does.
		{name: "load", fn: r.load, goOn: true},
		{name: "check+graph+prepare", fn: r.checkBeside(r.inTurn(r.graph, r.startIndex, r.stage, r.prepare))},
		// Feeds and the index need the page list and the graph, not the
		// rendered pages: they run beside the render, on what the
		// render's workers leave of the cores (the index is made from
		// the graph alone, so it starts as soon as the graph is made).
		// Deferred link checks need the outlines the render reads.
		{name: "render+feeds+index", fn: r.together(r.inTurn(r.render, r.finishChecks), r.feeds, r.index)},
		{name: "assets", fn: r.assets},
		{name: "links", fn: r.linkCheck},
		{name: "commit", fn: r.commit},
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
	// goOn lets the next phase run after this one left errors among the
	// diagnostics, to find more.
	goOn bool
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
		if r.result.Failed() && !p.goOn {
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
	r.deferring = r.deferLinkChecks()
	return nil
}

func (r *run) check(context.Context) error {
	md := markdown.New(markdown.Options{Unsafe: r.cfg.Markdown.Unsafe})
	copts := check.Options{Today: r.opts.Today, Markdown: md}
	if r.cache != nil {
		copts.Cache = r.cache.checks
	}
	// The graph and the page list are made meanwhile: r.result is shared.
	r.mu.Lock()
	failed := r.result.Diagnostics.HasErrors()
	r.mu.Unlock()
	var diags diag.List
	if r.deferring {
		d, begun := check.Begin(r.hub, copts)
		diags = begun
		if failed || diags.HasErrors() {
			// The build stops here, and reports every problem at once.
			diags = append(diags, d.Finish()...)
		} else {
			r.deferred = d
		}
	} else {
		diags = check.Run(r.hub, copts)
	}
	r.report(diags)
	if r.opts.Cache == nil {
		if r.cache != nil {
			if err := r.cache.writeDocuments(r.opts.CacheDir, &r.cacheWrites); err != nil {
				return err
			}
			if r.deferred == nil {
				r.cache.writeChecks(r.opts.CacheDir, &r.cacheWrites)
			}
		}
		r.hub.DropPositions() // cached documents are shared with the next build
		if r.cache != nil {
			r.cache.decodeAnalyses()
		}
	}
	return nil
}

// report adds diags to the result's diagnostics, kept sorted. Phases
// that run beside others call it: r.result is shared.
func (r *run) report(diags diag.List) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.result.Diagnostics = append(r.result.Diagnostics, diags...)
	r.result.Diagnostics.Sort()
}

// checkBeside runs the checks and, beside them, next: what needs no
// checked content (the graph, the page list), dropped with the rest if
// the checks find errors. After errors in the load, only the checks run,
// to report every problem at once.
func (r *run) checkBeside(next func(context.Context) error) func(context.Context) error {
	beside := r.together(r.check, next)
	return func(ctx context.Context) error {
		if r.result.Failed() {
			return r.check(ctx)
		}
		return beside(ctx)
	}
}

// deferLinkChecks reports whether the body-link checks should wait for
// the render (check.Deferred): in a build from the command line that has
// no outlines cached, which renders every body, so that each is parsed
// once for both. A failed link check then fails the build after the
// render, before anything is committed.
func (r *run) deferLinkChecks() bool {
	return r.opts.Cache == nil && (r.cache == nil || r.cache.checks.Outlines() == 0)
}

// finishChecks runs the deferred body-link checks once the render has
// handed over the outlines.
func (r *run) finishChecks(context.Context) error {
	if r.deferred == nil {
		return nil
	}
	diags := r.deferred.Finish()
	r.deferred = nil
	r.report(diags)
	if r.cache != nil {
		r.cache.writeChecks(r.opts.CacheDir, &r.cacheWrites)
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

// prepare loads the theme, writes its assets and the search client, and
// lists every page to render.
func (r *run) prepare(ctx context.Context) error {
	var ropts render.Options
	if r.minifyPages() {
		ropts.MinifyLayout = output.NewMinifier().Layout
	}
	if r.deferring {
		// The checks beside this phase have made r.deferred by the time
		// anything is rendered.
		ropts.Outlines = func(d *content.Document, o markdown.Outline) { r.deferred.Put(d, o) }
	}
	// The theme and the page list need each other only at the render:
	// they are made at once.
	var theme errgroup.Group
	theme.Go(func() error {
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
		return nil
	})
	pages, cards := render.PagesAndCards(r.site)
	pages = append(pages, aliasPages(r.site)...)
	if err := theme.Wait(); err != nil {
		return err
	}
	r.pages = pages
	if r.memo == nil {
		return nil
	}
	global, builtin, err := r.global()
	if err != nil {
		return err
	}
	r.memo.global = global
	if builtin {
		r.memo.keys = render.NewKeys(r.site, global, docSums(r.hub), cards)
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

// Log writes the build's summary to w: pages and files written, warnings
// and, when verbose, the time of each phase.
func (r Result) Log(w io.Writer, verbose bool) {
	if verbose {
		for _, p := range r.Phases {
			fmt.Fprintf(w, "%-18s %8.1f ms\n", p.Name, float64(p.Duration.Microseconds())/1000)
		}
	}
}
