//go:build !unix

package build

import "os"

// readCacheFile returns the bytes of the build cache's file p.
func readCacheFile(p string) ([]byte, error) { return os.ReadFile(p) }
