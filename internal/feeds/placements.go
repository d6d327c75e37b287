package feeds

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/facultyhub/facultyhub/internal/jsonstr"
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
	sorted := placementOrder(placements)
	return writeJSONList(w, generated, "placements", len(sorted), func(b []byte, i int) ([]byte, error) {
		return sorted[i].appendJSON(b)
	})
}

// appendJSON appends p as encoding/json would marshal it (lists that are
// nil as []), without its reflection: ten thousand placements took 40 ms
// that way. FuzzPlacementJSON holds it to json.Marshal.
func (p *PlacementRecord) appendJSON(b []byte) ([]byte, error) {
	str := func(key, v string) {
		b = append(b, key...)
		b = jsonstr.Append(b, v)
	}
	list := func(key string, l []string) {
		b = append(b, key...)
		b = append(b, '[')
		for i, v := range l {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonstr.Append(b, v)
		}
		b = append(b, ']')
	}
	str(`{"url":`, p.URL)
	str(`,"title":`, p.Title)
	str(`,"summary":`, p.Summary)
	str(`,"faculty":`, p.Faculty)
	str(`,"system":`, p.System)
	str(`,"region":`, p.Region)
	str(`,"host":`, p.Host)
	list(`,"professions":`, p.Professions)
	str(`,"setting":`, p.Setting)
	list(`,"models":`, p.Models)
	str(`,"level":`, p.Level)
	b = append(b, `,"duration_weeks":`...)
	b = strconv.AppendInt(b, int64(p.DurationWeeks), 10)
	b = append(b, `,"hours_per_week":`...)
	f := p.HoursPerWeek
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("placements.json: %s: hours per week %v is not a number JSON can hold", p.URL, f)
	}
	b = appendJSONFloat(b, f)
	list(`,"starts":`, p.Starts)
	str(`,"closes":`, p.Closes)
	b = append(b, `,"capacity":`...)
	b = strconv.AppendInt(b, int64(p.Capacity), 10)
	str(`,"town":`, p.Town)
	str(`,"postcode":`, p.Postcode)
	str(`,"route":`, p.Route)
	str(`,"apply":`, p.Apply)
	str(`,"hei":`, p.HEI)
	list(`,"support":`, p.Support)
	str(`,"status":`, p.Status)
	return append(b, '}'), nil
}

// appendJSONFloat appends f as encoding/json writes a float64 (f is
// finite).
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 is written e-9, as encoding/json does.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
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
	for _, p := range placementOrder(placements) {
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

// placementOrder returns pointers to the placements, sorted by URL, which
// is unique per page: the records are large, and ten thousand of them
// were moved a dozen times each when sorted, then copied.
func placementOrder(placements []PlacementRecord) []*PlacementRecord {
	order := make([]*PlacementRecord, len(placements))
	for i := range placements {
		order[i] = &placements[i]
	}
	byURL := func(a, b *PlacementRecord) int { return cmp.Compare(a.URL, b.URL) }
	if !slices.IsSortedFunc(order, byURL) { // the build gives them sorted
		slices.SortStableFunc(order, byURL)
	}
	return order
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

// writeJSONList writes {"generated":…,"count":n,"<key>":[…]} with one list
// element a line, element i as item appends it to b.
func writeJSONList(w io.Writer, generated time.Time, key string, n int, item func(b []byte, i int) ([]byte, error)) error {
	// bufio.Writer keeps its first write error and Flush returns it.
	bw := bufio.NewWriter(w)
	bw.WriteString(`{"generated":"` + generated.Format(time.DateOnly) + `","count":` +
		strconv.Itoa(n) + `,"` + key + `":[`)
	var b []byte
	for i := range n {
		var err error
		if b, err = item(b[:0], i); err != nil {
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
