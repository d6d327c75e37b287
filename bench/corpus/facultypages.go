package corpus

import (
	"slices"
	"strconv"
	"strings"
)

// facultyFrontMatter writes a faculty's _index.md front matter.
func facultyFrontMatter(g *rng, w *world, f *faculty) string {
	fm := newFrontMatter()
	fm.str("title", f.Title)
	fm.str("status", f.Status)
	fm.str("summary", f.Summary)
	if g.chance(0.3) {
		fm.str("system", f.Sys.Slug)
	}
	if !f.Established.IsZero() {
		fm.date("established", f.Established)
	}
	fm.object("lead", [][2]string{{"name", f.Lead.Name()}, {"role", f.Lead.Role}, {"email", f.Lead.Email()}}, false)
	fm.str("contact", f.Contact)
	fm.str("website", "https://example.org/faculties/"+f.Sys.Slug+"/")
	fm.list("professions", f.professionSlugs(), g.chance(0.4))
	fm.list("priorities", f.Priorities, g.chance(0.5))
	fm.date("reviewed", f.Reviewed)
	handles := make([]string, len(f.Maintainers))
	for i, m := range f.Maintainers {
		handles[i] = m.Handle()
	}
	fm.list("maintainers", handles, g.chance(0.5))
	return fm.end()
}

// facultyBody writes a faculty's home page: who it is, its priorities, its
// partners and placements and how to get in touch.
func facultyBody(g *rng, w *world, f *faculty) string {
	p := newPage(g, f.scene(g, w, f.Professions[0]))
	p.prose(proseFaculty, 3, 4)
	p.heading(2, "Our priorities")
	var pri []string
	notes := sample(g, priorityNotes, len(priorityNotes))
	g.r.Shuffle(len(notes), func(i, j int) { notes[i], notes[j] = notes[j], notes[i] })
	for i, slug := range f.Priorities {
		pri = append(pri, "**"+themeName(w, slug)+"**: "+strings.ToLower(notes[i%len(notes)]))
	}
	p.list(pri)
	p.heading(2, "Who we work with")
	p.prose(proseFaculty, 2, 3)
	var partners []string
	for _, pt := range f.Partners[:min(len(f.Partners), 8)] {
		partners = append(partners, link(pt.Title, "partners/"+pt.Slug+".md"))
	}
	p.list(partners)
	p.heading(2, "Placements")
	p.prose(proseStudents, 2, 3)
	var rows [][]string
	for _, pr := range f.Professions {
		n := 0
		for _, pl := range f.Placements {
			if slices.Contains(pl.Professions, pr.Slug) {
				n++
			}
		}
		if n > 0 && len(rows) < 6 {
			rows = append(rows, []string{pr.Name, strconv.Itoa(n)})
		}
	}
	p.table([]string{"Profession", "Placements listed"}, rows)
	var pls []string
	for _, pl := range sample(g, f.Placements, 3) {
		pls = append(pls, link(pl.Title, "placements/"+pl.Slug+".md"))
	}
	p.para("Recently added:")
	p.list(pls)
	p.heading(2, "Stories and resources")
	p.prose(proseGeneral, 1, 2)
	var more []string
	for _, s := range sample(g, f.Stories, 2) {
		more = append(more, link(s.Title, "stories/"+s.Slug+".md"))
	}
	for _, r := range sample(g, f.Resources, 2) {
		more = append(more, link(r.Title, "resources/"+r.Slug+".md#"+anchor(headingHowToUseIt)))
	}
	p.list(more)
	if p.words < 300 {
		p.heading(3, "How to offer a placement")
		p.numbered([]string{
			"talk to your practice education lead about capacity",
			"agree the model, dates and supervision with your team",
			"send the details to the faculty team and we will list it here",
		})
	}
	p.heading(2, headingContactUs)
	p.para("Our faculty lead is **" + f.Lead.Name() + "**. Email " +
		link(f.Lead.Email(), "mailto:"+f.Lead.Email()) + " or read " +
		link("what an AHP faculty is", "../../about.md") + ". New to the hub? Start with " +
		link("getting started", "../../guides/getting-started.md") + ".")
	return p.String()
}

var priorityNotes = []string{
	"More placements in more settings.",
	"Support for educators and supervisors.",
	"Clear routes into work for local people.",
	"Sharing data across organisations.",
	"A fair experience for every student.",
}

// themeName returns the display name of a theme slug.
func themeName(w *world, slug string) string {
	for _, t := range w.Themes {
		if t.Slug == slug {
			return t.Name
		}
	}
	return slug
}

// partnerFrontMatter writes a partner's front matter.
func partnerFrontMatter(g *rng, pt *partnerDoc) string {
	fm := newFrontMatter()
	fm.str("title", pt.Title)
	fm.str("sector", pt.Sector)
	fm.str("website", "https://example.org/partners/"+pt.Slug)
	fm.list("professions", pt.Professions, g.chance(0.5))
	fm.str("summary", pt.Summary)
	return fm.end()
}

// partnerBody writes a partner page, linking to the placements it hosts.
func partnerBody(g *rng, pt *partnerDoc, hosted []string) string {
	p := newPage(g, pt.Scene)
	target := g.between(200, 560)
	p.prose(prosePartner, 2, 3)
	p.heading(2, "About us")
	p.prose(prosePartner, 2, 4)
	p.heading(2, headingWithStudent)
	p.prose(proseStudents, 2, 3)
	p.heading(3, "What we offer")
	p.list(sample(g, partnerOffers, g.between(3, 5)))
	if len(hosted) > 0 {
		p.heading(2, "Our placements")
		p.list(hosted)
	}
	optional := []func(){
		func() {
			p.heading(2, "Getting here, parking and access")
			p.prose(prosePlacement, 1, 2)
			p.para("Step-free access is available at our main site in " + pt.Town + ". " +
				"See " + link("the map", "https://example.org/maps/"+pt.Slug) + " for directions.")
		},
		func() {
			p.heading(2, "Careers with us")
			p.prose(proseGeneral, 2, 4)
		},
		func() {
			p.heading(2, "Our services")
			p.prose(prosePartner, 3, 5)
		},
		func() {
			p.heading(2, "What students say")
			p.quote(pick(g, quotes), "a student on placement in "+strconv.Itoa(g.between(2023, 2026)))
		},
	}
	for _, i := range g.r.Perm(len(optional)) {
		if p.words >= target-50 {
			break
		}
		optional[i]()
	}
	return p.String()
}
