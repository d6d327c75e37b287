// Command search benchmarks Faculty Hub's search against Pagefind in
// headless Chromium. It generates the national-scale corpus, builds it,
// indexes the same output with Pagefind, serves it on 127.0.0.1 (gzipped,
// as a CDN would) and, for each query, reports the bytes the first query
// transferred and the time from navigation to the first ten results on
// screen, each time in a fresh browser context (nothing of search cached,
// the visitor coming from /faculties/); then the same for a second query
// typed into that page; and, again in a fresh context, the first query
// typed into the search page once it has loaded (its time counted from
// the query, its bytes from the page's own request). It prints a Markdown
// table.
//
//	go run ./bench/search [-work DIR] [-runs 3] [-pagefind=false]
//
// Pagefind comes from npm: `npm ci --prefix bench/search` installs the
// version in bench/search/package.json.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/facultyhub/facultyhub/bench/corpus"
	"github.com/facultyhub/facultyhub/internal/build"
	"github.com/facultyhub/facultyhub/internal/chromium"
)

// queries are typical searches of the generated corpus: common and rare
// words, two words, a prefix while typing and a typo.
var queries = []string{"stroke", "falls prevention", "hospice", "nutrition", "rehab", "placement", "nutriton"}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("search", flag.ContinueOnError)
	fl.SetOutput(stderr)
	work := fl.String("work", "", "folder for the corpus and the built site (default: a new temporary folder, removed after)")
	runs := fl.Int("runs", 3, "cold runs per query; the table shows medians")
	withPagefind := fl.Bool("pagefind", true, "also index with Pagefind and measure it")
	reuse := fl.Bool("reuse", false, "measure the site already built in -work (for trying out the client)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *reuse && *work == "" {
		fmt.Fprintln(stderr, "search bench: -reuse needs -work")
		return 2
	}
	if err := bench(*work, *runs, *withPagefind, *reuse, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "search bench:", err)
		return 1
	}
	return 0
}

func bench(work string, runs int, withPagefind, reuse bool, stdout, stderr io.Writer) error {
	if work == "" {
		dir, err := os.MkdirTemp("", "facultyhub-search-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		work = dir
	}
	exe, err := chromium.Find()
	if err != nil {
		return err
	}
	src, dest := filepath.Join(work, "corpus"), filepath.Join(work, "public")
	if _, err := os.Stat(filepath.Join(src, "site.yaml")); err != nil {
		fmt.Fprintln(stderr, "generating the national corpus in", src)
		if _, err := corpus.Write(src, corpus.Options{}); err != nil {
			return err
		}
	}
	if !reuse {
		if err := buildAndIndex(src, dest, withPagefind, stdout, stderr); err != nil {
			return err
		}
	}
	systems := []system{{
		name:   "Faculty Hub",
		page:   "/search/",
		url:    func(q string) string { return "/search/?q=" + urlQuery(q) },
		again:  submitQuery,
		prefix: "/search/",
		// The client renders the empty state once it has started.
		ready: `Number(document.querySelector('[data-search]')?.dataset.rendered) > 0`,
	}}
	if withPagefind {
		systems = append(systems, system{
			name:   "Pagefind",
			page:   "/pagefind-bench.html",
			url:    func(q string) string { return "/pagefind-bench.html?q=" + urlQuery(q) },
			again:  func(q string) string { return fmt.Sprintf(`window.search(%q)`, q) },
			prefix: "/pagefind/",
			ready:  `typeof window.search === 'function'`,
		})
	}

	srv, err := serve(dest)
	if err != nil {
		return err
	}
	defer srv.Close()
	if err := srv.warm("search", "pagefind"); err != nil && !os.IsNotExist(err) {
		return err
	}
	b, err := launch(context.Background(), exe, filepath.Join(work, "profile"))
	if err != nil {
		return err
	}
	defer b.Close()
	defer os.RemoveAll(filepath.Join(work, "profile"))
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout, "| query | system | results | first query: search KB | all KB | requests | page parsed, ms | results, ms | next query in the page: KB | ms | first query typed in the page: KB | ms |")
	fmt.Fprintln(stdout, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for i, q := range queries {
		next := queries[(i+1)%len(queries)]
		for _, sys := range systems {
			var cold, warm, typed []measure
			for range runs {
				c, w, err := coldAndNext(b, srv, sys, q, next)
				if err != nil {
					return fmt.Errorf("%s %q: %w", sys.name, q, err)
				}
				f, err := typedFirst(b, srv, sys, q)
				if err != nil {
					return fmt.Errorf("%s %q typed: %w", sys.name, q, err)
				}
				cold, warm, typed = append(cold, c), append(warm, w), append(typed, f)
			}
			c, w, f := median(cold), median(warm), median(typed)
			fmt.Fprintf(stdout, "| %s | %s | %s | %.1f | %.1f | %.0f | %.0f | %.0f | %.1f | %.0f | %.1f | %.0f |\n", q, sys.name, c.results,
				c.searchBytes/1024, c.allBytes/1024, c.requests, c.parsed, c.ms, w.allBytes/1024, w.ms, f.allBytes/1024, f.ms)
		}
	}
	return nil
}

// buildAndIndex builds the corpus into dest and, with withPagefind, indexes
// the output with Pagefind and writes its test page.
func buildAndIndex(src, dest string, withPagefind bool, stdout, stderr io.Writer) error {
	fmt.Fprintln(stderr, "building", dest)
	start := time.Now()
	res, err := build.Build(context.Background(), build.Options{Source: src, Dest: dest, Today: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	if res.Failed() {
		var b strings.Builder
		res.Diagnostics.Sort()
		for _, d := range res.Diagnostics {
			fmt.Fprintln(&b, d)
		}
		return fmt.Errorf("build failed:\n%s", b.String())
	}
	total := time.Since(start)
	// The index is made beside the render since session 2, so it has no
	// phase of its own: `go test ./internal/search -bench IndexNational`
	// times it alone.
	var together time.Duration
	for _, p := range res.Phases {
		if p.Name == "render+feeds+index" {
			together = p.Duration
		}
	}
	fmt.Fprintf(stdout, "Build: %d pages, %s; render+feeds+index phase %s (index alone: go test ./internal/search -bench IndexNational).\n",
		res.Pages, total.Round(time.Millisecond), together.Round(time.Millisecond))
	ours, err := footprint(filepath.Join(dest, "search"))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Faculty Hub index: %s.\n", ours)

	if withPagefind {
		bin, err := pagefindBinary()
		if err != nil {
			return err
		}
		start := time.Now()
		cmd := exec.Command(bin, "--site", dest)
		cmd.Stdout, cmd.Stderr = io.Discard, stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("pagefind: %w", err)
		}
		took := time.Since(start)
		pf, err := footprint(filepath.Join(dest, "pagefind"))
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Pagefind: indexed in %s; %s.\n", took.Round(100*time.Millisecond), pf)
		if err := os.WriteFile(filepath.Join(dest, "pagefind-bench.html"), []byte(pagefindPage), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// system is a search engine under test: its search page, how to open it
// with a query, how to run another query in it, and the folder of its
// files.
type system struct {
	name string
	page string
	// ready is true in the page without a query once it can search.
	ready  string
	url    func(q string) string
	again  func(q string) string
	prefix string
}

// measure is one query in the browser.
type measure struct {
	ms, allBytes, searchBytes, requests float64
	// parsed is when the page's HTML was parsed (DOMContentLoaded), the
	// browser's floor for anything on it.
	parsed  float64
	results string
}

// probe records when results appear: the client (and the Pagefind page
// below) bump data-rendered each time results are on screen.
const probe = `window.__renders = []
new MutationObserver(() => window.__renders.push(performance.now()))
  .observe(document, {subtree: true, attributes: true, attributeFilter: ['data-rendered']})`

// arrive opens a tab in a fresh browser context (nothing cached), with
// the probe, on a page of the site other than search, as a visitor who
// arrives from there: the renderer is warm, nothing of search is cached.
// The server's log starts after it.
func arrive(browser *browser, srv *server) (*browser, error) {
	b, err := browser.fresh()
	if err != nil {
		return nil, err
	}
	_, err = chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: probe})
	if err == nil {
		err = b.do(60*time.Second, chromedp.Navigate(srv.URL+"/faculties/"))
	}
	if err != nil {
		b.Close()
		return nil, err
	}
	srv.reset()
	return b, nil
}

// coldAndNext opens query q in a fresh browser context (nothing cached)
// after one other page of the site, then runs query next in the same
// page.
func coldAndNext(browser *browser, srv *server, sys system, q, next string) (cold, warm measure, err error) {
	b, err := arrive(browser, srv)
	if err != nil {
		return
	}
	defer b.Close()
	if err = b.do(60*time.Second, chromedp.Navigate(srv.URL+sys.url(q))); err != nil {
		return
	}
	if cold, err = b.measure(srv, 0, 1, sys.prefix); err != nil {
		return
	}
	t0, err := eval[float64](b, `performance.now()`)
	if err != nil {
		return
	}
	srv.reset()
	if _, err = eval[chromedp.Void](b, sys.again(next)); err != nil {
		return
	}
	warm, err = b.measure(srv, t0, 2, sys.prefix)
	return
}

// typedFirst opens the search page without a query in a fresh browser
// context, after one other page of the site, waits until it is ready
// (its client has rendered the empty state, or Pagefind's page has
// loaded Pagefind), and runs query q in it: the first query of a visitor
// who types it. The bytes count from the search page's own request, so
// they hold the page, the client and the index.
func typedFirst(browser *browser, srv *server, sys system, q string) (measure, error) {
	b, err := arrive(browser, srv)
	if err != nil {
		return measure{}, err
	}
	defer b.Close()
	if err = b.do(60*time.Second, chromedp.Navigate(srv.URL+sys.page)); err != nil {
		return measure{}, err
	}
	if err = b.until(sys.ready, "the page ready"); err != nil {
		return measure{}, err
	}
	t0, err := eval[float64](b, `performance.now()`)
	if err != nil {
		return measure{}, err
	}
	renders, err := eval[int](b, `window.__renders.length`)
	if err != nil {
		return measure{}, err
	}
	if _, err = eval[chromedp.Void](b, sys.again(q)); err != nil {
		return measure{}, err
	}
	return b.measure(srv, t0, renders+1, sys.prefix)
}

// until polls the page, a call at a time, until the expression js is
// true, for a minute at most; what names what it waits for. (A
// chromedp.Poll that spans the page's switch of documents can lose its
// context.)
func (b *browser) until(js, what string) error {
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		ok, err := eval[bool](b, js)
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no %s after a minute (last: %v)", what, err)
		}
	}
}

// measure waits for the renders-th rendering of results, t0 being when
// the query started, and sums up what the server sent meanwhile. (The
// page's own Resource Timing would miss Pagefind's fetches, made in a
// web worker.)
func (b *browser) measure(srv *server, t0 float64, renders int, prefix string) (measure, error) {
	if err := b.until(fmt.Sprintf(`window.__renders.length >= %d`, renders), "results"); err != nil {
		return measure{}, err
	}
	m, err := eval[struct {
		Rendered, Parsed float64
		Results          string
	}](b, fmt.Sprintf(`({Rendered: window.__renders[%d], Parsed: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
		Results: document.getElementById('search-status').textContent})`, renders-1))
	if err != nil {
		return measure{}, err
	}
	all, under, requests := srv.traffic(prefix)
	out := measure{ms: m.Rendered - t0, parsed: m.Parsed, results: strings.Fields(m.Results + " ?")[0],
		allBytes: float64(all), searchBytes: float64(under), requests: float64(requests)}
	if p := b.Problems(); len(p) > 0 {
		return out, fmt.Errorf("the page reported errors: %s", strings.Join(p, "; "))
	}
	return out, nil
}

// median takes the median of each figure on its own.
func median(ms []measure) measure {
	mid := func(f func(measure) float64) float64 {
		v := make([]float64, len(ms))
		for i, m := range ms {
			v[i] = f(m)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return measure{
		ms:          mid(func(m measure) float64 { return m.ms }),
		allBytes:    mid(func(m measure) float64 { return m.allBytes }),
		searchBytes: mid(func(m measure) float64 { return m.searchBytes }),
		requests:    mid(func(m measure) float64 { return m.requests }),
		parsed:      mid(func(m measure) float64 { return m.parsed }),
		results:     ms[0].results,
	}
}

// footprint sums up the files of an index folder.
func footprint(dir string) (string, error) {
	var files, raw, gz int
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		raw += len(data)
		if compressible(filepath.Ext(p)) {
			gz += len(gzipBytes(data))
		} else {
			gz += len(data)
		}
		return nil
	})
	return fmt.Sprintf("%d files, %.1f MB (%.1f MB gzipped)", files, float64(raw)/1e6, float64(gz)/1e6), err
}

// pagefindBinary finds the Pagefind installed by npm ci --prefix
// bench/search.
func pagefindBinary() (string, error) {
	for _, dir := range []string{".", "bench/search"} {
		p := filepath.Join(dir, "node_modules", ".bin", "pagefind")
		if _, err := os.Stat(p); err == nil {
			return filepath.Abs(p)
		}
	}
	return "", fmt.Errorf("no Pagefind: run npm ci --prefix bench/search, or pass -pagefind=false")
}

// submitQuery is the script that runs query q on our search page: it
// fills in the box and submits the form, as a visitor pressing Enter.
func submitQuery(q string) string {
	return fmt.Sprintf(`(i => { i.value = %q; i.form.requestSubmit() })(document.getElementById('search-input'))`, q)
}

func urlQuery(q string) string { return strings.ReplaceAll(q, " ", "+") }

// pagefindPage runs a query with Pagefind's JS API and shows the first
// ten results with their excerpts, as our client does.
const pagefindPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind</title></head>
<body><main data-search>
<p id="search-status" role="status"></p>
<ol id="search-results"></ol>
<script type="module">
const pagefind = await import('/pagefind/pagefind.js')
let rendered = 0
window.search = async q => {
  const search = await pagefind.search(q)
  const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()))
  document.getElementById('search-results').replaceChildren(...data.map(d => {
    const li = document.createElement('li')
    li.innerHTML = '<a href="' + d.url + '">' + d.meta.title + '</a><p>' + d.excerpt + '</p>'
    return li
  }))
  document.getElementById('search-status').textContent = search.results.length + ' results'
  document.querySelector('[data-search]').dataset.rendered = ++rendered
}
const q = new URLSearchParams(location.search).get('q')
if (q) window.search(q)
</script>
</main></body></html>
`
