package build

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/facultyhub/facultyhub/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite the golden pages under testdata/golden/")

// TestGoldenPages compares one page of each kind, unminified, with
// testdata/golden/. After an intended change to the theme or the page
// model, refresh them with go test ./internal/build -run Golden -update
// and read the diff.
func TestGoldenPages(t *testing.T) {
	src := t.TempDir()
	sitetest.Write(t, src, sitetest.Valid(t, nil))
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Source: src, Dest: dest, Today: today, NoMinify: true})
	if err != nil || res.Failed() {
		t.Fatalf("%v %v", err, res.Diagnostics)
	}
	pages := map[string]string{
		"home":       "index.html",
		"faculties":  "faculties/index.html",
		"faculty":    "faculties/north-shire/index.html",
		"listing":    "faculties/north-shire/placements/index.html",
		"partner":    "faculties/north-shire/partners/north-trust/index.html",
		"story":      "faculties/north-shire/stories/first-cohort/index.html",
		"resource":   "faculties/north-shire/resources/guide/index.html",
		"placement":  "faculties/north-shire/placements/ward-rehab/index.html",
		"region":     "regions/northmarch/index.html",
		"profession": "professions/kinetic-therapists/index.html",
		"finder":     "placements/index.html",
		"library":    "resources/index.html",
		"page":       "about/index.html",
		"search":     "search/index.html",
		"404":        "404.html",
	}
	for kind, p := range pages {
		t.Run(kind, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(dest, p))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", kind+".html")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("%s differs from %s (refresh with -update if intended):\n%s", p, golden, firstDiff(string(want), string(got)))
			}
		})
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n want %s\n  got %s", i+1, wl, gl)
		}
	}
	return ""
}
