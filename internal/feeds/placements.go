package feeds

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// PlacementRecord is one placement as exported to /placements.json and
// /placements.csv. Slugs are the vocabulary values; names are what people
// read. Unknown numbers are 0, unknown strings empty.
type PlacementRecord struct {
	URL           string   `json:"url"`
	Title         string   `json:"title"`
	Summary       string   `json:"summary"`
	Faculty       string   `json:"faculty"` // the faculty's name
	System        string   `json:"system"`  // slug
	Region        string   `json:"region"`  // slug
	Host          string   `json:"host"`    // the host partner's name
	Professions   []string `json:"professions"`
	Setting       string   `json:"setting"`
	Models        []string `json:"models"`
	Level         string   `json:"level"`
	DurationWeeks int      `json:"duration_weeks"`
	HoursPerWeek  float64  `json:"hours_per_week"`
	Starts        []string `json:"starts"` // YYYY-MM-DD
	Closes        string   `json:"closes"` // YYYY-MM-DD
	Capacity      int      `json:"capacity"`
	Town          string   `json:"town"`
	Postcode      string   `json:"postcode"`
	Route         string   `json:"route"`
	Apply         string   `json:"apply"` // URL or email address
	HEI           string   `json:"hei"`
	Support       []string `json:"support"`
	Status        string   `json:"status"` // open, full, closed or withdrawn
}

// PlacementsJSON writes the placements export:
//
//	{"generated":"2026-01-02","count":2,"placements":[
//	{"url":…,"title":…,"summary":…,"faculty":…,"system":…,"region":…,
//	 "host":…,"professions":[…],"setting":…,"models":[…],"level":…,
//	 "duration_weeks":0,"hours_per_week":0,"starts":[…],"closes":…,
//	 "capacity":0,"town":…,"postcode":…,"route":…,"apply":…,"hei":…,
//	 "support":[…],"status":…},
//	…
//	]}
//
// generated is the build's date (YYYY-MM-DD), never the clock. Placements
// are sorted by URL, one a line so that builds diff cleanly, with keys in
// the order above; lists are [] rather than null when empty. <, > and & are
// written as \u escapes, so the file is safe to inline in HTML.
func PlacementsJSON(w io.Writer, generated time.Time, placements []PlacementRecord) error {
	if generated.IsZero() {
		return errors.New("placements.json: generated date is required")
	}
	sorted := sortedPlacements(placements)
	for i := range sorted {
		p := &sorted[i]
		p.Professions, p.Models = orEmpty(p.Professions), orEmpty(p.Models)
		p.Starts, p.Support = orEmpty(p.Starts), orEmpty(p.Support)
	}
	return writeJSONList(w, generated, "placements", sorted)
}

// placementColumns is the CSV header; the columns match the JSON keys.
func placementColumns() []string {
	return []string{
		"url", "title", "summary", "faculty", "system", "region", "host",
		"professions", "setting", "models", "level", "duration_weeks",
		"hours_per_week", "starts", "closes", "capacity", "town", "postcode",
		"route", "apply", "hei", "support", "status",
	}
}

// PlacementsCSV writes the placements export as CSV (RFC 4180, CRLF): a
// header of the JSON keys, then one row per placement sorted by URL. Lists
// are joined with "; ". Any cell that a spreadsheet would run as a formula
// (starting with =, +, -, @, tab or CR) gets a leading apostrophe, because
// the file is meant to be opened in Excel and its text comes from
// contributors (OWASP "CSV injection").
func PlacementsCSV(w io.Writer, placements []PlacementRecord) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	header := placementColumns()
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, 0, len(header))
	for _, p := range sortedPlacements(placements) {
		row = append(row[:0],
			p.URL, p.Title, p.Summary, p.Faculty, p.System, p.Region, p.Host,
			joinList(p.Professions), p.Setting, joinList(p.Models), p.Level,
			strconv.Itoa(p.DurationWeeks),
			strconv.FormatFloat(p.HoursPerWeek, 'f', -1, 64),
			joinList(p.Starts), p.Closes, strconv.Itoa(p.Capacity),
			p.Town, p.Postcode, p.Route, p.Apply, p.HEI,
			joinList(p.Support), p.Status)
		for i, cell := range row {
			row[i] = defuseFormula(cell)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// sortedPlacements returns a copy sorted by URL, which is unique per page.
// It sorts pointers and copies each record once: sorting the records
// themselves moved ten thousand large structs a dozen times each.
func sortedPlacements(placements []PlacementRecord) []PlacementRecord {
	order := make([]*PlacementRecord, len(placements))
	for i := range placements {
		order[i] = &placements[i]
	}
	slices.SortStableFunc(order, func(a, b *PlacementRecord) int { return cmp.Compare(a.URL, b.URL) })
	sorted := make([]PlacementRecord, len(order))
	for i, p := range order {
		sorted[i] = *p
	}
	return sorted
}

// defuseFormula prefixes an apostrophe to a cell that a spreadsheet would
// otherwise evaluate; spreadsheets show the text without it.
func defuseFormula(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

func joinList(list []string) string { return strings.Join(list, "; ") }

func orEmpty(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

// writeJSONList writes {"generated":…,"count":…,"<key>":[…]} with one list
// element a line.
func writeJSONList[T any](w io.Writer, generated time.Time, key string, list []T) error {
	// bufio.Writer keeps its first write error and Flush returns it.
	bw := bufio.NewWriter(w)
	bw.WriteString(`{"generated":"` + generated.Format(time.DateOnly) + `","count":` +
		strconv.Itoa(len(list)) + `,"` + key + `":[`)
	for i := range list {
		b, err := json.Marshal(&list[i])
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
		bw.Write(b)
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}
