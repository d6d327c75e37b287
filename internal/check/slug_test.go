package check

import (
	"regexp"
	"testing"
)

// slugRE is the rule isSlug implements by hand.
var slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

func FuzzIsSlug(f *testing.F) {
	for _, s := range []string{"", "a", "ward-rehab", "-a", "a-", "a--b", "A", "é", "a_b", "2027-intake", "a-b-c1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isSlug(s), slugRE.MatchString(s); got != want {
			t.Errorf("isSlug(%q) = %v, the regexp says %v", s, got, want)
		}
	})
}
