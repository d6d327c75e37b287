package feeds

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPlacementsJSONGolden(t *testing.T) {
	out := render(t, func(b *bytes.Buffer) error { return PlacementsJSON(b, generated, samplePlacements()) })
	golden(t, "placements.json", out)
}

func TestPlacementsJSONRoundTrip(t *testing.T) {
	in := samplePlacements()
	out := render(t, func(b *bytes.Buffer) error { return PlacementsJSON(b, generated, in) })
	if bytes.Contains(out, []byte("<script>")) {
		t.Errorf("placements.json carries %s unescaped", hostile)
	}
	var got struct {
		Generated  string            `json:"generated"`
		Count      int               `json:"count"`
		Placements []PlacementRecord `json:"placements"`
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if got.Generated != "2026-01-15" || got.Count != len(in) {
		t.Errorf("generated, count = %q, %d", got.Generated, got.Count)
	}
	var want []PlacementRecord
	for _, p := range placementOrder(in) {
		want = append(want, *p)
	}
	for i := range want {
		want[i].Professions, want[i].Models = orEmpty(want[i].Professions), orEmpty(want[i].Models)
		want[i].Starts, want[i].Support = orEmpty(want[i].Starts), orEmpty(want[i].Support)
	}
	if !reflect.DeepEqual(got.Placements, want) {
		t.Errorf("placements read back differ:\ngot  %+v\nwant %+v", got.Placements, want)
	}
	if !bytes.Contains(out, []byte(`"models":[]`)) {
		t.Error("an empty list is not written as []")
	}
	if in[0].URL != "https://hub.example.org/faculties/nel/placements/community-msk/" || in[2].Models != nil {
		t.Error("PlacementsJSON modified its input")
	}
}

func TestPlacementsCSVGolden(t *testing.T) {
	out := render(t, func(b *bytes.Buffer) error { return PlacementsCSV(b, samplePlacements()) })
	golden(t, "placements.csv", out)
}

func TestPlacementsCSVRoundTrip(t *testing.T) {
	in := samplePlacements()
	rows, err := csv.NewReader(bytes.NewReader(render(t, func(b *bytes.Buffer) error { return PlacementsCSV(b, in) }))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], placementColumns()) {
		t.Errorf("header = %q", rows[0])
	}
	if len(rows) != len(in)+1 {
		t.Fatalf("%d rows, want a header and %d placements", len(rows), len(in))
	}
	col := func(row []string, name string) string { return row[slices.Index(rows[0], name)] }
	for i, p := range placementOrder(in) {
		row := rows[i+1]
		if len(row) != len(rows[0]) {
			t.Fatalf("row %d has %d cells, header %d", i+1, len(row), len(rows[0]))
		}
		for name, want := range map[string]string{
			"url": p.URL, "title": defuseFormula(p.Title), "summary": defuseFormula(p.Summary),
			"professions": defuseFormula(strings.Join(p.Professions, "; ")), "starts": strings.Join(p.Starts, "; "),
		} {
			if got := col(row, name); got != want {
				t.Errorf("row %d %s = %q, want %q", i+1, name, got, want)
			}
		}
	}
	byTitle := map[string][]string{}
	for _, row := range rows[1:] {
		byTitle[col(row, "url")] = row
	}
	script := byTitle["https://hub.example.org/faculties/cumbria/placements/a-script/"]
	if col(script, "title") != hostile || col(script, "hours_per_week") != "30" {
		t.Errorf("script row = %q", script)
	}
	msk := byTitle["https://hub.example.org/faculties/nel/placements/community-msk/"]
	if col(msk, "hours_per_week") != "37.5" || col(msk, "models") != "traditional; peer-assisted" {
		t.Errorf("msk row = %q", msk)
	}
	formula := byTitle["https://hub.example.org/faculties/bnssg/placements/formula/"]
	for _, name := range []string{"title", "summary", "faculty", "host", "professions", "setting", "town"} {
		if cell := col(formula, name); !strings.HasPrefix(cell, "'") {
			t.Errorf("formula row %s = %q, not defused", name, cell)
		}
	}
}

func TestDefuseFormula(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"equals", "=SUM(A1:A9)", "'=SUM(A1:A9)"},
		{"plus", "+44 20 7946 0000", "'+44 20 7946 0000"},
		{"minus", "-2+3", "'-2+3"},
		{"at", "@SUM(A1)", "'@SUM(A1)"},
		{"tab", "\t=1", "'\t=1"},
		{"carriage return", "\r=1", "'\r=1"},
		{"plain text", "Community MSK", "Community MSK"},
		{"inner equals", "a=b", "a=b"},
		{"empty", "", ""},
		{"number", "37.5", "37.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := defuseFormula(tt.in); got != tt.want {
				t.Errorf("defuseFormula(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestExportsNeedGenerated(t *testing.T) {
	tests := []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"placements.json", func(b *bytes.Buffer) error { return PlacementsJSON(b, time.Time{}, nil) }},
		{"faculties.json", func(b *bytes.Buffer) error { return FacultiesJSON(b, time.Time{}, nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err == nil || !strings.Contains(err.Error(), "generated date is required") {
				t.Errorf("err = %v", err)
			}
		})
	}
}

// FuzzPlacementJSON holds the placements export's own JSON encoding to
// json.Marshal: strings with every kind of character, lists nil or not,
// any finite number of hours.
func FuzzPlacementJSON(f *testing.F) {
	for _, s := range []string{"", "plain", `"q" \ /`, "<b>&amp;</b>", "\b\f\n\r\t\x00\x1f\x7f", "café ☕ \u2028\u2029", "bad \xff\xfe utf8", "\U0001F9FA"} {
		f.Add(s, s+"x", 37.5)
	}
	f.Add("a", "b", 1e-7)
	f.Add("a", "b", 1e21)
	f.Add("a", "b", -0.0)
	f.Add("a", "b", 123456789.125)
	f.Fuzz(func(t *testing.T, s, u string, hours float64) {
		if math.IsNaN(hours) || math.IsInf(hours, 0) {
			return
		}
		p := PlacementRecord{URL: s, Title: u, Summary: s + u, Faculty: u, Host: s, Professions: []string{s, u},
			Models: nil, Starts: []string{u}, HoursPerWeek: hours, DurationWeeks: len(s), Capacity: -len(u), Status: s}
		got, err := p.appendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		q := p
		q.Models, q.Support = []string{}, []string{}
		want, err := json.Marshal(&q)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("appendJSON:\n%s\njson.Marshal:\n%s", got, want)
		}
	})
}
