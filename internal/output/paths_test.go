package output

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func TestPathsOutsideTheSiteAreRejected(t *testing.T) {
	tests := []struct {
		name string
		path string
	}{
		{"parent", "../outside.html"},
		{"parent inside", "faculties/../../outside.html"},
		{"parent at the end", "faculties/.."},
		{"absolute", "/etc/passwd"},
		{"dot", "."},
		{"dot element", "faculties/./index.html"},
		{"empty element", "faculties//index.html"},
		{"trailing slash", "faculties/"},
		{"empty", ""},
		{"backslash", `faculties\..\..\outside.html`},
		{"NUL", "index.html\x00.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			s, err := Stage(filepath.Join(parent, "public"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Abort()
			writers := map[string]func() error{
				"Write":     func() error { return s.Write(tt.path, []byte("x")) },
				"WriteFrom": func() error { return s.WriteFrom(tt.path, strings.NewReader("x")) },
				"Copy":      func() error { return s.Copy(tt.path, fstest.MapFS{"x": {Data: []byte("x")}}, "x") },
				"Create":    func() error { _, err := s.Create(tt.path); return err },
				"WriteFingerprinted": func() error {
					_, err := s.WriteFingerprinted(tt.path, []byte("x"))
					return err
				},
			}
			for method, write := range writers {
				err := write()
				if err == nil {
					t.Fatalf("%s(%q) succeeded", method, tt.path)
				}
				if tt.path != "" && !strings.Contains(err.Error(), strconv.Quote(tt.path)) {
					t.Errorf("%s(%q) error %q does not name the path", method, tt.path, err)
				}
			}
			if _, err := os.Stat(filepath.Join(parent, "outside.html")); !os.IsNotExist(err) {
				t.Errorf("a file escaped the site: %v", err)
			}
		})
	}
}

func TestCollidingPathsAreRejected(t *testing.T) {
	tests := []struct {
		name    string
		first   string
		second  string
		wantErr string
	}{
		{"same file twice", "faculties/x/index.html", "faculties/x/index.html", "faculties/x/index.html is written twice"},
		{"file where a folder is", "faculties/x/index.html", "faculties/x", "faculties/x is written as a file but is already a folder"},
		{"folder where a file is", "faculties", "faculties/x/index.html", "faculties/x/index.html needs folder faculties, which is already written as a file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			s, err := Stage(dest, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Abort()
			mustDo(t, s.Write(tt.first, []byte("first")))
			err = s.Copy(tt.second, fstest.MapFS{"a": {Data: []byte("second")}}, "a")
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("second write: error = %v, want one containing %q", err, tt.wantErr)
			}
			mustDo(t, s.Commit())
			if got, _ := os.ReadFile(filepath.Join(dest, filepath.FromSlash(tt.first))); string(got) != "first" {
				t.Errorf("%s = %q, want the first write's content", tt.first, got)
			}
		})
	}
}

// Writing the same asset twice under its fingerprint is a collision too:
// two callers own one name.
func TestSameFingerprintTwiceIsRejected(t *testing.T) {
	s, err := Stage(filepath.Join(t.TempDir(), "public"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	fp, err := s.WriteFingerprinted("assets/site.css", []byte("a{}"))
	mustDo(t, err)
	_, err = s.WriteFingerprinted("assets/site.css", []byte("a{}"))
	if err == nil || !strings.Contains(err.Error(), fp+" is written twice") {
		t.Errorf("error = %v, want one naming %s", err, fp)
	}
}
