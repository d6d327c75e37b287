package content

import (
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
