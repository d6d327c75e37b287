package build

import (
	"fmt"
	"io/fs"
	"maps"
	"sync"

	"github.com/facultyhub/facultyhub/internal/output"
)

// Sink receives a build's files. The build writes every file once, from
// many goroutines, then calls Commit if it succeeded or Abort if not.
type Sink interface {
	Write(path string, data []byte) error
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
	stats  output.Stats
	minify *output.Minifier
}

// NewMemory returns an empty in-memory sink; with minify it minifies like
// the disk output does.
func NewMemory(minify bool) *Memory {
	m := &Memory{staged: map[string][]byte{}, files: map[string][]byte{}}
	if minify {
		m.minify = output.NewMinifier()
	}
	return m
}

// Write stores data at path.
func (m *Memory) Write(path string, data []byte) error {
	if m.minify != nil {
		min, err := m.minify.Bytes(path, data)
		if err != nil {
			return fmt.Errorf("minify %s: %w", path, err)
		}
		data = min
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.staged[path]; dup {
		return fmt.Errorf("%s is written twice", path)
	}
	m.staged[path] = data
	m.stats.Files++
	m.stats.Bytes += int64(len(data))
	return nil
}

// Copy stores the file name of src at path.
func (m *Memory) Copy(path string, src fs.FS, name string) error {
	data, err := fs.ReadFile(src, name)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.staged[path] = data
	m.stats.Files++
	m.stats.Bytes += int64(len(data))
	return nil
}

// WriteFingerprinted stores data under its fingerprinted name.
func (m *Memory) WriteFingerprinted(path string, data []byte) (string, error) {
	if m.minify != nil {
		min, err := m.minify.Bytes(path, data)
		if err != nil {
			return "", err
		}
		data = min
	}
	name := output.Fingerprint(path, data)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.staged[name] = data
	m.stats.Files++
	m.stats.Bytes += int64(len(data))
	return name, nil
}

// Commit makes the staged files the visible site.
func (m *Memory) Commit() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files, m.staged = m.staged, map[string][]byte{}
	return nil
}

// Abort drops the staged files; the last committed site stays.
func (m *Memory) Abort() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.staged = map[string][]byte{}
	return nil
}

// Stats counts the files of the last build.
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
