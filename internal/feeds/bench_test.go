package feeds

import (
	"fmt"
	"io"
	"testing"
)

// nationalPlacements is the benchmark corpus's placement count, rounded:
// 42 faculties × 240.
const nationalPlacements = 10000

// bench runs write on a fresh input per benchmark and reports the bytes it
// writes per run as throughput.
func bench(b *testing.B, write func(io.Writer) error) {
	var n countingWriter
	if err := write(&n); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		if err := write(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

func BenchmarkLatest(b *testing.B) {
	entries := entriesOf(manyPlacements(nationalPlacements))
	b.ReportAllocs()
	for b.Loop() {
		Latest(entries, 20)
	}
}

func BenchmarkAtom(b *testing.B) {
	f := sampleFeed()
	f.Entries = latest(entriesOf(manyPlacements(nationalPlacements)), 20)
	bench(b, func(w io.Writer) error { return Atom(w, f) })
}

func BenchmarkCalendar(b *testing.B) {
	c := ClosingCalendar{Name: "Closing", Generated: generated, Closings: closingsOf(manyPlacements(nationalPlacements))}
	bench(b, func(w io.Writer) error { return Calendar(w, c) })
}

func BenchmarkPlacementsJSON(b *testing.B) {
	ps := manyPlacements(nationalPlacements)
	bench(b, func(w io.Writer) error { return PlacementsJSON(w, generated, ps) })
}

func BenchmarkPlacementsCSV(b *testing.B) {
	ps := manyPlacements(nationalPlacements)
	bench(b, func(w io.Writer) error { return PlacementsCSV(w, ps) })
}

func BenchmarkFacultiesJSON(b *testing.B) {
	fs := make([]FacultyRecord, 42)
	for i := range fs {
		fs[i] = sampleFaculties()[1]
		fs[i].System = fmt.Sprintf("s%02d", i)
	}
	bench(b, func(w io.Writer) error { return FacultiesJSON(w, generated, fs) })
}

func BenchmarkSitemap(b *testing.B) {
	urls := make([]SitemapURL, 15600)
	for i := range urls {
		urls[i] = SitemapURL{Loc: fmt.Sprintf("https://hub.example.org/faculties/s%02d/p%05d/", i%42, i), LastMod: generated}
	}
	bench(b, func(w io.Writer) error { return Sitemap(w, urls) })
}

func BenchmarkRedirects(b *testing.B) {
	rs := make([]Redirect, 1000)
	for i := range rs {
		rs[i] = Redirect{From: fmt.Sprintf("/faculties/old%02d/p%04d/", i%6, i), To: fmt.Sprintf("/faculties/new%02d/p%04d/", i%6, i)}
	}
	bench(b, func(w io.Writer) error { return Redirects(w, rs) })
}
