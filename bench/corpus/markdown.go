package corpus

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// scene holds the nouns one page talks about; prose templates refer to them
// as {faculty}, {town} and so on.
type scene struct {
	Faculty, System, Region, Town, Partner     string
	Profession, Discipline, Setting, Specialty string
	Theme, Person                              string
}

// fill replaces the {placeholders} of a template with the scene's nouns;
// {n}, {pct} and {year} become small random numbers.
func (s *scene) fill(g *rng, tmpl string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		b.WriteString(tmpl[:i])
		b.WriteString(s.value(g, tmpl[i+1:i+j]))
		tmpl = tmpl[i+j+1:]
	}
}

// value returns the text of one placeholder; "a setting" and the like
// put the right article before the noun.
func (s *scene) value(g *rng, key string) string {
	if noun, ok := strings.CutPrefix(key, "a "); ok {
		v := s.value(g, noun)
		if v != "" && strings.ContainsRune("aeiouAEIOU", rune(v[0])) {
			return "an " + v
		}
		return "a " + v
	}
	switch key {
	case "faculty":
		return s.Faculty
	case "system":
		return s.System
	case "region":
		return s.Region
	case "town":
		return s.Town
	case "partner":
		return s.Partner
	case "profession":
		return lowerFirst(s.Profession)
	case "discipline":
		return s.Discipline
	case "setting":
		return lowerFirst(s.Setting)
	case "specialty":
		return s.Specialty
	case "theme":
		return lowerFirst(s.Theme)
	case "person":
		return s.Person
	case "n":
		return strconv.Itoa(g.between(3, 24))
	case "pct":
		return strconv.Itoa(g.between(8, 65))
	case "year":
		return strconv.Itoa(g.between(2019, 2025))
	}
	return key
}

// page builds a Markdown body block by block and counts its words, so a
// kind's writer can stop adding sections once a page is long enough.
type page struct {
	b     strings.Builder
	words int
	g     *rng
	s     *scene
	used  map[string]bool
}

func newPage(g *rng, s *scene) *page { return &page{g: g, s: s, used: map[string]bool{}} }

func (p *page) block(text string) {
	if p.b.Len() > 0 {
		p.b.WriteString("\n")
	}
	p.b.WriteString(text)
	p.b.WriteString("\n")
	p.words += len(strings.Fields(text))
}

// heading writes a level-2 or level-3 heading.
func (p *page) heading(level int, text string) {
	p.block(strings.Repeat("#", level) + " " + text)
}

// para writes a paragraph of text.
func (p *page) para(text string) { p.block(text) }

// prose writes a paragraph of lo to hi sentences from bank, preferring
// sentences the page has not used yet.
func (p *page) prose(bank []string, lo, hi int) {
	p.para(p.sentences(bank, p.g.between(lo, hi)))
}

// sentences fills n templates of bank and joins them.
func (p *page) sentences(bank []string, n int) string {
	var fresh []string
	for _, t := range bank {
		if !p.used[t] {
			fresh = append(fresh, t)
		}
	}
	if len(fresh) < n {
		fresh = bank
	}
	parts := sample(p.g, fresh, n)
	p.g.r.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
	for i, t := range parts {
		p.used[t] = true
		parts[i] = capitalise(p.s.fill(p.g, t))
	}
	return strings.Join(parts, " ")
}

// list writes a bullet list; numbered writes an ordered one.
func (p *page) list(items []string)     { p.items(items, false) }
func (p *page) numbered(items []string) { p.items(items, true) }

func (p *page) items(items []string, ordered bool) {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteString("\n")
		}
		if ordered {
			b.WriteString(strconv.Itoa(i+1) + ". ")
		} else {
			b.WriteString("- ")
		}
		b.WriteString(capitalise(p.s.fill(p.g, it)))
	}
	p.block(b.String())
}

// table writes a GFM table.
func (p *page) table(head []string, rows [][]string) {
	var b strings.Builder
	row := func(cells []string) {
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	row(head)
	seps := make([]string, len(head))
	for i := range seps {
		seps[i] = "---"
	}
	row(seps)
	for _, r := range rows {
		row(r)
	}
	p.block(strings.TrimSuffix(b.String(), "\n"))
}

// quote writes a block quote with its attribution.
func (p *page) quote(text, who string) {
	p.block("> " + capitalise(p.s.fill(p.g, text)) + "\n>\n> — " + who)
}

// String returns the body written so far.
func (p *page) String() string { return p.b.String() }

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) || !unicode.IsLetter(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst lower-cases the first letter of s for use mid-sentence,
// unless s starts with an acronym such as "GP" or "NHS".
func lowerFirst(s string) string {
	word, _, _ := strings.Cut(s, " ")
	if len(word) > 1 && strings.ToUpper(word) == word {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// anchor returns the GitHub-style ID of a heading: lowercase, punctuation
// removed, spaces turned into hyphens.
func anchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// link formats a Markdown link.
func link(text, target string) string { return "[" + text + "](" + target + ")" }
