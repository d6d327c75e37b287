package render

import (
	"fmt"
	"strconv"
	"sync"

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
	// cards holds each entry's card, by the entry: a placement is shown
	// on a dozen listings (its faculty, the finder, each of its facets), a
	// story or resource on several. It is made once (makeCards) and then
	// only read, by the parts of the list made at once.
	cards Cards
}

// entryCards returns the cards of list, made by makeCards.
func entryCards[T comparable](ps *pageSet, list []T) []*Card {
	out := make([]*Card, len(list))
	for i, x := range list {
		out[i] = ps.cards[x]
	}
	return out
}

// makeCards makes every entry's card, the placements' in two halves at
// once, before the listings share them.
func (ps *pageSet) makeCards() {
	s := ps.s
	placements := make([]Card, len(s.Placements))
	half := len(placements) / 2
	var wg sync.WaitGroup
	wg.Go(func() {
		for i, p := range s.Placements[:half] {
			placements[i] = placementCard(s, p)
		}
	})
	for i, p := range s.Placements[half:] {
		placements[half+i] = placementCard(s, p)
	}
	others := makeEach(s, s.Partners, partnerCard)
	stories, resources := makeEach(s, s.Stories, storyCard), makeEach(s, s.Resources, resourceCard)
	wg.Wait()
	ps.cards = make(Cards, len(placements)+len(others)+len(stories)+len(resources))
	for i, p := range s.Placements {
		ps.cards[p] = &placements[i]
	}
	keep(ps.cards, s.Partners, others)
	keep(ps.cards, s.Stories, stories)
	keep(ps.cards, s.Resources, resources)
}

func keep[T comparable](m Cards, list []T, cards []Card) {
	for i, x := range list {
		m[x] = &cards[i]
	}
}

// facetSpec is one facet of a faceted listing: its key and label, and
// its values for an item (see site.TallySpec).
type facetSpec[T any] struct {
	key, label string
	site.TallySpec[T]
}

// facetsOf is the facets of a faceted listing over items: site.Tally's
// values and groups, as cards.
func facetsOf[T comparable](ps *pageSet, items []T, specs ...facetSpec[T]) []finderFacet {
	tally := make([]site.TallySpec[T], len(specs))
	for i, f := range specs {
		tally[i] = f.TallySpec
	}
	out := make([]finderFacet, len(specs))
	for i, t := range site.Tally(ps.s, items, tally...) {
		f := finderFacet{key: specs[i].key, label: specs[i].label, values: t.Values, cards: make(map[string][]*Card, len(t.Values))}
		for _, v := range t.Values {
			f.cards[v.Slug] = entryCards(ps, t.Members[v.Slug])
		}
		out[i] = f
	}
	return out
}

// facet is a facetSpec.
func facet[T any](key, label, vocabulary string, values func(T) []string) facetSpec[T] {
	return facetSpec[T]{key, label, site.TallySpec[T]{Vocabulary: vocabulary, Values: values}}
}

// Pages lists every HTML page of s: the URL table of DESIGN.md.
func Pages(s *site.Site) []*Page {
	pages, _ := PagesAndCards(s)
	return pages
}

// Cards holds the card of each entry of a site, by its *site.Placement,
// *site.Partner, *site.Story or *site.Resource: one card stands on every
// listing that shows the entry.
type Cards map[any]*Card

// PagesAndCards is Pages, with the cards the listings show (for
// NewKeys, which then hashes each card once).
func PagesAndCards(s *site.Site) ([]*Page, Cards) {
	ps := &pageSet{s: s, size: s.Config.Pagination, intros: map[string]*content.Page{}}
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

	// The finder and the library, which tally facets, are listed beside
	// the faculties' pages; each part in its own list, joined in order.
	ps.makeCards()
	lib := &pageSet{s: s, size: ps.size, intros: ps.intros, cards: ps.cards}
	var wg sync.WaitGroup
	wg.Go(func() {
		lib.finder()
		lib.library()
	})
	ps.faculties()
	ps.regions()
	ps.professions()
	wg.Wait()
	ps.pages = append(ps.pages, lib.pages...)
	ps.add(&Page{Layout: "search.html", URL: "/search/", Title: "Search", Kind: "search",
		Description: "Search placements, stories, resources and faculties.", Breadcrumbs: crumbs()})
	ps.add(&Page{Layout: "404.html", URL: "/404.html", Title: "Page not found", Kind: "404", NoIndex: true})
	return ps.pages, ps.cards
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
func (ps *pageSet) listing(base, title, kind, description string, trail []Crumb, all []*Card, data any, feeds []Link) {
	for _, pager := range paginate(base, all, ps.size) {
		t := title
		if pager.Number > 1 {
			t = title + " (page " + strconv.Itoa(pager.Number) + " of " + strconv.Itoa(pager.Total) + ")"
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
			var all []*Card
			switch sec.Slug {
			case "placements":
				all = entryCards(ps, f.Placements)
			case "partners":
				all = entryCards(ps, f.Partners)
			case "stories":
				all = entryCards(ps, f.Stories)
			case "resources":
				all = entryCards(ps, f.Resources)
			}
			ps.listing(base, title, "listing", "", ftrail, all, f, []Link{feed})
		}
		// One trail per section, shared by its entries' pages (no page
		// changes its breadcrumbs): a national faculty has 240 placements.
		sec := func(name, url string) []Crumb {
			return append(ftrail[:len(ftrail):len(ftrail)], Crumb{name, url})
		}
		partners := sec("Partners", f.URL+"partners/")
		for _, p := range f.Partners {
			ps.add(&Page{Layout: "partner.html", URL: p.URL, Title: p.Title, Description: p.Summary, Kind: "partner",
				Doc: p.Path, Data: p, Breadcrumbs: partners, JSONLD: lazyLD(func() any { return partnerLD(s, p) })})
		}
		stories := sec("Stories", f.URL+"stories/")
		for _, st := range f.Stories {
			ps.add(ps.storyPage(st, stories))
		}
		resources := sec("Resources", f.URL+"resources/")
		for _, r := range f.Resources {
			ps.add(ps.resourcePage(r, resources))
		}
		placements := sec("Placements", f.URL+"placements/")
		for _, p := range f.Placements {
			ps.add(&Page{Layout: "placement.html", URL: p.URL, Title: p.Title, Description: p.Summary, Kind: "placement",
				Doc: p.Path, Data: p, Breadcrumbs: placements, JSONLD: lazyLD(func() any { return placementLD(s, p) })})
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
	// Counts are over all open placements, so they are the same on every
	// finder page; only the current value differs.
	var specs []facetSpec[*site.Placement]
	for _, f := range site.PlacementFacets {
		specs = append(specs, facet(f.Key, f.Label, f.Vocabulary, f.Values))
	}
	facets := facetsOf(ps, open, specs...)
	ps.faceted(&Finder{URL: "/placements/", Noun: "placement", Plural: "placements", Heading: "Placements",
		All: "All open placements", Fixed: "kind=placement&status=open", Meta: "setting faculty profession note",
		Extra: &Link{"Closed and withdrawn placements", "/placements/closed/"}},
		"Find a placement", "Student placement opportunities offered through England's AHP faculties.",
		entryCards(ps, open), facets, []Link{{"Closing dates (calendar)", "/placements/closing.ics"}})
	ftrail := crumbs(Crumb{"Find a placement", "/placements/"})
	var past []*site.Placement
	for _, p := range s.Placements {
		if !p.Open() {
			past = append(past, p)
		}
	}
	ps.listing("/placements/closed/", "Closed and withdrawn placements", "listing",
		"Placements that have closed or been withdrawn, kept as a record.", ftrail, entryCards(ps, past), nil, nil)
}

// library adds the national showcase and resource library, each a
// faceted listing like the placement finder.
func (ps *pageSet) library() {
	s := ps.s
	region := func(f *site.Faculty) []string {
		if f == nil || f.System.Region == nil {
			return nil
		}
		return []string{f.System.Region.Slug}
	}
	ps.faceted(&Finder{URL: "/stories/", Noun: "story", Plural: "stories", Heading: "Stories", All: "All stories",
		Fixed: "kind=story", Meta: "note faculty"},
		"Showcase stories", "Stories from AHP faculties across England.", entryCards(ps, s.Stories), facetsOf(ps, s.Stories,
			facet("theme", "Theme", "themes", func(st *site.Story) []string { return st.Themes }),
			facet("profession", "Profession", "professions", func(st *site.Story) []string { return st.Professions }),
			facet("region", "Region", "regions", func(st *site.Story) []string { return region(st.Faculty) }),
		), []Link{{"All updates", "/feed.xml"}})
	ps.faceted(&Finder{URL: "/resources/", Noun: "resource", Plural: "resources", Heading: "Resources", All: "All resources",
		Fixed: "kind=resource", Meta: "format faculty"},
		"Resource library", "Guidance, toolkits and templates from AHP faculties and the national team.", entryCards(ps, s.Resources), facetsOf(ps, s.Resources,
			facet("format", "Format", "format", func(r *site.Resource) []string { return nonEmpty(r.Format) }),
			facet("theme", "Theme", "themes", func(r *site.Resource) []string { return r.Themes }),
			facet("profession", "Profession", "professions", func(r *site.Resource) []string { return r.Professions }),
			facet("region", "Region", "regions", func(r *site.Resource) []string { return region(r.Faculty) }),
		), nil)
	for _, st := range s.Stories {
		if st.Faculty == nil {
			ps.add(ps.storyPage(st, crumbs(Crumb{"Stories", "/stories/"})))
		}
	}
	trail := crumbs(Crumb{"Resource library", "/resources/"})
	for _, r := range s.Resources {
		if r.Faculty == nil {
			ps.add(ps.resourcePage(r, trail))
		}
	}
}

// finderFacet is one facet of a faceted listing: its values in display
// order with their counts, and the cards of each value.
type finderFacet struct {
	key, label string
	values     []site.FacetValue
	cards      map[string][]*Card
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// faceted adds a faceted listing: all its cards at f.URL, and a static
// listing per facet value at f.URL<key>/<value>/, each page with every
// facet's values and counts, so that it can be browsed without
// JavaScript. The counts are over the whole listing, the same on every
// page; only the current value differs.
func (ps *pageSet) faceted(f *Finder, title, description string, all []*Card, facets []finderFacet, feeds []Link) {
	groups := func(current string) []FacetGroup {
		var out []FacetGroup
		for _, fc := range facets {
			g := FacetGroup{Label: fc.label, Key: fc.key}
			for _, v := range fc.values {
				u := f.URL + fc.key + "/" + v.Slug + "/"
				g.Values = append(g.Values, FacetLink{Name: v.Name, URL: u, Count: v.Count, Current: u == current})
			}
			out = append(out, g)
		}
		return out
	}
	add := func(base, title, description string, trail []Crumb, cards []*Card) {
		first := len(ps.pages)
		ps.listing(base, title, "finder", description, trail, cards, nil, feeds)
		g := groups(base)
		for _, p := range ps.pages[first:] {
			p.Layout, p.Facets, p.Finder = "finder.html", g, f
		}
	}
	add(f.URL, title, description, crumbs(), all)
	trail := crumbs(Crumb{title, f.URL})
	for _, fc := range facets {
		for _, v := range fc.values {
			add(f.URL+fc.key+"/"+v.Slug+"/", f.Heading+": "+v.Name, "", trail, fc.cards[v.Slug])
		}
	}
}
