package render_test

import (
	"os"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/bench/corpus"
	"github.com/facultyhub/facultyhub/internal/config"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/output"
	"github.com/facultyhub/facultyhub/internal/render"
	"github.com/facultyhub/facultyhub/internal/site"
	"golang.org/x/sync/errgroup"
)

// BenchmarkRenderNational renders every page of the national-scale
// generated corpus (about 20,000 pages) as the build's render phase does,
// Markdown and minified layouts, but to no file: each iteration makes a
// fresh Renderer, so the partials it caches start empty as in a build,
// and pays for minifying the layouts as the build does. "serial"
// renders one page after another, which shows the CPU the phase costs;
// "parallel" renders GOMAXPROCS at a time, as the build does; "serial,
// interpreted" is "serial" with the layouts executed by html/template
// alone (Options.Interpret), what the compiled layouts save. Run it with
//
//	GOGC=400 GOMEMLIMIT=448MiB go test ./internal/render -run XXX -bench RenderNational -count 5
//
// The variables set the garbage collector as facultyhub build does;
// without them it collects far more often, and "parallel" gains less
// from a second core. It reports the pages rendered and their size.
func BenchmarkRenderNational(b *testing.B) {
	dir := b.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{}); err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS(dir)
	cfg, diags := config.Load(fsys)
	hub, loadDiags := content.Load(fsys)
	if diags = append(diags, loadDiags...); diags.HasErrors() {
		b.Fatalf("the corpus has errors: %v", diags[0])
	}
	s := site.New(cfg, hub, site.Options{Today: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
	for _, limit := range []struct {
		name      string
		n         int
		interpret bool
	}{{"serial", 1, false}, {"parallel", runtime.GOMAXPROCS(0), false}, {"serial,interpreted", 1, true}} {
		b.Run(limit.name, func(b *testing.B) {
			var pages int
			var size atomic.Int64
			for b.Loop() {
				size.Store(0)
				rd, err := render.New(s, fsys, render.Options{MinifyLayout: output.NewMinifier().Layout, Interpret: limit.interpret})
				if err != nil {
					b.Fatal(err)
				}
				ps := render.Pages(s)
				var g errgroup.Group
				g.SetLimit(limit.n)
				for _, p := range ps {
					g.Go(func() error {
						var w byteCount
						if err := rd.Render(&w, p); err != nil {
							return err
						}
						p.Release()
						size.Add(int64(w))
						return nil
					})
				}
				if err := g.Wait(); err != nil {
					b.Fatal(err)
				}
				pages = len(ps)
			}
			b.ReportMetric(float64(pages), "pages")
			b.ReportMetric(float64(size.Load())/1e6, "MB")
		})
	}
}

// byteCount is a writer that only counts what it is given.
type byteCount int64

func (c *byteCount) Write(p []byte) (int, error) {
	*c += byteCount(len(p))
	return len(p), nil
}
