package output

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMergeReplacesOnlyWhatChanged stages two changed files and merges
// them into an existing site: they are replaced, a removed file goes with
// the folder it leaves empty, every other file stays untouched, and no
// staging folder is left.
func TestMergeReplacesOnlyWhatChanged(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, Options{}, map[string][]byte{
		"index.html":           []byte("home"),
		"a/index.html":         []byte("a"),
		"a/old/index.html":     []byte("old"),
		"b/index.html":         []byte("b"),
		"feeds/closing.ics":    []byte("ics"),
		"keep/deep/index.html": []byte("deep"),
	})
	untouched, err := os.Stat(filepath.Join(dest, "b/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Stage(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range map[string]string{"a/index.html": "a, changed", "c/new/index.html": "new"} {
		if err := s.Write(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Merge([]string{"a/old/index.html"}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "home", "a/index.html": "a, changed", "b/index.html": "b",
		"feeds/closing.ics": "ics", "keep/deep/index.html": "deep", "c/new/index.html": "new"}
	got := map[string]string{}
	err = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dest, p)
		got[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("after Merge the site has %v, want %v", got, want)
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s = %q, want %q", p, got[p], w)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "a/old")); !os.IsNotExist(err) {
		t.Errorf("the folder of the removed file is still there: %v", err)
	}
	if fi, err := os.Stat(filepath.Join(dest, "b/index.html")); err != nil || !os.SameFile(fi, untouched) || !fi.ModTime().Equal(untouched.ModTime()) {
		t.Errorf("Merge touched a file that did not change: %v", err)
	}
	if l := leftovers(t, dest); len(l) > 0 {
		t.Errorf("Merge left %v beside the site", l)
	}
	if err := s.Write("late.html", nil); err == nil {
		t.Error("a write after Merge succeeded")
	}
}
