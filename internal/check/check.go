// Package check holds the content rules of Faculty Hub: everything that can
// be wrong with a hub's content before it is rendered, reported as
// diagnostics that name the file, the line and how to fix it.
//
// Rules are plain functions over the loaded hub. Per-document rules run in
// parallel; their diagnostics are merged and sorted, so the output never
// depends on scheduling.
package check

import (
	"path"
	"runtime"
	"time"

	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/diag"
	"github.com/facultyhub/facultyhub/internal/markdown"
	"golang.org/x/sync/errgroup"
)

// Options configure a check run.
type Options struct {
	// Today is the date placement status and review age are judged
	// against.
	Today time.Time
	// Markdown parses bodies; nil means the default dialect.
	Markdown *markdown.Markdown
	// Cache, when set, keeps outlines and document results between runs,
	// so that only what changed is checked again (the preview server).
	Cache *Cache
}

// checker holds the hub and the indexes rules look things up in.
type checker struct {
	hub   *content.Hub
	opts  Options
	md    *markdown.Markdown
	byURL map[string]*content.Document
	// byPath maps a Markdown path to its document.
	byPath map[string]*content.Document
	files  map[string]bool
	// partners maps a system to the slugs of its partners.
	partners  map[string][]string
	faculties map[string]*content.Faculty
	lists     map[string][]string
	// outlines holds each document's parsed links and anchors: the
	// run's Cache, or one for this run alone.
	outlines *Cache
}

// docRule checks one document.
type docRule func(c *checker, doc *content.Document, diags *diag.List)

// docRules run on every document that could be read.
var docRules = []docRule{requiredFields, vocabularyValues, urlFields, facultyOwnership, bodyLinks}

// hubRules run once over the whole hub.
var hubRules = []func(c *checker, diags *diag.List){referenceData, duplicateURLs, fileNames, placementWarnings, reviewWarnings, emptyFaculties}

// Run applies every rule to h and returns the diagnostics, sorted.
func Run(h *content.Hub, opts Options) diag.List {
	c := newChecker(h, opts)
	var context uint64
	if opts.Cache != nil {
		context = opts.Cache.fingerprint(c)
	}
	per := make([]diag.List, len(h.Documents))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, doc := range h.Documents {
		if doc.Broken {
			continue
		}
		if l, ok := opts.Cache.results(context, doc); ok {
			per[i] = l
			continue
		}
		g.Go(func() error {
			for _, r := range docRules {
				r(c, doc, &per[i])
			}
			return nil
		})
	}
	_ = g.Wait() // rules report diagnostics, not errors
	opts.Cache.keep(context, h.Documents, per)
	var diags diag.List
	for _, l := range per {
		diags = append(diags, l...)
	}
	for _, r := range hubRules {
		r(c, &diags)
	}
	diags.Sort()
	return diags
}

func newChecker(h *content.Hub, opts Options) *checker {
	md := opts.Markdown
	if md == nil {
		md = markdown.New(markdown.Options{})
	}
	c := &checker{
		hub: h, opts: opts, md: md,
		byURL:     map[string]*content.Document{},
		byPath:    map[string]*content.Document{},
		files:     map[string]bool{},
		partners:  map[string][]string{},
		faculties: map[string]*content.Faculty{},
		lists:     map[string][]string{},
		outlines:  opts.Cache,
	}
	if c.outlines == nil {
		c.outlines = NewCache()
	}
	for _, d := range h.Documents {
		c.byPath[d.Path] = d
		if _, dup := c.byURL[d.URL]; !dup {
			c.byURL[d.URL] = d
		}
	}
	for _, f := range h.Files {
		c.files[f] = true
	}
	for _, p := range h.Partners {
		c.partners[p.System] = append(c.partners[p.System], p.Slug)
	}
	for _, f := range h.Faculties {
		c.faculties[f.System] = f
	}
	for _, r := range h.Regions {
		c.lists["regions"] = append(c.lists["regions"], r.Slug)
	}
	for _, s := range h.Systems {
		c.lists["systems"] = append(c.lists["systems"], s.Slug)
	}
	for _, p := range h.Professions {
		c.lists["professions"] = append(c.lists["professions"], p.Slug)
	}
	for name, v := range h.Vocabularies {
		c.lists[name] = v.Slugs()
	}
	// Bodies are parsed up front, in parallel, because link rules need the
	// anchors of other documents.
	// The cache parses what it does not hold, and decodes what it holds
	// only if a rule asks for it.
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, d := range h.Documents {
		if d.Broken {
			continue
		}
		g.Go(func() error {
			c.outlines.ensure(md, d)
			return nil
		})
	}
	_ = g.Wait()
	c.outlines.sweep()
	return c
}

// outline returns the outline of the document at p (empty for none).
func (c *checker) outline(p string) markdown.Outline {
	d := c.byPath[p]
	if d == nil || d.Broken {
		return markdown.Outline{}
	}
	return c.outlines.get(d.Sum)
}

// allowed returns the values a field may take in doc, and the word used
// for them in messages.
func (c *checker) allowed(doc *content.Document, spec content.FieldSpec) []string {
	if spec.Values != nil {
		return spec.Values
	}
	if spec.Vocabulary == "partners" {
		return c.partners[doc.System]
	}
	return c.lists[spec.Vocabulary]
}

// headerLine is where a diagnostic about the front matter as a whole
// points: its opening delimiter, or the first line.
func headerLine(doc *content.Document) int { return max(doc.FrontLine, 1) }

// resolve joins a relative reference to the folder of doc.
func resolve(doc *content.Document, ref string) string {
	return path.Join(path.Dir(doc.Path), ref)
}
