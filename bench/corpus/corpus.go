// Package corpus writes deterministic Faculty Hub source trees for
// benchmarks and tests: site.yaml, the reference lists and vocabularies in
// content/_data, one folder per faculty with its partners, stories,
// resources and placements, national stories and resources, and a few plain
// pages. Every file follows the content contract of DESIGN.md, so a build
// of a generated tree (with --now Today) reports no errors and no warnings.
//
// The same Options always write byte-identical trees.
package corpus

import (
	"fmt"
	"os"
	"runtime"
	"sync"
)

// Scales of a corpus.
const (
	// ScaleNational is the benchmark corpus: 42 faculties of 30 partners,
	// 40 stories, 60 resources and 240 placements each, about 15,600 pages.
	ScaleNational = "national"
	// ScaleSmall is 5 faculties of 4 partners, 5 stories, 6 resources and
	// 20 placements.
	ScaleSmall = "small"
	// ScaleTiny is 2 faculties of 2 partners, 2 stories, 2 resources and 4
	// placements.
	ScaleTiny = "tiny"
)

// Variants of the reference lists.
const (
	// VariantUnseen invents regions, systems and professions that are not
	// England's, and replaces the setting and themes vocabularies, so that
	// nothing can pass by being hard-coded.
	VariantUnseen = "unseen"
	// VariantShipped uses England's 7 regions, 42 systems and 14
	// professions and the built-in vocabularies.
	VariantShipped = "shipped"
)

// Options choose the corpus to write. The zero value is the national,
// unseen corpus of seed 0.
type Options struct {
	Scale   string // ScaleNational (default), ScaleSmall or ScaleTiny
	Seed    uint64
	Variant string // VariantUnseen (default) or VariantShipped
}

// Stats counts the files a corpus holds, by kind.
type Stats struct {
	Faculties         int // content/faculties/<system>/_index.md
	Partners          int
	Stories           int // faculty stories
	Resources         int // faculty resources
	Placements        int
	NationalStories   int // content/stories/*.md
	NationalResources int // content/resources/*.md
	Pages             int // the home page and plain pages
	Data              int // content/_data/*.yaml
	Images            int // PNGs beside stories
	Documents         int // PDFs beside resources
	Files             int // every file written, site.yaml included
	Bytes             int64
}

func (s *Stats) add(o Stats) {
	s.Faculties += o.Faculties
	s.Partners += o.Partners
	s.Stories += o.Stories
	s.Resources += o.Resources
	s.Placements += o.Placements
	s.NationalStories += o.NationalStories
	s.NationalResources += o.NationalResources
	s.Pages += o.Pages
	s.Data += o.Data
	s.Images += o.Images
	s.Documents += o.Documents
	s.Files += o.Files
	s.Bytes += o.Bytes
}

// counts is how many entries of each kind a scale has.
type counts struct {
	Faculties, Partners, Stories, Resources, Placements int
	NationalStories, NationalResources                  int
}

// scaleCounts returns the counts of a scale; "" means national.
func scaleCounts(scale string) (counts, error) {
	switch scale {
	case ScaleNational, "":
		return counts{42, 30, 40, 60, 240, 20, 40}, nil
	case ScaleSmall:
		return counts{5, 4, 5, 6, 20, 4, 6}, nil
	case ScaleTiny:
		return counts{2, 2, 2, 2, 4, 1, 2}, nil
	}
	return counts{}, fmt.Errorf("unknown scale %q (want %s, %s or %s)", scale, ScaleNational, ScaleSmall, ScaleTiny)
}

// Validate reports an unknown scale or variant.
func (o Options) Validate() error {
	if _, err := scaleCounts(o.Scale); err != nil {
		return err
	}
	switch o.Variant {
	case VariantUnseen, VariantShipped, "":
		return nil
	}
	return fmt.Errorf("unknown variant %q (want %s or %s)", o.Variant, VariantUnseen, VariantShipped)
}

// Write writes the corpus opts describe into dir, creating it if needed.
// It does not remove files already in dir.
func Write(dir string, opts Options) (Stats, error) {
	if err := opts.Validate(); err != nil {
		return Stats{}, err
	}
	n, _ := scaleCounts(opts.Scale)
	variant := opts.Variant
	if variant == "" {
		variant = VariantUnseen
	}
	w, err := newWorld(variant, newRNG(opts.Seed, streamWorld))
	if err != nil {
		return Stats{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, err
	}
	ng := newRNG(opts.Seed, streamNational)
	natResources := planNationalResources(ng, w, n.NationalResources)
	faculties, stats, err := writeFaculties(dir, w, opts.Seed, n, natResources)
	if err != nil {
		return Stats{}, err
	}
	t := newTree(dir)
	if err := writeNational(t, ng, w, faculties, natResources, variant, n); err != nil {
		return Stats{}, err
	}
	stats.add(t.stats)
	return stats, nil
}

// facultySystems returns the systems that get a faculty folder: all of them
// at national scale, otherwise n spread evenly across the list.
func facultySystems(w *world, n int) []int {
	idx := make([]int, 0, n)
	for i := range n {
		idx = append(idx, i*len(w.Systems)/n)
	}
	return idx
}

// writeFaculties plans and writes every faculty folder, several at a time.
// Each faculty draws from its own random stream, so the order in which
// they are written does not change what is written.
func writeFaculties(dir string, w *world, seed uint64, n counts, natResources []resourceDoc) ([]*faculty, Stats, error) {
	systems := facultySystems(w, n.Faculties)
	faculties := make([]*faculty, len(systems))
	stats := make([]Stats, len(systems))
	errs := make([]error, len(systems))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				s := systems[i]
				g := newRNG(seed, streamFaculty+uint64(s))
				f := planFaculty(g, w, &w.Systems[s], n)
				t := newTree(dir)
				errs[i] = writeFaculty(t, g, w, f, natResources)
				faculties[i], stats[i] = f, t.stats
			}
		}()
	}
	for i := range systems {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var total Stats
	for i := range systems {
		if errs[i] != nil {
			return nil, Stats{}, fmt.Errorf("faculty %s: %w", w.Systems[systems[i]].Slug, errs[i])
		}
		total.add(stats[i])
	}
	return faculties, total, nil
}
