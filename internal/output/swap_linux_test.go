//go:build linux

package output

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// Filesystems without RENAME_EXCHANGE (some FUSE and network filesystems)
// get the rename-aside fallback, which must end in the same place.
func TestCommitWithoutExchange(t *testing.T) {
	tests := []struct {
		name     string
		errno    unix.Errno
		previous bool
	}{
		{name: "EINVAL, previous site", errno: unix.EINVAL, previous: true},
		{name: "ENOSYS, previous site", errno: unix.ENOSYS, previous: true},
		{name: "EINVAL, no previous site", errno: unix.EINVAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if tt.previous {
				writeTree(t, dest, siteFiles(1, 40))
			}
			s, err := Stage(dest, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Abort()
			exchanged := false
			s.exchange = func(a, b string) error {
				exchanged = true
				return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: tt.errno}
			}
			files := siteFiles(2, 10)
			mustDo(t, writeSite(t.Context(), s, files))
			mustDo(t, s.Commit())

			ref := filepath.Join(t.TempDir(), "public")
			writeTree(t, ref, files)
			if !exchanged {
				t.Error("the simulated exchange was not tried")
			}
			if treeHash(t, dest) != treeHash(t, ref) {
				t.Error("after Commit the destination is not exactly the new site")
			}
			if l := leftovers(t, dest); len(l) > 0 {
				t.Errorf("staging folders left behind: %v", l)
			}
		})
	}
}
