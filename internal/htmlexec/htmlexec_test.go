package htmlexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

type entry struct {
	Title   string
	Slug    Slug
	Count   int
	Small   uint8
	Tags    []string
	Body    template.HTML
	Link    template.URL
	Script  template.JS
	Any     any
	Ptr     *entry
	Kids    []*entry
	Meta    map[string]string
	Byslug  map[Slug]int
	Scores  map[int8]float64
	Closed  bool
	Score   float64
	private string
	Inner
}

// Inner is embedded, so its fields are promoted.
type Inner struct{ Note string }

type Slug string

func (e entry) Upper() string            { return strings.ToUpper(e.Title) }
func (e *entry) Named(p string) string   { return p + ":" + e.Title }
func (e *entry) Fail() (string, error)   { return "", errors.New("failed") }
func (e *entry) Twice(n int) int         { return 2 * n }
func (e *entry) Join(s ...string) string { return strings.Join(s, "+") }
func (s Slug) String() string            { return "slug " + string(s) }

func sample() *entry {
	kid := &entry{Title: "Kid <one>", Count: 1}
	return &entry{
		Title: `Stroke & "rehab" <b>`, Slug: "stroke", Count: 3, Small: 3,
		Tags: []string{"a", "b&c", "<d>"}, Body: "<p>Hi & bye</p>",
		Link: "javascript:alert(1)", Script: `{"a":1}`, Any: "any <x>",
		Kids: []*entry{kid, {Title: "Kid two", Closed: true}}, Ptr: kid,
		Meta: map[string]string{"k": "v<", "z": "last", "a": "first"}, Byslug: map[Slug]int{"x": 1, "b": 2}, Scores: map[int8]float64{3: 1, -2: 2, 10: 3},
		Score: 2.5, Inner: Inner{Note: "inner"},
	}
}

var testFuncs = template.FuncMap{
	"rel":     func(p string) string { return "/base" + p },
	"has":     strings.HasPrefix,
	"isLong":  func(s string) bool { return len(s) > 5 },
	"cat":     func(a, b string) string { return a + b },
	"plural":  func(n int, w string) string { return fmt.Sprint(n, " ", w) },
	"add":     func(a, b int) int { return a + b },
	"safe":    func(s string) template.HTML { return template.HTML(s) },
	"url":     func(s string) template.URL { return template.URL(s) },
	"vars":    func(s string, rest ...any) string { return fmt.Sprint(s, rest) },
	"fail":    func() (string, error) { return "", errors.New("fail") },
	"none":    func() string { return "<none>" },
	"boom":    func(s string) string { panic("boom") },
	"anyOf":   func(v any) string { return fmt.Sprintf("%T", v) },
	"ptrArg":  func(e *entry) string { return e.Title },
	"valArg":  func(e entry) string { return e.Title },
	"slugArg": func(s Slug) string { return string(s) },
}

// same executes src on data with html/template and with a Set, twice (the
// first execution of a Set is html/template's), and fails unless the
// outputs and the errors agree. compiled says whether the second must
// have been compiled and run without falling back.
func same(t *testing.T, src string, data any, compiled bool) {
	t.Helper()
	parse := func() *template.Template {
		return template.Must(template.New("page").Funcs(testFuncs).Parse(src))
	}
	var want bytes.Buffer
	wantErr := parse().ExecuteTemplate(&want, "page", data)
	set := New(parse(), testFuncs)
	for i := range 2 {
		var got bytes.Buffer
		err := set.Execute(&got, "page", data)
		if (err != nil) != (wantErr != nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Fatalf("execution %d of %s: error %v, html/template's %v", i, src, err, wantErr)
		}
		if got.String() != want.String() {
			t.Fatalf("execution %d of %s:\n got %q\nwant %q", i, src, got.String(), want.String())
		}
	}
	if compiled && (!set.Compiled("page") || set.Fallbacks() != 0) {
		t.Fatalf("%s: compiled %v, fallbacks %d; want it compiled and run", src, set.Compiled("page"), set.Fallbacks())
	}
}

func TestSameAsHTMLTemplate(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		compiled  bool
	}{
		{"text", `<p>plain</p>`, true},
		{"fields", `<h1>{{.Title}}</h1><p title="{{.Title}}">{{.Count}} {{.Score}} {{.Closed}}</p>`, true},
		{"nested and promoted", `{{.Ptr.Title}} {{.Note}} {{.Inner.Note}}`, true},
		{"named string", `{{.Slug}}|<a href="/{{.Slug}}">x</a>`, true},
		{"missing key in map", `[{{.Meta.k}}][{{.Meta.nope}}]`, true},
		{"map with named keys", `{{.Byslug}}`, true},
		{"missing chain", `[{{.Meta.nope.Deeper}}]{{with .Ptr}}{{.Ptr}}{{end}}`, true},
		{"methods", `{{.Upper}} {{.Named "x"}} {{.Twice 4}} {{.Join "a" "b"}} {{.Ptr.Upper}}`, true},
		{"method error", `{{.Fail}}`, false},
		{"unknown field", `{{.Nope}}`, false},
		{"unexported field", `{{.private}}`, false},
		{"args to a field", `{{.Title "x"}}`, false},
		{"nil pointer", `{{.Ptr.Ptr.Title}}`, false},
		{"if else", `{{if .Closed}}closed{{else if .Count}}{{.Count}} open{{else}}none{{end}}`, true},
		{"with", `{{with .Ptr}}{{.Title}}{{end}}{{with .Tags}}{{len .}}{{else}}none{{end}}{{with .Any}}{{.}}{{end}}`, true},
		{"with else with", `{{with .Meta.nope}}x{{else with .Meta.k}}{{.}}{{end}}`, true},
		{"range", `<ul>{{range .Tags}}<li>{{.}}</li>{{else}}none{{end}}</ul>`, true},
		{"range vars", `{{range $i, $t := .Tags}}{{$i}}={{$t}};{{end}}{{range $k := .Kids}}{{$k.Title}}{{end}}`, true},
		{"range assign", `{{$x := "start"}}{{range $x = .Tags}}{{end}}{{$x}}`, true},
		{"range empty", `{{range .Meta.nope}}x{{else}}empty{{end}}`, true},
		{"range int", `{{range .Count}}{{.}},{{end}}`, true},
		{"range map", `{{range $k, $v := .Meta}}{{$k}}={{$v}};{{end}}{{range .Byslug}}{{.}}{{end}}{{range $k, $v := .Scores}}{{$k}}:{{$v}}{{end}}`, true},
		{"break continue", `{{range .Kids}}{{if .Closed}}{{break}}{{end}}{{.Title}}{{end}}|{{range .Tags}}{{if eq . "a"}}{{continue}}{{end}}{{.}}{{end}}`, true},
		{"variables", `{{$t := .Title}}{{$n := 1}}{{with .Ptr}}{{$t}}{{$n = 2}}{{end}}{{$n}}{{$.Count}}`, true},
		{"else scope", `{{$x := "outer"}}{{if .Closed}}{{$x := "inner"}}{{$x}}{{else}}{{$x}}{{end}}`, true},
		{"templates", `{{define "row"}}<td>{{.}}</td>{{end}}{{range .Tags}}{{template "row" .}}{{end}}{{template "row"}}{{block "b" .Count}}[{{.}}]{{end}}`, true},
		{"recursion", `{{define "tree"}}{{.Title}}({{range .Kids}}{{template "tree" .}}{{end}}){{end}}{{template "tree" .}}`, true},
		{"and or", `{{and .Count .Title}} {{or .Meta.nope "dflt"}} {{and .Closed .Nope}} {{or 0 ""}} {{if and .Tags (gt (len .Tags) 2)}}many{{end}}`, true},
		{"not", `{{not .Closed}} {{not .Tags}} {{not .Meta.nope}}`, true},
		{"comparisons", `{{eq .Count 3}} {{eq .Title "x" "y"}} {{ne .Slug "stroke"}} {{lt .Count 4}} {{le .Count 3}} {{gt .Score 2.0}} {{ge .Count 5}} {{eq .Small 3}} {{lt .Count .Small}}`, true},
		{"comparisons at equality", `{{lt .Count 3}} {{le .Count 3}} {{gt .Count 3}} {{ge .Count 3}} {{lt .Title .Title}} {{le .Score 2.5}} {{gt .Small .Count}} {{ge .Count .Small}} {{lt 2 .Small}}`, true},
		{"comparison of unlike kinds", `{{eq .Count "3"}}`, false},
		{"comparison with nil", `{{eq .Meta.nope "x"}} {{eq .Any nil}}`, false},
		{"len", `{{len .Tags}} {{len .Title}} {{len .Meta}}`, true},
		{"len of a number", `{{len .Count}}`, false},
		{"slice", `{{slice .Tags 1}} {{slice .Title 0 5}} {{range slice .Tags 0 2}}{{.}}{{end}}`, true},
		{"slice out of range", `{{slice .Tags 5}}`, false},
		{"printf", `{{printf "%s/%d/%v" .Title .Count .Tags}} {{.Count | printf "%03d"}} {{printf "%v" nil}}`, true},
		{"pipelines", `{{.Title | rel | cat "x"}} {{"/a" | rel}} {{.Count | add 1}}`, true},
		{"functions", `{{rel "/p/"}} {{has .Title "Str"}} {{isLong .Title}} {{plural .Count "page"}} {{add 2 3}} {{vars "a" 1 .Count}} {{none}} {{vars "only"}} {{"piped" | vars}}`, true},
		{"function on a named string", `{{slugArg .Slug}} {{rel .Any}}`, true},
		{"function by pointer", `{{ptrArg .}} {{valArg .}}`, true},
		{"function error", `{{fail}}`, false},
		{"function panic", `{{boom "x"}}`, false},
		{"function of any", `{{anyOf .Count}} {{anyOf nil}} {{anyOf .Meta.nope}} {{anyOf 1.5}}`, true},
		{"wrong argument type", `{{rel .Count}}`, false},
		{"parenthesized", `{{(rel "/x")}} {{(.Ptr).Title}} {{len (slice .Tags 1)}}`, true},
		{"content", `{{.Body}}<p title="{{.Body}}">{{safe "<i>x</i>"}}</p><a href="{{.Link}}">l</a><a href="{{url "javascript:x"}}">u</a>`, true},
		{"urls", `<a href="{{.Title}}">a</a><a href="/x/{{.Title}}?q={{.Title}}">b</a><a href="{{rel "/a b/%41"}}">c</a><a href={{.Title}}>d</a><a href="javascript:{{.Title}}">e</a>`, true},
		{"script", `<script>var x = {{.Title}}; var y = {{.Script}}; var z = "{{.Title}}";</script><script type="application/ld+json">{{.Script}}</script>`, true},
		{"style", `<p style="color: {{.Title}}">x</p><style>p { color: {{.Slug}} }</style>`, true},
		{"rcdata", `<title>{{.Title}} {{.Body}}</title><textarea>{{.Title}}</textarea>`, true},
		{"attribute forms", `<p title='{{.Title}}' data-x={{.Title}} class="{{.Tags}}">x</p>`, true},
		{"non-strings escaped", `{{.Count}} {{.Tags}} {{.Kids}} {{.Meta}} {{.Any}} {{.Slug}}`, true},
		{"nil values escaped", `[{{.Meta.nope}}][{{.Ptr.Any}}]<a title="{{.Any}}">x</a>`, true},
	} {
		t.Run(tc.name, func(t *testing.T) { same(t, tc.src, sample(), tc.compiled) })
	}
}

// TestNilData executes templates on nil data, which text/template
// treats as an invalid value.
func TestNilData(t *testing.T) {
	same(t, `<p>{{.}}</p>{{with .}}x{{else}}nothing{{end}}{{.Title}}`, nil, true)
}

// TestEscapersMatchHTMLTemplate holds each plain-string escaper to the
// chain html/template applies in the context an oracle was made for,
// over random strings and the characters each one treats specially.
func TestEscapersMatchHTMLTemplate(t *testing.T) {
	special := []string{"", "a", "<>&'\"+\x00", "javascript:alert(1)", "JavaScript:x", "mailto:a@b", "HTTPS://x", "/a:b", "a/b:c",
		"%41%zz%4", "a b\tc\n", "é ü \uFFFD \xff\xfe", "!#$&*+,/:;=?@[]", "-._~", "\u00a0\u2028", "x:", ":x"}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aZ09 <>&'\"+%:/?#=@!$*,;[]()-._~\x00\téü\u2028\uFFFD")
	for range 2000 {
		n := rng.IntN(12)
		var b strings.Builder
		for range n {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		special = append(special, b.String())
	}
	tested := 0
	for key, o := range oracles() {
		c, err := newChain(strings.Split(key, " "))
		if err != nil {
			t.Fatal(err)
		}
		if c.plain == nil {
			continue
		}
		tested++
		for _, s := range special {
			var want bytes.Buffer
			if err := o.write(&want, reflect.ValueOf(s)); err != nil {
				t.Fatalf("%s: oracle failed on %q", key, s)
			}
			if got := c.plain(s); got != want.String() {
				t.Errorf("%s(%q) = %q, html/template gives %q", key, s, got, want.String())
			}
		}
	}
	if tested < 5 {
		t.Errorf("only %d escaper chains have plain equivalents; want the HTML, attribute, RCDATA and URL chains", tested)
	}
}

// TestIdentities holds the content types a chain writes as they are to
// html/template.
func TestIdentities(t *testing.T) {
	for key, o := range oracles() {
		c, _ := newChain(strings.Split(key, " "))
		if c.identity == nil {
			continue
		}
		for _, s := range []string{"", "<p>x & y</p>", `{"a":"<\/script>"}`, "javascript:x"} {
			v := reflect.New(c.identity).Elem()
			v.SetString(s)
			var want bytes.Buffer
			if err := o.write(&want, v); err != nil {
				t.Fatal(err)
			}
			if want.String() != s {
				t.Errorf("%s writes %s %q as %q, not as it is", key, c.identity, s, want.String())
			}
		}
	}
}

// TestUnsupportedLeftToHTMLTemplate: a template the compiler does not
// handle still executes, by html/template.
func TestUnsupportedLeftToHTMLTemplate(t *testing.T) {
	same(t, `{{index .Tags 1}} {{print .Count}} {{urlquery .Title}}`, sample(), false)
}

// TestBailingProgramDropped: a compiled template that leaves most of its
// executions to html/template is dropped rather than run twice each time.
func TestBailingProgramDropped(t *testing.T) {
	set := New(template.Must(template.New("p").Parse(`{{range .}}{{.}}{{end}}`)), nil)
	ch := func() chan int { c := make(chan int, 1); c <- 1; close(c); return c }
	for range 40 {
		var b bytes.Buffer
		if err := set.Execute(&b, "p", ch()); err != nil || b.String() != "1" {
			t.Fatalf("got %q, %v", b.String(), err)
		}
	}
	if set.Compiled("p") || set.Fallbacks() > 20 {
		t.Errorf("compiled %v after %d fallbacks; want it dropped after about 17", set.Compiled("p"), set.Fallbacks())
	}
}

func TestWriterNotBuffer(t *testing.T) {
	set := New(template.Must(template.New("p").Parse(`<b>{{.}}</b>`)), nil)
	for range 2 {
		var sb strings.Builder
		if err := set.Execute(&sb, "p", "a<b"); err != nil || sb.String() != "<b>a&lt;b</b>" {
			t.Fatalf("got %q, %v", sb.String(), err)
		}
	}
	if !set.Compiled("p") {
		t.Fatal("not compiled")
	}
}
