package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/bench/corpus"
	"github.com/facultyhub/facultyhub/internal/build"
	"github.com/facultyhub/facultyhub/internal/sitetest"
)

// TestMain lets TestKilledBuildLeavesPreviousSite run the test binary as
// a child `facultyhub build`.
func TestMain(m *testing.M) {
	if os.Getenv("FACULTYHUB_HELPER_BUILD") != "" {
		args := []string{"build", "--source", os.Getenv("FACULTYHUB_SRC"), "--dest", os.Getenv("FACULTYHUB_DEST"), "--now", "2026-11-25"}
		if os.Getenv("FACULTYHUB_NO_CACHE") != "" {
			args = append(args, "--no-cache")
		}
		os.Exit(Main(args, nil, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestKilledBuildLeavesPreviousSite kills `facultyhub build` with SIGKILL
// at several moments of its run, a clean build (--no-cache) and one with
// the build cache. The same source builds byte-identical output, so
// after every kill public/ must hash exactly as before: a half-written
// site would not.
func TestKilledBuildLeavesPreviousSite(t *testing.T) {
	t.Run("clean", func(t *testing.T) { killBuilds(t, "--no-cache") })
	t.Run("cached", func(t *testing.T) { killBuilds(t) })
}

func killBuilds(t *testing.T, flags ...string) {
	src := t.TempDir()
	if _, err := corpus.Write(src, corpus.Options{Scale: corpus.ScaleSmall, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	args := append([]string{"build", "--source", src, "--dest", dest, "--now", "2026-11-25"}, flags...)
	if code, out, errOut := execute(t, args...); code != 0 {
		t.Fatalf("first build: exit %d\n%s%s", code, out, errOut)
	}
	before := sitetest.TreeHash(t, dest)
	// Time a whole build to spread the kills over one.
	start := time.Now()
	execute(t, args...)
	full := time.Since(start)
	midway := 0
	for _, frac := range []float64{0.05, 0.2, 0.4, 0.6, 0.8, 0.95} {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "FACULTYHUB_HELPER_BUILD=1", "FACULTYHUB_SRC="+src, "FACULTYHUB_DEST="+dest)
		if len(flags) > 0 {
			cmd.Env = append(cmd.Env, "FACULTYHUB_NO_CACHE=1")
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(frac * float64(full)))
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if after := sitetest.TreeHash(t, dest); after != before {
			t.Fatalf("killed at %.0f%% of a build: public/ changed from %s to %s", frac*100, before, after)
		}
		if stagingBeside(t, dest) {
			midway++ // a staging folder: the kill landed during the build
		}
	}
	if midway == 0 {
		t.Error("no kill landed while a build was staging, so nothing was tested")
	}
	// The next build clears what the killed ones left beside public/.
	if res, err := build.Build(t.Context(), build.Options{Source: src, Dest: dest, Today: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}); err != nil || res.Failed() {
		t.Fatalf("build after kills: %v %v", err, res.Diagnostics)
	}
	if stagingBeside(t, dest) {
		t.Error("a staging folder was left beside public/")
	}
}

// stagingBeside reports whether a staging folder stands beside dest.
func stagingBeside(t *testing.T, dest string) bool {
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), filepath.Base(dest)+".staging-") {
			return true
		}
	}
	return false
}
