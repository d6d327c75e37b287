package check

import (
	"fmt"
	"net/mail"
	"net/url"
	"strings"

	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/diag"
)

// requiredFields reports every required key that is missing or empty,
// including required keys of nested objects that are present.
func requiredFields(c *checker, doc *content.Document, diags *diag.List) {
	if doc.FrontLine == 0 {
		return // bare Markdown: a page needs nothing, the rest get no-front-matter
	}
	missing(doc, content.FieldsOf(doc.Kind), doc.Front(), "", headerLine(doc), 1, diags)
}

func missing(doc *content.Document, specs []content.FieldSpec, f content.Fields, prefix string, line, col int, diags *diag.List) {
	for _, s := range specs {
		field, ok := f[s.Name]
		if s.Type == content.Object && ok {
			missing(doc, s.Fields, f.Object(s.Name), prefix+s.Name+".", field.Key.Line, field.Key.Col, diags)
		}
		if !s.Required {
			continue
		}
		if !ok {
			diags.Errorf(doc.Path, line, col, "missing-field", "%s %s has no %q; add \"%s: ...\" (%s)", article(doc.Kind.String()), doc.Kind, prefix+s.Name, s.Name, s.Doc)
		} else if l, isList := field.Value.([]string); isList && len(l) == 0 {
			diags.Errorf(doc.Path, field.Key.Line, field.Key.Col, "missing-field", "%q is empty; list at least one value (%s)", prefix+s.Name, s.Doc)
		} else if text, isText := field.Value.(string); isText && text == "" {
			diags.Errorf(doc.Path, field.Key.Line, field.Key.Col, "missing-field", "%q is empty; give it a value (%s)", prefix+s.Name, s.Doc)
		}
	}
}

func article(word string) string {
	if strings.ContainsAny(word[:1], "aeiou") {
		return "an"
	}
	return "a"
}

// listWords names each reference list in messages.
var listWords = map[string]string{
	"professions": "profession", "systems": "system", "regions": "region", "partners": "partner",
}

// vocabularyValues reports values outside their vocabulary or reference
// list, with the closest allowed value as a suggestion.
func vocabularyValues(c *checker, doc *content.Document, diags *diag.List) {
	for _, s := range content.FieldsOf(doc.Kind) {
		field, ok := doc.Front()[s.Name]
		if !ok || (s.Vocabulary == "" && s.Values == nil) {
			continue
		}
		allowed := c.allowed(doc, s)
		values := doc.Front().List(s.Name)
		for i, v := range values {
			if contains(allowed, v) {
				continue
			}
			at := field.At(i)
			diags.Errorf(doc.Path, at.Line, at.Col, codeFor(s), "%s", unknownValue(c, doc, s, v, allowed))
		}
	}
}

func codeFor(s content.FieldSpec) string {
	if w, ok := listWords[s.Vocabulary]; ok {
		return "unknown-" + w
	}
	return "unknown-value"
}

func unknownValue(c *checker, doc *content.Document, s content.FieldSpec, v string, allowed []string) string {
	var msg string
	switch s.Vocabulary {
	case "partners":
		msg = fmt.Sprintf("host %q is not a partner of this faculty: there is no content/faculties/%s/partners/%s.md", v, doc.System, v)
	case "professions", "systems", "regions":
		msg = fmt.Sprintf("unknown %s %q in %s: it is not a slug in content/_data/%s.yaml", listWords[s.Vocabulary], v, s.Name, s.Vocabulary)
	default:
		msg = fmt.Sprintf("%s %q is not an allowed value", s.Name, v)
	}
	if sug := content.Suggest(v, allowed); sug != "" {
		return msg + fmt.Sprintf(" (did you mean %q?)", sug)
	}
	if len(allowed) > 0 && len(allowed) <= 15 {
		return msg + "; use one of: " + strings.Join(allowed, ", ")
	}
	return msg
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// unsafeSchemes run code or read local files when followed.
var unsafeSchemes = map[string]bool{"javascript": true, "vbscript": true, "data": true, "file": true}

// urlProblem says what is wrong with a link target, or "".
func urlProblem(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	scheme := strings.ToLower(schemeOf(raw))
	switch {
	case unsafeSchemes[scheme]:
		return fmt.Sprintf("%q uses the unsafe %s: scheme; link to an https:// page instead", raw, scheme)
	case err != nil:
		return fmt.Sprintf("%q is not a valid URL: %v", raw, err.(*url.Error).Err)
	case scheme != "" && scheme != "http" && scheme != "https" && scheme != "mailto" && scheme != "tel":
		return fmt.Sprintf("%q uses the %s: scheme; only https:, http:, mailto: and tel: links are allowed", raw, scheme)
	case (scheme == "http" || scheme == "https") && u.Host == "":
		return fmt.Sprintf("%q has no host; write it as https://example.org/page", raw)
	}
	return ""
}

// schemeOf returns the scheme of a URL the way a browser would read it,
// ignoring the whitespace and control characters browsers strip.
func schemeOf(raw string) string {
	cleaned := strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, raw)
	i := strings.IndexByte(cleaned, ':')
	if i <= 0 || strings.ContainsAny(cleaned[:i], "/?#") {
		return ""
	}
	return cleaned[:i]
}

func isEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.IndexByte(s, '@'):], ".")
}

// urlFields checks front-matter URLs and email addresses: no unsafe
// schemes, well-formed addresses, and relative links that resolve to a
// file beside the page.
func urlFields(c *checker, doc *content.Document, diags *diag.List) {
	c.urlSpecs(doc, content.FieldsOf(doc.Kind), doc.Front(), "", diags)
}

func (c *checker) urlSpecs(doc *content.Document, specs []content.FieldSpec, f content.Fields, prefix string, diags *diag.List) {
	for _, s := range specs {
		field, ok := f[s.Name]
		if !ok {
			continue
		}
		v, _ := field.Value.(string)
		at := field.At(0)
		name := prefix + s.Name
		switch s.Type {
		case content.Object:
			c.urlSpecs(doc, s.Fields, f.Object(s.Name), name+".", diags)
		case content.Email:
			if !isEmail(v) {
				diags.Errorf(doc.Path, at.Line, at.Col, "bad-email", "%s %q is not an email address; write it as name@example.org", name, v)
			}
		case content.URLOrEmail:
			if isEmail(v) {
				continue
			}
			if strings.Contains(v, "@") && schemeOf(v) == "" {
				diags.Errorf(doc.Path, at.Line, at.Col, "bad-email", "%s %q is not an email address; write it as name@example.org", name, v)
				continue
			}
			fallthrough
		case content.URL:
			if p := urlProblem(v); p != "" {
				diags.Errorf(doc.Path, at.Line, at.Col, urlCode(v), "%s %s", name, p)
				continue
			}
			if schemeOf(v) == "" && looksLikeHost(v) {
				diags.Errorf(doc.Path, at.Line, at.Col, "bad-url", "%s %q has no https:// in front; write it as https://%s", name, v, v)
				continue
			}
			if schemeOf(v) == "" && !strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "#") {
				target := resolve(doc, strings.SplitN(v, "#", 2)[0])
				if !c.hub.HasFile(target) && c.hub.Document(target) == nil {
					diags.Errorf(doc.Path, at.Line, at.Col, "missing-file", "%s %q: there is no file %s; put the file beside the page or give a full https:// URL", name, v, target)
				}
			}
		}
	}
}

func urlCode(v string) string {
	if unsafeSchemes[strings.ToLower(schemeOf(v))] {
		return "unsafe-url"
	}
	return "bad-url"
}

// facultyOwnership reports faculty content outside a known system or
// without its faculty page, and a faculty whose system key disagrees with
// its folder.
func facultyOwnership(c *checker, doc *content.Document, diags *diag.List) {
	if doc.System == "" {
		return
	}
	if !contains(c.lists["systems"], doc.System) {
		if doc.Kind == content.KindFaculty {
			msg := fmt.Sprintf("folder content/faculties/%s/ does not name a system in content/_data/systems.yaml", doc.System)
			if s := content.Suggest(doc.System, c.lists["systems"]); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			diags.Errorf(doc.Path, 1, 1, "unknown-system", "%s; rename the folder to a system's slug", msg)
		}
		return
	}
	if doc.Kind == content.KindFaculty {
		// An unknown system key is reported as such by vocabularyValues.
		if f, ok := doc.Front()["system"]; ok && doc.Front().String("system") != doc.System && contains(c.lists["systems"], doc.Front().String("system")) {
			diags.Errorf(doc.Path, f.Key.Line, f.Key.Col, "system-mismatch", "system %q does not match the folder %q; remove the key or move the faculty to content/faculties/%s/", doc.Front().String("system"), doc.System, doc.Front().String("system"))
		}
		return
	}
	if c.faculties[doc.System] == nil {
		diags.Errorf(doc.Path, 1, 1, "no-faculty", "content/faculties/%s/_index.md is missing; create the faculty page with `facultyhub new faculty %s`", doc.System, doc.System)
	}
}

// looksLikeHost reports whether a scheme-less address starts with a domain
// name (www.example.org/page) rather than a file name (report.pdf).
func looksLikeHost(v string) bool {
	host, _, _ := strings.Cut(v, "/")
	tld := host[strings.LastIndexByte(host, '.')+1:]
	return strings.HasPrefix(host, "www.") || (strings.Contains(host, ".") && webTLDs[strings.ToLower(tld)])
}

// webTLDs are the endings of the web addresses UK health bodies use.
var webTLDs = map[string]bool{"uk": true, "org": true, "com": true, "net": true, "gov": true, "nhs": true, "io": true}
