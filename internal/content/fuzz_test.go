package content_test

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/facultyhub/facultyhub/internal/check"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/diag"
	"github.com/facultyhub/facultyhub/internal/sitetest"
)

// FuzzLoadAndCheck feeds arbitrary bytes as a placement file (front
// matter and Markdown) through loading and every check rule. Whatever the
// input, nothing may panic, and every diagnostic must name the file with a
// sane position.
func FuzzLoadAndCheck(f *testing.F) {
	seeds := []string{
		"---\ntitle: Ward\nsummary: S\nhost: north-trust\nprofessions: [kinetic-therapists]\nsetting: acute\n---\nBody [x](../partners/north-trust.md#who)\n",
		"---\ntitle: x\nsummary: [unclosed\n---\n",
		"---\ntitle: x\n\nno closing line\n",
		"---\ntitle: Caf\xe9\n---\n",
		"---\ncapacity: lots\nduration_weeks: 1.5\nhours_per_week: many\n---\n",
		"---\nsetting: acutee\nmodel: [traditional, {a: b}]\nprofessions: kinetic\n---\n",
		"---\nhost: nobody\nprofessions: []\nstarts: [2027-13-01, 2026-02-30]\ncloses: 2026-02-30\n---\n",
		"---\ntitle: t\n---\n[gone](missing.md) [anchor](#nowhere) ![](x.png) [js](javascript:alert(1)) <javascript:alert(1)> x@y\n",
		"---\napply: \" JaVaScRiPt:alert(1)\"\nlocation: [not, a, map]\nimage: {src: \"\", alt: \"\"}\n---\n",
		"+++\ntitle = \"T\"\ncapacity = \"lots\"\n[location]\ntown = 3\n+++\nBody\n",
		"+++\ntitle = \n+++\n",
		"---\n- a list\n- not a map\n---\n",
		"---\na: &x [*x]\nb: *y\n---\n",
		"---\n? [complex, key]\n: value\n---\n",
		"\xef\xbb\xbf---\ntitle: BOM\n---\n",
		"---\ntitle: x\ntitle: y\n---\n",
		"",
		"---\n---\n",
		"# Just Markdown\n\n| a | b |\n|---|---|\n| [x](../a.md#b) | ~~y~~ |\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	base := sitetest.Valid(f, nil)
	const target = "content/faculties/north-shire/placements/fuzz.md"
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, src string) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[target] = &fstest.MapFile{Data: []byte(src)}
		fsys["content/fuzz-page.md"] = &fstest.MapFile{Data: []byte(src)}
		hub, diags := content.Load(fsys)
		diags = append(diags, check.Run(hub, check.Options{Today: today})...)
		for _, d := range diags {
			if d.Path == "" || d.Line < 0 || d.Col < 0 || d.Message == "" || d.Code == "" {
				t.Fatalf("malformed diagnostic %+v", d)
			}
			if d.Severity != diag.Error && d.Severity != diag.Warning {
				t.Fatalf("bad severity in %+v", d)
			}
		}
	})
}
