package site

import (
	"cmp"
	"slices"
)

// Facet is one dimension the placement finder filters by.
type Facet struct {
	// Key is the name used in URLs (?profession=…, /placements/profession/…).
	Key string
	// Label is the heading shown to people.
	Label string
	// Vocabulary names the list its values come from (see Site.Label).
	Vocabulary string
	values     func(*Placement) []string
}

// PlacementFacets are the finder's facets, in display order.
var PlacementFacets = []Facet{
	{Key: "profession", Label: "Profession", Vocabulary: "professions", values: func(p *Placement) []string { return p.Professions }},
	{Key: "region", Label: "Region", Vocabulary: "regions", values: func(p *Placement) []string {
		if p.Faculty.System.Region == nil {
			return nil
		}
		return one(p.Faculty.System.Region.Slug)
	}},
	{Key: "system", Label: "Integrated care system", Vocabulary: "systems", values: func(p *Placement) []string { return one(p.Faculty.System.Slug) }},
	{Key: "setting", Label: "Setting", Vocabulary: "setting", values: func(p *Placement) []string { return one(p.Setting) }},
	{Key: "model", Label: "Placement model", Vocabulary: "model", values: func(p *Placement) []string { return p.Models }},
	{Key: "route", Label: "How to get it", Vocabulary: "route", values: func(p *Placement) []string { return one(p.Route) }},
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// Values returns the placement's values for the facet. Every placement of
// a Site has a faculty and a system (New sees to it).
func (f Facet) Values(p *Placement) []string { return f.values(p) }

// FacetValue is one value of a facet with the number of placements that
// have it.
type FacetValue struct {
	Slug  string
	Name  string
	Count int
}

// Count tallies the facet's values over placements, in vocabulary order
// where the vocabulary has one, otherwise by name. Values no placement has
// are left out.
func (s *Site) Count(f Facet, placements []*Placement) []FacetValue {
	counts := map[string]int{}
	for _, p := range placements {
		for _, v := range f.Values(p) {
			counts[v]++
		}
	}
	var out []FacetValue
	for _, slug := range s.Order(f.Vocabulary) {
		if n := counts[slug]; n > 0 {
			out = append(out, FacetValue{Slug: slug, Name: s.Label(f.Vocabulary, slug), Count: n})
			delete(counts, slug)
		}
	}
	var rest []FacetValue
	for slug, n := range counts {
		rest = append(rest, FacetValue{Slug: slug, Name: s.Label(f.Vocabulary, slug), Count: n})
	}
	slices.SortFunc(rest, func(a, b FacetValue) int { return cmp.Compare(a.Slug, b.Slug) })
	return append(out, rest...)
}

// Order lists a vocabulary's slugs in their natural order: systems by
// name, the others as listed.
func (s *Site) Order(vocabulary string) []string {
	var out []string
	switch vocabulary {
	case "professions":
		for _, p := range s.Professions {
			out = append(out, p.Slug)
		}
	case "regions":
		for _, r := range s.Regions {
			out = append(out, r.Slug)
		}
	case "systems":
		systems := slices.Clone(s.Systems)
		slices.SortStableFunc(systems, func(a, b *System) int { return cmp.Compare(a.Name, b.Name) })
		for _, sys := range systems {
			out = append(out, sys.Slug)
		}
	default:
		if v := s.Vocabularies[vocabulary]; v != nil {
			out = v.Slugs()
		}
	}
	return out
}

// Filter returns the placements that have value for the facet.
func (f Facet) Filter(placements []*Placement, value string) []*Placement {
	var out []*Placement
	for _, p := range placements {
		if slices.Contains(f.Values(p), value) {
			out = append(out, p)
		}
	}
	return out
}

// Group sorts placements by the facet's values in one pass: each value
// maps to the placements that have it, in their order (Filter of every
// value at once).
func (f Facet) Group(placements []*Placement) map[string][]*Placement {
	out := map[string][]*Placement{}
	for _, p := range placements {
		for i, v := range f.Values(p) {
			if slices.Contains(f.Values(p)[:i], v) {
				continue // a value listed twice counts once, as in Filter
			}
			out[v] = append(out[v], p)
		}
	}
	return out
}
