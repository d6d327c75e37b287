package content

// Term is one value of a vocabulary or reference list.
type Term struct {
	Slug string
	Name string
	// Pos is where the term is defined in a _data file; zero for built-ins.
	Pos Pos
}

// Vocabulary is a named list of allowed values, built in or replaced by
// content/_data/<name>.yaml.
type Vocabulary struct {
	Name  string
	Terms []Term
	// Path is the _data file that replaced the built-in list, or "".
	Path string
}

// Has reports whether slug is one of the vocabulary's terms.
func (v *Vocabulary) Has(slug string) bool {
	for _, t := range v.Terms {
		if t.Slug == slug {
			return true
		}
	}
	return false
}

// Label returns the display name of slug, or slug itself if unknown.
func (v *Vocabulary) Label(slug string) string {
	for _, t := range v.Terms {
		if t.Slug == slug {
			return t.Name
		}
	}
	return slug
}

// Slugs lists the vocabulary's slugs in order.
func (v *Vocabulary) Slugs() []string {
	out := make([]string, len(v.Terms))
	for i, t := range v.Terms {
		out[i] = t.Slug
	}
	return out
}

// VocabularyNames lists the built-in vocabularies in documentation order.
var VocabularyNames = []string{"sector", "setting", "model", "format", "themes", "route", "support", "audience"}

// BuiltinVocabulary returns a fresh copy of the named built-in vocabulary.
func BuiltinVocabulary(name string) *Vocabulary {
	pairs := builtins[name]
	v := &Vocabulary{Name: name}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Terms = append(v.Terms, Term{Slug: pairs[i], Name: pairs[i+1]})
	}
	return v
}

// builtins holds slug, name pairs; read only.
var builtins = map[string][]string{
	"sector": {
		"nhs-trust", "NHS trust", "primary-care", "Primary care", "social-care", "Social care",
		"local-authority", "Local authority", "pivo", "Private, independent or voluntary organisation",
		"independent", "Independent sector", "hei", "University (higher education institution)",
		"alb", "Arm's-length body", "research", "Research organisation", "other", "Other",
	},
	"setting": {
		"acute", "Acute hospital", "community", "Community", "primary-care", "Primary care",
		"mental-health", "Mental health", "learning-disability", "Learning disability",
		"social-care", "Social care", "care-home", "Care home", "pivo", "Private, independent or voluntary sector",
		"education", "Education", "public-health", "Public health", "research", "Research",
		"leadership", "Leadership", "virtual", "Virtual",
	},
	"model": {
		"traditional", "Traditional (one educator, one student)", "peer-assisted", "Peer-assisted learning",
		"long-arm", "Long-arm supervision", "role-emerging", "Role-emerging", "split", "Split placement",
		"project", "Project-based", "leadership", "Leadership", "research", "Research",
		"simulated", "Simulated", "virtual", "Virtual", "hybrid", "Hybrid",
	},
	"format": {
		"guidance", "Guidance", "toolkit", "Toolkit", "template", "Template", "case-study", "Case study",
		"webinar", "Webinar", "report", "Report", "course", "Course", "policy", "Policy", "other", "Other",
	},
	"themes": {
		"placements", "Placements", "cpd", "Continuing professional development",
		"advanced-practice", "Advanced practice", "supply", "Workforce supply",
		"education-partnerships", "Education partnerships", "quality-improvement", "Quality improvement",
		"informatics", "Data and informatics", "leadership", "Leadership",
		"support-workforce", "Support workforce", "preceptorship", "Preceptorship",
		"return-to-practice", "Return to practice", "apprenticeships", "Apprenticeships",
		"research", "Research", "equality", "Equality, diversity and inclusion",
	},
	"route": {
		"hei-allocation", "Allocated by your university", "elective", "Elective (you arrange it)",
		"expression-of-interest", "Expression of interest",
	},
	"support": {
		"travel", "Travel costs", "accommodation", "Accommodation", "reasonable-adjustments", "Reasonable adjustments",
	},
	"audience": {
		"students", "Students", "educators", "Practice educators", "leads", "AHP leads",
		"managers", "Managers", "support-workers", "Support workers",
	},
}
