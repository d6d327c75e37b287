package feeds

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
)

// ClosingCalendar is the iCalendar of placement closing dates,
// /placements/closing.ics, which people subscribe to in their calendar app.
type ClosingCalendar struct {
	// Name is what calendar apps show for the subscription (X-WR-CALNAME).
	Name string
	// Generated is the build's "today"; it becomes every event's DTSTAMP,
	// so it must come from the build, not the clock.
	Generated time.Time
	Closings  []Closing
}

// Closing is one placement's closing date.
type Closing struct {
	// URL is the absolute URL of the placement's page; the event's UID
	// derives from it, so the UID stays the same from build to build.
	URL   string
	Title string
	// Description is plain text; newlines are kept.
	Description string
	// Date is the closing day; only its year, month and day are used.
	Date time.Time
}

// prodID names this generator in every calendar it writes. It carries no
// version so that upgrading the generator does not change the output.
const prodID = "-//Faculty Hub//Placement closing dates//EN"

// Calendar writes c as an iCalendar object (RFC 5545) with one all-day
// VEVENT per closing, ordered by date then URL:
//
//	UID            <path without outer slashes>@<host>, from Closing.URL
//	DTSTAMP        c.Generated in UTC
//	DTSTART;VALUE=DATE, DTEND;VALUE=DATE   the closing day and the next
//	SUMMARY        "Closes: " + Title
//	DESCRIPTION    Description, when set
//	URL            Closing.URL
//
// Lines end in CRLF and are folded at 75 octets without splitting a UTF-8
// sequence; TEXT values escape backslash, semicolon, comma and newline.
//
// It is written by hand: the output is this fixed handful of properties.
// github.com/arran4/golang-ical (v0.3.4) folds at word boundaries, so
// continuation lines start with the space folded at, and passes a bare CR
// into a content line; github.com/emersion/go-ical has no tagged release.
func Calendar(w io.Writer, c ClosingCalendar) error {
	if c.Generated.IsZero() {
		return errors.New("calendar: Generated date is required")
	}
	closings := slices.Clone(c.Closings)
	slices.SortFunc(closings, func(a, b Closing) int {
		if c := compareDay(a.Date, b.Date); c != 0 {
			return c
		}
		return cmp.Compare(a.URL, b.URL)
	})
	bw := bufio.NewWriter(w)
	cw := contentWriter{w: bw}
	cw.line("BEGIN", "VCALENDAR")
	cw.line("PRODID", prodID)
	cw.line("VERSION", "2.0")
	cw.line("CALSCALE", "GREGORIAN")
	cw.line("METHOD", "PUBLISH")
	if c.Name != "" {
		cw.line("X-WR-CALNAME", icsText(c.Name))
	}
	stamp := c.Generated.UTC().Format("20060102T150405Z")
	uids := make(map[string]string, len(closings))
	for _, e := range closings {
		uid, err := closingUID(e)
		if err != nil {
			return fmt.Errorf("calendar: %w", err)
		}
		if prev, ok := uids[uid]; ok {
			return fmt.Errorf("calendar: %s and %s share the UID %s", prev, e.URL, uid)
		}
		uids[uid] = e.URL
		cw.line("BEGIN", "VEVENT")
		cw.line("UID", icsText(uid))
		cw.line("DTSTAMP", stamp)
		cw.line("DTSTART;VALUE=DATE", e.Date.Format("20060102"))
		cw.line("DTEND;VALUE=DATE", e.Date.AddDate(0, 0, 1).Format("20060102"))
		cw.line("SUMMARY", icsText("Closes: "+e.Title))
		if e.Description != "" {
			cw.line("DESCRIPTION", icsText(e.Description))
		}
		cw.line("URL", e.URL)
		// A deadline is not a meeting: it should not show the day as busy.
		cw.line("TRANSP", "TRANSPARENT")
		cw.line("END", "VEVENT")
	}
	cw.line("END", "VCALENDAR")
	if cw.err != nil {
		return cw.err
	}
	return bw.Flush()
}

// closingUID derives the UID "<path>@<host>" from the placement's URL.
func closingUID(e Closing) (string, error) {
	if uid, ok := plainUID(e.URL); ok && !e.Date.IsZero() {
		return uid, nil
	}
	return parsedUID(e)
}

// parsedUID is closingUID by net/url.
func parsedUID(e Closing) (string, error) {
	u, err := url.Parse(e.URL)
	if err != nil {
		return "", fmt.Errorf("closing %q: %w", e.Title, err)
	}
	if !u.IsAbs() || u.Host == "" {
		return "", fmt.Errorf("closing %q: URL %q is not absolute", e.Title, e.URL)
	}
	if e.Date.IsZero() {
		return "", fmt.Errorf("closing %s: no date", e.URL)
	}
	path := strings.Trim(u.EscapedPath(), "/")
	if path == "" {
		return "", fmt.Errorf("closing %s: URL has no path to make a UID from", e.URL)
	}
	return path + "@" + u.Host, nil
}

// plainUID is closingUID's UID for a URL it can read without net/url:
// http or https, a host of letters, digits, dots and hyphens with a
// port or none, a
// path of unreserved characters and slashes (which escaping leaves as
// they are) that is not all slashes. A calendar has one per open
// placement, and parsing each took a tenth of a cached build's exports.
// TestPlainUIDAsNetURL holds it to url.Parse.
func plainUID(raw string) (string, bool) {
	rest, ok := strings.CutPrefix(raw, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(raw, "http://"); !ok {
			return "", false
		}
	}
	slash := strings.IndexByte(rest, '/')
	if slash <= 0 {
		return "", false
	}
	host, path := rest[:slash], rest[slash:]
	name, port, hasPort := strings.Cut(host, ":")
	if name == "" || hasPort && port == "" {
		return "", false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !isAlnum(c) && c != '.' && c != '-' {
			return "", false
		}
	}
	for i := 0; i < len(port); i++ {
		if c := port[i]; c < '0' || c > '9' {
			return "", false
		}
	}
	for i := 0; i < len(path); i++ {
		if c := path[i]; !isAlnum(c) && !strings.ContainsRune("/-._~", rune(c)) {
			return "", false
		}
	}
	if path = strings.Trim(path, "/"); path == "" {
		return "", false
	}
	return path + "@" + host, true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// compareDay orders two times by their calendar day alone.
func compareDay(a, b time.Time) int {
	return cmp.Compare(dayNumber(a), dayNumber(b))
}

func dayNumber(t time.Time) int {
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}
