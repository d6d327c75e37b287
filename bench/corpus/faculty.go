package corpus

import (
	"strings"
	"time"
)

// person is someone named on a page.
type person struct{ First, Last, Role string }

func newPerson(g *rng) person {
	return person{First: pick(g, firstNames), Last: pick(g, surnames), Role: pick(g, roles)}
}

// Name returns the person's full name.
func (p person) Name() string { return p.First + " " + p.Last }

// Email returns an invented work address at example.org.
func (p person) Email() string {
	return slugify(p.First) + "." + slugify(p.Last) + "@example.org"
}

// Handle returns an invented git handle.
func (p person) Handle() string { return slugify(p.First + "-" + p.Last) }

// partnerDoc is a partner organisation of a faculty.
type partnerDoc struct {
	Slug, Title, Sector, Town, Summary string
	Professions                        []string
	Scene                              *scene
}

// storyDoc is a showcase story, a faculty's or national.
type storyDoc struct {
	Slug, Title, Summary string
	Author               person
	Date                 time.Time
	Themes, Professions  []string
	// ImageAlt is the image's text alternative; empty when the story has
	// no image.
	ImageAlt string
	Scene    *scene
}

// resourceDoc is a guide, toolkit or similar.
type resourceDoc struct {
	Slug, Title, Summary, Format, Licence string
	Date, Reviewed                        time.Time
	// File is true when the resource is a PDF beside its page rather than
	// a link elsewhere.
	File                          bool
	Themes, Professions, Audience []string
	Scene                         *scene
}

// placementDoc is a placement opportunity.
type placementDoc struct {
	Slug, Title, Summary, Host, Setting, Specialty string
	Professions, Models                            []string
	Level, Route, Apply, HEI, Status               string
	Town, Postcode                                 string
	Weeks, Capacity                                int
	Hours                                          float64
	Starts                                         []time.Time
	Closes                                         time.Time
	Support, Requirements                          []string
	Scene                                          *scene
}

// faculty is everything one faculty folder holds, planned before any page
// is written so that pages can link to each other.
type faculty struct {
	Sys                   *system
	Title, Status         string
	Summary, Contact      string
	Established, Reviewed time.Time
	Lead                  person
	Maintainers           []person
	Professions           []profession
	Priorities            []string
	Partners              []partnerDoc
	Stories               []storyDoc
	Resources             []resourceDoc
	Placements            []placementDoc
}

// planFaculty invents a faculty for sys with the given numbers of entries.
func planFaculty(g *rng, w *world, sys *system, n counts) *faculty {
	f := &faculty{Sys: sys, Lead: newPerson(g)}
	f.Lead.Role = "AHP Faculty Lead"
	f.Title = sys.Name + " AHP Faculty"
	if g.chance(0.2) {
		f.Title = "AHP Faculty for " + sys.Name
	}
	switch r := g.intn(100); {
	case r < 60:
		f.Status = "established"
	case r < 88:
		f.Status = "developing"
	default:
		f.Status = "planned"
	}
	if f.Status != "planned" {
		f.Established = g.daysAgo(400, 2400)
	}
	f.Reviewed = g.daysAgo(1, 330)
	f.Professions = sample(g, w.Professions, g.between(8, len(w.Professions)))
	f.Priorities = slugsOf(sample(g, w.Themes, g.between(3, 5)))
	f.Summary = "The allied health professions faculty for " + sys.Name +
		": placements, learning and workforce development across " + w.regionName(sys.Region) + "."
	f.Contact = "faculty." + slugify(sys.Towns[0]) + "@example.org"
	if g.chance(0.3) {
		f.Contact = "https://example.org/faculties/" + sys.Slug + "/contact"
	}
	for range g.between(1, 3) {
		f.Maintainers = append(f.Maintainers, newPerson(g))
	}
	f.planPartners(g, w, n.Partners)
	f.planStories(g, w, n.Stories)
	f.planResources(g, w, n.Resources)
	f.planPlacements(g, w, n.Placements)
	return f
}

func (f *faculty) professionSlugs() []string {
	out := make([]string, len(f.Professions))
	for i, p := range f.Professions {
		out[i] = p.Slug
	}
	return out
}

// sectorWeights biases partner sectors towards the organisations that host
// most placements.
var sectorWeights = []string{
	"nhs-trust", "nhs-trust", "nhs-trust", "primary-care", "primary-care", "primary-care",
	"social-care", "social-care", "local-authority", "pivo", "pivo", "pivo",
	"independent", "independent", "hei", "alb", "research", "other",
}

// planPartners invents n partners; the first is an NHS trust and the
// second a university, so that every faculty has a host and an HEI.
func (f *faculty) planPartners(g *rng, w *world, n int) {
	slugs := slugSet{}
	for i := range n {
		sector := pick(g, sectorWeights)
		switch i {
		case 0:
			sector = "nhs-trust"
		case 1:
			sector = "hei"
		}
		town := pick(g, f.Sys.Towns)
		title := partnerTitle(g, sector, town, w.regionName(f.Sys.Region))
		for try := 0; slugs[slugify(title)] && try < 5; try++ {
			town = pick(g, f.Sys.Towns)
			title = partnerTitle(g, sector, town, w.regionName(f.Sys.Region))
		}
		p := partnerDoc{Slug: slugs.claim(slugify(title)), Title: title, Sector: sector, Town: town}
		p.Professions = sample(g, f.professionSlugs(), g.between(2, 6))
		p.Scene = f.scene(g, w, pick(g, f.Professions))
		p.Scene.Town, p.Scene.Partner = town, title
		p.Summary = title + " works with the faculty to offer placements and learning in " + town + "."
		f.Partners = append(f.Partners, p)
	}
}

// partnerTitle names an organisation of a sector.
func partnerTitle(g *rng, sector, town, region string) string {
	var shapes []string
	switch sector {
	case "nhs-trust":
		shapes = []string{"{T} Hospitals NHS Foundation Trust", "{T} Community Health NHS Trust",
			"{T} and District NHS Foundation Trust", "{T} Mental Health NHS Trust", "{R} Ambulance Service NHS Trust"}
	case "primary-care":
		shapes = []string{"{T} Primary Care Network", "{T} Road Surgery", "{T} Health Centre", "{T} Family Practice"}
	case "social-care":
		shapes = []string{"{T} Reablement Service", "{T} Home Care Cooperative", "{T} Adult Social Care"}
	case "local-authority":
		shapes = []string{"{T} Borough Council", "{T} County Council", "{T} City Council"}
	case "pivo":
		shapes = []string{"{T} Hospice", "{T} Stroke Club", "{T} Community Interest Company",
			"Friends of {T} Hospital", "{T} Carers Centre"}
	case "independent":
		shapes = []string{"{T} Care Homes Ltd", "{T} Physiotherapy Clinic", "{T} Foot Health Centre", "{T} Private Hospital"}
	case "hei":
		shapes = []string{"University of {T}", "{T} Metropolitan University", "{T} College of Health"}
	case "alb":
		shapes = []string{"{R} Workforce, Training and Education", "{R} Clinical Network"}
	case "research":
		shapes = []string{"{T} Clinical Research Facility", "{R} Applied Research Collaboration"}
	default:
		shapes = []string{"{T} Football Club Community Trust", "{T} Leisure Centre", "{T} Fire and Rescue Service"}
	}
	return strings.NewReplacer("{T}", town, "{R}", region).Replace(pick(g, shapes))
}

// planStories invents n stories with slugs unique in the faculty.
func (f *faculty) planStories(g *rng, w *world, n int) {
	slugs := slugSet{}
	for range n {
		p := pick(g, f.Professions)
		s := newStory(g, w, f.scene(g, w, p), p, f.Professions)
		s.Slug = slugs.claim(slugify(s.Title))
		f.Stories = append(f.Stories, s)
	}
}

// planResources invents n resources with slugs unique in the faculty.
func (f *faculty) planResources(g *rng, w *world, n int) {
	slugs := slugSet{}
	for range n {
		p := pick(g, f.Professions)
		r := newResource(g, w, f.scene(g, w, p), p, f.Professions)
		r.Slug = slugs.claim(slugify(r.Title))
		f.Resources = append(f.Resources, r)
	}
}

// scene returns the nouns of a page about this faculty and profession p,
// with a random town, setting, specialty and theme.
func (f *faculty) scene(g *rng, w *world, p profession) *scene {
	return &scene{
		Faculty: f.Title, System: f.Sys.Name, Region: w.regionName(f.Sys.Region),
		Town: pick(g, f.Sys.Towns), Profession: p.Name, Discipline: p.Discipline,
		Setting: pick(g, w.Settings).Name, Specialty: pick(g, specialties),
		Theme: pick(g, w.Themes).Name, Person: newPerson(g).Name(),
	}
}

// partner returns the partner with the given slug.
func (f *faculty) partner(slug string) *partnerDoc {
	for i := range f.Partners {
		if f.Partners[i].Slug == slug {
			return &f.Partners[i]
		}
	}
	return nil
}
