package check_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/internal/check"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/diag"
	"github.com/facultyhub/facultyhub/internal/sitetest"
)

var today = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

func diagnose(t *testing.T, edits map[string]string) diag.List {
	t.Helper()
	fsys := sitetest.Valid(t, edits)
	hub, diags := content.Load(fsys)
	diags = append(diags, check.Run(hub, check.Options{Today: today})...)
	diags.Sort()
	return diags
}

func TestValidSiteIsClean(t *testing.T) {
	if diags := diagnose(t, nil); len(diags) > 0 {
		t.Fatalf("want no diagnostics, got:\n%s", render(diags))
	}
}

func render(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		fmt.Fprintf(&b, "%s [%s]\n", d, d.Code)
	}
	return b.String()
}

// want is one expected diagnostic: where, which code, and words its
// message must contain.
type want struct {
	at       string // path:line:col
	severity diag.Severity
	code     string
	words    string
}

const placement = "content/faculties/north-shire/placements/ward-rehab.md"

// placementWith returns the valid placement with front-matter lines
// replaced: each pair is an old line and its replacement.
func placementWith(pairs ...string) string {
	src := `---
title: Ward rehabilitation
summary: Rehab on a ward.
host: north-trust
professions: [kinetic-therapists]
setting: acute
model: [traditional, long-arm]
starts: 2027-01-10
closes: 2026-12-20
capacity: 2
apply: placements@example.org
---
## What you will do

Hosted by [North Trust](../partners/north-trust.md).
`
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(src, pairs[i]) {
			panic("placementWith: no line " + pairs[i])
		}
		src = strings.Replace(src, pairs[i], pairs[i+1], 1)
	}
	return src
}

func TestRules(t *testing.T) {
	tests := []struct {
		name  string
		edits map[string]string
		want  []want
	}{
		{"malformed YAML", map[string]string{placement: placementWith("capacity: 2", "capacity: [2")},
			[]want{{placement + ":10:1", diag.Error, "bad-front-matter", "cannot be read"}}},
		{"key written twice", map[string]string{placement: placementWith("capacity: 2", "capacity: 2\ncapacity: 3")},
			[]want{{placement + ":11:1", diag.Error, "duplicate-key", "first at line 10"}}},
		{"unclosed front matter", map[string]string{placement: "---\ntitle: x\nsummary: y\n\nBody text.\n"},
			[]want{{placement + ":1:1", diag.Error, "unclosed-front-matter", `"---"`}}},
		{"not UTF-8", map[string]string{placement: placementWith("Rehab on a ward.", "Rehab \xff on a ward.")},
			[]want{{placement + ":3:16", diag.Error, "not-utf8", "UTF-8"}}},
		{"missing required field", map[string]string{placement: placementWith("setting: acute\n", "")},
			[]want{{placement + ":1:1", diag.Error, "missing-field", `"setting"`}}},
		{"empty required list", map[string]string{placement: placementWith("professions: [kinetic-therapists]", "professions: []")},
			[]want{{placement + ":5:1", diag.Error, "missing-field", "at least one"}}},
		{"wrong type", map[string]string{placement: placementWith("capacity: 2", "capacity: lots")},
			[]want{{placement + ":10:11", diag.Error, "wrong-type", `capacity must be a whole number, not "lots"`}}},
		{"value outside vocabulary", map[string]string{placement: placementWith("setting: acute", "setting: acutee")},
			[]want{{placement + ":6:10", diag.Error, "unknown-value", `did you mean "acute"`}}},
		{"model list item outside vocabulary", map[string]string{placement: placementWith("long-arm]", "long-armm]")},
			[]want{{placement + ":7:22", diag.Error, "unknown-value", `did you mean "long-arm"`}}},
		{"faculty status outside its values", map[string]string{"content/faculties/north-shire/_index.md": strings.Replace(facultySrc, "status: established", "status: establised", 1)},
			[]want{{"content/faculties/north-shire/_index.md:3:9", diag.Error, "unknown-value", `did you mean "established"`}}},
		{"unknown profession", map[string]string{placement: placementWith("[kinetic-therapists]", "[kinetic-therapist]")},
			[]want{{placement + ":5:15", diag.Error, "unknown-profession", `did you mean "kinetic-therapists"`}}},
		{"unknown host", map[string]string{placement: placementWith("host: north-trust", "host: north-trusts")},
			[]want{{placement + ":4:7", diag.Error, "unknown-partner", `did you mean "north-trust"`}}},
		{"unknown system folder", map[string]string{
			"content/faculties/nort-shire/_index.md":       facultySrc,
			"content/faculties/nort-shire/placements/x.md": placementWith("host: north-trust", "host: north-trust"),
		}, []want{
			{"content/faculties/nort-shire/_index.md:1:1", diag.Error, "unknown-system", `did you mean "north-shire"`},
			{"content/faculties/nort-shire/placements/x.md:4:7", diag.Error, "unknown-partner", "not a partner"},
			// The copied pages' links to partners break too: the partner
			// is not in this folder.
			{"content/faculties/nort-shire/_index.md:13:18", diag.Error, "broken-link", "does not exist"},
			{"content/faculties/nort-shire/placements/x.md:15:11", diag.Error, "broken-link", "does not exist"},
		}},
		{"system key disagrees with folder", map[string]string{"content/faculties/north-shire/_index.md": strings.Replace(facultySrc, "status: established", "status: established\nsystem: south-shire", 1)},
			[]want{{"content/faculties/north-shire/_index.md:4:1", diag.Error, "system-mismatch", "does not match the folder"}}},
		{"content without a faculty page", map[string]string{"content/faculties/south-shire/partners/p.md": "---\ntitle: P\nsector: hei\n---\n"},
			[]want{{"content/faculties/south-shire/partners/p.md:1:1", diag.Error, "no-faculty", "new faculty south-shire"}}},
		{"impossible date", map[string]string{placement: placementWith("closes: 2026-12-20", "closes: 2026-02-30")},
			[]want{{placement + ":9:9", diag.Error, "bad-date", "not a real date"}}},
		{"impossible date in a list", map[string]string{placement: placementWith("starts: 2027-01-10", "starts: [2027-01-10, 2027-13-01]")},
			[]want{{placement + ":8:22", diag.Error, "bad-date", `"2027-13-01"`}}},
		{"relative link to a missing page", map[string]string{placement: placementWith("../partners/north-trust.md", "../partners/north-trst.md")},
			[]want{{placement + ":15:11", diag.Error, "broken-link", `did you mean "north-trust.md"`}}},
		{"link to a missing anchor", map[string]string{"content/about.md": "---\ntitle: About\n---\nSee [x](faculties/north-shire/_index.md#who-we-ar).\n"},
			[]want{{"content/about.md:4:5", diag.Error, "broken-link", "did you mean #who-we-are"}}},
		{"link to an own missing anchor", map[string]string{"content/about.md": "---\ntitle: About\n---\n## Intro\n\nBack to [top](#intr).\n"},
			[]want{{"content/about.md:6:9", diag.Error, "broken-link", "this page has no heading"}}},
		{"site-absolute link to nothing", map[string]string{"content/about.md": "---\ntitle: About\n---\nSee [x](/nowhere/) and [y](/placements/) and [z](/regions/northmarch/).\n"},
			[]want{{"content/about.md:4:5", diag.Error, "broken-link", "does not lead to a page"}}},
		{"image without alt text", map[string]string{"content/faculties/north-shire/stories/first-cohort.md": strings.Replace(storySrc, "![Students in a clinic](photo.png)", "Look:\n\n![](photo.png)", 1)},
			[]want{{"content/faculties/north-shire/stories/first-cohort.md:9:1", diag.Error, "missing-alt", "no alt text"}}},
		{"image missing on disk", map[string]string{"content/faculties/north-shire/stories/photo.png": ""},
			[]want{
				{"content/faculties/north-shire/stories/first-cohort.md:5:14", diag.Error, "missing-file", "no file content/faculties/north-shire/stories/photo.png"},
				{"content/faculties/north-shire/stories/first-cohort.md:7:1", diag.Error, "broken-link", "the image content/faculties/north-shire/stories/photo.png does not exist"},
			}},
		{"image front matter without alt", map[string]string{"content/faculties/north-shire/stories/first-cohort.md": strings.Replace(storySrc, "image: {src: photo.png, alt: Students in a clinic}", "image: {src: photo.png}", 1)},
			[]want{{"content/faculties/north-shire/stories/first-cohort.md:5:1", diag.Error, "missing-field", `"image.alt"`}}},
		{"javascript URL in Markdown", map[string]string{"content/about.md": "---\ntitle: About\n---\nClick [here](javascript:alert(1)).\n"},
			[]want{{"content/about.md:4:7", diag.Error, "unsafe-url", "unsafe javascript: scheme"}}},
		{"javascript URL in front matter", map[string]string{"content/faculties/north-shire/partners/north-trust.md": "---\ntitle: North Trust\nsector: nhs-trust\nwebsite: \" JavaScript:alert(1)\"\n---\n"},
			[]want{{"content/faculties/north-shire/partners/north-trust.md:4:10", diag.Error, "unsafe-url", "unsafe javascript: scheme"}}},
		{"bad email", map[string]string{placement: placementWith("apply: placements@example.org", "apply: placements@example")},
			[]want{{placement + ":11:8", diag.Error, "bad-email", "not an email address"}}},
		{"duplicate URL", map[string]string{"content/about/_index.md": "---\ntitle: About again\n---\n"},
			[]want{{"content/about/_index.md:1:1", diag.Error, "duplicate-url", "content/about.md would both be published at /about/"}}},
		{"unknown key", map[string]string{placement: placementWith("capacity: 2", "capacity: 2\ncapacty: 3")},
			[]want{{placement + ":11:1", diag.Warning, "unknown-key", `did you mean "capacity"`}}},
		{"closed placement", map[string]string{placement: placementWith("closes: 2026-12-20", "closes: 2026-10-01")},
			[]want{{placement + ":9:1", diag.Warning, "placement-closed", "closed on 2026-10-01"}}},
		{"stale review", map[string]string{"content/faculties/north-shire/_index.md": strings.Replace(facultySrc, "reviewed: 2026-06-01", "reviewed: 2025-06-01", 1)},
			[]want{{"content/faculties/north-shire/_index.md:9:1", diag.Warning, "stale-review", "more than 12 months"}}},
		{"faculty without placements", map[string]string{placement: ""},
			[]want{{"content/faculties/north-shire/_index.md:1:1", diag.Warning, "no-placements", "new placement north-shire"}}},
		{"front matter in TOML", map[string]string{placement: "+++\ntitle = \"Ward\"\nsummary = \"S\"\nhost = \"north-trust\"\nprofessions = [\"kinetic-therapists\"]\nsetting = \"acutee\"\ncapacity = \"lots\"\n+++\nBody.\n"},
			[]want{
				{placement + ":6:1", diag.Error, "unknown-value", `did you mean "acute"`},
				{placement + ":7:1", diag.Error, "wrong-type", "capacity must be a whole number"},
			}},
		{"system with unknown region", map[string]string{"content/_data/systems.yaml": "- slug: north-shire\n  name: North Shire\n  region: northmarsh\n- slug: north-shire\n  name: Again\n  region: northmarch\n"},
			[]want{
				{"content/_data/systems.yaml:3:3", diag.Error, "unknown-region", `did you mean "northmarch"`},
				{"content/_data/systems.yaml:4:3", diag.Error, "duplicate-slug", "already defined at line 1"},
			}},
		{"wrong required date reported once", map[string]string{"content/faculties/north-shire/stories/first-cohort.md": strings.Replace(storySrc, "date: 2026-05-01", "date: 1 May 2026", 1)},
			[]want{{"content/faculties/north-shire/stories/first-cohort.md:3:7", diag.Error, "bad-date", "not a real date"}}},
		{"web address without a scheme", map[string]string{"content/faculties/north-shire/partners/north-trust.md": "---\ntitle: North Trust\nsector: nhs-trust\nwebsite: www.example.org/trust\n---\n"},
			[]want{{"content/faculties/north-shire/partners/north-trust.md:4:10", diag.Error, "bad-url", "https://www.example.org/trust"}}},
		{"alias used twice", map[string]string{
			"content/about.md":   "---\ntitle: About\naliases: [/old/]\n---\n",
			"content/history.md": "---\ntitle: History\naliases: [/old/]\n---\n",
		}, []want{{"content/history.md:3:11", diag.Error, "duplicate-url", "also an alias of content/about.md"}}},
		{"awkward file name", map[string]string{"content/Our Team.md": "---\ntitle: Team\n---\n"},
			[]want{{"content/Our Team.md:1:1", diag.Warning, "bad-slug", "our-team.md"}}},
		{"vocabulary replaced from _data", map[string]string{"content/_data/setting.yaml": "- slug: hospital-ward\n  name: Hospital ward\n"},
			[]want{{placement + ":6:10", diag.Error, "unknown-value", "use one of: hospital-ward"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diagnose(t, tt.edits)
			if len(got) != len(tt.want) {
				t.Errorf("got %d diagnostics, want %d:\n%s", len(got), len(tt.want), render(got))
			}
			for _, w := range tt.want {
				if !has(got, w) {
					t.Errorf("missing %s: %s [%s] %q; got:\n%s", w.at, w.severity, w.code, w.words, render(got))
				}
			}
		})
	}
}

func has(l diag.List, w want) bool {
	for _, d := range l {
		at := fmt.Sprintf("%s:%d:%d", d.Path, d.Line, d.Col)
		if at == w.at && d.Severity == w.severity && d.Code == w.code && strings.Contains(d.Message, w.words) {
			return true
		}
	}
	return false
}

const facultySrc = `---
title: North Shire AHP Faculty
status: established
summary: The faculty of North Shire.
lead: {name: Faculty lead, role: Lead, email: lead@example.org}
contact: team@example.org
professions: [kinetic-therapists]
priorities: [placements, cpd]
reviewed: 2026-06-01
---
## Who we are

Partners include [the trust](partners/north-trust.md).
`

const storySrc = `---
title: Our first cohort
date: 2026-05-01
summary: Students arrived.
image: {src: photo.png, alt: Students in a clinic}
---
![Students in a clinic](photo.png)
`
