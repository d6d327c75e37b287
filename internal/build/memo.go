package build

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/facultyhub/facultyhub/internal/binenc"
	"github.com/facultyhub/facultyhub/internal/config"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/render"
	"golang.org/x/sync/errgroup"
)

// The build cache lets a build into a destination that the last build
// with the same cache folder wrote reuse what did not change. It keeps
// one file, the manifest: every file that build wrote, with the SHA-256
// of the bytes it was made from, and for each page whose reach is known
// (render.Keys) the page's key. The next build:
//
//   - renders only the pages whose key changed, and the hub pages that
//     have none;
//   - writes only the files whose bytes changed, each replaced whole
//     (written beside it, then renamed over it), and removes the files
//     it no longer makes;
//   - checks the links of the pages it rendered; when a file went away
//     or a rendered page lost an element id, it checks every page's
//     links again, reading the pages it kept from the destination.
//
// It is byte for byte the site a clean build makes (build_test.go holds
// it to that). The manifest is removed before the destination is touched
// and written again once every file is in place, so a build killed
// half-way leaves no manifest and the next build is a clean one.

// manifestFormat changes whenever the manifest's meaning does.
const manifestFormat = "facultyhub-build-cache-4"

// manifestName is the manifest's file in the cache folder.
const manifestName = "manifest.bin"

type manifest struct {
	Format string
	// Dest is the destination's absolute path; DestID the identity of
	// its folder, which a clean build's swap changes.
	Dest   string
	DestID string
	Minify bool
	// Global is what every page shared (run.global).
	Global []byte
	Files  map[string]fileEntry
	// Linked holds every site path a page links to (without its base
	// path, query or fragment): a file that goes away and is not among
	// them broke no page's link.
	Linked []string
	// FeedKeys fingerprints, by path, what each feed and export was made
	// from (memo.feedsToMake).
	FeedKeys map[string][]byte
}

// fileEntry is one file of a build's output.
type fileEntry struct {
	// Sum is the SHA-256 of the bytes the build wrote the file from:
	// before minifying for a feed or an asset, as written for a page.
	// Zero when not known (a keyed page of a clean build).
	Sum [sha256.Size]byte
	// Key is a keyed page's render.Key.
	Key   render.Key
	Keyed bool
}

// memo is the build cache as one build uses it.
type memo struct {
	dir  string
	dest string
	// prev is the last build's manifest when this build updates its
	// output in place; nil for a clean build.
	prev   *manifest
	keys   *render.Keys
	global []byte
	mu     sync.Mutex
	now    map[string]fileEntry
	// linked is Linked as this build leaves it.
	linked map[string]bool
	// feedKeys is FeedKeys as this build leaves it.
	feedKeys map[string][]byte
}

// openMemo reads the manifest in dir. It returns a memo for a clean
// build when there is none, or when it does not describe dest as it is.
func openMemo(dir, dest string, minify bool) (*memo, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	m := &memo{dir: dir, dest: abs, now: map[string]fileEntry{}, linked: map[string]bool{}, feedKeys: map[string][]byte{}}
	prev, err := readManifest(filepath.Join(dir, manifestName))
	if err != nil {
		return m, nil // no usable cache: a clean build, which writes one
	}
	if prev.Format == manifestFormat && prev.Dest == abs && prev.Minify == minify && prev.DestID != "" && prev.DestID == folderID(abs) {
		m.prev = prev
	}
	return m, nil
}

// linksGone reports whether a file the last build wrote, and this one
// does not, may be the target of a page's link.
func (m *memo) linksGone() bool {
	prev := make(map[string]bool, len(m.prev.Linked))
	for _, l := range m.prev.Linked {
		prev[l] = true
	}
	for _, g := range m.gone() {
		if prev["/"+g] {
			return true
		}
		if dir, ok := strings.CutSuffix("/"+g, "index.html"); ok && (prev[dir] || prev[strings.TrimSuffix(dir, "/")]) {
			return true
		}
	}
	return false
}

func readManifest(p string) (*manifest, error) {
	data, err := readCacheFile(p)
	if err != nil {
		return nil, err
	}
	data, ok := binenc.Checked(data)
	if !ok {
		return nil, fmt.Errorf("build cache: manifest: %w", binenc.ErrCorrupt)
	}
	r := binenc.NewReader(data)
	m := &manifest{Format: r.String()}
	if m.Format != manifestFormat {
		return nil, fmt.Errorf("build cache: manifest format %q, want %q", m.Format, manifestFormat)
	}
	m.Dest, m.DestID, m.Minify, m.Global = r.String(), r.String(), r.Bool(), slices.Clone(r.Raw())
	n := r.Len()
	m.Files = make(map[string]fileEntry, n)
	for range n {
		p := r.String()
		var e fileEntry
		copy(e.Sum[:], r.Raw())
		if e.Keyed = r.Bool(); e.Keyed {
			copy(e.Key[:], r.Raw())
		}
		m.Files[p] = e
	}
	m.Linked = r.Strings()
	m.FeedKeys = map[string][]byte{}
	for range r.Len() {
		m.FeedKeys[r.String()] = slices.Clone(r.Raw())
	}
	if r.Err() != nil || !r.Done() {
		return nil, fmt.Errorf("build cache: manifest: %w", binenc.ErrCorrupt)
	}
	return m, nil
}

// forget removes the manifest: the destination is about to change.
func (m *memo) forget() error {
	err := os.Remove(filepath.Join(m.dir, manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// save writes the manifest of this build, whose output is in place.
func (m *memo) save(minify bool) error {
	if err := os.MkdirAll(m.dir, 0o755); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	linked := make([]string, 0, len(m.linked))
	for l := range m.linked {
		linked = append(linked, l)
	}
	slices.Sort(linked)
	paths := make([]string, 0, len(m.now))
	for p := range m.now {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	feeds := slices.Sorted(maps.Keys(m.feedKeys))
	// Written a block at a time: some 5 MB at national scale.
	return writeFileAtomicFrom(filepath.Join(m.dir, manifestName), writerTo(func(dst io.Writer) (int64, error) {
		w := binenc.NewStream(dst)
		w.String(manifestFormat)
		w.String(m.dest)
		w.String(folderID(m.dest))
		w.Bool(minify)
		w.Raw(m.global)
		w.Uint(uint64(len(paths)))
		for _, p := range paths {
			e := m.now[p]
			w.String(p)
			w.Raw(e.Sum[:])
			w.Bool(e.Keyed)
			if e.Keyed {
				w.Raw(e.Key[:])
			}
			w.Spill()
		}
		w.Uint(uint64(len(linked))) // as Strings writes them
		for _, l := range linked {
			w.String(l)
			w.Spill()
		}
		w.Uint(uint64(len(feeds)))
		for _, p := range feeds {
			w.String(p)
			w.Raw(m.feedKeys[p])
		}
		return w.Close()
	}))
}

// writerTo is a function that writes to a writer, as an io.WriterTo.
type writerTo func(io.Writer) (int64, error)

func (f writerTo) WriteTo(w io.Writer) (int64, error) { return f(w) }

// same records the file p, made from data (a page: as written), and
// reports whether the last build wrote it from the same bytes, so that it
// can stay as it is. A page's key, recorded before, stays with it; a
// clean build does not hash keyed pages, which their keys name.
func (m *memo) same(p string, data []byte) bool {
	m.mu.Lock()
	e := m.now[p]
	m.mu.Unlock()
	if e.Keyed && m.prev == nil {
		return false
	}
	e.Sum = sha256.Sum256(data)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now[p] = e
	if m.prev == nil {
		return false
	}
	old, ok := m.prev.Files[p]
	return ok && old.Sum == e.Sum
}

// add records the file p, which this build makes and nothing compares:
// an asset whose name is its content's.
func (m *memo) add(p string) {
	m.mu.Lock()
	m.now[p] = fileEntry{}
	m.mu.Unlock()
}

// reset forgets what this build recorded: it starts again, clean.
func (m *memo) reset() {
	m.mu.Lock()
	m.now, m.linked, m.feedKeys = map[string]fileEntry{}, map[string]bool{}, map[string][]byte{}
	m.mu.Unlock()
}

// keepAll records files the last build wrote, unchanged, and reports
// whether it wrote them all.
func (m *memo) keepAll(paths []string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range paths {
		if _, ok := m.prev.Files[p]; !ok {
			return false
		}
	}
	for _, p := range paths {
		m.now[p] = m.prev.Files[p]
	}
	return true
}

// wrote reports whether the last build wrote the file p.
func (m *memo) wrote(p string) bool {
	if m.prev == nil {
		return false
	}
	_, ok := m.prev.Files[p]
	return ok
}

// gone lists the files the last build wrote and this one does not.
func (m *memo) gone() []string {
	if m.prev == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for p := range m.prev.Files {
		if _, ok := m.now[p]; !ok {
			out = append(out, p)
		}
	}
	return out
}

// split sorts pages into those to render and those whose HTML the last
// build wrote for the same key, which stay as they are.
func (m *memo) split(ctx context.Context, pages []*render.Page, record func(string)) ([]*render.Page, error) {
	type verdict struct {
		key   render.Key
		keyed bool
	}
	verdicts := make([]verdict, len(pages))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	const chunk = 256
	for start := 0; start < len(pages); start += chunk {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			for i := start; i < min(start+chunk, len(pages)); i++ {
				if m.keys != nil {
					verdicts[i].key, verdicts[i].keyed = m.keys.Of(pages[i])
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	var todo []*render.Page
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, p := range pages {
		v, out := verdicts[i], outputPath(p.URL)
		if m.prev != nil && v.keyed {
			if old, ok := m.prev.Files[out]; ok && old.Keyed && old.Key == v.key {
				m.now[out] = old
				record(out)
				p.Release()
				continue
			}
		}
		m.now[out] = fileEntry{Key: v.key, Keyed: v.keyed}
		todo = append(todo, p)
	}
	return todo, nil
}

// global fingerprints what every page of the build shares, and reports
// whether pages may be keyed (the built-in layouts are used).
func (r *run) global() ([]byte, bool, error) {
	h := sha256.New()
	exe, err := executableSum()
	if err != nil {
		return nil, false, err
	}
	fmt.Fprintf(h, "%s\x00%x\x00%s\x00%t\x00%s\x00%t\x00", manifestFormat, exe, r.cfg.BaseURL, r.opts.Drafts,
		r.opts.Today.Format("2006-01-02"), r.opts.NoMinify)
	// The site's configuration and reference data, byte for byte.
	if b, err := fs.ReadFile(r.fsys, config.File); err == nil {
		fmt.Fprintf(h, "%d\x00", len(b))
		h.Write(b)
	}
	err = fs.WalkDir(r.fsys, content.DataDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(r.fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	builtin := r.rd.Global(h)
	return h.Sum(nil), builtin, nil
}

// feedsToMake keeps the feeds whose inputs are those the last build made
// them from, records them, and returns the jobs left to do. A job's
// inputs are its entries' (feedInputs) or, without, all (the whole
// site's front matter); both go with global.
func (m *memo) feedsToMake(jobs []feedJob, global, all []byte, record func(string)) []feedJob {
	var todo []feedJob
	h := sha256.New()
	b := bufio.NewWriterSize(h, 64<<10)
	for _, j := range jobs {
		h.Reset()
		b.Write(global)
		if j.inputs != nil {
			j.inputs(b)
		} else {
			b.Write(all)
		}
		b.Flush() // a hash never fails
		key, p := h.Sum(nil), strings.TrimPrefix(j.path, "/")
		m.mu.Lock()
		m.feedKeys[p] = key
		m.mu.Unlock()
		if m.prev != nil && bytes.Equal(m.prev.FeedKeys[p], key) && m.keepAll([]string{p}) {
			record(p)
			continue
		}
		todo = append(todo, j)
	}
	return todo
}

// feedsKey fingerprints what the whole-site feeds and exports are made
// from: every document's path and front matter (they never read a body).
func (r *run) feedsKey() []byte {
	h := sha256.New()
	b := bufio.NewWriterSize(h, 64<<10)
	b.Write(r.memo.global)
	for _, d := range r.hub.Documents {
		b.WriteString(d.Path)
		b.WriteByte(0)
		b.Write(d.FrontSum[:])
	}
	b.Flush()
	return h.Sum(nil)
}

// executableSum identifies the running program: a new facultyhub may
// render the same input differently. It is the Go build ID where the
// executable has one (an ELF note, derived from everything the program
// was built from: a few bytes to read), else the SHA-256 of the whole
// file. `go run` links an identical program each time, so both stay the
// same from one run to the next.
func executableSum() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("build cache: %w", err)
	}
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if id, err := s.Data(); err == nil && len(id) > 16 {
				sum := sha256.Sum256(id)
				return sum[:], nil
			}
		}
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		return nil, fmt.Errorf("build cache: %w", err)
	}
	sum := sha256.Sum256(data)
	return sum[:], nil
}

// docSums maps each document's path to the SHA-256 of its file, for
// render.Keys.
func docSums(h *content.Hub) func(string) []byte {
	sums := make(map[string]*[sha256.Size]byte, len(h.Documents))
	for _, d := range h.Documents {
		sums[d.Path] = &d.Sum
	}
	return func(p string) []byte {
		if s := sums[p]; s != nil {
			return s[:]
		}
		return nil
	}
}
