package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/facultyhub/facultyhub/bench/corpus"
)

// TestCachedBuildsMatchCleanBuilds edits a generated site between builds
// that share a Cache — a body, front matter, a broken file and its fix,
// a new file, a deleted one — and holds every cached build to a clean
// build of the same tree: the same bytes and the same diagnostics.
func TestCachedBuildsMatchCleanBuilds(t *testing.T) {
	src := t.TempDir()
	if _, err := corpus.Write(src, corpus.Options{Scale: corpus.ScaleTiny, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	placements, err := filepath.Glob(filepath.Join(src, "content/faculties/*/placements/*.md"))
	if err != nil || len(placements) < 3 {
		t.Fatalf("generated placements: %v %v", placements, err)
	}
	original, err := os.ReadFile(placements[0])
	if err != nil {
		t.Fatal(err)
	}
	edit := func(path, data string) func() {
		return func() {
			if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	third, err := os.ReadFile(placements[2])
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name   string
		change func()
		fails  bool
	}{
		{"first build", func() {}, false},
		{"body edited", edit(placements[0], string(original)+"\n## Added\n\nA new [link](#added).\n"), false},
		{"front matter edited", edit(placements[0], strings.Replace(string(original), "title: ", "title: Renamed ", 1)), false},
		{"file broken", edit(placements[1], "---\ntitle: [unclosed\n---\n"), true},
		{"file fixed", edit(placements[1], string(original)), false},
		{"file added", edit(filepath.Join(filepath.Dir(placements[0]), "brand-new.md"), string(original)), false},
		// Other pages link to it: their diagnostics change, not its own.
		{"linked file deleted", func() {
			if err := os.Remove(placements[2]); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"linked file restored", edit(placements[2], string(third)), false},
	}
	cache := NewCache()
	cachedDest := filepath.Join(t.TempDir(), "cached")
	for _, step := range steps {
		step.change()
		cached, err := Build(context.Background(), Options{Source: src, Dest: cachedDest, Today: today, Cache: cache})
		if err != nil {
			t.Fatalf("%s: cached build: %v", step.name, err)
		}
		cleanDest := filepath.Join(t.TempDir(), "clean")
		clean, err := Build(context.Background(), Options{Source: src, Dest: cleanDest, Today: today})
		if err != nil {
			t.Fatalf("%s: clean build: %v", step.name, err)
		}
		if !slices.Equal(cached.Diagnostics, clean.Diagnostics) {
			t.Errorf("%s: diagnostics differ:\ncached %v\n clean %v", step.name, cached.Diagnostics, clean.Diagnostics)
		}
		if clean.Failed() != step.fails {
			t.Fatalf("%s: the clean build failed: %v, want %v: %v", step.name, clean.Failed(), step.fails, clean.Diagnostics)
		}
		if clean.Failed() {
			continue
		}
		if a, b := treeHash(t, cachedDest), treeHash(t, cleanDest); a != b {
			t.Errorf("%s: the cached build's output differs from a clean build's", step.name)
		}
	}
}
