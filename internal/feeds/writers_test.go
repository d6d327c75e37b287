package feeds

import (
	"bytes"
	"slices"
	"testing"
)

// writerCase is one writer bound to its sample input.
type writerCase struct {
	name   string
	markup bool // HTML could be fooled by raw markup in this file
	write  func(*bytes.Buffer) error
}

// writers binds every writer to the sample input, given in its order or
// reversed, as the build would call them.
func writers(reverse bool) []writerCase {
	order := func(n int) []int {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		if reverse {
			slices.Reverse(idx)
		}
		return idx
	}
	pick := func(ps []PlacementRecord) []PlacementRecord {
		out := make([]PlacementRecord, 0, len(ps))
		for _, i := range order(len(ps)) {
			out = append(out, ps[i])
		}
		return out
	}
	feed := sampleFeed()
	feed.Entries = latest(entriesOf(pick(samplePlacements())), 20)
	cal := sampleCalendar()
	cal.Closings = closingsOf(pick(samplePlacements()))
	sitemap := append(sampleSitemap(), SitemapURL{Loc: "https://hub.example.org/" + hostile + "/"})
	faculties := sampleFaculties()
	redirects := []Redirect{{"/b/", "/c/"}, {"/a/", "/c/"}}
	if reverse {
		slices.Reverse(sitemap)
		slices.Reverse(faculties)
		slices.Reverse(redirects)
	}
	return []writerCase{
		{"atom", true, func(b *bytes.Buffer) error { return Atom(b, feed) }},
		{"calendar", false, func(b *bytes.Buffer) error { return Calendar(b, cal) }},
		{"placements.json", true, func(b *bytes.Buffer) error { return PlacementsJSON(b, generated, pick(samplePlacements())) }},
		{"placements.csv", false, func(b *bytes.Buffer) error { return PlacementsCSV(b, pick(samplePlacements())) }},
		{"faculties.json", true, func(b *bytes.Buffer) error { return FacultiesJSON(b, generated, faculties) }},
		{"sitemap", true, func(b *bytes.Buffer) error { return Sitemap(b, sitemap) }},
		{"redirects", false, func(b *bytes.Buffer) error { return Redirects(b, redirects) }},
	}
}

// TestDeterministic: two runs write the same bytes, whatever the order of
// the input.
func TestDeterministic(t *testing.T) {
	again, reversed := writers(false), writers(true)
	for i, w := range writers(false) {
		t.Run(w.name, func(t *testing.T) {
			first := render(t, w.write)
			if second := render(t, again[i].write); !bytes.Equal(first, second) {
				t.Errorf("two runs differ:\n%s\n---\n%s", first, second)
			}
			if other := render(t, reversed[i].write); !bytes.Equal(first, other) {
				t.Errorf("the input's order changes the output:\n%s\n---\n%s", first, other)
			}
		})
	}
}

// TestMarkupEscaped: the hostile title never reaches a file that a browser
// or an HTML-embedding client could treat as markup. The plain-text formats
// carry it verbatim, which their round-trip tests check.
func TestMarkupEscaped(t *testing.T) {
	for _, w := range writers(false) {
		if !w.markup {
			continue
		}
		t.Run(w.name, func(t *testing.T) {
			out := render(t, w.write)
			if bytes.Contains(out, []byte("<script")) {
				t.Errorf("%s carries <script unescaped", w.name)
			}
		})
	}
}
