package feeds

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// hostile is a title that must never reach a page or a feed unescaped.
const hostile = "<script>alert(1)</script>"

// generated is the fixed "today" of every fixture.
var generated = time.Date(2026, 1, 15, 9, 30, 0, 0, time.UTC)

// golden compares got with testdata/name, or rewrites the file under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\ngot:\n%s", path, got)
	}
}

// render runs a writer into a buffer and fails the test on error.
func render(t testing.TB, write func(*bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// samplePlacements covers the awkward cases: markup in a title, CSV and
// iCalendar specials, long non-ASCII text, formula-looking cells and empty
// lists. They are deliberately not in URL order.
func samplePlacements() []PlacementRecord {
	return []PlacementRecord{
		{
			URL:   "https://hub.example.org/faculties/nel/placements/community-msk/",
			Title: "Community MSK physiotherapy", Summary: "Eight weeks with the community musculoskeletal team.",
			Faculty: "North East London AHP Faculty", System: "nel", Region: "london", Host: "Barts Health NHS Trust",
			Professions: []string{"physiotherapists"}, Setting: "community", Models: []string{"traditional", "peer-assisted"},
			Level: "level-5", DurationWeeks: 8, HoursPerWeek: 37.5, Starts: []string{"2026-03-02", "2026-09-07"},
			Closes: "2026-02-01", Capacity: 4, Town: "Stratford", Postcode: "E15 1AA", Route: "hei-allocation",
			Apply: "https://hub.example.org/apply", HEI: "University of East London", Support: []string{"travel"}, Status: "open",
		},
		{
			URL:   "https://hub.example.org/faculties/cumbria/placements/a-script/",
			Title: hostile, Summary: "Ward round; rehab, discharge \\ follow-up.\nSecond line: café, naïve, Œuvre — “quoted” ✓ " +
				strings.Repeat("Ünïcödé ", 8),
			Faculty: "Lancashire & South Cumbria", System: "lsc", Region: "north-west", Host: "Host \"quoted\", Ltd",
			Professions: []string{"occupational-therapists", "paramedics"}, Setting: "acute",
			DurationWeeks: 6, HoursPerWeek: 30, Closes: "2026-02-01", Capacity: 1, Status: "open",
		},
		{
			URL:   "https://hub.example.org/faculties/bnssg/placements/formula/",
			Title: "=HYPERLINK(\"http://evil.example\",\"click\")", Summary: "+44 20 7946 0000",
			Faculty: "@faculty", System: "bnssg", Region: "south-west", Host: "-2+3",
			Professions: []string{"=1+1", "dietitians"}, Setting: "\tprimary-care", Town: "\rBristol",
			Closes: "2026-03-31", Status: "full",
		},
	}
}

// manyPlacements is a national-scale set for benchmarks.
func manyPlacements(n int) []PlacementRecord {
	ps := make([]PlacementRecord, n)
	base := samplePlacements()[0]
	for i := range ps {
		p := base
		p.URL = fmt.Sprintf("https://hub.example.org/faculties/s%02d/placements/p%05d/", i%42, i)
		p.Title = fmt.Sprintf("Placement %d: physiotherapy, community; rehab", i)
		p.Closes = day("2026-01-01").AddDate(0, 0, i%365).Format(time.DateOnly)
		ps[i] = p
	}
	return ps
}

// closingsOf maps placement records onto calendar closings as the build does.
func closingsOf(ps []PlacementRecord) []Closing {
	cs := make([]Closing, len(ps))
	for i, p := range ps {
		cs[i] = Closing{URL: p.URL, Title: p.Title, Description: p.Summary + "\nHost: " + p.Host, Date: day(p.Closes)}
	}
	return cs
}

// entriesOf maps placement records onto feed entries.
func entriesOf(ps []PlacementRecord) []Entry {
	es := make([]Entry, len(ps))
	for i, p := range ps {
		es[i] = Entry{URL: p.URL, Title: p.Title, Summary: p.Summary,
			Published: day(p.Closes).AddDate(0, -1, 0), Updated: day(p.Closes).AddDate(0, 0, -7)}
		for _, prof := range p.Professions {
			es[i].Categories = append(es[i].Categories, Category{Term: prof})
		}
	}
	return es
}

func sampleFeed() Feed {
	return Feed{
		Title:    "Placements — Faculty Hub",
		Subtitle: "New & updated AHP placement opportunities",
		Self:     "https://hub.example.org/placements/feed.xml",
		Link:     "https://hub.example.org/placements/",
		Author:   Person{Name: "Faculty Hub", URI: "https://hub.example.org/"},
		Entries:  latest(entriesOf(samplePlacements()), 20),
	}
}
