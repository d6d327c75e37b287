package output

import (
	"os"
	"path/filepath"
	"runtime"

	"golang.org/x/sync/errgroup"
)

// removeTree is os.RemoveAll spread over GOMAXPROCS goroutines, since a
// whole site is tens of thousands of unlinks: it splits the tree two
// levels down (the site root, then sections such as faculties/), removes
// the pieces in parallel, then what is left. Like os.RemoveAll it never
// follows a symbolic link, the root included: a link is removed, not
// what it points to.
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
			if err != nil { // RemoveAll below reports it
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
	for _, p := range append(pieces, dirs...) {
		g.Go(func() error { return os.RemoveAll(p) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return os.RemoveAll(root)
}
