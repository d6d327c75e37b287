package feeds

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func sampleCalendar() ClosingCalendar {
	return ClosingCalendar{
		Name:      "Placements closing, Faculty Hub",
		Generated: generated,
		Closings:  closingsOf(samplePlacements()),
	}
}

func TestCalendarGolden(t *testing.T) {
	out := render(t, func(b *bytes.Buffer) error { return Calendar(b, sampleCalendar()) })
	golden(t, "closing.ics", out)
}

// icsProperty is one unfolded content line.
type icsProperty struct{ name, value string }

// parseICS checks the physical form of an iCalendar stream (CRLF only,
// lines of at most 75 octets, no split UTF-8) and returns its unfolded
// content lines.
func parseICS(t *testing.T, doc []byte) []icsProperty {
	t.Helper()
	s := string(doc)
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatal("the stream does not end in CRLF")
	}
	if n := strings.Count(s, "\n"); n != strings.Count(s, "\r\n") || n != strings.Count(s, "\r") {
		t.Fatal("a line ends in a bare LF or CR")
	}
	for i, line := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if len(line) > maxLine {
			t.Errorf("line %d is %d octets: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, line)
		}
	}
	unfolded := strings.ReplaceAll(s, "\r\n ", "")
	var props []icsProperty
	for _, line := range strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("content line without a colon: %q", line)
		}
		props = append(props, icsProperty{name, value})
	}
	return props
}

// unescapeText reverses RFC 5545 TEXT escaping.
func unescapeText(t *testing.T, s string) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ';' || c == ',':
			t.Errorf("unescaped %q in TEXT %q", c, s)
		case c != '\\':
			b.WriteByte(c)
		case i+1 == len(s):
			t.Errorf("TEXT %q ends in a lone backslash", s)
		default:
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			case '\\', ';', ',':
				b.WriteByte(s[i])
			default:
				t.Errorf("bad escape \\%c in %q", s[i], s)
			}
		}
	}
	return b.String()
}

func TestCalendarRoundTrip(t *testing.T) {
	c := sampleCalendar()
	props := parseICS(t, render(t, func(b *bytes.Buffer) error { return Calendar(b, c) }))
	byURL := map[string]Closing{}
	for _, e := range c.Closings {
		byURL[e.URL] = e
	}
	if props[0] != (icsProperty{"BEGIN", "VCALENDAR"}) || props[len(props)-1] != (icsProperty{"END", "VCALENDAR"}) {
		t.Errorf("not wrapped in VCALENDAR: %v … %v", props[0], props[len(props)-1])
	}
	var events []map[string]string
	var event map[string]string
	head := map[string]string{}
	for _, p := range props {
		switch {
		case p == icsProperty{"BEGIN", "VEVENT"}:
			event = map[string]string{}
		case p == icsProperty{"END", "VEVENT"}:
			events = append(events, event)
			event = nil
		case event != nil:
			event[p.name] = p.value
		default:
			head[p.name] = p.value
		}
	}
	for name, want := range map[string]string{"VERSION": "2.0", "CALSCALE": "GREGORIAN", "PRODID": prodID} {
		if head[name] != want {
			t.Errorf("%s = %q, want %q", name, head[name], want)
		}
	}
	if got := unescapeText(t, head["X-WR-CALNAME"]); got != c.Name {
		t.Errorf("X-WR-CALNAME = %q, want %q", got, c.Name)
	}
	if len(events) != len(c.Closings) {
		t.Fatalf("%d VEVENTs, want one per closing (%d)", len(events), len(c.Closings))
	}
	uids := map[string]bool{}
	for _, ev := range events {
		want, ok := byURL[ev["URL"]]
		if !ok {
			t.Errorf("event for unknown URL %q", ev["URL"])
			continue
		}
		if got := unescapeText(t, ev["SUMMARY"]); got != "Closes: "+want.Title {
			t.Errorf("SUMMARY = %q, want %q", got, "Closes: "+want.Title)
		}
		if got := unescapeText(t, ev["DESCRIPTION"]); got != want.Description {
			t.Errorf("DESCRIPTION = %q, want %q", got, want.Description)
		}
		start, end := want.Date.Format("20060102"), want.Date.AddDate(0, 0, 1).Format("20060102")
		if ev["DTSTART;VALUE=DATE"] != start || ev["DTEND;VALUE=DATE"] != end {
			t.Errorf("%s: dates %q–%q, want %q–%q", want.URL, ev["DTSTART;VALUE=DATE"], ev["DTEND;VALUE=DATE"], start, end)
		}
		if ev["DTSTAMP"] != "20260115T093000Z" {
			t.Errorf("DTSTAMP = %q, want the generated time", ev["DTSTAMP"])
		}
		if uids[ev["UID"]] || !strings.HasSuffix(ev["UID"], "@hub.example.org") {
			t.Errorf("UID %q is repeated or not <path>@<host>", ev["UID"])
		}
		uids[ev["UID"]] = true
	}
}

func TestCalendarUID(t *testing.T) {
	props := parseICS(t, render(t, func(b *bytes.Buffer) error {
		return Calendar(b, ClosingCalendar{Generated: generated, Closings: []Closing{
			{URL: "https://hub.example.org/faculties/nel/placements/msk/", Title: "MSK", Date: day("2026-02-01")},
		}})
	}))
	for _, p := range props {
		if p.name == "UID" && p.value != "faculties/nel/placements/msk@hub.example.org" {
			t.Errorf("UID = %q", p.value)
		}
	}
}

func TestCalendarOrder(t *testing.T) {
	c := ClosingCalendar{Generated: generated, Closings: []Closing{
		{URL: "https://h.example/c/", Title: "C", Date: day("2026-03-01")},
		{URL: "https://h.example/b/", Title: "B", Date: day("2026-02-01")},
		{URL: "https://h.example/a/", Title: "A", Date: time.Date(2026, 3, 1, 23, 0, 0, 0, time.UTC)},
	}}
	var got []string
	for _, p := range parseICS(t, render(t, func(b *bytes.Buffer) error { return Calendar(b, c) })) {
		if p.name == "URL" {
			got = append(got, p.value)
		}
	}
	want := "https://h.example/b/ https://h.example/a/ https://h.example/c/"
	if strings.Join(got, " ") != want {
		t.Errorf("events in order %q, want %q", got, want)
	}
}

func TestICSText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Community MSK", "Community MSK"},
		{"specials", `a\b;c,d`, `a\\b\;c\,d`},
		{"line breaks", "one\ntwo\r\nthree\rfour", `one\ntwo\nthree\nfour`},
		{"controls dropped, tab kept", "a\x00b\x1bc\td\x7f", "abc\td"},
		{"colon and quotes kept", `Closes: "soon"`, `Closes: "soon"`},
		{"markup is not special", hostile, hostile},
		{"invalid UTF-8", "caf\xe9", "caf\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := icsText(tt.in); got != tt.want {
				t.Errorf("icsText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ name, value string }{
		{"short", "Closes: MSK"},
		{"exactly 75 octets", strings.Repeat("a", maxLine-len("SUMMARY:"))},
		{"76 octets", strings.Repeat("a", maxLine-len("SUMMARY:")+1)},
		{"long ASCII", strings.Repeat("abcdefghij", 30)},
		{"two-byte runes across the fold", "a" + strings.Repeat("é", 100)},
		{"four-byte runes across the fold", "ab" + strings.Repeat("🩺", 60)},
		{"three-byte runes", strings.Repeat("—", 80)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			cw := contentWriter{w: &b}
			cw.line("SUMMARY", tt.value)
			props := parseICS(t, []byte(b.String()))
			if len(props) != 1 || props[0] != (icsProperty{"SUMMARY", tt.value}) {
				t.Errorf("unfolded to %q", props)
			}
			if short := len("SUMMARY:"+tt.value) <= maxLine; short == strings.Contains(b.String(), "\r\n ") {
				t.Errorf("folded = %v for a line of %d octets", !short, len("SUMMARY:"+tt.value))
			}
		})
	}
}

func TestCalendarErrors(t *testing.T) {
	ok := Closing{URL: "https://h.example/a/", Title: "A", Date: day("2026-02-01")}
	tests := []struct {
		name string
		cal  ClosingCalendar
		want string
	}{
		{"no generated date", ClosingCalendar{Closings: []Closing{ok}}, "Generated date is required"},
		{"relative URL", ClosingCalendar{Generated: generated, Closings: []Closing{{URL: "/a/", Title: "A", Date: ok.Date}}}, "not absolute"},
		{"no path", ClosingCalendar{Generated: generated, Closings: []Closing{{URL: "https://h.example/", Title: "A", Date: ok.Date}}}, "no path"},
		{"no date", ClosingCalendar{Generated: generated, Closings: []Closing{{URL: ok.URL, Title: "A"}}}, "no date"},
		{"control character in URL", ClosingCalendar{Generated: generated, Closings: []Closing{{URL: "https://h.example/a\r\nX:1", Title: "A", Date: ok.Date}}}, "invalid control character"},
		{"same UID twice", ClosingCalendar{Generated: generated, Closings: []Closing{ok, {URL: "https://h.example/a", Title: "A2", Date: ok.Date}}}, "share the UID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Calendar(io.Discard, tt.cal)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// FuzzCalendarSummary: whatever the title, every line is short, whole UTF-8
// and CRLF-ended, and a title of printable text and newlines reads back
// unchanged.
func FuzzCalendarSummary(f *testing.F) {
	for _, seed := range []string{"", hostile, `a\b;c,d`, "one\r\ntwo", strings.Repeat("é", 80), "ab" + strings.Repeat("🩺", 40)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, title string) {
		var b bytes.Buffer
		err := Calendar(&b, ClosingCalendar{Generated: generated, Closings: []Closing{
			{URL: "https://h.example/a/", Title: title, Date: day("2026-02-01")},
		}})
		if err != nil {
			t.Fatal(err)
		}
		var summary string
		for _, p := range parseICS(t, b.Bytes()) {
			if p.name == "SUMMARY" {
				summary = unescapeText(t, p.value)
			}
		}
		printable := utf8.ValidString(title) && !strings.ContainsFunc(title, func(r rune) bool {
			return r != '\n' && isTextSpecial(r) && r != '\\' && r != ';' && r != ','
		})
		if printable && summary != "Closes: "+title {
			t.Errorf("SUMMARY reads back %q, want %q", summary, "Closes: "+title)
		}
	})
}

// TestPlainUIDAsNetURL: wherever plainUID reads a URL itself, net/url
// gives the same UID, and no error.
func TestPlainUIDAsNetURL(t *testing.T) {
	urls := []string{
		"https://example.org/faculties/north/placements/physio-ward-7/",
		"http://localhost:1313/p/", "https://Example.ORG/A_b.c~d/", "https://example.org:8080/x",
		"https://example.org:/x/", "https://example.org:80a/x/", "https://a:b:c/x/", "https://user@example.org/x/",
		"https://example.org/x?y=1", "https://example.org/x#f", "https://example.org/caf%C3%A9/", "https://example.org//",
		"https://example.org/", "https:///x/", "ftp://example.org/x/", "https://exa mple.org/x/", "https://[::1]/x/",
		"https://example.org/a b/", "HTTPS://example.org/x/", "https://-/x/", "https://example.org/x/../y/",
	}
	for _, u := range urls {
		samePlainUID(t, u)
	}
	if _, ok := plainUID(urls[0]); !ok {
		t.Errorf("a placement's URL takes the slow path")
	}
}

func FuzzPlainUID(f *testing.F) {
	f.Add("https://example.org/faculties/north/placements/physio-ward-7/")
	f.Add("http://localhost:1313/p/")
	f.Fuzz(samePlainUID)
}

func samePlainUID(t *testing.T, u string) {
	uid, ok := plainUID(u)
	if !ok {
		return
	}
	want, err := parsedUID(Closing{URL: u, Date: time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC)})
	if err != nil || uid != want {
		t.Errorf("%s: plainUID %q, net/url %q (%v)", u, uid, want, err)
	}
}
