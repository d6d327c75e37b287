package feeds

import (
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"time"
)

// FacultyRecord is one system as exported to /faculties.json. Every system
// has a record: one whose faculty has no published pages has Published
// false, Status "not-published" and only its system and region filled in.
type FacultyRecord struct {
	URL           string        `json:"url"`
	Title         string        `json:"title"`
	System        string        `json:"system"` // slug
	SystemName    string        `json:"system_name"`
	Region        string        `json:"region"` // slug
	RegionName    string        `json:"region_name"`
	Published     bool          `json:"published"`
	Status        string        `json:"status"` // established, developing, planned or not-published
	Summary       string        `json:"summary"`
	Demonstration bool          `json:"demonstration"`
	Lead          Lead          `json:"lead"`
	Contact       string        `json:"contact"`
	Website       string        `json:"website"`
	Professions   []string      `json:"professions"`
	Counts        FacultyCounts `json:"counts"`
}

// Lead is the person who leads a faculty.
type Lead struct {
	Name  string `json:"name"`
	Role  string `json:"role"`
	Email string `json:"email"`
}

// FacultyCounts is how many pages of each kind a faculty has.
type FacultyCounts struct {
	Partners       int `json:"partners"`
	Stories        int `json:"stories"`
	Resources      int `json:"resources"`
	Placements     int `json:"placements"`
	OpenPlacements int `json:"open_placements"`
}

// FacultiesJSON writes the faculties export:
//
//	{"generated":"2026-01-02","count":42,"faculties":[
//	{"url":…,"title":…,"system":…,"system_name":…,"region":…,
//	 "region_name":…,"published":true,"status":…,"summary":…,
//	 "demonstration":false,"lead":{"name":…,"role":…,"email":…},
//	 "contact":…,"website":…,"professions":[…],
//	 "counts":{"partners":0,"stories":0,"resources":0,"placements":0,
//	 "open_placements":0}},
//	…
//	]}
//
// generated is the build's date (YYYY-MM-DD), never the clock. Records are
// sorted by system slug, one a line, keys in the order above; professions is
// [] rather than null when empty; <, > and & are written as \u escapes.
func FacultiesJSON(w io.Writer, generated time.Time, faculties []FacultyRecord) error {
	if generated.IsZero() {
		return errors.New("faculties.json: generated date is required")
	}
	sorted := slices.Clone(faculties)
	slices.SortStableFunc(sorted, func(a, b FacultyRecord) int { return cmp.Compare(a.System, b.System) })
	for i := range sorted {
		sorted[i].Professions = orEmpty(sorted[i].Professions)
	}
	return writeJSONList(w, generated, "faculties", len(sorted), func(b []byte, i int) ([]byte, error) {
		m, err := json.Marshal(&sorted[i])
		return append(b, m...), err
	})
}
