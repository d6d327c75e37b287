package corpus

import (
	"fmt"
	"slices"
	"strings"
)

// term is one entry of a reference list or vocabulary.
type term struct{ Slug, Name string }

// profession is an allied health profession and the discipline it
// practises ("physiotherapists", "physiotherapy").
type profession struct {
	term
	Discipline string
}

// system is an integrated care system and the invented towns its pages
// mention.
type system struct {
	term
	Region    string
	Formerly  []string
	Successor string
	Towns     []string
	// Postcode is the two-letter postcode area used for its locations.
	Postcode string
}

// world is everything the content refers to: reference lists and
// vocabularies. Overrides is true when setting and themes replace the
// built-in vocabularies through content/_data files.
type world struct {
	Regions     []term
	Systems     []system
	Professions []profession
	Settings    []term
	Themes      []term
	Overrides   bool
}

// regionName returns the display name of a region slug.
func (w *world) regionName(slug string) string {
	for _, r := range w.Regions {
		if r.Slug == slug {
			return r.Name
		}
	}
	return slug
}

// newWorld builds the reference lists of a variant. Towns are invented for
// both variants; in the unseen variant the regions, systems, professions,
// settings and themes are invented too, and none of their slugs is one of
// England's.
func newWorld(variant string, g *rng) (*world, error) {
	names := newTownNamer(g)
	var w *world
	switch variant {
	case VariantShipped:
		w = &world{
			Regions:     shippedRegions,
			Systems:     slices.Clone(shippedSystems), // gets towns below
			Professions: shippedProfessions,
			Settings:    builtinSettings,
			Themes:      builtinThemes,
		}
	case VariantUnseen:
		w = &world{
			Regions:     unseenRegions,
			Professions: unseenProfessions,
			Settings:    unseenSettings,
			Themes:      unseenThemes,
			Overrides:   true,
		}
		w.Systems = unseenSystems(g, names, w.Regions)
	default:
		return nil, fmt.Errorf("unknown variant %q (want %s or %s)", variant, VariantShipped, VariantUnseen)
	}
	for i := range w.Systems {
		s := &w.Systems[i]
		for len(s.Towns) < 5 {
			s.Towns = append(s.Towns, names.next())
		}
		s.Postcode = postcodeArea(g, s.Name)
	}
	return w, nil
}

// unseenSystems invents six systems for each region. A few carry earlier
// names, and two are succeeded by their region's neighbour, which is never
// itself succeeded.
func unseenSystems(g *rng, names *townNamer, regions []term) []system {
	var out []system
	seen := map[string]bool{}
	for _, r := range regions {
		for range 6 {
			for {
				s := system{Region: r.Slug}
				s.Towns = []string{names.next(), names.next(), names.next()}
				s.Name = systemName(g, s.Towns)
				s.Slug = slugify(s.Name)
				if !seen[s.Slug] {
					seen[s.Slug] = true
					out = append(out, s)
					break
				}
			}
		}
	}
	for i := range out {
		if i%9 == 4 {
			out[i].Formerly = []string{out[i].Towns[0] + " Health and Care Partnership"}
		}
		if i%17 == 11 {
			out[i].Formerly = append(out[i].Formerly, strings.Join(out[i].Towns, ", ")+" STP")
		}
	}
	out[5].Successor = out[4].Slug
	out[23].Successor = out[22].Slug
	return out
}

// systemName names a system after its first towns, in the shapes England's
// systems take.
func systemName(g *rng, towns []string) string {
	a, b, c := towns[0], towns[1], towns[2]
	switch g.intn(10) {
	case 0, 1, 2, 3:
		return a + " and " + b
	case 4, 5:
		return a + ", " + b + " and " + c
	case 6:
		return "Greater " + a
	case 7:
		return a + "shire and " + b
	case 8:
		return "One " + a
	default:
		return a + " and the " + b + " Vale"
	}
}

// postcodeArea makes a two-letter postcode area from a name.
func postcodeArea(g *rng, name string) string {
	const letters = "ABDEFGHJLNPRSTWY"
	return strings.ToUpper(name[:1]) + string(letters[g.intn(len(letters))])
}

// townNamer invents town names that do not repeat.
type townNamer struct {
	g    *rng
	seen map[string]bool
}

func newTownNamer(g *rng) *townNamer { return &townNamer{g: g, seen: map[string]bool{}} }

// next returns a new town name such as "Brayford" or "Market Ellesby".
func (n *townNamer) next() string {
	for {
		name := pick(n.g, townStems) + pick(n.g, townEndings)
		if n.g.chance(0.15) {
			name = pick(n.g, townPrefixes) + " " + name
		}
		if !n.seen[name] {
			n.seen[name] = true
			return name
		}
	}
}

// Invented reference lists of the unseen variant; read-only.
var (
	unseenRegions = []term{
		{"northmarch", "Northmarch"}, {"eastwold", "Eastwold"}, {"southmere", "Southmere"},
		{"westreach", "Westreach"}, {"midhollow", "Midhollow"}, {"highmoor", "Highmoor"},
		{"saltcoast", "Saltcoast"},
	}
	unseenProfessions = []profession{
		{term{"kinetic-therapists", "Kinetic therapists"}, "kinetic therapy"},
		{term{"nutrition-practitioners", "Nutrition practitioners"}, "clinical nutrition"},
		{term{"voice-and-swallow-therapists", "Voice and swallow therapists"}, "voice and swallow therapy"},
		{term{"sight-scientists", "Sight scientists"}, "sight science"},
		{term{"gait-specialists", "Gait specialists"}, "gait analysis"},
		{term{"limb-fitters", "Limb fitters"}, "limb fitting"},
		{term{"movement-therapists", "Movement therapists"}, "movement therapy"},
		{term{"imaging-technologists", "Imaging technologists"}, "imaging technology"},
		{term{"theatre-practitioners", "Theatre practitioners"}, "theatre practice"},
		{term{"emergency-clinicians", "Emergency clinicians"}, "emergency care"},
		{term{"play-therapists", "Play therapists"}, "play therapy"},
		{term{"rhythm-therapists", "Rhythm therapists"}, "rhythm therapy"},
		{term{"manual-therapists", "Manual therapists"}, "manual therapy"},
		{term{"foot-health-practitioners", "Foot health practitioners"}, "foot health"},
	}
	unseenSettings = []term{
		{"hospital-ward", "Hospital ward"}, {"home-visits", "Home visits"}, {"gp-surgery", "GP surgery"},
		{"outpatient-clinic", "Outpatient clinic"}, {"residential-care", "Residential care"},
		{"school-based", "School based"}, {"telehealth", "Telehealth"}, {"hospice", "Hospice"},
		{"prison-health", "Prison health"}, {"community-hub", "Community hub"},
	}
	unseenThemes = []term{
		{"workforce-growth", "Workforce growth"}, {"learning-culture", "Learning culture"},
		{"practice-education", "Practice education"}, {"digital-skills", "Digital skills"},
		{"staff-wellbeing", "Staff wellbeing"}, {"inclusion", "Inclusion"},
		{"new-roles", "New roles"}, {"student-experience", "Student experience"},
		{"clinical-leadership", "Clinical leadership"}, {"population-health", "Population health"},
		{"career-pathways", "Career pathways"},
	}
	townStems = []string{
		"Ald", "Bray", "Crest", "Dun", "Ells", "Fen", "Gar", "Hol", "Ing", "Kel", "Lang", "Mar",
		"Nor", "Oak", "Pen", "Quen", "Ros", "Sal", "Thorn", "Ul", "Ven", "Wex", "Yar", "Ash",
		"Brom", "Cal", "Dar", "Est", "Fal", "Grim", "Hart", "Lid", "Mel", "Ned", "Orm", "Pil",
		"Rad", "Skel", "Tarn", "Wend",
	}
	townEndings = []string{
		"wick", "ford", "ham", "by", "ton", "mere", "combe", "ley", "stow", "bridge", "thorpe",
		"field", "worth", "haven", "dale", "minster", "bury", "well", "hurst", "marsh",
	}
	townPrefixes = []string{"Market", "Great", "Little", "Kings", "Upper", "Nether", "East", "West"}
)
