package site

import (
	"cmp"
	"math"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/facultyhub/facultyhub/internal/config"
	"github.com/facultyhub/facultyhub/internal/content"
)

// New resolves hub into a Site. It assumes hub passed check: references
// that do not resolve are left nil rather than reported.
func New(cfg config.Config, hub *content.Hub, opts Options) *Site {
	s := &Site{
		Config: cfg, Today: opts.Today, Hub: hub, Home: hub.Home,
		Vocabularies: hub.Vocabularies,
		regions:      map[string]*Region{},
		systems:      map[string]*System{},
		professions:  map[string]*Profession{},
	}
	keep := func(d *content.Document) bool { return !d.Broken && (opts.Drafts || !d.Draft) }

	for _, r := range hub.Regions {
		region := &Region{Region: r, URL: "/regions/" + r.Slug + "/"}
		s.Regions = append(s.Regions, region)
		s.regions[r.Slug] = region
	}
	for _, sys := range hub.Systems {
		system := &System{System: sys, Region: s.regions[sys.Region]}
		s.Systems = append(s.Systems, system)
		s.systems[sys.Slug] = system
		if system.Region != nil {
			system.Region.Systems = append(system.Region.Systems, system)
		}
	}
	for _, system := range s.Systems {
		system.Successor = s.systems[system.System.Successor]
	}
	for _, p := range hub.Professions {
		prof := &Profession{Profession: p, URL: "/professions/" + p.Slug + "/"}
		s.Professions = append(s.Professions, prof)
		s.professions[p.Slug] = prof
	}
	for _, p := range hub.Pages {
		if keep(p.Document) {
			s.Pages = append(s.Pages, p)
		}
	}

	faculties := map[string]*Faculty{}
	for _, f := range hub.Faculties {
		system := s.systems[f.System]
		if !keep(f.Document) || system == nil {
			continue
		}
		fac := &Faculty{Faculty: f, System: system}
		system.Faculty = fac
		faculties[f.System] = fac
		s.Faculties = append(s.Faculties, fac)
		if system.Region != nil {
			system.Region.Faculties = append(system.Region.Faculties, fac)
		}
		for _, slug := range f.Professions {
			if p := s.professions[slug]; p != nil {
				p.Faculties = append(p.Faculties, fac)
			}
		}
	}
	// Partners by faculty and slug: a struct key, not a joined string, so
	// that finding each placement's host makes no string.
	type partnerKey struct{ system, slug string }
	partners := make(map[partnerKey]*Partner, len(hub.Partners))
	for _, p := range hub.Partners {
		fac := faculties[p.System]
		if !keep(p.Document) || fac == nil {
			continue
		}
		partner := &Partner{Partner: p, Faculty: fac}
		partners[partnerKey{p.System, p.Slug}] = partner
		fac.Partners = append(fac.Partners, partner)
		s.Partners = append(s.Partners, partner)
	}
	for _, st := range hub.Stories {
		fac := faculties[st.System]
		if !keep(st.Document) || (st.System != "" && fac == nil) {
			continue
		}
		story := &Story{Story: st, Faculty: fac}
		s.Stories = append(s.Stories, story)
		if fac != nil {
			fac.Stories = append(fac.Stories, story)
		}
		for _, slug := range st.Professions {
			if p := s.professions[slug]; p != nil {
				p.Stories = append(p.Stories, story)
			}
		}
	}
	for _, r := range hub.Resources {
		fac := faculties[r.System]
		if !keep(r.Document) || (r.System != "" && fac == nil) {
			continue
		}
		res := &Resource{Resource: r, Faculty: fac}
		if r.Link != "" && !strings.Contains(r.Link, ":") && !strings.HasPrefix(r.Link, "/") {
			res.File = content.FileURL(path.Join(path.Dir(r.Path), r.Link))
		}
		s.Resources = append(s.Resources, res)
		if fac != nil {
			fac.Resources = append(fac.Resources, res)
		}
		for _, slug := range r.Professions {
			if p := s.professions[slug]; p != nil {
				p.Resources = append(p.Resources, res)
			}
		}
	}
	for _, pl := range hub.Placements {
		fac := faculties[pl.System]
		if !keep(pl.Document) || fac == nil {
			continue
		}
		var host *Partner
		if pl.Host != "" {
			host = partners[partnerKey{pl.System, pl.Host}]
		}
		// The faculty's, host's and professions' lists of placements
		// are filled by sort, in the sorted order.
		p := &Placement{Placement: pl, Faculty: fac, Host: host, State: pl.EffectiveStatus(opts.Today)}
		p.fillSingles()
		s.Placements = append(s.Placements, p)
	}
	s.sort()
	return s
}

func (s *Site) sort() {
	// Titles are folded once, not at every comparison.
	for _, p := range s.Partners {
		p.fold = strings.ToLower(p.Title)
	}
	for _, r := range s.Resources {
		r.fold = strings.ToLower(r.Title)
	}
	byName := func(a, b *Faculty) int { return cmp.Compare(a.System.Name, b.System.Name) }
	slices.SortStableFunc(s.Faculties, byName)
	for _, r := range s.Regions {
		slices.SortStableFunc(r.Systems, func(a, b *System) int { return cmp.Compare(a.Name, b.Name) })
		slices.SortStableFunc(r.Faculties, byName)
	}
	slices.SortFunc(s.Partners, partnerOrder)
	slices.SortFunc(s.Stories, storyOrder)
	slices.SortFunc(s.Resources, resourceOrder)
	// The placements, the largest list, are sorted beside the rest (the
	// preview sorts them at every change), and dealt out to their
	// faculty's, host's and professions' lists (the rest touches none of
	// those). Their keys, and what the lists need of them, are read in one
	// pass in memory order, so that neither the comparisons nor the
	// dealing reach into ten thousand scattered placements.
	var placements sync.WaitGroup
	placements.Go(s.sortPlacements)
	for _, f := range s.Faculties {
		slices.SortFunc(f.Partners, partnerOrder)
		slices.SortFunc(f.Stories, storyOrder)
		slices.SortFunc(f.Resources, resourceOrder)
	}
	for _, p := range s.Professions {
		slices.SortStableFunc(p.Faculties, byName)
		slices.SortFunc(p.Stories, storyOrder)
		slices.SortFunc(p.Resources, resourceOrder)
	}
	placements.Wait()
}

// sortPlacements sorts s.Placements and fills each faculty's, partner's
// and profession's placements (empty until then: New leaves them to it)
// in that order: taken from the sorted whole
// in turn, they need no sort of their own (the order is total, so this
// is what sorting each list would give), which at national scale is most
// of the sorting.
func (s *Site) sortPlacements() {
	type owners struct {
		faculty *Faculty
		host    *Partner
		profs   []string
	}
	keys := make([]placementKey, len(s.Placements))
	own := make([]owners, len(s.Placements))
	for i, p := range s.Placements {
		keys[i] = placementKey{rank: stateRank(p.State), closes: math.MaxInt64, title: p.Title, i: i, p: p}
		if !p.Closes.IsZero() {
			keys[i].closes = p.Closes.UnixNano()
		}
		own[i] = owners{p.Faculty, p.Host, p.Professions}
	}
	// The order is total (the URL decides last), so an unstable sort
	// gives what a stable one would, in half the time.
	slices.SortFunc(keys, placementOrder)
	for j, k := range keys {
		s.Placements[j] = k.p
		o := own[k.i]
		o.faculty.Placements = append(o.faculty.Placements, k.p)
		if o.host != nil {
			o.host.Placements = append(o.host.Placements, k.p)
		}
		for _, slug := range o.profs {
			if p := s.professions[slug]; p != nil {
				p.Placements = append(p.Placements, k.p)
			}
		}
	}
}

// The orders below return as soon as they can (cmp.Or would compute every
// comparison): a national graph sorts ten thousand placements a dozen
// ways on every preview rebuild.

func partnerOrder(a, b *Partner) int {
	if c := cmp.Compare(a.fold, b.fold); c != 0 {
		return c
	}
	return cmp.Compare(a.URL, b.URL)
}

// storyOrder puts the newest story first.
func storyOrder(a, b *Story) int {
	if c := b.Date.Compare(a.Date); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Title, b.Title); c != 0 {
		return c
	}
	return cmp.Compare(a.URL, b.URL)
}

func resourceOrder(a, b *Resource) int {
	if c := cmp.Compare(a.fold, b.fold); c != 0 {
		return c
	}
	return cmp.Compare(a.URL, b.URL)
}

// placementKey is a placement with the keys placementOrder compares:
// its state's rank, its closing date (Unix ns) or MaxInt64, its title
// (then its URL).
type placementKey struct {
	rank   int
	closes int64
	title  string
	i      int // its place before sorting
	p      *Placement
}

// placementOrder lists open placements first, soonest closing first
// (those without a closing date after them), then full, closed and
// withdrawn ones; then by title and URL.
func placementOrder(a, b placementKey) int {
	if c := cmp.Compare(a.rank, b.rank); c != 0 {
		return c
	}
	if c := cmp.Compare(a.closes, b.closes); c != 0 {
		return c
	}
	if c := strings.Compare(a.title, b.title); c != 0 {
		return c
	}
	return strings.Compare(a.p.URL, b.p.URL)
}

// stateRank orders placement states: open, full, closed, withdrawn.
func stateRank(state string) int {
	switch state {
	case "open":
		return 0
	case "full":
		return 1
	case "closed":
		return 2
	case "withdrawn":
		return 3
	}
	return 0
}
