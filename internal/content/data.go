package content

import (
	"errors"
	"io/fs"
	"regexp"

	"github.com/facultyhub/facultyhub/internal/diag"
	"go.yaml.in/yaml/v3"
)

// Region is an NHS region, from content/_data/regions.yaml.
type Region struct {
	Term
	// Extra holds the entry's other keys (codes, notes) for templates.
	Extra map[string]any
}

// System is an integrated care system, from content/_data/systems.yaml.
type System struct {
	Term
	Region    string
	Formerly  []string
	Successor string
	// RegionPos and SuccessorPos locate those keys for diagnostics.
	RegionPos, SuccessorPos Pos
	Extra                   map[string]any
}

// Profession is an allied health profession, from
// content/_data/professions.yaml.
type Profession struct {
	Term
	Extra map[string]any
}

// dataEntry is one decoded item of a _data list.
type dataEntry struct {
	term   Term
	fields Fields
	extra  map[string]any
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// readList decodes a _data file: a YAML list of maps, each with at least
// slug and name, plus the given known keys. Unknown keys are kept as
// extras. missingOK says whether an absent file is fine.
func readList(fsys fs.FS, path string, known []FieldSpec, missingOK bool, diags *diag.List) ([]dataEntry, bool) {
	src, err := fs.ReadFile(fsys, path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && missingOK {
			return nil, false
		}
		diags.Errorf(path, 0, 0, "missing-data", "cannot read %s: %v; every site needs this reference list", path, unwrapPath(err))
		return nil, false
	}
	root, err := parseYAML(src, 0)
	if pe := (*parseError)(nil); errors.As(err, &pe) {
		diags.Errorf(path, pe.line, pe.col, "bad-yaml", "%s is not valid YAML: %s", path, pe.msg)
		return nil, true
	}
	if root.Kind == yaml.MappingNode && len(root.Content) == 0 {
		return nil, true
	}
	if root.Kind != yaml.SequenceNode {
		diags.Errorf(path, root.Line, root.Column, "bad-data", "%s must be a list of entries, each starting with \"- slug: ...\"", path)
		return nil, true
	}
	specs := append([]FieldSpec{
		{Name: "slug", Type: String, Required: true},
		{Name: "name", Type: String, Required: true},
	}, known...)
	dec := decoder{path: path, diags: diags}
	seen := map[string]Pos{}
	var out []dataEntry
	for _, item := range root.Content {
		if item.Kind != yaml.MappingNode {
			diags.Errorf(path, item.Line, item.Column, "bad-data", "each entry of %s must be a set of keys (slug, name, ...)", path)
			continue
		}
		e := dataEntry{extra: map[string]any{}}
		var rest yaml.Node
		rest.Kind = yaml.MappingNode
		for i := 0; i+1 < len(item.Content); i += 2 {
			k := item.Content[i]
			if _, ok := findSpec(specs, k.Value); ok {
				rest.Content = append(rest.Content, k, item.Content[i+1])
				continue
			}
			var v any
			if item.Content[i+1].Decode(&v) == nil {
				e.extra[k.Value] = v
			}
		}
		e.fields = dec.fields(&rest, specs, "")
		at := Pos{item.Line, item.Column}
		for _, s := range specs {
			if s.Required && !e.fields.Has(s.Name) {
				diags.Errorf(path, at.Line, at.Col, "missing-field", "entry has no %s; add \"%s: ...\"", s.Name, s.Name)
			}
		}
		e.term = Term{Slug: e.fields.String("slug"), Name: e.fields.String("name"), Pos: at}
		if e.term.Slug == "" {
			continue
		}
		if p := e.fields["slug"].Key; !slugPattern.MatchString(e.term.Slug) {
			diags.Errorf(path, p.Line, p.Col, "bad-slug", "slug %q must be lowercase letters, digits and single hyphens", e.term.Slug)
		}
		if first, dup := seen[e.term.Slug]; dup {
			diags.Errorf(path, at.Line, at.Col, "duplicate-slug", "slug %q is already defined at line %d; each slug must be unique", e.term.Slug, first.Line)
			continue
		}
		seen[e.term.Slug] = at
		out = append(out, e)
	}
	return out, true
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var systemFields = []FieldSpec{
	{Name: "region", Type: Slug, Required: true, Vocabulary: "regions"},
	{Name: "formerly", Type: StringList},
	{Name: "successor", Type: Slug, Vocabulary: "systems"},
}

// loadData reads the reference lists and vocabularies into h.
func loadData(fsys fs.FS, h *Hub, diags *diag.List) {
	regions, _ := readList(fsys, DataDir+"/regions.yaml", nil, false, diags)
	for _, e := range regions {
		h.Regions = append(h.Regions, Region{Term: e.term, Extra: e.extra})
	}
	systems, _ := readList(fsys, DataDir+"/systems.yaml", systemFields, false, diags)
	for _, e := range systems {
		h.Systems = append(h.Systems, System{
			Term: e.term, Region: e.fields.String("region"), Formerly: e.fields.List("formerly"),
			Successor: e.fields.String("successor"), RegionPos: e.fields["region"].Key,
			SuccessorPos: e.fields["successor"].Key, Extra: e.extra,
		})
	}
	professions, _ := readList(fsys, DataDir+"/professions.yaml", nil, false, diags)
	for _, e := range professions {
		h.Professions = append(h.Professions, Profession{Term: e.term, Extra: e.extra})
	}
	h.Vocabularies = map[string]*Vocabulary{}
	for _, name := range VocabularyNames {
		path := DataDir + "/" + name + ".yaml"
		entries, found := readList(fsys, path, nil, true, diags)
		// A vocabulary file that is empty or could not be read (and was
		// reported) would make every value an error: keep the built-in one.
		if !found || len(entries) == 0 {
			h.Vocabularies[name] = BuiltinVocabulary(name)
			continue
		}
		v := &Vocabulary{Name: name, Path: path}
		for _, e := range entries {
			v.Terms = append(v.Terms, e.term)
		}
		h.Vocabularies[name] = v
	}
}
