package serve

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// ChangeKind is what a changed file is to the build: the kinds a batch of
// changes holds decide what must be redone.
type ChangeKind uint8

// The kinds of change, as a bit set.
const (
	// ContentChange is a file under content/ outside _data: a Markdown
	// document or a file copied beside it (image, PDF).
	ContentChange ChangeKind = 1 << iota
	// DataChange is a file under content/_data: regions, systems,
	// professions or a vocabulary, which every document is checked against.
	DataChange
	// TemplateChange is a layout or theme file (layouts/, themes/).
	TemplateChange
	// StaticChange is a file under the site's static/ folder.
	StaticChange
	// ConfigChange is site.yaml.
	ConfigChange
	// UnknownChange means the watcher lost track (its event queue
	// overflowed): anything may have changed.
	UnknownChange
)

var kindNames = []struct {
	kind ChangeKind
	name string
}{
	{ContentChange, "content"}, {DataChange, "data"}, {TemplateChange, "template"},
	{StaticChange, "static"}, {ConfigChange, "config"}, {UnknownChange, "unknown"},
}

// String names the kinds in k, e.g. "content+template".
func (k ChangeKind) String() string {
	var names []string
	for _, n := range kindNames {
		if k&n.kind != 0 {
			names = append(names, n.name)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, "+")
}

// Classify says what kind of change a change to the file at rel is; rel
// is slash-separated and relative to the site's source folder. ok is false
// for files the build never reads: anything outside the watched folders
// (public/, .git/) and names starting with "." (editors' swap and lock
// files), which content.Load skips too.
func Classify(rel string) (kind ChangeKind, ok bool) {
	rel = path.Clean(rel)
	if rel == "site.yaml" {
		return ConfigChange, true
	}
	parts := strings.Split(rel, "/")
	for _, p := range parts {
		if strings.HasPrefix(p, ".") {
			return 0, false
		}
	}
	switch parts[0] {
	case "content":
		if len(parts) > 1 && parts[1] == "_data" {
			return DataChange, true
		}
		return ContentChange, true
	case "layouts", "themes":
		return TemplateChange, true
	case "static":
		return StaticChange, true
	}
	return 0, false
}

// Changes is one batch of changed files: what an editor's save, a git
// checkout or a new folder adds up to once the source has been quiet for a
// moment.
type Changes struct {
	// Kinds is the union of the kinds of every path.
	Kinds ChangeKind
	// Paths maps each changed path (slash-separated, relative to the
	// source folder) to its kind.
	Paths map[string]ChangeKind
}

// Add records a change of the given kind to rel.
func (c *Changes) Add(rel string, kind ChangeKind) {
	if c.Paths == nil {
		c.Paths = map[string]ChangeKind{}
	}
	c.Paths[rel] |= kind
	c.Kinds |= kind
}

// Merge adds every change of o to c.
func (c *Changes) Merge(o Changes) {
	for p, k := range o.Paths {
		c.Add(p, k)
	}
	c.Kinds |= o.Kinds
}

// Empty reports whether c holds no change.
func (c Changes) Empty() bool { return c.Kinds == 0 }

// String sums c up for the log: the one path changed, or how many.
func (c Changes) String() string {
	if len(c.Paths) == 1 {
		for p, k := range c.Paths {
			return fmt.Sprintf("%s (%s)", p, k)
		}
	}
	paths := make([]string, 0, len(c.Paths))
	for p := range c.Paths {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	if len(paths) == 0 {
		return "the source folder (" + c.Kinds.String() + ")"
	}
	return fmt.Sprintf("%d files (%s), first %s", len(paths), c.Kinds, paths[0])
}
