package output

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
)

// benchPage returns a placement page of about 8 KB, shaped like the theme's:
// indented markup, a JSON-LD block, navigation, a body of paragraphs.
func benchPage(i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Placement %d – Faculty Hub</title>
    <link rel="canonical" href="https://example.org/faculties/f%02d/placements/p%d/">
    <link rel="stylesheet" href="/assets/site.0123456789.css">
    <script type="application/ld+json">
      {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": "Placement %d",
        "timeToComplete": "P6W",
        "provider": { "@type": "Organization", "name": "Example NHS Trust" }
      }
    </script>
  </head>
  <body>
    <a class="nhsuk-skip-link" href="#maincontent">Skip to main content</a>
    <header class="nhsuk-header" role="banner">
      <nav class="nhsuk-header__navigation" aria-label="Primary navigation">
        <ul class="nhsuk-header__navigation-list">
`, i, i%42, i, i)
	for n := range 12 {
		fmt.Fprintf(&b, "          <li class=\"nhsuk-header__navigation-item\"><a class=\"nhsuk-header__navigation-link\" href=\"/section-%d/\">Section %d</a></li>\n", n, n)
	}
	b.WriteString("        </ul>\n      </nav>\n    </header>\n    <main class=\"nhsuk-main-wrapper\" id=\"maincontent\">\n")
	for b.Len() < 7600 {
		fmt.Fprintf(&b, `      <section class="nhsuk-u-margin-bottom-5">
        <h2 class="nhsuk-heading-m">About placement %d</h2>
        <p class="nhsuk-body">
          Students on this placement work with the <strong>community therapy team</strong>,
          supported by a practice educator, on a <a href="/models/peer-assisted/">peer-assisted</a> model.
        </p>
      </section>
`, i)
	}
	b.WriteString("    </main>\n    <footer role=\"contentinfo\"><p>&copy; Example ICS</p></footer>\n  </body>\n</html>\n")
	return []byte(b.String())
}

// BenchmarkWriteSite writes a national-scale site of 15,000 pages of about
// 8 KB through a Site from GOMAXPROCS goroutines and commits it over the
// previous build, as facultyhub build does. MB/s counts input bytes.
func BenchmarkWriteSite(b *testing.B) {
	const pages = 15000
	paths := make([]string, pages)
	bodies := make([][]byte, pages)
	var total int64
	for i := range pages {
		paths[i] = fmt.Sprintf("faculties/f%02d/placements/p%05d/index.html", i%42, i)
		bodies[i] = benchPage(i)
		total += int64(len(bodies[i]))
	}
	for _, minify := range []bool{true, false} {
		b.Run(fmt.Sprintf("minify=%v", minify), func(b *testing.B) {
			dest := filepath.Join(b.TempDir(), "public")
			b.SetBytes(total)
			var commit time.Duration
			var stats Stats
			for b.Loop() {
				s, err := Stage(dest, Options{Minify: minify})
				if err != nil {
					b.Fatal(err)
				}
				var g errgroup.Group
				g.SetLimit(runtime.GOMAXPROCS(0))
				for i := range paths {
					g.Go(func() error { return s.Write(paths[i], bodies[i]) })
				}
				if err := g.Wait(); err != nil {
					b.Fatal(err)
				}
				stats = s.Stats()
				start := time.Now()
				if err := s.Commit(); err != nil {
					b.Fatal(err)
				}
				commit += time.Since(start)
			}
			b.ReportMetric(float64(commit.Milliseconds())/float64(b.N), "commit-ms/op")
			b.ReportMetric(float64(stats.Bytes)/float64(total)*100, "%size")
		})
	}
}
