package feeds

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

func sampleSitemap() []SitemapURL {
	return []SitemapURL{
		{Loc: "https://hub.example.org/placements/", LastMod: day("2026-01-10")},
		{Loc: "https://hub.example.org/"},
		{Loc: "https://hub.example.org/search/?q=a&profession=b"},
		{Loc: "https://hub.example.org/faculties/nel/", LastMod: time.Date(2026, 1, 2, 23, 59, 0, 0, time.UTC)},
		{Loc: "https://hub.example.org/placements/", LastMod: day("2026-01-12")},
		{Loc: "https://hub.example.org/placements/", LastMod: day("2026-01-11")},
	}
}

func TestSitemapGolden(t *testing.T) {
	golden(t, "sitemap.xml", render(t, func(b *bytes.Buffer) error { return Sitemap(b, sampleSitemap()) }))
}

func TestSitemapRoundTrip(t *testing.T) {
	out := render(t, func(b *bytes.Buffer) error { return Sitemap(b, sampleSitemap()) })
	wellFormed(t, out)
	var got struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, u := range got.URLs {
		lines = append(lines, strings.TrimSpace(u.Loc+" "+u.LastMod))
	}
	want := []string{
		"https://hub.example.org/",
		"https://hub.example.org/faculties/nel/ 2026-01-02",
		"https://hub.example.org/placements/ 2026-01-12",
		"https://hub.example.org/search/?q=a&profession=b",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("sitemap reads back as\n%q\nwant\n%q", lines, want)
	}
}

func TestSitemapLimit(t *testing.T) {
	urls := make([]SitemapURL, maxSitemapURLs+1)
	for i := range urls {
		urls[i].Loc = fmt.Sprintf("https://hub.example.org/p/%d/", i)
	}
	if err := Sitemap(io.Discard, urls[:maxSitemapURLs]); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	if err := Sitemap(io.Discard, urls); err == nil || !strings.Contains(err.Error(), "50000") {
		t.Errorf("past the limit: err = %v", err)
	}
}

func TestRobots(t *testing.T) {
	tests := []struct {
		name, sitemap, want, wantErr string
	}{
		{"with sitemap", "https://hub.example.org/sitemap.xml",
			"User-agent: *\nAllow: /\n\nSitemap: https://hub.example.org/sitemap.xml\n", ""},
		{"without sitemap", "", "User-agent: *\nAllow: /\n", ""},
		{"relative sitemap", "/sitemap.xml", "", "must be absolute"},
		{"line break injected", "https://hub.example.org/s.xml\nDisallow: /", "", "invalid control character"},
		{"space", "https://hub.example.org/a b.xml", "", "without spaces"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := Robots(&b, tt.sitemap)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || b.String() != tt.want {
				t.Errorf("Robots = %q, %v; want %q", b.String(), err, tt.want)
			}
		})
	}
}
