package search

import (
	"bytes"
)

// plainText appends to dst the words a reader sees in a Markdown body, cheaply:
// the tokeniser already ignores punctuation, so only what would add words
// nobody reads is removed — link and image destinations, reference
// definitions, HTML tags, entities and bare URLs. Parsing the Markdown
// properly would cost a third of the index's time budget for the same
// words.
func plainText(dst, md []byte) []byte {
	out := dst
	for len(md) > 0 {
		line := md
		if i := bytes.IndexByte(md, '\n'); i >= 0 {
			line, md = md[:i+1], md[i+1:]
		} else {
			md = nil
		}
		if isReferenceDefinition(line) {
			continue
		}
		out = appendLineText(out, line)
	}
	return out
}

// isReferenceDefinition reports whether line is `[label]: destination`.
func isReferenceDefinition(line []byte) bool {
	t := bytes.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) == 0 || t[0] != '[' {
		return false
	}
	i := bytes.Index(t, []byte("]:"))
	return i > 1 && bytes.IndexByte(t[1:i], ']') < 0
}

func appendLineText(out, line []byte) []byte {
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ']' && i+1 < len(line) && line[i+1] == '(':
			// [text](destination "title"): keep the text, drop the rest
			if end := closingParen(line, i+1); end > 0 {
				out = append(out, ' ')
				i = end + 1
				continue
			}
		case c == '<':
			if end := bytes.IndexByte(line[i:], '>'); end > 0 && isTag(line[i+1:i+end]) {
				out = append(out, ' ')
				i += end + 1
				continue
			}
		case c == '&':
			if end := bytes.IndexByte(line[i:], ';'); end > 1 && end < 10 && isEntityName(line[i+1:i+end]) {
				out = append(out, ' ')
				i += end + 1
				continue
			}
		case c == 'h' && (bytes.HasPrefix(line[i:], []byte("https://")) || bytes.HasPrefix(line[i:], []byte("http://"))):
			if i == 0 || !isWordByte(line[i-1]) {
				j := i
				for j < len(line) && line[j] != ' ' && line[j] != '\n' && line[j] != ')' && line[j] != '>' {
					j++
				}
				out = append(out, ' ')
				i = j
				continue
			}
		}
		out = append(out, c)
		i++
	}
	return out
}

// closingParen returns the index of the parenthesis closing the one at
// open, allowing one level of nesting, or -1 when the line has none.
func closingParen(line []byte, open int) int {
	depth := 0
	for j := open; j < len(line); j++ {
		switch line[j] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// isTag reports whether s (between < and >) looks like an HTML tag, a
// comment or an autolink rather than a comparison ("< 5 >").
func isTag(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	c := s[0]
	if c == '/' || c == '!' {
		return true
	}
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isEntityName(s []byte) bool {
	if s[0] == '#' {
		s = s[1:]
	}
	if len(s) == 0 {
		return false
	}
	for _, c := range s {
		if !isWordByte(c) {
			return false
		}
	}
	return true
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
