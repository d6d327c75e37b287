package markdown

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Ref is a link or image in a Markdown body.
type Ref struct {
	Image bool
	Dest  string
	// Alt is an image's text alternative (empty when missing).
	Alt string
	// Line and Col are 1-based, counted within the parsed source.
	Line, Col int
}

// Outline is what checks need from one parsed body.
type Outline struct {
	Refs []Ref
	// Anchors holds the ID of every heading.
	Anchors map[string]bool
}

// Outline parses src and lists the links, images and heading anchors its
// author wrote. It reads the AST the page is rendered from (tables,
// strikethrough and all), so that checks judge the links readers get.
// Bare URLs that the renderer turns into links (Linkify) are not listed:
// they are absolute http(s), ftp or email addresses the author did not
// write as links.
func (m *Markdown) Outline(src []byte) Outline {
	return outlineOf(m.Parse(src), src)
}

// outlineOf lists the links, images and anchors of doc, parsed from src.
func outlineOf(doc ast.Node, src []byte) Outline {
	lines := lineStarts(src)
	out := Outline{Anchors: map[string]bool{}}
	last := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			last = n.Lines().At(0).Start
		}
		switch n := n.(type) {
		case *ast.Text:
			// An inline without text of its own (![](x.png), <url>)
			// starts where the text before it stops.
			last = n.Segment.Stop
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					out.Anchors[string(b)] = true
				}
			}
		case *ast.Link:
			line, col := position(src, lines, start(n, last, 1))
			out.Refs = append(out.Refs, Ref{Dest: string(n.Destination), Line: line, Col: col})
		case *ast.Image:
			line, col := position(src, lines, start(n, last, 2))
			out.Refs = append(out.Refs, Ref{Image: true, Dest: string(n.Destination), Alt: altText(n, src), Line: line, Col: col})
		case *ast.AutoLink:
			if !written(n, src) {
				break
			}
			line, col := position(src, lines, last)
			dest := string(n.URL(src))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
				dest = "mailto:" + dest
			}
			out.Refs = append(out.Refs, Ref{Dest: dest, Line: line, Col: col})
		}
		return ast.WalkContinue, nil
	})
	return out
}

// written reports whether an autolink was written as one, <https://…>,
// rather than found by Linkify in plain text: whether goldmark's
// autolink parser would read the source around it as it does.
func written(n *ast.AutoLink, src []byte) bool {
	label := n.Label(src)
	// The label is a slice of src: the capacities give its offset.
	start := cap(src) - cap(label)
	stop := start + len(label)
	if len(label) == 0 || start < 1 || stop >= len(src) || &src[start] != &label[0] {
		return false
	}
	if src[start-1] != '<' || src[stop] != '>' {
		return false
	}
	rest := src[start:]
	end := util.FindEmailIndex(rest)
	if end < 0 {
		end = util.FindURLIndex(rest)
	}
	return end == len(label)
}

// start estimates where an inline link or image begins: just before its
// first text, or where the text before it ended.
func start(n ast.Node, last, opener int) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return max(t.Segment.Start-opener, 0)
		}
	}
	return last
}

func altText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return string(bytes.TrimSpace(b.Bytes()))
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// position turns a byte offset into a 1-based line and rune column.
func position(src []byte, starts []int, off int) (line, col int) {
	off = min(off, len(src))
	lo, hi := 0, len(starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, utf8.RuneCount(src[starts[lo]:off]) + 1
}
