// Command gen writes a Faculty Hub benchmark corpus: a complete source tree
// that follows the content contract, the same bytes for the same flags.
//
//	go run ./bench/gen -out DIR [-scale national|small|tiny] [-seed N] [-variant unseen|shipped] [-force]
//
// It refuses to write into a non-empty DIR unless -force is given; -force
// first removes the site.yaml and content/ a previous run wrote there, and
// nothing else.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/facultyhub/facultyhub/bench/corpus"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run parses args, writes the corpus and reports what it wrote. It returns
// the process exit code: 0 ok, 2 usage or write error.
func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("gen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("out", "", "directory to write the corpus into (required)")
	scale := fl.String("scale", corpus.ScaleNational, "corpus size: national, small or tiny")
	seed := fl.Uint64("seed", 1, "random seed; the same seed writes the same bytes")
	variant := fl.String("variant", corpus.VariantUnseen, "reference lists: unseen (invented) or shipped (England's)")
	force := fl.Bool("force", false, "replace site.yaml and content/ if DIR is not empty")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fl.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: gen -out DIR [-scale national|small|tiny] [-seed N] [-variant unseen|shipped] [-force]")
		return 2
	}
	opts := corpus.Options{Scale: *scale, Seed: *seed, Variant: *variant}
	if err := opts.Validate(); err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 2
	}
	if err := prepare(*out, *force); err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 2
	}
	start := time.Now()
	stats, err := corpus.Write(*out, opts)
	if err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 2
	}
	fmt.Fprintf(stdout, "wrote %d files (%.1f MB) to %s in %s\n", stats.Files, float64(stats.Bytes)/1e6, *out,
		time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(stdout, "faculties %d, partners %d, stories %d, resources %d, placements %d, "+
		"national stories %d, national resources %d, pages %d, data %d, images %d, PDFs %d\n",
		stats.Faculties, stats.Partners, stats.Stories, stats.Resources, stats.Placements,
		stats.NationalStories, stats.NationalResources, stats.Pages, stats.Data, stats.Images, stats.Documents)
	fmt.Fprintf(stdout, "build it with --now %s\n", corpus.Today)
	return 0
}

// prepare checks that dir is missing or empty; with force it removes what
// an earlier run wrote instead, so that stale files cannot linger.
func prepare(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil
	}
	if err != nil {
		return err
	}
	if !force {
		return fmt.Errorf("%s is not empty; use -force to replace its site.yaml and content/", dir)
	}
	for _, name := range []string{"site.yaml", "content"} {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return nil
}
