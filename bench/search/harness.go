package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/facultyhub/facultyhub/internal/chromium"
)

// server serves a built site from 127.0.0.1 the way a CDN would: text
// gzipped (once, then from memory, so compression is not timed), HTML
// revalidated, everything else cacheable for an hour.
type server struct {
	dir  string
	URL  string
	srv  *http.Server
	mu   sync.Mutex
	gzip map[string][]byte
	// sent logs the responses since the last reset: path and bytes.
	sent []sent
}

type sent struct {
	path  string
	bytes int
}

// serve starts a server for dir on a free loopback port.
func serve(dir string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{dir: dir, URL: "http://" + ln.Addr().String(), gzip: map[string][]byte{}}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *server) Close() error { return s.srv.Close() }

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") {
		p = path.Join(p, "index.html")
	}
	data, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(p)))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ext := path.Ext(p)
	ctype := mime.TypeByExtension(ext)
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	if ext == ".html" {
		h.Set("Cache-Control", "no-cache")
	} else {
		h.Set("Cache-Control", "public, max-age=3600")
	}
	if compressible(ext) && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		data = s.gzipped(p, data)
		h.Set("Content-Encoding", "gzip")
		h.Set("Vary", "Accept-Encoding")
	}
	h.Set("Content-Length", fmt.Sprint(len(data)))
	w.Write(data)
	s.mu.Lock()
	s.sent = append(s.sent, sent{p, len(data)})
	s.mu.Unlock()
}

// reset forgets the responses sent so far.
func (s *server) reset() {
	s.mu.Lock()
	s.sent = nil
	s.mu.Unlock()
}

// traffic sums up the responses since the last reset: all of them, and
// those under prefix.
func (s *server) traffic(prefix string) (all, under, requests int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.sent {
		all += r.bytes
		if strings.HasPrefix(r.path, prefix) {
			under += r.bytes
		}
	}
	return all, under, len(s.sent)
}

// compressible lists the types a CDN gzips. Pagefind's own files
// (.pf_*, .pagefind) are gzipped by Pagefind already.
func compressible(ext string) bool {
	switch ext {
	case ".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt":
		return true
	}
	return false
}

func (s *server) gzipped(p string, data []byte) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	z, ok := s.gzip[p]
	if !ok {
		z = gzipBytes(data)
		s.gzip[p] = z
	}
	return z
}

func gzipBytes(data []byte) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

// warm compresses every compressible file under the site's dirs ahead of
// the measurements.
func (s *server) warm(dirs ...string) error {
	for _, d := range dirs {
		err := filepath.WalkDir(filepath.Join(s.dir, d), func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || !compressible(filepath.Ext(p)) {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(s.dir, p)
			s.gzipped("/"+filepath.ToSlash(rel), data)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// browser is a tab of headless Chromium.
type browser struct {
	ctx    context.Context
	cancel func()
	// problems collects console errors, uncaught exceptions and browser
	// log errors (failed loads) of the tab's pages.
	mu       sync.Mutex
	problems []string
}

// launch starts headless Chromium with its own profile folder, and opens
// a first tab.
func launch(ctx context.Context, exe, profile string) (*browser, error) {
	opts := chromium.Options(exe, profile, chromedp.Flag("disable-dev-shm-usage", false))
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelTab := chromedp.NewContext(actx)
	return open(bctx, func() { cancelTab(); cancelAlloc() })
}

// fresh opens a tab in a new browser context of b's browser: a first
// visit, with nothing cached, without the cost of starting Chromium.
func (b *browser) fresh() (*browser, error) {
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	return open(ctx, cancel)
}

func open(ctx context.Context, cancel func()) (*browser, error) {
	b := &browser{ctx: ctx, cancel: cancel}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		b.cancel()
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			// The browser asks for /favicon.ico by itself.
			if (m.Type == chromedp.ConsoleError || m.IsException()) && !strings.HasSuffix(m.URL, "/favicon.ico") {
				b.mu.Lock()
				b.problems = append(b.problems, fmt.Sprintf("%s (%s)", m, m.URL))
				b.mu.Unlock()
			}
		}
	}()
	return b, nil
}

// Problems returns and clears what the pages reported.
func (b *browser) Problems() []string {
	time.Sleep(50 * time.Millisecond) // let the console queue drain
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.problems
	b.problems = nil
	return p
}

func (b *browser) Close() { b.cancel() }

// do runs actions in the browser's tab, within timeout.
func (b *browser) do(timeout time.Duration, actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(b.ctx, timeout)
	defer cancel()
	return chromedp.Do(ctx, actions...)
}

// eval evaluates a JavaScript expression in the tab.
func eval[T any](b *browser, js string) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](js))
}

// rendered waits until the search client has rendered results more than
// after times (it counts them in data-rendered).
func rendered(after int) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`Number(document.querySelector('[data-search]')?.dataset.rendered || 0) > %d`, after)
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[chromedp.Void](js, chromedp.WithPollingInterval(2*time.Millisecond))(ctx, t)
		return err
	})
}
