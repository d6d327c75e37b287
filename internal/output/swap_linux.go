//go:build linux

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the names a and b in one step; both must exist.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if err != nil {
		return &os.LinkError{Op: "renameat2 exchange", Old: a, New: b, Err: err}
	}
	return nil
}

// exchangeUnsupported reports whether err says that the kernel (ENOSYS) or
// the filesystem (EINVAL, EOPNOTSUPP) cannot exchange names.
func exchangeUnsupported(err error) bool {
	return errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP)
}

// lockDir takes an exclusive flock on dir without waiting. The kernel drops
// it when f is closed or the process dies, killed or not. held is true when
// another open Site holds the lock.
func lockDir(dir string) (f *os.File, held bool, err error) {
	f, err = os.Open(dir)
	if err != nil {
		return nil, false, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, true, nil
		}
		return nil, false, &os.PathError{Op: "flock", Path: dir, Err: err}
	}
	return f, false, nil
}
