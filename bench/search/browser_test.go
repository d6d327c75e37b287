//go:build browser

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/facultyhub/facultyhub/internal/build"
	"github.com/facultyhub/facultyhub/internal/chromium"
	"github.com/facultyhub/facultyhub/internal/config"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/search"
	"github.com/facultyhub/facultyhub/internal/site"
)

var today = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// shipped builds the repository's own site once, as `facultyhub build
// --now 2026-11-25` does, serves it on 127.0.0.1 and starts headless
// Chromium, and gives each test a tab of its own with nothing cached.
// They are built only with -tags browser (.ci/run installs Chromium
// first); without Chromium they fail rather than skip.
func shipped(t *testing.T) (*server, *browser) {
	t.Helper()
	shared.once.Do(func() { shared.srv, shared.browser, shared.err = startShipped() })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	tab, err := shared.browser.fresh()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tab.Close)
	return shared.srv, tab
}

var errNoChromium = errors.New("browser tests need headless Chromium")

// shared is the shipped site and the browser the tests share.
var shared struct {
	once    sync.Once
	srv     *server
	browser *browser
	dir     string
	err     error
}

func startShipped() (*server, *browser, error) {
	exe, err := chromium.Find()
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", errNoChromium, err)
	}
	if shared.dir, err = os.MkdirTemp("", "facultyhub-search-test-"); err != nil {
		return nil, nil, err
	}
	dest := filepath.Join(shared.dir, "public")
	res, err := build.Build(context.Background(), build.Options{Source: "../..", Dest: dest, Today: today})
	if err != nil || res.Failed() {
		return nil, nil, fmt.Errorf("build the shipped site: %v %v", err, res.Diagnostics)
	}
	srv, err := serve(dest)
	if err != nil {
		return nil, nil, err
	}
	b, err := launch(context.Background(), exe, filepath.Join(shared.dir, "profile"))
	if err != nil {
		srv.Close()
		return nil, nil, err
	}
	return srv, b, nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.browser != nil {
		shared.browser.Close()
	}
	if shared.srv != nil {
		shared.srv.Close()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// results is what the search page shows.
type results struct {
	Status string
	Links  []string
	Marks  []string
	Query  string
	Kinds  []string
}

func (b *browser) results(t *testing.T) results {
	t.Helper()
	r, err := eval[results](b, `({
		Status: document.getElementById('search-status').textContent,
		Links: [...document.querySelectorAll('#search-results > li .card-title a')].map(a => a.getAttribute('href')),
		Marks: [...document.querySelectorAll('#search-results mark')].map(m => m.textContent),
		Query: document.querySelector('[data-search] input[type=search]').value,
		Kinds: [...document.querySelectorAll('#search-results > li')].map(li => li.className),
	})`)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// renders returns how many times the client has rendered results in the
// page, for rendered to wait for the next.
func (b *browser) renders(t *testing.T) int {
	t.Helper()
	n, err := eval[int](b, `Number(document.querySelector('[data-search]').dataset.rendered)`)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// open loads a URL and waits for the client's first results.
func (b *browser) open(t *testing.T, url string) results {
	t.Helper()
	if err := b.do(20*time.Second, chromedp.Navigate(url), rendered(0)); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	return b.results(t)
}

// renderedFor waits until the results on screen are those of query q.
// Typed a key at a time, a query is searched for whenever typing pauses
// (80 ms): on a loaded machine, after its first letters too, so the first
// rendering after typing may be of those.
func renderedFor(q string) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`(document.getElementById('search-status')?.textContent || '').includes(%q)`, "for “"+q+"”")
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[chromedp.Void](js, chromedp.WithPollingInterval(2*time.Millisecond))(ctx, t)
		return err
	})
}

func (b *browser) noProblems(t *testing.T) {
	t.Helper()
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(p, "\n"))
	}
}

const stroke = "/faculties/cheshire-and-merseyside/placements/stroke-rehabilitation-therapy/"

func TestSearchFindsAPage(t *testing.T) {
	srv, b := shipped(t)
	tests := []struct {
		name, query, first, mark string
	}{
		{"the word in the title", "stroke", stroke, "Stroke"},
		{"two words", "stroke rehabilitation", stroke, "rehabilitation"},
		{"a stemmed form the site does not use", "strokes", stroke, "Stroke"},
		{"another inflection", "rehabilitating stroke", stroke, "rehabilitation"},
		{"a prefix while typing", "strok", stroke, "Stroke"},
		{"a swap of two letters", "storke", stroke, "Stroke"},
		{"a missing letter", "rehabilitaton stroke", stroke, "rehabilitation"},
		{"a wrong letter", "stroje", stroke, "Stroke"},
		{"an extra letter", "strokke", stroke, "Stroke"},
		{"capitals and accents", "STRÔKE", stroke, "Stroke"},
		{"a possessive", "Stroke's", stroke, "Stroke"},
		{"curly apostrophes", "stroke’s rehabilitation", stroke, "rehabilitation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := b.open(t, srv.URL+"/search/?q="+strings.ReplaceAll(tt.query, " ", "+"))
			if len(r.Links) == 0 || r.Links[0] != tt.first {
				t.Fatalf("q=%q: first result %v, want %s (status %q)", tt.query, r.Links, tt.first, r.Status)
			}
			if !slices.Contains(r.Marks, tt.mark) {
				t.Errorf("q=%q: highlighted %q, want %q among them", tt.query, r.Marks, tt.mark)
			}
			if r.Query != tt.query {
				t.Errorf("the search box says %q, want %q", r.Query, tt.query)
			}
			if n := count(t, r.Status); n < len(r.Links) {
				t.Errorf("status %q for %d results shown", r.Status, len(r.Links))
			}
			b.noProblems(t)
		})
	}
}

// TestFirstQueryFetchesEachFileOnce opens a query's address with
// nothing cached: the page starts the query's requests before the client
// runs, and the client takes them over, so no file comes twice.
func TestFirstQueryFetchesEachFileOnce(t *testing.T) {
	srv, b := shipped(t)
	for _, q := range []string{"stroke", "stroke rehabilitation", "STRÔKE"} {
		r := b.open(t, srv.URL+"/search/?q="+strings.ReplaceAll(q, " ", "+"))
		if len(r.Links) == 0 {
			t.Fatalf("q=%q: no results (status %q)", q, r.Status)
		}
		files, err := eval[[]string](b, `performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.startsWith('/search/'))`)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, f := range files {
			if seen[f] {
				t.Errorf("q=%q: %s fetched twice (all: %v)", q, f, files)
			}
			seen[f] = true
		}
		b.noProblems(t)
	}
}

// TestFirstPageFromTopRecords opens one-word queries with nothing cached:
// their first page of results comes from the top records fetched with
// the term shards, so no document shard is fetched; a query narrowed by
// a facet, whose first page they would seldom hold, does not fetch them.
func TestFirstPageFromTopRecords(t *testing.T) {
	srv, b := shipped(t)
	fetched := func(q string) []string {
		t.Helper()
		r := b.open(t, srv.URL+"/search/?"+q)
		if len(r.Links) == 0 {
			t.Fatalf("%s: no results (status %q)", q, r.Status)
		}
		files, err := eval[[]string](b, `performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.startsWith('/search/'))`)
		if err != nil {
			t.Fatal(err)
		}
		b.noProblems(t)
		return files
	}
	for _, q := range []string{"q=stroke", "q=rehabilitation", "q=strok"} {
		files := fetched(q)
		if !slices.ContainsFunc(files, func(f string) bool { return strings.HasPrefix(f, "/search/r/") }) {
			t.Errorf("%s: no top records fetched: %v", q, files)
		}
		for _, f := range files {
			if strings.HasPrefix(f, "/search/d/") {
				t.Errorf("%s: document shard %s fetched for a first page the top records hold", q, f)
			}
		}
	}
	for _, f := range fetched("q=stroke&profession=physiotherapists") {
		if strings.HasPrefix(f, "/search/r/") {
			t.Errorf("a query narrowed by a facet fetched top records: %s", f)
		}
	}
}

// count reads the number of results from the live region ("12 results
// for …", "No results …").
func count(t *testing.T, status string) int {
	t.Helper()
	if strings.HasPrefix(status, "No ") {
		return 0
	}
	f := strings.Fields(status)
	if len(f) == 0 {
		t.Fatalf("empty status")
	}
	n, err := strconv.Atoi(f[0])
	if err != nil {
		t.Fatalf("status %q does not start with a count", status)
	}
	return n
}

// TestSearchStateInTheURL opens the example address and checks it
// shows exactly the pages that match, computed from the site's content.
func TestSearchStateInTheURL(t *testing.T) {
	srv, b := shipped(t)
	r := b.open(t, srv.URL+"/search/?q=stroke&profession=physiotherapists&status=open")
	want := expected(t, func(d search.Document) bool {
		return regexp.MustCompile(`(?i)\bstrokes?\b`).MatchString(d.Title+" "+d.Excerpt+" "+string(d.Body)) &&
			slices.Contains(d.Facets["profession"], "physiotherapists") && slices.Contains(d.Facets["status"], "open")
	})
	got := slices.Sorted(slices.Values(r.Links))
	if !slices.Equal(got, want) {
		t.Errorf("results %v, want %v", got, want)
	}
	if count(t, r.Status) != len(want) {
		t.Errorf("status %q, want %d results", r.Status, len(want))
	}
	checked, _ := eval[[]string](b, `[...document.querySelectorAll('#search-filters input:checked')].map(i => i.name + '=' + i.value)`)
	slices.Sort(checked)
	if !slices.Equal(checked, []string{"profession=physiotherapists", "status=open"}) {
		t.Errorf("checked filters %v", checked)
	}
	b.noProblems(t)
}

// expected lists, sorted, the URLs of the shipped site's searchable pages
// that keep says yes to.
func expected(t *testing.T, keep func(search.Document) bool) []string {
	t.Helper()
	fsys := os.DirFS("../..")
	cfg, _ := config.Load(fsys)
	hub, _ := content.Load(fsys)
	var out []string
	for _, d := range search.FromSite(site.New(cfg, hub, site.Options{Today: today})).Documents {
		if keep(d) {
			out = append(out, d.URL)
		}
	}
	slices.Sort(out)
	return out
}

// TestSearchFacetNarrows ticks a facet value by keyboard and checks the
// results become exactly as many as its count said, all of that kind,
// and that reloading the new address restores the same state.
func TestSearchFacetNarrows(t *testing.T) {
	srv, b := shipped(t)
	before := b.open(t, srv.URL+"/search/?q=therapy")
	total := count(t, before.Status)
	label, _ := eval[string](b, `document.querySelector('#search-filters input[value=placement]').parentElement.textContent`)
	m := regexp.MustCompile(`\((\d+)\)`).FindStringSubmatch(label)
	if m == nil {
		t.Fatalf("no count in the label %q", label)
	}
	n, _ := strconv.Atoi(m[1])
	if n == 0 || n >= total {
		t.Fatalf("placements %d of %d results: the test needs a facet that narrows", n, total)
	}
	// Every result, in order, from "Show more": the narrowed list must be
	// its placements in the same order.
	for shown := 0; ; {
		all := b.results(t)
		if len(all.Links) == total || len(all.Links) == shown {
			before = all
			break
		}
		shown = len(all.Links)
		if err := b.do(10*time.Second, chromedp.Click(chromedp.CSS(`#search-results + button`)), rendered(b.renders(t))); err != nil {
			t.Fatal(err)
		}
	}
	var placements []string
	for i, k := range before.Kinds {
		if strings.Contains(k, "card-placement") {
			placements = append(placements, before.Links[i])
		}
	}
	if len(before.Links) != total || len(placements) != n {
		t.Fatalf("Show more to the end: %d of %d results, %d of %d placements", len(before.Links), total, len(placements), n)
	}
	err := b.do(10*time.Second,
		chromedp.Focus(chromedp.CSS(`#search-filters input[value=placement]`)),
		chromedp.KeyEvent(" "),
		rendered(1))
	if err != nil {
		t.Fatal(err)
	}
	after := b.results(t)
	if count(t, after.Status) != n {
		t.Errorf("after ticking Placement (%d): status %q", n, after.Status)
	}
	if !slices.Equal(after.Links, placements[:min(n, 10)]) {
		t.Errorf("narrowed, the first page is %v; the placements among all the results were %v", after.Links, placements)
	}
	for _, k := range after.Kinds {
		if !strings.Contains(k, "card-placement") {
			t.Errorf("a result of another kind: %q", k)
		}
	}
	url, _ := eval[string](b, `location.href`)
	if !strings.Contains(url, "q=therapy") || !strings.Contains(url, "kind=placement") {
		t.Fatalf("address %s does not hold the state", url)
	}
	again := b.open(t, url)
	if again.Status != after.Status || !slices.Equal(again.Links, after.Links) || again.Query != "therapy" {
		t.Errorf("reloading %s shows %q %v, before %q %v", url, again.Status, again.Links, after.Status, after.Links)
	}
	b.noProblems(t)
}

// TestSearchByKeyboard types a query into the box and pages with "Show
// more", all from the keyboard.
func TestSearchByKeyboard(t *testing.T) {
	srv, b := shipped(t)
	b.open(t, srv.URL+"/search/")
	err := b.do(10*time.Second,
		chromedp.Focus(chromedp.ID("search-input")),
		chromedp.KeyEvent("placement"),
		renderedFor("placement"))
	if err != nil {
		t.Fatal(err)
	}
	r := b.results(t)
	if len(r.Links) != 10 || count(t, r.Status) <= 10 {
		t.Fatalf("typing a common word: %q with %d shown", r.Status, len(r.Links))
	}
	err = b.do(10*time.Second,
		chromedp.Focus(chromedp.CSS(`#search-results + button`)),
		chromedp.KeyEvent("\r"),
		rendered(b.renders(t)))
	if err != nil {
		t.Fatal(err)
	}
	focused, _ := eval[string](b, `document.activeElement.getAttribute('href')`)
	more := b.results(t)
	if len(more.Links) <= 10 || focused != more.Links[10] {
		t.Errorf("Show more: %d shown, focus on %q, want the 11th result", len(more.Links), focused)
	}
	// The first page is picked before the rest are put in order: showing
	// more keeps it and repeats none of it.
	if !slices.Equal(more.Links[:10], r.Links) || len(slices.Compact(slices.Sorted(slices.Values(more.Links)))) != len(more.Links) {
		t.Errorf("Show more changed the first page or repeated a result: %v, then %v", r.Links, more.Links)
	}
	b.noProblems(t)
}

// TestSearchSkipToResults opens a query on a phone-sized screen, where
// the filters stand above the results: a link skips them, and takes the
// keyboard there; on a wide screen, with the filters beside the results,
// it is not shown.
func TestSearchSkipToResults(t *testing.T) {
	srv, b := shipped(t)
	const link = `document.querySelector('.search .finder-jump a[href="#results"]')`
	for _, width := range []int64{320, 1280} {
		if err := b.do(20*time.Second, chromedp.EmulateViewport(width, 800), chromedp.Navigate(srv.URL+"/search/?q=therapy"), rendered(0)); err != nil {
			t.Fatal(err)
		}
		shown, err := eval[bool](b, link+`?.getClientRects().length > 0`)
		if err != nil {
			t.Fatal(err)
		}
		if shown != (width == 320) {
			t.Errorf("at %d px the link to the results is shown: %v", width, shown)
		}
	}
	err := b.do(10*time.Second, chromedp.EmulateViewport(320, 800), chromedp.Focus(chromedp.CSS(`.search .finder-jump a`)), chromedp.KeyEvent("\r"))
	if err != nil {
		t.Fatal(err)
	}
	// The results' top then comes to the top of the screen (the theme
	// scrolls smoothly), and Tab goes to the first result.
	if err := b.do(5*time.Second, chromedp.Poll[chromedp.Void](`Math.abs(document.getElementById('results').getBoundingClientRect().top) <= 1`)); err != nil {
		top, _ := eval[float64](b, `document.getElementById('results').getBoundingClientRect().top`)
		t.Errorf("after the link, the results start %.0f px from the top of the screen", top)
	}
	if err := b.do(10*time.Second, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	focused, _ := eval[string](b, `document.activeElement.closest('#search-results') ? document.activeElement.getAttribute('href') : document.activeElement.outerHTML.slice(0, 80)`)
	first, _ := eval[string](b, `document.querySelector('#search-results a').getAttribute('href')`)
	if focused != first {
		t.Errorf("Tab after the link goes to %q, want the first result %q", focused, first)
	}
	b.noProblems(t)
}

// TestSearchFindingNothing searches for a word the site lacks: the page
// says so, advises, and links to the browse pages, without the filters,
// which could only narrow nothing; with a filter chosen, they stay, so
// that it can be unticked. A query that finds something puts it all back.
// Before any query the page shows neither advice nor filters.
func TestSearchFindingNothing(t *testing.T) {
	srv, b := shipped(t)
	type state struct {
		Advice  string
		Browse  []string
		Filters bool
		// Width is the advice's, where shown.
		Width float64
	}
	look := func() state {
		t.Helper()
		s, err := eval[state](b, `({
			Advice: [...document.querySelectorAll('.search-none')].filter(e => e.getClientRects().length).map(e => e.textContent).join(''),
			Browse: [...document.querySelectorAll('.search-none a')].filter(a => a.getClientRects().length).map(a => a.getAttribute('href')),
			Filters: document.getElementById('search-filters').getClientRects().length > 0,
			Width: document.querySelector('.search-none')?.getBoundingClientRect().width || 0,
		})`)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if err := b.do(10*time.Second, chromedp.EmulateViewport(1280, 800)); err != nil {
		t.Fatal(err)
	}
	b.open(t, srv.URL+"/search/")
	if s := look(); s.Advice != "" || s.Filters {
		t.Errorf("the search page before a query: advice %q, filters shown %v", s.Advice, s.Filters)
	}
	r := b.open(t, srv.URL+"/search/?q=qwertyuiop")
	s := look()
	if r.Status != "No results for “qwertyuiop”" || len(r.Links) != 0 {
		t.Errorf("status %q, %d results", r.Status, len(r.Links))
	}
	if !strings.Contains(s.Advice, "Check the spelling") || !slices.Contains(s.Browse, "/placements/") || s.Filters {
		t.Errorf("nothing found: advice %q, browse links %v, filters shown %v", s.Advice, s.Browse, s.Filters)
	}
	// Without the filters beside it, the advice takes the page's width,
	// not the column the filters leave.
	if s.Width < 600 {
		t.Errorf("nothing found: the advice is %.0f px wide at 1280 px", s.Width)
	}
	b.open(t, srv.URL+"/search/?q=qwertyuiop&kind=placement")
	if s := look(); !strings.Contains(s.Advice, "fewer filters") || !s.Filters {
		t.Errorf("nothing found with a filter chosen: advice %q, filters shown %v", s.Advice, s.Filters)
	}
	err := b.do(10*time.Second, chromedp.Evaluate[chromedp.Void](submitQuery("therapy")), rendered(b.renders(t)))
	if err != nil {
		t.Fatal(err)
	}
	if r, s := b.results(t), look(); len(r.Links) == 0 || s.Advice != "" || len(s.Browse) != 0 || !s.Filters {
		t.Errorf("after a query that finds %q: advice %q, browse links %v, filters shown %v", r.Status, s.Advice, s.Browse, s.Filters)
	}
	b.noProblems(t)
}

// TestFinderFiltersLive ticks a value on each faceted listing — the
// placement finder, the showcase stories, the resource library — and
// checks the list matches that value's static page, in the address too.
func TestFinderFiltersLive(t *testing.T) {
	for _, tt := range []struct {
		finder, key, value, noun string
	}{
		{"/placements/", "profession", "physiotherapists", "placement"},
		// A region is derived from each placement's system.
		{"/placements/", "region", "north-west", "placement"},
		{"/stories/", "theme", "placements", "stor"},
		{"/resources/", "format", "guidance", "resource"},
	} {
		t.Run(tt.finder, func(t *testing.T) {
			srv, b := shipped(t)
			err := b.do(20*time.Second, chromedp.Navigate(srv.URL+tt.finder+tt.key+"/"+tt.value+"/"))
			static, _ := eval[[]string](b, `[...document.querySelectorAll('.results .cards a')].map(a => a.getAttribute('href'))`)
			if err != nil || len(static) == 0 {
				t.Fatalf("static facet page: %v %v", static, err)
			}
			input := fmt.Sprintf(`.finder input[name=%s][value=%s]`, tt.key, tt.value)
			err = b.do(20*time.Second,
				chromedp.Navigate(srv.URL+tt.finder),
				chromedp.WaitVisible(chromedp.CSS(input)),
				chromedp.Click(chromedp.CSS(input)),
				rendered(0))
			if err != nil {
				t.Fatal(err)
			}
			r := b.results(t)
			if !slices.Equal(r.Links, static[:min(len(static), 10)]) || count(t, r.Status) != len(static) {
				t.Errorf("live filter shows %q %v, the static page %v", r.Status, r.Links, static)
			}
			if !strings.Contains(r.Status, tt.noun) {
				t.Errorf("the live region says %q, not what it counts (%s…)", r.Status, tt.noun)
			}
			url, _ := eval[string](b, `location.href`)
			if !strings.HasSuffix(url, tt.finder+"?"+tt.key+"="+tt.value) {
				t.Errorf("address %s", url)
			}
			again := b.open(t, url)
			if !slices.Equal(again.Links, r.Links) {
				t.Errorf("reloading %s shows %v", url, again.Links)
			}
			b.noProblems(t)
		})
	}
}

// TestSearchWithoutJavaScript checks the search page explains itself and
// links to the browse pages when scripts do not run.
func TestSearchWithoutJavaScript(t *testing.T) {
	srv, b := shipped(t)
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := b.do(20*time.Second, chromedp.Navigate(srv.URL+"/search/?q=stroke")); err != nil {
		t.Fatal(err)
	}
	text, err := eval[string](b, `(e => e.checkVisibility() ? e.textContent : '')(document.querySelector('.search-nojs'))`)
	if err != nil {
		t.Fatal(err)
	}
	links, _ := eval[[]string](b, `[...document.querySelectorAll('.search-nojs a')].map(a => a.getAttribute('href'))`)
	if !strings.Contains(text, "JavaScript") {
		t.Errorf("no explanation: %q", text)
	}
	for _, want := range []string{"/placements/", "/stories/", "/resources/", "/faculties/"} {
		if !slices.Contains(links, want) {
			t.Errorf("no link to %s in %v", want, links)
		}
	}
}
