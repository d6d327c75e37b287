package content

// FieldType is the type a front-matter value must have.
type FieldType int

// The field types of the content contract.
const (
	String     FieldType = iota // a single line of text
	Int                         // a whole number
	Number                      // a number, whole or decimal
	Bool                        // true or false
	Date                        // YYYY-MM-DD or RFC 3339
	DateList                    // one date or a list of dates
	URL                         // an absolute http(s) URL or a path
	URLOrEmail                  // a URL or an email address
	Email                       // an email address
	Slug                        // one value from a vocabulary or reference list
	SlugList                    // a list of such values
	SlugOrList                  // one value or a list
	StringList                  // one line of text or a list of them
	Object                      // a nested set of keys (see FieldSpec.Fields)
	Any                         // anything (reference data extras)
)

var typeNames = map[FieldType]string{
	String: "text", Int: "whole number", Number: "number", Bool: "true or false",
	Date: "date (YYYY-MM-DD)", DateList: "date or list of dates", URL: "URL",
	URLOrEmail: "URL or email address", Email: "email address", Slug: "slug",
	SlugList: "list of slugs", SlugOrList: "slug or list of slugs",
	StringList: "text or list of texts", Object: "set of keys", Any: "any value",
}

// String names the type as the documentation and diagnostics do.
func (t FieldType) String() string { return typeNames[t] }

// FieldSpec describes one front-matter key of a kind.
type FieldSpec struct {
	Name     string
	Type     FieldType
	Required bool
	// Vocabulary names the list a Slug value must come from: a built-in
	// vocabulary ("setting"), a reference list ("professions", "systems")
	// or "partners" (a partner of the same faculty).
	Vocabulary string
	// Values lists the allowed values of a fixed enumeration.
	Values []string
	// Fields are the keys of an Object.
	Fields []FieldSpec
	// Doc says what the field is for, in a few words.
	Doc string
}

// common fields accepted by every kind.
var common = []FieldSpec{
	{Name: "draft", Type: Bool, Doc: "true hides the page unless the site is built with --drafts"},
	{Name: "aliases", Type: StringList, Doc: "old URLs of this page, redirected to it"},
}

var personFields = []FieldSpec{
	{Name: "name", Type: String, Doc: "the person's name or role"},
	{Name: "role", Type: String, Doc: "their role"},
	{Name: "email", Type: Email, Doc: "their work email"},
}

// schema lists the fields of each kind, in the order the documentation and
// `facultyhub new` present them. It is never modified.
var schema = map[Kind][]FieldSpec{
	KindHome: withCommon([]FieldSpec{
		{Name: "title", Type: String, Required: true, Doc: "the site's headline"},
		{Name: "summary", Type: String, Doc: "one or two sentences under the headline"},
	}),
	KindPage: withCommon([]FieldSpec{
		{Name: "title", Type: String, Required: true, Doc: "the page's title"},
		{Name: "summary", Type: String, Doc: "one or two sentences for listings and search"},
		{Name: "date", Type: Date, Doc: "when the page was published"},
		{Name: "reviewed", Type: Date, Doc: "when the page was last checked to be correct"},
	}),
	KindFaculty: withCommon([]FieldSpec{
		{Name: "title", Type: String, Required: true, Doc: "the faculty's name"},
		{Name: "status", Type: Slug, Required: true, Values: []string{"established", "developing", "planned"}, Doc: "how far the faculty has come"},
		{Name: "summary", Type: String, Required: true, Doc: "one or two sentences about the faculty"},
		{Name: "system", Type: Slug, Vocabulary: "systems", Doc: "the integrated care system; defaults to the folder name"},
		{Name: "demonstration", Type: Bool, Doc: "true marks the faculty as illustrative, not real"},
		{Name: "established", Type: Date, Doc: "when the faculty was set up"},
		{Name: "lead", Type: Object, Fields: personFields, Doc: "the faculty lead"},
		{Name: "contact", Type: URLOrEmail, Doc: "where to get in touch"},
		{Name: "website", Type: URL, Doc: "the faculty's own website"},
		{Name: "professions", Type: SlugList, Vocabulary: "professions", Doc: "professions the faculty works with"},
		{Name: "priorities", Type: SlugList, Vocabulary: "themes", Doc: "the faculty's priority themes"},
		{Name: "reviewed", Type: Date, Doc: "when the page was last checked to be correct"},
		{Name: "maintainers", Type: StringList, Doc: "git handles of the people who keep these pages"},
	}),
	KindPartner: withCommon([]FieldSpec{
		{Name: "title", Type: String, Required: true, Doc: "the organisation's name"},
		{Name: "sector", Type: Slug, Required: true, Vocabulary: "sector", Doc: "what kind of organisation it is"},
		{Name: "website", Type: URL, Doc: "the organisation's website"},
		{Name: "professions", Type: SlugList, Vocabulary: "professions", Doc: "professions it employs or teaches"},
		{Name: "summary", Type: String, Doc: "one or two sentences about the partner"},
	}),
	KindStory: withCommon([]FieldSpec{
		{Name: "title", Type: String, Required: true, Doc: "the story's headline"},
		{Name: "date", Type: Date, Required: true, Doc: "when it was published"},
		{Name: "summary", Type: String, Required: true, Doc: "one or two sentences for listings and feeds"},
		{Name: "author", Type: String, Doc: "who wrote it"},
		{Name: "themes", Type: SlugList, Vocabulary: "themes", Doc: "what it is about"},
		{Name: "professions", Type: SlugList, Vocabulary: "professions", Doc: "professions it concerns"},
		{Name: "image", Type: Object, Fields: []FieldSpec{
			{Name: "src", Type: URL, Required: true, Doc: "a file beside the story, or a URL"},
			{Name: "alt", Type: String, Required: true, Doc: "what the image shows, for people who cannot see it"},
		}, Doc: "a picture shown with the story"},
	}),
	KindResource: withCommon([]FieldSpec{
		{Name: "title", Type: String, Required: true, Doc: "the resource's title"},
		{Name: "format", Type: Slug, Required: true, Vocabulary: "format", Doc: "what kind of resource it is"},
		{Name: "summary", Type: String, Required: true, Doc: "one or two sentences about it"},
		{Name: "date", Type: Date, Doc: "when it was published"},
		{Name: "link", Type: URL, Doc: "where it lives: a URL, or a file beside this page"},
		{Name: "themes", Type: SlugList, Vocabulary: "themes", Doc: "what it is about"},
		{Name: "professions", Type: SlugList, Vocabulary: "professions", Doc: "professions it is for"},
		{Name: "audience", Type: SlugList, Vocabulary: "audience", Doc: "who it is for"},
		{Name: "reviewed", Type: Date, Doc: "when it was last checked to be correct"},
		{Name: "licence", Type: String, Doc: "the licence it is published under"},
	}),
	KindPlacement: withCommon([]FieldSpec{
		{Name: "title", Type: String, Required: true, Doc: "the placement's title"},
		{Name: "summary", Type: String, Required: true, Doc: "one or two sentences for the finder"},
		{Name: "host", Type: Slug, Required: true, Vocabulary: "partners", Doc: "slug of the partner (same faculty) that hosts it"},
		{Name: "professions", Type: SlugList, Required: true, Vocabulary: "professions", Doc: "professions it is open to; at least one"},
		{Name: "setting", Type: Slug, Required: true, Vocabulary: "setting", Doc: "where the placement happens"},
		{Name: "model", Type: SlugOrList, Vocabulary: "model", Doc: "how the placement is supervised and organised"},
		{Name: "level", Type: String, Doc: "which students it suits, e.g. Year 2 or 3"},
		{Name: "duration_weeks", Type: Int, Doc: "length in weeks"},
		{Name: "hours_per_week", Type: Number, Doc: "hours a week"},
		{Name: "starts", Type: DateList, Doc: "start date, or a list of start dates"},
		{Name: "closes", Type: Date, Doc: "last day to apply or express interest"},
		{Name: "capacity", Type: Int, Doc: "how many students it can take"},
		{Name: "location", Type: Object, Fields: []FieldSpec{
			{Name: "town", Type: String, Doc: "town or city"},
			{Name: "postcode", Type: String, Doc: "postcode or postcode district"},
		}, Doc: "where it is"},
		{Name: "route", Type: Slug, Vocabulary: "route", Doc: "how a student gets it"},
		{Name: "apply", Type: URLOrEmail, Doc: "where to apply or ask: a URL or an email address"},
		{Name: "hei", Type: String, Doc: "the university that allocates it"},
		{Name: "support", Type: SlugList, Vocabulary: "support", Doc: "help offered to the student"},
		{Name: "requirements", Type: StringList, Doc: "what a student needs before starting"},
		{Name: "status", Type: Slug, Values: []string{"open", "full", "closed", "withdrawn"}, Doc: "overrides the status derived from closes"},
		{Name: "date", Type: Date, Doc: "when the placement was first advertised, for feeds"},
	}),
}

func withCommon(fields []FieldSpec) []FieldSpec {
	return append(fields, common...)
}

// FieldsOf lists the front-matter fields of kind, required ones first. The
// caller must not modify the result.
func FieldsOf(kind Kind) []FieldSpec { return schema[kind] }

// Spec returns the field spec of name in kind, if there is one.
func Spec(kind Kind, name string) (FieldSpec, bool) {
	return findSpec(schema[kind], name)
}

func findSpec(fields []FieldSpec, name string) (FieldSpec, bool) {
	for _, f := range fields {
		if f.Name == name {
			return f, true
		}
	}
	return FieldSpec{}, false
}
