package serve

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestBatchesWaitingForABuildMerge checks the coalescing the rebuilder
// relies on: batches published while a build runs become one batch and
// one signal, so one follow-up build sees all of them.
func TestBatchesWaitingForABuildMerge(t *testing.T) {
	w := &watcher{ready: make(chan struct{}, 1), early: make(chan struct{}, 1)}
	var a, b Changes
	a.Add("content/about.md", ContentChange)
	b.Add("layouts/page.html", TemplateChange)
	b.Add("content/about.md", ContentChange)
	for _, c := range []Changes{a, b} {
		w.noted(func(f *Changes) { f.Merge(c) })
		w.settled()
	}
	if len(w.ready) != 1 {
		t.Fatalf("%d signals pending, want 1", len(w.ready))
	}
	<-w.ready
	got, _ := w.take()
	if got.Kinds != ContentChange|TemplateChange || len(got.Paths) != 2 {
		t.Errorf("merged batch: kinds %v, paths %v", got.Kinds, got.Paths)
	}
	if next, _ := w.take(); !next.Empty() {
		t.Errorf("batch after take: %v, want empty", next)
	}
}

// TestEmptiedFileWaitsForItsWrite saves a page in place as some editors
// do, emptying it and writing it, with the write later than the settle
// time: the batch waits for the write instead of being built empty. A
// file left empty settles once emptyWait has passed.
func TestEmptiedFileWaitsForItsWrite(t *testing.T) {
	root := t.TempDir()
	page := filepath.Join(root, "content", "about.md")
	if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte("---\ntitle: About\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := watch(root)
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()

	start := time.Now()
	if err := os.Truncate(page, 0); err != nil {
		t.Fatal(err)
	}
	time.Sleep(4 * settle)
	select {
	case <-w.ready:
		t.Fatalf("the batch settled %v after the file was emptied, before it was written", time.Since(start))
	default:
	}
	if err := os.WriteFile(page, []byte("---\ntitle: About us\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-w.ready:
	case <-time.After(5 * time.Second):
		t.Fatal("the batch never settled after the write")
	}
	if c, _ := w.take(); c.Paths["content/about.md"] != ContentChange {
		t.Errorf("batch %v, want content/about.md", c.Paths)
	}

	// Emptied for good: built after emptyWait.
	start = time.Now()
	if err := os.Truncate(page, 0); err != nil {
		t.Fatal(err)
	}
	select {
	case <-w.ready:
		if d := time.Since(start); d < emptyWait {
			t.Errorf("an emptied file settled after %v, want at least %v", d, emptyWait)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("an emptied file never settled")
	}
}
