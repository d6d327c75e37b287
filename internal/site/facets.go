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
	{Key: "region", Label: "Region", Vocabulary: "regions", values: func(p *Placement) []string { return p.one(regionValue) }},
	{Key: "system", Label: "Integrated care system", Vocabulary: "systems", values: func(p *Placement) []string { return p.one(systemValue) }},
	{Key: "setting", Label: "Setting", Vocabulary: "setting", values: func(p *Placement) []string { return p.one(settingValue) }},
	{Key: "model", Label: "Placement model", Vocabulary: "model", values: func(p *Placement) []string { return p.Models }},
	{Key: "route", Label: "How to get it", Vocabulary: "route", values: func(p *Placement) []string { return p.one(routeValue) }},
}

// The places of the single-valued facets in Placement.single.
const (
	regionValue = iota
	systemValue
	settingValue
	routeValue
	singles
)

// fillSingles sets p.single from its fields, faculty and system.
func (p *Placement) fillSingles() {
	if r := p.Faculty.System.Region; r != nil {
		p.single[regionValue] = r.Slug
	}
	p.single[systemValue] = p.Faculty.System.Slug
	p.single[settingValue] = p.Setting
	p.single[routeValue] = p.Route
}

// one lists the value at i of p.single, if it has one: a slice of the
// placement itself, not a new one (the finder lists every placement's
// values at every preview change).
func (p *Placement) one(i int) []string {
	if p.single[i] == "" {
		return nil
	}
	return p.single[i : i+1 : i+1]
}

// Values returns the placement's values for the facet. Every placement of
// a Site has a faculty and a system (New sees to it).
func (f Facet) Values(p *Placement) []string { return f.values(p) }

// FacetValue is one value of a facet with the number of entries that
// have it.
type FacetValue struct {
	Slug  string
	Name  string
	Count int
}

// TallySpec is one facet for Tally: the vocabulary of its values and
// what they are for an item.
type TallySpec[T any] struct {
	Vocabulary string
	Values     func(T) []string
}

// Tallied is what Tally finds for one facet: the values the items have,
// with their counts, in the vocabulary's order (values outside it after,
// by slug), and each value's items in their own order.
type Tallied[T any] struct {
	Values  []FacetValue
	Members map[string][]T
}

// Tally groups items by the values each of facets gives them. An item
// that lists a value twice has it once. The placement finder and the
// faceted stories and resources are made from it. It makes one pass over
// the items for all the facets: the finder tallies six facets of ten
// thousand placements at every preview change.
func Tally[T any](s *Site, items []T, facets ...TallySpec[T]) []Tallied[T] {
	// Items are grouped in lists found by a map lookup, not appended
	// through the map: a facet's few values take tens of thousands of
	// appends in a national site.
	type groups struct {
		index map[string]int
		lists [][]T
	}
	gs := make([]groups, len(facets))
	for i := range gs {
		gs[i].index = map[string]int{}
	}
	for _, it := range items {
		for f, spec := range facets {
			g := &gs[f]
			vs := spec.Values(it)
			for i, v := range vs {
				if slices.Contains(vs[:i], v) {
					continue
				}
				n, ok := g.index[v]
				if !ok {
					n = len(g.lists)
					g.index[v] = n
					g.lists = append(g.lists, nil)
				}
				g.lists[n] = append(g.lists[n], it)
			}
		}
	}
	out := make([]Tallied[T], len(facets))
	for f, spec := range facets {
		members := make(map[string][]T, len(gs[f].index))
		for v, n := range gs[f].index {
			members[v] = gs[f].lists[n]
		}
		out[f] = Tallied[T]{Values: facetValues(s, spec.Vocabulary, members), Members: members}
	}
	return out
}

// facetValues lists the values of members with their counts: in the
// vocabulary's order, then those outside it by slug.
func facetValues[T any](s *Site, vocabulary string, members map[string][]T) []FacetValue {
	var out []FacetValue
	listed := map[string]bool{}
	for _, slug := range s.Order(vocabulary) {
		if n := len(members[slug]); n > 0 {
			out = append(out, FacetValue{Slug: slug, Name: s.Label(vocabulary, slug), Count: n})
			listed[slug] = true
		}
	}
	known := len(out)
	for slug, list := range members {
		if !listed[slug] {
			out = append(out, FacetValue{Slug: slug, Name: s.Label(vocabulary, slug), Count: len(list)})
		}
	}
	slices.SortFunc(out[known:], func(a, b FacetValue) int { return cmp.Compare(a.Slug, b.Slug) })
	return out
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
