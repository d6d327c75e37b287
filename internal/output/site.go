package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"
)

// Options say how a Site treats the files written to it.
type Options struct {
	// Minify minifies HTML, CSS, JS, JSON, SVG and XML by file extension.
	Minify bool
}

// Stats sum up what a build wrote, for its summary line.
type Stats struct {
	Files int   // files written and closed
	Bytes int64 // bytes on disk, after minification
}

// state is where a Site is in its life: open for writes, then closing (no
// more writes; Commit under way or failed), then committed or aborted.
type state int

const (
	stateOpen state = iota
	stateClosing
	stateCommitted
	stateAborted
)

// Site is one build's output, staged in a folder beside the destination
// until Commit swaps it into place or Abort throws it away. Its methods are
// safe for concurrent use; see the package documentation for the rules.
type Site struct {
	dest    string    // absolute destination, e.g. /repo/public
	staging string    // absolute staging folder beside dest
	lock    *os.File  // holds the staging folder's flock until Commit or Abort
	min     *Minifier // nil when not minifying

	// exchange swaps two names atomically; a field so tests can simulate a
	// filesystem without RENAME_EXCHANGE.
	exchange func(a, b string) error

	mu       sync.Mutex
	state    state
	claims   claims
	inflight int // writes started and not finished, open Create writers included
	stats    Stats
}

// Stage removes what killed earlier builds left beside dest, then starts a
// new build of the site that will replace dest. The folder holding dest is
// created if need be.
func Stage(dest string, opts Options) (*Site, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("output: destination %s: %w", dest, err)
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if parent == abs {
		return nil, fmt.Errorf("output: destination %s is a filesystem root; use a folder inside it", dest)
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("output: destination %s exists and is not a folder", dest)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("output: destination: %w", err)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: destination: %w", err)
	}
	if err := removeLeftovers(parent, base); err != nil {
		return nil, err
	}
	staging, lock, err := makeStaging(parent, base)
	if err != nil {
		return nil, err
	}
	s := &Site{
		dest:     abs,
		staging:  staging,
		lock:     lock,
		exchange: exchange,
		claims:   newClaims(),
	}
	if opts.Minify {
		s.min = NewMinifier()
	}
	return s, nil
}

// Write adds the file p with data, minified if its type is minified.
func (s *Site) Write(p string, data []byte) error {
	if err := s.begin(p); err != nil {
		return err
	}
	n, err := s.write(p, data)
	s.end(n, err)
	return err
}

// WriteMinified adds the file p with data as it is: data is minified
// already (a page rendered from minified layouts).
func (s *Site) WriteMinified(p string, data []byte) error {
	if err := s.begin(p); err != nil {
		return err
	}
	n, err := s.writeRaw(p, data)
	s.end(n, err)
	return err
}

// WriteFrom adds the file p with what r yields, minified if its type is.
func (s *Site) WriteFrom(p string, r io.Reader) error {
	if err := s.begin(p); err != nil {
		return err
	}
	n, err := s.writeFrom(p, r)
	s.end(n, err)
	return err
}

// Copy adds the file p with the contents of name in src: an image, a PDF
// or a theme's static file.
func (s *Site) Copy(p string, src fs.FS, name string) error {
	if err := s.begin(p); err != nil {
		return err
	}
	n, err := s.copyFrom(p, src, name)
	s.end(n, err)
	return err
}

// WriteFingerprinted minifies data if its type is minified, names it with
// [Fingerprint] and writes it, returning the name it was written under.
func (s *Site) WriteFingerprinted(p string, data []byte) (string, error) {
	if err := checkPath(p); err != nil {
		return "", err
	}
	if s.min != nil {
		var err error
		if data, err = s.min.Bytes(p, data); err != nil {
			return "", err
		}
	}
	fp := Fingerprint(p, data)
	if err := s.begin(fp); err != nil {
		return "", err
	}
	n, err := s.writeRaw(fp, data)
	s.end(n, err)
	return fp, err
}

// Stats returns what has been written so far.
func (s *Site) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// begin claims p for a write that must end with a call to end.
func (s *Site) begin(p string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != stateOpen {
		return fmt.Errorf("output: %s written after Commit or Abort", p)
	}
	if err := s.claims.claim(p); err != nil {
		return err
	}
	s.inflight++
	return nil
}

// end finishes a write begun by begin, counting it if it succeeded.
func (s *Site) end(n int64, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inflight--
	if err == nil {
		s.stats.Files++
		s.stats.Bytes += n
	}
}

func (s *Site) write(p string, data []byte) (int64, error) {
	if _, ok := mediaType(p); ok && s.min != nil {
		buf := minifyBuffers.Get().(*bytes.Buffer)
		defer minifyBuffers.Put(buf)
		var err error
		if data, err = s.min.into(buf, p, data); err != nil {
			return 0, err
		}
	}
	return s.writeRaw(p, data)
}

// minifyBuffers hold minified pages between the minifier and the file:
// a national build minifies twenty thousand pages.
var minifyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (s *Site) writeFrom(p string, r io.Reader) (int64, error) {
	if s.min != nil {
		if _, ok := mediaType(p); ok {
			data, err := io.ReadAll(r)
			if err != nil {
				return 0, fmt.Errorf("output: read %s: %w", p, err)
			}
			return s.write(p, data)
		}
	}
	f, err := s.create(p)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(f, r) // copy_file_range when r is an *os.File
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fmt.Errorf("output: write %s: %w", p, err)
	}
	return n, nil
}

func (s *Site) copyFrom(p string, src fs.FS, name string) (int64, error) {
	f, err := src.Open(name)
	if err != nil {
		return 0, fmt.Errorf("output: copy %s to %s: %w", name, p, err)
	}
	defer f.Close()
	return s.writeFrom(p, f)
}

// writeRaw writes data to p as is.
func (s *Site) writeRaw(p string, data []byte) (int64, error) {
	name := filepath.Join(s.staging, filepath.FromSlash(p))
	dir := path.Dir(p)
	var n int
	var err error
	if path.Base(p) == "index.html" && dir != "." {
		// A page's folder is its own (/x/y/ is x/y/index.html), so it
		// is almost always new: make it first rather than fail to open.
		if err = s.mkdirs(dir); err == nil {
			n, err = writeNewFile(name, data)
		}
	} else {
		n, err = writeNewFile(name, data)
		if errors.Is(err, fs.ErrNotExist) {
			if err = s.mkdirs(dir); err == nil {
				n, err = writeNewFile(name, data)
			}
		}
	}
	if err != nil {
		return int64(n), fmt.Errorf("output: write %s: %w", p, err)
	}
	return int64(n), nil
}

// create makes the new file p in the staging folder, and its folders if
// they are missing: trying the file first costs one failed open per new
// folder instead of a stat per file.
func (s *Site) create(p string) (*os.File, error) {
	name := filepath.Join(s.staging, filepath.FromSlash(p))
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrNotExist) {
		if err = s.mkdirs(path.Dir(p)); err == nil {
			f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("output: create %s: %w", p, err)
	}
	return f, nil
}

// mkdirs makes the folder dir of the staging folder and any missing parents,
// but never the staging folder itself: if Abort removed it, writes still
// under way fail instead of bringing it back.
func (s *Site) mkdirs(dir string) error {
	if dir == "." {
		return fmt.Errorf("staging folder %s is gone", s.staging)
	}
	name := filepath.Join(s.staging, filepath.FromSlash(dir))
	err := os.Mkdir(name, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if err = s.mkdirs(path.Dir(dir)); err == nil {
			err = os.Mkdir(name, 0o755)
		}
	}
	if errors.Is(err, fs.ErrExist) { // another goroutine made it; claims rule out a file
		return nil
	}
	return err
}
