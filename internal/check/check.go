// Package check holds the content rules of Faculty Hub: everything that can
// be wrong with a hub's content before it is rendered, reported as
// diagnostics that name the file, the line and how to fix it.
//
// Rules are plain functions over the loaded hub. Per-document rules run in
// parallel; their diagnostics are merged and sorted, so the output never
// depends on scheduling.
package check

import (
	"io/fs"
	"path"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/facultyhub/facultyhub/internal/config"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/diag"
	"github.com/facultyhub/facultyhub/internal/markdown"
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
	hub  *content.Hub
	opts Options
	md   *markdown.Markdown
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

// fieldRules run on every document that could be read, and need no
// parsed body.
var fieldRules = []docRule{requiredFields, vocabularyValues, urlFields, facultyOwnership, reviewWarnings, placementWarnings}

// docRules run on every document that could be read: the field rules,
// then bodyLinks.
var docRules = append(fieldRules[:len(fieldRules):len(fieldRules)], bodyLinks)

// hubRules run once over the whole hub.
var hubRules = []func(c *checker, diags *diag.List){referenceData, emptyFaculties}

// pathRules run once over the whole hub and read only each document's
// path, URL and aliases: while no document changes those, a Cache keeps
// their diagnostics.
var pathRules = []func(c *checker, diags *diag.List){duplicateURLs, fileNames}

// Site loads the site in fsys and checks it, as `facultyhub check` does:
// the configuration's and the load's diagnostics, then every rule's,
// sorted.
func Site(fsys fs.FS, today time.Time) (*content.Hub, config.Config, diag.List) {
	cfg, diags := config.Load(fsys)
	hub, loadDiags := content.Load(fsys)
	diags = append(diags, loadDiags...)
	md := markdown.New(markdown.Options{Unsafe: cfg.Markdown.Unsafe})
	diags = append(diags, Run(hub, Options{Today: today, Markdown: md})...)
	diags.Sort()
	return hub, cfg, diags
}

// Run applies every rule to h and returns the diagnostics, sorted.
func Run(h *content.Hub, opts Options) diag.List {
	c := newChecker(h, opts)
	c.parse()
	var context uint64
	if opts.Cache != nil {
		context = opts.Cache.fingerprint(c)
	}
	per := make([]diag.List, len(h.Documents))
	todo := opts.Cache.results(context, h.Documents, per)
	c.each(todo, func(i int, doc *content.Document) {
		for _, r := range docRules {
			r(c, doc, &per[i])
		}
	})
	opts.Cache.keep(context, h.Documents, per)
	return c.withHubRules(per)
}

// withHubRules returns the documents' diagnostics per and the hub
// rules', sorted.
func (c *checker) withHubRules(per []diag.List) diag.List {
	var diags diag.List
	for _, l := range per {
		diags = append(diags, l...)
	}
	for _, r := range hubRules {
		r(c, &diags)
	}
	byPath, ok := c.opts.Cache.pathResults(c.hub.Documents)
	if !ok {
		byPath = nil
		for _, r := range pathRules {
			r(c, &byPath)
		}
		c.opts.Cache.keepPathResults(c.hub.Documents, byPath)
	}
	diags = append(diags, byPath...)
	diags.Sort()
	return diags
}

// Deferred is a check run whose body-link rule waits for the bodies to
// be parsed by someone else: a clean build renders every body, and hands
// each outline over with Put as it goes, so no body is parsed twice.
// Between Begin and Finish the hub must not change.
type Deferred struct {
	c *checker
	// per holds each document's diagnostics from the field rules.
	per []diag.List
}

// Begin applies every rule but the body-link rule to h, and returns
// their diagnostics, sorted. It uses no cached results.
func Begin(h *content.Hub, opts Options) (*Deferred, diag.List) {
	c := newChecker(h, opts)
	d := &Deferred{c: c, per: make([]diag.List, len(h.Documents))}
	c.eachDocument(func(i int, doc *content.Document) {
		for _, r := range fieldRules {
			r(c, doc, &d.per[i])
		}
	})
	return d, c.withHubRules(d.per)
}

// Put gives the run the outline of doc's body (see
// markdown.RenderOutline). It is safe for concurrent use.
func (d *Deferred) Put(doc *content.Document, o markdown.Outline) {
	d.c.outlines.put(doc, o)
}

// Finish parses the bodies no outline was put for, applies the body-link
// rule and returns its diagnostics, sorted. The cache, if any, then holds
// what Run would have left in it.
func (d *Deferred) Finish() diag.List {
	c := d.c
	c.parse()
	links := make([]diag.List, len(c.hub.Documents))
	c.eachDocument(func(i int, doc *content.Document) {
		bodyLinks(c, doc, &links[i])
	})
	var diags diag.List
	for i, l := range links {
		diags = append(diags, l...)
		d.per[i] = append(d.per[i], l...)
	}
	if c.opts.Cache != nil {
		c.opts.Cache.keep(c.opts.Cache.fingerprint(c), c.hub.Documents, d.per)
	}
	diags.Sort()
	return diags
}

// eachDocument calls fn for every document that could be read, in
// parallel.
func (c *checker) eachDocument(fn func(i int, doc *content.Document)) {
	var all []int
	for i, doc := range c.hub.Documents {
		if !doc.Broken {
			all = append(all, i)
		}
	}
	c.each(all, fn)
}

// each calls fn for the documents at the indexes todo, in parallel: a
// goroutine per core, each taking the next index in turn.
func (c *checker) each(todo []int, fn func(i int, doc *content.Document)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(todo) {
					return
				}
				fn(todo[k], c.hub.Documents[todo[k]])
			}
		})
	}
	wg.Wait()
}

func newChecker(h *content.Hub, opts Options) *checker {
	md := opts.Markdown
	if md == nil {
		md = markdown.New(markdown.Options{})
	}
	c := &checker{
		hub: h, opts: opts, md: md,
		partners:  map[string][]string{},
		faculties: map[string]*content.Faculty{},
		lists:     map[string][]string{},
		outlines:  opts.Cache,
	}
	if c.outlines == nil {
		c.outlines = NewCache()
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
	return c
}

// parse makes sure the outline of every body is at hand, in parallel,
// before rules that read them run: link rules need the anchors of other
// documents. What the cache does not hold is parsed; what it holds is
// decoded only if a rule asks for it.
func (c *checker) parse() {
	c.each(c.outlines.reuse(c.hub.Documents), func(_ int, d *content.Document) {
		c.outlines.put(d, c.md.Outline(d.Text()))
	})
	c.outlines.sweep()
}

// outline returns the outline of the document at p (empty for none).
func (c *checker) outline(p string) markdown.Outline {
	d := c.hub.Document(p)
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
