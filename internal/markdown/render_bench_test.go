package markdown_test

import (
	"io"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/facultyhub/facultyhub/bench/corpus"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/markdown"
)

// BenchmarkRenderNational renders the Markdown body of every document of
// the national-scale generated corpus (about 15,600) to HTML, one after
// the other, with links to other documents rewritten to their URLs as
// the render phase does. Run it with
//
//	go test ./internal/markdown -run XXX -bench RenderNational -count 5
//
// MB/s counts the Markdown read.
func BenchmarkRenderNational(b *testing.B) {
	dir := b.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{}); err != nil {
		b.Fatal(err)
	}
	hub, diags := content.Load(os.DirFS(dir))
	if diags.HasErrors() {
		b.Fatalf("the corpus has errors: %v", diags[0])
	}
	urls := make(map[string]string, len(hub.Documents))
	var size int64
	for _, d := range hub.Documents {
		urls[d.Path] = d.URL
		size += int64(len(d.Body))
	}
	md := markdown.New(markdown.Options{})
	b.SetBytes(size)
	for b.Loop() {
		for _, d := range hub.Documents {
			if err := md.Render(io.Discard, d.Body, resolver(urls, d)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(hub.Documents)), "docs")
}

// resolver stands in for the renderer's: a relative link to a Markdown
// file becomes that document's URL, fragment kept; others are left alone.
func resolver(urls map[string]string, doc *content.Document) markdown.Resolver {
	return func(dest string) (string, bool) {
		if dest == "" || strings.HasPrefix(dest, "#") || strings.Contains(dest, ":") {
			return "", false
		}
		target, fragment, _ := strings.Cut(dest, "#")
		u, ok := urls[path.Join(path.Dir(doc.Path), target)]
		if !ok {
			return "", false
		}
		if fragment != "" {
			u += "#" + fragment
		}
		return u, true
	}
}
