package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/facultyhub/facultyhub/internal/build"
	"github.com/facultyhub/facultyhub/internal/diag"
	"github.com/spf13/cobra"
)

// BuildOptions are the inputs of `facultyhub build`.
type BuildOptions struct {
	IO       *IO
	Source   string
	Dest     string
	BaseURL  string
	Drafts   bool
	Now      string
	Verbose  bool
	NoMinify bool
	CacheDir string
	NoCache  bool
}

// NewCmdBuild returns `facultyhub build`. runF replaces the logic in tests.
func NewCmdBuild(ios *IO, runF func(*BuildOptions) error) *cobra.Command {
	opts := &BuildOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the whole site into the destination folder",
		Long: `Build checks the content, then renders every page, feed and export into
--dest (public/ by default). The new site replaces the old one only when the
whole build has succeeded: a build with errors, or one that is stopped, leaves
the previous site exactly as it was.

The build keeps a cache beside the destination (public.cache/ for public/).
The next build into the same destination renders only the pages whose
content, layouts or data changed, writes only the files whose bytes changed
and removes those it no longer makes: the same site, byte for byte, as a clean
build. --no-cache builds everything from scratch.`,
		Args: exactArgs(0),
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return buildRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Source, "source", ".", "the site's source `folder`")
	cmd.Flags().StringVar(&opts.Dest, "dest", "public", "the output `folder`")
	cmd.Flags().StringVar(&opts.BaseURL, "base-url", "", "the `URL` the site is served from (default: site.yaml's baseURL)")
	cmd.Flags().BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft: true")
	cmd.Flags().StringVar(&opts.Now, "now", "", "build as on this `date` (YYYY-MM-DD; default SOURCE_DATE_EPOCH or today)")
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "print the time each phase took")
	cmd.Flags().BoolVar(&opts.NoMinify, "no-minify", false, "write HTML, CSS and XML unminified")
	cmd.Flags().StringVar(&opts.CacheDir, "cache-dir", "", "the build cache's `folder` (default: the destination's name + .cache, beside it)")
	cmd.Flags().BoolVar(&opts.NoCache, "no-cache", false, "build everything from scratch, without the build cache")
	return cmd
}

func buildRun(opts *BuildOptions) error {
	tuneGC()
	day, err := today(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	if st, err := os.Stat(opts.Source); err != nil || !st.IsDir() {
		return usageError{fmt.Errorf("--source %q is not a folder", opts.Source)}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	cacheDir := opts.CacheDir
	if cacheDir == "" {
		cacheDir = filepath.Clean(opts.Dest) + ".cache"
	}
	if opts.NoCache {
		cacheDir = ""
	}
	res, err := build.Build(ctx, build.Options{Source: opts.Source, Dest: opts.Dest, BaseURL: opts.BaseURL,
		Drafts: opts.Drafts, Today: day, NoMinify: opts.NoMinify, CacheDir: cacheDir})
	if werr := diag.WriteFormat(opts.IO.ErrOut, "text", opts.Source, res.Diagnostics); werr != nil {
		return werr
	}
	res.Log(opts.IO.ErrOut, opts.Verbose)
	if err != nil {
		return err
	}
	errs, warns := res.Diagnostics.Count()
	if res.Failed() {
		fmt.Fprintf(opts.IO.ErrOut, "build failed: %s, %s; %s was left as it was\n", plural(errs, "error"), plural(warns, "warning"), opts.Dest)
		return errContent
	}
	took := time.Since(start).Round(time.Millisecond)
	if res.Updated {
		fmt.Fprintf(opts.IO.Out, "updated %s in %s: rendered %d of %d pages, wrote %s (%.1f MB); %s\n",
			opts.Dest, took, res.Rendered, res.Pages, plural(res.Files, "changed file"), float64(res.Bytes)/1e6, plural(warns, "warning"))
		return nil
	}
	fmt.Fprintf(opts.IO.Out, "built %d pages (%d files, %.1f MB) into %s in %s; %s\n",
		res.Pages, res.Files, float64(res.Bytes)/1e6, opts.Dest, took, plural(warns, "warning"))
	return nil
}
