package feeds

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Redirect is a permanent redirect from an old path: a renamed page's alias,
// or a merged system's pages to its successor's.
type Redirect struct {
	// From is a site path starting with "/"; To is a site path or an
	// absolute URL.
	From, To string
}

// Redirects writes a Netlify _redirects file, one "FROM TO 301" line per
// redirect, sorted by From. Exact duplicates are written once; the same
// From with two targets is an error, since only the first would ever apply.
// Paths may not contain white space, which separates the fields.
func Redirects(w io.Writer, redirects []Redirect) error {
	sorted := slices.Clone(redirects)
	slices.SortFunc(sorted, func(a, b Redirect) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	sorted = slices.Compact(sorted)
	for i, r := range sorted {
		switch {
		case !strings.HasPrefix(r.From, "/"):
			return fmt.Errorf("_redirects: from %q: must start with /", r.From)
		case r.To == "":
			return fmt.Errorf("_redirects: from %s: no target", r.From)
		case strings.ContainsFunc(r.From+r.To, isSpaceOrControl):
			return fmt.Errorf("_redirects: %s -> %s: white space in a path", r.From, r.To)
		case r.From == r.To:
			return fmt.Errorf("_redirects: %s redirects to itself", r.From)
		case i > 0 && sorted[i-1].From == r.From:
			return fmt.Errorf("_redirects: %s redirects both to %s and to %s", r.From, sorted[i-1].To, r.To)
		}
	}
	// bufio.Writer keeps its first write error and Flush returns it.
	bw := bufio.NewWriter(w)
	for _, r := range sorted {
		bw.WriteString(r.From + " " + r.To + " 301\n")
	}
	return bw.Flush()
}

func isSpaceOrControl(r rune) bool { return r <= ' ' || r == 0x7f }
