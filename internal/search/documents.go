package search

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/site"
)

// Document is one page as the index sees it.
type Document struct {
	// URL is the page's path on the site, e.g. /faculties/x/placements/y/.
	URL   string
	Title string
	// Excerpt is shown under the title in results: the page's summary.
	Excerpt string
	// Body is the page's Markdown source.
	Body []byte
	Kind string
	// Faculty is the title of the faculty the page belongs to, if any.
	Faculty string
	// Note is a short fact shown with the result: a placement's closing
	// date, a story's date.
	Note string
	// Facets maps a facet key to the page's values (slugs).
	Facets map[string][]string
	// source is the content file the page was made from, when FromSite
	// made it: Body is then read from it only if it must be analysed.
	source *content.Document
}

// body returns d's Markdown.
func (d *Document) body() []byte {
	if d.Body == nil && d.source != nil {
		return d.source.Text()
	}
	return d.Body
}

// Facet is a dimension results can be filtered by.
type Facet struct {
	Key   string
	Label string
	// Values are the facet's values in display order.
	Values []Value
	// Of names the facet this one follows from: a page's region is its
	// system's region. The index then stores Parents instead of a column.
	Of string
	// Parents maps each value of Of to this facet's value.
	Parents map[string]string
}

// Value is one value of a facet.
type Value struct{ Slug, Name string }

// Corpus is what an index is made from.
type Corpus struct {
	Documents []Document
	Facets    []Facet
}

// Kinds are the kinds of searchable page, in the order the index numbers
// documents: placements first, in the finder's order, so that the
// unfiltered finder needs no ranking of its own.
var Kinds = []Value{
	{"placement", "Placement"}, {"story", "Story"}, {"resource", "Resource"},
	{"partner", "Partner"}, {"faculty", "Faculty"}, {"page", "Page"},
}

// FromSite lists the searchable pages of s — every page made from a
// content file — with their facet values, and the facets with their
// values in display order.
func FromSite(s *site.Site) Corpus {
	docs := make([]Document, 0, len(s.Placements)+len(s.Stories)+len(s.Resources)+len(s.Partners)+len(s.Faculties)+len(s.Pages)+1)
	add := func(d *content.Document, f *site.Faculty, kind, note string, facets map[string][]string) {
		doc := Document{URL: d.URL, Title: d.Title, Excerpt: d.Summary, Body: d.Body, Kind: kind, Note: note, Facets: facets, source: d}
		facets["kind"] = []string{kind}
		if f != nil {
			doc.Faculty = f.Title
			facets["system"] = []string{f.System.Slug}
			if f.System.Region != nil {
				facets["region"] = []string{f.System.Region.Slug}
			}
		}
		docs = append(docs, doc)
	}
	for _, p := range s.Placements {
		note := ""
		if !p.Closes.IsZero() {
			note = "Closes " + longDate(p.Closes)
		}
		if p.State == "full" {
			note = strings.TrimSuffix("Full · "+note, " · ")
		}
		status := "open"
		if !p.Open() {
			status = "closed"
		}
		add(p.Document, p.Faculty, "placement", note, map[string][]string{
			"profession": p.Professions, "setting": one(p.Setting), "model": p.Models,
			"route": one(p.Route), "status": {status},
		})
	}
	for _, st := range s.Stories {
		add(st.Document, st.Faculty, "story", longDate(st.Date), map[string][]string{"profession": st.Professions, "theme": st.Themes})
	}
	for _, r := range s.Resources {
		add(r.Document, r.Faculty, "resource", "", map[string][]string{
			"profession": r.Professions, "theme": r.Themes, "format": one(r.Format),
		})
	}
	for _, p := range s.Partners {
		add(p.Document, p.Faculty, "partner", "", map[string][]string{"profession": p.Professions})
	}
	for _, f := range s.Faculties {
		add(f.Document, f, "faculty", "", map[string][]string{"profession": f.Professions, "theme": f.Priorities})
	}
	if s.Home != nil {
		add(s.Home.Document, nil, "page", "", map[string][]string{})
		if docs[len(docs)-1].Title == "" {
			docs[len(docs)-1].Title = s.Config.Title
		}
	}
	for _, p := range s.Pages {
		add(p.Document, nil, "page", "", map[string][]string{})
	}
	return Corpus{Documents: docs, Facets: siteFacets(s)}
}

func siteFacets(s *site.Site) []Facet {
	var regions, systems, professions []Value
	parents := map[string]string{}
	for _, r := range s.Regions {
		regions = append(regions, Value{r.Slug, r.Name})
	}
	sorted := slices.Clone(s.Systems)
	slices.SortStableFunc(sorted, func(a, b *site.System) int { return cmp.Compare(a.Name, b.Name) })
	for _, sys := range sorted {
		systems = append(systems, Value{sys.Slug, sys.Name})
		if sys.Region != nil {
			parents[sys.Slug] = sys.Region.Slug
		}
	}
	for _, p := range s.Professions {
		professions = append(professions, Value{p.Slug, p.Name})
	}
	vocab := func(name string) []Value {
		var out []Value
		if v := s.Vocabularies[name]; v != nil {
			for _, t := range v.Terms {
				out = append(out, Value{t.Slug, t.Name})
			}
		}
		return out
	}
	return []Facet{
		{Key: "kind", Label: "Type", Values: Kinds},
		{Key: "region", Label: "Region", Values: regions, Of: "system", Parents: parents},
		{Key: "system", Label: "Integrated care system", Values: systems},
		{Key: "profession", Label: "Profession", Values: professions},
		{Key: "setting", Label: "Setting", Values: vocab("setting")},
		{Key: "model", Label: "Placement model", Values: vocab("model")},
		{Key: "route", Label: "How to get it", Values: vocab("route")},
		{Key: "format", Label: "Format", Values: vocab("format")},
		{Key: "theme", Label: "Theme", Values: vocab("themes")},
		{Key: "status", Label: "Status", Values: []Value{{"open", "Open"}, {"closed", "Closed"}}},
	}
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func longDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 January 2006")
}
