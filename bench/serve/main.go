// Command serve benchmarks `facultyhub serve` the way an author uses it:
// start the preview on a large site, then save one placement over and
// over, each time timing the save until the open page is told to reload.
//
//	go run ./bench/serve [-src DIR] [-scale national] [-edits 20]
//
// Run it from the repository root: it builds ./cmd/facultyhub first, so
// the figures are those of a real binary in a process of its own. Without
// -src it generates the corpus (as bench/gen does) in a temporary folder.
// It reports
//
//   - start-up: from starting the process until it prints "Serving on"
//     (the first build is served), and until the home page has arrived;
//   - reload: for each edit, from writing the file until the reload
//     event arrives on the event stream, with the median over all edits
//     and the server's own build time for comparison;
//   - peak memory: the server's VmHWM (peak resident set) from
//     /proc/PID/status, read before it is stopped;
//   - shutdown: time from SIGINT until the process exits, and its code.
//
// The edited file is restored at the end.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/facultyhub/facultyhub/bench/corpus"
)

// wait bounds each wait for the server: national-scale builds are slow
// for now.
const wait = 5 * time.Minute

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench/serve:", err)
		os.Exit(1)
	}
}

func run() error {
	src := flag.String("src", "", "the site to serve (default: generate one at -scale in a temporary folder)")
	scale := flag.String("scale", corpus.ScaleNational, "corpus size when generating: national, small or tiny")
	edits := flag.Int("edits", 20, "how many times to save the placement")
	now := flag.String("now", "2026-11-25", "the --now date passed to serve")
	binFlag := flag.String("bin", "", "the facultyhub binary to run (default: go build ./cmd/facultyhub), to compare two builds")
	flag.Parse()

	tmp, err := os.MkdirTemp("", "bench-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if *src == "" {
		*src = filepath.Join(tmp, "site")
		start := time.Now()
		st, err := corpus.Write(*src, corpus.Options{Scale: *scale, Seed: 1})
		if err != nil {
			return err
		}
		fmt.Printf("corpus: %s scale, %d files (%.1f MB) written in %s\n", *scale, st.Files, float64(st.Bytes)/1e6, since(start))
	}
	bin := *binFlag
	if bin == "" {
		bin = filepath.Join(tmp, "facultyhub")
		if out, err := exec.Command("go", "build", "-o", bin, "./cmd/facultyhub").CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %v\n%s", err, out)
		}
	}
	file, page, err := firstPlacement(*src)
	if err != nil {
		return err
	}
	original, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	defer os.WriteFile(file, original, 0o644)

	srv, err := startServer(bin, *src, *now)
	if err != nil {
		return err
	}
	defer srv.cmd.Process.Kill()
	fmt.Printf("start-up: serving after %s, home page after %s\n", since(srv.start), srv.home.Round(time.Millisecond))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := subscribe(ctx, srv.url)
	if err != nil {
		return err
	}
	var lat []time.Duration
	for i := 1; i <= *edits; i++ {
		edited := regexp.MustCompile(`(?m)^title: (.*)$`).ReplaceAll(original, fmt.Appendf(nil, "title: $1 (edit %d)", i))
		start := time.Now()
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			return err
		}
		if err := awaitReload(events); err != nil {
			return fmt.Errorf("edit %d: %w", i, err)
		}
		lat = append(lat, time.Since(start))
		body, err := get(srv.url + page)
		if err != nil || !strings.Contains(body, fmt.Sprintf("(edit %d)", i)) {
			return fmt.Errorf("edit %d: the page does not show it after the reload (%v)", i, err)
		}
	}
	hwm, rss := memory(srv.cmd.Process.Pid)
	builds := srv.buildTimes()

	stop := time.Now()
	if err := srv.cmd.Process.Signal(syscall.SIGINT); err != nil {
		return err
	}
	err = srv.cmd.Wait()
	code := 0
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		code = ee.ExitCode()
	}
	stopped := since(stop)

	fmt.Printf("edited %s %d times\n", strings.TrimPrefix(file, *src+string(filepath.Separator)), *edits)
	fmt.Printf("reload: write → event median %s, min %s, max %s\n", median(lat), slices.Min(lat).Round(time.Millisecond), slices.Max(lat).Round(time.Millisecond))
	if len(builds) > 1 {
		fmt.Printf("server's own rebuild time: median %s (first build %s)\n", median(builds[1:]), builds[0])
	}
	fmt.Printf("memory: peak RSS (VmHWM) %s, RSS at the end %s\n", hwm, rss)
	fmt.Printf("shutdown: exit %d, %s after SIGINT\n", code, stopped)
	return nil
}

// firstPlacement returns the first placement file of the site by name,
// and its page's path.
func firstPlacement(src string) (file, page string, err error) {
	matches, err := filepath.Glob(filepath.Join(src, "content", "faculties", "*", "placements", "*.md"))
	if err != nil || len(matches) == 0 {
		return "", "", fmt.Errorf("no placement under %s/content/faculties (%v)", src, err)
	}
	slices.Sort(matches)
	rel, _ := filepath.Rel(filepath.Join(src, "content"), matches[0])
	return matches[0], strings.TrimSuffix(filepath.ToSlash(rel), ".md") + "/", nil
}

// server is the running `facultyhub serve`.
type server struct {
	cmd   *exec.Cmd
	url   string
	start time.Time
	home  time.Duration // from start until the home page arrived

	mu     sync.Mutex
	builds []time.Duration // as the server reports them
}

var builtIn = regexp.MustCompile(`built \d+ pages in ([0-9.]+[mµn]?s)\b`)

// startServer starts serve on a free port and waits until the home page
// has been fetched.
func startServer(bin, src, now string) (*server, error) {
	s := &server{cmd: exec.Command(bin, "serve", "--source", src, "--port", "0", "--now", now)}
	s.cmd.Stderr = io.Discard // diagnostics; a national corpus has warnings
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	s.start = time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	serving := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Text()
			if u, ok := strings.CutPrefix(line, "Serving on "); ok {
				serving <- u
			}
			if m := builtIn.FindStringSubmatch(line); m != nil {
				if d, err := time.ParseDuration(m[1]); err == nil {
					s.mu.Lock()
					s.builds = append(s.builds, d)
					s.mu.Unlock()
				}
			}
		}
		close(serving)
	}()
	select {
	case u, ok := <-serving:
		if !ok {
			return nil, fmt.Errorf("serve exited before serving: %v", s.cmd.Wait())
		}
		s.url = u
	case <-time.After(wait):
		s.cmd.Process.Kill()
		return nil, errors.New("serve did not start")
	}
	if _, err := get(s.url); err != nil {
		return nil, err
	}
	s.home = time.Since(s.start)
	return s, nil
}

func (s *server) buildTimes() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.builds)
}

// subscribe opens the event stream and returns the names of its events,
// once the hello has arrived.
func subscribe(ctx context.Context, base string) (<-chan string, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", base+"_facultyhub/events", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	events := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		defer close(events)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				events <- name
			}
		}
	}()
	if name := <-events; name != "hello" {
		return nil, fmt.Errorf("first event %q, want hello", name)
	}
	return events, nil
}

func awaitReload(events <-chan string) error {
	timeout := time.After(wait)
	for {
		select {
		case name, ok := <-events:
			if !ok {
				return errors.New("the event stream closed")
			}
			if name == "reload" {
				return nil
			}
		case <-timeout:
			return errors.New("no reload event")
		}
	}
}

func get(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return string(b), fmt.Errorf("GET %s: status %d", url, resp.StatusCode)
	}
	return string(b), err
}

// memory reads the peak and current resident set of process pid.
func memory(pid int) (peak, now string) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown", "unknown"
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			peak = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			now = strings.TrimSpace(v)
		}
	}
	return peak, now
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2].Round(time.Millisecond)
}

func since(t time.Time) time.Duration { return time.Since(t).Round(time.Millisecond) }
