package corpus

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// rng makes the generator's random choices from a PCG stream, so that a
// seed and a stream number always give the same corpus.
type rng struct{ r *rand.Rand }

// Streams of the PCG source: one for the reference lists, one for national
// content, and one per faculty from streamFaculty on, so faculties can be
// generated in any order.
const (
	streamWorld    = 1
	streamNational = 2
	streamFaculty  = 1 << 16
)

func newRNG(seed, stream uint64) *rng { return &rng{rand.New(rand.NewPCG(seed, stream))} }

// intn returns a number in [0, n).
func (g *rng) intn(n int) int { return g.r.IntN(n) }

// between returns a number in [lo, hi].
func (g *rng) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// chance reports true with probability p.
func (g *rng) chance(p float64) bool { return g.r.Float64() < p }

// pick returns one element of xs.
func pick[T any](g *rng, xs []T) T { return xs[g.r.IntN(len(xs))] }

// sample returns k distinct elements of xs (all of them if k is larger), in
// the order they have in xs.
func sample[T any](g *rng, xs []T, k int) []T {
	if k >= len(xs) {
		return append([]T(nil), xs...)
	}
	idx := g.r.Perm(len(xs))[:k]
	slices.Sort(idx)
	out := make([]T, k)
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

// slugsOf returns the slugs of terms.
func slugsOf(terms []term) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.Slug
	}
	return out
}

// Today is the day the corpus is written for: every reviewed date falls in
// the twelve months before it and about one placement in ten has closed by
// then. Build the corpus with --now Today for the intended result.
const Today = "2026-11-25"

// today returns Today as a time.
func today() time.Time { return time.Date(2026, time.November, 25, 0, 0, 0, 0, time.UTC) }

// daysAgo returns a day between lo and hi days before Today.
func (g *rng) daysAgo(lo, hi int) time.Time { return today().AddDate(0, 0, -g.between(lo, hi)) }

// daysAhead returns a day between lo and hi days after Today.
func (g *rng) daysAhead(lo, hi int) time.Time { return today().AddDate(0, 0, g.between(lo, hi)) }

// ymd formats a day as YYYY-MM-DD.
func ymd(t time.Time) string { return t.Format(time.DateOnly) }

// slugify turns a title into lowercase words joined by single hyphens.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'' || r == '\u2019':
			// "Children's" reads better as "childrens" than "children-s".
		default:
			dash = true
		}
	}
	return b.String()
}

// slugSet hands out slugs that are unique within one folder.
type slugSet map[string]bool

// claim returns base, or base-2, base-3… if base is taken, shortened to
// keep URLs readable.
func (s slugSet) claim(base string) string {
	if len(base) > 60 {
		base = strings.TrimRight(base[:60], "-")
		if i := strings.LastIndexByte(base, '-'); i > 30 {
			base = base[:i]
		}
	}
	slug := base
	for n := 2; s[slug]; n++ {
		slug = base + "-" + strconv.Itoa(n)
	}
	s[slug] = true
	return slug
}
