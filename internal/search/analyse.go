package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// maxWordLen drops longer runs of letters (hashes, run-together junk)
// from the index; no English word a student types is that long.
const maxWordLen = 40

// word is a token after analysis. Surface is the folded form the client
// looks up ("placements"); Stem is its index term ("placement"). A stop
// word keeps its surface and has Stop set and no stem.
type word struct {
	Surface, Stem string
	Stop          bool
}

// analyser turns text into words. It caches the analysis of every raw
// token it has seen, so stemming costs once per distinct word, not once
// per occurrence, and numbers the words and stems it has seen so a
// document's counts are kept in slices rather than maps. It is not safe
// for concurrent use: give each goroutine its own.
type analyser struct {
	cache map[string]int32 // raw token → index in words
	words []word
	// stemOf is each word's index in stems, -1 for a stop word.
	stemOf []int32
	stems  []string
	stemID map[string]int32
}

func newAnalyser() *analyser {
	return &analyser{cache: map[string]int32{}, stemID: map[string]int32{}}
}

// lookup returns the index of tok's analysis, -1 when it is not indexed.
func (a *analyser) lookup(tok []byte) int32 {
	if i, ok := a.cache[string(tok)]; ok {
		return i
	}
	w := analyse(string(tok))
	i := int32(-1)
	if w.Surface != "" {
		i = int32(len(a.words))
		a.words = append(a.words, w)
		s := int32(-1)
		if !w.Stop {
			var ok bool
			if s, ok = a.stemID[w.Stem]; !ok {
				s = int32(len(a.stems))
				a.stems = append(a.stems, w.Stem)
				a.stemID[w.Stem] = s
			}
		}
		a.stemOf = append(a.stemOf, s)
	}
	a.cache[string(tok)] = i
	return i
}

// each calls fn with the index of each word of text, in order, stop
// words included.
func (a *analyser) each(text []byte, fn func(int32)) {
	eachToken(text, func(tok []byte) {
		if i := a.lookup(tok); i >= 0 {
			fn(i)
		}
	})
}

// eachToken calls fn with each token of text: a maximal run of letters,
// marks and digits, with apostrophes (' or ’) kept when a letter or digit
// follows them on both sides. The client's tokeniser is the same regular
// expression: /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu.
func eachToken(text []byte, fn func([]byte)) {
	start := -1
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:])
		}
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case (r == '\'' || r == '’') && start >= 0 && i+size < len(text) && isWordRune(firstRune(text[i+size:])):
			// an apostrophe inside a word: keep going
		default:
			if start >= 0 {
				fn(text[start:i])
				start = -1
			}
		}
		i += size
	}
	if start >= 0 {
		fn(text[start:])
	}
}

func firstRune(b []byte) rune {
	if b[0] < utf8.RuneSelf {
		return rune(b[0])
	}
	r, _ := utf8.DecodeRune(b)
	return r
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)
}

// analyse folds one token and stems it. An empty Surface means the token
// is not indexed at all.
func analyse(tok string) word {
	s := fold(tok)
	s = strings.TrimSuffix(s, "'s")
	s = strings.ReplaceAll(s, "'", "")
	n := utf8.RuneCountInString(s)
	if n < 2 || n > maxWordLen {
		return word{}
	}
	if english.IsStopWord(s) {
		return word{Surface: s, Stop: true}
	}
	if !lettersOnly(s) {
		return word{Surface: s, Stem: s}
	}
	return word{Surface: s, Stem: english.Stem(s, false)}
}

// fold lower-cases s, decomposes it (NFKD) and drops the combining marks,
// so "Café" and "cafe" are one word; ’ becomes '. The client does the same
// with String.prototype.normalize("NFKD").
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.IsMark(r):
		case r == '’':
			b.WriteByte('\'')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func lettersOnly(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
