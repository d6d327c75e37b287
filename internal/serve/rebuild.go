package serve

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
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
	// files is the last good site; nil until a build has succeeded.
	files siteFiles
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
// all together. Once the source has been quiet for linkCheckDelay after a
// build that succeeded, the output link check runs in the background
// until it finishes or the next change comes: while someone is typing,
// rebuilds have the machine to themselves.
func (s *Server) rebuildLoop(ctx context.Context, w *watcher) {
	linkCtx, stopLinks := context.WithCancel(ctx)
	links := s.rebuild(ctx, Changes{})
	if ctx.Err() != nil {
		stopLinks()
		return
	}
	fmt.Fprintf(s.opts.Out, "Serving on %s\nPress Ctrl-C to stop.\n", s.url)
	close(s.ready)
	var checking sync.WaitGroup
	defer checking.Wait()
	for {
		var quiet <-chan time.Time
		if links != nil {
			quiet = time.After(linkCheckDelay)
		}
		select {
		case <-ctx.Done():
			stopLinks()
			return
		case <-quiet:
			checking.Add(1)
			go func(ctx context.Context, sn *snapshot) {
				defer checking.Done()
				s.checkLinks(ctx, sn)
			}(linkCtx, links)
			links = nil
			continue
		case <-w.ready:
		}
		c := w.take()
		if c.Empty() {
			continue
		}
		// A check under way was of the site about to be replaced: stop
		// it, but do not wait, as it may be making the feeds (about a
		// second at national scale); what it finds is dropped.
		stopLinks()
		linkCtx, stopLinks = context.WithCancel(ctx)
		links = s.rebuild(ctx, c)
	}
}

// linkCheckDelay is how long the source must stay quiet after a rebuild
// before the output link check, which renders every page, starts.
const linkCheckDelay = 500 * time.Millisecond

// rebuild brings the served site up to date after the changes c (none for
// the first build) and announces the new build to open pages. It returns
// the new snapshot when the build succeeded, for the link check.
//
// Every change prepares the whole site again (build.NewPreview: load,
// check, resolve) — always correct, and at national scale a small part of
// a build, because only the files the watcher reports as changed are read,
// decoded and parsed again (s.cache), pages are rendered only when they are asked for, and
// the feeds and search index when one of them is.
func (s *Server) rebuild(ctx context.Context, c Changes) *snapshot {
	start := time.Now()
	if c.Kinds&UnknownChange != 0 {
		s.cache.ChangedAll()
	} else {
		s.cache.Changed(slices.Collect(maps.Keys(c.Paths))...)
	}
	var last *build.Preview
	if prev := s.current(); prev != nil {
		last, _ = prev.files.(*build.Preview)
	}
	site, res, err := build.NewPreview(ctx, build.Options{
		Source: s.opts.Source, BaseURL: s.url, Drafts: s.opts.Drafts, Today: s.opts.Today, Cache: s.cache,
	}, last)
	if ctx.Err() != nil {
		return nil // stopping: the build was cut short, and nobody is looking
	}
	prev := s.current()
	next := &snapshot{gen: 1, diags: res.Diagnostics, err: err, failed: err != nil || res.Failed()}
	if prev != nil {
		next.gen, next.files = prev.gen+1, prev.files
	}
	if !next.failed {
		next.files = site
	}
	s.seal(next)
	s.snap.Store(next)
	s.reload.broadcast(next.token)
	s.report(prev, next, c, res, time.Since(start))
	if next.failed {
		return nil
	}
	return next
}

// seal gives next, ready to serve but for these, the token that names its
// build, the reload script carrying it and, when it failed, the page of
// diagnostics.
func (s *Server) seal(next *snapshot) {
	next.token = fmt.Sprintf("%s-%d", s.instance, next.gen)
	next.script = reloadScript(next.token)
	if next.failed {
		next.errorPage = errorPage(next)
	}
}

// checkLinks runs the output link check of the snapshot sn, which renders
// every page, and if it finds broken links serves them as a failed build
// would, unless sn has been replaced meanwhile.
func (s *Server) checkLinks(ctx context.Context, sn *snapshot) {
	site, ok := sn.files.(*build.Preview)
	if !ok {
		return
	}
	diags, err := site.CheckLinks(ctx)
	if ctx.Err() != nil || (err == nil && !diags.HasErrors()) {
		return
	}
	next := &snapshot{gen: sn.gen + 1, files: sn.files, diags: append(slices.Clone(sn.diags), diags...), err: err, failed: true}
	next.diags.Sort()
	s.seal(next)
	if !s.snap.CompareAndSwap(sn, next) {
		return // a newer build is being served
	}
	s.reload.broadcast(next.token)
	_ = diag.WriteFormat(s.opts.ErrOut, "text", s.opts.Source, diags)
	if err != nil {
		fmt.Fprintf(s.opts.ErrOut, "link check failed: %v\n", err)
	} else {
		fmt.Fprintf(s.opts.ErrOut, "link check: %s; pages show them until they are fixed\n", plural(len(diags), "broken link"))
	}
}

// report logs a build: a line on Out when it succeeded, the diagnostics
// on ErrOut when they differ from the previous build's, and why it failed.
func (s *Server) report(prev, next *snapshot, c Changes, res build.Result, took time.Duration) {
	built, failed := "built", "build failed"
	if !c.Empty() {
		built, failed = c.String()+" changed: rebuilt", c.String()+" changed: rebuild failed"
	}
	took = took.Round(time.Millisecond)
	res.Log(s.opts.ErrOut, s.opts.Verbose)
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
		fmt.Fprintf(s.opts.Out, "%s %d pages in %s (each rendered when first opened); %s\n", built, res.Pages, took, plural(warns, "warning"))
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
