package markdown

import (
	"bytes"
	"io"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Resolver maps a link or image destination, as the author wrote it, to
// its address on the site. ok is false for destinations to leave alone
// (absolute URLs, mailto: links).
type Resolver func(dest string) (url string, ok bool)

var resolverKey = parser.NewContextKey()

// linkRewriter is the AST transformer that rewrites relative links to
// Markdown files and co-located files into site URLs, so a page reads the
// same on the git host and on the site.
type linkRewriter struct{}

func (linkRewriter) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	resolve, _ := pc.Get(resolverKey).(Resolver)
	if resolve == nil {
		return
	}
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
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	if resolve != nil {
		ctx.Set(resolverKey, resolve)
	}
	doc := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
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
