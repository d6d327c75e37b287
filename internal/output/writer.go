package output

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// Create adds the file p, written through the returned writer, which must
// be closed before Commit. It is not safe for concurrent use itself. A file
// of a minified type is held in memory and minified when closed.
func (s *Site) Create(p string) (io.WriteCloser, error) {
	if err := s.begin(p); err != nil {
		return nil, err
	}
	w := &fileWriter{site: s, path: p}
	if _, ok := mediaType(p); ok && s.min != nil {
		w.buf = new(bytes.Buffer)
		return w, nil
	}
	f, err := s.create(p)
	if err != nil {
		s.end(0, err)
		return nil, err
	}
	w.file = f
	return w, nil
}

// fileWriter is what Create returns: it streams to file, or collects in buf
// for minification on Close.
type fileWriter struct {
	site   *Site
	path   string
	file   *os.File
	buf    *bytes.Buffer
	n      int64
	err    error // the first write error, reported again by Close
	closed bool
}

// Write implements io.Writer.
func (w *fileWriter) Write(b []byte) (int, error) {
	if w.closed {
		return 0, fmt.Errorf("output: write %s: %w", w.path, os.ErrClosed)
	}
	if w.buf != nil {
		return w.buf.Write(b)
	}
	n, err := w.file.Write(b)
	w.n += int64(n)
	if err != nil && w.err == nil {
		w.err = fmt.Errorf("output: write %s: %w", w.path, err)
	}
	return n, err
}

// Close finishes the file, minifying it first if it was buffered.
func (w *fileWriter) Close() error {
	if w.closed {
		return fmt.Errorf("output: close %s: %w", w.path, os.ErrClosed)
	}
	w.closed = true
	var n int64
	var err error
	if w.buf != nil {
		n, err = w.site.write(w.path, w.buf.Bytes())
	} else {
		n, err = w.n, w.err
		if cerr := w.file.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("output: close %s: %w", w.path, cerr)
		}
	}
	w.site.end(n, err)
	return err
}
