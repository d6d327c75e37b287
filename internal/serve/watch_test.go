package serve

import "testing"

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
