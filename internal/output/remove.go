package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"

	"golang.org/x/sync/errgroup"
)

// removeTree removes the folder root and everything in it, like
// os.RemoveAll, spread over GOMAXPROCS goroutines, since a whole site is
// tens of thousands of unlinks. It splits the tree two levels down (the
// site root, then sections such as faculties/) and removes the pieces in
// parallel, then what is left. Like os.RemoveAll it never follows a
// symbolic link, the root included: a link is removed, not what it
// points to.
//
// Most folders of a site hold one index.html and nothing else: each is
// removed with two calls (the page, then the empty folder) instead of
// os.RemoveAll's seven (a failed unlink, open, two reads, unlink, close,
// remove), and only folders that turn out to hold more are read.
func removeTree(root string) error {
	fi, err := os.Lstat(root)
	if err != nil || !fi.IsDir() {
		return os.RemoveAll(root)
	}
	dirs, pieces := []string{root}, []string(nil)
	for range 2 {
		var next []string
		for _, dir := range dirs {
			entries, err := os.ReadDir(dir)
			if err != nil { // removeAll below reports it
				pieces = append(pieces, dir)
				continue
			}
			for _, e := range entries {
				name := filepath.Join(dir, e.Name())
				if e.IsDir() { // from the folder entry: links are not folders
					next = append(next, name)
				} else {
					pieces = append(pieces, name)
				}
			}
		}
		dirs = next
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, p := range pieces {
		g.Go(func() error { return os.RemoveAll(p) }) // a file (one unlink), or a folder that could not be read
	}
	for _, d := range dirs {
		g.Go(func() error { return removeAll(d) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return os.RemoveAll(root)
}

// removeAll removes the folder dir and what it holds, not following
// symbolic links.
func removeAll(dir string) error {
	if removePage(dir) {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	for _, e := range entries {
		name := filepath.Join(dir, e.Name())
		if e.IsDir() {
			err = removeAll(name)
		} else {
			err = os.Remove(name)
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := syscall.Rmdir(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return os.RemoveAll(dir) // something was made in it meanwhile
	}
	return nil
}

// removePage removes dir if it holds an index.html and nothing else, and
// reports whether dir is gone.
func removePage(dir string) bool {
	if err := os.Remove(filepath.Join(dir, "index.html")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	return syscall.Rmdir(dir) == nil
}
