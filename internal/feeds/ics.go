package feeds

import (
	"io"
	"strings"
	"unicode/utf8"
)

// maxLine is RFC 5545's limit on a content line, in octets, without the
// CRLF; longer lines are folded.
const maxLine = 75

// contentWriter writes iCalendar content lines, folding them, and keeps the
// first error so a run of writes needs one check.
type contentWriter struct {
	w   io.StringWriter
	err error
}

// line writes "name:value" CRLF, folded: each continuation line starts with
// one space, so it carries at most maxLine-1 octets of the line, and a fold
// never falls inside a UTF-8 sequence. The parts are written as they are,
// not joined first: a calendar has ten lines per placement.
func (cw *contentWriter) line(name, value string) {
	n, limit := 0, maxLine // octets on the current line, and its limit
	for _, s := range [...]string{name, ":", value} {
		for cw.err == nil && n+len(s) > limit {
			cut := limit - n
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
			if cut == 0 && n == 0 {
				cut = limit // not UTF-8: cut anywhere rather than loop
			}
			cw.write(s[:cut], "\r\n ")
			s = s[cut:]
			n, limit = 0, maxLine-1
		}
		cw.write(s, "")
		n += len(s)
	}
	cw.write("\r\n", "")
}

func (cw *contentWriter) write(a, b string) {
	if cw.err != nil {
		return
	}
	if _, cw.err = cw.w.WriteString(a); cw.err == nil {
		_, cw.err = cw.w.WriteString(b)
	}
}

// icsText escapes s as an RFC 5545 TEXT value: backslash, semicolon and
// comma get a backslash, every line break (CRLF, LF or CR) becomes \n, and
// the other control characters, which TEXT may not hold, are dropped.
// Invalid UTF-8 becomes U+FFFD.
func icsText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	special := strings.IndexFunc(s, isTextSpecial)
	if special < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:special])
	for i := special; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' || c == ';' || c == ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case c == '\n':
			b.WriteString(`\n`)
		case !isTextSpecial(rune(c)):
			b.WriteByte(c)
		}
	}
	return b.String()
}

// isTextSpecial reports whether TEXT cannot carry r as it is.
func isTextSpecial(r rune) bool {
	return r == '\\' || r == ';' || r == ',' || (r < 0x20 && r != '\t') || r == 0x7f
}
