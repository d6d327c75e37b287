package cli

import (
	"bytes"
	"flag"
	"github.com/spf13/cobra"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// testIO returns IO with buffers and a fixed clock.
func testIO() (*IO, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &IO{
		In: strings.NewReader(""), Out: out, ErrOut: errOut,
		Getenv: func(string) string { return "" },
		Now:    func() time.Time { return time.Date(2026, 11, 25, 15, 4, 5, 0, time.UTC) },
	}, out, errOut
}

// execute runs the command line in dir and returns the exit code and
// what it printed.
func execute(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ios, out, errOut := testIO()
	code = run(NewCmdRoot(ios), args, ios.ErrOut)
	return code, out.String(), errOut.String()
}

// siteDir writes the valid test site, with edits, to a temporary folder.
func siteDir(t *testing.T, edits map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	sitetest.Write(t, dir, sitetest.Valid(t, edits))
	return dir
}

// brokenDir writes the valid site plus every file of testdata/broken.txtar.
func brokenDir(t *testing.T) string {
	t.Helper()
	edits := map[string]string{}
	for name, f := range sitetest.Load(t, "testdata/broken.txtar", nil) {
		edits[name] = string(f.Data)
	}
	return siteDir(t, edits)
}

func TestCheckFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want CheckOptions
		code int
	}{
		{"defaults", []string{"check"}, CheckOptions{Source: ".", Format: "text"}, 0},
		{"every flag", []string{"check", "--source", "site", "--format", "github", "--strict", "--now", "2026-01-02"},
			CheckOptions{Source: "site", Format: "github", Strict: true, Now: "2026-01-02"}, 0},
		{"json", []string{"check", "--format=json"}, CheckOptions{Source: ".", Format: "json"}, 0},
		{"unknown format", []string{"check", "--format", "xml"}, CheckOptions{}, ExitUsage},
		{"unknown flag", []string{"check", "--strictly"}, CheckOptions{}, ExitUsage},
		{"extra argument", []string{"check", "content"}, CheckOptions{}, ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parsedOptions(t, "check", NewCmdCheck, tt.args, tt.code)
			if got == nil {
				return
			}
			got.IO = nil
			if *got != tt.want {
				t.Errorf("options %+v, want %+v", *got, tt.want)
			}
		})
	}
}

func TestCheckCleanSiteExitsZero(t *testing.T) {
	dir := siteDir(t, nil)
	code, out, errOut := execute(t, "check", "--source", dir)
	if code != 0 || out != "" {
		t.Fatalf("exit %d, output %q, stderr %q", code, out, errOut)
	}
	if !strings.Contains(errOut, "0 errors, 0 warnings") {
		t.Errorf("summary missing: %q", errOut)
	}
}

func TestCheckStrictFailsOnWarnings(t *testing.T) {
	dir := siteDir(t, map[string]string{"content/about.md": "---\ntitle: About\ncolour: blue\n---\n"})
	if code, out, _ := execute(t, "check", "--source", dir); code != 0 || !strings.Contains(out, "warning: unknown key \"colour\"") {
		t.Fatalf("without --strict: exit %d, output %q", code, out)
	}
	if code, _, _ := execute(t, "check", "--source", dir, "--strict"); code != ExitContent {
		t.Fatalf("with --strict: exit %d, want %d", code, ExitContent)
	}
}

func TestCheckNowJudgesClosingDates(t *testing.T) {
	dir := siteDir(t, nil)
	// The test placement closes on 2026-12-20.
	if _, out, _ := execute(t, "check", "--source", dir, "--now", "2027-01-01"); !strings.Contains(out, "placement closed on 2026-12-20") {
		t.Errorf("--now 2027-01-01 should close the placement; got %q", out)
	}
	ios, out, _ := testIO()
	ios.Getenv = func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1798761600" // 2027-01-01
		}
		return ""
	}
	run(NewCmdRoot(ios), []string{"check", "--source", dir}, ios.ErrOut)
	if !strings.Contains(out.String(), "placement closed on 2026-12-20") {
		t.Errorf("SOURCE_DATE_EPOCH should set today; got %q", out)
	}
}

// TestCheckBrokenSite is the contract with faculty teams: every mistake in
// testdata/broken.txtar is reported in one run, at the right line, and the
// JSON output is stable (testdata/broken.json; refresh with -update).
func TestCheckBrokenSite(t *testing.T) {
	dir := brokenDir(t)
	code, out, _ := execute(t, "check", "--source", dir, "--format", "json")
	if code != ExitContent {
		t.Fatalf("exit %d, want %d", code, ExitContent)
	}
	got := strings.ReplaceAll(out, dir+"/", "")
	golden := filepath.Join("testdata", "broken.json")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("JSON output differs from %s (run go test ./internal/cli -update to accept):\n%s", golden, got)
	}
	for _, w := range []string{
		`"path": "content/faculties/north-shire/placements/malformed.md",
    "line": 3,`,
		`"code": "unclosed-front-matter"`,
		`"code": "not-utf8"`,
		`"message": "a placement has no \"setting\"`,
		`capacity must be a whole number, not \"lots\"`,
		`setting \"acutee\" is not an allowed value (did you mean \"acute\"?)`,
		`unknown profession \"kinetic-therapist\"`,
		`host \"north-trst\" is not a partner`,
		`folder content/faculties/west-shire/ does not name a system`,
		`\"2026-02-30\" is not a real date`,
		`the page content/faculties/north-shire/partners/nobody.md does not exist`,
		`image \"missing.png\" has no alt text`,
		`the image content/faculties/north-shire/placements/missing.png does not exist`,
		`unsafe javascript: scheme`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("output lacks %s", w)
		}
	}
}

func TestCheckFormats(t *testing.T) {
	dir := brokenDir(t)
	_, text, _ := execute(t, "check", "--source", dir)
	if !strings.Contains(text, dir+"/content/faculties/north-shire/placements/lots.md:7:11: error: capacity must be a whole number") {
		t.Errorf("text format: %s", text)
	}
	_, gh, _ := execute(t, "check", "--source", dir, "--format", "github")
	if !strings.Contains(gh, "::error file="+dir+"/content/faculties/north-shire/placements/lots.md,line=7,col=11,title=facultyhub wrong-type::capacity must be a whole number") {
		t.Errorf("github format: %s", gh)
	}
	if strings.Count(gh, "\n") != strings.Count(text, "\n") {
		t.Errorf("github and text formats report different numbers of diagnostics")
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := execute(t, "version")
	if code != 0 || !strings.HasPrefix(out, "facultyhub ") {
		t.Fatalf("exit %d, output %q", code, out)
	}
}

// parsedOptions runs the command line args with the command name made by
// newCmd stubbed out, and returns the options it was given; nil when the
// exit code is not 0 (it must be code, and a usage error explained).
func parsedOptions[O any](t *testing.T, name string, newCmd func(*IO, func(*O) error) *cobra.Command, args []string, code int) *O {
	t.Helper()
	ios, _, errOut := testIO()
	var got *O
	root := NewCmdRoot(ios)
	for _, c := range root.Commands() {
		if c.Name() == name {
			root.RemoveCommand(c)
		}
	}
	root.AddCommand(newCmd(ios, func(o *O) error { got = o; return nil }))
	if c := run(root, args, ios.ErrOut); c != code {
		t.Fatalf("exit code %d, want %d; stderr: %s", c, code, errOut)
	}
	if code != 0 {
		if !strings.Contains(errOut.String(), "facultyhub:") {
			t.Errorf("usage error not explained: %q", errOut)
		}
		return nil
	}
	return got
}
