package render

import (
	"strconv"
	"strings"
	"time"

	"github.com/facultyhub/facultyhub/internal/site"
)

// ld is a schema.org object, marshalled to JSON-LD in the page head.
type ld = map[string]any

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

func websiteLD(s *site.Site) ld {
	return ld{"@context": "https://schema.org", "@type": "WebSite", "name": s.Config.Title, "url": AbsURL(s, "/"),
		"description": s.Config.Description, "inLanguage": s.Config.Language}
}

func facultyLD(s *site.Site, f *site.Faculty) ld {
	o := ld{"@context": "https://schema.org", "@type": "Organization", "name": f.Title, "url": AbsURL(s, f.URL),
		"description": f.Summary}
	if f.Website != "" {
		o["sameAs"] = f.Website
	}
	if f.Contact != "" && strings.Contains(f.Contact, "@") && !strings.Contains(f.Contact, ":") {
		o["email"] = f.Contact
	}
	if f.System.Region != nil {
		o["areaServed"] = ld{"@type": "AdministrativeArea", "name": f.System.Name + ", " + f.System.Region.Name}
	}
	var members []ld
	for _, p := range f.Partners {
		members = append(members, ld{"@type": "Organization", "name": p.Title, "url": AbsURL(s, p.URL)})
	}
	if members != nil {
		o["member"] = members
	}
	return o
}

func partnerLD(s *site.Site, p *site.Partner) ld {
	o := ld{"@context": "https://schema.org", "@type": "Organization", "name": p.Title, "url": AbsURL(s, p.URL),
		"memberOf": ld{"@type": "Organization", "name": p.Faculty.Title, "url": AbsURL(s, p.Faculty.URL)}}
	if p.Summary != "" {
		o["description"] = p.Summary
	}
	if p.Website != "" {
		o["sameAs"] = p.Website
	}
	return o
}

func storyLD(s *site.Site, st *site.Story) ld {
	o := ld{"@context": "https://schema.org", "@type": "Article", "headline": st.Title, "description": st.Summary,
		"datePublished": st.Date.Format(time.DateOnly), "url": AbsURL(s, st.URL), "mainEntityOfPage": AbsURL(s, st.URL)}
	if st.Author != "" {
		o["author"] = ld{"@type": "Person", "name": st.Author}
	} else if st.Faculty != nil {
		o["author"] = ld{"@type": "Organization", "name": st.Faculty.Title}
	}
	publisher := ld{"@type": "Organization", "name": s.Config.Title, "url": AbsURL(s, "/")}
	o["publisher"] = publisher
	if st.Image.Src != "" {
		o["image"] = imageURL(s, st)
	}
	return o
}

func resourceLD(s *site.Site, r *site.Resource) ld {
	o := ld{"@context": "https://schema.org", "@type": "CreativeWork", "name": r.Title, "description": r.Summary,
		"url": AbsURL(s, r.URL), "learningResourceType": s.Label("format", r.Format)}
	if !r.Date.IsZero() {
		o["datePublished"] = r.Date.Format(time.DateOnly)
	}
	if r.Licence != "" {
		o["license"] = r.Licence
	}
	return o
}

func placementLD(s *site.Site, p *site.Placement) ld {
	o := ld{"@context": "https://schema.org", "@type": "EducationalOccupationalProgram", "name": p.Title,
		"description": p.Summary, "url": AbsURL(s, p.URL),
		"provider": ld{"@type": "Organization", "name": p.Faculty.Title, "url": AbsURL(s, p.Faculty.URL)}}
	if p.Host != nil {
		o["provider"] = ld{"@type": "Organization", "name": p.Host.Title, "url": AbsURL(s, p.Host.URL)}
	}
	if len(p.Starts) > 0 {
		o["startDate"] = p.Starts[0].Format(time.DateOnly)
	}
	if !p.Closes.IsZero() {
		o["applicationDeadline"] = p.Closes.Format(time.DateOnly)
	}
	if p.DurationWeeks > 0 {
		o["timeToComplete"] = "P" + strconv.Itoa(p.DurationWeeks) + "W"
	}
	if p.Capacity > 0 {
		o["maximumEnrollment"] = p.Capacity
	}
	var occ []ld
	for _, slug := range p.Professions {
		occ = append(occ, ld{"@type": "Occupation", "name": s.Label("professions", slug)})
	}
	o["occupationalCategory"] = occ
	if p.Location.Town != "" {
		o["location"] = ld{"@type": "Place", "address": ld{"@type": "PostalAddress", "addressLocality": p.Location.Town,
			"postalCode": p.Location.Postcode, "addressCountry": "GB"}}
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

func breadcrumbLD(s *site.Site, p *Page) ld {
	var items []ld
	// Pages share their trail's backing array: the full slice expression
	// makes append copy rather than write into it from many renders.
	trail := p.Breadcrumbs[:len(p.Breadcrumbs):len(p.Breadcrumbs)]
	for i, c := range append(trail, Crumb{p.Title, p.URL}) {
		items = append(items, ld{"@type": "ListItem", "position": i + 1, "name": c.Title, "item": AbsURL(s, c.URL)})
	}
	return ld{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
}
