package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/internal/sitetest"
)

// A change is built while its batch settles; the build is published only
// if no event came meanwhile. A save in two steps (the file emptied, then
// written) must publish the finished file once, never the empty one.
func TestBuildWhileSettlingPublishesOnlySettledSaves(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, sitetest.Valid(t, nil))
	s := New(Options{Source: dir, Today: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)})
	s.url = "http://127.0.0.1:1313/"
	ctx := context.Background()
	if sn := s.rebuild(ctx, Changes{}, nil); sn == nil {
		t.Fatalf("first build failed: %v", s.current().diags)
	}
	const placement = "content/faculties/north-shire/placements/ward-rehab.md"
	original, err := os.ReadFile(filepath.Join(dir, placement))
	if err != nil {
		t.Fatal(err)
	}
	w := &watcher{ready: make(chan struct{}, 1), early: make(chan struct{}, 1)}
	save := func(data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, placement), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		w.noted(func(c *Changes) { c.Add(placement, ContentChange) })
	}
	shows := func(title string) {
		t.Helper()
		sn := s.current()
		if sn.failed {
			t.Fatalf("published a failed build: %v", sn.diags)
		}
		page, ok, err := sn.files.File("faculties/north-shire/placements/ward-rehab/index.html")
		if !ok || err != nil || !strings.Contains(string(page), title) {
			t.Fatalf("the page does not show %q (found %v, %v)", title, ok, err)
		}
	}
	retitle := func(title string) string {
		return strings.Replace(string(original), "title: Ward rehabilitation", "title: "+title, 1)
	}

	// One step: the early build is the one published.
	gen := s.current().gen
	save(retitle("Saved at once"))
	e := s.buildEarly(ctx, w)
	w.settled()
	if s.settle(ctx, w, e) == nil || s.current().gen != gen+1 {
		t.Fatalf("one save: generation %d, want %d", s.current().gen, gen+1)
	}
	shows("Saved at once")

	// Two steps: the early build saw the emptied file; it is dropped.
	gen = s.current().gen
	save("")
	e = s.buildEarly(ctx, w)
	done := <-e.done // the early build has read the emptied file
	if !done.res.Failed() {
		t.Fatal("the early build of an emptied placement did not fail")
	}
	e.done <- done
	save(retitle("Saved in two steps"))
	w.settled()
	if s.settle(ctx, w, e) == nil || s.current().gen != gen+1 {
		t.Fatalf("two-step save: generation %d, want one publish after %d", s.current().gen, gen)
	}
	shows("Saved in two steps")

	// Two steps again, but the second one's event is still on its way
	// when the batch settles: the file itself tells the early build is
	// stale.
	gen = s.current().gen
	save("")
	e = s.buildEarly(ctx, w)
	done = <-e.done
	e.done <- done
	time.Sleep(10 * time.Millisecond) // a new modification time, on any clock
	if err := os.WriteFile(filepath.Join(dir, placement), []byte(retitle("Event late")), 0o644); err != nil {
		t.Fatal(err)
	}
	w.settled()
	if s.settle(ctx, w, e) == nil || s.current().gen != gen+1 {
		t.Fatalf("late event: generation %d, want one publish after %d", s.current().gen, gen)
	}
	shows("Event late")

	// Emptied, and written later than the settle time (a busy machine):
	// the batch settles on the empty file, and its failed build is not
	// shown; the write's batch is.
	gen = s.current().gen
	save("")
	w.settled()
	go func() {
		time.Sleep(4 * settle)
		os.WriteFile(filepath.Join(dir, placement), []byte(retitle("Written late")), 0o644)
	}()
	c, _ := w.take()
	if sn := s.rebuild(ctx, c, nil); sn != nil || s.current().gen != gen {
		t.Fatalf("emptied file: generation %d after its build, want %d: its errors were shown", s.current().gen, gen)
	}
	save(retitle("Written late"))
	w.settled()
	c, _ = w.take()
	if s.rebuild(ctx, c, nil) == nil || s.current().gen != gen+1 {
		t.Fatalf("written late: generation %d, want %d", s.current().gen, gen+1)
	}
	shows("Written late")

	// Left empty: its error is shown, once emptyWait has passed.
	gen = s.current().gen
	save("")
	w.settled()
	c, _ = w.take()
	start := time.Now()
	s.rebuild(ctx, c, nil)
	if sn := s.current(); !sn.failed || sn.gen != gen+1 {
		t.Fatalf("file left empty: generation %d (failed %v), want its errors shown in %d", sn.gen, sn.failed, gen+1)
	}
	if d := time.Since(start); d < emptyWait {
		t.Errorf("an emptied file's errors were shown after %v, before emptyWait (%v)", d, emptyWait)
	}
}
