package output

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// checkPath rejects any site path that could land outside the site root or
// name the same file two ways: fs.ValidPath already refuses "..", "."
// elements, empty elements and a leading or trailing slash.
func checkPath(p string) error {
	switch {
	case p == "":
		return fmt.Errorf("output: empty path")
	case p == ".": // fs.ValidPath's name for the root, which is no file
		return fmt.Errorf("output: path %q names the site root, not a file", p)
	case strings.HasPrefix(p, "/"):
		return fmt.Errorf("output: path %q is absolute; paths are relative to the site root", p)
	case strings.ContainsAny(p, "\\\x00"):
		return fmt.Errorf("output: path %q contains a backslash or NUL", p)
	case !fs.ValidPath(p):
		return fmt.Errorf("output: path %q is not a clean relative path (no \"..\", \".\", or empty elements)", p)
	}
	return nil
}

// claims records every file and folder a build has asked for, so that two
// writes to one path fail with the path's name instead of an EEXIST from
// deep inside the filesystem. The caller holds the Site's mutex.
type claims struct {
	files map[string]bool
	dirs  map[string]bool
}

func newClaims() claims {
	return claims{files: map[string]bool{}, dirs: map[string]bool{}}
}

// claim reserves p for one file; it changes nothing when it fails.
func (c claims) claim(p string) error {
	if err := checkPath(p); err != nil {
		return err
	}
	if c.files[p] {
		return fmt.Errorf("output: %s is written twice", p)
	}
	if c.dirs[p] {
		return fmt.Errorf("output: %s is written as a file but is already a folder of other files", p)
	}
	var added []string
	for d := path.Dir(p); d != "." && !c.dirs[d]; d = path.Dir(d) {
		if c.files[d] {
			return fmt.Errorf("output: %s needs folder %s, which is already written as a file", p, d)
		}
		added = append(added, d)
	}
	for _, d := range added {
		c.dirs[d] = true
	}
	c.files[p] = true
	return nil
}
