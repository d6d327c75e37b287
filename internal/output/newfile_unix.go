//go:build unix

package output

import (
	"io/fs"
	"syscall"
)

// writeNewFile creates the file name, which must not exist, with data.
//
// It uses plain system calls rather than an *os.File: opening one also
// registers it with the runtime's poller and sets it non-blocking (an
// epoll_ctl and several fcntl calls per file, then a finalizer), which for
// the twenty thousand small pages of a national build was more kernel
// time than writing them. A regular file gains nothing from the poller.
func writeNewFile(name string, data []byte) (int, error) {
	var fd int
	err := retryEINTR(func() (err error) {
		fd, err = syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
		return err
	})
	if err != nil {
		return 0, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	n := 0
	for n < len(data) && err == nil {
		var m int
		err = retryEINTR(func() (err error) {
			m, err = syscall.Write(fd, data[n:])
			return err
		})
		n += max(m, 0)
	}
	if err != nil {
		err = &fs.PathError{Op: "write", Path: name, Err: err}
	}
	if cerr := syscall.Close(fd); cerr != nil && err == nil {
		err = &fs.PathError{Op: "close", Path: name, Err: cerr}
	}
	return n, err
}

func retryEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}
