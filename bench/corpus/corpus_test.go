package corpus

import (
	"bytes"
	"image/png"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// readTree returns every file under dir by slash-separated relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func writeCorpus(t *testing.T, opts Options) (map[string][]byte, Stats) {
	t.Helper()
	dir := t.TempDir()
	stats, err := Write(dir, opts)
	if err != nil {
		t.Fatalf("Write(%+v): %v", opts, err)
	}
	return readTree(t, dir), stats
}

var cases = []struct {
	name string
	opts Options
	want Stats
}{
	{"tiny unseen", Options{Scale: ScaleTiny, Seed: 1, Variant: VariantUnseen},
		Stats{Faculties: 2, Partners: 4, Stories: 4, Resources: 4, Placements: 8,
			NationalStories: 1, NationalResources: 2, Pages: 7, Data: 5}},
	{"tiny shipped", Options{Scale: ScaleTiny, Seed: 7, Variant: VariantShipped},
		Stats{Faculties: 2, Partners: 4, Stories: 4, Resources: 4, Placements: 8,
			NationalStories: 1, NationalResources: 2, Pages: 7, Data: 3}},
	{"small unseen", Options{Scale: ScaleSmall, Seed: 1, Variant: VariantUnseen},
		Stats{Faculties: 5, Partners: 20, Stories: 25, Resources: 30, Placements: 100,
			NationalStories: 4, NationalResources: 6, Pages: 7, Data: 5}},
	{"small shipped", Options{Scale: ScaleSmall, Seed: 2, Variant: VariantShipped},
		Stats{Faculties: 5, Partners: 20, Stories: 25, Resources: 30, Placements: 100,
			NationalStories: 4, NationalResources: 6, Pages: 7, Data: 3}},
}

// kindOf classifies a written file by its path, as the content contract
// does.
func kindOf(p string) string {
	parts := strings.Split(p, "/")
	switch {
	case p == "site.yaml":
		return "config"
	case strings.HasPrefix(p, "content/_data/"):
		return "data"
	case strings.HasSuffix(p, ".png"):
		return "image"
	case strings.HasSuffix(p, ".pdf"):
		return "document"
	case len(parts) == 4 && parts[1] == "faculties" && parts[3] == "_index.md":
		return "faculty"
	case len(parts) == 5 && parts[1] == "faculties":
		return parts[3]
	case len(parts) == 3 && (parts[1] == "stories" || parts[1] == "resources"):
		return "national " + parts[1]
	}
	return "page"
}

// TestWrite writes each case twice and checks that the trees are
// byte-identical and follow the content contract.
func TestWrite(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			first, stats := writeCorpus(t, tc.opts)
			second, _ := writeCorpus(t, tc.opts)
			if len(first) != len(second) {
				t.Fatalf("second run wrote %d files, first %d", len(second), len(first))
			}
			for p, data := range first {
				if !bytes.Equal(data, second[p]) {
					t.Errorf("%s differs between two runs", p)
				}
			}
			checkCounts(t, first, stats, tc.want)
			checkReferences(t, first)
			checkLinksAndImages(t, first)
			checkDates(t, first, tc.opts.Scale != ScaleTiny)
			checkLengths(t, first)
		})
	}
}

// checkCounts compares the files of each kind with want and with Stats.
func checkCounts(t *testing.T, files map[string][]byte, stats, want Stats) {
	t.Helper()
	kinds := map[string]int{}
	for p := range files {
		kinds[kindOf(p)]++
	}
	got := Stats{
		Faculties: kinds["faculty"], Partners: kinds["partners"], Stories: kinds["stories"],
		Resources: kinds["resources"], Placements: kinds["placements"],
		NationalStories: kinds["national stories"], NationalResources: kinds["national resources"],
		Pages: kinds["page"], Data: kinds["data"],
	}
	if got != want {
		t.Errorf("files by kind = %+v, want %+v", got, want)
	}
	want.Images, want.Documents = kinds["image"], kinds["document"]
	want.Files, want.Bytes = len(files), stats.Bytes
	if stats != want {
		t.Errorf("Stats = %+v, want %+v", stats, want)
	}
}

func TestSeedsAndVariantsDiffer(t *testing.T) {
	a, _ := writeCorpus(t, Options{Scale: ScaleTiny, Seed: 1})
	b, _ := writeCorpus(t, Options{Scale: ScaleTiny, Seed: 2})
	if bytes.Equal(a["content/_data/systems.yaml"], b["content/_data/systems.yaml"]) {
		t.Error("seeds 1 and 2 invented the same systems")
	}
}

func TestUnseenNamesAreNotEngland(t *testing.T) {
	files, _ := writeCorpus(t, Options{Scale: ScaleTiny, Seed: 3})
	shipped := map[string][]string{
		"regions":     slugsOf(shippedRegions),
		"professions": nil,
		"systems":     nil,
		"setting":     slugsOf(builtinSettings),
		"themes":      slugsOf(builtinThemes),
	}
	for _, p := range shippedProfessions {
		shipped["professions"] = append(shipped["professions"], p.Slug)
	}
	for _, s := range shippedSystems {
		shipped["systems"] = append(shipped["systems"], s.Slug)
	}
	for name, real := range shipped {
		slugs := dataSlugs(t, files, name)
		if len(slugs) == 0 {
			t.Errorf("%s.yaml lists nothing", name)
		}
		for _, s := range slugs {
			if slices.Contains(real, s) {
				t.Errorf("%s.yaml has England's slug %q", name, s)
			}
		}
	}
	if n := len(dataSlugs(t, files, "systems")); n != 42 {
		t.Errorf("systems.yaml has %d systems, want 42", n)
	}
	if n := len(dataSlugs(t, files, "setting")); n < 8 || n > 12 {
		t.Errorf("setting.yaml has %d settings, want 8 to 12", n)
	}
}

// dataSlugs returns the slugs of content/_data/<name>.yaml.
func dataSlugs(t *testing.T, files map[string][]byte, name string) []string {
	t.Helper()
	var out []string
	for _, line := range strings.Split(string(files["content/_data/"+name+".yaml"]), "\n") {
		if s, ok := strings.CutPrefix(line, "- slug: "); ok {
			out = append(out, s)
		}
	}
	return out
}

// dataField returns, for each entry of a _data file, the value of key.
func dataField(files map[string][]byte, name, key string) map[string]string {
	out := map[string]string{}
	slug := ""
	for _, line := range strings.Split(string(files["content/_data/"+name+".yaml"]), "\n") {
		if s, ok := strings.CutPrefix(line, "- slug: "); ok {
			slug = s
		} else if v, ok := strings.CutPrefix(line, "  "+key+": "); ok {
			out[slug] = v
		}
	}
	return out
}

// vocabularies returns the allowed values of every vocabulary and
// reference list of a written corpus.
func vocabularies(t *testing.T, files map[string][]byte) map[string][]string {
	t.Helper()
	v := map[string][]string{
		"sector": slugsOf(builtinSectors), "setting": slugsOf(builtinSettings),
		"model": builtinModels, "format": builtinFormats, "themes": slugsOf(builtinThemes),
		"route": builtinRoutes, "support": builtinSupport, "audience": builtinAudiences,
	}
	for _, name := range []string{"regions", "systems", "professions", "setting", "themes"} {
		if _, ok := files["content/_data/"+name+".yaml"]; ok {
			v[name] = dataSlugs(t, files, name)
		}
	}
	return v
}

// fieldVocabulary says which vocabulary each front-matter key's values
// come from.
var fieldVocabulary = map[string]string{
	"professions": "professions", "themes": "themes", "priorities": "themes", "sector": "sector",
	"setting": "setting", "model": "model", "format": "format", "route": "route",
	"support": "support", "audience": "audience", "system": "systems",
}

// checkReferences checks that every slug a page or a system names exists.
func checkReferences(t *testing.T, files map[string][]byte) {
	t.Helper()
	vocab := vocabularies(t, files)
	for slug, region := range dataField(files, "systems", "region") {
		if !slices.Contains(vocab["regions"], region) {
			t.Errorf("system %s: unknown region %q", slug, region)
		}
	}
	successors := dataField(files, "systems", "successor")
	if len(successors) < 2 {
		t.Errorf("%d systems have a successor, want a couple", len(successors))
	}
	for slug, s := range successors {
		if !slices.Contains(vocab["systems"], s) || s == slug {
			t.Errorf("system %s: bad successor %q", slug, s)
		}
	}
	for p, data := range files {
		if !strings.HasSuffix(p, ".md") {
			continue
		}
		fm, _ := parsePage(t, p, data)
		for key, values := range fm {
			name, ok := fieldVocabulary[key]
			if !ok {
				continue
			}
			for _, v := range values {
				if !slices.Contains(vocab[name], v) {
					t.Errorf("%s: %s %q is not in %s", p, key, v, name)
				}
			}
		}
		if kindOf(p) == "faculty" && !slices.Contains(vocab["systems"], strings.Split(p, "/")[2]) {
			t.Errorf("%s: folder is not a system", p)
		}
		if kindOf(p) != "placements" {
			continue
		}
		if len(fm["host"]) != 1 {
			t.Fatalf("%s: host = %q", p, fm["host"])
		}
		host := path.Join(path.Dir(p), "../partners", fm["host"][0]+".md")
		if _, ok := files[host]; !ok {
			t.Errorf("%s: host %q is not a partner of its faculty", p, fm["host"][0])
		}
		if n := len(fm["professions"]); n < 1 || n > 3 {
			t.Errorf("%s: %d professions, want 1 to 3", p, n)
		}
	}
}

// checkDates checks that dates are valid, reviewed dates fresh and, if
// ratio is set, that about one placement in ten has closed.
func checkDates(t *testing.T, files map[string][]byte, ratio bool) {
	t.Helper()
	now := today()
	closed, placements := 0, 0
	for p, data := range files {
		if !strings.HasSuffix(p, ".md") {
			continue
		}
		fm, _ := parsePage(t, p, data)
		for _, key := range []string{"date", "reviewed", "established", "starts", "closes"} {
			for _, v := range fm[key] {
				d, err := time.Parse(time.DateOnly, v)
				if err != nil {
					t.Errorf("%s: %s %q is not a date", p, key, v)
					continue
				}
				if key == "reviewed" && (d.After(now) || d.Before(now.AddDate(-1, 0, 0))) {
					t.Errorf("%s: reviewed %s is not within the 12 months before %s", p, v, Today)
				}
				if key == "closes" && d.Before(now) {
					closed++
				}
			}
		}
		if kindOf(p) == "placements" {
			placements++
		}
	}
	if ratio && (closed == 0 || closed > placements/4) {
		t.Errorf("%d of %d placements have closed, want about one in ten", closed, placements)
	}
}

var (
	linkPattern  = regexp.MustCompile(`(!?)\[([^\]]*)\]\(([^)\s]+)\)`)
	imagePattern = regexp.MustCompile(`!\[([^\]]*)\]`)
	notInID      = regexp.MustCompile(`[^\p{L}\p{N} _-]`)
)

// checkLinksAndImages checks that relative links and images name files
// and headings that exist, that every image has alt text and that bodies
// hold no raw HTML.
func checkLinksAndImages(t *testing.T, files map[string][]byte) {
	t.Helper()
	relative, anchored := 0, 0
	for p, data := range files {
		if !strings.HasSuffix(p, ".md") {
			continue
		}
		fm, body := parsePage(t, p, data)
		if strings.Contains(body, "<") || strings.Contains(body, "javascript:") {
			t.Errorf("%s: body has raw HTML or an unsafe link", p)
		}
		for _, m := range imagePattern.FindAllStringSubmatch(body, -1) {
			if strings.TrimSpace(m[1]) == "" {
				t.Errorf("%s: image without alt text", p)
			}
		}
		if src := fm["image.src"]; len(src) == 1 {
			checkPNG(t, files, path.Join(path.Dir(p), src[0]))
			if len(fm["image.alt"]) != 1 || fm["image.alt"][0] == "" {
				t.Errorf("%s: image without alt text", p)
			}
		}
		if l := fm["link"]; len(l) == 1 && !strings.HasPrefix(l[0], "https://") {
			if _, ok := files[path.Join(path.Dir(p), l[0])]; !ok {
				t.Errorf("%s: link %q is not a file beside it", p, l[0])
			}
		}
		ids := map[string]bool{}
		for _, h := range headings(body) {
			if ids[githubID(h)] {
				t.Errorf("%s: two headings have the ID %q", p, githubID(h))
			}
			ids[githubID(h)] = true
		}
		for _, m := range linkPattern.FindAllStringSubmatch(body, -1) {
			if isRelative(m[3]) {
				relative++
				if strings.Contains(m[3], "#") {
					anchored++
				}
			}
			checkLink(t, files, p, m[3])
		}
	}
	if relative == 0 || anchored == 0 {
		t.Errorf("%d relative links, %d with an anchor; want some of both", relative, anchored)
	}
}

func isRelative(target string) bool { return !strings.Contains(target, ":") }

// headings returns the text of a body's ATX headings.
func headings(body string) []string {
	var out []string
	for _, line := range strings.Split(body, "\n") {
		if h, ok := strings.CutPrefix(strings.TrimLeft(line, "#"), " "); ok && strings.HasPrefix(line, "#") {
			out = append(out, h)
		}
	}
	return out
}

// checkLink reports a relative link of page p that names no file, or an
// anchor that names no heading of its target.
func checkLink(t *testing.T, files map[string][]byte, p, target string) {
	t.Helper()
	if strings.HasPrefix(target, "https://example.org/") || strings.HasPrefix(target, "mailto:") {
		return
	}
	if !isRelative(target) {
		t.Errorf("%s: link %q is neither relative nor to example.org", p, target)
		return
	}
	file, frag, _ := strings.Cut(target, "#")
	dest := path.Join(path.Dir(p), file)
	data, ok := files[dest]
	if !ok {
		t.Errorf("%s: link %q: no file %s", p, target, dest)
		return
	}
	if frag == "" {
		return
	}
	_, body := parsePage(t, dest, data)
	for _, h := range headings(body) {
		if githubID(h) == frag {
			return
		}
	}
	t.Errorf("%s: link %q: no heading #%s in %s", p, target, frag, dest)
}

// checkPNG checks that p is a PNG that decodes.
func checkPNG(t *testing.T, files map[string][]byte, p string) {
	t.Helper()
	data, ok := files[p]
	if !ok {
		t.Errorf("image %s is missing", p)
		return
	}
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		t.Errorf("image %s: %v", p, err)
	}
}

// githubID is GitHub's heading ID, written independently of anchor.
func githubID(h string) string {
	h = strings.ToLower(h)
	h = notInID.ReplaceAllString(h, "")
	return strings.ReplaceAll(h, " ", "-")
}

func TestAnchor(t *testing.T) {
	for _, tc := range []struct{ heading, want string }{
		{"How to apply", "how-to-apply"},
		{"Getting here, parking and access", "getting-here-parking-and-access"},
		{"Who it's for", "who-its-for"},
		{"Year 2 or 3", "year-2-or-3"},
	} {
		if got := anchor(tc.heading); got != tc.want || githubID(tc.heading) != tc.want {
			t.Errorf("anchor(%q) = %q, want %q", tc.heading, got, tc.want)
		}
	}
}

// checkLengths checks that entries have bodies of a realistic length.
func checkLengths(t *testing.T, files map[string][]byte) {
	t.Helper()
	for p, data := range files {
		if !strings.HasSuffix(p, ".md") || kindOf(p) == "page" {
			continue
		}
		_, body := parsePage(t, p, data)
		if n := len(strings.Fields(body)); n < 150 || n > 750 {
			t.Errorf("%s: body has %d words, want about 200 to 600", p, n)
		}
	}
}

// parsePage splits a page into its front matter, as key → values (nested
// keys as "parent.key"), and its body. It reads the YAML subset the
// generator writes.
func parsePage(t *testing.T, p string, data []byte) (map[string][]string, string) {
	t.Helper()
	text, ok := strings.CutPrefix(string(data), "---\n")
	fmText, body, ok2 := strings.Cut(text, "\n---\n")
	if !ok || !ok2 {
		t.Fatalf("%s: no front matter", p)
	}
	fm := map[string][]string{}
	parent := ""
	for _, line := range strings.Split(fmText, "\n") {
		switch {
		case strings.HasPrefix(line, "  - "):
			fm[parent] = append(fm[parent], scalar(t, p, line[4:]))
		case strings.HasPrefix(line, "  "):
			k, v, _ := strings.Cut(strings.TrimSpace(line), ": ")
			fm[parent+"."+k] = []string{scalar(t, p, v)}
		default:
			k, v, _ := strings.Cut(line, ":")
			parent, v = k, strings.TrimSpace(v)
			switch {
			case v == "":
			case strings.HasPrefix(v, "["):
				for _, item := range splitFlow(strings.Trim(v, "[]")) {
					fm[k] = append(fm[k], scalar(t, p, item))
				}
			case strings.HasPrefix(v, "{"):
				for _, pair := range splitFlow(strings.Trim(v, "{}")) {
					pk, pv, _ := strings.Cut(pair, ": ")
					fm[k+"."+pk] = []string{scalar(t, p, pv)}
				}
			default:
				fm[k] = []string{scalar(t, p, v)}
			}
		}
	}
	return fm, body
}

// splitFlow splits the items of a flow list or mapping at the commas
// outside double quotes.
func splitFlow(s string) []string {
	var out []string
	start, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && quoted:
			i++
		case s[i] == '"':
			quoted = !quoted
		case s[i] == ',' && !quoted:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

func scalar(t *testing.T, p, v string) string {
	if strings.HasPrefix(v, `"`) {
		s, err := strconv.Unquote(v)
		if err != nil {
			t.Errorf("%s: bad quoted string %s", p, v)
		}
		return s
	}
	return v
}
