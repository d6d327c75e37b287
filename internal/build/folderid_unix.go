//go:build unix

package build

import (
	"fmt"
	"os"
	"syscall"
)

// folderID names the folder at p as the filesystem knows it (device and
// inode), or "" when it cannot be told: a clean build swaps a new folder
// into place, which changes it.
func folderID(p string) string {
	fi, err := os.Stat(p)
	if err != nil || !fi.IsDir() {
		return ""
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%d:%d", st.Dev, st.Ino)
}
