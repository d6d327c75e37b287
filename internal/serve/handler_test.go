package serve

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/facultyhub/facultyhub/internal/diag"
)

// fakeServer returns a server that serves files as its built site, with
// the latest build failed when diags holds an error.
func fakeServer(files map[string][]byte, diags diag.List, err error) *Server {
	s := New(Options{})
	var site siteFiles
	if files != nil {
		site = fileMap(files)
	}
	sn := &snapshot{token: "t-1", script: reloadScript("t-1"), files: site, diags: diags, err: err,
		failed: diags.HasErrors() || err != nil}
	if sn.failed {
		sn.errorPage = errorPage(sn)
	}
	s.snap.Store(sn)
	close(s.ready)
	return s
}

// fileMap is a site held as path → content.
type fileMap map[string][]byte

func (m fileMap) File(name string) ([]byte, bool, error) {
	data, ok := m[name]
	return data, ok, nil
}

var testSite = map[string][]byte{
	"index.html":                 []byte("<!DOCTYPE html><html><body><h1>Home</h1></body></html>"),
	"404.html":                   []byte("<!DOCTYPE html><html><body><h1>Not here</h1></body></html>"),
	"faculties/index.html":       []byte("<html><body>Faculties</body></html>"),
	"faculties/x/index.html":     []byte("<html><BODY>Faculty X</BODY></html>"),
	"css/site.1a2b3c.css":        []byte("body{color:#212b32}"),
	"faculties/x/photo.png":      []byte("\x89PNG"),
	"faculties/x/guide.pdf":      []byte("%PDF"),
	"feed.xml":                   []byte("<feed/>"),
	"placements.json":            []byte("[]"),
	"placements.csv":             []byte("title\n"),
	"placements/closing.ics":     []byte("BEGIN:VCALENDAR"),
	"robots.txt":                 []byte("User-agent: *"),
	"logo.svg":                   []byte("<svg/>"),
	"faculties/x/map.JPG":        []byte("jpeg"),
	"search/client.js":           []byte("1"),
	"faculties/x/a file.pdf":     []byte("%PDF spaces"),
	"faculties/x/fragment.html":  []byte("<p>no body tag"),
	"faculties/x/_redirects.bin": []byte("?"),
}

func get(t *testing.T, s *Server, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, "http://preview"+target, nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

func TestServeSite(t *testing.T) {
	s := fakeServer(testSite, nil, nil)
	tests := []struct {
		name, target string
		status       int
		ctype        string
		body         string // contained in the body
		location     string
	}{
		{"home", "/", 200, "text/html; charset=utf-8", "<h1>Home</h1>", ""},
		{"index.html itself", "/index.html", 200, "text/html; charset=utf-8", "<h1>Home</h1>", ""},
		{"folder URL", "/faculties/x/", 200, "text/html; charset=utf-8", "Faculty X", ""},
		{"folder without slash redirects", "/faculties/x", 302, "", "", "/faculties/x/"},
		{"redirect keeps the query", "/faculties?profession=dietitians", 302, "", "", "/faculties/?profession=dietitians"},
		{"css", "/css/site.1a2b3c.css", 200, "text/css; charset=utf-8", "color:#212b32", ""},
		{"js", "/search/client.js", 200, "text/javascript; charset=utf-8", "1", ""},
		{"png", "/faculties/x/photo.png", 200, "image/png", "PNG", ""},
		{"jpg in capitals", "/faculties/x/map.JPG", 200, "image/jpeg", "jpeg", ""},
		{"pdf", "/faculties/x/guide.pdf", 200, "application/pdf", "%PDF", ""},
		{"encoded space", "/faculties/x/a%20file.pdf", 200, "application/pdf", "spaces", ""},
		{"atom", "/feed.xml", 200, "application/xml; charset=utf-8", "<feed/>", ""},
		{"json", "/placements.json", 200, "application/json", "[]", ""},
		{"csv", "/placements.csv", 200, "text/csv; charset=utf-8", "title", ""},
		{"ics", "/placements/closing.ics", 200, "text/calendar; charset=utf-8", "VCALENDAR", ""},
		{"txt", "/robots.txt", 200, "text/plain; charset=utf-8", "User-agent", ""},
		{"svg", "/logo.svg", 200, "image/svg+xml", "<svg/>", ""},
		{"unknown type", "/faculties/x/_redirects.bin", 200, "application/octet-stream", "?", ""},
		{"missing page", "/nowhere/", 404, "text/html; charset=utf-8", "Not here", ""},
		{"missing file", "/css/gone.css", 404, "text/html; charset=utf-8", "Not here", ""},
		{"folder without index", "/css/", 404, "text/html; charset=utf-8", "Not here", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, s, "GET", tt.target)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if got := rec.Header().Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control %q, want no-store", got)
			}
			if tt.ctype != "" && rec.Header().Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type %q, want %q", rec.Header().Get("Content-Type"), tt.ctype)
			}
			if !strings.Contains(rec.Body.String(), tt.body) {
				t.Errorf("body %q does not contain %q", rec.Body, tt.body)
			}
			if got := rec.Header().Get("Location"); got != tt.location {
				t.Errorf("Location %q, want %q", got, tt.location)
			}
			html := strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") && rec.Code != 302
			if got := strings.Contains(rec.Body.String(), EventsPath); got != html {
				t.Errorf("reload script injected: %v, want %v", got, html)
			}
		})
	}
}

func TestReloadScriptGoesBeforeBody(t *testing.T) {
	s := fakeServer(testSite, nil, nil)
	for target, want := range map[string]string{
		"/":                          "</script></body></html>",
		"/faculties/x/":              "</script></BODY></html>",
		"/faculties/x/fragment.html": "<p>no body tag<script>",
	} {
		if body := get(t, s, "GET", target).Body.String(); !strings.Contains(body, want) {
			t.Errorf("%s: %q does not contain %q", target, body, want)
		}
	}
	if strings.Contains(string(testSite["index.html"]), "<script") {
		t.Error("injecting the script changed the site's own copy")
	}
}

func TestHead(t *testing.T) {
	s := fakeServer(testSite, nil, nil)
	full := get(t, s, "GET", "/faculties/x/")
	head := get(t, s, "HEAD", "/faculties/x/")
	if head.Code != 200 || head.Body.Len() != 0 {
		t.Fatalf("HEAD: status %d, %d body bytes", head.Code, head.Body.Len())
	}
	if head.Header().Get("Content-Length") != full.Header().Get("Content-Length") || head.Header().Get("Content-Type") != full.Header().Get("Content-Type") {
		t.Errorf("HEAD headers %v differ from GET's %v", head.Header(), full.Header())
	}
	if rec := get(t, s, "HEAD", "/nowhere/"); rec.Code != 404 || rec.Body.Len() != 0 {
		t.Errorf("HEAD of a missing page: status %d, %d body bytes", rec.Code, rec.Body.Len())
	}
}

func TestOtherMethodsRefused(t *testing.T) {
	s := fakeServer(testSite, nil, nil)
	for _, m := range []string{"POST", "PUT", "DELETE", "OPTIONS"} {
		rec := get(t, s, m, "/")
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: status %d, Allow %q", m, rec.Code, rec.Header().Get("Allow"))
		}
	}
}

func TestSitePath(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"/", "", true},
		{"/faculties/x/", "faculties/x/", true},
		{"/faculties/x", "faculties/x", true},
		{"//faculties///x/", "faculties/x/", true},
		{"/./faculties/./x", "faculties/x", true},
		{"/..", "", false},
		{"/../site.yaml", "", false},
		{"/faculties/../../site.yaml", "", false},
		{"/faculties/x/..", "", false},
		{`/..\site.yaml`, "", false},
		{`/faculties\x`, "", false},
		{"/a\x00b", "", false},
		{"faculties/", "", false},
		{"/...", "...", true}, // a name like any other, which no site has
	}
	for _, tt := range tests {
		got, ok := sitePath(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("sitePath(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFailedBuildShowsDiagnostics(t *testing.T) {
	diags := diag.List{
		{Path: "content/faculties/x/placements/ward.md", Line: 7, Col: 3, Severity: diag.Error, Code: "unknown-host",
			Message: `host "<script>alert(1)</script>" is not a partner of this faculty`},
		{Path: "content/about.md", Line: 2, Col: 1, Severity: diag.Warning, Code: "unknown-key", Message: `unknown key "colour"`},
	}
	s := fakeServer(testSite, diags, nil)
	for _, target := range []string{"/", "/faculties/x/", "/faculties/x", "/nowhere/", "/new-page", "/faculties/x/fragment.html"} {
		rec := get(t, s, "GET", target)
		body := rec.Body.String()
		if rec.Code != 500 || rec.Header().Get("Content-Type") != htmlType {
			t.Errorf("%s: status %d, type %q; want the error page", target, rec.Code, rec.Header().Get("Content-Type"))
		}
		for _, want := range []string{
			"content/faculties/x/placements/ward.md:7:3", "&lt;script&gt;alert(1)&lt;/script&gt;", "unknown-host",
			"content/about.md:2:1", `unknown key &#34;colour&#34;`, EventsPath,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: error page lacks %q", target, want)
			}
		}
		if strings.Contains(body, "<script>alert") {
			t.Errorf("%s: a message was not escaped", target)
		}
	}
	// Everything but pages still comes from the last good site.
	for target, status := range map[string]int{"/css/site.1a2b3c.css": 200, "/faculties/x/photo.png": 200, "/css/gone.css": 404} {
		if rec := get(t, s, "GET", target); rec.Code != status {
			t.Errorf("%s: status %d, want %d", target, rec.Code, status)
		}
	}
}

func TestFailedFirstBuild(t *testing.T) {
	s := fakeServer(nil, nil, errors.New("render: layouts/page.html: template: page.html:3: unexpected \"}\""))
	rec := get(t, s, "GET", "/")
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), "layouts/page.html: template: page.html:3") {
		t.Errorf("status %d, body %q", rec.Code, rec.Body)
	}
	if strings.Contains(rec.Body.String(), "last build that worked") {
		t.Error("the page promises a last good site there is none of")
	}
	if rec := get(t, s, "GET", "/css/site.css"); rec.Code != 404 {
		t.Errorf("a file before any good build: status %d, want 404", rec.Code)
	}
}
