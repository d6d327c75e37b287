package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestBuildReusesTheLastBuild runs `facultyhub build` as an author would,
// three times into one folder: the first builds everything and leaves its
// cache beside public/; the second, after one placement changed, says it
// updated the site and rendered only some pages; --no-cache builds
// everything again.
func TestBuildReusesTheLastBuild(t *testing.T) {
	src := siteDir(t, nil)
	dest := filepath.Join(t.TempDir(), "public")
	build := []string{"build", "--source", src, "--dest", dest, "--now", "2026-11-25"}
	code, out, errOut := execute(t, build...)
	if code != 0 || !regexp.MustCompile(`^built \d+ pages`).MatchString(out) {
		t.Fatalf("first build: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dest+".cache", "manifest.bin")); err != nil {
		t.Fatalf("no build cache beside %s: %v", dest, err)
	}
	p := filepath.Join(src, "content/faculties/north-shire/placements/ward-rehab.md")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(b, "\nA new paragraph.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = execute(t, build...)
	m := regexp.MustCompile(`^updated .* rendered (\d+) of (\d+) pages, wrote \d+ changed files?`).FindStringSubmatch(out)
	if code != 0 || m == nil || m[1] == m[2] {
		t.Fatalf("build after one edit: exit %d, want an update that renders part of the site:\n%s%s", code, out, errOut)
	}
	page, err := os.ReadFile(filepath.Join(dest, "faculties/north-shire/placements/ward-rehab/index.html"))
	if err != nil || !regexp.MustCompile(`A new paragraph\.`).Match(page) {
		t.Errorf("the edited placement's page does not show the edit: %v", err)
	}
	code, out, errOut = execute(t, append(build, "--no-cache")...)
	if code != 0 || !regexp.MustCompile(`^built \d+ pages`).MatchString(out) {
		t.Fatalf("--no-cache: exit %d, want a whole build:\n%s%s", code, out, errOut)
	}
}
