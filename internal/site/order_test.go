package site

import (
	"slices"
	"testing"

	"github.com/facultyhub/facultyhub/internal/content"
)

// TestTallyGroupsEveryValue: every value an item has lists the item, in
// the items' order and once even when the item lists the value twice;
// counts match; vocabulary values come in the vocabulary's order.
func TestTallyGroupsEveryValue(t *testing.T) {
	s := &Site{Vocabularies: map[string]*content.Vocabulary{"setting": {Terms: []content.Term{{Slug: "ward"}, {Slug: "home"}}}}}
	ps := []*Placement{
		{Placement: &content.Placement{Professions: []string{"a", "b"}, Setting: "ward"}},
		{Placement: &content.Placement{Professions: []string{"b", "b"}, Setting: ""}},
		{Placement: &content.Placement{Professions: nil, Setting: "ward"}},
		{Placement: &content.Placement{Professions: []string{"c", "a"}, Setting: "home"}},
	}
	fac := &Faculty{System: &System{}}
	for _, p := range ps {
		p.Faculty = fac
		p.fillSingles() // as New does
	}
	for _, f := range []Facet{PlacementFacets[0], PlacementFacets[3]} {
		tally := Tally(s, ps, TallySpec[*Placement]{f.Vocabulary, f.Values})[0]
		values, members := tally.Values, tally.Members
		var order []string
		for _, v := range values {
			order = append(order, v.Slug)
			var want []*Placement
			for _, p := range ps {
				if slices.Contains(f.Values(p), v.Slug) {
					want = append(want, p)
				}
			}
			if got := members[v.Slug]; !slices.Equal(got, want) || v.Count != len(want) {
				t.Errorf("%s=%s: %d listed (count %d), want %d", f.Key, v.Slug, len(got), v.Count, len(want))
			}
		}
		if len(members) != len(values) {
			t.Errorf("%s: %d groups for %d values", f.Key, len(members), len(values))
		}
		want := map[string][]string{"profession": {"a", "b", "c"}, "setting": {"ward", "home"}}[f.Key]
		if !slices.Equal(order, want) {
			t.Errorf("%s: values in order %v, want %v", f.Key, order, want)
		}
	}
}
