//go:build browser

package browser

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/facultyhub/facultyhub/internal/chromium"
)

// serve serves the built site in dir on a free loopback port the way the
// CDN does: /x/ is /x/index.html, and a missing file is 404.html with
// status 404.
func serve(dir string) (base string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	files := http.FileServer(http.Dir(dir))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		if strings.HasSuffix(r.URL.Path, "/") {
			p = filepath.Join(p, "index.html")
		}
		if _, err := os.Stat(p); err != nil {
			body, err := os.ReadFile(filepath.Join(dir, "404.html"))
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(body)
			return
		}
		files.ServeHTTP(w, r)
	})
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

// browser is one headless Chromium tab with a fresh profile. It records
// what the pages ask of the network outside the test server, and the
// errors they log.
type browser struct {
	ctx    context.Context
	cancel func()
	base   string

	mu       sync.Mutex
	foreign  []string
	problems []string
}

// launch starts Chromium with axe-core loaded into every document.
func launch(exe, profile, base, axeSource string) (*browser, error) {
	opts := chromium.Options(exe, profile, chromedp.Flag("hide-scrollbars", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	b := &browser{ctx: ctx, cancel: func() { cancelTab(); cancelAlloc() }, base: base}
	start := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: axeSource})
		return err
	})
	// The first run starts the browser, which lives as long as the
	// context it runs in: so not one with a timeout.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), start); err != nil {
		b.cancel()
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			u := ev.Request.URL
			if !strings.HasPrefix(u, base+"/") && u != base && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "about:") {
				b.note(&b.foreign, u)
			}
		}
	})
	if err != nil {
		b.cancel()
		return nil, err
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.note(&b.problems, fmt.Sprintf("%s (%s)", m.Text, m.URL))
			}
		}
	}()
	return b, nil
}

func (b *browser) note(list *[]string, s string) {
	b.mu.Lock()
	*list = append(*list, s)
	b.mu.Unlock()
}

// drain returns and clears the foreign requests and console errors seen
// since the last call.
func (b *browser) drain() (foreign, problems []string) {
	time.Sleep(20 * time.Millisecond) // let the event queues catch up
	b.mu.Lock()
	defer b.mu.Unlock()
	foreign, problems = b.foreign, b.problems
	b.foreign, b.problems = nil, nil
	return foreign, problems
}

func (b *browser) Close() { b.cancel() }

func (b *browser) do(timeout time.Duration, actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(b.ctx, timeout)
	defer cancel()
	return chromedp.Do(ctx, actions...)
}

// eval evaluates a JavaScript expression in the tab, awaiting a promise.
func eval[T any](b *browser, js string) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	var v T
	err := staleRetry(func() (err error) {
		v, err = chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
		return err
	})
	return v, err
}

// open loads the page at p with the viewport width wide, with or without
// the site's scripts, and waits until they have finished changing it.
func (b *browser) open(p string, width int64, scripts bool) error {
	// Nothing leaves the machine: requests elsewhere are blocked (and
	// still reported by the listener in launch).
	var block []*network.BlockPattern
	if !scripts {
		block = append(block, &network.BlockPattern{URLPattern: b.base + "/*.js", Block: true})
	}
	block = append(block, &network.BlockPattern{URLPattern: b.base + "/*", Block: false},
		&network.BlockPattern{URLPattern: "*://*:*/*", Block: true})
	setBlocked := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: block})
		return err
	})
	if err := b.do(30*time.Second, setBlocked, chromedp.EmulateViewport(width, 900), chromedp.Navigate(b.base+p)); err != nil {
		return err
	}
	return staleRetry(func() error {
		return b.do(15*time.Second, chromedp.Poll[chromedp.Void](settledJS, chromedp.WithPollingInterval(25*time.Millisecond)))
	})
}

// staleRetry runs f again while it fails because the tab's execution
// context is, for a moment after a navigation, still the old one.
func staleRetry(f func() error) error {
	for try := 0; ; try++ {
		err := f()
		if err == nil || try == 5 || !strings.Contains(err.Error(), "Cannot find context") {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// settledJS is true once the document has loaded and, on a page the search
// client enhances, nothing in the DOM has changed for 300 ms.
const settledJS = `(() => {
  if (document.readyState !== 'complete') return false
  if (!document.querySelector('[data-search]')) return true
  const w = window
  if (w.__fhQuiet === undefined) {
    w.__fhQuiet = performance.now()
    new MutationObserver(() => { w.__fhQuiet = performance.now() })
      .observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
  }
  return performance.now() - w.__fhQuiet > 300
})()`

// violation is one failed axe-core rule on a page.
type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
	Count  int      `json:"count"`
}

func (v violation) String() string {
	return fmt.Sprintf("%s (%s, %d elements): %s\n      %s", v.ID, v.Impact, v.Count, v.Help, strings.Join(v.Nodes, "\n      "))
}

// axeTags are the rule sets the theme promises: WCAG 2.0, 2.1 and 2.2, A
// and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

func (b *browser) axe() ([]violation, error) {
	return eval[[]violation](b, fmt.Sprintf(`axe.run(document, { runOnly: { type: 'tag', values: %s }, resultTypes: ['violations'] })
  .then(r => r.violations.map(v => ({ id: v.id, impact: v.impact || '', help: v.help, count: v.nodes.length,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' ')) })))`,
		jsStrings(axeTags)))
}

// jsStrings writes list as a JavaScript array of strings.
func jsStrings(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// overflow is what sticks out sideways.
type overflow struct {
	ScrollWidth int      `json:"scrollWidth"`
	ClientWidth int      `json:"clientWidth"`
	Offenders   []string `json:"offenders"`
}

const overflowJS = `(() => {
  const d = document.documentElement, out = []
  if (d.scrollWidth > d.clientWidth) {
    for (const e of document.body.querySelectorAll('*')) {
      const r = e.getBoundingClientRect()
      if (r.right > d.clientWidth + 1 && e.checkVisibility()) out.push(describe(e) + ' reaches ' + Math.round(r.right) + ' px')
      if (out.length >= 8) break
    }
  }
  return { scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, offenders: out }
})()`

// smallTextJS lists visible text set below 16 px.
const smallTextJS = `(() => {
  const out = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  while (walk.nextNode() && out.length < 8) {
    const e = walk.currentNode.parentElement
    if (!walk.currentNode.textContent.trim() || !e.checkVisibility() || e.closest('.visually-hidden, script, style, noscript')) continue
    const size = parseFloat(getComputedStyle(e).fontSize)
    if (size < 16) out.push(describe(e) + ' is ' + size + ' px')
  }
  return out
})()`

// withDescribe prefixes a script with describeJS.
func withDescribe(js string) string { return describeJS + ";\n" + js }

// describeJS defines describe(element) for the other scripts: a short
// selector-like name with the start of its text.
const describeJS = `window.describe = e => {
  let s = e.tagName.toLowerCase()
  if (e.id) s += '#' + e.id
  if (e.classList.length) s += '.' + [...e.classList].join('.')
  const text = (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ')
  return text ? s + ' "' + text.slice(0, 40) + '"' : s
}`

// keyboard is the result of walking a page with the Tab key.
type keyboard struct {
	SkipLink   bool
	SkipToMain bool
	Focusable  int
	Reached    int
	Missed     []string
	Invisible  []string
	Trapped    bool
	Stops      int
}

// stop is where focus is after one press of Tab.
type stop struct {
	Key     int    `json:"key"` // index among main's focusable elements, -1 if none
	InMain  bool   `json:"inMain"`
	Skip    bool   `json:"skip"`
	Main    bool   `json:"main"`
	Visible bool   `json:"visible"`
	Name    string `json:"name"`
	Hash    string `json:"hash"`
}

// prepareJS numbers main's focusable elements and remembers how each
// looks unfocused, so a focus indicator can be told from no change.
const prepareJS = `(() => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]'
  const els = [...document.querySelector('main').querySelectorAll(sel)].filter(e =>
    !e.disabled && e.tabIndex >= 0 && !e.closest('[inert]') && e.checkVisibility({ visibilityProperty: true }) &&
    (e.tagName !== 'SUMMARY' || e.parentElement.tagName === 'DETAILS'))
  window.__fhStyle = e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color, s.borderColor].join('|') }
  window.__fhBefore = els.map(e => __fhStyle(e))
  els.forEach((e, i) => { e.dataset.fhKey = i })
  return els.map(e => describe(e))
})()`

// whereJS reports the focused element. Its focus counts as visible when it
// draws an outline (at least 2 px, not transparent) or a box shadow, or
// changes its background, and looks different from unfocused.
const whereJS = `(async () => {
  // Focus scrolls the page (smoothly, where motion is allowed): the
  // element is judged once the page has stopped moving, not mid-scroll.
  for (let still = 0, last = '', n = 0; still < 3 && n < 60; n++) {
    await new Promise(r => requestAnimationFrame(r))
    const at = scrollX + ',' + scrollY
    still = at === last ? still + 1 : 0
    last = at
  }
  const a = document.activeElement, m = document.querySelector('main')
  const shown = s => { const [os, ow, oc, bs] = s.split('|'); return (os !== 'none' && parseFloat(ow) >= 2 && !/rgba\(.*, 0\)$/.test(oc)) || os === 'auto' || bs !== 'none' }
  const key = a && a.dataset && a.dataset.fhKey !== undefined ? Number(a.dataset.fhKey) : -1
  const now = a ? __fhStyle(a) : ''
  const before = key >= 0 ? __fhBefore[key] : ''
  const r = a ? a.getBoundingClientRect() : null
  const onScreen = r && r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth
  const bg = s => s.split('|')[4]
  return { key, inMain: !!a && a !== m && m.contains(a), skip: !!a && a.classList.contains('skip-link'), main: a === m,
    visible: !!onScreen && now !== before && (shown(now) || (before !== '' && bg(now) !== bg(before))),
    name: a ? describe(a) : 'nothing', hash: location.hash }
})()`

// tabThrough checks keyboard access on the open page: the first Tab
// focuses the skip link, Enter on it moves focus to main, and Tab from
// there reaches every focusable element of main, each visibly, and then
// leaves main.
func (b *browser) tabThrough() (keyboard, error) {
	var k keyboard
	focusable, err := eval[[]string](b, withDescribe(prepareJS))
	if err != nil {
		return k, err
	}
	k.Focusable = len(focusable)
	press := func(key string) (stop, error) {
		if err := b.do(5*time.Second, chromedp.KeyEvent(key)); err != nil {
			return stop{}, err
		}
		return eval[stop](b, withDescribe(whereJS))
	}
	s, err := press(kb.Tab)
	if err != nil {
		return k, err
	}
	k.SkipLink = s.Skip && s.Visible
	if !s.Skip {
		return k, nil
	}
	if s, err = press(kb.Enter); err != nil {
		return k, err
	}
	k.SkipToMain = s.Main && s.Hash == "#main-content"
	if !k.SkipToMain {
		return k, nil
	}
	reached := map[int]bool{}
	for {
		if s, err = press(kb.Tab); err != nil {
			return k, err
		}
		if !s.InMain {
			break
		}
		k.Stops++
		if k.Stops > len(focusable)+20 {
			k.Trapped = true
			break
		}
		if s.Key >= 0 {
			reached[s.Key] = true
		}
		if !s.Visible {
			k.Invisible = append(k.Invisible, s.Name)
		}
	}
	k.Reached = len(reached)
	for i, name := range focusable {
		if !reached[i] {
			k.Missed = append(k.Missed, name)
		}
	}
	return k, nil
}

// screenshot saves the whole page, at the current width, as a PNG.
func (b *browser) screenshot(file string, width int64) error {
	height, err := eval[float64](b, `Math.ceil(document.documentElement.scrollHeight)`)
	if err != nil {
		return err
	}
	var png []byte
	capture := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		r, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng})
		png = r.Data
		return err
	})
	if err := b.do(30*time.Second, chromedp.EmulateViewport(width, int64(height)), capture, chromedp.EmulateViewport(width, 900)); err != nil {
		return err
	}
	return os.WriteFile(file, png, 0o644)
}

// printed reports, with print media emulated, which of the screen-only
// parts of the page still show, and saves the page as a PDF.
func (b *browser) printed(pdfFile string) ([]string, error) {
	media := func(m string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return err
		})
	}
	if err := b.do(10*time.Second, media("print")); err != nil {
		return nil, err
	}
	defer b.do(10*time.Second, media(""))
	shown, err := eval[[]string](b, `['.site-nav', '.site-search', '.site-footer', '.breadcrumbs', '.skip-link']
  .filter(s => { const e = document.querySelector(s); return e && getComputedStyle(e).display !== 'none' })`)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil {
		return nil, err
	}
	return shown, os.WriteFile(pdfFile, pdf, 0o644)
}

// status fetches p from the test server and returns the HTTP status.
func status(base, p string) (int, error) {
	u, err := url.JoinPath(base, p)
	if err != nil {
		return 0, err
	}
	resp, err := http.Get(u)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
