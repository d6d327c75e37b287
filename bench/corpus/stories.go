package corpus

import (
	"strconv"
	"strings"
	"time"
)

// Headings that other pages link to with an #anchor; every page of the
// kind has them.
const (
	headingWhatWeDid   = "What we did"
	headingHowToUseIt  = "How to use it"
	headingHowToApply  = "How to apply"
	headingWithStudent = "Working with students"
	headingContactUs   = "Contact us"
)

var storyTitles = []string{
	"How {town} doubled {discipline} placements",
	"Peer-assisted learning in {specialty}: what we learned",
	"Meet {person}, practice educator of the year",
	"{theme}: a year of progress in {system}",
	"Students lead a {specialty} improvement project",
	"Opening up placements with {a setting} focus",
	"{profession} join the {specialty} team in {town}",
	"A day in the life of a {discipline} student in {town}",
	"What students told us about {theme}",
	"Long-arm supervision comes to {town}",
	"Growing our own: support workers into {discipline}",
	"From student to colleague in {specialty}",
}

// newStory invents a story about profession p, possibly also tagged with
// other professions of pool.
func newStory(g *rng, w *world, sc *scene, p profession, pool []profession) storyDoc {
	s := storyDoc{Scene: sc, Author: newPerson(g), Date: g.daysAgo(3, 1000)}
	s.Title = capitalise(sc.fill(g, pick(g, storyTitles)))
	s.Summary = capitalise(sc.fill(g, pick(g, proseImpact)))
	s.Professions = professionTags(g, p, pool)
	s.Themes = slugsOf(sample(g, w.Themes, g.between(1, 3)))
	if g.chance(0.25) {
		s.ImageAlt = capitalise(sc.fill(g, pick(g, imageAlts)))
	}
	return s
}

var imageAlts = []string{
	"{profession} students and their educator in a clinic room in {town}",
	"A student practising a technique with a colleague during a teaching session",
	"Members of the {specialty} team standing outside their base in {town}",
	"A group of students at a faculty workshop, sitting around a table",
}

// professionTags returns p's slug, sometimes followed by one or two more
// professions of pool.
func professionTags(g *rng, p profession, pool []profession) []string {
	tags := []string{p.Slug}
	for _, q := range sample(g, pool, g.between(0, 2)) {
		if q.Slug != p.Slug {
			tags = append(tags, q.Slug)
		}
	}
	return tags
}

var resourceTopics = []string{
	"supervising two students at once", "long-arm supervision", "placement induction",
	"reasonable adjustments on placement", "running a role-emerging placement",
	"preceptorship for {profession}", "writing a placement profile", "student feedback",
	"return to practice", "apprenticeship routes into {discipline}", "simulation in {specialty}",
	"quality assuring placements", "digital skills for educators", "advanced practice portfolios",
	"supporting internationally educated staff", "planning placement capacity",
	"{theme} in {specialty}", "virtual placements", "educator wellbeing",
}

var licences = []string{"OGL-UK-3.0", "CC-BY-4.0", "CC-BY-NC-SA-4.0", "All rights reserved"}

// newResource invents a resource for profession p, possibly also tagged
// with other professions of pool.
func newResource(g *rng, w *world, sc *scene, p profession, pool []profession) resourceDoc {
	r := resourceDoc{Scene: sc, Format: pick(g, builtinFormats), Date: g.daysAgo(30, 1200)}
	r.Reviewed = g.daysAgo(5, 350)
	if r.Reviewed.Before(r.Date) {
		r.Reviewed = r.Date
	}
	topic := capitalise(sc.fill(g, pick(g, resourceTopics)))
	switch {
	case r.Format == "other" || g.chance(1.0/3):
		r.Title = topic
	case g.chance(0.5):
		r.Title = capitalise(formatName(r.Format)) + ": " + lowerFirst(topic)
	default:
		r.Title = topic + " (" + formatName(r.Format) + ")"
	}
	r.Summary = capitalise(sc.fill(g, pick(g, proseResource)))
	r.File = g.chance(0.2)
	r.Themes = slugsOf(sample(g, w.Themes, g.between(1, 2)))
	if g.chance(0.8) {
		r.Professions = professionTags(g, p, pool)
	}
	r.Audience = sample(g, builtinAudiences, g.between(1, 2))
	if g.chance(0.85) {
		r.Licence = pick(g, licences)
	}
	return r
}

// formatName turns a format slug into words: "case-study" → "case study".
func formatName(slug string) string { return strings.ReplaceAll(slug, "-", " ") }

// storyFrontMatter writes a story's front matter.
func storyFrontMatter(g *rng, s *storyDoc) string {
	fm := newFrontMatter()
	fm.str("title", s.Title)
	fm.date("date", s.Date)
	fm.str("summary", s.Summary)
	fm.str("author", s.Author.Name())
	fm.list("themes", s.Themes, g.chance(0.5))
	fm.list("professions", s.Professions, g.chance(0.5))
	if s.ImageAlt != "" {
		fm.object("image", [][2]string{{"src", s.Slug + ".png"}, {"alt", s.ImageAlt}}, g.chance(0.5))
	}
	return fm.end()
}

// storyBody writes a story: the challenge, what was done, the difference
// it made and links to related pages.
func storyBody(g *rng, s *storyDoc, related []string) string {
	p := newPage(g, s.Scene)
	target := g.between(220, 620)
	p.prose(proseChallenge, 2, 3)
	if s.ImageAlt != "" && g.chance(0.5) {
		p.para("![" + s.ImageAlt + "](" + s.Slug + ".png)")
	}
	p.heading(2, "The challenge")
	p.prose(proseChallenge, 2, 4)
	p.heading(2, headingWhatWeDid)
	p.prose(proseAction, 2, 3)
	if g.chance(0.6) {
		p.numbered(sample(g, actionSteps, g.between(3, 5)))
	}
	p.heading(2, "The difference it made")
	p.prose(proseImpact, 2, 4)
	if g.chance(0.3) {
		p.table([]string{"Measure", "Before", "After"}, [][]string{
			{"Placements offered a year", strconv.Itoa(g.between(4, 20)), strconv.Itoa(g.between(21, 60))},
			{"Teams hosting students", strconv.Itoa(g.between(2, 8)), strconv.Itoa(g.between(9, 20))},
			{"Students who would recommend it", strconv.Itoa(g.between(50, 75)) + "%", strconv.Itoa(g.between(80, 99)) + "%"},
		})
	}
	if p.words < target {
		p.heading(2, "What people said")
		p.quote(pick(g, quotes), s.Author.Name()+", "+s.Author.Role)
	}
	for _, h := range sample(g, storyExtraHeadings, len(storyExtraHeadings)) {
		if p.words >= target-60 {
			break
		}
		p.heading(3, h)
		p.prose(pick(g, [][]string{proseAction, proseImpact, proseStudents, proseGeneral}), 3, 5)
	}
	p.heading(2, "Find out more")
	p.para("**Next steps:** " + s.Scene.fill(g, pick(g, proseGeneral)))
	p.list(related)
	return p.String()
}

var storyExtraHeadings = []string{
	"Lessons for other teams", "What we would do differently", "Next steps",
	"Working with the universities", "The student view", "Thanks",
}

var actionSteps = []string{
	"map the teams that could host a student",
	"agree a simple supervision model with each team",
	"run a short workshop for new educators",
	"pilot the approach with two students",
	"ask students what worked and what did not",
	"share the results with the faculty steering group",
}

// resourceFrontMatter writes a resource's front matter.
func resourceFrontMatter(g *rng, r *resourceDoc) string {
	fm := newFrontMatter()
	fm.str("title", r.Title)
	fm.str("format", r.Format)
	fm.str("summary", r.Summary)
	fm.date("date", r.Date)
	if r.File {
		fm.str("link", r.Slug+".pdf")
	} else {
		fm.str("link", "https://example.org/resources/"+r.Slug)
	}
	fm.list("themes", r.Themes, g.chance(0.5))
	if len(r.Professions) > 0 {
		fm.list("professions", r.Professions, g.chance(0.5))
	}
	fm.list("audience", r.Audience, g.chance(0.5))
	fm.date("reviewed", r.Reviewed)
	if r.Licence != "" {
		fm.str("licence", r.Licence)
	}
	return fm.end()
}

// resourceBody writes a resource page: what it covers, how to use it and
// links to related pages.
func resourceBody(g *rng, r *resourceDoc, related []string) string {
	p := newPage(g, r.Scene)
	target := g.between(200, 600)
	p.prose(proseResource, 2, 3)
	p.heading(2, "What this covers")
	p.prose(proseResource, 2, 3)
	p.list(sample(g, resourcePoints, g.between(3, 5)))
	p.heading(2, headingHowToUseIt)
	p.numbered(sample(g, resourceSteps, g.between(4, 6)))
	if g.chance(0.3) {
		p.table([]string{"Section", "What it covers", "Time to read"}, [][]string{
			{"1", "Why it matters", strconv.Itoa(g.between(3, 8)) + " minutes"},
			{"2", "Planning and preparation", strconv.Itoa(g.between(5, 15)) + " minutes"},
			{"3", "During the placement", strconv.Itoa(g.between(5, 15)) + " minutes"},
			{"4", "Review and next steps", strconv.Itoa(g.between(3, 8)) + " minutes"},
		})
	}
	if p.words < target {
		p.heading(3, "Key points")
		items := sample(g, resourcePoints, 3)
		items[0] = "**" + capitalise(items[0]) + "**"
		p.list(items)
	}
	for _, h := range []string{"Background", "Using it in your service", "Examples from practice", "Further reading"} {
		if p.words >= target-40 {
			break
		}
		p.heading(2, h)
		if h == "Further reading" {
			p.list(sample(g, furtherReading, g.between(2, 4)))
			continue
		}
		p.prose(pick(g, [][]string{proseGeneral, proseResource, proseStudents}), 3, 5)
	}
	if r.File {
		p.heading(2, "Download")
		p.para(link("Download the "+formatName(r.Format)+" (PDF)", r.Slug+".pdf") +
			". If you need it in another format, _please ask_ and we will help.")
	}
	if len(related) > 0 {
		p.heading(2, "Related")
		p.list(related)
	}
	return p.String()
}

var furtherReading = []string{
	link("National guidance on practice-based learning", "https://example.org/guidance/practice-based-learning"),
	link("Standards for practice educators", "https://example.org/standards/educators"),
	"The " + link("placement capacity dashboard", "https://example.org/data/placements") + " (updated monthly)",
	link("Supporting students with disabilities", "https://example.org/guidance/reasonable-adjustments"),
	"https://example.org/ahp/workforce-plan",
}

// dateList returns n start dates from first, eight to sixteen weeks apart.
func dateList(g *rng, first time.Time, n int) []time.Time {
	out := []time.Time{first}
	for len(out) < n {
		out = append(out, out[len(out)-1].AddDate(0, 0, 7*g.between(8, 16)))
	}
	return out
}
