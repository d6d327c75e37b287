package build

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/facultyhub/facultyhub/internal/feeds"
	"github.com/facultyhub/facultyhub/internal/render"
	"github.com/facultyhub/facultyhub/internal/site"
	"golang.org/x/sync/errgroup"
)

// feedSize is how many entries an Atom feed carries.
const feedSize = 20

// file is one output file made in memory. asIs says it is published as
// made, not minified.
type file struct {
	path string
	data []byte
	asIs bool
}

// feedFiles makes the Atom feeds, the closing-dates calendar, the exports,
// the sitemap, robots.txt and the redirects file.
func feedFiles(s *site.Site, pages []*render.Page, redirects []feeds.Redirect) ([]file, error) {
	return makeFeeds(feedJobs(s, pages, redirects), nil)
}

// feedJob is one feed or export to make. inputs, when set, writes what
// it is made from besides what every page shares (feedInputs) for the
// build cache to fingerprint, through a buffer in front of the hash (the
// inputs are megabytes at national scale: gathered whole they cost as
// much memory, hashed a field at a time more than the hashing); a job
// without reads the whole site's front matter.
type feedJob struct {
	path   string
	inputs func(*bufio.Writer)
	write  func(*bytes.Buffer) error
	// asIs publishes the file as written: the JSON exports are compact
	// but for the line break that keeps one record a line, all a
	// minifier would take out, at some 25 ms a build.
	asIs bool
}

// feedInputs writes what an Atom feed is made from to b: its title and
// addresses, and the front matter and state of its entries.
func feedInputs(b *bufio.Writer, p, title, page string, stories []*site.Story, resources []*site.Resource, placements []*site.Placement) {
	for _, s := range []string{p, title, page} {
		b.WriteString(s)
		b.WriteByte(0)
	}
	for _, st := range stories {
		b.WriteString(st.Path)
		b.Write(st.FrontSum[:])
	}
	b.WriteByte(0)
	for _, r := range resources {
		b.WriteString(r.Path)
		b.Write(r.FrontSum[:])
	}
	b.WriteByte(0)
	for _, p := range placements {
		b.WriteString(p.Path)
		b.Write(p.FrontSum[:])
		b.WriteString(p.State)
	}
}

// feedJobs lists the feeds and exports of s.
func feedJobs(s *site.Site, pages []*render.Page, redirects []feeds.Redirect) []feedJob {
	var jobs []feedJob
	author := feeds.Person{Name: s.Config.Title, URI: render.AbsURL(s, "/")}
	atom := func(p, title, page string, stories []*site.Story, resources []*site.Resource, placements []*site.Placement) {
		inputs := func(b *bufio.Writer) { feedInputs(b, p, title, page, stories, resources, placements) }
		jobs = append(jobs, feedJob{path: p, inputs: inputs, write: func(b *bytes.Buffer) error {
			entries := latestEntries(s, stories, resources, placements)
			return feeds.Atom(b, feeds.Feed{Title: title, Self: render.AbsURL(s, p), Link: render.AbsURL(s, page),
				Author: author, Entries: entries, Updated: emptyFeedDate(s, entries)})
		}})
	}
	atom("/feed.xml", s.Config.Title, "/", s.Stories, s.Resources, s.OpenPlacements())
	for _, f := range s.Faculties {
		atom(f.URL+"feed.xml", f.Title, f.URL, f.Stories, f.Resources, f.OpenPlacements())
	}
	for _, r := range s.Regions {
		var st []*site.Story
		var res []*site.Resource
		var pl []*site.Placement
		for _, f := range r.Faculties {
			st, res, pl = append(st, f.Stories...), append(res, f.Resources...), append(pl, f.OpenPlacements()...)
		}
		atom(r.URL+"feed.xml", s.Config.Title+": "+r.Name, r.URL, st, res, pl)
	}
	for _, p := range s.Professions {
		atom(p.URL+"feed.xml", s.Config.Title+": "+p.Name, p.URL, p.Stories, p.Resources, p.OpenPlacements())
	}

	// Made only if a job that needs them runs (a build that keeps the
	// exports does not).
	records := sync.OnceValue(func() []feeds.PlacementRecord {
		// In the exports' order, by URL, so that they need not sort.
		open := slices.SortedFunc(slices.Values(s.OpenPlacements()), func(a, b *site.Placement) int {
			return strings.Compare(a.URL, b.URL)
		})
		out := make([]feeds.PlacementRecord, len(open))
		for i, p := range open {
			out[i] = placementRecord(s, p)
		}
		return out
	})
	closings := func() []feeds.Closing {
		var out []feeds.Closing
		for _, p := range s.OpenPlacements() {
			if !p.Closes.IsZero() {
				out = append(out, feeds.Closing{URL: render.AbsURL(s, p.URL), Title: p.Title,
					Description: p.Summary + "\n" + p.Faculty.Title, Date: p.Closes})
			}
		}
		return out
	}
	// The sitemap and faculties.json are fingerprinted by their own
	// records, cheap to make beside writing them: an entry's title or
	// summary changes neither. The other exports read every entry's
	// front matter.
	faculties := sync.OnceValue(func() []feeds.FacultyRecord { return facultyRecords(s) })
	urls := sync.OnceValue(func() []feeds.SitemapURL { return sitemap(s, pages) })
	return append(jobs,
		feedJob{path: "/placements/closing.ics", write: func(b *bytes.Buffer) error {
			return feeds.Calendar(b, feeds.ClosingCalendar{Name: s.Config.Title + ": placement closing dates", Generated: s.Today, Closings: closings()})
		}},
		feedJob{path: "/placements.json", asIs: true, write: func(b *bytes.Buffer) error { return feeds.PlacementsJSON(b, s.Today, records()) }},
		feedJob{path: "/placements.csv", write: func(b *bytes.Buffer) error { return feeds.PlacementsCSV(b, records()) }},
		feedJob{path: "/faculties.json", asIs: true,
			inputs: func(b *bufio.Writer) {
				records, _ := json.Marshal(faculties()) // plain data: never fails
				b.WriteString(s.Today.Format(time.DateOnly))
				b.Write(records)
			},
			write: func(b *bytes.Buffer) error { return feeds.FacultiesJSON(b, s.Today, faculties()) }},
		feedJob{path: "/sitemap.xml",
			inputs: func(b *bufio.Writer) {
				for _, u := range urls() {
					b.WriteString(u.Loc)
					b.WriteByte(0)
					b.Write(u.LastMod.AppendFormat(b.AvailableBuffer(), time.RFC3339))
					b.WriteByte(0)
				}
			},
			write: func(b *bytes.Buffer) error { return feeds.Sitemap(b, urls()) }},
		feedJob{path: "/robots.txt", write: func(b *bytes.Buffer) error { return feeds.Robots(b, render.AbsURL(s, "/sitemap.xml")) }},
		feedJob{path: "/_redirects", write: func(b *bytes.Buffer) error { return feeds.Redirects(b, redirects) }},
	)
}

// makeFeeds runs jobs in parallel; the files come out in their order.
// size, when set, guesses how many bytes a job writes (the exports are
// megabytes, which a buffer would otherwise grow to by doubling).
func makeFeeds(jobs []feedJob, size func(path string) int) ([]file, error) {
	out := make([]file, len(jobs))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		g.Go(func() error {
			var b bytes.Buffer
			if size != nil {
				b.Grow(size(j.path))
			}
			if err := j.write(&b); err != nil {
				return err
			}
			out[i] = file{j.path, b.Bytes(), j.asIs}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// emptyFeedDate dates a feed with no entries by the build, so it is still
// valid Atom.
func emptyFeedDate(s *site.Site, entries []feeds.Entry) time.Time {
	if len(entries) == 0 {
		return s.Today
	}
	return time.Time{}
}

// latestEntries returns the entries of a feed of stories, dated
// resources and placements: the feedSize newest, as feeds.Latest orders
// them. It orders them by their dates and site paths (in the same order
// as their absolute URLs), and makes whole entries for those it keeps.
func latestEntries(s *site.Site, stories []*site.Story, resources []*site.Resource, placements []*site.Placement) []feeds.Entry {
	type item struct {
		story    *site.Story
		resource *site.Resource
		place    *site.Placement
	}
	n := len(stories) + len(resources) + len(placements)
	keys, items := make([]feeds.Entry, 0, n), make([]item, 0, n)
	for _, st := range stories {
		keys, items = append(keys, feeds.Entry{URL: st.URL, Published: st.Date}), append(items, item{story: st})
	}
	for _, r := range resources {
		if !r.Date.IsZero() {
			keys, items = append(keys, feeds.Entry{URL: r.URL, Published: r.Date, Updated: r.Reviewed}), append(items, item{resource: r})
		}
	}
	for _, p := range placements {
		keys, items = append(keys, feeds.Entry{URL: p.URL, Published: placementDate(s, p)}), append(items, item{place: p})
	}
	var out []feeds.Entry
	for _, i := range feeds.Latest(keys, feedSize) {
		switch it := items[i]; {
		case it.story != nil:
			st := it.story
			out = append(out, feeds.Entry{Title: st.Title, URL: render.AbsURL(s, st.URL), Published: st.Date,
				Summary: st.Summary, Categories: categories(s, st.Professions)})
		case it.resource != nil:
			r := it.resource
			out = append(out, feeds.Entry{Title: r.Title, URL: render.AbsURL(s, r.URL), Published: r.Date, Updated: r.Reviewed,
				Summary: r.Summary, Categories: categories(s, r.Professions)})
		default:
			p := it.place
			out = append(out, feeds.Entry{Title: "Placement: " + p.Title, URL: render.AbsURL(s, p.URL), Published: placementDate(s, p),
				Summary: p.Summary, Categories: categories(s, p.Professions)})
		}
	}
	return out
}

// placementDate is a placement's date in the feeds: its own, or, when it
// has none, the build's (still byte-identical for the same --now).
func placementDate(s *site.Site, p *site.Placement) time.Time {
	if p.Date.IsZero() {
		return s.Today
	}
	return p.Date
}

func categories(s *site.Site, professions []string) []feeds.Category {
	var out []feeds.Category
	for _, slug := range professions {
		out = append(out, feeds.Category{Term: slug, Label: s.Label("professions", slug)})
	}
	return out
}

func placementRecord(s *site.Site, p *site.Placement) feeds.PlacementRecord {
	r := feeds.PlacementRecord{
		URL: render.AbsURL(s, p.URL), Title: p.Title, Summary: p.Summary, Faculty: p.Faculty.Title,
		System: p.Faculty.System.Slug, Professions: p.Professions, Setting: p.Setting, Models: p.Models,
		Level: p.Level, DurationWeeks: p.DurationWeeks, HoursPerWeek: p.HoursPerWeek, Capacity: p.Capacity,
		Town: p.Location.Town, Postcode: p.Location.Postcode, Route: p.Route, Apply: p.Apply, HEI: p.HEI,
		Support: p.Support, Status: p.State,
	}
	if p.Faculty.System.Region != nil {
		r.Region = p.Faculty.System.Region.Slug
	}
	if p.Host != nil {
		r.Host = p.Host.Title
	}
	for _, d := range p.Starts {
		r.Starts = append(r.Starts, d.Format(time.DateOnly))
	}
	if !p.Closes.IsZero() {
		r.Closes = p.Closes.Format(time.DateOnly)
	}
	return r
}

func facultyRecords(s *site.Site) []feeds.FacultyRecord {
	var out []feeds.FacultyRecord
	for _, sys := range s.Systems {
		r := feeds.FacultyRecord{System: sys.Slug, SystemName: sys.Name, Status: "not-published"}
		if sys.Region != nil {
			r.Region, r.RegionName = sys.Region.Slug, sys.Region.Name
		}
		if f := sys.Faculty; f != nil {
			r.URL, r.Title, r.Published, r.Status, r.Summary = render.AbsURL(s, f.URL), f.Title, true, f.Status, f.Summary
			r.Demonstration, r.Contact, r.Website, r.Professions = f.Demonstration, f.Contact, f.Website, f.Professions
			r.Lead = feeds.Lead{Name: f.Lead.Name, Role: f.Lead.Role, Email: f.Lead.Email}
			r.Counts = feeds.FacultyCounts{Partners: len(f.Partners), Stories: len(f.Stories), Resources: len(f.Resources),
				Placements: len(f.Placements), OpenPlacements: len(f.OpenPlacements())}
		}
		out = append(out, r)
	}
	return out
}

func sitemap(s *site.Site, pages []*render.Page) []feeds.SitemapURL {
	var out []feeds.SitemapURL
	for _, p := range pages {
		if p.NoIndex || p.Redirect != "" {
			continue
		}
		out = append(out, feeds.SitemapURL{Loc: render.AbsURL(s, p.URL), LastMod: lastMod(p)})
	}
	return out
}

// lastMod is the most telling date of a page's entity: when it was
// reviewed, published or (for a faculty) last reviewed.
func lastMod(p *render.Page) time.Time {
	switch d := p.Data.(type) {
	case *site.Story:
		return d.Date
	case *site.Resource:
		if !d.Reviewed.IsZero() {
			return d.Reviewed
		}
		return d.Date
	case *site.Faculty:
		return d.Reviewed
	}
	return time.Time{}
}

func (r *run) feeds(context.Context) error {
	jobs := feedJobs(r.site, r.pages, redirects(r.site))
	if r.memo != nil {
		// A feed made from the same front matter is the same file: an
		// Atom feed's own entries', an export's the whole site's.
		jobs = r.memo.feedsToMake(jobs, r.memo.global, r.feedsKey(), r.record)
	}
	files, err := makeFeeds(jobs, r.lastSize)
	if err != nil {
		return err
	}
	for _, f := range files {
		write := r.write
		if f.asIs {
			write = r.writeAsIs
		}
		if err := write(strings.TrimPrefix(f.path, "/"), f.data); err != nil {
			return err
		}
	}
	return nil
}

// lastSize guesses the size of the file at the site path p before any
// minifying from the last build's, with room to spare; 0 for a clean
// build.
func (r *run) lastSize(p string) int {
	if r.memo == nil || r.memo.prev == nil {
		return 0
	}
	info, err := os.Stat(filepath.Join(r.memo.dest, filepath.FromSlash(p)))
	if err != nil || !info.Mode().IsRegular() {
		return 0
	}
	return int(info.Size()) * 9 / 8
}

// redirects lists the Netlify redirects: aliases of pages, and systems
// that merged into a successor with a published faculty.
func redirects(s *site.Site) []feeds.Redirect {
	var out []feeds.Redirect
	for _, a := range aliases(s) {
		out = append(out, feeds.Redirect{From: a.from, To: render.BasePath(s) + strings.TrimPrefix(a.to, "/")})
	}
	return out
}
