package content

import (
	"path"
	"strings"
)

// Kind is what a content file is, derived from its path.
type Kind int

// The kinds of content file.
const (
	KindPage      Kind = iota // any other Markdown file: a plain page
	KindHome                  // content/_index.md
	KindFaculty               // content/faculties/<system>/_index.md
	KindPartner               // content/faculties/<system>/partners/<slug>.md
	KindStory                 // .../stories/<slug>.md, or content/stories/<slug>.md
	KindResource              // .../resources/<slug>.md, or content/resources/<slug>.md
	KindPlacement             // content/faculties/<system>/placements/<slug>.md
)

// Kinds lists every kind in documentation order.
var Kinds = []Kind{KindFaculty, KindPartner, KindStory, KindResource, KindPlacement, KindPage, KindHome}

var kindNames = [...]string{"page", "home", "faculty", "partner", "story", "resource", "placement"}

// String is the kind's name as used in docs, diagnostics and search.
func (k Kind) String() string { return kindNames[k] }

// ContentDir is the folder, relative to the site's source, that holds the
// content; DataDir holds the reference data and vocabularies.
const (
	ContentDir = "content"
	DataDir    = "content/_data"
)

var sections = map[string]Kind{
	"partners": KindPartner, "stories": KindStory,
	"resources": KindResource, "placements": KindPlacement,
}

// Classify derives the kind of the Markdown file at p (slash-separated,
// relative to the source root, under content/), the system folder that owns
// it (empty for national content), its slug, and its URL.
func Classify(p string) (kind Kind, system, slug, url string) {
	rel := strings.TrimPrefix(p, ContentDir+"/")
	parts := strings.Split(strings.TrimSuffix(rel, ".md"), "/")
	url = pageURL(rel)
	slug = parts[len(parts)-1]
	if slug == "_index" {
		slug = ""
		if len(parts) > 1 {
			slug = parts[len(parts)-2]
		}
	}
	switch {
	case rel == "_index.md":
		return KindHome, "", "", url
	case len(parts) == 3 && parts[0] == "faculties" && parts[2] == "_index":
		return KindFaculty, parts[1], parts[1], url
	case len(parts) == 4 && parts[0] == "faculties" && sections[parts[2]] != KindPage && parts[3] != "_index":
		return sections[parts[2]], parts[1], slug, url
	case len(parts) == 2 && (parts[0] == "stories" || parts[0] == "resources") && parts[1] != "_index":
		return sections[parts[0]], "", slug, url
	}
	return KindPage, "", slug, url
}

// pageURL maps a content-relative Markdown path to its URL:
// about.md → /about/, guides/_index.md → /guides/, _index.md → /.
func pageURL(rel string) string {
	rel = strings.TrimSuffix(rel, ".md")
	rel = strings.TrimSuffix(rel, "_index")
	rel = strings.TrimSuffix(rel, "/")
	if rel == "" {
		return "/"
	}
	return "/" + rel + "/"
}

// FileURL is the URL of a co-located file at content-relative path p. A
// file beside an _index.md or a leaf page is published beside that page:
// faculties/x/stories/photo.png → /faculties/x/stories/photo.png.
func FileURL(p string) string {
	return "/" + strings.TrimPrefix(p, ContentDir+"/")
}

// IsMarkdown reports whether p is a content file (as opposed to an asset).
func IsMarkdown(p string) bool { return path.Ext(p) == ".md" }
