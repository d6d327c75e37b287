package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Commit puts the staged site in place of the destination and removes the
// previous one. Every write must have returned and every Create writer been
// closed. If Commit fails before the swap, the destination is untouched and
// Abort removes the staging folder. If only the removal of the previous
// site fails, the new site is in place, the error says so, and the next
// build removes the rest.
func (s *Site) Commit() error {
	if err := s.close("Commit of"); err != nil {
		return err
	}

	old, err := s.swap()
	if err != nil {
		return fmt.Errorf("output: put %s in place: %w", s.dest, err)
	}
	s.mu.Lock()
	s.state = stateCommitted
	s.mu.Unlock()
	s.lock.Close()
	if old == "" {
		return nil
	}
	if err := removeTree(old); err != nil {
		return fmt.Errorf("output: the new site is in place at %s, but removing the previous one failed (the next build retries): %w", s.dest, err)
	}
	return nil
}

// close ends the writes before Commit or Merge (what, for the message):
// every write must have returned and every Create writer been closed.
func (s *Site) close(what string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.state != stateOpen:
		return fmt.Errorf("output: %s %s after Commit or Abort", what, s.dest)
	case s.inflight > 0:
		return fmt.Errorf("output: %s %s with %d files still being written", what, s.dest, s.inflight)
	}
	s.state = stateClosing
	return nil
}

// Abort removes the staging folder, leaving the destination as it was.
// Call it once every write has returned. After a successful Commit it does
// nothing, so it can be deferred right after Stage.
func (s *Site) Abort() error {
	s.mu.Lock()
	if s.state == stateCommitted || s.state == stateAborted {
		s.mu.Unlock()
		return nil
	}
	s.state = stateAborted
	s.mu.Unlock()
	err := removeTree(s.staging)
	s.lock.Close()
	if err != nil {
		return fmt.Errorf("output: remove staging folder: %w", err)
	}
	return nil
}

// swap puts the staging folder in place of dest and returns where the
// previous site went, or "" if there was none.
func (s *Site) swap() (old string, err error) {
	err = s.exchange(s.staging, s.dest)
	switch {
	case err == nil:
		return s.staging, nil
	case errors.Is(err, fs.ErrNotExist): // no previous site
		return "", os.Rename(s.staging, s.dest)
	case exchangeUnsupported(err):
		return s.swapAside()
	}
	return "", err
}

// swapAside is swap without an atomic exchange: dest is renamed aside and
// the staging folder renamed into its place, so dest is missing between the
// two renames. The aside name matches the staging pattern, so a kill in
// between leaves nothing the next build does not clean up.
func (s *Site) swapAside() (old string, err error) {
	parent, base := filepath.Split(s.dest)
	// os.Rename refuses to replace a folder, even an empty one, so the
	// aside name is reserved by MkdirTemp and freed again just before use.
	aside, err := os.MkdirTemp(parent, base+stagingInfix+"*")
	if err != nil {
		return "", err
	}
	if err := os.Remove(aside); err != nil {
		return "", err
	}
	if err := os.Rename(s.dest, aside); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", os.Rename(s.staging, s.dest)
		}
		return "", err
	}
	if err := os.Rename(s.staging, s.dest); err != nil {
		if rerr := os.Rename(aside, s.dest); rerr != nil {
			return "", errors.Join(err, fmt.Errorf("restore the previous site from %s: %w", aside, rerr))
		}
		return "", err
	}
	return aside, nil
}

// stagingInfix joins the destination's name and os.MkdirTemp's digits in
// the name of a staging folder.
const stagingInfix = ".staging-"

// isStagingName reports whether name is a staging folder of dest's base.
func isStagingName(name, base string) bool {
	digits, ok := strings.CutPrefix(name, base+stagingInfix)
	if !ok || digits == "" {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// removeLeftovers removes the staging folders of base that no open Site
// holds: those of builds that were killed or failed without Abort.
func removeLeftovers(parent, base string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("output: look for leftover staging folders: %w", err)
	}
	for _, e := range entries {
		if !e.IsDir() || !isStagingName(e.Name(), base) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		lock, held, err := lockDir(dir)
		if errors.Is(err, fs.ErrNotExist) || held { // gone already, or in use
			continue
		}
		if err != nil {
			return fmt.Errorf("output: leftover staging folder: %w", err)
		}
		err = removeTree(dir)
		lock.Close()
		if err != nil {
			return fmt.Errorf("output: remove leftover staging folder (delete it by hand): %w", err)
		}
	}
	return nil
}

// makeStaging makes and locks a new staging folder. Another build's
// removeLeftovers may remove the folder between its creation and its lock;
// that is caught by checking the locked folder is still the one at the name,
// and answered by trying again.
func makeStaging(parent, base string) (dir string, lock *os.File, err error) {
	for range 5 {
		dir, err = os.MkdirTemp(parent, base+stagingInfix+"*")
		if err != nil {
			return "", nil, fmt.Errorf("output: make staging folder: %w", err)
		}
		var held bool
		lock, held, err = lockDir(dir)
		if errors.Is(err, fs.ErrNotExist) || held {
			continue
		}
		if err != nil {
			os.Remove(dir)
			return "", nil, fmt.Errorf("output: lock staging folder: %w", err)
		}
		if sameFile(lock, dir) {
			// MkdirTemp makes 0700; the root of a site is a plain folder.
			if err := os.Chmod(dir, 0o755); err != nil {
				lock.Close()
				os.Remove(dir)
				return "", nil, fmt.Errorf("output: staging folder: %w", err)
			}
			return dir, lock, nil
		}
		lock.Close()
	}
	return "", nil, fmt.Errorf("output: could not make a staging folder beside %s: other builds keep removing it", filepath.Join(parent, base))
}

// sameFile reports whether the open f is still the file at name.
func sameFile(f *os.File, name string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Lstat(name)
	return err == nil && os.SameFile(a, b)
}

// Merge is Commit for a staging folder that holds only the files that
// changed since the site in the destination was built: each staged file
// is renamed over its place in the destination (one step per file, so
// each is either old or new, never half-written), the files at remove
// (slash paths) are deleted with the folders they leave empty, and the
// staging folder goes. A build killed during Merge leaves some files
// new and others old, each whole; one killed before leaves the
// destination as it was and its staging folder for the next Stage to
// remove.
func (s *Site) Merge(remove []string) error {
	if err := s.close("Merge into"); err != nil {
		return err
	}
	err := filepath.WalkDir(s.staging, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(s.staging, p)
		if err != nil {
			return err
		}
		target := filepath.Join(s.dest, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.Rename(p, target)
	})
	if err != nil {
		return fmt.Errorf("output: merge into %s: %w", s.dest, err)
	}
	for _, p := range remove {
		if err := checkPath(p); err != nil {
			return err
		}
		if err := os.Remove(filepath.Join(s.dest, filepath.FromSlash(p))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("output: merge into %s: %w", s.dest, err)
		}
		// Folders left empty go too; one still holding files stays.
		for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
			if os.Remove(filepath.Join(s.dest, filepath.FromSlash(dir))) != nil {
				break
			}
		}
	}
	s.mu.Lock()
	s.state = stateCommitted
	s.mu.Unlock()
	s.lock.Close()
	if err := removeTree(s.staging); err != nil {
		return fmt.Errorf("output: the changes are in place in %s, but removing the staging folder failed (the next build retries): %w", s.dest, err)
	}
	return nil
}
