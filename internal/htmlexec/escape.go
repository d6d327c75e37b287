package htmlexec

import (
	"bytes"
	"html/template"
	"reflect"
	"strings"
	"sync"
	"text/template/parse"
	"unicode/utf8"
)

// escaperPrefix begins the names of the functions html/template adds to
// actions.
const escaperPrefix = "_html_template_"

// splitEscapers parts a pipeline into its own commands and the escapers
// html/template added after them.
func splitEscapers(cmds []*parse.CommandNode) (own []*parse.CommandNode, escapers []string) {
	i := len(cmds)
	for i > 0 {
		id, ok := cmds[i-1].Args[0].(*parse.IdentifierNode)
		if !ok || len(cmds[i-1].Args) != 1 || !strings.HasPrefix(id.Ident, escaperPrefix) {
			break
		}
		i--
	}
	for _, c := range cmds[i:] {
		escapers = append(escapers, c.Args[0].(*parse.IdentifierNode).Ident)
	}
	return cmds[:i], escapers
}

// chain is the escapers of one action, applied in turn.
type chain struct {
	// plain escapes a string, or is nil when one of the escapers has no
	// equivalent here.
	plain func(s string) string
	// identity lists the types of content the chain writes as they are
	// (template.HTML through the text escaper, template.JS through the
	// script one).
	identity reflect.Type
	oracle   *oracle
}

// write escapes v into w. Strings go through plain, content through the
// chain's identity, and anything else through html/template itself.
func (c *chain) write(w *bytes.Buffer, v reflect.Value) error {
	if v.IsValid() {
		switch t := v.Type(); {
		case t == stringType && c.plain != nil:
			w.WriteString(c.plain(v.String()))
			return nil
		case t == c.identity:
			w.WriteString(v.String())
			return nil
		}
	}
	return c.oracle.write(w, v)
}

// plainEscapers are equivalents of html/template's escapers for plain
// strings; TestEscapersMatchHTMLTemplate holds each to html/template.
var plainEscapers = map[string]func(string) string{
	escaperPrefix + "htmlescaper":   escapeHTML,
	escaperPrefix + "attrescaper":   escapeHTML,
	escaperPrefix + "rcdataescaper": escapeHTML,
	escaperPrefix + "urlfilter":     filterURL,
	escaperPrefix + "urlnormalizer": func(s string) string { return escapeURL(s, true) },
	escaperPrefix + "urlescaper":    func(s string) string { return escapeURL(s, false) },
}

var identities = map[string]reflect.Type{
	escaperPrefix + "htmlescaper":  reflect.TypeFor[template.HTML](),
	escaperPrefix + "jsvalescaper": reflect.TypeFor[template.JS](),
}

// newChain returns the chain of the escapers named, if html/template
// makes it in one of the contexts oracles know.
func newChain(escapers []string) (*chain, error) {
	key := strings.Join(escapers, " ")
	o := oracles()[key]
	if o == nil {
		return nil, unsupported("escapers %s", key)
	}
	c := &chain{oracle: o}
	if len(escapers) == 1 {
		c.identity = identities[escapers[0]]
	}
	fns := make([]func(string) string, len(escapers))
	for i, e := range escapers {
		fns[i] = plainEscapers[e]
		if fns[i] == nil {
			fns = nil
			break
		}
	}
	switch len(fns) {
	case 0:
	case 1:
		c.plain = fns[0]
	default:
		c.plain = func(s string) string {
			for _, f := range fns {
				s = f(s)
			}
			return s
		}
	}
	return c, nil
}

// An oracle escapes a value as html/template does in one context: it is a
// template of a single action in that context, between two texts.
type oracle struct {
	tmpl           *template.Template
	prefix, suffix string
}

func (o *oracle) write(w *bytes.Buffer, v reflect.Value) error {
	var data any
	if v.IsValid() {
		if v.Type() == reflectValueTyp {
			return errBail // as data, a reflect.Value would be taken for the value it holds
		}
		data = v.Interface()
	}
	start := w.Len()
	if err := o.tmpl.Execute(w, data); err != nil {
		return errBail
	}
	out := w.Bytes()[start:]
	if !bytes.HasPrefix(out, []byte(o.prefix)) || !bytes.HasSuffix(out[len(o.prefix):], []byte(o.suffix)) {
		return errBail
	}
	n := len(out) - len(o.prefix) - len(o.suffix)
	copy(out, out[len(o.prefix):len(o.prefix)+n])
	w.Truncate(start + n)
	return nil
}

// contexts are the places an action can stand that oracles are made
// for; each gives html/template's escaper chain for that place.
var contexts = []string{
	`{{.}}`,
	`<p title="{{.}}">`,
	`<p title='{{.}}'>`,
	`<p title={{.}}>`,
	`<a href="{{.}}">`,
	`<a href="/{{.}}">`,
	`<a href="/?q={{.}}">`,
	`<a href={{.}}>`,
	`<title>{{.}}</title>`,
	`<textarea>{{.}}</textarea>`,
	`<script>{{.}}</script>`,
	`<script>"{{.}}"</script>`,
	`<p onclick="{{.}}">`,
	`<p style="{{.}}">`,
	`<style>{{.}}</style>`,
	`<img srcset="{{.}}">`,
	`<meta http-equiv="refresh" content="0; url={{.}}">`,
}

var oracles = sync.OnceValue(func() map[string]*oracle {
	m := map[string]*oracle{}
	for _, src := range contexts {
		t := template.Must(template.New("oracle").Parse(src))
		// The first execution escapes the template; its output is not
		// needed.
		if err := t.Execute(&bytes.Buffer{}, ""); err != nil {
			continue
		}
		nodes := t.Tree.Root.Nodes
		var prefix, suffix string
		action := -1
		for i, n := range nodes {
			switch n := n.(type) {
			case *parse.ActionNode:
				action = i
			case *parse.TextNode:
				if action < 0 {
					prefix += string(n.Text)
				} else {
					suffix += string(n.Text)
				}
			}
		}
		if action < 0 {
			continue
		}
		own, esc := splitEscapers(nodes[action].(*parse.ActionNode).Pipe.Cmds)
		key := strings.Join(esc, " ")
		if len(own) != 1 || key == "" || m[key] != nil {
			continue
		}
		m[key] = &oracle{tmpl: t, prefix: prefix, suffix: suffix}
	}
	return m
})

// htmlEscapes are the replacements html/template's HTML, attribute and
// RCDATA escapers make in a plain string.
var htmlEscapes = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

func escapeHTML(s string) string {
	i := 0
	for i < len(s) && (int(s[i]) >= len(htmlEscapes) || htmlEscapes[s[i]] == "") {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if int(c) < len(htmlEscapes) && htmlEscapes[c] != "" {
			b.WriteString(htmlEscapes[c])
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// filterURL is html/template's URL filter: a URL with a scheme other
// than http, https or mailto becomes "#ZgotmplZ".
func filterURL(s string) string {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return s
	}
	if strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto") {
		return s
	}
	return "#ZgotmplZ"
}

// escapeURL percent-encodes the bytes html/template's URL normalizer
// (normalize) or URL escaper encodes.
func escapeURL(s string, normalize bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if urlKeeps(c, normalize) {
			continue
		}
		if c == '%' && normalize && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(lowerHex[c>>4])
		b.WriteByte(lowerHex[c&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

const lowerHex = "0123456789abcdef"

// urlKeeps reports whether c stands as it is in a URL: the unreserved
// characters always, the reserved ones when normalizing.
func urlKeeps(c byte, normalize bool) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	case c == '-' || c == '.' || c == '_' || c == '~':
		return true
	case c < utf8.RuneSelf && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
		return normalize
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
