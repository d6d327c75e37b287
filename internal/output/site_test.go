package output

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// writeTree writes files the plain way, as the reference a Site must match.
func writeTree(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		name := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCommitAndAbort(t *testing.T) {
	foreign := map[string][]byte{"notes/todo.txt": []byte("not ours\n")}
	tests := []struct {
		name   string
		before map[string][]byte // nil: no destination yet
		build  map[string][]byte
		commit bool
	}{
		{name: "first build, no destination yet", build: siteFiles(1, 30), commit: true},
		{name: "into an empty folder", before: map[string][]byte{}, build: siteFiles(1, 30), commit: true},
		{name: "second build replaces the first", before: siteFiles(1, 60), build: siteFiles(2, 30), commit: true},
		{name: "replaces whatever the folder held", before: foreign, build: siteFiles(1, 3), commit: true},
		{name: "abort keeps the previous site", before: siteFiles(1, 60), build: siteFiles(2, 30)},
		{name: "abort with no destination leaves none", build: siteFiles(1, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if tt.before != nil {
				writeTree(t, dest, tt.before)
			}
			var before string
			if tt.before != nil {
				before = treeHash(t, dest)
			}

			s, err := Stage(dest, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := writeSite(t.Context(), s, tt.build); err != nil {
				t.Fatal(err)
			}
			if tt.commit {
				err = s.Commit()
			} else {
				err = s.Abort()
			}
			if err != nil {
				t.Fatal(err)
			}

			switch {
			case tt.commit:
				ref := filepath.Join(t.TempDir(), "public")
				writeTree(t, ref, tt.build)
				if got, want := treeHash(t, dest), treeHash(t, ref); got != want {
					t.Errorf("after Commit the destination is not exactly the new site")
				}
				if _, err := os.Stat(filepath.Join(dest, "notes")); tt.before != nil && !os.IsNotExist(err) {
					t.Errorf("previous contents survived Commit: %v", err)
				}
			case tt.before == nil:
				if _, err := os.Stat(dest); !os.IsNotExist(err) {
					t.Errorf("Abort created the destination: %v", err)
				}
			default:
				if got := treeHash(t, dest); got != before {
					t.Errorf("Abort changed the destination")
				}
			}
			if l := leftovers(t, dest); len(l) > 0 {
				t.Errorf("staging folders left behind: %v", l)
			}
		})
	}
}

func TestRepeatedBuilds(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for gen := 1; gen <= 3; gen++ {
		build(t, dest, Options{}, siteFiles(gen, 20+gen))
		got, err := os.ReadFile(filepath.Join(dest, "gen.txt"))
		if err != nil || string(got) != fmt.Sprintln(gen) {
			t.Fatalf("build %d: gen.txt = %q, %v", gen, got, err)
		}
	}
	fi, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&0o055 != 0o055 {
		t.Errorf("destination mode %v: group and others cannot read it", perm)
	}
	if l := leftovers(t, dest); len(l) > 0 {
		t.Errorf("staging folders left behind: %v", l)
	}
}

func TestEveryWayToWrite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, err := Stage(dest, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	pdf := []byte("%PDF-1.7\n  binary \x00\x01 stays  \n")
	src := fstest.MapFS{"guide.pdf": {Data: pdf}, "theme.css": {Data: []byte("a {  color : red ; }")}}

	mustDo(t, s.Write("index.html", []byte("<html lang=\"en-GB\">  <p>Hi</p>  </html>")))
	mustDo(t, s.WriteFrom("placements.json", strings.NewReader(`{ "a" : [ 1, 2 ] }`)))
	mustDo(t, s.WriteFrom("placements.csv", strings.NewReader("a, b\n")))
	mustDo(t, s.Copy("resources/guide.pdf", src, "guide.pdf"))
	mustDo(t, s.Copy("assets/theme.css", src, "theme.css"))
	for _, p := range []string{"search/shard-0.json", "robots.txt"} {
		w, err := s.Create(p)
		mustDo(t, err)
		w.Write([]byte("{ \"x\" : "))
		w.Write([]byte("1 }\n"))
		mustDo(t, w.Close())
	}
	fp, err := s.WriteFingerprinted("assets/site.css", []byte("body {  margin : 0 ; }"))
	mustDo(t, err)
	if want := Fingerprint("assets/site.css", []byte("body{margin:0}")); fp != want {
		t.Errorf("WriteFingerprinted = %s, want %s (the digest of the minified bytes)", fp, want)
	}
	stats := s.Stats()
	mustDo(t, s.Commit())

	want := map[string]string{
		"index.html":          `<html lang="en-GB"><p>Hi</p></html>`,
		"placements.json":     `{"a":[1,2]}`,
		"placements.csv":      "a, b\n",
		"resources/guide.pdf": string(pdf),
		"assets/theme.css":    "a{color:red}",
		"search/shard-0.json": `{"x":1}`,
		"robots.txt":          "{ \"x\" : 1 }\n",
		fp:                    "body{margin:0}",
	}
	var bytesOnDisk int64
	for p, content := range want {
		got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if !bytes.Equal(got, []byte(content)) {
			t.Errorf("%s = %q, want %q", p, got, content)
		}
		bytesOnDisk += int64(len(got))
	}
	if stats != (Stats{Files: len(want), Bytes: bytesOnDisk}) {
		t.Errorf("Stats = %+v, want %d files, %d bytes", stats, len(want), bytesOnDisk)
	}
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
