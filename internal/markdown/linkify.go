package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkifyExtension is goldmark's GFM autolinks (extension.Linkify), asked
// only about lines where a link can start.
//
// goldmark's autolink parser is triggered by every space of every
// paragraph, and at each one scans the word after it for an address:
// nearly half a second of a national build's CPU. It can only find a
// link where the rest of the line holds an "@" (an email address), a
// ":" (http:, https:, ftp:) or "www.", so a line without any of them is
// looked at once and then skipped. TestLinkifyAsGoldmark holds the
// output to extension.Linkify's.
var linkifyExtension goldmark.Extender = linkifyExtender{}

type linkifyExtender struct{}

// Extend registers the parser where extension.Linkify registers its own.
func (linkifyExtender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(linkify{extension.NewLinkifyParser()}, 999),
	))
}

// linkify wraps goldmark's autolink parser.
type linkify struct{ parser.InlineParser }

// linkFree is the context key of the part of a line already known to
// hold no link: a *lineSpan.
var linkFree = parser.NewContextKey()

// lineSpan is a part of the source, from start to stop.
type lineSpan struct{ start, stop int }

func (l linkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	free, _ := pc.Get(linkFree).(*lineSpan)
	if free != nil && seg.Stop == free.stop && seg.Start >= free.start {
		return nil
	}
	if mayLink(line) {
		return l.InlineParser.Parse(parent, block, pc)
	}
	if free == nil {
		free = &lineSpan{}
		pc.Set(linkFree, free)
	}
	free.start, free.stop = seg.Start, seg.Stop
	return nil
}

// mayLink reports whether an autolink can start anywhere in line.
func mayLink(line []byte) bool {
	return bytes.IndexByte(line, '@') >= 0 || bytes.IndexByte(line, ':') >= 0 || bytes.Contains(line, []byte("www."))
}
