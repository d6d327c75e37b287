package build

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"sync"

	"github.com/facultyhub/facultyhub/internal/output"
)

// Sink receives a build's files. The build writes every file once, from
// many goroutines, then calls Commit if it succeeded or Abort if not.
type Sink interface {
	// Write stores data at path. It must not keep data after it
	// returns: the build reuses its page buffers.
	Write(path string, data []byte) error
	// WriteMinified is Write for data minified already: rendered pages.
	WriteMinified(path string, data []byte) error
	Copy(path string, src fs.FS, name string) error
	// WriteFingerprinted writes an asset under a name derived from its
	// content and returns that name.
	WriteFingerprinted(path string, data []byte) (string, error)
	Commit() error
	Abort() error
	Stats() output.Stats
}

// Memory is a Sink that keeps the site in memory, for the preview server.
// Files become visible through Files only once Commit has been called, so
// a failed build never replaces the last good site.
type Memory struct {
	mu     sync.Mutex
	staged map[string][]byte
	files  map[string][]byte
	// staging counts the build in progress; stats the committed one.
	staging, stats output.Stats
}

// NewMemory returns an empty in-memory sink. It keeps files as written:
// the preview is not minified.
func NewMemory() *Memory {
	return &Memory{staged: map[string][]byte{}, files: map[string][]byte{}}
}

// Write stores a copy of data at path.
func (m *Memory) Write(path string, data []byte) error {
	data = slices.Clone(data)
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.staged[path]; dup {
		return fmt.Errorf("%s is written twice", path)
	}
	m.add(path, data)
	return nil
}

// WriteMinified is Write: nothing is minified here.
func (m *Memory) WriteMinified(path string, data []byte) error { return m.Write(path, data) }

// Copy stores the file name of src at path.
func (m *Memory) Copy(path string, src fs.FS, name string) error {
	data, err := fs.ReadFile(src, name)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.add(path, data)
	return nil
}

// add stages one file; m.mu is held.
func (m *Memory) add(path string, data []byte) {
	m.staged[path] = data
	m.staging.Files++
	m.staging.Bytes += int64(len(data))
}

// WriteFingerprinted stores data under its fingerprinted name.
func (m *Memory) WriteFingerprinted(path string, data []byte) (string, error) {
	name := output.Fingerprint(path, data)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.add(name, data)
	return name, nil
}

// Commit makes the staged files the visible site.
func (m *Memory) Commit() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files, m.staged = m.staged, map[string][]byte{}
	m.stats, m.staging = m.staging, output.Stats{}
	return nil
}

// Abort drops the staged files; the last committed site stays.
func (m *Memory) Abort() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.staged = map[string][]byte{}
	m.staging = output.Stats{}
	return nil
}

// Stats counts the files of the last committed build.
func (m *Memory) Stats() output.Stats {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.stats
}

// Files returns a copy of the committed site: path → content.
func (m *Memory) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.files)
}

// File returns one committed file.
func (m *Memory) File(path string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[path]
	return b, ok
}
