package render

import (
	"strconv"
	"strings"
	"time"

	"github.com/facultyhub/facultyhub/internal/site"
)

// The schema.org objects of the page head, as typed structs: encoding/json
// writes their fields in the order declared, which is the alphabetical
// order of their keys (what the maps they replaced gave), and without the
// reflection over maps that cost a tenth of a page's render.

// schemaOrg is the @context of every top-level object.
const schemaOrg = "https://schema.org"

// ldRef is a named thing: an organization, a person, an occupation, an
// area.
type ldRef struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type websiteJSONLD struct {
	Context     string `json:"@context"`
	Type        string `json:"@type"`
	Description string `json:"description"`
	InLanguage  string `json:"inLanguage"`
	Name        string `json:"name"`
	URL         string `json:"url"`
}

type facultyJSONLD struct {
	Context     string  `json:"@context"`
	Type        string  `json:"@type"`
	AreaServed  *ldRef  `json:"areaServed,omitempty"`
	Description string  `json:"description"`
	Email       string  `json:"email,omitempty"`
	Member      []ldRef `json:"member,omitempty"`
	Name        string  `json:"name"`
	SameAs      string  `json:"sameAs,omitempty"`
	URL         string  `json:"url"`
}

type partnerJSONLD struct {
	Context     string `json:"@context"`
	Type        string `json:"@type"`
	Description string `json:"description,omitempty"`
	MemberOf    ldRef  `json:"memberOf"`
	Name        string `json:"name"`
	SameAs      string `json:"sameAs,omitempty"`
	URL         string `json:"url"`
}

type articleJSONLD struct {
	Context          string `json:"@context"`
	Type             string `json:"@type"`
	Author           *ldRef `json:"author,omitempty"`
	DatePublished    string `json:"datePublished"`
	Description      string `json:"description"`
	Headline         string `json:"headline"`
	Image            string `json:"image,omitempty"`
	MainEntityOfPage string `json:"mainEntityOfPage"`
	Publisher        ldRef  `json:"publisher"`
	URL              string `json:"url"`
}

type creativeWorkJSONLD struct {
	Context              string `json:"@context"`
	Type                 string `json:"@type"`
	DatePublished        string `json:"datePublished,omitempty"`
	Description          string `json:"description"`
	LearningResourceType string `json:"learningResourceType"`
	License              string `json:"license,omitempty"`
	Name                 string `json:"name"`
	URL                  string `json:"url"`
}

type programJSONLD struct {
	Context              string   `json:"@context"`
	Type                 string   `json:"@type"`
	ApplicationDeadline  string   `json:"applicationDeadline,omitempty"`
	Description          string   `json:"description"`
	Location             *placeLD `json:"location,omitempty"`
	MaximumEnrollment    int      `json:"maximumEnrollment,omitempty"`
	Name                 string   `json:"name"`
	OccupationalCategory []ldRef  `json:"occupationalCategory"`
	Provider             ldRef    `json:"provider"`
	StartDate            string   `json:"startDate,omitempty"`
	TimeToComplete       string   `json:"timeToComplete,omitempty"`
	URL                  string   `json:"url"`
}

type placeLD struct {
	Type    string    `json:"@type"`
	Address addressLD `json:"address"`
}

type addressLD struct {
	Type            string `json:"@type"`
	AddressCountry  string `json:"addressCountry"`
	AddressLocality string `json:"addressLocality"`
	PostalCode      string `json:"postalCode"`
}

type breadcrumbListJSONLD struct {
	Context         string       `json:"@context"`
	Type            string       `json:"@type"`
	ItemListElement []listItemLD `json:"itemListElement"`
}

type listItemLD struct {
	Type     string `json:"@type"`
	Item     string `json:"item"`
	Name     string `json:"name"`
	Position int    `json:"position"`
}

// AbsURL joins a site path to the configured base URL.
func AbsURL(s *site.Site, p string) string {
	base := strings.TrimSuffix(s.Config.BaseURL, "/")
	if base == "" {
		return p
	}
	return base + BasePath(s) + strings.TrimPrefix(p, "/")
}

// BasePath is the path part of the base URL, always ending in "/": the
// site's pages live under it.
func BasePath(s *site.Site) string {
	u := s.Config.BaseURL
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		if j := strings.IndexByte(u, '/'); j >= 0 {
			u = u[j:]
		} else {
			u = "/"
		}
	}
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

func websiteLD(s *site.Site) websiteJSONLD {
	return websiteJSONLD{Context: schemaOrg, Type: "WebSite", Name: s.Config.Title, URL: AbsURL(s, "/"),
		Description: s.Config.Description, InLanguage: s.Config.Language}
}

func facultyLD(s *site.Site, f *site.Faculty) facultyJSONLD {
	o := facultyJSONLD{Context: schemaOrg, Type: "Organization", Name: f.Title, URL: AbsURL(s, f.URL),
		Description: f.Summary, SameAs: f.Website}
	if f.Contact != "" && strings.Contains(f.Contact, "@") && !strings.Contains(f.Contact, ":") {
		o.Email = f.Contact
	}
	if f.System.Region != nil {
		o.AreaServed = &ldRef{Type: "AdministrativeArea", Name: f.System.Name + ", " + f.System.Region.Name}
	}
	for _, p := range f.Partners {
		o.Member = append(o.Member, ldRef{Type: "Organization", Name: p.Title, URL: AbsURL(s, p.URL)})
	}
	return o
}

func partnerLD(s *site.Site, p *site.Partner) partnerJSONLD {
	return partnerJSONLD{Context: schemaOrg, Type: "Organization", Name: p.Title, URL: AbsURL(s, p.URL),
		MemberOf:    ldRef{Type: "Organization", Name: p.Faculty.Title, URL: AbsURL(s, p.Faculty.URL)},
		Description: p.Summary, SameAs: p.Website}
}

func storyLD(s *site.Site, st *site.Story) articleJSONLD {
	o := articleJSONLD{Context: schemaOrg, Type: "Article", Headline: st.Title, Description: st.Summary,
		DatePublished: st.Date.Format(time.DateOnly), URL: AbsURL(s, st.URL), MainEntityOfPage: AbsURL(s, st.URL),
		Publisher: ldRef{Type: "Organization", Name: s.Config.Title, URL: AbsURL(s, "/")}}
	if st.Author != "" {
		o.Author = &ldRef{Type: "Person", Name: st.Author}
	} else if st.Faculty != nil {
		o.Author = &ldRef{Type: "Organization", Name: st.Faculty.Title}
	}
	if st.Image.Src != "" {
		o.Image = imageURL(s, st)
	}
	return o
}

func resourceLD(s *site.Site, r *site.Resource) creativeWorkJSONLD {
	o := creativeWorkJSONLD{Context: schemaOrg, Type: "CreativeWork", Name: r.Title, Description: r.Summary,
		URL: AbsURL(s, r.URL), LearningResourceType: s.Label("format", r.Format), License: r.Licence}
	if !r.Date.IsZero() {
		o.DatePublished = r.Date.Format(time.DateOnly)
	}
	return o
}

func placementLD(s *site.Site, p *site.Placement) programJSONLD {
	o := programJSONLD{Context: schemaOrg, Type: "EducationalOccupationalProgram", Name: p.Title,
		Description: p.Summary, URL: AbsURL(s, p.URL),
		Provider: ldRef{Type: "Organization", Name: p.Faculty.Title, URL: AbsURL(s, p.Faculty.URL)}}
	if p.Host != nil {
		o.Provider = ldRef{Type: "Organization", Name: p.Host.Title, URL: AbsURL(s, p.Host.URL)}
	}
	if len(p.Starts) > 0 {
		o.StartDate = p.Starts[0].Format(time.DateOnly)
	}
	if !p.Closes.IsZero() {
		o.ApplicationDeadline = p.Closes.Format(time.DateOnly)
	}
	if p.DurationWeeks > 0 {
		o.TimeToComplete = "P" + strconv.Itoa(p.DurationWeeks) + "W"
	}
	if p.Capacity > 0 {
		o.MaximumEnrollment = p.Capacity
	}
	for _, slug := range p.Professions {
		o.OccupationalCategory = append(o.OccupationalCategory, ldRef{Type: "Occupation", Name: s.Label("professions", slug)})
	}
	if p.Location.Town != "" {
		o.Location = &placeLD{Type: "Place", Address: addressLD{Type: "PostalAddress", AddressLocality: p.Location.Town,
			PostalCode: p.Location.Postcode, AddressCountry: "GB"}}
	}
	return o
}

// imageURL is the absolute address of a story's image.
func imageURL(s *site.Site, st *site.Story) string {
	src := st.Image.Src
	if strings.Contains(src, "://") {
		return src
	}
	dir := st.URL[:strings.LastIndex(strings.TrimSuffix(st.URL, "/"), "/")+1]
	return AbsURL(s, dir+src)
}

func breadcrumbLD(s *site.Site, p *Page) breadcrumbListJSONLD {
	items := make([]listItemLD, 0, len(p.Breadcrumbs)+1)
	for i, c := range p.Breadcrumbs {
		items = append(items, listItemLD{Type: "ListItem", Position: i + 1, Name: c.Title, Item: AbsURL(s, c.URL)})
	}
	items = append(items, listItemLD{Type: "ListItem", Position: len(p.Breadcrumbs) + 1, Name: p.Title, Item: AbsURL(s, p.URL)})
	return breadcrumbListJSONLD{Context: schemaOrg, Type: "BreadcrumbList", ItemListElement: items}
}
