package build

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/bench/corpus"
	"github.com/facultyhub/facultyhub/internal/check"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/diag"
	"github.com/facultyhub/facultyhub/internal/sitetest"
	"golang.org/x/net/html"
)

var today = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// buildSite writes the valid test site with edits and builds it.
func buildSite(t *testing.T, edits map[string]string) (src, dest string, res Result) {
	t.Helper()
	src = t.TempDir()
	sitetest.Write(t, src, sitetest.Valid(t, edits))
	dest = filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Source: src, Dest: dest, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	return src, dest, res
}

func read(t *testing.T, dest, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, p))
	if err != nil {
		t.Fatalf("%s was not written: %v", p, err)
	}
	return string(b)
}

func TestBuildWritesEveryPage(t *testing.T) {
	_, dest, res := buildSite(t, nil)
	if res.Failed() {
		t.Fatalf("build failed: %v", res.Diagnostics)
	}
	pages := []struct{ path, words string }{
		{"index.html", "<h1>Test hub</h1>"},
		{"index.html", "South Shire"},
		{"index.html", "Not yet published"},
		{"faculties/index.html", "North Shire AHP Faculty"},
		{"faculties/north-shire/index.html", "The faculty of North Shire."},
		{"faculties/north-shire/placements/index.html", "Ward rehabilitation"},
		{"faculties/north-shire/partners/index.html", "North Trust"},
		{"faculties/north-shire/stories/index.html", "Our first cohort"},
		{"faculties/north-shire/resources/index.html", "Educator guide"},
		{"faculties/north-shire/placements/ward-rehab/index.html", "Closes</dt><dd>20 December 2026"},
		{"faculties/north-shire/placements/ward-rehab/index.html", `href="/faculties/north-shire/partners/north-trust/"`},
		{"faculties/north-shire/partners/north-trust/index.html", "Placements hosted"},
		{"faculties/north-shire/stories/first-cohort/index.html", `src="/faculties/north-shire/stories/photo.png"`},
		{"faculties/north-shire/resources/guide/index.html", `href="/faculties/north-shire/resources/guide.pdf"`},
		{"regions/index.html", "Northmarch"},
		{"regions/northmarch/index.html", "North Shire"},
		{"professions/index.html", "Kinetic therapists"},
		{"professions/kinetic-therapists/index.html", "Ward rehabilitation"},
		{"placements/index.html", "Ward rehabilitation"},
		{"placements/setting/acute/index.html", "Ward rehabilitation"},
		{"placements/profession/kinetic-therapists/index.html", "Ward rehabilitation"},
		{"placements/closed/index.html", "Closed and withdrawn placements"},
		{"stories/index.html", "Our first cohort"},
		{"resources/index.html", "Educator guide"},
		{"about/index.html", `href="/faculties/north-shire/#who-we-are"`},
		{"404.html", "Page not found"},
		{"faculties/north-shire/stories/photo.png", "not really a png"},
		{"placements/closing.ics", "SUMMARY:Closes: Ward rehabilitation"},
		{"feed.xml", "Our first cohort"},
		{"faculties/north-shire/feed.xml", "<feed"},
		{"regions/northmarch/feed.xml", "<feed"},
		{"professions/kinetic-therapists/feed.xml", "<feed"},
		{"placements.json", "Ward rehabilitation"},
		{"placements.csv", "Ward rehabilitation"},
		{"faculties.json", "south-shire"},
		{"sitemap.xml", "https://example.org/faculties/north-shire/"},
		{"robots.txt", "Sitemap: https://example.org/sitemap.xml"},
	}
	for _, p := range pages {
		if got := read(t, dest, p.path); !strings.Contains(got, p.words) {
			t.Errorf("%s does not contain %q", p.path, p.words)
		}
	}
}

func TestClosedPlacementKeepsItsPage(t *testing.T) {
	_, dest, _ := buildSite(t, map[string]string{
		"content/faculties/north-shire/placements/ward-rehab.md": strings.Replace(
			read(t, "", filepath.Join(sitetestDir(t), "ward-rehab.md")), "closes: 2026-12-20", "closes: 2026-10-01", 1),
	})
	page := read(t, dest, "faculties/north-shire/placements/ward-rehab/index.html")
	if !strings.Contains(page, "This placement has closed.") {
		t.Error("closed placement page has no closed notice")
	}
	for _, p := range []string{"placements/index.html", "placements.json", "feed.xml", "placements/closing.ics"} {
		if strings.Contains(read(t, dest, p), "Ward rehabilitation") {
			t.Errorf("closed placement still listed in %s", p)
		}
	}
	if !strings.Contains(read(t, dest, "placements/closed/index.html"), "Ward rehabilitation") {
		t.Error("closed placement missing from /placements/closed/")
	}
}

// sitetestDir writes the valid site's placement to a folder so tests can
// edit its text.
func sitetestDir(t *testing.T) string {
	dir := t.TempDir()
	fsys := sitetest.Valid(t, nil)
	data := fsys["content/faculties/north-shire/placements/ward-rehab.md"].Data
	if err := os.WriteFile(filepath.Join(dir, "ward-rehab.md"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestTitlesAreEscapedEverywhere puts markup into a title and summary and
// reads the output as a browser and a feed reader would: the text shows
// as text everywhere, and no script or event handler appears.
func TestTitlesAreEscapedEverywhere(t *testing.T) {
	evil := "</title><script>alert(1)</script>"
	attr := `" onmouseover="alert(1)`
	_, dest, res := buildSite(t, map[string]string{
		"content/faculties/north-shire/stories/first-cohort.md": "---\ntitle: \"" + strings.ReplaceAll(evil, `"`, `\"`) +
			"\"\ndate: 2026-05-01\nsummary: '" + attr + "'\n---\nBody.\n",
	})
	if res.Failed() {
		t.Fatalf("build failed: %v", res.Diagnostics)
	}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch filepath.Ext(p) {
		case ".html":
			checkNoScript(t, p, b)
		case ".xml", ".json":
			if bytes.Contains(b, []byte("<script>")) {
				t.Errorf("%s carries <script> unescaped", p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	story := read(t, dest, "faculties/north-shire/stories/first-cohort/index.html")
	doc, err := html.Parse(strings.NewReader(story))
	if err != nil {
		t.Fatal(err)
	}
	if h1 := textOf(find(doc, "h1")); h1 != evil {
		t.Errorf("the story's heading reads %q, want the title as text %q", h1, evil)
	}
	if !strings.Contains(story, `\u003c/title\u003e\u003cscript\u003e`) {
		t.Error("JSON-LD does not carry the title escaped")
	}
	var feed struct {
		Entries []struct {
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(read(t, dest, "feed.xml")), &feed); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range feed.Entries {
		found = found || e.Title == evil
	}
	if !found {
		t.Errorf("feed entries %+v: want one titled %q as text", feed.Entries, evil)
	}
}

// checkNoScript fails if page has a script other than JSON-LD, a JSON-LD
// block that is not JSON, or an event-handler attribute.
func checkNoScript(t *testing.T, name string, page []byte) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(page))
	inLD, inStart := false, false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.TextToken:
			if inLD && !json.Valid(z.Text()) {
				t.Errorf("%s: JSON-LD is not valid JSON", name)
			}
			if inStart && !bytes.Contains(z.Text(), []byte("searchFiles")) {
				t.Errorf("%s: an inline script that is not the search client's start: %.80q", name, z.Text())
			}
		case html.EndTagToken:
			inLD, inStart = false, false
		case html.StartTagToken, html.SelfClosingTagToken:
			tag, more := z.TagName()
			typ, src := "", ""
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				if bytes.HasPrefix(k, []byte("on")) {
					t.Errorf("%s: <%s> has an event handler %s=%q", name, tag, k, v)
				}
				switch string(k) {
				case "type":
					typ = string(v)
				case "src":
					src = string(v)
				}
			}
			// The scripts allowed are the search client, from its file,
			// and on the search page the inline start of its first query.
			if string(tag) == "script" && !(typ == "module" && strings.Contains(src, "/search/search.")) {
				searchPage := strings.HasSuffix(filepath.ToSlash(name), "/search/index.html")
				switch {
				case typ == "" && src == "" && searchPage:
					inStart = true
				case typ == "application/json" && searchPage:
					inLD = true // the index's manifest, carried: valid JSON too
				case typ != "application/ld+json":
					t.Errorf("%s: a <script> of type %q", name, typ)
				default:
					inLD = true
				}
			}
		}
	}
}

func find(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, tag); f != nil {
			return f
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	if n == nil {
		return ""
	}
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

func treeHash(t *testing.T, dir string) string { return sitetest.TreeHash(t, dir) }

func TestBuildsAreByteIdentical(t *testing.T) {
	src := t.TempDir()
	if _, err := corpus.Write(src, corpus.Options{Scale: corpus.ScaleTiny, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	var hashes []string
	for i := range 2 {
		dest := filepath.Join(t.TempDir(), fmt.Sprint("public", i))
		res, err := Build(context.Background(), Options{Source: src, Dest: dest, Today: today})
		if err != nil || res.Failed() {
			t.Fatalf("build %d: %v %v", i, err, res.Diagnostics)
		}
		hashes = append(hashes, treeHash(t, dest))
	}
	if hashes[0] != hashes[1] {
		t.Errorf("two builds differ: %s vs %s", hashes[0], hashes[1])
	}
}

func TestFailedBuildLeavesPreviousSite(t *testing.T) {
	src, dest, res := buildSite(t, nil)
	if res.Failed() {
		t.Fatal(res.Diagnostics)
	}
	before := treeHash(t, dest)
	bad := filepath.Join(src, "content/faculties/north-shire/placements/ward-rehab.md")
	if err := os.WriteFile(bad, []byte("---\ntitle: Broken\ncapacity: lots\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{Source: src, Dest: dest, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Failed() {
		t.Fatal("a build with errors succeeded")
	}
	if after := treeHash(t, dest); after != before {
		t.Errorf("failed build changed %s", dest)
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("failed build left staging folders behind: %v", entries)
	}
}

func TestBrokenThemeLinkIsAnError(t *testing.T) {
	src := t.TempDir()
	sitetest.Write(t, src, sitetest.Valid(t, map[string]string{
		"layouts/page.html": `{{define "main"}}<h1>{{.Title}}</h1><a href="/nowhere/">x</a><a href="#missing">y</a>{{end}}`,
	}))
	res, err := Build(context.Background(), Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), Today: today})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, d := range res.Diagnostics {
		msgs = append(msgs, d.String())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		"content/about.md:1:1: error: page /about/ links to /nowhere/, which the build does not write",
		"content/about.md:1:1: error: page /about/ links to #missing, but it has no element with that id",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
}

// TestExportsOnGeneratedSite builds a generated tree and checks the
// machine-readable outputs as a consumer would: well-formed XML, valid
// iCalendar framing, and every open placement in the JSON and CSV.
func TestExportsOnGeneratedSite(t *testing.T) {
	src := t.TempDir()
	if _, err := corpus.Write(src, corpus.Options{Scale: corpus.ScaleSmall, Seed: 9}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Source: src, Dest: dest, Today: today})
	if err != nil || res.Failed() {
		t.Fatalf("%v %v", err, res.Diagnostics)
	}
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".xml") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		dec := xml.NewDecoder(f)
		for {
			if _, err := dec.Token(); err == io.EOF {
				return nil
			} else if err != nil {
				t.Errorf("%s is not well-formed XML: %v", p, err)
				return nil
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	var export struct {
		Count      int `json:"count"`
		Placements []struct {
			URL    string `json:"url"`
			Status string `json:"status"`
		} `json:"placements"`
	}
	if err := json.Unmarshal([]byte(read(t, dest, "placements.json")), &export); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(read(t, dest, "placements.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	finder := 0
	_ = filepath.WalkDir(filepath.Join(dest, "faculties"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(p, "/placements/") && strings.HasSuffix(p, "/index.html") && !strings.Contains(p, "/placements/index.html") && !strings.Contains(p, "/page/") {
			b, _ := os.ReadFile(p)
			if !bytes.Contains(b, []byte("This placement has closed.")) && !bytes.Contains(b, []byte("has been withdrawn.")) {
				finder++
			}
		}
		return err
	})
	if export.Count != finder || len(export.Placements) != finder || len(rows)-1 != finder {
		t.Errorf("open placements: %d pages, JSON count %d (%d listed), CSV %d rows", finder, export.Count, len(export.Placements), len(rows)-1)
	}
	ics := read(t, dest, "placements/closing.ics")
	if !strings.HasPrefix(ics, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(ics, "END:VCALENDAR\r\n") ||
		strings.Count(ics, "BEGIN:VEVENT") != strings.Count(ics, "END:VEVENT") || strings.Count(ics, "BEGIN:VEVENT") == 0 {
		t.Error("closing.ics is not a well-framed calendar")
	}
}

// TestShippedSiteBuilds builds the project's own content: the build's
// link check fails it if any internal link or anchor dangles.
func TestShippedSiteBuilds(t *testing.T) {
	res, err := Build(context.Background(), Options{Source: "../..", Dest: filepath.Join(t.TempDir(), "public"), Today: today})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if d.Code != "placement-closed" {
			t.Errorf("%s", d)
		}
	}
	if res.Pages < 200 {
		t.Errorf("only %d pages", res.Pages)
	}
}

// TestEveryEntryHasItsPage builds a generated tree and reads back, for
// every content file, the page made from it: it must exist with the
// file's own title as its heading, and every region and profession must
// have its hub page.
func TestEveryEntryHasItsPage(t *testing.T) {
	src := t.TempDir()
	if _, err := corpus.Write(src, corpus.Options{Scale: corpus.ScaleSmall, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Source: src, Dest: dest, Today: today, NoMinify: true})
	if err != nil || res.Failed() {
		t.Fatalf("%v %v", err, res.Diagnostics)
	}
	hub, _ := content.Load(os.DirFS(src))
	for _, d := range hub.Documents {
		if d.Kind == content.KindHome {
			continue
		}
		page := read(t, dest, outputPath(d.URL))
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		if h1 := textOf(find(doc, "h1")); h1 != d.Title {
			t.Errorf("%s: heading %q, want %q", d.URL, h1, d.Title)
		}
	}
	for _, r := range hub.Regions {
		if !strings.Contains(read(t, dest, "regions/"+r.Slug+"/index.html"), "<h1>"+r.Name+"</h1>") {
			t.Errorf("region %s has no page titled %q", r.Slug, r.Name)
		}
	}
	for _, p := range hub.Professions {
		if !strings.Contains(read(t, dest, "professions/"+p.Slug+"/index.html"), "<h1>"+p.Name+"</h1>") {
			t.Errorf("profession %s has no page titled %q", p.Slug, p.Name)
		}
	}
}

func TestRedirects(t *testing.T) {
	_, dest, res := buildSite(t, map[string]string{
		"content/_data/systems.yaml": "- slug: north-shire\n  name: North Shire\n  region: northmarch\n- slug: south-shire\n  name: South Shire\n  region: southmarch\n  successor: north-shire\n",
		"content/about.md":           "---\ntitle: About\naliases: [/about-us/]\n---\n## Who we are\n",
	})
	if res.Failed() {
		t.Fatal(res.Diagnostics)
	}
	redirects := read(t, dest, "_redirects")
	for _, want := range []string{"/faculties/south-shire/ /faculties/north-shire/ 301", "/about-us/ /about/ 301"} {
		if !strings.Contains(redirects, want) {
			t.Errorf("_redirects lacks %q:\n%s", want, redirects)
		}
	}
	if page := read(t, dest, "about-us/index.html"); !strings.Contains(page, `url=/about/`) {
		t.Error("the alias page does not send browsers on")
	}
}

// A clean build checks body links after rendering, from the outlines of
// the render's parse (check.Deferred). It must report what `check`
// reports, every problem at once, fail without touching the previous
// site, and leave a cache the next build can trust.
func TestBuildChecksBodyLinksLikeCheck(t *testing.T) {
	brokenBody := "---\ntitle: About\nsummary: What this is.\n---\n## Who we are\n\n" +
		"See [the north](faculties/north-shire/_index.md#nowhere), [a gap](faculties/gone.md),\n" +
		"![](faculties/north-shire/stories/photo.png) and [a script](javascript:alert(1)).\n"
	for _, tt := range []struct {
		name  string
		edits map[string]string
	}{
		{"body links only", map[string]string{"content/about.md": brokenBody}},
		{"body links and fields", map[string]string{
			"content/about.md": brokenBody,
			"content/faculties/north-shire/placements/ward-rehab.md": "---\ntitle: Broken\ncapacity: lots\n---\nSee [nothing](nothing.md).\n",
		}},
		{"a draft's links", map[string]string{
			"content/draft.md": "---\ntitle: Draft\nsummary: Not yet.\ndraft: true\n---\nSee [nothing](nothing.md#x).\n",
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := t.TempDir()
			sitetest.Write(t, src, sitetest.Valid(t, nil))
			dest := filepath.Join(t.TempDir(), "public")
			cacheDir := dest + ".cache"
			opts := Options{Source: src, Dest: dest, Today: today, CacheDir: cacheDir}
			if res, err := Build(context.Background(), opts); err != nil || res.Failed() {
				t.Fatalf("%v %v", err, res.Diagnostics)
			}
			before := treeHash(t, dest)
			sitetest.Write(t, src, sitetest.Valid(t, tt.edits))
			// Without the cache's outlines: every check waits for the render.
			if err := os.RemoveAll(cacheDir); err != nil {
				t.Fatal(err)
			}
			res, err := Build(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			_, _, want := check.Site(os.DirFS(src), today)
			if got, want := diagStrings(res.Diagnostics), diagStrings(want); got != want {
				t.Errorf("build reported\n%s\ncheck reports\n%s", got, want)
			}
			if !strings.Contains(diagStrings(res.Diagnostics), "does not exist") {
				t.Errorf("no broken link reported:\n%s", diagStrings(res.Diagnostics))
			}
			if treeHash(t, dest) != before {
				t.Errorf("the failed build changed %s", dest)
			}
			// The next build reads the check results the failed one
			// kept, and must find the same problems.
			again, err := Build(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := diagStrings(again.Diagnostics); got != diagStrings(want) {
				t.Errorf("a build from the cache reported\n%s\nwant\n%s", got, diagStrings(want))
			}
			// The preview shows the same.
			_, pres, err := NewPreview(context.Background(), Options{Source: src, Today: today, Cache: NewCache()}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := diagStrings(pres.Diagnostics); got != diagStrings(want) {
				t.Errorf("the preview reported\n%s\nwant\n%s", got, diagStrings(want))
			}
		})
	}
}

func diagStrings(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		fmt.Fprintln(&b, d.String())
	}
	return b.String()
}
