package build

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/facultyhub/facultyhub/internal/check"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/search"
	"golang.org/x/sync/errgroup"
)

// Cache keeps decoded documents, parsed Markdown outlines and the results
// of document checks from one build to the next. Make one with NewCache.
type Cache struct {
	docs     *content.Cache
	checks   *check.Cache
	analyses *search.Analyses
	// encodedAnalyses, when set, is what analyses are decoded from
	// (decodeAnalyses): decoding them with the documents at the start of
	// a build would hold both in memory at once. analysesDecoded is
	// closed when the decoding started by decodeAnalyses is done.
	encodedAnalyses []byte
	analysesDecoded chan struct{}
	// decoding guards the two fields above: the check and the index
	// start the decoding, side by side.
	decoding sync.Mutex
}

// decodeAnalyses starts decoding c's analyses in the background (an
// encoding that cannot be read gives none): the build starts it once the
// check has let go of the documents' positions, and the graph and the
// page list, which use one core, run meanwhile.
func (c *Cache) decodeAnalyses() {
	c.decoding.Lock()
	defer c.decoding.Unlock()
	if c.encodedAnalyses == nil || c.analysesDecoded != nil {
		return
	}
	data, done := c.encodedAnalyses, make(chan struct{})
	c.encodedAnalyses, c.analysesDecoded = nil, done
	go func() {
		defer close(done)
		if a, err := search.DecodeAnalyses(data); err == nil {
			c.analyses = a
		}
	}()
}

// searchAnalyses returns c's analyses, once decoded.
func (c *Cache) searchAnalyses() *search.Analyses {
	c.decodeAnalyses()
	c.decoding.Lock()
	done := c.analysesDecoded
	c.decoding.Unlock()
	if done != nil {
		<-done
	}
	return c.analyses
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{docs: content.NewCache(), checks: check.NewCache(), analyses: search.NewAnalyses()}
}

// TrustChanges makes builds with c skip reading the files c has read
// before, unless Changed or ChangedAll has named them since: for a caller
// that watches the source and reports every change.
func (c *Cache) TrustChanges() { c.docs.TrustChanges() }

// Changed reports files or folders (slash paths relative to the source
// folder) that may have changed.
func (c *Cache) Changed(paths ...string) { c.docs.Changed(paths...) }

// ChangedAll reports that any file may have changed.
func (c *Cache) ChangedAll() { c.docs.ChangedAll() }

// The build cache folder (Options.CacheDir) keeps a Cache between
// processes in two files beside the manifest.
const (
	documentsFile = "documents.bin"
	checksFile    = "checks.bin"
	analysesFile  = "analyses.bin"
)

// readCaches reads the Cache kept in dir, its three parts at once, or
// returns an empty one when there is none or it cannot be read: it is
// only ever a shortcut.
func readCaches(dir string) *Cache {
	c := NewCache()
	var wg sync.WaitGroup
	read := func(name string, decode func([]byte) error) {
		wg.Go(func() {
			if data, err := readCacheFile(filepath.Join(dir, name)); err == nil {
				_ = decode(data) // a part that cannot be read stays empty
			}
		})
	}
	read(documentsFile, func(data []byte) (err error) {
		docs, err := content.DecodeCache(data)
		if err == nil {
			c.docs = docs
		}
		return err
	})
	read(checksFile, func(data []byte) error {
		checks, err := check.DecodeCache(data)
		if err == nil {
			c.checks = checks
		}
		return err
	})
	read(analysesFile, func(data []byte) error {
		c.encodedAnalyses = data
		return nil
	})
	wg.Wait()
	return c
}

// writeDocuments keeps c's documents in dir for the next build: they
// are encoded before it returns (the build then drops their positions),
// and written in g.
func (c *Cache) writeDocuments(dir string, g *errgroup.Group) error {
	docs, err := c.docs.Encode()
	if err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	g.Go(func() error { return writeFileAtomicFrom(filepath.Join(dir, documentsFile), docs) })
	return nil
}

// writeChecks keeps c's check results in dir for the next build, once
// the checks are done: c lets go of them (the build has no more use for
// them), and they are encoded and written in g.
func (c *Cache) writeChecks(dir string, g *errgroup.Group) {
	checks := c.checks
	c.checks = check.NewCache()
	g.Go(func() error { return writeFileAtomicFrom(filepath.Join(dir, checksFile), checks) })
}

// writeFileAtomicFrom replaces the file p, in one step, with what src
// writes.
func writeFileAtomicFrom(p string, src io.WriterTo) error {
	tmp, err := os.CreateTemp(filepath.Dir(p), filepath.Base(p)+".*")
	if err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	_, err = src.WriteTo(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("build cache: %w", err)
	}
	return nil
}

// writeAnalyses keeps c's search analyses in dir for the next build,
// encoded and written in g; c lets go of them at once (millions of
// counted words at national scale), so they go when written.
func (c *Cache) writeAnalyses(dir string, g *errgroup.Group) {
	a := c.analyses
	c.analyses = search.NewAnalyses()
	g.Go(func() error { return writeFileAtomicFrom(filepath.Join(dir, analysesFile), a) })
}
