package build

import (
	"bytes"
	"os"
	"testing"

	"github.com/facultyhub/facultyhub/bench/corpus"
	"github.com/facultyhub/facultyhub/internal/config"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/output"
	"github.com/facultyhub/facultyhub/internal/search"
	"github.com/facultyhub/facultyhub/internal/site"
)

// TestSearchIndexNeedsNoMinifying: every file of the search index, which
// the build writes as it is (writeAsIs), is what the minifier would make
// of it, for the shipped site and a generated one.
func TestSearchIndexNeedsNoMinifying(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.Write(dir, corpus.Options{Scale: corpus.ScaleTiny, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	m := output.NewMinifier()
	for name, src := range map[string]string{"shipped": "../..", "generated": dir} {
		fsys := os.DirFS(src)
		cfg, _ := config.Load(fsys)
		hub, _ := content.Load(fsys)
		ix := search.New(search.FromSite(site.New(cfg, hub, site.Options{Today: today})), search.Options{Fixed: true})
		files := ix.Files()
		if len(files) < 4 {
			t.Fatalf("%s: %d search files", name, len(files))
		}
		for _, f := range files {
			min, err := m.Bytes(f.Path, f.Data)
			if err != nil {
				t.Fatalf("%s: %s: %v", name, f.Path, err)
			}
			if !bytes.Equal(min, f.Data) {
				t.Errorf("%s: %s: the minifier makes %d bytes of %d", name, f.Path, len(min), len(f.Data))
			}
		}
	}
}
