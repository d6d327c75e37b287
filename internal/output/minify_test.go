package output

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const page = `<!DOCTYPE html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8">
    <title>Physiotherapy placement – Example ICS</title>
    <script type="application/ld+json">
      {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": "Physiotherapy \u003c/script> placement",
        "timeToComplete": "P6W"
      }
    </script>
    <script type="text/javascript">
      var close = "<\/script>";
    </script>
  </head>
  <body>
    <a class="skip-link" href="#main">Skip to main content</a>
    <main id="main">
      <h1>Physiotherapy placement</h1>
      <img src="ward.jpg" alt="">
      <p>Open to <strong>level 5</strong> students.</p>
      <pre>  indented
    code</pre>
    </main>
  </body>
</html>
`

func TestMinifyByType(t *testing.T) {
	tests := []struct {
		path    string
		in      string
		want    []string // substrings the output must keep
		notWant []string // substrings it must not contain
		smaller bool
		check   func(t *testing.T, out []byte)
	}{
		{
			path: "faculties/x/placements/p/index.html",
			in:   page,
			want: []string{
				`<html lang="en-GB">`, `<head>`, `</head>`, `<body>`, `</body>`, `</html>`, // document tags
				`</p>`, `</h1>`, `</main>`, // end tags
				`class="skip-link"`, `href="#main"`, // quotes
				"<pre>  indented\n    code</pre>",
				`var close="<\/script>"`,
			},
			notWant: []string{"<body>\n", "</h1>\n"},
			smaller: true,
			check: func(t *testing.T, out []byte) {
				m := regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`).FindSubmatch(out)
				if m == nil {
					t.Fatalf("JSON-LD script is gone from %s", out)
				}
				var ld map[string]any
				if err := json.Unmarshal(m[1], &ld); err != nil {
					t.Fatalf("JSON-LD %s is not valid JSON: %v", m[1], err)
				}
				if ld["name"] != "Physiotherapy </script> placement" || ld["@type"] != "EducationalOccupationalProgram" {
					t.Errorf("JSON-LD changed meaning: %v", ld)
				}
				if n := bytes.Count(out, []byte("</script>")); n != 2 {
					t.Errorf("%d </script> tags, want 2: an escaped one came undone", n)
				}
			},
		},
		{
			path:    "assets/site.css",
			in:      "body {\n  color: #212b32;\n  margin: 0px;\n}\n\n/* focus */\na:focus { outline: 3px solid #ffeb3b; }\n",
			want:    []string{"color:#212b32", "outline:3px solid #ffeb3b"},
			notWant: []string{"/* focus */"},
			smaller: true,
		},
		{
			path:    "assets/search.js",
			in:      "// search\nfunction search(query) {\n  const terms = query.split(' ');\n  return terms.length;\n}\nwindow.search = search;\n",
			want:    []string{"window.search="},
			notWant: []string{"// search"},
			smaller: true,
		},
		{
			path:    "placements.json",
			in:      "{\n  \"placements\": [\n    { \"slug\": \"p1\", \"weeks\": 6 }\n  ]\n}\n",
			want:    []string{`{"placements":[{"slug":"p1","weeks":6}]}`},
			smaller: true,
		},
		{
			path:    "site.webmanifest",
			in:      "{\n  \"name\": \"Faculty Hub\"\n}\n",
			want:    []string{`{"name":"Faculty Hub"}`},
			smaller: true,
		},
		{
			path:    "assets/map.svg",
			in:      `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="t">  <title id="t">Map of England</title>  <rect x="0.000" y="0" width="10" height="10"/></svg>`,
			want:    []string{`<title id="t">Map of England</title>`, `role="img"`},
			smaller: true,
		},
		{
			path:    "feed.xml",
			in:      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>Stories</title>\n  <content type=\"html\"><![CDATA[<pre>  a\n    b</pre>]]></content>\n</feed>\n",
			want:    []string{"<title>Stories</title>"},
			smaller: true,
			check: func(t *testing.T, out []byte) {
				var feed struct {
					Content string `xml:"content"`
				}
				if err := xml.Unmarshal(out, &feed); err != nil {
					t.Fatalf("feed is not valid XML: %v", err)
				}
				if want := "<pre>  a\n    b</pre>"; feed.Content != want {
					t.Errorf("CDATA content = %q, want %q as written", feed.Content, want)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			out := writeAndRead(t, Options{Minify: true}, tt.path, tt.in)
			for _, w := range tt.want {
				if !bytes.Contains(out, []byte(w)) {
					t.Errorf("output lost %q:\n%s", w, out)
				}
			}
			for _, w := range tt.notWant {
				if bytes.Contains(out, []byte(w)) {
					t.Errorf("output still has %q:\n%s", w, out)
				}
			}
			if tt.smaller && len(out) >= len(tt.in) {
				t.Errorf("output is %d bytes, input %d: not minified", len(out), len(tt.in))
			}
			if tt.check != nil {
				tt.check(t, out)
			}
		})
	}
}

func TestFilesThatAreNotMinified(t *testing.T) {
	tests := []struct {
		path string
		in   string
	}{
		{"placements/closing.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n  folded line\r\nEND:VCALENDAR\r\n"},
		{"placements.csv", "slug, title\n p1 , \"Physio  placement\"\n"},
		{"robots.txt", "User-agent: *\n\nSitemap: https://example.org/sitemap.xml\n"},
		{"_redirects", "/faculties/old-ics/*   /faculties/new-ics/:splat   301\n"},
		{"images/ward.jpg", "\xff\xd8\xff  not text  \x00"},
		{"guide.pdf", "%PDF-1.7\n  <html>  </html>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if out := writeAndRead(t, Options{Minify: true}, tt.path, tt.in); string(out) != tt.in {
				t.Errorf("changed:\n got %q\nwant %q", out, tt.in)
			}
		})
	}
	t.Run("minification off", func(t *testing.T) {
		if out := writeAndRead(t, Options{}, "index.html", page); string(out) != page {
			t.Errorf("HTML changed with Minify off")
		}
	})
}

func TestMinifySyntaxErrorNamesThePath(t *testing.T) {
	s, err := Stage(filepath.Join(t.TempDir(), "public"), Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	err = s.Write("assets/search.js", []byte("function ( {"))
	if err == nil || !strings.Contains(err.Error(), "minify assets/search.js") {
		t.Errorf("error = %v, want one naming assets/search.js", err)
	}
}

// writeAndRead writes one file through a Site and reads it back.
func writeAndRead(t *testing.T, opts Options, p, content string) []byte {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	s, err := Stage(dest, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	mustDo(t, s.Write(p, []byte(content)))
	mustDo(t, s.Commit())
	out, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}
