package feeds

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

// parsedFeed is what a feed reader would see of an Atom document.
type parsedFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []parsedEntry `xml:"entry"`
}

type parsedEntry struct {
	ID      string `xml:"id"`
	Title   string `xml:"title"`
	Updated string `xml:"updated"`
	Link    struct {
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Summary struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	} `xml:"summary"`
	Categories []struct {
		Term string `xml:"term,attr"`
	} `xml:"category"`
}

// wellFormed fails unless doc is well-formed XML from start to end.
func wellFormed(t *testing.T, doc []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, doc)
		}
	}
}

func TestAtomGolden(t *testing.T) {
	out := render(t, func(b *bytes.Buffer) error { return Atom(b, sampleFeed()) })
	golden(t, "feed.atom", out)
}

func TestAtomRoundTrip(t *testing.T) {
	f := sampleFeed()
	f.Entries = append(f.Entries, Entry{
		ID: "tag:hub.example.org,2026:ctl", URL: "https://hub.example.org/x/?a=1&b=2",
		Title: "control\x00chars\x0bhere & <b>", Updated: day("2025-06-01"),
	})
	out := render(t, func(b *bytes.Buffer) error { return Atom(b, f) })
	wellFormed(t, out)
	if bytes.Contains(out, []byte(hostile)) {
		t.Errorf("the feed carries %s unescaped", hostile)
	}
	var got parsedFeed
	if err := xml.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if got.ID != f.Self || got.Title != f.Title || got.Author.Name != "Faculty Hub" {
		t.Errorf("feed head = %q %q %q", got.ID, got.Title, got.Author.Name)
	}
	rels := []string{got.Links[0].Rel + " " + got.Links[0].Href, got.Links[1].Rel + " " + got.Links[1].Href}
	if want := []string{"self " + f.Self, "alternate " + f.Link}; !slices.Equal(rels, want) {
		t.Errorf("links = %q, want %q", rels, want)
	}
	if len(got.Entries) != len(f.Entries) {
		t.Fatalf("%d entries, want %d", len(got.Entries), len(f.Entries))
	}
	for i, e := range got.Entries {
		want := f.Entries[i]
		if i == len(got.Entries)-1 {
			want.Title = "control\uFFFDchars\uFFFDhere & <b>"
		}
		if e.Title != want.Title || e.Link.Href != want.URL || e.Summary.Text != want.Summary {
			t.Errorf("entry %d = %q %q %q, want %q %q %q", i, e.Title, e.Link.Href, e.Summary.Text, want.Title, want.URL, want.Summary)
		}
		var terms, wantTerms []string
		for _, c := range e.Categories {
			terms = append(terms, c.Term)
		}
		for _, c := range want.Categories {
			wantTerms = append(wantTerms, c.Term)
		}
		if !slices.Equal(terms, wantTerms) {
			t.Errorf("entry %d categories = %q, want %q", i, terms, wantTerms)
		}
		if e.ID == "" || e.Updated == "" {
			t.Errorf("entry %d lacks id or updated", i)
		}
		if want.Summary != "" && e.Summary.Type != "text" {
			t.Errorf("entry %d summary type = %q", i, e.Summary.Type)
		}
	}
	if !slices.ContainsFunc(got.Entries, func(e parsedEntry) bool { return e.Title == hostile }) {
		t.Errorf("no entry title reads %q back", hostile)
	}
}

func TestAtomUpdated(t *testing.T) {
	a := Entry{URL: "https://hub.example.org/a/", Title: "A", Published: day("2026-01-01"), Updated: day("2026-01-05")}
	b := Entry{URL: "https://hub.example.org/b/", Title: "B", Published: day("2026-01-03")}
	tests := []struct {
		name    string
		updated time.Time
		entries []Entry
		want    string
	}{
		{"newest entry", time.Time{}, []Entry{a, b}, "2026-01-05T00:00:00Z"},
		{"published when not updated", time.Time{}, []Entry{b}, "2026-01-03T00:00:00Z"},
		{"given date later", day("2026-02-01"), []Entry{a}, "2026-02-01T00:00:00Z"},
		{"given date earlier", day("2025-02-01"), []Entry{a}, "2026-01-05T00:00:00Z"},
		{"no entries, in UTC", time.Date(2026, 6, 1, 12, 0, 0, 0, time.FixedZone("BST", 3600)), nil, "2026-06-01T11:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Feed{Title: "Feed", Self: "https://hub.example.org/feed.xml", Author: Person{Name: "Hub"},
				Updated: tt.updated, Entries: tt.entries}
			var got parsedFeed
			if err := xml.Unmarshal(render(t, func(w *bytes.Buffer) error { return Atom(w, f) }), &got); err != nil {
				t.Fatal(err)
			}
			if got.Updated != tt.want {
				t.Errorf("updated = %s, want %s", got.Updated, tt.want)
			}
		})
	}
}

func TestAtomErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Feed)
		want string
	}{
		{"no date at all", func(f *Feed) { f.Entries = nil }, "no entries and no Updated date"},
		{"no title", func(f *Feed) { f.Title = "" }, "feed needs a title"},
		{"no id", func(f *Feed) { f.Self = "" }, "needs an ID or a Self URL"},
		{"no author", func(f *Feed) { f.Author = Person{Email: "x@example.org"} }, "needs an author"},
		{"entry without date", func(f *Feed) { f.Entries[0].Published, f.Entries[0].Updated = time.Time{}, time.Time{} }, "needs an Updated or Published date"},
		{"entry without URL", func(f *Feed) { f.Entries[0].URL = "" }, "needs a URL"},
		{"entry without title", func(f *Feed) { f.Entries[0].Title = "" }, "needs a title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := sampleFeed()
			tt.edit(&f)
			err := Atom(io.Discard, f)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// latest returns the entries Latest picks, in its order.
func latest(entries []Entry, n int) []Entry {
	var out []Entry
	for _, i := range Latest(entries, n) {
		out = append(out, entries[i])
	}
	return out
}

func TestLatest(t *testing.T) {
	e := func(url, date string) Entry { return Entry{URL: url, Updated: day(date)} }
	input := []Entry{e("/b", "2026-01-01"), e("/a", "2026-01-01"), e("/c", "2026-03-01"), {URL: "/d", Published: day("2026-02-01")}}
	tests := []struct {
		name string
		n    int
		want []string
	}{
		{"all, newest first, ties by URL", 10, []string{"/c", "/d", "/a", "/b"}},
		{"limited", 2, []string{"/c", "/d"}},
		{"none", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range latest(input, tt.n) {
				got = append(got, e.URL)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Latest = %q, want %q", got, tt.want)
			}
		})
	}
	if input[0].URL != "/b" {
		t.Error("Latest reordered its input")
	}
}

// TestLatestIsTheSortedHead compares Latest with sorting every entry, on
// many entries sharing few dates, in a scrambled order.
func TestLatestIsTheSortedHead(t *testing.T) {
	var input []Entry
	for i := range 500 {
		d := day("2026-01-01").AddDate(0, 0, (i*7919)%13)
		if i%3 == 0 {
			input = append(input, Entry{URL: fmt.Sprintf("/p%03d", (i*389)%500), Published: d})
		} else {
			input = append(input, Entry{URL: fmt.Sprintf("/p%03d", (i*389)%500), Updated: d})
		}
	}
	sorted := slices.Clone(input)
	slices.SortFunc(sorted, func(a, b Entry) int {
		return cmp.Or(b.date().Compare(a.date()), cmp.Compare(a.URL, b.URL))
	})
	for _, n := range []int{1, 20, 499, 500, 600} {
		got := latest(input, n)
		if want := sorted[:min(n, len(sorted))]; !slices.EqualFunc(got, want, func(a, b Entry) bool { return a.URL == b.URL }) {
			t.Errorf("latest(%d) differs from the head of the sorted entries", n)
		}
	}
}
