//go:build unix

package build

import (
	"os"
	"syscall"
)

// readCacheFile returns the bytes of the build cache's file p, mapped
// into memory rather than read into the heap: some 60 MB at national
// scale, which a build after a small change would otherwise copy, and
// page into a heap that its garbage then grows past. The mapping is
// never undone (what is decoded from the file points into it), which is
// safe because the cache replaces its files by renaming new ones over
// them: a mapped file is never changed. The mapping is private and
// writable, so a write, were a decoder ever to make one, would copy the
// page and leave the file alone. An empty file, or one that cannot be
// mapped, is read.
func readCacheFile(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if size := info.Size(); size > 0 && size == int64(int(size)) && info.Mode().IsRegular() {
		data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_POPULATE)
		if err == nil {
			return data, nil
		}
	}
	return os.ReadFile(p)
}
