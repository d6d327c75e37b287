package output

import (
	"bytes"
	"testing"
)

// BenchmarkMinifyHTML minifies pages shaped like the theme's (benchPage,
// about 8 KB each) as Site.Write does, into a reused buffer, one page an
// operation and without writing anything, so that the minifier's share
// of BenchmarkWriteSite/minify=true stands apart from the filesystem's.
// The build no longer pays it for pages, which come out of minified
// layouts (Minifier.Layout) and are written with WriteMinified: the
// figure is what that saves per page. Run it with
//
//	go test ./internal/output -run XXX -bench MinifyHTML -count 5
//
// MB/s counts the HTML before minification.
func BenchmarkMinifyHTML(b *testing.B) {
	m := NewMinifier()
	var buf bytes.Buffer
	pages := make([][]byte, 500)
	var total, minified int
	for i := range pages {
		pages[i] = benchPage(i)
		out, err := m.into(&buf, "index.html", pages[i])
		if err != nil {
			b.Fatal(err)
		}
		total += len(pages[i])
		minified += len(out)
	}
	b.SetBytes(int64(total / len(pages)))
	i := 0
	for b.Loop() {
		if _, err := m.into(&buf, "index.html", pages[i%len(pages)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(minified)/float64(total)*100, "%size")
}
