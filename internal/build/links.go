package build

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/facultyhub/facultyhub/internal/diag"
	"golang.org/x/net/html"
)

// pageLinks is what the link check needs from one rendered page.
type pageLinks struct {
	url    string // site path of the page, without the base path
	source string // the content file it came from, for diagnostics
	links  []string
	ids    map[string]bool
}

// scanLinks reads the internal links (href, src) and element IDs of an
// HTML page. Absolute URLs and other schemes are not followed.
func scanLinks(page []byte) (links []string, ids map[string]bool) {
	ids = map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return links, ids
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		_, hasAttr := z.TagName()
		for hasAttr {
			var key, val []byte
			key, val, hasAttr = z.TagAttr()
			switch string(key) {
			case "id":
				ids[string(val)] = true
			case "href", "src":
				v := string(val)
				if strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "//") || strings.HasPrefix(v, "#") {
					links = append(links, v)
				}
			}
		}
	}
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
	for _, p := range pages {
		seen := map[string]bool{}
		for _, link := range p.links {
			if seen[link] {
				continue
			}
			seen[link] = true
			if msg := resolveLink(p, link, byURL, files, base); msg != "" {
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
	target, fragment, _ := strings.Cut(link, "#")
	target, _, _ = strings.Cut(target, "?")
	if t, err := url.PathUnescape(target); err == nil {
		target = t
	}
	if target == "" {
		if fragment != "" && !byURL[p.url].ids[fragment] {
			return fmt.Sprintf("page %s links to #%s, but it has no element with that id", p.url, fragment)
		}
		return ""
	}
	if !strings.HasPrefix(target, base) {
		return fmt.Sprintf("page %s links to %s, which is outside the site's base path %s", p.url, link, base)
	}
	site := "/" + strings.TrimPrefix(target, base)
	file := strings.TrimPrefix(site, "/")
	if strings.HasSuffix(site, "/") {
		file += "index.html"
	}
	if !files[file] && !files[path.Join(file, "index.html")] {
		return fmt.Sprintf("page %s links to %s, which the build does not write", p.url, link)
	}
	if fragment != "" {
		if t := byURL[site]; t != nil && !t.ids[fragment] {
			return fmt.Sprintf("page %s links to %s, but %s has no element with id %q", p.url, link, site, fragment)
		}
	}
	return ""
}
