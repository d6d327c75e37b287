package content

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/facultyhub/facultyhub/internal/diag"
	"golang.org/x/sync/errgroup"
)

// Hub is everything read from a site's content folder.
type Hub struct {
	Regions      []Region
	Systems      []System
	Professions  []Profession
	Vocabularies map[string]*Vocabulary

	// Home is content/_index.md, or nil.
	Home       *Page
	Pages      []*Page
	Faculties  []*Faculty
	Partners   []*Partner
	Stories    []*Story
	Resources  []*Resource
	Placements []*Placement

	// Documents holds every Markdown file, sorted by path.
	Documents []*Document
	// Files lists the other files under content/ (images, PDFs), sorted,
	// as slash paths relative to the source root.
	Files []string

	// index finds documents and files; made as it is asked for, so the
	// lists above must not change once it is.
	index hubIndex
}

// DropPositions releases every document's positioned front matter
// (Document.Front), which only checks read: the typed structs keep the
// values.
// A build calls it once its checks have run; at national scale the
// positions are a fifth of the loaded hub.
func (h *Hub) DropPositions() {
	for _, d := range h.Documents {
		d.fields, d.front = nil, nil
	}
}

// System returns the system with the given slug, or nil.
func (h *Hub) System(slug string) *System {
	for i := range h.Systems {
		if h.Systems[i].Slug == slug {
			return &h.Systems[i]
		}
	}
	return nil
}

// Load reads the content folder of the site rooted at fsys. It returns
// whatever it could read together with every problem it found; it never
// stops at the first one. Files and folders whose names start with "." are
// ignored.
func Load(fsys fs.FS) (*Hub, diag.List) { return LoadCached(fsys, nil) }

// LoadCached is Load reusing, for every Markdown file whose bytes are
// unchanged since the last load with c, the document and diagnostics
// read from it then, and remembering the new ones; c may be nil. The
// reused documents are shared with the earlier Hub: neither may be
// changed (Hub.DropPositions included).
func LoadCached(fsys fs.FS, c *Cache) (*Hub, diag.List) {
	if w, ok := c.reusableWalk(fsys); ok {
		return load(fsys, func() *Cache { return c }, w)
	}
	return LoadCachedLater(fsys, func() *Cache { return c })
}

// LoadCachedLater is LoadCached with a cache that cache returns once the
// folders have been walked: the build decodes its cache from disk
// meanwhile.
func LoadCachedLater(fsys fs.FS, cache func() *Cache) (*Hub, diag.List) {
	return load(fsys, cache, walkContent(fsys))
}

// walk is what walking the content folder found: the Markdown files (with
// their entries), the other files, and the folders it could not read.
type walk struct {
	markdown []string
	entries  map[string]fs.DirEntry
	files    []string
	diags    diag.List
}

func walkContent(fsys fs.FS) walk {
	var w walk
	w.entries = map[string]fs.DirEntry{}
	err := fs.WalkDir(fsys, ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			w.diags.Errorf(p, 0, 0, "unreadable", "cannot read %s: %v", p, unwrapPath(err))
			return nil
		}
		name := d.Name()
		if p != ContentDir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir() && p == DataDir:
			return fs.SkipDir
		case d.IsDir():
		case IsMarkdown(p):
			w.markdown = append(w.markdown, p)
			w.entries[p] = d
		case d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0:
			w.files = append(w.files, p)
		}
		return nil
	})
	if err != nil {
		w.diags.Errorf(ContentDir, 0, 0, "unreadable", "cannot read the content folder: %v", unwrapPath(err))
	}
	sort.Strings(w.markdown)
	sort.Strings(w.files)
	return w
}

// load reads the documents w found, with the cache that cache returns.
func load(fsys fs.FS, cache func() *Cache, w walk) (*Hub, diag.List) {
	var diags diag.List
	h := &Hub{}
	loadData(fsys, h, &diags)
	diags = append(diags, w.diags...)
	markdown, entries := w.markdown, w.entries
	h.Files = slices.Clone(w.files)

	c := cache()
	c.rememberWalk(w)
	docs := make([]*Document, len(markdown))
	typed := make([]any, len(markdown))
	perFile := make([]diag.List, len(markdown))
	// Documents the cache may reuse unread (the preview's, with
	// TrustChanges) are taken at once; the others are read in parallel.
	onlyThese := c.reuse(markdown, docs, typed, perFile)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, p := range markdown {
		if docs[i] != nil {
			continue
		}
		g.Go(func() error {
			docs[i], typed[i] = c.readDocument(fsys, p, entries[p], &perFile[i])
			return nil
		})
	}
	_ = g.Wait() // readDocument reports problems as diagnostics, never as errors
	if !onlyThese {
		c.forgetOthers(markdown)
	}
	for _, l := range perFile {
		diags = append(diags, l...)
	}

	h.Documents = docs
	for i, doc := range docs {
		switch t := typed[i].(type) {
		case *Faculty:
			h.Faculties = append(h.Faculties, t)
		case *Partner:
			h.Partners = append(h.Partners, t)
		case *Story:
			h.Stories = append(h.Stories, t)
		case *Resource:
			h.Resources = append(h.Resources, t)
		case *Placement:
			h.Placements = append(h.Placements, t)
		case *Page:
			if doc.Kind == KindHome {
				h.Home = t
			} else {
				h.Pages = append(h.Pages, t)
			}
		}
	}
	return h, diags
}

var bom = []byte("\xef\xbb\xbf")

// frontSum hashes what comes before body in src, or all of src when body
// is not its tail.
func frontSum(src, body []byte) [sha256.Size]byte {
	if off := len(src) - len(body); len(body) > 0 && &src[off:][0] == &body[0] {
		return sha256.Sum256(src[:off])
	}
	return sha256.Sum256(src)
}

// readDocument reads one Markdown file and decodes it, with its typed
// struct, or takes both from c when c has decoded the same bytes at the
// same path. (load has taken what c may reuse unread: Cache.reuse.)
func (c *Cache) readDocument(fsys fs.FS, p string, d fs.DirEntry, diags *diag.List) (*Document, any) {
	var info fs.FileInfo
	var mtime int64
	if c != nil && d != nil {
		info, _ = d.Info()
		if info != nil {
			mtime = info.ModTime().UnixNano()
		}
	}
	if doc, typed, ok := c.unchanged(fsys, p, info, diags); ok {
		return doc, typed
	}
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		kind, system, slug, url := Classify(p)
		diags.Errorf(p, 0, 0, "unreadable", "cannot read the file: %v", unwrapPath(err))
		doc := &Document{Path: p, Kind: kind, URL: url, System: system, Slug: slug, Broken: true}
		return doc, newTyped(doc)
	}
	sum := sha256.Sum256(src)
	if doc, typed, ok := c.lookup(p, src, mtime, sum, diags); ok {
		return doc, typed
	}
	var own diag.List
	doc := decodeDocument(p, src, &own)
	f := doc.fields
	doc.Title, doc.Summary = f.String("title"), f.String("summary")
	doc.Draft, doc.Aliases = f.Bool("draft"), f.List("aliases")
	doc.Sum, doc.FrontSum = sum, frontSum(src, doc.Body)
	typed := newTyped(doc)
	c.store(p, src, mtime, doc, typed, own)
	*diags = append(*diags, own...)
	return doc, typed
}

// decodeDocument decodes the Markdown file p from its bytes src. A file
// that cannot be parsed comes back marked Broken with its diagnostics.
func decodeDocument(p string, src []byte, diags *diag.List) *Document {
	kind, system, slug, url := Classify(p)
	doc := &Document{Path: p, Kind: kind, URL: url, System: system, Slug: slug, fields: Fields{}}
	src = bytes.TrimPrefix(src, bom)
	if !utf8.Valid(src) {
		line, col := invalidUTF8(src)
		diags.Errorf(p, line, col, "not-utf8", "the file is not UTF-8 text (invalid byte at line %d); save it as UTF-8 in your editor", line)
		doc.Broken = true
		return doc
	}
	fm, err := splitFrontMatter(src)
	doc.FrontLine, doc.Body, doc.BodyLine = fm.startLine, fm.body, fm.bodyLine
	switch e := err.(type) {
	case nil:
	case *parseError:
		diags.Errorf(p, e.line, e.col, "bad-front-matter", "front matter cannot be read: %s", e.msg)
		doc.Broken = true
		return doc
	default:
		if err == errUnclosed {
			diags.Errorf(p, fm.startLine, 1, "unclosed-front-matter", "front matter opened here is never closed; add a line with only %q after the last key", closer(src))
		} else {
			diags.Errorf(p, 0, 0, "bad-front-matter", "front matter cannot be read: %v", err)
		}
		doc.Broken = true
		return doc
	}
	if fm.root == nil {
		if kind != KindPage {
			diags.Errorf(p, 1, 1, "no-front-matter", "a %s needs front matter: start the file with a line \"---\", the keys, then another \"---\"", kind)
		}
		return doc
	}
	dec := decoder{path: p, diags: diags}
	doc.fields = dec.fields(fm.root, specsFor(kind), "")
	return doc
}

// specsFor returns the schema of kind; a page's when the kind has none.
func specsFor(kind Kind) []FieldSpec {
	if f := FieldsOf(kind); f != nil {
		return f
	}
	return FieldsOf(KindPage)
}

func closer(src []byte) string {
	open, _ := firstLine(src)
	if open == "+++" {
		return "+++"
	}
	return "---"
}

// invalidUTF8 locates the first byte of src that is not valid UTF-8.
func invalidUTF8(src []byte) (line, col int) {
	line, col = 1, 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 0
		}
		col++
		src = src[size:]
	}
	return line, col
}

// Dir returns the content folder of doc, e.g. content/faculties/x/stories.
func (d *Document) Dir() string { return path.Dir(d.Path) }

// String names the document for error messages.
func (d *Document) String() string { return fmt.Sprintf("%s (%s)", d.Path, d.Kind) }

// LoadReference reads only the reference lists and vocabularies of the
// site rooted at fsys: what `facultyhub new` needs, without reading every
// page.
func LoadReference(fsys fs.FS) (*Hub, diag.List) {
	var diags diag.List
	h := &Hub{}
	loadData(fsys, h, &diags)
	return h, diags
}
