package serve_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/internal/serve"
	"github.com/facultyhub/facultyhub/internal/sitetest"
)

// wait bounds every wait for the server: generous, since a build under
// -race on a busy machine can take a few seconds, and never a guess at
// how long something takes.
const wait = 10 * time.Second

var today = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// preview is a running server over a copy of a site.
type preview struct {
	dir string // the site's source folder
	url string // the base URL, ending in "/"
}

// startPreview writes the valid test site, with edits, to a temporary
// folder and serves it on a free port until the test ends; the test then
// checks that the server shut down cleanly.
func startPreview(t *testing.T, edits map[string]string) *preview {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	sitetest.Write(t, dir, sitetest.Valid(t, edits))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	s := serve.New(serve.Options{Source: dir, Today: today, Out: t.Output(), ErrOut: t.Output()})
	go func() { done <- s.Run(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run after shutdown: %v", err)
			}
		case <-time.After(wait):
			t.Error("the server did not shut down")
		}
	})
	return &preview{dir: dir, url: "http://" + ln.Addr().String() + "/"}
}

// noRedirects is a client that reports redirects instead of following
// them.
var noRedirects = &http.Client{
	Timeout:       wait,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Transport:     &http.Transport{MaxIdleConnsPerHost: 64},
}

// get fetches path (without its leading slash) from the preview.
func (p *preview) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := noRedirects.Get(p.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// write saves a file of the site the way an editor does: whole, with
// safe set writing a temporary file and renaming it over the old one.
func (p *preview) write(t *testing.T, name, data string, safe bool) {
	t.Helper()
	if err := save(p.dir, name, data, safe); err != nil {
		t.Fatal(err)
	}
}

// save is write for goroutines other than the test's.
func save(dir, name, data string, safe bool) error {
	dst := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if !safe {
		return os.WriteFile(dst, []byte(data), 0o644)
	}
	tmp := filepath.Join(filepath.Dir(dst), ".save-"+filepath.Base(dst))
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

// event is one Server-Sent Event.
type event struct{ name, data string }

// events connects to the preview's event stream and returns its events.
// The hello event has been read when it returns.
func (p *preview) events(t *testing.T) <-chan event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "GET", strings.TrimSuffix(p.url, "/")+serve.EventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "text/event-stream" {
		t.Fatalf("event stream: status %d, type %q", resp.StatusCode, ct)
	}
	ch := make(chan event, 64)
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		var ev event
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				ch <- ev
				ev = event{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	t.Cleanup(cancel)
	select {
	case ev := <-ch:
		if ev.name != "hello" || ev.data == "" {
			t.Fatalf("first event %+v, want hello with the build's token", ev)
		}
	case <-time.After(wait):
		t.Fatal("no hello event")
	}
	return ch
}

// nextReload waits for the next reload event; false if none came.
func nextReload(events <-chan event) bool {
	deadline := time.After(wait)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return false
			}
			if ev.name == "reload" {
				return true
			}
		case <-deadline:
			return false
		}
	}
}

// cssPath returns the path of the stylesheet a page links to.
func cssPath(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`href="/(css/[^"]+\.css)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no stylesheet on the page")
	}
	return m[1]
}

// awaitReload waits for reload events until check, run after each one,
// succeeds. check returns what it saw, for the failure message.
func awaitReload(t *testing.T, events <-chan event, what string, check func() (bool, string)) {
	t.Helper()
	deadline := time.After(wait)
	saw := "no reload event"
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatalf("the event stream closed while waiting for %s", what)
			}
			if ev.name != "reload" {
				continue
			}
			ok, got := check()
			if ok {
				return
			}
			saw = got
		case <-deadline:
			t.Fatalf("waiting for %s: %s", what, saw)
		}
	}
}
