package render

import (
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/bench/corpus"
	"github.com/facultyhub/facultyhub/internal/config"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/site"
)

// TestKeysKnowEveryPageField makes whoever adds a field to Page decide
// how Keys treats it: a page's key must change whenever its HTML may, so
// every field is either written into the key, or made from fields that
// are (when the page is rendered), or the whole site's (in the global
// part). A new field fails this test until it is listed here and, if it
// is an input, hashed in Keys.Of.
func TestKeysKnowEveryPageField(t *testing.T) {
	known := map[string]string{
		"Site": "global", "Layout": "hashed", "URL": "hashed", "Listing": "hashed", "Title": "hashed",
		"Description": "hashed", "Kind": "hashed", "Breadcrumbs": "hashed", "Doc": "hashed (with its file's SHA-256)",
		"Content": "hashed", "Data": "hashed (the entity's and its faculty's, host's, placements' files)",
		"Pager": "hashed", "Facets": "hashed", "Finder": "hashed", "Feeds": "hashed", "NoIndex": "hashed",
		"Redirect": "hashed", "JSONLD": "made from Data",
		"Canonical": "made from URL", "Trail": "made from Breadcrumbs", "Parent": "made from Breadcrumbs",
		"BreadcrumbLD": "made from Breadcrumbs, Title and URL", "Entry": "made from Data",
	}
	typ := reflect.TypeFor[Page]()
	for i := range typ.NumField() {
		if name := typ.Field(i).Name; known[name] == "" {
			t.Errorf("Page.%s is new: decide whether Keys.Of must hash it, and list it here", name)
		}
	}
	pager := map[string]bool{"Cards": true, "Number": true, "Total": true, "Count": true, "Prev": true, "Next": true, "Pages": true, "Links": true}
	ptyp := reflect.TypeFor[Pager]()
	for i := range ptyp.NumField() {
		if name := ptyp.Field(i).Name; !pager[name] {
			t.Errorf("Pager.%s is new: decide whether Keys.Of must hash it, and list it here", name)
		}
	}
}

// A partner's key takes its placements' card sums from the page list's
// cards when given them: the keys must be those made without.
func TestKeysWithTheListsCards(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Scale: corpus.ScaleTiny, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(dir)
	cfg, _ := config.Load(fsys)
	hub, diags := content.Load(fsys)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	s := site.New(cfg, hub, site.Options{Today: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
	pages, cards := PagesAndCards(s)
	doc := func(p string) []byte { return []byte(p) }
	with, without := NewKeys(s, []byte("g"), doc, cards), NewKeys(s, []byte("g"), doc, nil)
	partners := 0
	for _, p := range pages {
		a, okA := with.Of(p)
		b, okB := without.Of(p)
		if a != b || okA != okB {
			t.Fatalf("%s: keys differ with the list's cards", p.URL)
		}
		if _, ok := p.Data.(*site.Partner); ok && len(p.Data.(*site.Partner).Placements) > 0 {
			partners++
		}
	}
	if partners == 0 {
		t.Fatal("no partner page with placements: the test proves nothing")
	}
}
