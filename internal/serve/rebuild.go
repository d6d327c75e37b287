package serve

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
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
	links := s.rebuild(ctx, Changes{}, nil)
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
		case <-w.early:
			// A change has begun: it is built while the watcher waits
			// for the source to settle.
			stopLinks()
			linkCtx, stopLinks = context.WithCancel(ctx)
			if sn, built := s.buildWhileSettling(ctx, w); built {
				links = sn
			}
			continue
		case <-w.ready:
		}
		c, _ := w.take()
		if c.Empty() {
			continue
		}
		// A check under way was of the site about to be replaced: stop
		// it, but do not wait, as it may be making the feeds (about a
		// second at national scale); what it finds is dropped.
		stopLinks()
		linkCtx, stopLinks = context.WithCancel(ctx)
		links = s.rebuild(ctx, c, nil)
	}
}

// buildWhileSettling builds the changes noted so far while the watcher
// waits for the source to settle, so that a save costs the longer of
// the settle time and the build, not both. If no event came meanwhile,
// that build is the one the settled batch asks for, and is published;
// otherwise it is dropped (cancelled, or, if done, passed to the next
// build as the one it replaces, for its search index) and the whole
// batch is built. Nothing is published before the source has settled,
// so a save in several steps never shows a half-written file. built is
// false when there was nothing to build.
func (s *Server) buildWhileSettling(ctx context.Context, w *watcher) (sn *snapshot, built bool) {
	e := s.buildEarly(ctx, w)
	if e == nil {
		return nil, false // the batch that signalled has been taken already
	}
	return s.settle(ctx, w, e), true
}

// earlySettle is how long the events of a save must pause before a
// build starts early: one write of a file is two or three events within
// a millisecond (the truncation, the data), and a build started between
// them would be dropped.
const earlySettle = 2 * time.Millisecond

// early is a build started before its batch settled.
type early struct {
	seq uint64 // the events it covers
	// files is what its changed files looked like before it read them.
	files  map[string]fileState
	start  time.Time
	cancel context.CancelFunc
	done   chan prepared
}

// fileState is what a stat says of a file: enough to tell that it was
// written since.
type fileState struct {
	size, mod int64 // mod in Unix nanoseconds
	exists    bool
}

// states stats the paths of c under the source folder.
func (s *Server) states(c Changes) map[string]fileState {
	out := make(map[string]fileState, len(c.Paths))
	for p := range c.Paths {
		var st fileState
		if fi, err := os.Lstat(filepath.Join(s.opts.Source, filepath.FromSlash(p))); err == nil {
			st = fileState{fi.Size(), fi.ModTime().UnixNano(), true}
		}
		out[p] = st
	}
	return out
}

// buildEarly starts building what the watcher has noted so far, once
// no event has come for earlySettle, or returns nil if that is nothing.
func (s *Server) buildEarly(ctx context.Context, w *watcher) *early {
	c, seq := w.sofar()
	for !c.Empty() {
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(earlySettle):
		}
		var now uint64
		if c, now = w.sofar(); now == seq {
			break
		}
		seq = now
	}
	if c.Empty() || c.Kinds&UnknownChange != 0 {
		return nil // nothing to build, or nothing to check it against: built once settled
	}
	bctx, cancel := context.WithCancel(ctx)
	e := &early{seq: seq, files: s.states(c), start: time.Now(), cancel: cancel, done: make(chan prepared, 1)}
	go func() { e.done <- s.prepare(bctx, c, nil) }()
	return e
}

// settle waits for the batch e was started on to settle, then publishes
// e's build if no event came since it started and its files are as they
// were when it began (an event may be on its way when the batch
// settles), else builds the batch.
func (s *Server) settle(ctx context.Context, w *watcher, e *early) *snapshot {
	defer e.cancel()
	select {
	case <-ctx.Done():
		e.cancel()
		<-e.done
		return nil
	case <-w.ready:
	}
	final, seq := w.take()
	if seq == e.seq && maps.Equal(s.states(final), e.files) {
		return s.show(ctx, final, <-e.done, e.files, e.start)
	}
	e.cancel()
	dropped := <-e.done
	if final.Empty() {
		return nil
	}
	return s.rebuild(ctx, final, dropped.site)
}

// prepared is a site built by prepare, not yet served.
type prepared struct {
	site *build.Preview
	res  build.Result
	err  error
}

// prepare builds the site after the changes c, reusing what they do not
// touch (s.cache) and the search index of the last site (after, or the
// one served when nil).
func (s *Server) prepare(ctx context.Context, c Changes, after *build.Preview) prepared {
	if c.Kinds&UnknownChange != 0 {
		s.cache.ChangedAll()
	} else {
		s.cache.Changed(slices.Collect(maps.Keys(c.Paths))...)
	}
	last := after
	if prev := s.current(); last == nil && prev != nil {
		last, _ = prev.files.(*build.Preview)
	}
	site, res, err := build.NewPreview(ctx, build.Options{
		Source: s.opts.Source, BaseURL: s.url, Drafts: s.opts.Drafts, Today: s.opts.Today, Cache: s.cache,
	}, last)
	return prepared{site, res, err}
}

// linkCheckDelay is how long the source must stay quiet after a rebuild
// before the output link check, which renders every page, starts.
const linkCheckDelay = 500 * time.Millisecond

// rebuild brings the served site up to date after the changes c (none for
// the first build) and announces the new build to open pages. It returns
// the new snapshot when the build succeeded, for the link check. after,
// when not nil, is a site built and dropped since the one served (see
// prepare).
//
// Every change prepares the whole site again (build.NewPreview: load,
// check, resolve) — always correct, and at national scale a small part of
// a build, because only the files the watcher reports as changed are read,
// decoded and parsed again (s.cache), pages are rendered only when they are asked for, and
// the feeds and search index when one of them is.
func (s *Server) rebuild(ctx context.Context, c Changes, after *build.Preview) *snapshot {
	start := time.Now()
	before := s.states(c)
	return s.show(ctx, c, s.prepare(ctx, c, after), before, start)
}

// show publishes p, built after the changes c from files as they were in
// before, unless it failed having perhaps read a file half written
// (halfWritten): then the file's next change brings a batch, and a build,
// of its own.
func (s *Server) show(ctx context.Context, c Changes, p prepared, before map[string]fileState, start time.Time) *snapshot {
	if (p.err != nil || p.res.Failed()) && s.halfWritten(ctx, c, before) {
		return nil
	}
	return s.publish(ctx, c, p, start)
}

// emptyWait is how long, at most, halfWritten waits for an empty file
// to be written.
const emptyWait = 250 * time.Millisecond

// halfWritten reports whether a build of the changes c that failed may
// have read a file half written, so that its errors should not be shown:
// a file of c changed since before (its states when the build began), or
// it is empty and changes within emptyWait. An editor saving in place
// empties the file, then writes it, and the next save may begin while a
// build reads. Either change is an event, which brings a batch, and a
// build, of its own. A file left empty is taken as it is.
func (s *Server) halfWritten(ctx context.Context, c Changes, before map[string]fileState) bool {
	deadline := time.Now().Add(emptyWait)
	for {
		now := s.states(c)
		if !maps.Equal(now, before) {
			return true
		}
		empty := false
		for _, st := range now {
			empty = empty || (st.exists && st.size == 0)
		}
		if !empty || time.Now().After(deadline) {
			return false
		}
		select {
		case <-ctx.Done():
			return false
		case <-time.After(settle / 4):
		}
	}
}

// publish serves the site p, built after the changes c from start, in
// place of the current one (or its diagnostics, if it failed), and
// announces it to open pages.
func (s *Server) publish(ctx context.Context, c Changes, p prepared, start time.Time) *snapshot {
	site, res, err := p.site, p.res, p.err
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
