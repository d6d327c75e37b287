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
	// ready has room for one signal: a batch is waiting in pending.
	ready chan struct{}
	done  chan struct{}
}

// watch starts watching root: the folder itself (for site.yaml and for
// watched folders created later) and every folder under watchedDirs.
func watch(root string) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fsw: fsw, ready: make(chan struct{}, 1), done: make(chan struct{})}
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

// take returns the pending batch and empties it.
func (w *watcher) take() Changes {
	w.mu.Lock()
	defer w.mu.Unlock()
	c := w.pending
	w.pending = Changes{}
	return c
}

// publish adds c to the pending batch and signals the rebuilder.
func (w *watcher) publish(c Changes) {
	w.mu.Lock()
	w.pending.Merge(c)
	w.mu.Unlock()
	select {
	case w.ready <- struct{}{}:
	default: // already signalled; the rebuilder will take c too
	}
}

// loop turns fsnotify events into batches: a batch is published once no
// event has arrived for the settle time.
func (w *watcher) loop() {
	defer close(w.done)
	var batch Changes
	timer := time.NewTimer(settle)
	timer.Stop()
	for {
		select {
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if w.note(ev, &batch) {
				timer.Reset(settle)
			}
		case _, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			// Events may have been lost (a queue overflow, a failed
			// read), so only a full look will do.
			batch.Kinds |= UnknownChange
			timer.Reset(settle)
		case <-timer.C:
			w.publish(batch)
			batch = Changes{}
		}
	}
}

// note adds ev to batch if it matters to the build, and watches folders
// created under the watched ones. It reports whether it added anything.
func (w *watcher) note(ev fsnotify.Event, batch *Changes) bool {
	if ev.Op == fsnotify.Chmod {
		return false // sent for attribute changes, also by indexers and backups
	}
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	kind, ok := Classify(rel)
	if !ok {
		return false
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
			// Files made in the folder before this watch began are read
			// by the rebuild this event causes.
			_ = w.addTree(ev.Name)
		}
	}
	batch.Add(rel, kind)
	return true
}
