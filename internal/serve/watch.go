package serve

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long the source must be quiet before a batch of changes
// is handed on: editors save by writing a temporary file and renaming it,
// or by several writes, and one save should cause one rebuild. Their
// events come within a few milliseconds of each other; a batch that is
// cut in two costs one more rebuild, never a wrong one.
const settle = 20 * time.Millisecond

// watchedDirs are the folders under the source that the build reads,
// watched with every folder below them.
var watchedDirs = []string{"content", "layouts", "themes", "static"}

// watcher watches a site's source folder and collects changes into a
// pending batch. Batches that arrive while the previous one is being
// built are merged, so the rebuilder always takes everything at once.
type watcher struct {
	root string
	fsw  *fsnotify.Watcher

	mu      sync.Mutex
	pending Changes
	// forming is the batch whose settle time is running, not yet in
	// pending; seq counts the events noted, published is seq when
	// pending was last added to.
	forming        Changes
	seq, published uint64
	// ready has room for one signal: a batch is waiting in pending.
	ready chan struct{}
	// early has room for one signal: a batch has begun to form, and can
	// be built while it settles (Server.buildWhileSettling).
	early chan struct{}
	done  chan struct{}
}

// watch starts watching root: the folder itself (for site.yaml and for
// watched folders created later) and every folder under watchedDirs.
func watch(root string) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fsw: fsw, ready: make(chan struct{}, 1), early: make(chan struct{}, 1), done: make(chan struct{})}
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range watchedDirs {
		if err := w.addTree(filepath.Join(root, d)); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	go w.loop()
	return w, nil
}

// addTree watches dir and every folder below it, skipping dot folders.
// A folder that does not exist (no static/) or vanished meanwhile is not
// an error: its creation will be seen from its parent.
func (w *watcher) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if err := w.fsw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// close stops watching; pending changes are dropped.
func (w *watcher) close() error {
	err := w.fsw.Close()
	<-w.done
	return err
}

// take returns the pending batch and empties it, with the number of
// events noted when it was last added to.
func (w *watcher) take() (Changes, uint64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	c := w.pending
	w.pending = Changes{}
	return c, w.published
}

// sofar returns what take would return once the forming batch settles,
// if no event came meanwhile: the pending batch and the forming one,
// and the number of events noted.
func (w *watcher) sofar() (Changes, uint64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var c Changes
	c.Merge(w.pending)
	c.Merge(w.forming)
	return c, w.seq
}

// noted adds a change to the forming batch, and signals early when it
// is the batch's first.
func (w *watcher) noted(add func(*Changes)) {
	w.mu.Lock()
	first := w.forming.Empty()
	add(&w.forming)
	w.seq++
	w.mu.Unlock()
	if first {
		select {
		case w.early <- struct{}{}:
		default:
		}
	}
}

// settled moves the forming batch to the pending one and signals the
// rebuilder.
func (w *watcher) settled() {
	w.mu.Lock()
	w.pending.Merge(w.forming)
	w.forming = Changes{}
	w.published = w.seq
	w.mu.Unlock()
	select {
	case w.ready <- struct{}{}:
	default: // already signalled; the rebuilder will take this batch too
	}
}

// loop turns fsnotify events into batches: a batch is published once no
// event has arrived for the settle time.
func (w *watcher) loop() {
	defer close(w.done)
	timer := time.NewTimer(settle)
	timer.Stop()
	for {
		select {
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if rel, kind, ok := w.note(ev); ok {
				w.noted(func(c *Changes) { c.Add(rel, kind) })
				timer.Reset(settle)
			}
		case _, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			// Events may have been lost (a queue overflow, a failed
			// read), so only a full look will do.
			w.noted(func(c *Changes) { c.Kinds |= UnknownChange })
			timer.Reset(settle)
		case <-timer.C:
			w.settled()
		}
	}
}

// note classifies ev, reporting whether it matters to the build, and
// watches folders created under the watched ones.
func (w *watcher) note(ev fsnotify.Event) (rel string, kind ChangeKind, ok bool) {
	if ev.Op == fsnotify.Chmod {
		return "", 0, false // sent for attribute changes, also by indexers and backups
	}
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil {
		return "", 0, false
	}
	rel = filepath.ToSlash(rel)
	kind, ok = Classify(rel)
	if !ok {
		return "", 0, false
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
			// Files made in the folder before this watch began are read
			// by the rebuild this event causes.
			_ = w.addTree(ev.Name)
		}
	}
	return rel, kind, true
}
