package serve_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestPreviewUnderLoad has 32 clients make 300 requests each on loopback
// while a placement is edited over and over. Every request must get the
// answer it would get from a quiet server: no error, no half page. Half
// way through, every client waits until at least one rebuild has been
// served, so the load always spans site swaps. Run it with -race.
func TestPreviewUnderLoad(t *testing.T) {
	const clients, requests = 32, 300
	p := startPreview(t, nil)
	_, home := p.get(t, "")
	css := cssPath(t, home)
	events := p.events(t)

	type want struct {
		method, path string
		status       int
		text         string
	}
	wants := []want{
		{"GET", "", 200, "</html>"},
		{"GET", "faculties/north-shire/", 200, "</html>"},
		{"GET", "faculties/north-shire/placements/ward-rehab/", 200, "</html>"},
		{"GET", "about/", 200, "</html>"},
		{"GET", css, 200, "}"},
		{"GET", "feed.xml", 200, "</feed>"},
		{"GET", "faculties/north-shire/stories/photo.png", 200, "not really a png"},
		{"GET", "nowhere/", 404, "</html>"},
		{"GET", "faculties", 302, ""},
		{"HEAD", "faculties/north-shire/", 200, ""},
	}

	var (
		failures atomic.Int64
		first    sync.Once
		firstErr string
		rebuilt  = make(chan struct{}) // closed once a rebuild is served
		stop     = make(chan struct{}) // closed when the clients are done
		edits    atomic.Int64
	)
	fail := func(format string, args ...any) {
		failures.Add(1)
		first.Do(func() { firstErr = fmt.Sprintf(format, args...) })
	}

	// The editor saves the placement, waits for the reload, and again.
	editorDone := make(chan struct{})
	go func() {
		defer close(editorDone)
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := save(p.dir, placement, ward(fmt.Sprintf("Ward rehabilitation, edit %d", i), "north-trust"), i%2 == 0); err != nil {
				fail("edit %d: %v", i, err)
				return
			}
			if !nextReload(events) {
				fail("edit %d: no reload event", i)
				return
			}
			if edits.Add(1) == 1 {
				close(rebuilt)
			}
		}
	}()

	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for i := range requests {
				if i == requests/2 {
					select {
					case <-rebuilt:
					case <-editorDone: // the editor failed, and said why
					}
				}
				w := wants[(c+i)%len(wants)]
				req, _ := http.NewRequest(w.method, p.url+w.path, nil)
				resp, err := noRedirects.Do(req)
				if err != nil {
					fail("%s /%s: %v", w.method, w.path, err)
					continue
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				switch {
				case err != nil:
					fail("%s /%s: reading the body: %v", w.method, w.path, err)
				case resp.StatusCode != w.status:
					fail("%s /%s: status %d, want %d", w.method, w.path, resp.StatusCode, w.status)
				case w.method == "HEAD" && len(body) != 0:
					fail("HEAD /%s: %d body bytes", w.path, len(body))
				case !strings.Contains(string(body), w.text):
					fail("%s /%s: body lacks %q", w.method, w.path, w.text)
				}
			}
		})
	}
	wg.Wait()
	close(stop)
	<-editorDone
	if n := failures.Load(); n > 0 {
		t.Fatalf("%d of %d requests failed; first: %s", n, clients*requests, firstErr)
	}
	t.Logf("%d requests while %d rebuilds were served", clients*requests, edits.Load())
	if status, _ := p.get(t, "faculties/north-shire/placements/ward-rehab/"); status != http.StatusOK {
		t.Errorf("after the load: status %d", status)
	}
}
