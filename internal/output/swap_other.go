//go:build !linux

package output

import (
	"errors"
	"os"
)

// errNoExchange stands for renameat2(RENAME_EXCHANGE), which only Linux has.
var errNoExchange = errors.New("atomic exchange of names is not supported on this system")

// exchange always fails here, sending Commit to its rename-aside fallback.
func exchange(a, b string) error {
	return &os.LinkError{Op: "exchange", Old: a, New: b, Err: errNoExchange}
}

// exchangeUnsupported reports whether err came from exchange.
func exchangeUnsupported(err error) bool {
	return errors.Is(err, errNoExchange)
}

// lockDir opens dir without locking it: without flock, a concurrent build's
// staging folder may be removed by the next build's cleanup.
func lockDir(dir string) (f *os.File, held bool, err error) {
	f, err = os.Open(dir)
	return f, false, err
}
