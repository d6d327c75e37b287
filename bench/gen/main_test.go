package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunRefusesNonEmptyDirUnlessForced(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, "content", "stale.md")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	if code := run([]string{"-out", dir, "-scale", "tiny"}, &out, &errs); code != 2 {
		t.Fatalf("exit code %d into a non-empty folder, want 2", code)
	}
	if !strings.Contains(errs.String(), "not empty") {
		t.Errorf("stderr = %q, want it to say the folder is not empty", errs.String())
	}
	errs.Reset()
	if code := run([]string{"-out", dir, "-scale", "tiny", "-force"}, &out, &errs); code != 0 {
		t.Fatalf("exit code %d with -force: %s", code, errs.String())
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("-force removed a file the generator did not write: %v", err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("-force left a stale file in content/")
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "_index.md")); err != nil {
		t.Errorf("no home page written: %v", err)
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"no out", []string{"-scale", "tiny"}},
		{"unknown scale", []string{"-out", "DIR", "-scale", "huge"}},
		{"unknown variant", []string{"-out", "DIR", "-variant", "real"}},
		{"extra argument", []string{"-out", "DIR", "extra"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			for i, a := range args {
				if a == "DIR" {
					args = append([]string(nil), args...)
					args[i] = filepath.Join(t.TempDir(), "out")
				}
			}
			var out, errs bytes.Buffer
			if code := run(args, &out, &errs); code != 2 {
				t.Errorf("exit code %d, want 2", code)
			}
			if errs.Len() == 0 {
				t.Error("nothing written to stderr")
			}
		})
	}
}
