package render

import (
	"fmt"

	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/site"
)

// sections are a faculty's listings, in display order.
var sections = []struct{ Slug, Title string }{
	{"placements", "Placements"}, {"partners", "Partners"}, {"stories", "Stories"}, {"resources", "Resources"},
}

// pageSet collects the pages of a site.
type pageSet struct {
	s     *site.Site
	pages []*Page
	size  int
	// intros holds plain pages whose URL is a generated listing: their
	// text becomes the listing's introduction.
	intros map[string]*content.Page
	// cards holds each placement's card: a placement is shown on a
	// dozen listings (its faculty, the finder, each of its facets).
	cards map[*site.Placement]Card
}

// placementCards returns the cards of list, each made once per build.
func (ps *pageSet) placementCards(list []*site.Placement) []Card {
	out := make([]Card, len(list))
	for i, p := range list {
		c, ok := ps.cards[p]
		if !ok {
			c = placementCard(ps.s, p)
			ps.cards[p] = c
		}
		out[i] = c
	}
	return out
}

// Pages lists every HTML page of s: the URL table of DESIGN.md.
func Pages(s *site.Site) []*Page {
	ps := &pageSet{s: s, size: s.Config.Pagination, intros: map[string]*content.Page{}, cards: map[*site.Placement]Card{}}
	if ps.size < 1 {
		ps.size = 20
	}
	home := crumbs()
	ps.add(&Page{Layout: "home.html", URL: "/", Title: s.Config.Title, Kind: "home", Description: s.Config.Description,
		Data: s.Home, Feeds: []Link{{"All updates", "/feed.xml"}}, JSONLD: websiteLD(s)})
	if s.Home != nil {
		ps.pages[0].Doc = s.Home.Path
		if s.Home.Summary != "" {
			ps.pages[0].Description = s.Home.Summary
		}
	}
	generated := ps.listingURLs()
	for _, p := range s.Pages {
		if generated[p.URL] {
			ps.intros[p.URL] = p
			continue
		}
		ps.add(&Page{Layout: "page.html", URL: p.URL, Title: p.Title, Description: p.Summary, Kind: "page",
			Doc: p.Path, Data: p, Breadcrumbs: home})
	}

	ps.faculties()
	ps.regions()
	ps.professions()
	ps.finder()
	ps.library()
	ps.add(&Page{Layout: "search.html", URL: "/search/", Title: "Search", Kind: "search",
		Description: "Search placements, stories, resources and faculties.", Breadcrumbs: crumbs()})
	ps.add(&Page{Layout: "404.html", URL: "/404.html", Title: "Page not found", Kind: "404", NoIndex: true})
	return ps.pages
}

func (ps *pageSet) add(p *Page) {
	p.Site = ps.s
	if intro := ps.intros[p.URL]; intro != nil && p.Doc == "" {
		p.Doc = intro.Path
		if intro.Summary != "" {
			p.Description = intro.Summary
		}
	}
	ps.pages = append(ps.pages, p)
}

// listing adds a paginated listing of cards at base.
func (ps *pageSet) listing(base, title, kind, description string, trail []Crumb, all []Card, data any, feeds []Link) {
	for _, pager := range paginate(base, all, ps.size) {
		t := title
		if pager.Number > 1 {
			t = fmt.Sprintf("%s (page %d of %d)", title, pager.Number, pager.Total)
		}
		ps.add(&Page{Layout: "listing.html", URL: pageURL(base, pager.Number), Listing: base, Title: t, Kind: kind,
			Description: description, Breadcrumbs: trail, Pager: pager, Data: data, Feeds: feeds})
	}
}

func crumbs(extra ...Crumb) []Crumb { return append([]Crumb{{"Home", "/"}}, extra...) }

func (ps *pageSet) listingURLs() map[string]bool {
	urls := map[string]bool{"/faculties/": true, "/regions/": true, "/professions/": true, "/placements/": true, "/stories/": true, "/resources/": true}
	return urls
}

func (ps *pageSet) faculties() {
	s := ps.s
	trail := crumbs(Crumb{"Faculties", "/faculties/"})
	ps.add(&Page{Layout: "faculties.html", URL: "/faculties/", Title: "AHP faculties", Kind: "faculties",
		Description: "Every integrated care system's AHP faculty, by region.", Breadcrumbs: crumbs()})
	for _, f := range s.Faculties {
		feed := Link{"Updates from " + f.Title, f.URL + "feed.xml"}
		ps.add(&Page{Layout: "faculty.html", URL: f.URL, Title: f.Title, Description: f.Summary, Kind: "faculty",
			Doc: f.Path, Data: f, Breadcrumbs: trail, Feeds: []Link{feed}, JSONLD: lazyLD(func() any { return facultyLD(s, f) })})
		ftrail := append(trail[:len(trail):len(trail)], Crumb{f.Title, f.URL})
		for _, sec := range sections {
			base := f.URL + sec.Slug + "/"
			title := sec.Title + " — " + f.Title
			var all []Card
			switch sec.Slug {
			case "placements":
				all = ps.placementCards(f.Placements)
			case "partners":
				all = cards(s, f.Partners, partnerCard)
			case "stories":
				all = cards(s, f.Stories, storyCard)
			case "resources":
				all = cards(s, f.Resources, resourceCard)
			}
			ps.listing(base, title, "listing", "", ftrail, all, f, []Link{feed})
		}
		sec := func(name, url string) []Crumb {
			return append(ftrail[:len(ftrail):len(ftrail)], Crumb{name, url})
		}
		for _, p := range f.Partners {
			ps.add(&Page{Layout: "partner.html", URL: p.URL, Title: p.Title, Description: p.Summary, Kind: "partner",
				Doc: p.Path, Data: p, Breadcrumbs: sec("Partners", f.URL+"partners/"), JSONLD: lazyLD(func() any { return partnerLD(s, p) })})
		}
		for _, st := range f.Stories {
			ps.add(ps.storyPage(st, sec("Stories", f.URL+"stories/")))
		}
		for _, r := range f.Resources {
			ps.add(ps.resourcePage(r, sec("Resources", f.URL+"resources/")))
		}
		for _, p := range f.Placements {
			ps.add(&Page{Layout: "placement.html", URL: p.URL, Title: p.Title, Description: p.Summary, Kind: "placement",
				Doc: p.Path, Data: p, Breadcrumbs: sec("Placements", f.URL+"placements/"), JSONLD: lazyLD(func() any { return placementLD(s, p) })})
		}
	}
}

func (ps *pageSet) storyPage(st *site.Story, trail []Crumb) *Page {
	return &Page{Layout: "story.html", URL: st.URL, Title: st.Title, Description: st.Summary, Kind: "story",
		Doc: st.Path, Data: st, Breadcrumbs: trail, JSONLD: lazyLD(func() any { return storyLD(ps.s, st) })}
}

func (ps *pageSet) resourcePage(r *site.Resource, trail []Crumb) *Page {
	return &Page{Layout: "resource.html", URL: r.URL, Title: r.Title, Description: r.Summary, Kind: "resource",
		Doc: r.Path, Data: r, Breadcrumbs: trail, JSONLD: lazyLD(func() any { return resourceLD(ps.s, r) })}
}

func (ps *pageSet) regions() {
	s := ps.s
	ps.add(&Page{Layout: "regions.html", URL: "/regions/", Title: "Regions", Kind: "regions",
		Description: "England's NHS regions and their integrated care systems.", Breadcrumbs: crumbs()})
	trail := crumbs(Crumb{"Regions", "/regions/"})
	for _, r := range s.Regions {
		ps.add(&Page{Layout: "region.html", URL: r.URL, Title: r.Name, Kind: "region",
			Description: fmt.Sprintf("AHP faculties, placements and stories in the %s region.", r.Name),
			Data:        r, Breadcrumbs: trail, Feeds: []Link{{"Updates from " + r.Name, r.URL + "feed.xml"}}})
	}
}

func (ps *pageSet) professions() {
	s := ps.s
	ps.add(&Page{Layout: "professions.html", URL: "/professions/", Title: "Allied health professions", Kind: "professions",
		Description: "Placements, stories and resources for each allied health profession.", Breadcrumbs: crumbs()})
	trail := crumbs(Crumb{"Professions", "/professions/"})
	for _, p := range s.Professions {
		ps.add(&Page{Layout: "profession.html", URL: p.URL, Title: p.Name, Kind: "profession",
			Description: fmt.Sprintf("Placements, stories and resources for %s.", lower(p.Name)),
			Data:        p, Breadcrumbs: trail, Feeds: []Link{{"Updates for " + p.Name, p.URL + "feed.xml"}}})
	}
}

// finder adds the placement finder: every open placement, and a static
// page per facet value so the finder works without JavaScript.
func (ps *pageSet) finder() {
	s := ps.s
	open := s.OpenPlacements()
	trail := crumbs()
	ics := Link{"Closing dates (calendar)", "/placements/closing.ics"}
	// Counts are over all open placements, so they are the same on every
	// finder page; only the current value differs.
	counts := make([][]site.FacetValue, len(site.PlacementFacets))
	for i, f := range site.PlacementFacets {
		counts[i] = s.Count(f, open)
	}
	groups := func(current string) []FacetGroup {
		var out []FacetGroup
		for i, f := range site.PlacementFacets {
			g := FacetGroup{Label: f.Label, Key: f.Key}
			for _, v := range counts[i] {
				u := "/placements/" + f.Key + "/" + v.Slug + "/"
				g.Values = append(g.Values, FacetLink{Name: v.Name, URL: u, Count: v.Count, Current: u == current})
			}
			out = append(out, g)
		}
		return out
	}
	first := len(ps.pages)
	ps.listing("/placements/", "Find a placement", "finder", "Student placement opportunities offered through England's AHP faculties.",
		trail, ps.placementCards(open), nil, []Link{ics})
	all := groups("/placements/")
	for _, p := range ps.pages[first:] {
		p.Layout, p.Facets = "finder.html", all
	}
	ftrail := crumbs(Crumb{"Find a placement", "/placements/"})
	for i, f := range site.PlacementFacets {
		byValue := f.Group(open)
		for _, v := range counts[i] {
			base := "/placements/" + f.Key + "/" + v.Slug + "/"
			first := len(ps.pages)
			ps.listing(base, "Placements: "+v.Name, "finder", "", ftrail, ps.placementCards(byValue[v.Slug]), nil, []Link{ics})
			g := groups(base)
			for _, p := range ps.pages[first:] {
				p.Layout, p.Facets = "finder.html", g
			}
		}
	}
	var past []*site.Placement
	for _, p := range s.Placements {
		if !p.Open() {
			past = append(past, p)
		}
	}
	ps.listing("/placements/closed/", "Closed and withdrawn placements", "listing",
		"Placements that have closed or been withdrawn, kept as a record.", ftrail, ps.placementCards(past), nil, nil)
}

// library adds the national showcase and resource library.
func (ps *pageSet) library() {
	s := ps.s
	ps.listing("/stories/", "Showcase stories", "listing", "Stories from AHP faculties across England.", crumbs(),
		cards(s, s.Stories, storyCard), nil, []Link{{"All updates", "/feed.xml"}})
	ps.listing("/resources/", "Resource library", "listing", "Guidance, toolkits and templates from AHP faculties and the national team.",
		crumbs(), cards(s, s.Resources, resourceCard), nil, nil)
	trail := crumbs(Crumb{"Resource library", "/resources/"})
	for _, format := range s.Vocabularies["format"].Terms {
		var list []*site.Resource
		for _, r := range s.Resources {
			if r.Format == format.Slug {
				list = append(list, r)
			}
		}
		if len(list) > 0 {
			ps.listing("/resources/format/"+format.Slug+"/", "Resources: "+format.Name, "listing", "", trail, cards(s, list, resourceCard), nil, nil)
		}
	}
	for _, st := range s.Stories {
		if st.Faculty == nil {
			ps.add(ps.storyPage(st, crumbs(Crumb{"Stories", "/stories/"})))
		}
	}
	for _, r := range s.Resources {
		if r.Faculty == nil {
			ps.add(ps.resourcePage(r, trail))
		}
	}
}
