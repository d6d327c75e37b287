package site_test

import (
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/internal/config"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/site"
	"github.com/facultyhub/facultyhub/internal/sitetest"
)

var today = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// placement returns a placement file for the test site's north-shire
// faculty with the given extra front matter.
func placement(title, extra string) string {
	return "---\ntitle: " + title + "\nsummary: S\nhost: north-trust\nprofessions: [kinetic-therapists]\nsetting: acute\n" + extra + "---\n"
}

func newSite(t *testing.T, edits map[string]string, opts site.Options) *site.Site {
	t.Helper()
	hub, diags := content.Load(sitetest.Valid(t, edits))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return site.New(config.Default(), hub, opts)
}

func TestPlacementStateAndOrder(t *testing.T) {
	dir := "content/faculties/north-shire/placements/"
	s := newSite(t, map[string]string{
		dir + "ward-rehab.md": "",
		dir + "a-late.md":     placement("Late", "closes: 2027-03-01\n"),
		dir + "b-soon.md":     placement("Soon", "closes: 2026-12-01\n"),
		dir + "c-undated.md":  placement("Undated", ""),
		dir + "d-past.md":     placement("Past", "closes: 2026-11-24\n"),
		dir + "e-today.md":    placement("Today", "closes: 2026-11-25\n"),
		dir + "f-full.md":     placement("Full", "status: full\n"),
		dir + "g-gone.md":     placement("Gone", "status: withdrawn\ncloses: 2027-01-01\n"),
		dir + "h-draft.md":    placement("Draft", "draft: true\n"),
	}, site.Options{Today: today})
	var got []string
	for _, p := range s.Placements {
		got = append(got, p.Title+":"+p.State)
	}
	want := []string{"Today:open", "Soon:open", "Late:open", "Undated:open", "Full:full", "Past:closed", "Gone:withdrawn"}
	if len(got) != len(want) {
		t.Fatalf("placements %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("placements %v, want %v", got, want)
		}
	}
	if n := len(s.OpenPlacements()); n != 5 {
		t.Errorf("%d placements in the finder, want 5 (open and full)", n)
	}
	if drafts := newSite(t, map[string]string{dir + "h-draft.md": placement("Draft", "draft: true\n")}, site.Options{Today: today, Drafts: true}); len(drafts.Placements) != 2 {
		t.Errorf("with drafts: %d placements, want 2", len(drafts.Placements))
	}
}

func TestFacetCounts(t *testing.T) {
	dir := "content/faculties/north-shire/placements/"
	s := newSite(t, map[string]string{
		dir + "two.md":   placement("Two", "model: [peer-assisted, traditional]\n"),
		dir + "sound.md": "---\ntitle: Sound\nsummary: S\nhost: north-trust\nprofessions: [sound-therapists, kinetic-therapists]\nsetting: community\n---\n",
	}, site.Options{Today: today})
	open := s.OpenPlacements()
	tests := []struct {
		facet string
		want  []site.FacetValue
	}{
		{"profession", []site.FacetValue{{"kinetic-therapists", "Kinetic therapists", 3}, {"sound-therapists", "Sound therapists", 1}}},
		{"setting", []site.FacetValue{{"acute", "Acute hospital", 2}, {"community", "Community", 1}}},
		// Vocabulary order, not alphabetical: traditional comes first.
		{"model", []site.FacetValue{{"traditional", "Traditional (one educator, one student)", 2}, {"peer-assisted", "Peer-assisted learning", 1}, {"long-arm", "Long-arm supervision", 1}}},
		{"region", []site.FacetValue{{"northmarch", "Northmarch", 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.facet, func(t *testing.T) {
			var f site.Facet
			for _, x := range site.PlacementFacets {
				if x.Key == tt.facet {
					f = x
				}
			}
			tally := site.Tally(s, open, site.TallySpec[*site.Placement]{Vocabulary: f.Vocabulary, Values: f.Values})[0]
			got, members := tally.Values, tally.Members
			if len(got) != len(tt.want) {
				t.Fatalf("%v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("%v, want %v", got, tt.want)
				}
			}
			if n := len(members[tt.want[0].Slug]); n != tt.want[0].Count {
				t.Errorf("%s has %d placements, count says %d", tt.want[0].Slug, n, tt.want[0].Count)
			}
		})
	}
}
