package serve

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/facultyhub/facultyhub/internal/build"
	"github.com/facultyhub/facultyhub/internal/diag"
)

// snapshot is what the server serves between two builds. A new one
// replaces it whole, so a request sees one build, never a mix.
type snapshot struct {
	// token names the build, "<instance>-<generation>"; pages carry it
	// and reload when the event stream names another.
	token string
	// script is the reload script for pages of this build.
	script []byte
	// files is the last good site, path → content; nil until a build has
	// succeeded.
	files map[string][]byte
	// diags are the latest build's diagnostics.
	diags diag.List
	// failed is set when the latest build produced no site: it had errors
	// in diags, or err, a failure of the theme (a template that does not
	// parse) or of the machine.
	failed bool
	err    error
	// errorPage is served in place of pages when failed.
	errorPage []byte
	gen       int
}

// rebuildLoop builds the site, then rebuilds once per batch of changes
// until ctx is done. Builds run one at a time, here; changes that arrive
// during a build wait in the watcher's pending batch and are built next,
// all together.
func (s *Server) rebuildLoop(ctx context.Context, w *watcher) {
	s.rebuild(ctx, Changes{})
	if ctx.Err() != nil {
		return
	}
	fmt.Fprintf(s.opts.Out, "Serving on %s\nPress Ctrl-C to stop.\n", s.url)
	close(s.ready)
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.ready:
		}
		if c := w.take(); !c.Empty() {
			s.rebuild(ctx, c)
		}
	}
}

// rebuild brings the served site up to date after the changes c (none for
// the first build) and announces the new build to open pages.
//
// Every kind of change takes a full build in memory for now, which is
// always correct. This is the place for cheaper actions by c.Kinds, each
// falling back to the full build when unsure: an image or PDF beside a
// page edited in place needs only that file replaced (added or removed, it
// changes which links resolve); a StaticChange
// only the static files; a ContentChange to documents needs those
// documents re-read and re-checked, and the pages, listings, hubs, feeds
// and search shards they appear in re-rendered, which takes a dependency
// record from the build that it does not keep yet. Data, template, config
// and unknown changes touch every page and will stay full builds.
func (s *Server) rebuild(ctx context.Context, c Changes) {
	start := time.Now()
	// Unminified: minifying costs about a fifth of a national build and
	// saves about 1% of the bytes; the page source stays readable.
	sink := build.NewMemory(false)
	res, err := build.Build(ctx, build.Options{
		Source: s.opts.Source, BaseURL: s.url, Drafts: s.opts.Drafts, Today: s.opts.Today, Sink: sink,
	})
	if ctx.Err() != nil {
		return // stopping: the build was cut short, and nobody is looking
	}
	prev := s.current()
	next := &snapshot{gen: 1, diags: res.Diagnostics, err: err, failed: err != nil || res.Failed()}
	if prev != nil {
		next.gen, next.files = prev.gen+1, prev.files
	}
	next.token = fmt.Sprintf("%s-%d", s.instance, next.gen)
	next.script = reloadScript(next.token)
	if next.failed {
		next.errorPage = errorPage(next)
	} else {
		next.files = sink.Files()
	}
	s.snap.Store(next)
	s.reload.broadcast(next.token)
	s.report(prev, next, c, res, time.Since(start))
}

// report logs a build: a line on Out when it succeeded, the diagnostics
// on ErrOut when they differ from the previous build's, and why it failed.
func (s *Server) report(prev, next *snapshot, c Changes, res build.Result, took time.Duration) {
	built, failed := "built", "build failed"
	if !c.Empty() {
		built, failed = c.String()+" changed: rebuilt", c.String()+" changed: rebuild failed"
	}
	took = took.Round(time.Millisecond)
	if prev == nil || !slices.Equal(prev.diags, next.diags) {
		_ = diag.WriteFormat(s.opts.ErrOut, "text", s.opts.Source, next.diags)
	}
	errs, warns := next.diags.Count()
	switch {
	case next.err != nil:
		fmt.Fprintf(s.opts.ErrOut, "%s in %s: %v\n", failed, took, next.err)
	case next.failed:
		fmt.Fprintf(s.opts.ErrOut, "%s in %s: %s, %s; pages show the errors until they are fixed\n",
			failed, took, plural(errs, "error"), plural(warns, "warning"))
	default:
		fmt.Fprintf(s.opts.Out, "%s %d pages in %s; %s\n", built, res.Pages, took, plural(warns, "warning"))
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
