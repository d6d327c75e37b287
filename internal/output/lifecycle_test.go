package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMisuseIsRefused(t *testing.T) {
	tests := []struct {
		name    string
		do      func(s *Site) error
		wantErr string
	}{
		{
			name: "commit with a Create writer still open",
			do: func(s *Site) error {
				if _, err := s.Create("big.json"); err != nil {
					return err
				}
				return s.Commit()
			},
			wantErr: "1 files still being written",
		},
		{
			name: "write after commit",
			do: func(s *Site) error {
				if err := s.Commit(); err != nil {
					return err
				}
				return s.Write("late.html", nil)
			},
			wantErr: "late.html written after Commit or Abort",
		},
		{
			name: "write after abort",
			do: func(s *Site) error {
				if err := s.Abort(); err != nil {
					return err
				}
				return s.Write("late.html", nil)
			},
			wantErr: "late.html written after Commit or Abort",
		},
		{
			name: "commit twice",
			do: func(s *Site) error {
				if err := s.Commit(); err != nil {
					return err
				}
				return s.Commit()
			},
			wantErr: "after Commit or Abort",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			s, err := Stage(dest, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Abort()
			err = tt.do(s)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestAbortAfterCommitKeepsTheSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	s, err := Stage(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustDo(t, s.Write("index.html", []byte("home")))
	mustDo(t, s.Commit())
	mustDo(t, s.Abort())
	if got, err := os.ReadFile(filepath.Join(dest, "index.html")); string(got) != "home" {
		t.Errorf("after Commit then Abort, index.html = %q, %v", got, err)
	}
}

func TestStageRefusesAFileAsDestination(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := os.WriteFile(dest, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Stage(dest, Options{})
	if err == nil || !strings.Contains(err.Error(), "is not a folder") {
		t.Errorf("Stage onto a file: error = %v", err)
	}
}

// A build that starts while another is still staging must leave the other's
// folder alone: only a dead build's folder is a leftover.
func TestStageSparesAnOpenBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first, err := Stage(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Abort()
	second, err := Stage(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustDo(t, second.Abort())

	mustDo(t, first.Write("faculties/x/index.html", []byte("still here")))
	mustDo(t, first.Commit())
	if got, err := os.ReadFile(filepath.Join(dest, "faculties/x/index.html")); string(got) != "still here" {
		t.Errorf("index.html = %q, %v", got, err)
	}
}

func TestStageRemovesOnlyOurLeftovers(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	keep := []string{"public.staging-", "public.staging-12x", "public-old", "other.staging-123", "public.staging-99.bak"}
	for _, name := range append([]string{"public.staging-123", "public.staging-4567"}, keep...) {
		writeTree(t, filepath.Join(parent, name), map[string][]byte{"a/index.html": []byte("x")})
	}
	s, err := Stage(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustDo(t, s.Abort())
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{"other.staging-123", "public-old", "public.staging-", "public.staging-12x", "public.staging-99.bak"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("after Stage the folder holds %v, want %v", got, want)
	}
}
