// Package sitetest builds whole sites for tests from txtar archives, the
// way Hugo's integration tests do: one readable file holds every file of a
// site, and a test replaces or removes the few files it is about.
package sitetest

import (
	"path/filepath"
	"runtime"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// Load reads the txtar archive at path into a file system. Each entry of
// edits replaces a file (or adds it); an empty value removes it.
func Load(t testing.TB, path string, edits map[string]string) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	for name, data := range edits {
		if data == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data), Mode: 0o644}
	}
	return fsys
}

// Write copies fsys into dir on disk, for tests of commands that read a
// real folder.
func Write(t testing.TB, dir string, fsys fstest.MapFS) {
	t.Helper()
	for name, f := range fsys {
		writeFile(t, dir, name, f.Data)
	}
}

// Valid returns the small contract-following site in
// testdata/valid.txtar, with edits applied (see Load).
func Valid(t testing.TB, edits map[string]string) fstest.MapFS {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return Load(t, filepath.Join(filepath.Dir(file), "testdata", "valid.txtar"), edits)
}
