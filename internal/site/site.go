// Package site resolves a loaded hub into the graph the pages are made
// from: faculties with their partners, stories, resources and placements;
// regions and professions with everything that points at them; each
// placement's effective status on the build date; sorted listings and
// facet counts. It reads content and config and knows nothing of HTML.
package site

import (
	"time"

	"github.com/facultyhub/facultyhub/internal/config"
	"github.com/facultyhub/facultyhub/internal/content"
)

// Options configure New.
type Options struct {
	// Today decides which placements have closed.
	Today time.Time
	// Drafts includes documents marked draft: true.
	Drafts bool
}

// Site is the resolved graph of one hub.
type Site struct {
	Config config.Config
	Today  time.Time
	Hub    *content.Hub

	Home        *content.Page
	Pages       []*content.Page
	Regions     []*Region
	Systems     []*System
	Professions []*Profession
	Faculties   []*Faculty
	Partners    []*Partner
	Stories     []*Story
	Resources   []*Resource
	Placements  []*Placement

	// Vocabularies maps a vocabulary name to its terms.
	Vocabularies map[string]*content.Vocabulary

	regions     map[string]*Region
	systems     map[string]*System
	professions map[string]*Profession
}

// Region is an NHS region with the systems in it.
type Region struct {
	content.Region
	URL     string
	Systems []*System
	// Faculties are the published faculties of its systems.
	Faculties []*Faculty
}

// System is an integrated care system and its faculty, if published.
type System struct {
	content.System
	Region    *Region
	Faculty   *Faculty
	Successor *System
}

// Profession is an allied health profession with the entries tagged with
// it.
type Profession struct {
	content.Profession
	URL        string
	Faculties  []*Faculty
	Placements []*Placement
	Stories    []*Story
	Resources  []*Resource
}

// Faculty is a published faculty with its entries, each list sorted for
// display.
type Faculty struct {
	*content.Faculty
	System     *System
	Partners   []*Partner
	Stories    []*Story
	Resources  []*Resource
	Placements []*Placement
}

// Partner is a faculty's partner organisation.
type Partner struct {
	*content.Partner
	Faculty    *Faculty
	Placements []*Placement
	// fold is the title in lower case, the key partners sort by.
	fold string
}

// Story is a showcase story; Faculty is nil for national stories.
type Story struct {
	*content.Story
	Faculty *Faculty
}

// Resource is a resource; Faculty is nil for national resources.
type Resource struct {
	*content.Resource
	Faculty *Faculty
	// File is the site path of a resource file beside the page, when link
	// names one.
	File string
	// fold is the title in lower case, the key resources sort by.
	fold string
}

// Placement is a placement with its host and effective status.
type Placement struct {
	*content.Placement
	Faculty *Faculty
	Host    *Partner
	// State is open, full, closed or withdrawn on the build date.
	State string
	// single holds the values of the facets that take one (see
	// PlacementFacets), so that they are listed without a slice each.
	single [singles]string
}

// Open reports whether the placement appears in the finder and feeds.
func (p *Placement) Open() bool { return p.State == "open" || p.State == "full" }

// Region returns the region with the given slug, or nil.
func (s *Site) Region(slug string) *Region { return s.regions[slug] }

// System returns the system with the given slug, or nil.
func (s *Site) System(slug string) *System { return s.systems[slug] }

// Profession returns the profession with the given slug, or nil.
func (s *Site) Profession(slug string) *Profession { return s.professions[slug] }

// Label returns the display name of a slug in the named vocabulary or
// reference list ("professions", "regions", "systems", "setting", …).
func (s *Site) Label(vocabulary, slug string) string {
	switch vocabulary {
	case "professions":
		if p := s.professions[slug]; p != nil {
			return p.Name
		}
	case "regions":
		if r := s.regions[slug]; r != nil {
			return r.Name
		}
	case "systems":
		if r := s.systems[slug]; r != nil {
			return r.Name
		}
	default:
		if v := s.Vocabularies[vocabulary]; v != nil {
			return v.Label(slug)
		}
	}
	return slug
}

// OpenPlacements returns the placements that appear in the finder.
func (s *Site) OpenPlacements() []*Placement { return open(s.Placements) }

// OpenPlacements returns the faculty's placements that are open or full.
func (f *Faculty) OpenPlacements() []*Placement { return open(f.Placements) }

// OpenPlacements returns the profession's placements that are open or full.
func (p *Profession) OpenPlacements() []*Placement { return open(p.Placements) }

func open(list []*Placement) []*Placement {
	var out []*Placement
	for _, p := range list {
		if p.Open() {
			out = append(out, p)
		}
	}
	return out
}

// OpenPlacements returns the open or full placements of the region's
// faculties.
func (r *Region) OpenPlacements() []*Placement {
	var out []*Placement
	for _, f := range r.Faculties {
		out = append(out, f.OpenPlacements()...)
	}
	return out
}
