package output

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The helper process is this test binary run again with these variables set.
const (
	helperEnv     = "FACULTYHUB_OUTPUT_HELPER"
	helperDestEnv = "FACULTYHUB_OUTPUT_DEST"
)

// TestMain runs the test binary as the build that TestKilledBuild kills
// when the helper variables are set, and the tests otherwise.
func TestMain(m *testing.M) {
	if mode := os.Getenv(helperEnv); mode != "" {
		helperProcess(mode)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// helperProcess is the build that TestKilledBuild kills. It tells the
// parent how far it got on stdout, one line at a time.
func helperProcess(mode string) {
	dest := os.Getenv(helperDestEnv)
	ctx := context.Background()
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	switch mode {
	case "staged": // stage a whole site, then wait to be killed before Commit
		s, err := Stage(dest, Options{Minify: true})
		if err != nil {
			fail(err)
		}
		if err := writeSite(ctx, s, siteFiles(2, 2000)); err != nil {
			fail(err)
		}
		fmt.Println("staged")
		time.Sleep(time.Hour)
	case "writing": // keep writing until killed in the middle of it
		s, err := Stage(dest, Options{Minify: true})
		if err != nil {
			fail(err)
		}
		for i := 0; ; i++ {
			p := fmt.Sprintf("faculties/f%02d/p%06d/index.html", i%42, i)
			if err := s.Write(p, []byte("<p>half a build</p>")); err != nil {
				fail(err)
			}
			if i == 500 {
				fmt.Println("writing")
			}
		}
	case "looping": // build generation after generation, committing each
		for gen := 2; ; gen++ {
			s, err := Stage(dest, Options{Minify: true})
			if err != nil {
				fail(err)
			}
			if err := writeSite(ctx, s, siteFiles(gen, 300)); err != nil {
				fail(err)
			}
			if err := s.Commit(); err != nil {
				fail(err)
			}
			fmt.Println("committed", gen)
		}
	}
	fail(fmt.Errorf("unknown helper mode %q", mode))
}

// A build killed with SIGKILL, which no defer or signal handler sees, must
// leave the previous site exactly as it was, and the next build must clean
// up its staging folder.
func TestKilledBuild(t *testing.T) {
	tests := []struct {
		name      string
		mode      string
		waitFor   string  // the line the helper prints before it is killed
		fraction  float64 // then it runs on for this fraction of a build
		leftovers bool    // whether it surely leaves a staging folder
	}{
		{name: "after staging, before Commit", mode: "staged", waitFor: "staged", leftovers: true},
		{name: "while writing", mode: "writing", waitFor: "writing", leftovers: true},
	}
	// Killed at points spread over one build of a loop of committing builds,
	// the later ones in its Commit: wherever the kill lands (writing,
	// swapping, removing the old tree), the site must be one whole generation.
	for _, f := range []float64{0, 0.5, 0.9, 0.95, 0.98} {
		tests = append(tests, struct {
			name      string
			mode      string
			waitFor   string
			fraction  float64
			leftovers bool
		}{name: fmt.Sprintf("%.0f%% into a build", f*100), mode: "looping", waitFor: "committed 4", fraction: f})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if testing.Short() && tt.mode == "looping" {
				t.Skip("a few seconds each; run without -short")
			}
			dest := filepath.Join(t.TempDir(), "public")
			build(t, dest, Options{Minify: true}, siteFiles(1, 300))
			wantHashes := map[int]string{1: treeHash(t, dest)}

			killHelper(t, tt.mode, dest, tt.waitFor, tt.fraction)

			gen := readGen(t, dest)
			want, ok := wantHashes[gen]
			if !ok {
				ref := filepath.Join(t.TempDir(), "public")
				build(t, ref, Options{Minify: true}, siteFiles(gen, 300))
				want = treeHash(t, ref)
			}
			if got := treeHash(t, dest); got != want {
				t.Fatalf("after the kill the destination is not exactly generation %d", gen)
			}
			if tt.leftovers && gen != 1 {
				t.Errorf("killed before Commit, yet the destination is generation %d", gen)
			}
			if l := leftovers(t, dest); tt.leftovers && len(l) == 0 {
				t.Errorf("no staging folder left by the killed build; the test killed it too late")
			}

			build(t, dest, Options{Minify: true}, siteFiles(99, 5))
			if l := leftovers(t, dest); len(l) > 0 {
				t.Errorf("the next build did not remove the killed build's staging folders: %v", l)
			}
			if gen := readGen(t, dest); gen != 99 {
				t.Errorf("the next build's destination is generation %d, want 99", gen)
			}
		})
	}
}

// killHelper runs helperProcess in mode and waits for the line waitFor.
// It then lets the helper run on for fraction of the time between that line
// and the one before (one build, in the looping mode), kills it with
// SIGKILL and reaps it.
func killHelper(t *testing.T, mode, dest, waitFor string, fraction float64) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, helperDestEnv+"="+dest)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Read stdout to its end, so the helper never blocks on a full pipe and
	// Wait only comes after the last read, as os/exec requires.
	type line struct {
		text string
		at   time.Time
	}
	seen, drained := make(chan []line, 1), make(chan struct{})
	go func() {
		defer close(drained)
		var lines []line
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if lines = append(lines, line{sc.Text(), time.Now()}); sc.Text() == waitFor {
				break
			}
		}
		seen <- lines
		io.Copy(io.Discard, out)
	}()
	reap := func() error {
		cmd.Process.Kill()
		<-drained
		return cmd.Wait()
	}
	select {
	case lines := <-seen:
		n := len(lines)
		if n == 0 || lines[n-1].text != waitFor {
			reap()
			t.Fatalf("helper ended without printing %q; stdout %v, stderr:\n%s", waitFor, lines, stderr.String())
		}
		if fraction > 0 && n > 1 {
			period := lines[n-1].at.Sub(lines[n-2].at)
			time.Sleep(time.Duration(fraction * float64(period)))
		}
	case <-time.After(2 * time.Minute):
		reap()
		t.Fatalf("helper did not print %q in time; stderr:\n%s", waitFor, stderr.String())
	}
	// Reaping it also means the kernel has dropped its flock.
	if err := reap(); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("helper was not killed: %v; stderr:\n%s", err, stderr.String())
	}
}

// readGen returns the generation of the site in dest.
func readGen(t *testing.T, dest string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dest, "gen.txt"))
	if err != nil {
		t.Fatalf("the destination has no gen.txt: %v", err)
	}
	gen, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	return gen
}
