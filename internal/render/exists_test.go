package render

import (
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/internal/config"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/site"
	"github.com/facultyhub/facultyhub/internal/sitetest"
)

// TestPageExists: pageExists, which the footer asks about its links, is
// true for the address of a page the site publishes, whatever file it
// comes from, and false for a draft, a file beside the
// pages and an address no page has.
func TestPageExists(t *testing.T) {
	fsys := sitetest.Valid(t, map[string]string{
		"content/about.md":         "---\ntitle: About\n---\nText.\n",
		"content/guides/_index.md": "---\ntitle: Guides\n---\nText.\n",
		"content/soon.md":          "---\ntitle: Soon\ndraft: true\n---\nText.\n",
		"content/leaflet.pdf":      "%PDF-1.4\n",
		// An odd name, and still a page: content.Classify publishes
		// help_index.md at /help/, as it would help/_index.md.
		"content/help_index.md": "---\ntitle: Help\n---\nText.\n",
	})
	cfg, diags := config.Load(fsys)
	hub, loadDiags := content.Load(fsys)
	if diags = append(diags, loadDiags...); diags.HasErrors() {
		t.Fatalf("the site has errors: %v", diags[0])
	}
	r, err := New(site.New(cfg, hub, site.Options{Today: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}), fsys)
	if err != nil {
		t.Fatal(err)
	}
	for u, want := range map[string]bool{
		"/about/": true, "/guides/": true, "/help/": true, "/": hub.Home != nil,
		"/soon/": false, "/about": false, "about/": false, "/leaflet.pdf/": false, "/nowhere/": false, "": false,
	} {
		if got := r.pageExists(u); got != want {
			t.Errorf("pageExists(%q) = %v, want %v", u, got, want)
		}
	}
}
