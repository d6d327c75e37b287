// Package serve is the preview server behind `facultyhub serve`: it builds
// the site into memory, serves it over HTTP, watches the source and
// rebuilds when a file changes, and tells the open pages to reload.
//
// The moving parts, in the order a change goes through them:
//
//   - the watcher (watch.go) watches site.yaml, content/ (with _data),
//     layouts/, themes/ and static/, including folders created later, and
//     gathers events into a batch once the source has been quiet for
//     20 ms, since one editor save is often a rename and several writes;
//   - Classify (change.go) sorts each changed path into a ChangeKind:
//     content, data, template, static or config;
//   - the rebuilder (rebuild.go) takes one batch at a time, so builds
//     never overlap, and a batch that arrives during a build is built next,
//     all of it at once. Every change prepares the whole site again
//     (build.NewPreview: load, check, resolve), and pages are rendered
//     when they are first asked for, the feeds and search index when one
//     of them is; the output link check, which needs every page, runs in
//     the background and is dropped when the next change comes;
//   - a successful build replaces the served site; a failed one leaves the
//     last good site served for everything but pages, which show the
//     diagnostics instead (status 500) until a build succeeds;
//   - either way the reload hub (reload.go) sends an event on the stream
//     at EventsPath, and the script injected into every served page
//     reloads it.
//
// The handler (handler.go) serves only the files of the built site: a
// request's path is only ever a key into the site's own lists (its pages,
// its generated files, the pictures and PDFs the load found beside the
// pages), never a path to read.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/facultyhub/facultyhub/internal/build"
)

// Options configure a preview server.
type Options struct {
	// Source is the site's folder (site.yaml, content/, layouts/, themes/).
	Source string
	// Today fixes the build's date (placement status, feed dates).
	Today time.Time
	// Drafts includes pages marked draft: true.
	Drafts bool
	// Verbose prints the time of each step of every rebuild on ErrOut.
	Verbose bool
	// Out receives the address served and a line per build; ErrOut the
	// diagnostics of a build when they change, and failures.
	Out, ErrOut io.Writer
}

// Server is a preview server. Make one with New and start it with Run.
type Server struct {
	opts Options
	// url is the site's base URL: the address it is served on.
	url string
	// instance tells this run of the server from the previous ones, so a
	// page left open across a restart reloads.
	instance string
	reload   *reloadHub
	// ready is closed once the first build is served; quit when the
	// server stops.
	ready, quit chan struct{}
	snap        atomic.Pointer[snapshot]
	// cache keeps what each build decoded for the next.
	cache *build.Cache
}

// New returns a server for the site described by opts.
func New(opts Options) *Server {
	if opts.Out == nil {
		opts.Out = io.Discard
	}
	if opts.ErrOut == nil {
		opts.ErrOut = io.Discard
	}
	cache := build.NewCache()
	cache.TrustChanges() // the watcher reports every change
	return &Server{
		opts:     opts,
		instance: strconv.FormatInt(time.Now().UnixNano(), 36),
		reload:   newReloadHub(),
		ready:    make(chan struct{}),
		cache:    cache,
		quit:     make(chan struct{}),
	}
}

// Run watches the source, builds the site and serves it on ln until ctx
// is done, then shuts down cleanly: open requests finish, event streams
// end, the watcher stops. Requests that arrive before the first build is
// served wait for it. Run returns nil after a clean shutdown; bad content
// never stops it. A Server runs once.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	s.url = siteURL(ln.Addr())
	// Watch before the first build, so no change made during it is lost.
	w, err := watch(s.opts.Source)
	if err != nil {
		ln.Close()
		return fmt.Errorf("watch %s: %w", s.opts.Source, err)
	}
	var fresh freshConns
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(s.opts.ErrOut, "facultyhub serve: ", 0),
		ConnState:         fresh.track,
	}
	srv.RegisterOnShutdown(fresh.close)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	buildCtx, cancelBuild := context.WithCancel(ctx)
	defer cancelBuild()
	rebuilt := make(chan struct{})
	go func() {
		defer close(rebuilt)
		s.rebuildLoop(buildCtx, w)
	}()

	select {
	case <-ctx.Done():
	case err = <-served:
	}
	close(s.quit) // ends event streams and requests waiting for a first build
	cancelBuild()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if serr := srv.Shutdown(shutdownCtx); serr != nil {
		srv.Close()
		if err == nil {
			err = fmt.Errorf("shutdown: %w", serr)
		}
	}
	<-rebuilt
	if werr := w.close(); werr != nil && err == nil {
		err = werr
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// freshConns tracks the connections that have not sent a request yet.
// Browsers open spare ones ahead of need, and http.Server.Shutdown waits
// five seconds before it counts such a connection as idle; closing them
// keeps Ctrl-C immediate.
type freshConns struct {
	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

// track is the server's ConnState hook.
func (f *freshConns) track(c net.Conn, state http.ConnState) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if state != http.StateNew {
		delete(f.conns, c)
		return
	}
	if f.conns == nil {
		f.conns = map[net.Conn]struct{}{}
	}
	f.conns[c] = struct{}{}
}

// close closes every fresh connection; Shutdown runs it once the
// listener is closed, so no new one comes.
func (f *freshConns) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.conns {
		c.Close()
	}
}

// siteURL is the base URL of a site served on addr; a server listening on
// every interface is reached locally as localhost.
func siteURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// current returns the snapshot being served; nil before the first build.
func (s *Server) current() *snapshot { return s.snap.Load() }

// waitReady waits until the first build is served; false means the
// request was cancelled or the server is stopping first.
func (s *Server) waitReady(r *http.Request) bool {
	select {
	case <-s.ready:
		return true
	case <-r.Context().Done():
	case <-s.quit:
	}
	return false
}
