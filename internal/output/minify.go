package output

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// mediaType returns the media type a site path is minified as; anything
// not listed (.ics, .csv, .txt, _redirects, images) is written as is.
func mediaType(p string) (string, bool) {
	switch strings.ToLower(path.Ext(p)) {
	case ".html", ".htm":
		return "text/html", true
	case ".css":
		return "text/css", true
	case ".js", ".mjs":
		return "application/javascript", true
	case ".json", ".webmanifest":
		return "application/json", true
	case ".svg":
		return "image/svg+xml", true
	case ".xml":
		return "text/xml", true
	}
	return "", false
}

// Minifier minifies site files by the extension of their path. Make one
// with [NewMinifier] and share it: it is safe for concurrent use.
//
// The HTML minifier keeps the <html>, <head> and <body> tags with their
// attributes (so <html lang> survives), every end tag and every attribute
// quote, which is what assistive technology and HTML checkers cope with
// best. Inline <style>, <script> (including JSON-LD,
// type="application/ld+json", which is minified as JSON) and <svg> are
// minified as their own type; a script of a type it does not know, such as
// type="module", is kept as written. Beyond that it drops comments,
// whitespace that does not render (<pre> and <textarea> are kept) and
// attributes at their default value (type="text" on <input>), and writes
// alt="" and disabled="disabled" in their equivalent short forms (alt,
// disabled).
//
// The XML minifier collapses runs of whitespace in text, escaped markup
// included, which would flatten a <pre> inside an Atom entry's
// <content type="html">; text in a CDATA section is kept as written, so
// feeds should carry HTML that way.
type Minifier struct {
	m *minify.M
	// layouts minifies html/template sources, leaving actions as written.
	layouts *minify.M
}

// NewMinifier returns a Minifier configured for Faculty Hub's output.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{
		KeepDocumentTags: true,
		KeepEndTags:      true,
		KeepQuotes:       true,
	})
	m.Add("text/css", &css.Minifier{})
	m.Add("image/svg+xml", &svg.Minifier{})
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), escapingJS(&js.Minifier{}))
	m.AddRegexp(regexp.MustCompile(`^(application|text)/(.+\+)?json$`), &json.Minifier{})
	m.AddRegexp(regexp.MustCompile(`^(application|text)/(.+\+)?xml$`), &xml.Minifier{})
	layouts := minify.New()
	layouts.Add("text/html", &html.Minifier{
		KeepDocumentTags: true,
		KeepEndTags:      true,
		KeepQuotes:       true,
		TemplateDelims:   html.GoTemplateDelims,
	})
	// A layout's own inline script (the search page's) is minified as a
	// page's would be; JSON-LD, made by an action, is left alone.
	layouts.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), escapingJS(&js.Minifier{}))
	return &Minifier{m: m, layouts: layouts}
}

// Layout minifies the source of an html/template layout, leaving its
// {{actions}} as written. Pages rendered from minified layouts need no
// minifying of their own but for what the actions insert, which is
// escaped text, compact JSON and Markdown's HTML: minifying twenty
// thousand pages was a sixth of a national build's CPU, minifying thirty
// layouts is nothing.
func (m *Minifier) Layout(name string, src []byte) ([]byte, error) {
	var out bytes.Buffer
	if err := m.layouts.Minify("text/html", &out, bytes.NewReader(src)); err != nil {
		return nil, fmt.Errorf("output: minify %s: %w", name, err)
	}
	return out.Bytes(), nil
}

// escapingJS always asks the JS minifier to keep "</script" escaped. The
// HTML minifier only asks for it in a <script> without a type attribute, so
// in <script type="text/javascript"> a string "<\/script>" came out as
// "</script>" and ended the script early. Escaping is harmless in a .js file.
func escapingJS(o *js.Minifier) minify.MinifierFunc {
	return func(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
		escaped := map[string]string{"escape-html": "1"}
		for k, v := range params {
			if k != "escape-html" {
				escaped[k] = v
			}
		}
		return o.Minify(m, w, r, escaped)
	}
}

// Bytes returns data minified as the type p's extension names, or data
// itself when that type is not minified. A syntax error is reported with p
// and the line and column the minifier stopped at.
func (m *Minifier) Bytes(p string, data []byte) ([]byte, error) {
	if _, ok := mediaType(p); !ok {
		return data, nil
	}
	var out bytes.Buffer
	return m.into(&out, p, data)
}

// into minifies data into out, which it resets, and returns out's bytes.
// The caller must know that p's type is minified.
func (m *Minifier) into(out *bytes.Buffer, p string, data []byte) ([]byte, error) {
	mt, _ := mediaType(p)
	out.Reset()
	out.Grow(len(data))
	// The parser reads from anything with a Bytes method without copying,
	// but then briefly writes a NUL just past len(data) if cap allows: the
	// cap limit keeps it off memory the caller may still be using.
	in := bytes.NewBuffer(data[:len(data):len(data)])
	if err := m.m.Minify(mt, out, in); err != nil {
		return nil, fmt.Errorf("output: minify %s: %w", p, err)
	}
	return out.Bytes(), nil
}
