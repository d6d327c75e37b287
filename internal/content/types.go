package content

import (
	"time"
	"unique"
)

// Document is what every content file has, whatever its kind.
type Document struct {
	// Path is slash-separated and relative to the source root, e.g.
	// content/faculties/x/placements/y.md.
	Path string
	Kind Kind
	// URL is the page's path on the site, e.g. /faculties/x/placements/y/.
	URL string
	// System is the faculty folder that owns the file; empty for national
	// content.
	System string
	Slug   string

	Title   string
	Summary string
	Draft   bool
	Aliases []string

	// fields holds every decoded front-matter value with its position:
	// see Front.
	fields Fields
	// FrontLine is the line of the opening front-matter delimiter, or 0
	// when the file has no front matter.
	FrontLine int
	Body      []byte
	BodyLine  int
	// Broken is true when the file could not be read or its front matter
	// could not be parsed; later rules skip it.
	Broken bool
	// Sum is the SHA-256 of the file's bytes: what a build cache keys the
	// pages made from it by. FrontSum is the SHA-256 of the bytes before
	// the body — the front matter — which is all that feeds and exports
	// read of a document.
	Sum, FrontSum [32]byte
	// lazy, when set, reads Body on first use: a document the build
	// cache trusted without reading its file (see Cache).
	lazy *lazyBody
	// front, when set, decodes fields on first use: a document read
	// back from the build cache (DecodeCache).
	front *lazyFront
}

// Front returns every decoded front-matter value of the document with
// its position, which checks report problems at; the typed structs
// (Placement and the others) hold the values for everything else. A
// document read back from the build cache decodes them now, once. After
// Hub.DropPositions it returns nil.
func (d *Document) Front() Fields {
	if d.front == nil {
		return d.fields
	}
	return d.front.get()
}

// Text returns the document's Markdown body. A document loaded from the
// build cache without reading its file reads it now, once.
func (d *Document) Text() []byte {
	if d.lazy == nil {
		return d.Body
	}
	return d.lazy.get()
}

// Person is someone named on a page.
type Person struct{ Name, Role, Email string }

// Faculty is a system's AHP faculty: content/faculties/<system>/_index.md.
type Faculty struct {
	*Document
	Status        string
	Demonstration bool
	Established   time.Time
	Lead          Person
	Contact       string
	Website       string
	Professions   []string
	Priorities    []string
	Reviewed      time.Time
	Maintainers   []string
}

// Partner is an organisation working with a faculty.
type Partner struct {
	*Document
	Sector      string
	Website     string
	Professions []string
}

// Image is a picture with its text alternative.
type Image struct{ Src, Alt string }

// Story is a showcase story, a faculty's or national.
type Story struct {
	*Document
	Date        time.Time
	Author      string
	Themes      []string
	Professions []string
	Image       Image
}

// Resource is a piece of guidance, a toolkit, a template and so on.
type Resource struct {
	*Document
	Format      string
	Date        time.Time
	Link        string
	Themes      []string
	Professions []string
	Audience    []string
	Reviewed    time.Time
	Licence     string
}

// Location is where a placement happens.
type Location struct{ Town, Postcode string }

// Placement is a student placement opportunity offered through a faculty.
type Placement struct {
	*Document
	Host          string
	Professions   []string
	Setting       string
	Models        []string
	Level         string
	DurationWeeks int
	HoursPerWeek  float64
	Starts        []time.Time
	Closes        time.Time
	Capacity      int
	Location      Location
	Route         string
	Apply         string
	HEI           string
	Support       []string
	Requirements  []string
	// Status is the status written in front matter, if any; see
	// EffectiveStatus for the one that applies on a given day.
	Status string
	// Date is when the placement was first advertised, if given.
	Date time.Time
}

// Page is a plain page, or the home page.
type Page struct {
	*Document
	Date     time.Time
	Reviewed time.Time
}

// EffectiveStatus is the placement's status on the given day: the written
// status if any, otherwise closed after its closing date, otherwise open.
func (p *Placement) EffectiveStatus(today time.Time) string {
	if p.Status != "" {
		return p.Status
	}
	if !p.Closes.IsZero() && p.Closes.Before(today) {
		return "closed"
	}
	return "open"
}

// slugFields reads a document's fields for its typed entity, the values
// of vocabularies interned: every placement's "community-hub" is then
// one string, so the facets, cards and indexes that group twenty
// thousand entries by these values hash and compare bytes that stay in
// the processor's cache instead of twenty thousand copies scattered
// over the heap.
type slugFields struct{ Fields }

func (f slugFields) slug(key string) string { return unique.Make(f.String(key)).Value() }

func (f slugFields) slugs(key string) []string {
	list := f.List(key)
	if len(list) == 0 {
		return list
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = unique.Make(s).Value()
	}
	return out
}

func newTyped(doc *Document) any {
	f := slugFields{doc.Front()}
	switch doc.Kind {
	case KindFaculty:
		lead := f.Object("lead")
		return &Faculty{Document: doc, Status: f.slug("status"), Demonstration: f.Bool("demonstration"),
			Established: f.Date("established"),
			Lead:        Person{Name: lead.String("name"), Role: lead.String("role"), Email: lead.String("email")},
			Contact:     f.String("contact"), Website: f.String("website"),
			Professions: f.slugs("professions"), Priorities: f.slugs("priorities"),
			Reviewed: f.Date("reviewed"), Maintainers: f.List("maintainers")}
	case KindPartner:
		return &Partner{Document: doc, Sector: f.slug("sector"), Website: f.String("website"), Professions: f.slugs("professions")}
	case KindStory:
		img := f.Object("image")
		return &Story{Document: doc, Date: f.Date("date"), Author: f.String("author"), Themes: f.slugs("themes"),
			Professions: f.slugs("professions"), Image: Image{Src: img.String("src"), Alt: img.String("alt")}}
	case KindResource:
		return &Resource{Document: doc, Format: f.slug("format"), Date: f.Date("date"), Link: f.String("link"),
			Themes: f.slugs("themes"), Professions: f.slugs("professions"), Audience: f.slugs("audience"),
			Reviewed: f.Date("reviewed"), Licence: f.String("licence")}
	case KindPlacement:
		loc := f.Object("location")
		return &Placement{Document: doc, Host: f.slug("host"), Professions: f.slugs("professions"),
			Setting: f.slug("setting"), Models: f.slugs("model"), Level: f.String("level"),
			DurationWeeks: f.Int("duration_weeks"), HoursPerWeek: f.Float("hours_per_week"),
			Starts: f.Dates("starts"), Closes: f.Date("closes"), Capacity: f.Int("capacity"),
			Location: Location{Town: loc.String("town"), Postcode: loc.String("postcode")},
			Route:    f.slug("route"), Apply: f.String("apply"), HEI: f.String("hei"),
			Support: f.slugs("support"), Requirements: f.List("requirements"), Status: f.slug("status"),
			Date: f.Date("date")}
	}
	return &Page{Document: doc, Date: f.Date("date"), Reviewed: f.Date("reviewed")}
}
