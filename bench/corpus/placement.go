package corpus

import (
	"strconv"
	"strings"
)

var placementLevels = []string{
	"Year 1", "Year 2", "Year 3", "Year 2 or 3", "Final year", "Any year",
	"Postgraduate pre-registration", "Degree apprentices",
}

var placementTitles = []string{
	"{Discipline} placement: {specialty}",
	"{Specialty} ({discipline}), {town}",
	"{Discipline} in {specialty} at {partner}",
	"{Specialty} placement for {profession}",
}

// planPlacements invents n placements hosted by the faculty's partners.
// Universities do not host; when every partner is a university the first
// one hosts anyway.
func (f *faculty) planPlacements(g *rng, w *world, n int) {
	var hosts, heis []*partnerDoc
	for i := range f.Partners {
		if f.Partners[i].Sector == "hei" {
			heis = append(heis, &f.Partners[i])
		} else {
			hosts = append(hosts, &f.Partners[i])
		}
	}
	if len(hosts) == 0 {
		hosts = heis
	}
	slugs := slugSet{}
	for range n {
		host := pick(g, hosts)
		p := placementDoc{Host: host.Slug, Town: host.Town, Specialty: pick(g, specialties)}
		main := f.profession(pick(g, host.Professions))
		p.Professions = []string{main.Slug}
		for _, q := range sample(g, host.Professions, g.between(0, 2)) {
			if q != main.Slug && g.chance(0.6) {
				p.Professions = append(p.Professions, q)
			}
		}
		setting := pick(g, w.Settings)
		p.Setting = setting.Slug
		p.Scene = f.scene(g, w, main)
		p.Scene.Town, p.Scene.Partner, p.Scene.Specialty, p.Scene.Setting = p.Town, host.Title, p.Specialty, setting.Name
		p.Title = titleFill(g, p.Scene, pick(g, placementTitles))
		p.Slug = slugs.claim(slugify(main.Discipline + " " + p.Specialty + " " + p.Town))
		p.Models = []string{pick(g, builtinModels)}
		if g.chance(0.35) {
			if m := pick(g, builtinModels); m != p.Models[0] {
				p.Models = append(p.Models, m)
			}
		}
		p.Level = pick(g, placementLevels)
		p.Weeks = pick(g, []int{2, 4, 5, 6, 8, 10, 12})
		p.Hours = pick(g, []float64{37.5, 37.5, 30, 22.5, 15, 37, 7.5})
		p.Capacity = g.between(1, 6)
		p.Postcode = f.Sys.Postcode + strconv.Itoa(g.between(1, 29)) + " " +
			strconv.Itoa(g.between(1, 9)) + string(postcodeLetters[g.intn(len(postcodeLetters))]) +
			string(postcodeLetters[g.intn(len(postcodeLetters))])
		if g.chance(0.1) {
			p.Closes = g.daysAgo(1, 200)
		} else {
			p.Closes = g.daysAhead(7, 300)
		}
		first := p.Closes.AddDate(0, 0, g.between(14, 90))
		if g.chance(0.3) {
			p.Starts = dateList(g, first, g.between(2, 3))
		} else {
			p.Starts = dateList(g, first, 1)
		}
		switch r := g.intn(100); {
		case r < 55:
			p.Route = "hei-allocation"
		case r < 80:
			p.Route = "elective"
		default:
			p.Route = "expression-of-interest"
		}
		if g.chance(0.5) {
			p.Apply = "placements." + slugify(host.Town) + "@example.org"
		} else {
			p.Apply = "https://example.org/apply/" + f.Sys.Slug + "/" + p.Slug
		}
		if len(heis) > 0 && (p.Route == "hei-allocation" || g.chance(0.2)) {
			p.HEI = pick(g, heis).Title
		}
		p.Support = sample(g, builtinSupport, g.between(0, 3))
		p.Requirements = sample(g, placementRequirements, g.between(2, 4))
		for i, r := range p.Requirements {
			p.Requirements[i] = p.Scene.fill(g, r)
		}
		switch r := g.intn(100); {
		case r < 4:
			p.Status = "full"
		case r < 7:
			p.Status = "withdrawn"
		}
		p.Summary = "A " + strconv.Itoa(p.Weeks) + "-week " + main.Discipline + " placement in " + p.Specialty +
			" with " + host.Title + ", " + p.Town + ". Suits " + strings.ToLower(p.Level) + " students."
		f.Placements = append(f.Placements, p)
	}
}

// postcodeLetters are the letters a postcode's inward code may use.
const postcodeLetters = "ABDEFGHJLNPQRSTUWXYZ"

// titleFill fills a title template; {Discipline} and {Specialty} are
// capitalised versions of the scene's nouns.
func titleFill(g *rng, sc *scene, tmpl string) string {
	tmpl = strings.NewReplacer(
		"{Discipline}", capitalise(sc.Discipline), "{Specialty}", capitalise(sc.Specialty),
	).Replace(tmpl)
	return capitalise(sc.fill(g, tmpl))
}

// profession returns the faculty's profession with the given slug.
func (f *faculty) profession(slug string) profession {
	for _, p := range f.Professions {
		if p.Slug == slug {
			return p
		}
	}
	return f.Professions[0]
}

// placementFrontMatter writes a placement's front matter.
func placementFrontMatter(g *rng, p *placementDoc) string {
	fm := newFrontMatter()
	fm.str("title", p.Title)
	fm.str("summary", p.Summary)
	fm.str("host", p.Host)
	fm.list("professions", p.Professions, g.chance(0.6))
	fm.str("setting", p.Setting)
	if len(p.Models) == 1 {
		fm.str("model", p.Models[0])
	} else {
		fm.list("model", p.Models, g.chance(0.5))
	}
	fm.str("level", p.Level)
	fm.int("duration_weeks", p.Weeks)
	fm.num("hours_per_week", p.Hours)
	if len(p.Starts) == 1 {
		fm.date("starts", p.Starts[0])
	} else {
		fm.dates("starts", p.Starts)
	}
	fm.date("closes", p.Closes)
	fm.int("capacity", p.Capacity)
	fm.object("location", [][2]string{{"town", p.Town}, {"postcode", p.Postcode}}, g.chance(0.3))
	fm.str("route", p.Route)
	fm.str("apply", p.Apply)
	if p.HEI != "" {
		fm.str("hei", p.HEI)
	}
	if len(p.Support) > 0 {
		fm.list("support", p.Support, g.chance(0.5))
	}
	fm.list("requirements", p.Requirements, false)
	if p.Status != "" {
		fm.str("status", p.Status)
	}
	return fm.end()
}

var supportNames = map[string]string{
	"travel": "Travel costs", "accommodation": "Accommodation", "reasonable-adjustments": "Reasonable adjustments",
}

// placementBody writes a placement page. hostLink and extra are Markdown
// links to the host partner and to other pages.
func placementBody(g *rng, p *placementDoc, hostLink string, extra []string) string {
	pg := newPage(g, p.Scene)
	target := g.between(210, 600)
	pg.prose(prosePlacement, 2, 4)
	pg.heading(2, "What you will do")
	items := sample(g, placementActivities, g.between(4, 6))
	if g.chance(0.4) {
		items[0] = "**" + capitalise(items[0]) + "**"
	}
	pg.list(items)
	pg.heading(2, "Who can apply")
	pg.para("This placement suits _" + strings.ToLower(p.Level) + "_ students. " +
		pg.sentences(proseStudents, g.between(1, 2)))
	pg.list(p.Requirements)
	optional := []func(){
		func() {
			pg.heading(2, "Your week")
			pg.table([]string{"Day", "Morning", "Afternoon"}, [][]string{
				{"Monday", "Team meeting and caseload review", "Home visits"},
				{"Tuesday", "Clinic", "Documentation and reflection"},
				{"Wednesday", "Teaching session", "Clinic"},
				{"Thursday", "Home visits", "Project time"},
				{"Friday", "Clinic", "Supervision with your educator"},
			})
		},
		func() {
			pg.heading(2, "Learning in "+lowerFirst(p.Scene.Setting))
			pg.prose(proseStudents, 2, 4)
		},
		func() {
			pg.heading(3, "About the team")
			pg.prose(prosePartner, 2, 3)
		},
		func() {
			pg.heading(2, "Before you start")
			pg.prose(proseStudents, 2, 4)
		},
		func() {
			pg.heading(2, "What students say")
			pg.quote(pick(g, quotes), "a "+p.Scene.Discipline+" student, "+strconv.Itoa(g.between(2023, 2026)))
		},
		func() {
			pg.heading(2, "About "+p.Specialty)
			pg.prose(prosePlacement, 3, 5)
		},
	}
	for _, i := range g.r.Perm(len(optional)) {
		if pg.words >= target-80 {
			break
		}
		optional[i]()
	}
	if len(p.Support) > 0 {
		pg.heading(2, "Support on placement")
		names := make([]string, len(p.Support))
		for i, s := range p.Support {
			names[i] = supportNames[s]
		}
		pg.list(names)
	}
	pg.heading(2, headingHowToApply)
	pg.numbered(applySteps(p))
	if p.Status == "full" || p.Status == "withdrawn" {
		pg.para("**This placement is " + p.Status + ".** ~~Apply by " + ymd(p.Closes) + ".~~ Look at the faculty's other placements instead.")
	} else {
		pg.para("Apply by **" + ymd(p.Closes) + "**. The placement is hosted by " + hostLink + ".")
	}
	if len(extra) > 0 {
		pg.para("See also: " + strings.Join(extra, " · ") + ".")
	}
	return pg.String()
}

// applySteps lists how a student gets the placement, which depends on its
// route.
func applySteps(p *placementDoc) []string {
	contact := "contact " + p.Apply
	if strings.HasPrefix(p.Apply, "https://") {
		contact = "fill in the form at " + p.Apply
	}
	switch p.Route {
	case "hei-allocation":
		uni := "your university"
		if p.HEI != "" {
			uni = p.HEI
		}
		return []string{
			"tell your placement team at " + uni + " that you are interested",
			"your university allocates placements from the capacity we offer",
			"if you have questions before then, " + contact,
		}
	case "elective":
		return []string{
			"check that your university allows an elective at this point in your course",
			contact + " with your dates and learning outcomes",
			"we will reply within two weeks",
		}
	default:
		return []string{
			contact + " to express your interest",
			"tell us your year of study and any adjustments you need",
			"we will confirm places after the closing date",
		}
	}
}
