package output

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/sync/errgroup"
)

// treeHash digests a whole folder: every path, its type and permissions,
// and every file's bytes, so two equal hashes mean byte-for-byte equal trees.
func treeHash(t testing.TB, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, name)
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%v\x00", filepath.ToSlash(rel), info.Mode())
		if d.Type().IsRegular() {
			data, err := os.ReadFile(name)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			h.Write(sum[:])
		}
		h.Write([]byte{'\n'})
		return nil
	})
	if err != nil {
		t.Fatalf("hash %s: %v", dir, err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// siteFiles is a small deterministic site whose every file depends on gen,
// including gen.txt, which says which generation a tree is.
func siteFiles(gen, pages int) map[string][]byte {
	files := map[string][]byte{
		"gen.txt":         fmt.Appendf(nil, "%d\n", gen),
		"index.html":      fmt.Appendf(nil, "<!doctype html>\n<html lang=\"en-GB\">\n<title>Home %d</title>\n<p>Build %d</p>\n</html>\n", gen, gen),
		"assets/site.css": fmt.Appendf(nil, "body {\n  color: #212b32;\n  margin: %dpx;\n}\n", gen),
		"placements.csv":  fmt.Appendf(nil, "slug,title\np1,Placement %d\n", gen),
	}
	for i := range pages {
		p := fmt.Sprintf("faculties/f%02d/placements/p%04d/index.html", i%42, i)
		files[p] = fmt.Appendf(nil, "<!doctype html>\n<html lang=\"en-GB\">\n<title>Placement %d</title>\n<p>Build %d, page %d</p>\n</html>\n", i, gen, i)
	}
	return files
}

// writeSite writes files to s from many goroutines, in sorted order so that
// a failure is reproducible.
func writeSite(ctx context.Context, s *Site, files map[string][]byte) error {
	g, _ := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0) * 2)
	for _, p := range slices.Sorted(maps.Keys(files)) {
		g.Go(func() error { return s.Write(p, files[p]) })
	}
	return g.Wait()
}

// build stages, writes and commits files into dest, failing t on any error.
func build(t testing.TB, dest string, opts Options, files map[string][]byte) {
	t.Helper()
	s, err := Stage(dest, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if err := writeSite(t.Context(), s, files); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
}

// leftovers lists the staging folders beside dest.
func leftovers(t testing.TB, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.Contains(e.Name(), stagingInfix) {
			names = append(names, e.Name())
		}
	}
	return names
}
