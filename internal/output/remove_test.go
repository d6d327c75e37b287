package output

import (
	"os"
	"path/filepath"
	"testing"
)

// Removing the previous site must never reach through a symbolic link,
// whether the link is inside the site or is the destination itself.
func TestRemovalDoesNotFollowLinks(t *testing.T) {
	tests := []struct {
		name string
		link string // where the link to the precious folder goes, under the parent
	}{
		{name: "link at the site root", link: "public/docs"},
		{name: "link in a section", link: "public/faculties/docs"},
		{name: "link deeper", link: "public/faculties/x/docs"},
		{name: "link as a page", link: "public/faculties/y/index.html"},
		{name: "destination is a link", link: "public"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			precious := filepath.Join(t.TempDir(), "precious")
			writeTree(t, precious, map[string][]byte{"a/keep.txt": []byte("keep"), "keep.txt": []byte("keep")})
			before := treeHash(t, precious)
			dest := filepath.Join(parent, "public")
			if tt.link != "public" {
				writeTree(t, dest, siteFiles(1, 5))
			}
			link := filepath.Join(parent, filepath.FromSlash(tt.link))
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(precious, link); err != nil {
				t.Fatal(err)
			}

			build(t, dest, Options{}, siteFiles(2, 5))

			if got := treeHash(t, precious); got != before {
				t.Error("removing the previous site changed the folder a link pointed to")
			}
			if fi, err := os.Lstat(dest); err != nil || !fi.IsDir() {
				t.Errorf("destination is not a folder after Commit: %v, %v", fi, err)
			}
		})
	}
}
