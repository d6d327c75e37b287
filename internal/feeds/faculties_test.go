package feeds

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

func sampleFaculties() []FacultyRecord {
	return []FacultyRecord{
		{System: "nel", SystemName: "North East London", Region: "london", RegionName: "London", Status: "not-published"},
		{
			URL: "https://hub.example.org/faculties/lsc/", Title: hostile, System: "lsc",
			SystemName: "Lancashire and South Cumbria", Region: "north-west", RegionName: "North West",
			Published: true, Status: "established", Summary: "Placements & CPD across <the> system.",
			Demonstration: true, Lead: Lead{Name: "Dr A. Person", Role: "Faculty lead", Email: "lead@example.org"},
			Contact: "ahp.faculty@example.org", Website: "https://faculty.example.org/",
			Professions: []string{"physiotherapists", "paramedics"},
			Counts:      FacultyCounts{Partners: 30, Stories: 40, Resources: 60, Placements: 240, OpenPlacements: 180},
		},
	}
}

func TestFacultiesJSONGolden(t *testing.T) {
	out := render(t, func(b *bytes.Buffer) error { return FacultiesJSON(b, generated, sampleFaculties()) })
	golden(t, "faculties.json", out)
}

func TestFacultiesJSONRoundTrip(t *testing.T) {
	in := sampleFaculties()
	out := render(t, func(b *bytes.Buffer) error { return FacultiesJSON(b, generated, in) })
	if bytes.Contains(out, []byte("<script>")) {
		t.Errorf("faculties.json carries %s unescaped", hostile)
	}
	var got struct {
		Generated string          `json:"generated"`
		Count     int             `json:"count"`
		Faculties []FacultyRecord `json:"faculties"`
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	want := []FacultyRecord{in[1], in[0]}
	want[1].Professions = []string{}
	if got.Generated != "2026-01-15" || got.Count != 2 || !reflect.DeepEqual(got.Faculties, want) {
		t.Errorf("read back %+v\nwant %+v", got, want)
	}
	if !bytes.Contains(out, []byte(`"published":false,"status":"not-published"`)) {
		t.Error("a system without a faculty is not marked unpublished")
	}
}
