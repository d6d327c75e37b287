//go:build browser

// Package browser checks the default theme in a real browser. It builds
// the repository's own site (as `facultyhub build --now 2026-11-25` does),
// serves it on 127.0.0.1 and drives headless Chromium over one page of
// every kind, at 1280 px and at 320 px:
//
//   - axe-core finds no WCAG 2.0, 2.1 or 2.2 A or AA violation;
//   - at 320 px nothing scrolls sideways;
//   - no visible text is smaller than 16 px;
//   - the first Tab focuses the skip link, Enter on it moves focus to
//     main, and Tab from there reaches every link, button and control of
//     main, each with a visible focus indicator, and then leaves main;
//   - nothing is requested from anywhere but the test server, and no page
//     logs an error;
//   - printed, a placement page drops the navigation, search and footer.
//
// It saves screenshots of the home page, a faculty hub and a placement
// page at both widths, and the placement page as a PDF, to
// test/browser/screenshots/ (or $SCREENSHOTS); with SCREENSHOTS_ALL=1,
// of every page checked.
//
// It needs Chromium and axe-core, and it never skips:
//
//	(cd test/browser && npm ci)
//	go test -tags browser -count=1 -v ./test/browser/
package browser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/internal/build"
	"github.com/facultyhub/facultyhub/internal/chromium"
)

// today is the date CI judges the shipped content on.
var today = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// pages is one page of every kind of the shipped site. shot names the
// screenshots taken of it; print checks its print styles.
var pages = []struct {
	kind, path string
	shot       string
	noScripts  bool
	notFound   bool
	print      bool
}{
	{kind: "home", path: "/", shot: "home"},
	{kind: "faculties", path: "/faculties/"},
	{kind: "faculty hub", path: "/faculties/west-yorkshire/", shot: "faculty"},
	{kind: "faculty listing", path: "/faculties/west-yorkshire/placements/"},
	{kind: "partner", path: "/faculties/west-yorkshire/partners/millstone-teaching-hospitals/"},
	{kind: "story", path: "/faculties/west-yorkshire/stories/simulation-weeks/"},
	{kind: "national story", path: "/stories/demonstration-faculties/"},
	{kind: "resource", path: "/faculties/west-yorkshire/resources/return-to-practice-toolkit/"},
	{kind: "national resource", path: "/resources/placement-offer-template/"},
	{kind: "placement", path: "/faculties/west-yorkshire/placements/system-leadership-placement/", shot: "placement", print: true},
	{kind: "closed placement", path: "/faculties/west-yorkshire/placements/childrens-vision-screening/", shot: "placement-closed"},
	{kind: "withdrawn placement", path: "/faculties/south-east-london/placements/healthy-weight-project/"},
	{kind: "full placement", path: "/faculties/cheshire-and-merseyside/placements/arts-therapies-community-mental-health/"},
	{kind: "regions", path: "/regions/"},
	{kind: "region", path: "/regions/north-east-and-yorkshire/"},
	{kind: "professions", path: "/professions/"},
	{kind: "profession", path: "/professions/physiotherapists/"},
	{kind: "placement finder", path: "/placements/", shot: "finder"},
	{kind: "placement finder, no JavaScript", path: "/placements/", noScripts: true},
	{kind: "finder, page 2", path: "/placements/page/2/"},
	{kind: "finder facet", path: "/placements/profession/physiotherapists/"},
	{kind: "closed placements", path: "/placements/closed/"},
	{kind: "stories", path: "/stories/"},
	{kind: "stories by theme", path: "/stories/theme/placements/"},
	{kind: "resources", path: "/resources/", shot: "resources"},
	{kind: "resources, no JavaScript", path: "/resources/", noScripts: true},
	{kind: "resources by format", path: "/resources/format/guidance/"},
	{kind: "plain page", path: "/about/"},
	{kind: "search", path: "/search/"},
	{kind: "404", path: "/no-such-page/", notFound: true},
}

// widths are the viewport widths every page is checked at.
var widths = []int64{1280, 320}

func TestTheme(t *testing.T) {
	exe, err := chromium.Find()
	if err != nil {
		t.Fatal(err)
	}
	axeSource, err := os.ReadFile(filepath.Join("node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed: run npm ci in test/browser (%v)", err)
	}
	shots := os.Getenv("SCREENSHOTS")
	if shots == "" {
		shots = "screenshots"
	}
	if shots, err = filepath.Abs(shots); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(context.Background(), build.Options{Source: "../..", Dest: dest, Today: today})
	if err != nil {
		t.Fatalf("build the shipped site: %v", err)
	}
	if res.Failed() {
		var first []string
		for _, d := range res.Diagnostics[:min(10, len(res.Diagnostics))] {
			first = append(first, d.String())
		}
		t.Fatalf("build the shipped site: %d diagnostics, the first:\n%s", len(res.Diagnostics), strings.Join(first, "\n"))
	}
	base, stop, err := serve(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	b, err := launch(exe, t.TempDir(), base, string(axeSource))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	fmt.Printf("axe-core rules: %s; site served at %s\n", strings.Join(axeTags, ", "), base)
	fmt.Printf("%-32s %-9s %-9s %-12s %-10s %s\n", "page", "axe 1280", "axe 320", "320 overflow", "text<16px", "keyboard")
	failed := 0
	for _, pg := range pages {
		ok := t.Run(pg.kind, func(t *testing.T) {
			if pg.notFound {
				if code, err := status(base, pg.path); err != nil || code != 404 {
					t.Errorf("%s: want status 404, got %d %v", pg.path, code, err)
				}
			}
			shot := pg.shot
			if shot == "" && os.Getenv("SCREENSHOTS_ALL") != "" {
				shot = strings.NewReplacer(" ", "-", ",", "").Replace(pg.kind)
			}
			row := checkPage(t, b, pg.path, !pg.noScripts, pg.notFound, shot, shots)
			if pg.print {
				pdf := filepath.Join(shots, pg.shot+"-print.pdf")
				shown, err := b.printed(pdf)
				if err != nil {
					t.Fatal(err)
				}
				if len(shown) > 0 {
					t.Errorf("printed, the page still shows %s", strings.Join(shown, ", "))
				}
				row += ", print ok"
			}
			fmt.Printf("%-32s %s\n", pg.kind, row)
		})
		if !ok {
			failed++
		}
	}
	fmt.Printf("screenshots: %s\n", shots)
	fmt.Printf("%d passed, %d failed\n", len(pages)-failed, failed)
}

// checkPage runs every check on the page at p and returns its row of the
// results table.
func checkPage(t *testing.T, b *browser, p string, scripts, notFound bool, shot, shots string) string {
	t.Helper()
	var axeCols [2]string
	overflowCol, smallCol, keyCol := "", "ok", ""
	for i, w := range widths {
		if err := b.open(p, w, scripts); err != nil {
			t.Fatalf("open %s at %d px: %v", p, w, err)
		}
		vs, err := b.axe()
		if err != nil {
			t.Fatalf("axe on %s at %d px: %v", p, w, err)
		}
		axeCols[i] = fmt.Sprint(len(vs))
		for _, v := range vs {
			t.Errorf("%s at %d px: axe: %s", p, w, v)
		}
		small, err := eval[[]string](b, withDescribe(smallTextJS))
		if err != nil {
			t.Fatal(err)
		}
		if len(small) > 0 {
			smallCol = "FAIL"
			t.Errorf("%s at %d px: text below 16 px:\n  %s", p, w, strings.Join(small, "\n  "))
		}
		if w == 320 {
			o, err := eval[overflow](b, withDescribe(overflowJS))
			if err != nil {
				t.Fatal(err)
			}
			overflowCol = "none"
			if o.ScrollWidth > o.ClientWidth {
				overflowCol = fmt.Sprintf("%d px", o.ScrollWidth-o.ClientWidth)
				t.Errorf("%s at 320 px scrolls sideways: scrollWidth %d > clientWidth %d:\n  %s", p, o.ScrollWidth, o.ClientWidth, strings.Join(o.Offenders, "\n  "))
			}
		}
		if shot != "" {
			if err := b.screenshot(filepath.Join(shots, fmt.Sprintf("%s-%d.png", shot, w)), w); err != nil {
				t.Fatal(err)
			}
		}
		if w == 1280 {
			// A fresh load, so focus starts at the top of the document.
			if err := b.open(p, w, scripts); err != nil {
				t.Fatal(err)
			}
			k, err := b.tabThrough()
			if err != nil {
				t.Fatalf("keyboard on %s: %v", p, err)
			}
			keyCol = fmt.Sprintf("%d/%d reached", k.Reached, k.Focusable)
			switch {
			case !k.SkipLink:
				t.Errorf("%s: the first Tab does not focus a visible skip link", p)
			case !k.SkipToMain:
				t.Errorf("%s: Enter on the skip link does not move focus to main", p)
			case k.Trapped:
				t.Errorf("%s: focus stays in main after %d presses of Tab", p, k.Stops)
			}
			if len(k.Missed) > 0 {
				t.Errorf("%s: Tab never reaches %d of main's %d focusable elements:\n  %s", p, len(k.Missed), k.Focusable, strings.Join(k.Missed, "\n  "))
			}
			if len(k.Invisible) > 0 {
				t.Errorf("%s: focus is not visibly outlined on:\n  %s", p, strings.Join(k.Invisible, "\n  "))
			}
		}
		foreign, problems := b.drain()
		if len(foreign) > 0 {
			t.Errorf("%s: requests outside the site: %s", p, strings.Join(foreign, ", "))
		}
		for _, msg := range problems {
			if notFound && strings.Contains(msg, "404") {
				continue // the page itself answers 404
			}
			t.Errorf("%s: the page logged an error: %s", p, msg)
		}
	}
	return fmt.Sprintf("%-9s %-9s %-12s %-10s %s", axeCols[0], axeCols[1], overflowCol, smallCol, keyCol)
}
