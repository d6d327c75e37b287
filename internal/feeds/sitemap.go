package feeds

import (
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
)

// SitemapURL is one page listed in the sitemap.
type SitemapURL struct {
	// Loc is the page's absolute URL.
	Loc string
	// LastMod is when the page last changed; zero leaves it out.
	LastMod time.Time
}

// maxSitemapURLs is the sitemaps.org limit for one file; past it a sitemap
// index would be needed, which a site of a few tens of thousands of pages
// does not reach.
const maxSitemapURLs = 50000

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// Sitemap writes a sitemaps.org 0.9 urlset: one <url> per page, sorted by
// loc, with lastmod as YYYY-MM-DD when known. A page listed twice is written
// once, with its latest lastmod.
func Sitemap(w io.Writer, urls []SitemapURL) error {
	sorted := slices.Clone(urls)
	slices.SortFunc(sorted, func(a, b SitemapURL) int {
		return cmp.Or(cmp.Compare(a.Loc, b.Loc), b.LastMod.Compare(a.LastMod))
	})
	sorted = slices.CompactFunc(sorted, func(a, b SitemapURL) bool { return a.Loc == b.Loc })
	if len(sorted) > maxSitemapURLs {
		return fmt.Errorf("sitemap: %d URLs, more than the %d one sitemap may hold", len(sorted), maxSitemapURLs)
	}
	set := sitemapURLSet{URLs: make([]sitemapURL, len(sorted))}
	for i, u := range sorted {
		set.URLs[i].Loc = u.Loc
		if !u.LastMod.IsZero() {
			set.URLs[i].LastMod = u.LastMod.Format(time.DateOnly)
		}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(set); err != nil {
		return fmt.Errorf("sitemap: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// Robots writes robots.txt (RFC 9309): every crawler may fetch everything,
// and the sitemap is at sitemapURL, which must be absolute; an empty
// sitemapURL leaves the Sitemap line out.
func Robots(w io.Writer, sitemapURL string) error {
	text := "User-agent: *\nAllow: /\n"
	if sitemapURL != "" {
		u, err := url.Parse(sitemapURL)
		if err != nil {
			return fmt.Errorf("robots.txt: %w", err)
		}
		if !u.IsAbs() || u.Host == "" || strings.ContainsAny(sitemapURL, " \t") {
			return errors.New("robots.txt: the sitemap URL must be absolute, without spaces")
		}
		text += "\nSitemap: " + sitemapURL + "\n"
	}
	_, err := io.WriteString(w, text)
	return err
}
