package render

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/site"
)

// An entry page's layout reads its entity from Page.Entry: the facts it
// shows, made ready in Go when the page is rendered (labels looked up,
// lists joined, dates formatted, URLs given the base path), in flat
// structs. Page.Data still holds the entity itself, for layouts of a
// site's own that want more.
//
// It is for speed, at national scale (fifteen thousand entry pages):
// every function a template calls is a reflective call, and every field
// it reads through an embedded struct (site.Placement → content.Placement
// → content.Document) a breadth-first search of the struct's fields.
// Flat fields are read directly. Markup stays in the layouts.

// PlacementEntry is what placement.html shows of a placement.
type PlacementEntry struct {
	// State is open, full, closed or withdrawn on the build date; the
	// three booleans say which of the last three it is.
	State                   string
	Full, Closed, Withdrawn bool
	Summary                 string
	// Setting is the setting's label.
	Setting string
	// Professions are the professions' labels, and ProfessionList the
	// same joined with commas.
	Professions    []string
	ProfessionList string
	Faculty        Link
	// Host is the host partner, if known.
	Host *Link
	// Models, Support: labels joined with commas, empty if none.
	Models, Support string
	Level           string
	// Length is "N weeks" with ", H hours a week" when both are known;
	// empty without a duration.
	Length string
	// Starts lists the start dates, formatted and joined with commas.
	Starts string
	// Closes is the closing date, formatted; empty if none.
	Closes   string
	Capacity int
	Location struct{ Town, Postcode string }
	// Route is the route's slug, RouteLabel its label.
	Route, RouteLabel string
	HEI               string
	// Apply is the apply address as written; ApplyURL the link to it
	// (mailto: for an email address) and ApplyByEmail whether it is one.
	Apply, ApplyURL string
	ApplyByEmail    bool
	Requirements    []string
}

// ResourceEntry is what resource.html shows of a resource.
type ResourceEntry struct {
	Summary string
	// Format is the format's label.
	Format string
	// Link is the resource's URL, or its file's, when it has one.
	Link    string
	Faculty *Link
	// Date and Reviewed are formatted; empty when unknown.
	Date, Reviewed string
	// Audience, Themes and Professions are labels.
	Audience, Themes, Professions []string
	Licence                       string
}

// StoryEntry is what story.html shows of a story.
type StoryEntry struct {
	Summary string
	// Date is the long form, ISODate YYYY-MM-DD.
	Date, ISODate string
	Author        string
	Faculty       *Link
	// Image is the image's URL and text alternative; Src is empty when
	// there is no image.
	Image struct{ Src, Alt string }
	// Themes and Professions are labels.
	Themes, Professions []string
}

// PartnerEntry is what partner.html shows of a partner.
type PartnerEntry struct {
	Summary string
	// Sector is the sector's label.
	Sector  string
	Faculty Link
	Website string
	// Professions are labels.
	Professions []string
}

// entry makes the Page.Entry of an entity, or nil for pages that have
// none.
func (r *Renderer) entry(data any) any {
	switch d := data.(type) {
	case *site.Placement:
		return r.placementEntry(d)
	case *site.Resource:
		return r.resourceEntry(d)
	case *site.Story:
		return r.storyEntry(d)
	case *site.Partner:
		return r.partnerEntry(d)
	}
	return nil
}

func (r *Renderer) placementEntry(p *site.Placement) *PlacementEntry {
	s := r.site
	e := &PlacementEntry{
		State: p.State, Summary: p.Summary, Setting: s.Label("setting", p.Setting),
		Professions: r.labels("professions", p.Professions),
		Faculty:     Link{p.Faculty.Title, r.rel(p.Faculty.URL)},
		Models:      strings.Join(r.labels("model", p.Models), ", "),
		Support:     strings.Join(r.labels("support", p.Support), ", "),
		Level:       p.Level, Closes: dateOrEmpty(p.Closes), Capacity: p.Capacity,
		Route: p.Route, HEI: p.HEI, Apply: p.Apply, Requirements: p.Requirements,
	}
	e.Full, e.Closed, e.Withdrawn = p.State == "full", p.State == "closed", p.State == "withdrawn"
	e.ProfessionList = strings.Join(e.Professions, ", ")
	if p.Host != nil {
		e.Host = &Link{p.Host.Title, r.rel(p.Host.URL)}
	}
	if p.DurationWeeks != 0 {
		e.Length = plural(p.DurationWeeks, "week")
		if p.HoursPerWeek != 0 {
			e.Length += fmt.Sprintf(", %v hours a week", p.HoursPerWeek)
		}
	}
	starts := make([]string, len(p.Starts))
	for i, d := range p.Starts {
		starts[i] = longDate(d)
	}
	e.Starts = strings.Join(starts, ", ")
	e.Location.Town, e.Location.Postcode = p.Location.Town, p.Location.Postcode
	if p.Route != "" {
		e.RouteLabel = s.Label("route", p.Route)
	}
	if p.Apply != "" {
		e.ApplyURL, e.ApplyByEmail = mailto(p.Apply), isEmail(p.Apply)
	}
	return e
}

func (r *Renderer) resourceEntry(res *site.Resource) *ResourceEntry {
	e := &ResourceEntry{
		Summary: res.Summary, Format: r.site.Label("format", res.Format), Link: res.Link,
		Date: dateOrEmpty(res.Date), Reviewed: dateOrEmpty(res.Reviewed),
		Audience: r.labels("audience", res.Audience), Themes: r.labels("themes", res.Themes),
		Professions: r.labels("professions", res.Professions), Licence: res.Licence,
	}
	if res.Link != "" && res.File != "" {
		e.Link = r.rel(res.File)
	}
	if res.Faculty != nil {
		e.Faculty = &Link{res.Faculty.Title, r.rel(res.Faculty.URL)}
	}
	return e
}

func (r *Renderer) storyEntry(st *site.Story) *StoryEntry {
	e := &StoryEntry{
		Summary: st.Summary, Date: longDate(st.Date), ISODate: st.Date.Format(time.DateOnly), Author: st.Author,
		Themes: r.labels("themes", st.Themes), Professions: r.labels("professions", st.Professions),
	}
	if st.Faculty != nil {
		e.Faculty = &Link{st.Faculty.Title, r.rel(st.Faculty.URL)}
	}
	if st.Image.Src != "" {
		e.Image.Src, e.Image.Alt = r.fileURL(st.Path, st.Image.Src), st.Image.Alt
	}
	return e
}

func (r *Renderer) partnerEntry(p *site.Partner) *PartnerEntry {
	return &PartnerEntry{
		Summary: p.Summary, Sector: r.site.Label("sector", p.Sector),
		Faculty: Link{p.Faculty.Title, r.rel(p.Faculty.URL)}, Website: p.Website,
		Professions: r.labels("professions", p.Professions),
	}
}

// labels returns the labels of slugs in the named vocabulary; nil for
// none, so that a layout's {{with}} skips it.
func (r *Renderer) labels(vocabulary string, slugs []string) []string {
	if len(slugs) == 0 {
		return nil
	}
	out := make([]string, len(slugs))
	for i, slug := range slugs {
		out[i] = r.site.Label(vocabulary, slug)
	}
	return out
}

// fileURL is the URL of src, written in the document at docPath: a path
// relative to the document becomes the URL of the file beside it.
func (r *Renderer) fileURL(docPath, src string) string {
	if hasScheme(src) || strings.HasPrefix(src, "/") {
		return src
	}
	return r.rel(content.FileURL(path.Join(path.Dir(docPath), src)))
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return longDate(t)
}

// mailto makes an email address a mailto: link; other addresses are
// returned as they are.
func mailto(s string) string {
	if isEmail(s) {
		return "mailto:" + s
	}
	return s
}

func isEmail(s string) bool { return strings.Contains(s, "@") && !hasScheme(s) }
