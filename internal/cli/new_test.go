package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewArguments(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // words of the usage error
	}{
		{"no kind", []string{"new"}, "name a kind"},
		{"unknown kind", []string{"new", "event", "north-shire", "x"}, `unknown kind "event"`},
		{"faculty with a slug", []string{"new", "faculty", "north-shire", "x"}, "usage: facultyhub new faculty SYSTEM"},
		{"placement without a slug", []string{"new", "placement", "north-shire"}, "usage: facultyhub new placement SYSTEM SLUG"},
		{"bad slug", []string{"new", "placement", "north-shire", "Ward Rehab"}, "lowercase letters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := execute(t, tt.args...)
			if code != ExitUsage || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, errOut, ExitUsage, tt.want)
			}
		})
	}
}

// TestNewFilesCheckClean creates a faculty and one entry of every kind in
// a system that has none, and checks the result: the files must be
// complete enough to pass check as written.
func TestNewFilesCheckClean(t *testing.T) {
	dir := siteDir(t, nil)
	steps := [][]string{
		{"new", "faculty", "south-shire"},
		{"new", "partner", "south-shire", "south-trust"},
		{"new", "placement", "south-shire", "ward-rehab"},
		{"new", "story", "south-shire", "first-day"},
		{"new", "resource", "south-shire", "educator-guide"},
	}
	for _, args := range steps {
		code, out, errOut := execute(t, append(args, "--source", dir, "--now", "2026-11-25")...)
		if code != 0 || !strings.HasPrefix(out, "created ") {
			t.Fatalf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	src, err := os.ReadFile(filepath.Join(dir, "content/faculties/south-shire/placements/ward-rehab.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"title: \"Ward rehab\"", "host: south-trust", "professions: [kinetic-therapists]", "setting: acute",
		"# model: [traditional]", "# closes: 2026-11-25", "#   town: \"\"", "one of: acute, community",
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("placement lacks %q:\n%s", want, src)
		}
	}
	code, out, errOut := execute(t, "check", "--source", dir, "--now", "2026-11-25")
	if code != 0 {
		t.Fatalf("new files do not check clean: exit %d\n%s%s", code, out, errOut)
	}
	// Uncommenting every optional field must also be valid.
	p := filepath.Join(dir, "content/faculties/south-shire/placements/ward-rehab.md")
	var lines []string
	for _, l := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(l, "# ") && strings.Contains(l, ":") && !strings.Contains(l, "remove the #") && !strings.Contains(l, "docs/content.md") {
			l = strings.TrimPrefix(l, "# ")
		}
		lines = append(lines, l)
	}
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := execute(t, "check", "--source", dir, "--now", "2026-11-25"); code != 0 || strings.Contains(out, "ward-rehab") {
		t.Fatalf("placement with every field uncommented: exit %d\n%s", code, out)
	}
}

func TestNewRefuses(t *testing.T) {
	dir := siteDir(t, nil)
	code, _, errOut := execute(t, "new", "faculty", "north-shire", "--source", dir)
	if code != ExitUsage || !strings.Contains(errOut, "already exists") {
		t.Errorf("overwrite: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = execute(t, "new", "placement", "nort-shire", "x", "--source", dir)
	if code != ExitUsage || !strings.Contains(errOut, `unknown system "nort-shire"`) || !strings.Contains(errOut, `did you mean "north-shire"`) {
		t.Errorf("unknown system: exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/faculties/nort-shire")); err == nil {
		t.Error("a refused new left a folder behind")
	}
}
