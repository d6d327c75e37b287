package corpus

// The tables in this file are read-only: the generator copies out of them
// and never writes to them.

// shippedRegions are England's seven NHS regions, as in the project's
// reference list.
var shippedRegions = []term{
	{"london", "London"},
	{"south-east", "South East"},
	{"south-west", "South West"},
	{"midlands", "Midlands"},
	{"east-of-england", "East of England"},
	{"north-west", "North West"},
	{"north-east-and-yorkshire", "North East and Yorkshire"},
}

// shippedSystems are England's 42 integrated care systems with their region
// and earlier names. The two successors are approximations of the April
// 2026 mergers, chosen so that both ends are systems of this list.
var shippedSystems = []system{
	{term: term{"bedfordshire-luton-and-milton-keynes", "Bedfordshire, Luton and Milton Keynes"}, Region: "east-of-england"},
	{term: term{"cambridgeshire-and-peterborough", "Cambridgeshire and Peterborough"}, Region: "east-of-england", Successor: "bedfordshire-luton-and-milton-keynes"},
	{term: term{"hertfordshire-and-west-essex", "Hertfordshire and West Essex"}, Region: "east-of-england"},
	{term: term{"mid-and-south-essex", "Mid and South Essex"}, Region: "east-of-england"},
	{term: term{"norfolk-and-waveney", "Norfolk and Waveney"}, Region: "east-of-england"},
	{term: term{"suffolk-and-north-east-essex", "Suffolk and North East Essex"}, Region: "east-of-england"},
	{term: term{"north-central-london", "North Central London"}, Region: "london", Formerly: []string{"North London Partners in Health and Care"}},
	{term: term{"north-east-london", "North East London"}, Region: "london", Formerly: []string{"East London Health and Care Partnership"}},
	{term: term{"north-west-london", "North West London"}, Region: "london"},
	{term: term{"south-east-london", "South East London"}, Region: "london"},
	{term: term{"south-west-london", "South West London"}, Region: "london"},
	{term: term{"birmingham-and-solihull", "Birmingham and Solihull"}, Region: "midlands"},
	{term: term{"black-country", "Black Country"}, Region: "midlands", Formerly: []string{"Black Country and West Birmingham"}},
	{term: term{"coventry-and-warwickshire", "Coventry and Warwickshire"}, Region: "midlands"},
	{term: term{"derby-and-derbyshire", "Joined Up Care Derbyshire"}, Region: "midlands"},
	{term: term{"herefordshire-and-worcestershire", "Herefordshire and Worcestershire"}, Region: "midlands"},
	{term: term{"leicester-leicestershire-and-rutland", "Leicester, Leicestershire and Rutland"}, Region: "midlands"},
	{term: term{"lincolnshire", "Lincolnshire"}, Region: "midlands"},
	{term: term{"northamptonshire", "Northamptonshire"}, Region: "midlands"},
	{term: term{"nottingham-and-nottinghamshire", "Nottingham and Nottinghamshire"}, Region: "midlands"},
	{term: term{"shropshire-telford-and-wrekin", "Shropshire, Telford and Wrekin"}, Region: "midlands"},
	{term: term{"staffordshire-and-stoke-on-trent", "Staffordshire and Stoke-on-Trent"}, Region: "midlands"},
	{term: term{"humber-and-north-yorkshire", "Humber and North Yorkshire"}, Region: "north-east-and-yorkshire", Formerly: []string{"Humber, Coast and Vale"}},
	{term: term{"north-east-and-north-cumbria", "North East and North Cumbria"}, Region: "north-east-and-yorkshire"},
	{term: term{"south-yorkshire", "South Yorkshire"}, Region: "north-east-and-yorkshire", Formerly: []string{"South Yorkshire and Bassetlaw"}},
	{term: term{"west-yorkshire", "West Yorkshire"}, Region: "north-east-and-yorkshire", Formerly: []string{"West Yorkshire and Harrogate"}},
	{term: term{"cheshire-and-merseyside", "Cheshire and Merseyside"}, Region: "north-west"},
	{term: term{"greater-manchester", "Greater Manchester"}, Region: "north-west"},
	{term: term{"lancashire-and-south-cumbria", "Lancashire and South Cumbria"}, Region: "north-west", Formerly: []string{"Healthier Lancashire and South Cumbria"}},
	{term: term{"buckinghamshire-oxfordshire-and-berkshire-west", "Buckinghamshire, Oxfordshire and Berkshire West"}, Region: "south-east"},
	{term: term{"frimley", "Frimley"}, Region: "south-east"},
	{term: term{"hampshire-and-isle-of-wight", "Hampshire and the Isle of Wight"}, Region: "south-east"},
	{term: term{"kent-and-medway", "Kent and Medway"}, Region: "south-east"},
	{term: term{"surrey-heartlands", "Surrey Heartlands"}, Region: "south-east", Successor: "sussex"},
	{term: term{"sussex", "Sussex"}, Region: "south-east", Formerly: []string{"Sussex Health and Care Partnership"}},
	{term: term{"bath-and-north-east-somerset-swindon-and-wiltshire", "Bath and North East Somerset, Swindon and Wiltshire"}, Region: "south-west"},
	{term: term{"bristol-north-somerset-and-south-gloucestershire", "Bristol, North Somerset and South Gloucestershire"}, Region: "south-west"},
	{term: term{"cornwall-and-the-isles-of-scilly", "Cornwall and the Isles of Scilly"}, Region: "south-west"},
	{term: term{"devon", "One Devon"}, Region: "south-west"},
	{term: term{"dorset", "Our Dorset"}, Region: "south-west"},
	{term: term{"gloucestershire", "One Gloucestershire"}, Region: "south-west"},
	{term: term{"somerset", "Somerset"}, Region: "south-west"},
}

// shippedProfessions are the 14 allied health professions with the name of
// their discipline, which the prose uses.
var shippedProfessions = []profession{
	{term{"art-therapists", "Art therapists"}, "art therapy"},
	{term{"dietitians", "Dietitians"}, "dietetics"},
	{term{"dramatherapists", "Dramatherapists"}, "dramatherapy"},
	{term{"music-therapists", "Music therapists"}, "music therapy"},
	{term{"occupational-therapists", "Occupational therapists"}, "occupational therapy"},
	{term{"operating-department-practitioners", "Operating department practitioners"}, "operating department practice"},
	{term{"orthoptists", "Orthoptists"}, "orthoptics"},
	{term{"osteopaths", "Osteopaths"}, "osteopathy"},
	{term{"paramedics", "Paramedics"}, "paramedic science"},
	{term{"physiotherapists", "Physiotherapists"}, "physiotherapy"},
	{term{"podiatrists", "Podiatrists"}, "podiatry"},
	{term{"prosthetists-and-orthotists", "Prosthetists and orthotists"}, "prosthetics and orthotics"},
	{term{"radiographers", "Radiographers"}, "radiography"},
	{term{"speech-and-language-therapists", "Speech and language therapists"}, "speech and language therapy"},
}

// Built-in vocabularies of the content contract (DESIGN.md). A variant may
// replace setting and themes; the others are always these.
var (
	builtinSectors = []term{
		{"nhs-trust", "NHS trust"}, {"primary-care", "Primary care"}, {"social-care", "Social care"},
		{"local-authority", "Local authority"}, {"pivo", "Private, independent or voluntary organisation"},
		{"independent", "Independent sector"}, {"hei", "University"}, {"alb", "Arm's-length body"},
		{"research", "Research organisation"}, {"other", "Other"},
	}
	builtinSettings = []term{
		{"acute", "Acute hospital"}, {"community", "Community"}, {"primary-care", "Primary care"},
		{"mental-health", "Mental health"}, {"learning-disability", "Learning disability"},
		{"social-care", "Social care"}, {"care-home", "Care home"}, {"pivo", "Voluntary sector"},
		{"education", "Education"}, {"public-health", "Public health"}, {"research", "Research"},
		{"leadership", "Leadership"}, {"virtual", "Virtual"},
	}
	builtinModels = []string{
		"traditional", "peer-assisted", "long-arm", "role-emerging", "split", "project",
		"leadership", "research", "simulated", "virtual", "hybrid",
	}
	builtinFormats = []string{
		"guidance", "toolkit", "template", "case-study", "webinar", "report", "course", "policy", "other",
	}
	builtinThemes = []term{
		{"placements", "Placements"}, {"cpd", "Continuing professional development"},
		{"advanced-practice", "Advanced practice"}, {"supply", "Workforce supply"},
		{"education-partnerships", "Education partnerships"}, {"quality-improvement", "Quality improvement"},
		{"informatics", "Data and informatics"}, {"leadership", "Leadership"},
		{"support-workforce", "Support workforce"}, {"preceptorship", "Preceptorship"},
		{"return-to-practice", "Return to practice"}, {"apprenticeships", "Apprenticeships"},
		{"research", "Research"}, {"equality", "Equality, diversity and inclusion"},
	}
	builtinRoutes    = []string{"hei-allocation", "elective", "expression-of-interest"}
	builtinSupport   = []string{"travel", "accommodation", "reasonable-adjustments"}
	builtinAudiences = []string{"students", "educators", "leads", "managers", "support-workers"}
)
