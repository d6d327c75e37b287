package site

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"github.com/facultyhub/facultyhub/internal/content"
)

// TestCompareFoldIsToLowerCompare: compareFold orders as comparing the
// lower-cased strings does, which is what the listings were sorted by.
func TestCompareFoldIsToLowerCompare(t *testing.T) {
	words := []string{"", "a", "A", "ab", "Ab", "aB", "b", "B", "Åsa", "åsa", "Zoë", "zoe", "ZOË", "İstanbul",
		"istanbul", "Σίσυφος", "σίσυφος", "straße", "STRASSE", "\xff", "a\xffb", "Œuvre", "oeuvre", "NHS", "nhs trust"}
	for _, a := range words {
		for _, b := range words {
			if got, want := compareFold(a, b), cmp.Compare(strings.ToLower(a), strings.ToLower(b)); got != want {
				t.Errorf("compareFold(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

// TestGroupIsFilterOfEachValue: Group gives every value the placements
// Filter gives it, in the same order.
func TestGroupIsFilterOfEachValue(t *testing.T) {
	ps := []*Placement{
		{Placement: &content.Placement{Professions: []string{"a", "b"}, Setting: "ward"}},
		{Placement: &content.Placement{Professions: []string{"b", "b"}, Setting: ""}},
		{Placement: &content.Placement{Professions: nil, Setting: "ward"}},
		{Placement: &content.Placement{Professions: []string{"c", "a"}, Setting: "home"}},
	}
	for _, f := range []Facet{PlacementFacets[0], PlacementFacets[3]} {
		groups := f.Group(ps)
		for v, got := range groups {
			if want := f.Filter(ps, v); !slices.Equal(got, want) {
				t.Errorf("%s=%s: Group %v, Filter %v", f.Key, v, got, want)
			}
		}
		for _, v := range []string{"a", "b", "c", "ward", "home"} {
			if len(f.Filter(ps, v)) > 0 && groups[v] == nil {
				t.Errorf("%s=%s: Filter finds placements, Group none", f.Key, v)
			}
		}
	}
}
