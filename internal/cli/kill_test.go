package cli

import (
	"os"
	"os/exec"
	"path/filepath"
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
		os.Exit(Main([]string{"build", "--source", os.Getenv("FACULTYHUB_SRC"), "--dest", os.Getenv("FACULTYHUB_DEST"), "--now", "2026-11-25"},
			nil, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestKilledBuildLeavesPreviousSite kills `facultyhub build` with SIGKILL
// at several moments of its run. The same source builds byte-identical
// output, so after every kill public/ must hash exactly as before: a
// half-written site would not.
func TestKilledBuildLeavesPreviousSite(t *testing.T) {
	src := t.TempDir()
	if _, err := corpus.Write(src, corpus.Options{Scale: corpus.ScaleSmall, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if code, out, errOut := execute(t, "build", "--source", src, "--dest", dest, "--now", "2026-11-25"); code != 0 {
		t.Fatalf("first build: exit %d\n%s%s", code, out, errOut)
	}
	before := sitetest.TreeHash(t, dest)
	// Time a whole build to spread the kills over one.
	start := time.Now()
	execute(t, "build", "--source", src, "--dest", dest, "--now", "2026-11-25")
	full := time.Since(start)
	midway := 0
	for _, frac := range []float64{0.05, 0.2, 0.4, 0.6, 0.8, 0.95} {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "FACULTYHUB_HELPER_BUILD=1", "FACULTYHUB_SRC="+src, "FACULTYHUB_DEST="+dest)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(frac * float64(full)))
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if after := sitetest.TreeHash(t, dest); after != before {
			t.Fatalf("killed at %.0f%% of a build: public/ changed from %s to %s", frac*100, before, after)
		}
		if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) > 1 {
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
	if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 1 {
		t.Errorf("leftovers beside public/: %v", entries)
	}
}
