package markdown

import (
	"bytes"
	"io"

	"github.com/yuin/goldmark/ast"
)

// Resolver maps a link or image destination, as the author wrote it, to
// its address on the site. ok is false for destinations to leave alone
// (absolute URLs, mailto: links).
type Resolver func(dest string) (url string, ok bool)

// rewriteLinks rewrites the link and image destinations of doc with
// resolve, so that relative links to Markdown files and co-located files
// become site URLs and a page reads the same on the git host and on the
// site.
func rewriteLinks(doc ast.Node, resolve Resolver) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if u, ok := resolve(string(n.Destination)); ok {
				n.Destination = []byte(u)
			}
		case *ast.Image:
			if u, ok := resolve(string(n.Destination)); ok {
				n.Destination = []byte(u)
			}
		}
		return ast.WalkContinue, nil
	})
}

// Render converts src to HTML on w, rewriting link destinations with
// resolve (which may be nil).
func (m *Markdown) Render(w io.Writer, src []byte, resolve Resolver) error {
	return m.render(w, src, resolve, nil)
}

// RenderOutline is Render, and also returns what Outline would: both are
// read from one parse, so a build that renders every body need not parse
// them again for its checks.
func (m *Markdown) RenderOutline(w io.Writer, src []byte, resolve Resolver) (Outline, error) {
	var o Outline
	err := m.render(w, src, resolve, &o)
	return o, err
}

func (m *Markdown) render(w io.Writer, src []byte, resolve Resolver, outline *Outline) error {
	doc := m.Parse(src)
	if outline != nil {
		// Before the links are rewritten: the outline holds them as
		// the author wrote them.
		*outline = outlineOf(doc, src)
	}
	if resolve != nil {
		rewriteLinks(doc, resolve)
	}
	if b, ok := w.(*bytes.Buffer); ok {
		w = bufferWriter{b}
	}
	return m.md.Renderer().Render(w, src, doc)
}

// bufferWriter lets goldmark write straight into a bytes.Buffer: given
// another writer, it wraps it in a new 4 KB bufio.Writer per document.
type bufferWriter struct{ *bytes.Buffer }

func (bufferWriter) Flush() error     { return nil }
func (b bufferWriter) Buffered() int  { return b.Len() }
func (b bufferWriter) Available() int { return b.Cap() - b.Len() }
