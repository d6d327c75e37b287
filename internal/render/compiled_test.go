package render

import (
	"bytes"
	"io/fs"
	"os"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/bench/corpus"
	"github.com/facultyhub/facultyhub/internal/config"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/site"
)

// TestCompiledLayoutsMatchHTMLTemplate renders every page of the shipped
// site and of a generated corpus twice, with the layouts compiled (as
// builds render) and with html/template alone, and fails on the first
// byte that differs, or if a compiled layout or partial fell back to
// html/template or was never compiled: the speed of a build depends on
// it.
func TestCompiledLayoutsMatchHTMLTemplate(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Scale: corpus.ScaleSmall}); err != nil {
		t.Fatal(err)
	}
	for name, fsys := range map[string]fs.FS{"shipped": os.DirFS("../.."), "generated": os.DirFS(dir)} {
		t.Run(name, func(t *testing.T) {
			cfg, diags := config.Load(fsys)
			hub, loadDiags := content.Load(fsys)
			if diags = append(diags, loadDiags...); diags.HasErrors() {
				t.Fatalf("the site has errors: %v", diags[0])
			}
			s := site.New(cfg, hub, site.Options{Today: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
			compiled, err := New(s, fsys)
			if err != nil {
				t.Fatal(err)
			}
			interpreted, err := New(s, fsys, Options{Interpret: true})
			if err != nil {
				t.Fatal(err)
			}
			// Twice over, so that every layout and partial runs
			// compiled at least once after its first execution.
			for range 2 {
				for _, p := range Pages(s) {
					var got, want bytes.Buffer
					if err := compiled.Render(&got, p); err != nil {
						t.Fatal(err)
					}
					if err := interpreted.Render(&want, p); err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(got.Bytes(), want.Bytes()) {
						i := 0
						for i < min(got.Len(), want.Len()) && got.Bytes()[i] == want.Bytes()[i] {
							i++
						}
						t.Fatalf("%s differs at byte %d:\ncompiled    %q\nhtml/template %q", p.URL, i,
							got.Bytes()[max(i-80, 0):min(i+80, got.Len())], want.Bytes()[max(i-80, 0):min(i+80, want.Len())])
					}
				}
			}
			for layout, set := range compiled.theme.layouts {
				if n := set.Fallbacks(); n != 0 {
					t.Errorf("layout %s fell back to html/template %d times", layout, n)
				}
				if used := compiledLayoutUsed(s, layout); used && !set.Compiled("baseof.html") {
					t.Errorf("layout %s was not compiled", layout)
				}
			}
			if n := compiled.theme.shared.Fallbacks(); n != 0 {
				t.Errorf("partials fell back to html/template %d times", n)
			}
			for _, name := range []string{"card", "site-footer"} {
				if !compiled.theme.shared.Compiled(name) {
					t.Errorf("partial %s was not compiled", name)
				}
			}
		})
	}
}

func compiledLayoutUsed(s *site.Site, layout string) bool {
	for _, p := range Pages(s) {
		if p.Layout == layout {
			return true
		}
	}
	return false
}
