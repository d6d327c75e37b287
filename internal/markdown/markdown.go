// Package markdown holds Faculty Hub's one goldmark configuration:
// CommonMark with GFM tables, autolinks and strikethrough, and
// GitHub-style heading IDs, so that "#anchor" links work the same on the
// git host and on the site. Everything else (link rewriting, checks) is
// done on the AST, never on HTML strings.
package markdown

import (
	"bytes"
	"strconv"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Options configure the Markdown dialect.
type Options struct {
	// Unsafe lets raw HTML through; otherwise it is escaped.
	Unsafe bool
}

// Markdown parses and renders Faculty Hub Markdown. It is safe for
// concurrent use.
type Markdown struct {
	md goldmark.Markdown
}

// New returns a Markdown configured with opts.
func New(opts Options) *Markdown {
	rendererOpts := []goldmark.Option{}
	if opts.Unsafe {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	md := goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(extension.Table, linkifyExtension, extension.Strikethrough),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)...)
	return &Markdown{md: md}
}

// Parse parses src into an AST. Heading IDs are assigned GitHub-style.
func (m *Markdown) Parse(src []byte) ast.Node {
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	return m.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
}

// ids generates GitHub-style heading IDs: lowercase letters and digits,
// spaces and hyphens as hyphens, other punctuation dropped, and -1, -2 …
// added to repeats.
type ids struct {
	seen map[string]bool
}

func newIDs() *ids { return &ids{seen: map[string]bool{}} }

// Slugify returns the GitHub-style anchor of a heading text.
func Slugify(heading []byte) string {
	var b bytes.Buffer
	for _, r := range string(heading) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			b.WriteRune(unicode.ToLower(r))
		case r == ' ' || r == '-':
			b.WriteByte('-')
		}
	}
	return b.String()
}

func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Slugify(value)
	if base == "" {
		base = "section"
	}
	id := base
	for n := 1; s.seen[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.seen[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.seen[string(value)] = true }
