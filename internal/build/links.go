package build

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/facultyhub/facultyhub/internal/diag"
	"github.com/facultyhub/facultyhub/internal/render"
	"golang.org/x/net/html"
)

// pageLinks is what the link check needs from one rendered page.
type pageLinks struct {
	url    string // site path of the page, without the base path
	source string // the content file it came from, for diagnostics
	links  []string
	ids    []string // sorted
}

// hasID reports whether the page has an element with the given id.
func (p *pageLinks) hasID(id string) bool {
	_, ok := slices.BinarySearch(p.ids, id)
	return ok
}

// scanLinks reads the internal links (href, src) and element IDs of an
// HTML page. Absolute URLs and other schemes are not followed. Each link
// is listed once; the IDs are sorted, each listed once. Links and IDs
// are shared between the pages a scanner reads: the same navigation links
// stand on every page, and the link check holds them all until the end
// of the build.
//
// It is a small scanner rather than an HTML tokenizer because it runs
// over every byte the build writes (a third of a gigabyte at national
// scale); links_test.go holds it to golang.org/x/net/html's tokenizer
// over the whole shipped site and tricky fragments.
func scanLinks(page []byte) (links, ids []string) {
	sc := linkScanners.get()
	defer linkScanners.put(sc)
	return sc.scan(page)
}

// linkScanners are reused from page to page, so that each remembers the
// strings it has read: a link that stands on a thousand pages is then
// looked up in the scanner's map, without a copy, on all but the first.
// They are kept in a list of their own, not a sync.Pool, which drops
// them at every collection: a national build collects dozens of times,
// and each new scanner copied (and interned, with unique.Make, a sixth
// of the scan's time) every value anew. With a few scanners kept for the
// whole build, a value has a copy in each at most.
var linkScanners scannerList

type scannerList struct {
	mu   sync.Mutex
	free []*linkScanner
}

// maxScanned bounds what a scanner remembers: the preview server scans
// the pages of one edit after another.
const maxScanned = 1 << 18

func (l *scannerList) get() *linkScanner {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n := len(l.free); n > 0 {
		sc := l.free[n-1]
		l.free = l.free[:n-1]
		return sc
	}
	return &linkScanner{names: map[string]*scannedName{}, values: map[string]*scannedName{}}
}

func (l *scannerList) put(sc *linkScanner) {
	if len(sc.names) > maxScanned {
		clear(sc.names)
		clear(sc.values)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.free) < 2*runtime.GOMAXPROCS(0) {
		l.free = append(l.free, sc)
	}
}

type linkScanner struct {
	// names maps an attribute value as written to what the scanner
	// knows of it.
	names map[string]*scannedName
	// values maps the unescaped value to the same: two spellings of
	// one link (&amp; or &) are one link.
	values map[string]*scannedName
	// page counts the pages scanned, numbering the one being scanned.
	page  int
	attrs [][2][]byte
}

// scannedName is an attribute value read by a linkScanner.
type scannedName struct {
	s string // unescaped
	// page is the last page on which it was listed as a link.
	page int
}

// name returns what the scanner knows of an attribute value.
func (sc *linkScanner) name(v []byte) *scannedName {
	if n, ok := sc.names[string(v)]; ok {
		return n
	}
	raw := string(v)
	s := raw
	if strings.IndexByte(raw, '&') >= 0 {
		s = html.UnescapeString(raw)
	}
	n := sc.values[s]
	if n == nil {
		n = &scannedName{s: s}
		sc.values[n.s] = n
	}
	if n.s == raw {
		raw = n.s
	}
	sc.names[raw] = n
	return n
}

func (sc *linkScanner) scan(page []byte) (links, ids []string) {
	sc.page++
	attrs := sc.attrs[:0]
	defer func() { sc.attrs = attrs[:0] }()
	for i := 0; i < len(page); {
		j := bytes.IndexByte(page[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		switch {
		case bytes.HasPrefix(page[i:], []byte("!--")):
			// A comment ends at the first -->.
			k := bytes.Index(page[i+3:], []byte("-->"))
			if k < 0 {
				return links, sortedIDs(ids)
			}
			i += 3 + k + 3
			continue
		case i >= len(page) || !isASCIILetter(page[i]):
			// An end tag, a doctype, a processing instruction or a
			// lone "<" in text: no attributes of interest.
			continue
		}
		start := i
		for i < len(page) && !isSpace(page[i]) && page[i] != '>' && page[i] != '/' {
			i++
		}
		tag := page[start:i]
		var closed bool
		i, closed, attrs = scanAttrs(page, i, attrs[:0])
		if !closed {
			break // the page ends inside the tag: it is text, not a tag
		}
		for _, a := range attrs {
			key, val := a[0], a[1]
			switch {
			case asciiEqualFold(key, "id"):
				ids = append(ids, sc.name(val).s)
			case asciiEqualFold(key, "href"), asciiEqualFold(key, "src"):
				if !(len(val) > 0 && (val[0] == '/' && !bytes.HasPrefix(val, []byte("//")) || val[0] == '#')) {
					continue
				}
				if n := sc.name(val); n.page != sc.page {
					n.page = sc.page
					links = append(links, n.s)
				}
			}
		}
		if k := rawTextEnd(page[i:], tag); k >= 0 {
			i += k
		}
	}
	return links, sortedIDs(ids)
}

func sortedIDs(ids []string) []string {
	slices.Sort(ids)
	return slices.Clip(slices.Compact(ids))
}

// scanAttrs reads the attributes of a start tag from page[i:], just past
// its name, appending each key and value to attrs, and returns the index
// after the tag; closed is false when the page ends first.
func scanAttrs(page []byte, i int, attrs [][2][]byte) (end int, closed bool, _ [][2][]byte) {
	for i < len(page) {
		for i < len(page) && (isSpace(page[i]) || page[i] == '/') {
			i++
		}
		if i >= len(page) {
			return len(page), false, attrs
		}
		if page[i] == '>' {
			return i + 1, true, attrs
		}
		start := i
		i++ // an attribute name may start with "="
		for i < len(page) && !isSpace(page[i]) && page[i] != '=' && page[i] != '>' && page[i] != '/' {
			i++
		}
		key := page[start:i]
		for i < len(page) && isSpace(page[i]) {
			i++
		}
		var val []byte
		if i < len(page) && page[i] == '=' {
			i++
			for i < len(page) && isSpace(page[i]) {
				i++
			}
			switch {
			case i < len(page) && (page[i] == '"' || page[i] == '\''):
				q := page[i]
				k := bytes.IndexByte(page[i+1:], q)
				if k < 0 {
					return len(page), false, attrs
				}
				val = page[i+1 : i+1+k]
				i += k + 2
			default:
				start := i
				for i < len(page) && !isSpace(page[i]) && page[i] != '>' {
					i++
				}
				val = page[start:i]
			}
		}
		attrs = append(attrs, [2][]byte{key, val})
	}
	return i, false, attrs
}

// rawTextEnd returns, for an element whose content is raw text (script,
// style and the like), how far its end tag is in rest; -1 otherwise.
func rawTextEnd(rest []byte, tag []byte) int {
	raw := false
	// The elements golang.org/x/net/html reads as raw text (noscript too:
	// it parses as a browser with scripts on).
	for _, t := range []string{"script", "style", "textarea", "title", "xmp", "noscript", "iframe", "noembed", "noframes", "plaintext"} {
		if asciiEqualFold(tag, t) {
			raw = true
			break
		}
	}
	if !raw {
		return -1
	}
	if asciiEqualFold(tag, "plaintext") {
		return len(rest) // it never ends
	}
	for i := 0; ; {
		k := bytes.Index(rest[i:], []byte("</"))
		if k < 0 {
			return len(rest)
		}
		i += k
		end := i + 2 + len(tag)
		if end <= len(rest) && asciiEqualFold(rest[i+2:end], string(tag)) && (end == len(rest) || isSpace(rest[end]) || rest[end] == '>' || rest[end] == '/') {
			return i
		}
		i += 2
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// asciiEqualFold reports whether b is s, ignoring ASCII case.
func asciiEqualFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range len(b) {
		if b[i]|0x20 != s[i]|0x20 {
			return false
		}
	}
	return true
}

// checkLinks reports every internal link of the rendered pages that does
// not lead to a written file (or, with #fragment, to an element of the
// target page). base is the site's base path ("/" or "/hub/").
func checkLinks(pages []pageLinks, files map[string]bool, base string) diag.List {
	byURL := make(map[string]*pageLinks, len(pages))
	for i := range pages {
		byURL[pages[i].url] = &pages[i]
	}
	var diags diag.List
	// A link to another page resolves the same from every page (the same
	// navigation links stand on all of them): each is resolved once.
	// scanLinks has listed each link once per page.
	resolved := map[string]bool{}
	for _, p := range pages {
		for _, link := range p.links {
			if resolved[link] {
				continue
			}
			msg := resolveLink(p, link, byURL, files, base)
			if msg == "" && !strings.HasPrefix(link, "#") {
				resolved[link] = true
			}
			if msg != "" {
				source := p.source
				if source == "" {
					source = "themes (page " + p.url + ")"
				}
				diags.Errorf(source, 0, 0, "broken-output-link", "%s", msg)
			}
		}
	}
	diags.Sort()
	return diags
}

func resolveLink(p pageLinks, link string, byURL map[string]*pageLinks, files map[string]bool, base string) string {
	target, fragment := splitLink(link)
	if target == "" {
		if fragment != "" && !byURL[p.url].hasID(fragment) {
			return fmt.Sprintf("page %s links to #%s, but it has no element with that id", p.url, fragment)
		}
		return ""
	}
	if !strings.HasPrefix(target, base) {
		return fmt.Sprintf("page %s links to %s, which is outside the site's base path %s", p.url, link, base)
	}
	site := sitePath(target, base)
	file := strings.TrimPrefix(site, "/")
	if strings.HasSuffix(site, "/") {
		file += "index.html"
	}
	if !files[file] && !files[path.Join(file, "index.html")] {
		return fmt.Sprintf("page %s links to %s, which the build does not write", p.url, link)
	}
	if fragment != "" {
		if t := byURL[site]; t != nil && !t.hasID(fragment) {
			return fmt.Sprintf("page %s links to %s, but %s has no element with id %q", p.url, link, site, fragment)
		}
	}
	return ""
}

// keptLinks completes the link check of a build that kept pages of the
// last one (memo.go): their links were checked then and hold unless a
// file went away or a page rendered now lost an element id that one of
// them may link to. Then every kept page is read back from the
// destination and checked again; otherwise only the element ids of the
// kept pages that rendered pages link into are read.
func (r *run) keptLinks() error {
	rendered := make(map[string]bool, len(r.links))
	for _, l := range r.links {
		rendered[l.url] = true
	}
	// read reads back the page at u as the last build wrote it.
	read := func(u string) ([]byte, error) {
		return os.ReadFile(filepath.Join(r.memo.dest, filepath.FromSlash(outputPath(u))))
	}
	// A page rendered now in place of most pages: reading the kept ones
	// costs less than reading the old copies of the rendered ones.
	full := len(rendered) > len(r.pages)/2 || r.memo.linksGone()
	for i := 0; i < len(r.links) && !full; i++ {
		old, err := read(r.links[i].url)
		if err != nil {
			continue // a new page
		}
		_, ids := scanLinks(old)
		for _, id := range ids {
			if !r.links[i].hasID(id) {
				full = true
				break
			}
		}
	}
	if !full {
		for _, l := range r.memo.prev.Linked {
			r.memo.linked[l] = true // the kept pages' links, and maybe more
		}
	}
	var into map[string]bool
	if !full {
		into = fragmentTargets(r.links, render.BasePath(r.site))
	}
	for _, p := range r.pages {
		if rendered[p.URL] || !full && !into[p.URL] {
			continue
		}
		data, err := read(p.URL)
		if err != nil {
			return fmt.Errorf("build cache: read back %s: %w", p.URL, err)
		}
		links, ids := scanLinks(data)
		if !full {
			links = nil // checked by the last build
		}
		r.links = append(r.links, pageLinks{url: p.URL, source: p.Doc, links: links, ids: ids})
	}
	return nil
}

// splitLink parts a link into its path, unescaped and without the query,
// and its fragment.
func splitLink(link string) (target, fragment string) {
	target, fragment, _ = strings.Cut(link, "#")
	target, _, _ = strings.Cut(target, "?")
	if t, err := url.PathUnescape(target); err == nil {
		target = t
	}
	return target, fragment
}

// linkTarget returns the site path a link leads to, without the base
// path, query or fragment.
func linkTarget(link, base string) string {
	target, _ := splitLink(link)
	return sitePath(target, base)
}

// sitePath is the site path of target, a path under the base path.
func sitePath(target, base string) string {
	return "/" + strings.TrimPrefix(strings.TrimPrefix(target, base), "/")
}

// fragmentTargets lists the pages that links point into (#id), by site
// path.
func fragmentTargets(links []pageLinks, base string) map[string]bool {
	into := map[string]bool{}
	for _, l := range links {
		for _, link := range l.links {
			if target, fragment := splitLink(link); target != "" && fragment != "" {
				into[sitePath(target, base)] = true
			}
		}
	}
	return into
}

func (r *run) linkCheck(context.Context) error {
	r.links = append(r.links, r.searchLinks...)
	if r.memo != nil && r.memo.prev != nil {
		if err := r.keptLinks(); err != nil {
			return err
		}
	}
	base := render.BasePath(r.site)
	r.report(checkLinks(r.links, r.files, base))
	if r.memo != nil {
		// Pages share most links: each is resolved once.
		seen := map[string]bool{}
		for _, l := range r.links {
			for _, link := range l.links {
				if !seen[link] && !strings.HasPrefix(link, "#") {
					seen[link] = true
					r.memo.linked[linkTarget(link, base)] = true
				}
			}
		}
	}
	return nil
}
