package site

import (
	"cmp"
	"strings"
	"testing"
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
