package check_test

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/internal/check"
	"github.com/facultyhub/facultyhub/internal/content"
)

// TestShippedContent keeps the hub's own content from rotting: it must
// check clean (the only warnings are the placements closed on purpose)
// and keep the coverage a new user needs to see every feature.
func TestShippedContent(t *testing.T) {
	// The demonstration placements were written on this day; judging them
	// on a fixed date keeps the test from changing with the calendar.
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	hub, diags := content.Load(os.DirFS("../.."))
	diags = append(diags, check.Run(hub, check.Options{Today: day})...)
	for _, d := range diags {
		if d.Code != "placement-closed" {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}

	if len(hub.Regions) != 7 || len(hub.Systems) != 42 || len(hub.Professions) != 14 {
		t.Errorf("reference data: %d regions, %d systems, %d professions; want 7, 42, 14",
			len(hub.Regions), len(hub.Systems), len(hub.Professions))
	}

	owned := map[string]map[content.Kind]int{}
	for _, d := range hub.Documents {
		if owned[d.System] == nil {
			owned[d.System] = map[content.Kind]int{}
		}
		owned[d.System][d.Kind]++
	}
	regions := map[string]bool{}
	for _, f := range hub.Faculties {
		if !f.Demonstration {
			t.Errorf("%s: shipped faculties must be marked demonstration: true", f.Path)
		}
		regions[hub.System(f.System).Region] = true
		count := func(n int, kind string, lo, hi int) {
			if n < lo || n > hi {
				t.Errorf("%s has %d %s, want %d–%d", f.System, n, kind, lo, hi)
			}
		}
		count(owned[f.System][content.KindPartner], "partners", 4, 8)
		count(owned[f.System][content.KindStory], "stories", 2, 4)
		count(owned[f.System][content.KindResource], "resources", 3, 6)
		count(owned[f.System][content.KindPlacement], "placements", 5, 12)
		sectors := map[string]bool{}
		for _, p := range hub.Partners {
			if p.System == f.System {
				sectors[p.Sector] = true
			}
		}
		if len(sectors) < 3 {
			t.Errorf("%s: partners come from %d sectors, want several", f.System, len(sectors))
		}
	}
	if len(hub.Faculties) != 6 || len(regions) != 6 {
		t.Errorf("%d demonstration faculties in %d regions, want 6 in 6", len(hub.Faculties), len(regions))
	}

	professions, settings, models, statuses := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]int{}
	for _, p := range hub.Placements {
		for _, s := range p.Professions {
			professions[s] = true
		}
		for _, m := range p.Models {
			models[m] = true
		}
		settings[p.Setting] = true
		statuses[p.EffectiveStatus(day)]++
	}
	if len(professions) != len(hub.Professions) {
		t.Errorf("placements cover %d of %d professions", len(professions), len(hub.Professions))
	}
	if len(settings) < 8 {
		t.Errorf("placements cover %d settings, want at least 8", len(settings))
	}
	if want := hub.Vocabularies["model"].Slugs(); len(models) != len(want) {
		t.Errorf("placements use %d of %d models", len(models), len(want))
	}
	if statuses["closed"] == 0 || statuses["withdrawn"] != 1 {
		t.Errorf("placement statuses %v: want some closed and exactly one withdrawn", statuses)
	}

	var national struct{ stories, resources int }
	withImage := 0
	for _, s := range hub.Stories {
		if s.System == "" {
			national.stories++
		}
		if s.Image.Src != "" && s.Image.Alt != "" {
			withImage++
		}
	}
	for _, r := range hub.Resources {
		if r.System == "" {
			national.resources++
		}
	}
	if national.stories < 3 || national.stories > 5 || national.resources < 10 || national.resources > 20 {
		t.Errorf("national content: %d stories (want 3–5), %d resources (want 10–20)", national.stories, national.resources)
	}
	if withImage == 0 {
		t.Error("no story has an image with alt text")
	}
	var pages []string
	for _, p := range hub.Pages {
		pages = append(pages, p.Path)
	}
	for _, want := range []string{"content/about.md", "content/publish-your-faculty.md", "content/accessibility.md", "content/history.md", "content/what-makes-a-faculty-work.md", "content/the-14-professions.md"} {
		if !slices.Contains(pages, want) {
			t.Errorf("national page %s is missing", want)
		}
	}
}
