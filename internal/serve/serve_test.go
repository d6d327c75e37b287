package serve_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/internal/serve"
)

const placement = "content/faculties/north-shire/placements/ward-rehab.md"

// ward returns the test site's placement with the given title and host.
func ward(title, host string) string {
	return `---
title: ` + title + `
summary: Rehab on a ward.
host: ` + host + `
professions: [kinetic-therapists]
setting: acute
closes: 2026-12-20
---
## What you will do

Hosted by [North Trust](../partners/north-trust.md).
`
}

// TestPreviewFollowsEdits is a faculty team's session: edit a placement,
// break it, fix it, add a faculty in a new folder, delete it. After each
// save the open page is told to reload and then shows the change.
func TestPreviewFollowsEdits(t *testing.T) {
	p := startPreview(t, nil)
	const page = "faculties/north-shire/placements/ward-rehab/"
	status, body := p.get(t, page)
	if status != 200 || !strings.Contains(body, "Ward rehabilitation") {
		t.Fatalf("first build: status %d", status)
	}
	if !strings.Contains(body, `<link rel="canonical" href="`+p.url+page+`">`) {
		t.Errorf("canonical link does not point at the preview %s", p.url)
	}
	css := cssPath(t, body)
	events := p.events(t)
	pageShows := func(wantStatus int, want ...string) func() (bool, string) {
		return func() (bool, string) {
			status, body := p.get(t, page)
			for _, w := range want {
				if !strings.Contains(body, w) {
					return false, fmt.Sprintf("status %d, no %q in the page", status, w)
				}
			}
			return status == wantStatus, fmt.Sprintf("status %d", status)
		}
	}

	t.Run("edit", func(t *testing.T) {
		p.write(t, placement, ward("Ward rehabilitation on Ward 7", "north-trust"), false)
		awaitReload(t, events, "the new title", pageShows(200, "Ward rehabilitation on Ward 7"))
	})

	t.Run("break", func(t *testing.T) {
		p.write(t, placement, ward("Ward rehabilitation on Ward 7", "nobody-trust"), true)
		// host is on line 4 of the file.
		awaitReload(t, events, "the diagnostics page", pageShows(500, placement+":4:", "nobody-trust"))
		if status, body := p.get(t, ""); status != 500 || !strings.Contains(body, placement+":4:") {
			t.Errorf("home page while broken: status %d", status)
		}
		if status, _ := p.get(t, css); status != 200 {
			t.Errorf("stylesheet of the last good build: status %d, want 200", status)
		}
	})

	t.Run("emptied", func(t *testing.T) {
		// Left empty, not half written: its error is shown, once the
		// server has waited a moment for a write that does not come.
		p.write(t, placement, "", false)
		awaitReload(t, events, "the empty file's error", pageShows(500, placement+":1:", "front matter"))
	})

	t.Run("fix", func(t *testing.T) {
		p.write(t, placement, ward("Ward rehabilitation, fixed", "north-trust"), true)
		awaitReload(t, events, "the fixed page", pageShows(200, "Ward rehabilitation, fixed"))
	})

	const south = "content/faculties/south-shire"
	const southPage = "faculties/south-shire/placements/community-rehab/"
	southShows := func(wantStatus int) func() (bool, string) {
		return func() (bool, string) {
			status, _ := p.get(t, southPage)
			return status == wantStatus, fmt.Sprintf("status %d", status)
		}
	}

	t.Run("new folder", func(t *testing.T) {
		p.write(t, south+"/_index.md", "---\ntitle: South Shire AHP Faculty\nstatus: developing\nsummary: The faculty of South Shire.\n---\n", false)
		p.write(t, south+"/partners/south-trust.md", "---\ntitle: South Trust\nsector: nhs-trust\n---\n", false)
		p.write(t, south+"/placements/community-rehab.md", "---\ntitle: Community rehab in South Shire\nsummary: Rehab at home.\n"+
			"host: south-trust\nprofessions: [kinetic-therapists]\nsetting: community\n---\n", false)
		awaitReload(t, events, "the new faculty's placement", southShows(200))
		if _, body := p.get(t, southPage); !strings.Contains(body, "Community rehab in South Shire") {
			t.Error("the new placement's page lacks its title")
		}
	})

	t.Run("delete folder", func(t *testing.T) {
		if err := os.RemoveAll(filepath.Join(p.dir, south)); err != nil {
			t.Fatal(err)
		}
		awaitReload(t, events, "the deleted placement to go", southShows(404))
	})
}

// TestPreviewServesNothingElse asks the server, over a raw connection so
// no client tidies the path first, for files of the source folder and
// beside it.
func TestPreviewServesNothingElse(t *testing.T) {
	p := startPreview(t, map[string]string{"site.yaml": "title: Test hub\nbaseURL: https://example.org/\n# source-marker\n"})
	if err := os.WriteFile(filepath.Join(filepath.Dir(p.dir), "secret.txt"), []byte("secret-marker"), 0o644); err != nil {
		t.Fatal(err)
	}
	addr := strings.TrimSuffix(strings.TrimPrefix(p.url, "http://"), "/")
	for _, target := range []string{
		"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
		"/..%5csecret.txt", `/..\secret.txt`, "/faculties/../../secret.txt", "/%252e%252e/secret.txt",
		"/site.yaml", "/../site/site.yaml", "/content/about.md", "/content/_data/systems.yaml",
		"/%00secret.txt", "//secret.txt", "/./../secret.txt",
	} {
		status, body := rawGet(t, addr, target)
		if status == 200 || strings.Contains(body, "marker") || strings.Contains(body, "slug: north-shire") {
			t.Errorf("GET %s: status %d, body %.80q", target, status, body)
		}
	}
}

// rawGet sends one GET for target exactly as written.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	_, _ = bufio.NewReader(resp.Body).WriteTo(&b)
	return resp.StatusCode, b.String()
}

// TestPreviewStartsBroken starts on a site that does not build: pages
// show the diagnostics, and fixing the file brings the site up.
func TestPreviewStartsBroken(t *testing.T) {
	p := startPreview(t, map[string]string{placement: ward("Ward rehabilitation", "nobody-trust")})
	status, body := p.get(t, "")
	if status != 500 || !strings.Contains(body, placement+":4:") || !strings.Contains(body, serve.EventsPath) {
		t.Fatalf("first build broken: status %d, want 500 with the diagnostic and the reload script", status)
	}
	if status, _ := p.get(t, "feed.xml"); status != 404 {
		t.Errorf("a file before any good build: status %d, want 404", status)
	}
	events := p.events(t)
	p.write(t, placement, ward("Ward rehabilitation", "north-trust"), true)
	awaitReload(t, events, "the site", func() (bool, string) {
		status, _ := p.get(t, "")
		return status == 200, fmt.Sprintf("status %d", status)
	})
}

// TestPreviewWatchesLayoutsAndConfig adds a layouts/ folder after start,
// breaks a template in it, and edits site.yaml.
func TestPreviewWatchesLayoutsAndConfig(t *testing.T) {
	p := startPreview(t, nil)
	events := p.events(t)
	home := func(wantStatus int, want string) func() (bool, string) {
		return func() (bool, string) {
			status, body := p.get(t, "")
			return status == wantStatus && strings.Contains(body, want), fmt.Sprintf("status %d", status)
		}
	}
	p.write(t, "layouts/home.html", `{{define "main"}}<p>{{.Title</p>{{end}}`, false)
	awaitReload(t, events, "the template error", home(500, "layouts/home.html"))
	if err := os.RemoveAll(filepath.Join(p.dir, "layouts")); err != nil {
		t.Fatal(err)
	}
	awaitReload(t, events, "the theme's own layout", home(200, "Test hub"))
	p.write(t, "site.yaml", "title: Renamed hub\nbaseURL: https://example.org/\n", true)
	awaitReload(t, events, "the new site title", home(200, "Renamed hub"))
}

// TestPreviewChecksOutputLinks: pages are rendered as they are opened,
// so the output link check runs in the background; a layout with a
// dangling link is then shown as a failed build, and fixing it brings
// the site back. A layout that fails to render fails the site, as it
// fails a build.
func TestPreviewChecksOutputLinks(t *testing.T) {
	p := startPreview(t, nil)
	events := p.events(t)
	about := func(wantStatus int, want string) func() (bool, string) {
		return func() (bool, string) {
			status, body := p.get(t, "about/")
			return status == wantStatus && strings.Contains(body, want), fmt.Sprintf("status %d", status)
		}
	}
	p.write(t, "layouts/page.html", `{{define "main"}}<h1>{{.Title}}</h1><a href="/nowhere/">lost</a>{{end}}`, false)
	awaitReload(t, events, "the broken link", about(500, "links to /nowhere/"))
	p.write(t, "layouts/page.html", `{{define "main"}}<h1>{{.Title}}</h1><p>{{index .Breadcrumbs 7}}</p>{{end}}`, true)
	awaitReload(t, events, "the failing page", about(500, "index out of range"))
	// The page that fails shows it at once; the rest of the site once
	// the background check has met it.
	for deadline := time.Now().Add(wait); ; time.Sleep(20 * time.Millisecond) {
		status, body := p.get(t, "")
		if status == 500 && strings.Contains(body, "index out of range") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("home page while a layout fails: status %d, want 500 with the error", status)
		}
	}
	if err := os.RemoveAll(filepath.Join(p.dir, "layouts")); err != nil {
		t.Fatal(err)
	}
	awaitReload(t, events, "the theme's own layout", about(200, "<h1"))
}

// TestPagesCarryTheirBuild checks what lets an open page decide to
// reload: it carries its build's token, the stream greets it with the
// token being served, and a restarted server has another.
func TestPagesCarryTheirBuild(t *testing.T) {
	p := startPreview(t, nil)
	token := regexp.MustCompile(`var t="([^"]+)"`)
	_, body := p.get(t, "about/")
	m := token.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no reload script with a token on the page")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hello := func(p *preview) string {
		req, _ := http.NewRequestWithContext(ctx, "GET", strings.TrimSuffix(p.url, "/")+serve.EventsPath, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				return data
			}
		}
		t.Fatal("no hello event")
		return ""
	}
	if got := hello(p); got != m[1] {
		t.Errorf("hello names build %q, the page %q", got, m[1])
	}
	if restarted := startPreview(t, nil); hello(restarted) == m[1] {
		t.Error("another server instance greets with the same token")
	}
}
