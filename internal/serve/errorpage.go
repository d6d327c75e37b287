package serve

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/facultyhub/facultyhub/internal/diag"
)

// errorTemplate is the page served in place of every page while the
// latest build has failed. It is self-contained (no theme, no CSS file),
// so it shows even when the theme is what broke; html/template escapes
// every message, which may quote the author's text.
var errorTemplate = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed: Faculty Hub preview</title>
<style>
body{font-family:Arial,sans-serif;color:#212b32;background:#f0f4f5;margin:0;padding:1rem;line-height:1.5}
main{max-width:60rem;margin:0 auto;background:#fff;border-top:.5rem solid #d5281b;padding:1rem 1.5rem}
h1{font-size:1.75rem;margin:.5rem 0}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
ol{padding-left:1.5rem}
li{margin:.75rem 0}
code,pre{font-family:Consolas,Menlo,monospace;font-size:.95rem}
.where{font-weight:bold;word-break:break-all}
.error{color:#d5281b;font-weight:bold}
.warning{color:#7a4300;font-weight:bold}
.code{color:#4c6272}
pre{white-space:pre-wrap;background:#f0f4f5;padding:1rem}
</style>
</head>
<body>
<main>
<h1>The site could not be built</h1>
<p>Fix what is listed below and save the file: this page reloads by itself.
{{- if .HasSite}} Until then, pages show this list; other files come from the last build that worked.{{end}}</p>
{{with .Err}}<h2>The build stopped</h2>
<pre>{{.}}</pre>{{end}}
{{with .Errors}}<h2>{{len .}} {{if eq (len .) 1}}error{{else}}errors{{end}}</h2>
<ol>{{range .}}
<li><code class="where">{{.Where}}</code> <span class="error">error:</span> {{.Message}} <span class="code">({{.Code}})</span></li>{{end}}
</ol>{{end}}
{{with .Warnings}}<h2>{{len .}} {{if eq (len .) 1}}warning{{else}}warnings{{end}}</h2>
<ol>{{range .}}
<li><code class="where">{{.Where}}</code> <span class="warning">warning:</span> {{.Message}} <span class="code">({{.Code}})</span></li>{{end}}
</ol>{{end}}
</main>
</body>
</html>
`))

// problem is one diagnostic as the error page shows it.
type problem struct {
	Where, Message, Code string
}

// errorPage renders the diagnostics page for a failed build.
func errorPage(sn *snapshot) []byte {
	data := struct {
		Errors, Warnings []problem
		Err              string
		HasSite          bool
	}{HasSite: sn.files != nil}
	if sn.err != nil {
		data.Err = sn.err.Error()
	}
	for _, d := range sn.diags {
		p := problem{Where: fmt.Sprintf("%s:%d:%d", d.Path, max(d.Line, 1), max(d.Col, 1)), Message: d.Message, Code: d.Code}
		if d.Severity == diag.Error {
			data.Errors = append(data.Errors, p)
		} else {
			data.Warnings = append(data.Warnings, p)
		}
	}
	var b bytes.Buffer
	if err := errorTemplate.Execute(&b, data); err != nil {
		// Only a bug in the template gets here; say so rather than
		// serve half a page.
		return []byte("<!DOCTYPE html><title>Build failed</title><p>The build failed, and so did the page listing why: " +
			template.HTMLEscapeString(err.Error()) + "</p></body>")
	}
	return b.Bytes()
}
