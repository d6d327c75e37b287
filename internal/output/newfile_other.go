//go:build !unix

package output

import "os"

// writeNewFile creates the file name, which must not exist, with data.
func writeNewFile(name string, data []byte) (int, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, err
	}
	n, err := f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}
