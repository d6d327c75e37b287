package search

import (
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// reader decodes an index's files the way the client does, to check the
// format from the outside.
type reader struct {
	t        *testing.T
	files    map[string][]byte
	manifest struct {
		N, Count, Size, Levels int
		Terms                  [][3]string
		Docs                   []string
		Faculties              []string
		Fields                 []struct {
			Key     string
			Values  [][2]string
			File    string
			Of      string
			Parents []int
		}
	}
}

func read(t *testing.T, files []File) *reader {
	t.Helper()
	r := &reader{t: t, files: map[string][]byte{}}
	for _, f := range files {
		r.files[f.Path] = f.Data
	}
	r.decode(ManifestPath, &r.manifest)
	return r
}

func (r *reader) decode(path string, v any) {
	r.t.Helper()
	data, ok := r.files[path]
	if !ok {
		r.t.Fatalf("no file %s", path)
	}
	if err := json.Unmarshal(data, v); err != nil {
		r.t.Fatalf("%s: %v", path, err)
	}
}

// shardOf returns the number of the term shard that holds key.
func (r *reader) shardOf(key string) int {
	i := 0
	for j, t := range r.manifest.Terms {
		if t[0] <= key {
			i = j
		}
	}
	return i
}

// shard returns the term shard that holds key.
func (r *reader) shard(key string) (words map[string]string, postings map[string]string) {
	i := r.shardOf(key)
	var s struct {
		W string
		P map[string]string
	}
	r.decode("search/"+r.manifest.Terms[i][1]+".json", &s)
	words = map[string]string{}
	for _, e := range strings.Fields(s.W) {
		switch {
		case strings.HasSuffix(e, "!"):
			words[strings.TrimSuffix(e, "!")] = "!"
		case strings.Contains(e, "~"):
			w, n, _ := strings.Cut(e, "~")
			var drop int
			fmt.Sscan(n, &drop)
			rs := []rune(w)
			words[w] = string(rs[:len(rs)-drop])
		default:
			w, stem, _ := strings.Cut(e, "=")
			words[w] = stem
		}
	}
	return words, s.P
}

// stem maps a word as the client does: a listed word to its stem, else
// the word itself when it is a stem.
func (r *reader) stem(word string) string {
	words, postings := r.shard(word)
	if s, ok := words[word]; ok {
		return s
	}
	if _, ok := postings[word]; ok {
		return word
	}
	return ""
}

type posting struct {
	ID    int
	Level int
}

// postings decodes the postings of stem.
func (r *reader) postings(stem string) []posting {
	r.t.Helper()
	_, p := r.shard(stem)
	enc, ok := p[stem]
	if !ok {
		return nil
	}
	var out []posting
	prev, v, shift := -1, 0, 0
	for _, c := range enc {
		d := strings.IndexRune(postingChars, c)
		if d >= 32 {
			v += (d - 32) << shift
			shift += 5
			continue
		}
		v += d << shift
		prev += v/r.manifest.Levels + 1
		out = append(out, posting{prev, v%r.manifest.Levels + 1})
		v, shift = 0, 0
	}
	return out
}

// doc returns the record of document id: title, URL, excerpt, faculty,
// note.
func (r *reader) doc(id int) []string {
	var shard []json.RawMessage
	r.decode("search/"+r.manifest.Docs[id/r.manifest.Size]+".json", &shard)
	return r.record(shard[id%r.manifest.Size])
}

// record decodes a record, its faculty by name.
func (r *reader) record(raw json.RawMessage) []string {
	var rec []any
	json.Unmarshal(raw, &rec)
	if rec == nil {
		return nil
	}
	out := make([]string, 5)
	for i, v := range rec {
		switch v := v.(type) {
		case string:
			out[i] = v
		case float64:
			if v > 0 {
				out[i] = r.manifest.Faculties[int(v)-1]
			}
		}
	}
	return out
}

// tops returns the top records of the term shard that holds key, by
// document number, decoded as doc decodes a document shard's.
func (r *reader) tops(key string) map[int][]string {
	var raw map[string]json.RawMessage
	r.decode("search/"+r.manifest.Terms[r.shardOf(key)][2]+".json", &raw)
	out := map[int][]string{}
	for k, rec := range raw {
		var id int
		fmt.Sscan(k, &id)
		out[id] = r.record(rec)
	}
	return out
}

// values returns document id's values of a facet, as slugs.
func (r *reader) values(key string, id int) []string {
	for _, f := range r.manifest.Fields {
		if f.Key != key {
			continue
		}
		if f.Of != "" {
			var out []string
			for _, parent := range r.values(f.Of, id) {
				for i, v := range r.fieldValues(f.Of) {
					if v == parent && f.Parents[i] >= 0 {
						out = append(out, f.Values[f.Parents[i]][0])
					}
				}
			}
			return out
		}
		var c struct {
			Sets [][]int
			Col  string
		}
		r.decode("search/"+f.File+".json", &c)
		codes := []int{}
		for i := 0; i < len(c.Col); i++ {
			x := strings.IndexByte(columnChars, c.Col[i])
			if x == oneSymbol {
				x = oneSymbol + strings.IndexByte(columnChars, c.Col[i+1])*len(columnChars) + strings.IndexByte(columnChars, c.Col[i+2])
				i += 2
			}
			codes = append(codes, x)
		}
		var out []string
		for _, v := range c.Sets[codes[id]] {
			out = append(out, f.Values[v][0])
		}
		return out
	}
	r.t.Fatalf("no facet %s", key)
	return nil
}

func (r *reader) fieldValues(key string) []string {
	for _, f := range r.manifest.Fields {
		if f.Key == key {
			var out []string
			for _, v := range f.Values {
				out = append(out, v[0])
			}
			return out
		}
	}
	return nil
}

var testFacets = []Facet{
	{Key: "kind", Label: "Type", Values: Kinds},
	{Key: "region", Label: "Region", Values: []Value{{"north", "North"}, {"south", "South"}}, Of: "system",
		Parents: map[string]string{"fell": "north", "downs": "south"}},
	{Key: "system", Label: "System", Values: []Value{{"downs", "Downs"}, {"fell", "Fell"}, {"moor", "Moor"}}},
	{Key: "profession", Label: "Profession", Values: []Value{{"physio", "Physiotherapists"}, {"ot", "Occupational therapists"}, {"slt", "Speech and language therapists"}}},
}

func doc(url, title, excerpt, body string, facets map[string][]string) Document {
	if facets == nil {
		facets = map[string][]string{}
	}
	if facets["kind"] == nil {
		facets["kind"] = []string{"placement"}
	}
	return Document{URL: url, Title: title, Excerpt: excerpt, Body: []byte(body), Kind: facets["kind"][0], Facets: facets}
}

func testCorpus() Corpus {
	return Corpus{Facets: testFacets, Documents: []Document{
		doc("/fell/stroke/", "Stroke rehabilitation ward", "Physiotherapy on a stroke ward.", "You will work on the ward.",
			map[string][]string{"system": {"fell"}, "profession": {"physio", "ot"}}),
		doc("/downs/community/", "Community therapy", "Home visits in the Downs.", "Some people you see have had a stroke. Stroke, stroke, strokes.",
			map[string][]string{"system": {"downs"}, "profession": {"ot"}}),
		doc("/moor/studies/", "Case studies", "What students studied.", "A study of studies.",
			map[string][]string{"kind": {"resource"}, "system": {"moor"}}),
		doc("/about/", "About the hub", "", "The hub is for **everyone** who [studies](x.md) allied health.",
			map[string][]string{"kind": {"page"}}),
	}}
}

func TestIndexFinds(t *testing.T) {
	ix := New(testCorpus(), Options{DocsPerShard: 2, TermShardBytes: 64})
	r := read(t, ix.Files())
	if r.manifest.N != 4 || r.manifest.Count != 4 || len(r.manifest.Docs) != 2 {
		t.Fatalf("manifest %+v", r.manifest)
	}
	if len(r.manifest.Terms) < 3 {
		t.Errorf("%d term shards: the test wants several", len(r.manifest.Terms))
	}
	tests := []struct {
		word string
		stem string
		docs []int
	}{
		{"stroke", "stroke", []int{0, 1}},
		{"strokes", "stroke", []int{0, 1}},
		{"studies", "studi", []int{2, 3}},
		{"study", "studi", []int{2, 3}},
		{"physiotherapy", "physiotherapi", []int{0}},
		{"everyone", "everyon", []int{3}},
		{"the", "!", nil},
		{"x", "", nil},
		{"md", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			stem := r.stem(tt.word)
			if stem != tt.stem {
				t.Fatalf("stem of %q = %q, want %q", tt.word, stem, tt.stem)
			}
			var ids []int
			for _, p := range r.postings(stem) {
				ids = append(ids, p.ID)
			}
			if !slices.Equal(ids, tt.docs) {
				t.Errorf("%q is in documents %v, want %v", tt.word, ids, tt.docs)
			}
		})
	}
}

func TestIndexRanksTitleFirst(t *testing.T) {
	r := read(t, New(testCorpus(), Options{}).Files())
	p := r.postings("stroke")
	if len(p) != 2 || p[0].Level <= p[1].Level {
		t.Errorf("stroke: %v: the page titled Stroke should outrank one saying it four times", p)
	}
	if p[0].Level < 1 || p[0].Level > r.manifest.Levels {
		t.Errorf("level %d out of range", p[0].Level)
	}
}

func TestIndexDocumentsAndFacets(t *testing.T) {
	r := read(t, New(testCorpus(), Options{DocsPerShard: 3}).Files())
	if got := r.doc(0); !slices.Equal(got, []string{"Stroke rehabilitation ward", "/fell/stroke/", "Physiotherapy on a stroke ward.", "", ""}) {
		t.Errorf("doc 0 = %q", got)
	}
	if got := r.doc(3); got[2] != "The hub is for everyone who studies allied health." {
		t.Errorf("a page without a summary gets the start of its text as excerpt: %q", got[2])
	}
	tests := []struct {
		key  string
		id   int
		want []string
	}{
		{"kind", 2, []string{"resource"}},
		{"system", 0, []string{"fell"}},
		{"region", 0, []string{"north"}},
		{"region", 1, []string{"south"}},
		{"region", 2, nil},
		{"profession", 0, []string{"physio", "ot"}},
		{"profession", 3, nil},
	}
	for _, tt := range tests {
		if got := r.values(tt.key, tt.id); !slices.Equal(got, tt.want) {
			t.Errorf("%s of document %d = %q, want %q", tt.key, tt.id, got, tt.want)
		}
	}
}

// TestFacetColumnWideCodes gives a facet more distinct sets than one
// symbol can number.
func TestFacetColumnWideCodes(t *testing.T) {
	var values []Value
	for i := range 12 {
		values = append(values, Value{fmt.Sprint("v", i), fmt.Sprint("V", i)})
	}
	c := Corpus{Facets: []Facet{{Key: "kind", Values: Kinds}, {Key: "theme", Values: values}}}
	want := map[int][]string{}
	for i := range 12 {
		for j := i + 1; j < 12; j++ {
			id := len(c.Documents)
			set := []string{values[i].Slug, values[j].Slug}
			want[id] = set
			c.Documents = append(c.Documents, doc(fmt.Sprint("/d", id, "/"), "t", "", "", map[string][]string{"theme": set}))
		}
	}
	r := read(t, New(c, Options{}).Files())
	for id, set := range want {
		if got := r.values("theme", id); !slices.Equal(got, set) {
			t.Fatalf("theme of %d = %q, want %q", id, got, set)
		}
	}
}

func TestIndexIsDeterministic(t *testing.T) {
	a, b := New(testCorpus(), Options{TermShardBytes: 64}).Files(), New(testCorpus(), Options{TermShardBytes: 64}).Files()
	if !slices.EqualFunc(a, b, func(x, y File) bool { return x.Path == y.Path && string(x.Data) == string(y.Data) }) {
		t.Error("two indexes of the same corpus differ")
	}
}

// TestIndexSameOnOneCore indexes a corpus large enough to be added in
// two halves side by side, and again on one core, where it is added in
// one: the files are the same.
func TestIndexSameOnOneCore(t *testing.T) {
	c := Corpus{Facets: testFacets}
	words := strings.Fields("stroke ward community falls therapy rehabilitation hospice nutrition gait studies")
	for i := range 5000 {
		title := words[i%len(words)] + " " + words[(i/7)%len(words)]
		body := strings.Repeat(words[(i/3)%len(words)]+" ", 1+i%5) + fmt.Sprint("w", i%300)
		c.Documents = append(c.Documents, doc(fmt.Sprint("/p", i, "/"), title, "", body, nil))
	}
	two := New(c, Options{}).Files()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := New(c, Options{}).Files()
	if !slices.EqualFunc(one, two, func(x, y File) bool { return x.Path == y.Path && string(x.Data) == string(y.Data) }) {
		t.Error("the index made in two halves differs from the one made in one")
	}
}

func TestSeparator(t *testing.T) {
	tests := []struct{ prev, k, want string }{
		{"apple", "banana", "b"},
		{"care", "career", "caree"},
		{"ab", "abc", "abc"},
		{"café", "cafés", "cafés"},
		{"cafe", "cafés", "café"},
	}
	for _, tt := range tests {
		if got := separator(tt.prev, tt.k); got != tt.want || !(got > tt.prev && got <= tt.k) {
			t.Errorf("separator(%q, %q) = %q, want %q", tt.prev, tt.k, got, tt.want)
		}
	}
}

func TestUpdateTouchesOnlyItsShards(t *testing.T) {
	c := testCorpus()
	ix := New(c, Options{DocsPerShard: 2, TermShardBytes: 64})
	before := map[string]bool{}
	for _, f := range ix.Files() {
		before[f.Path] = true
	}
	edited := c.Documents[2]
	edited.Title, edited.Body = "Case studies of falls", []byte("A study of falls.")
	written, deleted := ix.Update([]Document{edited, doc("/fell/falls/", "Falls prevention", "", "", map[string][]string{"system": {"fell"}})}, []string{"/about/"})

	after := map[string]bool{}
	for _, f := range ix.Files() {
		after[f.Path] = true
	}
	for _, f := range written {
		if before[f.Path] && f.Path != ManifestPath {
			t.Errorf("%s written again with the same name", f.Path)
		}
	}
	for _, p := range deleted {
		if after[p] {
			t.Errorf("%s deleted but still listed", p)
		}
	}
	kept := 0
	for p := range after {
		if before[p] {
			kept++
		}
	}
	if kept == 0 || len(written) >= len(after) {
		t.Errorf("the update rewrote %d of %d files", len(written), len(after))
	}

	r := read(t, ix.Files())
	if r.manifest.N != 4 || r.manifest.Count != 5 {
		t.Errorf("n=%d count=%d, want 4 pages numbered 0-4", r.manifest.N, r.manifest.Count)
	}
	if r.doc(3) != nil {
		t.Errorf("the removed page is still listed: %q", r.doc(3))
	}
	ids := func(stem string) []int {
		var out []int
		for _, p := range r.postings(stem) {
			out = append(out, p.ID)
		}
		return out
	}
	if got := ids("fall"); !slices.Equal(got, []int{2, 4}) {
		t.Errorf("fall in %v, want the edited and the new page", got)
	}
	if got := ids("studi"); !slices.Equal(got, []int{2}) {
		t.Errorf("studi in %v, want only the edited page", got)
	}
	if got := ids("everyon"); got != nil {
		t.Errorf("everyon in %v after its page was removed", got)
	}
	if got := r.values("system", 4); !slices.Equal(got, []string{"fell"}) {
		t.Errorf("new page's system %v", got)
	}
	// The top records follow: every stem's best documents, with their
	// records as the document shards now have them.
	for _, stem := range []string{"fall", "stroke", "studi", "case", "prevent"} {
		tops := r.tops(stem)
		for _, p := range r.postings(stem) {
			if rec, ok := tops[p.ID]; !ok || !slices.Equal(rec, r.doc(p.ID)) {
				t.Errorf("%s: top record of %d is %q (%v), its document shard says %q", stem, p.ID, rec, ok, r.doc(p.ID))
			}
		}
	}
	if _, ok := r.tops("everyon")[3]; ok {
		t.Error("the removed page is still among the top records")
	}
	// The same content indexed from scratch finds the same pages.
	fresh := read(t, New(Corpus{Facets: testFacets, Documents: []Document{c.Documents[0], c.Documents[1], edited}}, Options{}).Files())
	for _, stem := range []string{"stroke", "studi", "case"} {
		if len(fresh.postings(stem)) != len(r.postings(stem)) {
			t.Errorf("%s: updated index has %v, fresh one %v", stem, r.postings(stem), fresh.postings(stem))
		}
	}
}

// TestTopRecords checks that a term shard's top records hold, for each of
// its stems, the first page a query of that stem alone shows, with the
// records the document shards hold.
func TestTopRecords(t *testing.T) {
	c := Corpus{Facets: testFacets}
	for i := range 40 {
		title, excerpt, body := fmt.Sprint("Placement ", i), "", "A ward."
		switch i % 4 {
		case 0:
			title += " stroke unit"
		case 1:
			excerpt = "Stroke care."
		case 2:
			body = "Stroke, stroke and stroke again."
		}
		c.Documents = append(c.Documents, doc(fmt.Sprint("/p", i, "/"), title, excerpt, body, nil))
	}
	r := read(t, New(c, Options{DocsPerShard: 8, TermShardBytes: 64}).Files())
	for _, stem := range []string{"stroke", "ward", "placement", "unit", "care"} {
		p := r.postings(stem)
		if len(p) == 0 {
			t.Fatalf("no postings for %s", stem)
		}
		// A query of the stem alone ranks by level, then by number.
		slices.SortStableFunc(p, func(a, b posting) int { return b.Level - a.Level })
		tops := r.tops(stem)
		for i, q := range p {
			rec, ok := tops[q.ID]
			if i < topDocs && !ok {
				t.Errorf("%s: document %d, ranked %d, is not in the top records", stem, q.ID, i+1)
			}
			if ok && !slices.Equal(rec, r.doc(q.ID)) {
				t.Errorf("%s: top record of %d is %q, its document shard says %q", stem, q.ID, rec, r.doc(q.ID))
			}
		}
	}
	// "stroke" is in 30 pages: the ten that have it in their title
	// lead.
	p := r.postings("stroke")
	slices.SortStableFunc(p, func(a, b posting) int { return b.Level - a.Level })
	for _, q := range p[:topDocs] {
		if q.ID%4 != 0 {
			t.Errorf("stroke's first page has document %d, which does not have it in its title", q.ID)
		}
	}
}

// TestUpdateRenumbersFaculties adds a page of a new faculty that sorts
// first: every record names its faculty by its place in the list, so
// the top records of shards the page does not touch are written again.
func TestUpdateRenumbersFaculties(t *testing.T) {
	c := testCorpus()
	c.Documents[0].Faculty = "Moor faculty"
	ix := New(c, Options{DocsPerShard: 2, TermShardBytes: 64})
	added := doc("/aardvark/", "Aardvark visits", "", "", nil)
	added.Faculty = "Aardvark faculty"
	ix.Update([]Document{added}, nil)
	r := read(t, ix.Files())
	if got := r.doc(0)[3]; got != "Moor faculty" {
		t.Fatalf("document 0's faculty = %q", got)
	}
	if rec := r.tops("stroke")[0]; !slices.Equal(rec, r.doc(0)) {
		t.Errorf("stroke's top record of document 0 is %q, its document shard says %q", rec, r.doc(0))
	}
}
