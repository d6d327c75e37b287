package render

import (
	"html/template"

	"github.com/facultyhub/facultyhub/internal/site"
)

// Page is what a layout is executed with: one page of the site.
type Page struct {
	Site *site.Site
	// Layout is the template file that renders the page, e.g. "faculty.html".
	Layout string
	// URL is the page's path on the site, e.g. /faculties/x/.
	URL string
	// Listing is, on each page of a paginated listing, the URL of its
	// first page: what the pages of one listing share.
	Listing     string
	Title       string
	Description string
	// Kind names the page type for styling and Open Graph (home, faculty,
	// placement, listing, ...).
	Kind        string
	Breadcrumbs []Crumb
	// Canonical is the page's absolute URL. Trail is Breadcrumbs with
	// URLs under the base path, Parent its last step, and BreadcrumbLD
	// its schema.org BreadcrumbList as JSON. All four are made when the
	// page is rendered, so that the page head and trail of twenty
	// thousand pages read fields instead of calling functions.
	Canonical    string
	Trail        []Crumb
	Parent       *Crumb
	BreadcrumbLD template.JS
	// Doc is the source file the page was made from, if any.
	Doc string
	// Content is the rendered Markdown body, if any.
	Content template.HTML
	// Data is the entity the page is about: *site.Faculty, *site.Placement,
	// *site.Region, …
	Data any
	// Entry is, on the page of a placement, resource, story or partner,
	// what its layout shows of it, ready to show: a *PlacementEntry,
	// *ResourceEntry, *StoryEntry or *PartnerEntry (entries.go). It is
	// made when the page is rendered.
	Entry any
	// Pager holds a listing's page of cards.
	Pager *Pager
	// Facets are the facet values of a finder page, with counts.
	Facets []FacetGroup
	// Finder describes the faceted listing a finder page belongs to.
	Finder *Finder
	// Feeds are the Atom feeds that belong with the page.
	Feeds []Link
	// JSONLD is the schema.org description of the page. Pages lists it
	// as a lazyLD, made when the page is rendered: a preview renders only
	// the pages someone opens.
	JSONLD any
	// NoIndex keeps search engines off (404, redirects).
	NoIndex bool
	// Redirect is the target of an alias page.
	Redirect string
}

// lazyLD makes a page's JSON-LD when the page is rendered.
type lazyLD func() any

// Crumb is one step of the breadcrumb trail.
type Crumb struct{ Title, URL string }

// Link is a titled link.
type Link struct{ Title, URL string }

// Card is one entry of a listing.
type Card struct {
	Title   string
	URL     string
	Summary string
	Kind    string
	// Meta holds short facts ("Closes 2027-01-10", "Acute hospital").
	Meta []string
	// Status is a placement's state (open, full, closed, withdrawn) or a
	// faculty's status (established, developing, planned).
	Status string
}

// Pager is one page of a paginated listing.
type Pager struct {
	Cards  []*Card
	Number int
	Total  int
	// Count is the number of cards over all pages.
	Count int
	Prev  string
	Next  string
	Pages []Link
	// Links are the links Window shows, with URLs under the base path
	// and the current page marked; made when the page is rendered.
	Links []PagerLink
}

// PagerLink is a link of a pager to one of its pages; a gap in the
// numbers has no URL.
type PagerLink struct {
	Title, URL string
	Current    bool
}

// Finder describes a faceted listing — the placement finder, the
// showcase stories, the resource library — for its layout and for the
// search client, which filters it live.
type Finder struct {
	// URL is the listing's first page; the static page of a facet value
	// is at URL<key>/<value>/.
	URL string
	// Noun and Plural name what it lists ("placement", "placements");
	// Heading starts the titles of its facet pages ("Placements").
	Noun, Plural, Heading string
	// All labels the link back to the whole listing.
	All string
	// Fixed is what every result has, as a query string of facet values
	// (kind=placement&status=open).
	Fixed string
	// Meta lists what the client's cards show, as the static cards do:
	// facet keys, "faculty" and "note", space-separated.
	Meta string
	// Extra is a link shown after the facets, if any.
	Extra *Link
}

// FacetGroup is a facet of a finder with its values.
type FacetGroup struct {
	Label  string
	Key    string
	Values []FacetLink
}

// FacetLink is a facet value linking to its static listing page.
type FacetLink struct {
	Name    string
	URL     string
	Count   int
	Current bool
}
