package check

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/diag"
)

func sortStrings(s []string) { sort.Strings(s) }

// referenceData checks the links inside content/_data: each system's
// region and successor must exist.
func referenceData(c *checker, diags *diag.List) {
	const path = content.DataDir + "/systems.yaml"
	for _, s := range c.hub.Systems {
		if !contains(c.lists["regions"], s.Region) && s.Region != "" {
			msg := fmt.Sprintf("system %q has unknown region %q: it is not a slug in content/_data/regions.yaml", s.Slug, s.Region)
			if sug := content.Suggest(s.Region, c.lists["regions"]); sug != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sug)
			}
			diags.Errorf(path, s.RegionPos.Line, s.RegionPos.Col, "unknown-region", "%s", msg)
		}
		if s.Successor == "" {
			continue
		}
		if s.Successor == s.Slug {
			diags.Errorf(path, s.SuccessorPos.Line, s.SuccessorPos.Col, "unknown-system", "system %q cannot be its own successor", s.Slug)
		} else if !contains(c.lists["systems"], s.Successor) {
			diags.Errorf(path, s.SuccessorPos.Line, s.SuccessorPos.Col, "unknown-system", "successor %q of system %q is not a slug in this file; add the new system or fix the slug", s.Successor, s.Slug)
		}
	}
}

// duplicateURLs reports two files that would be published at the same
// address, and aliases that collide with a page.
func duplicateURLs(c *checker, diags *diag.List) {
	// DocumentAt gives the first document at each URL.
	owner := c.hub.DocumentAt
	for _, d := range c.hub.Documents {
		if first := owner(d.URL); first != d {
			diags.Errorf(d.Path, 1, 1, "duplicate-url", "this page and %s would both be published at %s; rename or remove one of them", first.Path, d.URL)
		}
	}
	aliased := map[string]*content.Document{}
	for _, d := range c.hub.Documents {
		// d.Aliases is the front matter's aliases list: its positions
		// are read only for a problem to report.
		for i, a := range d.Aliases {
			at := func() content.Pos { return d.Front()["aliases"].At(i) }
			switch other, first := owner(a), aliased[a]; {
			case len(a) == 0 || a[0] != '/':
				diags.Errorf(d.Path, at().Line, at().Col, "bad-url", "alias %q must be a site path starting with /, e.g. /old-name/", a)
			case other != nil && other != d:
				diags.Errorf(d.Path, at().Line, at().Col, "duplicate-url", "alias %q is the address of %s; an alias must be an old address no page uses", a, other.Path)
			case first != nil && first != d:
				diags.Errorf(d.Path, at().Line, at().Col, "duplicate-url", "alias %q is also an alias of %s; an old address can lead to one page only", a, first.Path)
			default:
				aliased[a] = d
			}
		}
	}
}

// placementWarnings warns about placements that have closed, so a faculty
// can update or remove them. Like reviewWarnings it reads only its
// document and the date: a document rule, cached with the document's
// results (a national site has about a thousand closed placements, each
// warning formatted again at every preview change as a hub rule).
func placementWarnings(c *checker, d *content.Document, diags *diag.List) {
	closes := d.Front().Date("closes")
	if d.Kind != content.KindPlacement || d.Front().String("status") != "" || closes.IsZero() || !closes.Before(c.opts.Today) {
		return
	}
	at := d.Front()["closes"].Key
	diags.Warnf(d.Path, at.Line, at.Col, "placement-closed", "placement closed on %s: it has left the finder and feeds; set a new closes date, or status: closed to keep it as a record", closes.Format(time.DateOnly))
}

// reviewWarnings warns when a page was last reviewed more than 12 months
// ago. It reads only the document and the date, so it is a document
// rule, and its warnings are cached with the document's.
func reviewWarnings(c *checker, d *content.Document, diags *diag.List) {
	r := d.Front().Date("reviewed")
	if r.IsZero() || !r.Before(c.opts.Today.AddDate(-1, 0, 0)) {
		return
	}
	at := d.Front()["reviewed"].Key
	diags.Warnf(d.Path, at.Line, at.Col, "stale-review", "last reviewed on %s, more than 12 months ago; check the page is still right and update reviewed", r.Format(time.DateOnly))
}

// emptyFaculties warns about a faculty that offers no placements.
func emptyFaculties(c *checker, diags *diag.List) {
	has := map[string]bool{}
	for _, p := range c.hub.Placements {
		if !p.Draft {
			has[p.System] = true
		}
	}
	for _, f := range c.hub.Faculties {
		if !f.Broken && !has[f.System] {
			diags.Warnf(f.Path, headerLine(f.Document), 1, "no-placements", "faculty has no placements yet; add one with `facultyhub new placement %s <slug>`", f.System)
		}
	}
}

// fileNames warns about Markdown files whose names make awkward URLs:
// capitals, spaces or punctuation.
func fileNames(c *checker, diags *diag.List) {
	for _, d := range c.hub.Documents {
		name := strings.TrimSuffix(path.Base(d.Path), ".md")
		if name == "_index" || isSlug(name) {
			continue
		}
		diags.Warnf(d.Path, 1, 1, "bad-slug", "the file name %q becomes part of the page's address; use lowercase letters, digits and hyphens, e.g. %s.md", name+".md", suggestSlug(name))
	}
}

// isSlug reports whether name is lowercase letters and digits in words
// joined by single hyphens: ^[a-z0-9]+(-[a-z0-9]+)*$ (the regexp took a
// tenth of the preview's checks).
func isSlug(name string) bool {
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && i > 0 && i < len(name)-1 && name[i-1] != '-':
		default:
			return false
		}
	}
	return name != ""
}

// suggestSlug turns a file name into a slug: lowercase, runs of anything
// else as single hyphens.
func suggestSlug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		} else {
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return "page"
	}
	return b.String()
}
