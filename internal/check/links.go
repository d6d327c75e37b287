package check

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/diag"
)

// bodyLinks checks every link and image in a Markdown body: no unsafe
// schemes, relative links that resolve to a page or a file (and to a
// heading, for #anchors), site-absolute links to pages that exist, and a
// text alternative for every image.
func bodyLinks(c *checker, doc *content.Document, diags *diag.List) {
	outline := c.outline(doc.Path)
	for _, ref := range outline.Refs {
		line, col := doc.BodyLine+ref.Line-1, ref.Col
		if ref.Image && ref.Alt == "" {
			diags.Errorf(doc.Path, line, col, "missing-alt", "image %q has no alt text; describe what it shows: ![a physiotherapist guiding a student](%s)", ref.Dest, ref.Dest)
		}
		if p := urlProblem(ref.Dest); p != "" {
			diags.Errorf(doc.Path, line, col, urlCode(ref.Dest), "link %s", p)
			continue
		}
		if schemeOf(ref.Dest) != "" || strings.HasPrefix(ref.Dest, "//") {
			continue
		}
		if msg := c.internalLink(doc, ref.Dest, ref.Image); msg != "" {
			diags.Errorf(doc.Path, line, col, "broken-link", "%s", msg)
		}
	}
}

// internalLink says why a relative or site-absolute reference does not
// resolve, or "".
func (c *checker) internalLink(doc *content.Document, dest string, image bool) string {
	target, fragment, _ := strings.Cut(dest, "#")
	if t, err := url.PathUnescape(target); err == nil {
		target = t
	}
	target, _, _ = strings.Cut(target, "?")
	if target == "" {
		if fragment != "" && !c.outline(doc.Path).Anchors[fragment] {
			return fmt.Sprintf("link %q: this page has no heading with the anchor #%s%s", dest, fragment, c.anchorHint(doc.Path, fragment))
		}
		return ""
	}
	if strings.HasPrefix(target, "/") {
		if c.siteURL(target) {
			return ""
		}
		return fmt.Sprintf("link %q does not lead to a page of this site; link to the Markdown file instead, e.g. ../partners/name.md", dest)
	}
	p := resolve(doc, target)
	if !strings.HasPrefix(p, content.ContentDir+"/") {
		return fmt.Sprintf("link %q points outside the content folder", dest)
	}
	if t := c.hub.Document(p); t != nil {
		if fragment != "" && !c.outline(p).Anchors[fragment] {
			return fmt.Sprintf("link %q: %s has no heading with the anchor #%s%s", dest, p, fragment, c.anchorHint(p, fragment))
		}
		return ""
	}
	if c.hub.HasFile(p) {
		return ""
	}
	// A folder link reaches its _index.md.
	if c.hub.Document(path.Join(p, "_index.md")) != nil {
		return ""
	}
	what := "page"
	if image {
		what = "image"
	} else if !content.IsMarkdown(p) {
		what = "file"
	}
	msg := fmt.Sprintf("link %q: the %s %s does not exist", dest, what, p)
	if content.IsMarkdown(p) {
		if s := content.Suggest(path.Base(p), c.siblings(path.Dir(p))); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
	}
	return msg
}

func (c *checker) anchorHint(p, fragment string) string {
	var anchors []string
	for a := range c.outline(p).Anchors {
		anchors = append(anchors, a)
	}
	// Sorting keeps the suggestion deterministic when two are equally near.
	sortStrings(anchors)
	if s := content.Suggest(fragment, anchors); s != "" {
		return fmt.Sprintf(" (did you mean #%s?)", s)
	}
	return ""
}

// siblings lists the Markdown file names in folder dir.
func (c *checker) siblings(dir string) []string {
	var names []string
	for _, d := range c.hub.Documents {
		if path.Dir(d.Path) == dir {
			names = append(names, path.Base(d.Path))
		}
	}
	return names
}

// siteURL reports whether a site-absolute path names a page, a file or a
// page the build generates.
func (c *checker) siteURL(p string) bool {
	if !strings.HasSuffix(p, "/") && path.Ext(p) == "" {
		p += "/"
	}
	if c.hub.DocumentAt(p) != nil || c.hub.HasFile(content.ContentDir+p) {
		return true
	}
	for _, u := range generatedURLs {
		if p == u {
			return true
		}
	}
	parts := strings.Split(strings.Trim(p, "/"), "/")
	switch {
	case len(parts) == 2 && parts[0] == "regions":
		return contains(c.lists["regions"], parts[1])
	case len(parts) == 2 && parts[0] == "professions":
		return contains(c.lists["professions"], parts[1])
	case len(parts) == 3 && parts[0] == "faculties":
		return c.faculties[parts[1]] != nil && (parts[2] == "partners" || parts[2] == "stories" || parts[2] == "resources" || parts[2] == "placements")
	}
	return false
}

// generatedURLs are the fixed pages and files every build writes.
var generatedURLs = []string{
	"/", "/faculties/", "/placements/", "/stories/", "/resources/", "/search/", "/regions/", "/professions/",
	"/feed.xml", "/placements.json", "/placements.csv", "/faculties.json", "/placements/closing.ics", "/sitemap.xml",
}
