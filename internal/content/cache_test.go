package content

import (
	"slices"
	"testing"
	"testing/fstest"
)

func TestCacheRereadsOnlyWhatChanged(t *testing.T) {
	const p = "content/about.md"
	fsys := fstest.MapFS{
		p:                    {Data: []byte("---\ntitle: About\n---\nText.\n")},
		"content/privacy.md": {Data: []byte("---\ntitle: Privacy\n---\n")},
	}
	title := func(h *Hub) string {
		for _, d := range h.Documents {
			if d.Path == p {
				return d.Title
			}
		}
		return "(missing)"
	}
	c := NewCache()
	first, _ := LoadCached(fsys, c)
	fsys[p] = &fstest.MapFile{Data: []byte("---\ntitle: About us\n---\nText.\n")}
	if got := title(mustLoad(t, fsys, c)); got != "About us" {
		t.Errorf("without TrustChanges an edit is read: title %q", got)
	}
	c.TrustChanges()
	fsys[p] = &fstest.MapFile{Data: []byte("---\ntitle: About the hub\n---\nText.\n")}
	if got := title(mustLoad(t, fsys, c)); got != "About us" {
		t.Errorf("trusted and not told: title %q, want the cached %q", got, "About us")
	}
	c.Changed("content")
	if got := title(mustLoad(t, fsys, c)); got != "About the hub" {
		t.Errorf("after Changed of its folder: title %q", got)
	}
	fsys[p] = &fstest.MapFile{Data: []byte("---\ntitle: About, again\n---\nText.\n")}
	c.ChangedAll()
	h := mustLoad(t, fsys, c)
	if got := title(h); got != "About, again" {
		t.Errorf("after ChangedAll: title %q", got)
	}
	delete(fsys, p)
	c.Changed(p) // as the watcher reports a removal
	if got := title(mustLoad(t, fsys, c)); got != "(missing)" {
		t.Errorf("a deleted file is still loaded: %q", got)
	}
	if first.Documents[0] == h.Documents[0] {
		t.Error("a changed file kept its old document")
	}
}

func mustLoad(t *testing.T, fsys fstest.MapFS, c *Cache) *Hub {
	t.Helper()
	h, _ := LoadCached(fsys, c)
	return h
}

// TestCacheWalksOnlyWhenNeeded: with TrustChanges, a load after edits to
// known files takes the last walk's list of files instead of walking the
// content folder, and walks again when a new file, a folder or a removal
// is reported.
func TestCacheWalksOnlyWhenNeeded(t *testing.T) {
	fsys := fstest.MapFS{
		"content/about.md":     {Data: []byte("---\ntitle: About\n---\n")},
		"content/privacy.md":   {Data: []byte("---\ntitle: Privacy\n---\n")},
		"content/logo.png":     {Data: []byte("png")},
		"content/news/_x.md":   {Data: []byte("---\ntitle: X\n---\n")},
		"content/_data/.keep":  {Data: nil},
		"content/.hidden/a.md": {Data: []byte("---\ntitle: Hidden\n---\n")},
	}
	c := NewCache()
	c.TrustChanges()
	paths := func(h *Hub) []string {
		var out []string
		for _, d := range h.Documents {
			out = append(out, d.Path+"="+d.Title)
		}
		return append(out, h.Files...)
	}
	first := paths(mustLoad(t, fsys, c))
	steps := []struct {
		name   string
		change func()
		want   []string
	}{
		{"an edit to a known page", func() {
			fsys["content/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About us\n---\n")}
			c.Changed("content/about.md")
		}, []string{"content/about.md=About us", "content/news/_x.md=X", "content/privacy.md=Privacy", "content/logo.png"}},
		{"a new page", func() {
			fsys["content/terms.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Terms\n---\n")}
			c.Changed("content/terms.md")
		}, []string{"content/about.md=About us", "content/news/_x.md=X", "content/privacy.md=Privacy", "content/terms.md=Terms", "content/logo.png"}},
		{"a picture removed", func() {
			delete(fsys, "content/logo.png")
			c.Changed("content/logo.png")
		}, []string{"content/about.md=About us", "content/news/_x.md=X", "content/privacy.md=Privacy", "content/terms.md=Terms"}},
		{"a folder removed", func() {
			delete(fsys, "content/news/_x.md")
			c.Changed("content/news")
		}, []string{"content/about.md=About us", "content/privacy.md=Privacy", "content/terms.md=Terms"}},
	}
	if len(first) != 4 {
		t.Fatalf("first load: %v", first)
	}
	for _, step := range steps {
		step.change()
		if got := paths(mustLoad(t, fsys, c)); !slices.Equal(got, step.want) {
			t.Errorf("%s: loaded %v, want %v", step.name, got, step.want)
		}
		fresh, _ := Load(fsys)
		if got, want := paths(mustLoad(t, fsys, c)), paths(fresh); !slices.Equal(got, want) {
			t.Errorf("%s: loaded %v, a fresh load %v", step.name, got, want)
		}
	}
}
