package feeds

import (
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"
)

// Feed is an Atom feed: the site's, or one faculty's, region's or
// profession's.
type Feed struct {
	// ID is the feed's permanent identifier; empty means Self.
	ID       string
	Title    string
	Subtitle string
	// Self is the absolute URL of the feed file itself (rel=self).
	Self string
	// Link is the absolute URL of the HTML page the feed mirrors
	// (rel=alternate).
	Link string
	// Updated is the feed's date when it is later than every entry's, and
	// the only date of a feed without entries. Leave it zero to date the
	// feed by its newest entry, so that a rebuild on another day changes
	// nothing.
	Updated time.Time
	// Author is the feed's author, which Atom requires; an entry without
	// an author of its own inherits it.
	Author Person
	// Entries are written in the order given; see Latest.
	Entries []Entry
}

// Person is an Atom author.
type Person struct{ Name, Email, URI string }

// Entry is one item of a Feed: a story, a resource or a placement.
type Entry struct {
	// ID is the entry's permanent identifier (a tag: URI or the absolute
	// URL); empty means URL.
	ID    string
	Title string
	// URL is the absolute URL of the entry's page. Atom requires it: an
	// entry without content must link to one.
	URL string
	// Published is optional. Updated defaults to Published when zero.
	Published time.Time
	Updated   time.Time
	// Summary is plain text, written as <summary type="text">.
	Summary string
	// Author is optional; the feed's author stands for it when empty.
	Author     Person
	Categories []Category
}

// Category is an Atom category of an entry, such as a profession.
type Category struct {
	// Term is the machine value, e.g. a slug; Label is what people read.
	Term, Label string
}

// date is the entry's updated date: Updated, or Published when unset.
func (e Entry) date() time.Time {
	if e.Updated.IsZero() {
		return e.Published
	}
	return e.Updated
}

// Latest returns the indices of at most n entries, newest first, ties
// broken by URL so the order never depends on the input's. It reads only
// their dates and URLs, so a caller can make the rest of the n it keeps
// alone. It keeps the n newest as it goes instead of sorting every
// entry: the national feed picks twenty of fifteen thousand.
func Latest(entries []Entry, n int) []int {
	if n <= 0 {
		return nil
	}
	before := func(a, b *Entry) bool {
		if c := b.date().Compare(a.date()); c != 0 {
			return c < 0
		}
		return a.URL < b.URL
	}
	top := make([]int, 0, min(n, len(entries))+1)
	for i := range entries {
		e := &entries[i]
		if len(top) == n && !before(e, &entries[top[n-1]]) {
			continue
		}
		at := len(top)
		for at > 0 && before(e, &entries[top[at-1]]) {
			at--
		}
		top = slices.Insert(top, at, i)
		if len(top) > n {
			top = top[:n]
		}
	}
	return top
}

type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle,omitempty"`
	Links     []atomLink  `xml:"link"`
	Updated   string      `xml:"updated"`
	Author    *atomPerson `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name  string `xml:"name"`
	Email string `xml:"email,omitempty"`
	URI   string `xml:"uri,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Link       atomLink       `xml:"link"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Author     *atomPerson    `xml:"author"`
	Summary    *atomText      `xml:"summary"`
	Categories []atomCategory `xml:"category"`
}

// Atom writes f as an Atom 1.0 document (RFC 4287). The feed's updated date
// is the later of f.Updated and its newest entry's, never the clock. All
// text is XML-escaped, and characters XML cannot carry become U+FFFD, so the
// output is well-formed whatever the input.
func Atom(w io.Writer, f Feed) error {
	doc, err := atomDocument(f)
	if err != nil {
		return fmt.Errorf("atom %s: %w", f.Self, err)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("atom %s: %w", f.Self, err)
	}
	_, err = io.WriteString(w, "\n")
	return err
}

func atomDocument(f Feed) (*atomFeed, error) {
	doc := &atomFeed{
		ID:        cmp.Or(f.ID, f.Self),
		Title:     f.Title,
		Subtitle:  f.Subtitle,
		Author:    atomAuthor(f.Author),
		Generator: "Faculty Hub",
	}
	switch {
	case doc.ID == "":
		return nil, errors.New("feed needs an ID or a Self URL")
	case f.Title == "":
		return nil, errors.New("feed needs a title")
	case doc.Author == nil:
		return nil, errors.New("feed needs an author name")
	}
	if f.Self != "" {
		doc.Links = append(doc.Links, atomLink{Rel: "self", Type: "application/atom+xml", Href: f.Self})
	}
	if f.Link != "" {
		doc.Links = append(doc.Links, atomLink{Rel: "alternate", Type: "text/html", Href: f.Link})
	}
	updated := f.Updated
	for _, e := range f.Entries {
		entry, err := atomEntryOf(e)
		if err != nil {
			return nil, err
		}
		doc.Entries = append(doc.Entries, entry)
		if e.date().After(updated) {
			updated = e.date()
		}
	}
	if updated.IsZero() {
		return nil, errors.New("feed has no entries and no Updated date")
	}
	doc.Updated = atomDate(updated)
	return doc, nil
}

func atomEntryOf(e Entry) (atomEntry, error) {
	id := cmp.Or(e.ID, e.URL)
	switch {
	case e.URL == "":
		return atomEntry{}, fmt.Errorf("entry %q needs a URL", e.Title)
	case e.Title == "":
		return atomEntry{}, fmt.Errorf("entry %s needs a title", id)
	case e.date().IsZero():
		return atomEntry{}, fmt.Errorf("entry %s needs an Updated or Published date", id)
	}
	entry := atomEntry{
		ID:      id,
		Title:   e.Title,
		Link:    atomLink{Rel: "alternate", Type: "text/html", Href: e.URL},
		Updated: atomDate(e.date()),
		Author:  atomAuthor(e.Author),
	}
	if !e.Published.IsZero() {
		entry.Published = atomDate(e.Published)
	}
	if e.Summary != "" {
		entry.Summary = &atomText{Type: "text", Text: e.Summary}
	}
	for _, c := range e.Categories {
		entry.Categories = append(entry.Categories, atomCategory{Term: c.Term, Label: c.Label})
	}
	return entry, nil
}

func atomAuthor(p Person) *atomPerson {
	if p.Name == "" {
		return nil
	}
	return &atomPerson{Name: p.Name, Email: p.Email, URI: p.URI}
}

// atomDate is RFC 3339 in UTC, the form Atom's date constructs require.
func atomDate(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}
