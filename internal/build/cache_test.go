package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

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
		matchClean(t, step.name, Options{Source: src, Dest: cachedDest, Today: today, Cache: cache}, step.fails)
	}
}

// matchClean builds with opts, then the same source cleanly into a new
// folder, and holds the first to the second: the same diagnostics, and
// unless the build fails (as fails says it must), the same bytes.
func matchClean(t *testing.T, step string, opts Options, fails bool) Result {
	t.Helper()
	cached, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("%s: build with the cache: %v", step, err)
	}
	cleanDest := filepath.Join(t.TempDir(), "clean")
	clean, err := Build(context.Background(), Options{Source: opts.Source, Dest: cleanDest, Today: opts.Today})
	if err != nil {
		t.Fatalf("%s: clean build: %v", step, err)
	}
	if !slices.Equal(cached.Diagnostics, clean.Diagnostics) {
		t.Errorf("%s: diagnostics differ:\ncached %v\n clean %v", step, cached.Diagnostics, clean.Diagnostics)
	}
	if clean.Failed() != fails {
		t.Fatalf("%s: the clean build failed: %v, want %v: %v", step, clean.Failed(), fails, clean.Diagnostics)
	}
	if !fails {
		if a, b := treeHash(t, opts.Dest), treeHash(t, cleanDest); a != b {
			t.Errorf("%s: the output differs from a clean build's", step)
		}
	}
	return cached
}

// TestBuildCacheMatchesCleanBuilds builds a generated site again and
// again into one destination with a build cache folder, as `facultyhub
// build` does, changing one thing between builds — an entry's body or
// title, a partner or faculty that other pages show, the configuration,
// the theme, a file added or deleted — and holds every build to a clean
// build of the same tree, byte for byte. A one-file edit must render a
// small part of the site; a failed build must leave the destination and
// the cache as they were.
func TestBuildCacheMatchesCleanBuilds(t *testing.T) {
	src := t.TempDir()
	if _, err := corpus.Write(src, corpus.Options{Scale: corpus.ScaleTiny, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	// Files dated well before the cache are trusted by their size and
	// time, without being read; each edit below dates its file now.
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
	glob := func(pattern string) []string {
		t.Helper()
		m, err := filepath.Glob(filepath.Join(src, pattern))
		if err != nil || len(m) < 2 {
			t.Fatalf("generated %s: %v %v", pattern, m, err)
		}
		return m
	}
	placements, partners := glob("content/faculties/*/placements/*.md"), glob("content/faculties/*/partners/*.md")
	faculties := glob("content/faculties/*/_index.md")
	readFile := func(p string) string {
		t.Helper()
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	write := func(p, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	retitle := func(p, title string) func() {
		return func() { write(p, strings.Replace(readFile(p), "title: ", "title: "+title+" ", 1)) }
	}
	placement := readFile(placements[0])
	dest := filepath.Join(t.TempDir(), "public")
	cacheDir := dest + ".cache"
	steps := []struct {
		name  string
		edit  func()
		fails bool
		// small: the build must render under a third of the pages (the
		// tiny site's hub pages, always rendered, are a fifth of it).
		small bool
	}{
		{"first build", func() {}, false, false},
		{"nothing changed", func() {}, false, true},
		{"placement body edited", func() { write(placements[0], placement+"\n## Added\n\nA new [link](#added).\n") }, false, true},
		{"placement title edited", retitle(placements[0], "Renamed"), false, true},
		{"partner title edited", retitle(partners[0], "Renamed"), false, true},
		{"faculty title edited", retitle(faculties[0], "Renamed"), false, false},
		// The alias's diagnostic comes from a document read back from
		// the cache, whose positions are decoded only then.
		{"alias added", func() {
			write(placements[2], strings.Replace(readFile(placements[2]), "---\n", "---\naliases: [/old-placement/]\n", 1))
		}, false, false},
		{"page added at the alias", func() { write(filepath.Join(src, "content/old-placement.md"), "---\ntitle: Old\n---\nText.\n") }, true, false},
		{"page at the alias removed", func() {
			if err := os.Remove(filepath.Join(src, "content/old-placement.md")); err != nil {
				t.Fatal(err)
			}
		}, false, false},
		{"file broken", func() { write(placements[1], "---\ntitle: [unclosed\n---\n") }, true, false},
		{"file fixed", func() { write(placements[1], placement) }, false, false},
		{"file added", func() { write(filepath.Join(filepath.Dir(placements[0]), "brand-new.md"), placement) }, false, false},
		{"file deleted", func() {
			if err := os.Remove(filepath.Join(filepath.Dir(placements[0]), "brand-new.md")); err != nil {
				t.Fatal(err)
			}
		}, false, false},
		{"cache files damaged", func() {
			damage(t, cacheDir) // the next build is a clean one
		}, false, false},
		{"configuration edited", func() {
			write(filepath.Join(src, "site.yaml"), strings.Replace(readFile(filepath.Join(src, "site.yaml")), "title: ", "title: New ", 1))
		}, false, false},
		{"layout replaced by the site", func() {
			write(filepath.Join(src, "layouts/partials/footer.html"), `{{define "site-footer"}}<footer><p>Our own footer</p></footer>{{end}}`)
		}, false, false},
		{"placement edited under the site's layouts", func() { write(placements[0], placement+"\nMore.\n") }, false, false},
		{"site layout removed", func() {
			if err := os.RemoveAll(filepath.Join(src, "layouts")); err != nil {
				t.Fatal(err)
			}
		}, false, false},
	}
	for _, step := range steps {
		step.edit()
		before, manifestBefore := "", ""
		if step.fails {
			before, manifestBefore = treeHash(t, dest), readFile(filepath.Join(cacheDir, manifestName))
		}
		cached := matchClean(t, step.name, Options{Source: src, Dest: dest, Today: today, CacheDir: cacheDir}, step.fails)
		if step.fails {
			if treeHash(t, dest) != before || readFile(filepath.Join(cacheDir, manifestName)) != manifestBefore {
				t.Errorf("%s: a failed build changed the destination or the cache", step.name)
			}
			continue
		}
		if step.small && (!cached.Updated || cached.Rendered*3 > cached.Pages) {
			t.Errorf("%s: rendered %d of %d pages (updated in place: %v), want under a third", step.name, cached.Rendered, cached.Pages, cached.Updated)
		}
	}
}

// damage cuts the build cache's files in dir in half: a build must not
// trust them, and must not fail for them.
func damage(t *testing.T, dir string) {
	t.Helper()
	for _, f := range []string{documentsFile, checksFile, analysesFile, manifestName} {
		p := filepath.Join(dir, f)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("the build cache has no %s: %v", f, err)
		}
		if err := os.WriteFile(p, b[:len(b)/2], 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
