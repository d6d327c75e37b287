package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWords(t *testing.T) {
	tests := []struct {
		name, text string
		// want lists surface/stem, or surface! for a stop word.
		want []string
	}{
		{"stems", "Stroke rehabilitation placements", []string{"stroke/stroke", "rehabilitation/rehabilit", "placements/placement"}},
		{"stop words are kept, marked", "The stroke of luck", []string{"the!", "stroke/stroke", "of!", "luck/luck"}},
		{"possessive", "the student’s placement", []string{"the!", "student/student", "placement/placement"}},
		{"apostrophe inside a name", "O'Brien's team", []string{"obrien/obrien", "team/team"}},
		{"accents fold", "Café RÉSUMÉ naïve", []string{"cafe/cafe", "resume/resum", "naive/naiv"}},
		{"hyphens split", "long-arm, role-emerging", []string{"long/long", "arm/arm", "role/role", "emerging/emerg"}},
		{"one letter is not a word", "x y z 5 an", []string{"an!"}},
		{"numbers keep their form", "2027 cohort of 24 LS1", []string{"2027/2027", "cohort/cohort", "of!", "24/24", "ls1/ls1"}},
		{"markup is punctuation", "**Bold** _and_ `code` | table |", []string{"bold/bold", "and!", "code/code", "table/tabl"}},
		{"other scripts", "Ωmega Straße", []string{"ωmega/ωmega", "straße/straße"}},
		{"quotes are not apostrophes at word edges", "'quoted' students'", []string{"quoted/quot", "students/student"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newAnalyser()
			var got []string
			a.each([]byte(tt.text), func(i int32) {
				w := a.words[i]
				if w.Stop {
					got = append(got, w.Surface+"!")
				} else {
					got = append(got, w.Surface+"/"+w.Stem)
				}
			})
			if !slices.Equal(got, tt.want) {
				t.Errorf("words(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ name, md, want string }{
		{"link keeps its text", "See [the guide](../resources/guide.md#start) today.", "See [the guide  today."},
		{"image keeps its alt", "![A ward round](ward.png \"Ward\")", "![A ward round "},
		{"nested parentheses", "[x](https://a.org/b_(c)) y", "[x  y"},
		{"reference definition", "Text.\n[guide]: https://example.org/guide\nMore.", "Text.\nMore."},
		{"autolink and tags", "Mail <team@example.org> or <b>call</b>.", "Mail   or  call ."},
		{"comparison is not a tag", "a < 5 > b", "a < 5 > b"},
		{"entities", "Tom &amp; Jerry &#8212; &nbsp;", "Tom   Jerry    "},
		{"bare URL", "Visit https://www.nhs.uk/conditions/ now", "Visit   now"},
		{"words ending in h", "research http", "research http"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(plainText(nil, []byte(tt.md))); got != tt.want {
				t.Errorf("plainText(%q) = %q, want %q", tt.md, got, tt.want)
			}
		})
	}
}

func TestLead(t *testing.T) {
	got := lead([]byte("## Who we are\n\nWe are a **small** team.\n\n" + strings.Repeat("More words here. ", 20)))
	if !strings.HasPrefix(got, "Who we are We are a small team. More words") || !strings.HasSuffix(got, " …") || len(got) > 200 {
		t.Errorf("lead = %q", got)
	}
}

// FuzzAnalyse checks that any text analyses without panicking into valid
// UTF-8 words of 2 to 40 characters.
func FuzzAnalyse(f *testing.F) {
	for _, s := range []string{"Stroke [rehab](x.md) &amp; <b>", "O'Brien’s café", "\xff\xfe'", "a'", "'s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := newAnalyser()
		a.each(plainText(nil, []byte(s)), func(i int32) {
			w := a.words[i]
			n := utf8.RuneCountInString(w.Surface)
			if !utf8.ValidString(w.Surface) || n < 2 || n > maxWordLen {
				t.Errorf("word %q from %q", w.Surface, s)
			}
		})
	})
}
