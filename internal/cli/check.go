package cli

import (
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/facultyhub/facultyhub/internal/check"
	"github.com/facultyhub/facultyhub/internal/config"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/diag"
	"github.com/spf13/cobra"
)

// CheckOptions are the inputs of `facultyhub check`.
type CheckOptions struct {
	IO     *IO
	Source string
	Format string
	Strict bool
	Now    string
}

// NewCmdCheck returns `facultyhub check`. runF replaces the logic in tests.
func NewCmdCheck(ios *IO, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Report every problem in the site's content",
		Long: `Check reads site.yaml and everything under content/ and reports every
problem at once, as path:line:col: error|warning: message.

Exit status: 0 when there are no errors, 1 when there are errors (or
warnings, with --strict), 2 for usage errors.`,
		Args: exactArgs(0),
		RunE: func(*cobra.Command, []string) error {
			if !slices.Contains(diag.Formats, opts.Format) {
				return usageError{fmt.Errorf("--format %q: want text, github or json", opts.Format)}
			}
			if runF != nil {
				return runF(opts)
			}
			return checkRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Source, "source", ".", "the site's source `folder` (holding site.yaml and content/)")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `format`: text, github (pull-request annotations) or json")
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "fail on warnings too")
	cmd.Flags().StringVar(&opts.Now, "now", "", "judge dates as on this `date` (YYYY-MM-DD; default SOURCE_DATE_EPOCH or today)")
	return cmd
}

// Inspect loads and checks the site at source, returning the hub, its
// configuration and every diagnostic, sorted.
func Inspect(source string, today time.Time) (*content.Hub, config.Config, diag.List) {
	return check.Site(os.DirFS(source), today)
}

func checkRun(opts *CheckOptions) error {
	tuneGC()
	day, err := today(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	if st, err := os.Stat(opts.Source); err != nil || !st.IsDir() {
		return usageError{fmt.Errorf("--source %q is not a folder", opts.Source)}
	}
	start := time.Now()
	hub, _, diags := Inspect(opts.Source, day)
	if err := diag.WriteFormat(opts.IO.Out, opts.Format, opts.Source, diags); err != nil {
		return err
	}
	errs, warns := diags.Count()
	if opts.Format == "text" {
		fmt.Fprintf(opts.IO.ErrOut, "checked %d pages and %d files in %s: %s, %s\n",
			len(hub.Documents), len(hub.Files), time.Since(start).Round(time.Millisecond),
			plural(errs, "error"), plural(warns, "warning"))
	}
	if errs > 0 || (opts.Strict && warns > 0) {
		return errContent
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
