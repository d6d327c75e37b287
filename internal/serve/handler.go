package serve

import (
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// ServeHTTP serves the built site from memory, the event stream at
// EventsPath, and the diagnostics in place of every page while the latest
// build has failed.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "the preview server only answers GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == EventsPath {
		s.serveEvents(w, r)
		return
	}
	name, ok := sitePath(r.URL.Path)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	if !s.waitReady(r) {
		http.Error(w, "the preview server is stopping", http.StatusServiceUnavailable)
		return
	}
	snap := s.current()
	file, data, redirect, err := lookup(snap.files, name)
	switch {
	case snap.failed && isPage(name, file):
		serveBytes(w, r, "error.html", snap.errorPage, http.StatusInternalServerError, snap.script)
	case err != nil:
		// A layout that fails on this page only: the build would have
		// failed too, so show it as a failed build would.
		page := errorPage(&snapshot{files: snap.files, err: err})
		serveBytes(w, r, "error.html", page, http.StatusInternalServerError, snap.script)
	case redirect != "":
		u := url.URL{Path: redirect, RawQuery: r.URL.RawQuery}
		http.Redirect(w, r, u.String(), http.StatusFound)
	case file != "":
		serveBytes(w, r, file, data, http.StatusOK, snap.script)
	default:
		if notFound, ok, _ := readFile(snap.files, "404.html"); ok {
			serveBytes(w, r, "404.html", notFound, http.StatusNotFound, snap.script)
			return
		}
		http.NotFound(w, r)
	}
}

// siteFiles is a built site as the handler reads it: a build.Preview,
// which renders pages as they are asked for.
type siteFiles interface {
	// File returns the site file name (no leading slash); err is a
	// failure to make it.
	File(name string) (data []byte, ok bool, err error)
}

// readFile reads name from files, which may be nil (no build has succeeded).
func readFile(files siteFiles, name string) ([]byte, bool, error) {
	if files == nil {
		return nil, false, nil
	}
	return files.File(name)
}

// sitePath turns a request's URL path, already percent-decoded, into a
// name in the site: no leading slash, and a trailing slash kept for
// folder URLs. It refuses paths that step up ("..", also when sent as
// %2e%2e) or use another separator (\, NUL) rather than guess what they
// meant. The site lives in memory, so even a name it let through could
// not reach the disk; this keeps the answers plain.
func sitePath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == ".." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name != "" && strings.HasSuffix(p, "/") {
		name += "/"
	}
	return name, true
}

// lookup finds the file the site serves for name: a folder URL serves
// its index.html, and a name that is a folder with an index.html
// redirects to the folder URL, so that relative links on the page work.
func lookup(files siteFiles, name string) (file string, data []byte, redirect string, err error) {
	if name == "" || strings.HasSuffix(name, "/") {
		data, ok, err := readFile(files, name+"index.html")
		if ok || err != nil {
			return name + "index.html", data, "", err
		}
		return "", nil, "", nil
	}
	if data, ok, err := readFile(files, name); ok || err != nil {
		return name, data, "", err
	}
	if _, ok, err := readFile(files, name+"/index.html"); ok || err != nil {
		return "", nil, "/" + name + "/", err
	}
	return "", nil, "", nil
}

// isPage reports whether a request for name, served by file (empty when
// the site has none), asks for a page rather than a file used by pages:
// those show the diagnostics while the build is broken, while CSS and
// images still come from the last good site.
func isPage(name, file string) bool {
	if file != "" {
		return contentType(file) == htmlType
	}
	switch strings.ToLower(path.Ext(strings.TrimSuffix(name, "/"))) {
	case "", ".html", ".htm":
		return true
	}
	return false
}

const htmlType = "text/html; charset=utf-8"

// contentTypes maps the extensions a site holds to their media types. The
// table is ours rather than the system's (mime.TypeByExtension reads
// /etc/mime.types), so every machine serves the same.
var contentTypes = map[string]string{
	".html":        htmlType,
	".htm":         htmlType,
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/vnd.microsoft.icon",
	".pdf":         "application/pdf",
	".ics":         "text/calendar; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
}

// contentType returns the media type of the site file name.
func contentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// serveBytes answers with data as the file name, injecting the reload
// script into HTML.
func serveBytes(w http.ResponseWriter, r *http.Request, name string, data []byte, status int, script []byte) {
	ctype := contentType(name)
	if ctype == htmlType {
		data = injectReload(data, script)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data) // a client that has gone is not an error here
	}
}
