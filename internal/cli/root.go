// Package cli is the facultyhub command line: one file per command, each a
// NewCmdX constructor taking the shared IO and an optional run function (so
// tests can check flag parsing), an XOptions struct and an xRun function
// holding the logic.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	ExitOK      = 0 // success
	ExitContent = 1 // the content has errors (or warnings, with --strict)
	ExitUsage   = 2 // bad usage, or an internal error
)

// IO is what commands read from and write to.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// Getenv reads the environment (SOURCE_DATE_EPOCH).
	Getenv func(string) string
	// Now is the wall clock, used when neither --now nor
	// SOURCE_DATE_EPOCH fixes today.
	Now func() time.Time
}

// errContent marks a run that finished but found content errors.
var errContent = errors.New("content has errors")

// tuneGC sets the collector for a one-shot run (check, build): a run
// allocates a lot of short-lived garbage (parse trees, rendered pages)
// around a small live heap (under 200 MB at national scale), so
// collecting less often saves a quarter of the CPU, while the soft limit
// keeps the peak under DESIGN.md's 500 MB (bench/RESULTS.md). The
// preview server keeps a whole site in memory and keeps Go's defaults.
// GOGC or GOMEMLIMIT in the environment win.
func tuneGC() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(448 << 20)
	}
}

// usageError marks bad command-line usage.
type usageError struct{ error }

// Main runs the command line with args and returns the process exit code.
func Main(args []string, in io.Reader, out, errOut io.Writer) int {
	ios := &IO{In: in, Out: out, ErrOut: errOut, Getenv: os.Getenv, Now: time.Now}
	return run(NewCmdRoot(ios), args, errOut)
}

func run(root *cobra.Command, args []string, errOut io.Writer) int {
	root.SetArgs(args)
	err := root.Execute()
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errContent):
		return ExitContent
	}
	fmt.Fprintln(errOut, "facultyhub:", err)
	var ue usageError
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "unknown command") {
		fmt.Fprintln(errOut, "Run 'facultyhub --help' for usage.")
	}
	return ExitUsage
}

// NewCmdRoot returns the facultyhub command with every subcommand.
func NewCmdRoot(ios *IO) *cobra.Command {
	root := &cobra.Command{
		Use:           "facultyhub",
		Short:         "Build, check and preview an AHP Faculty Hub",
		Long:          "facultyhub turns the Markdown written by AHP faculties into the national Faculty Hub site.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetIn(ios.In)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(NewCmdBuild(ios, nil), NewCmdCheck(ios, nil), NewCmdNew(ios, nil), NewCmdServe(ios, nil), NewCmdVersion(ios))
	return root
}

// exactArgs is cobra.ExactArgs reporting a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{fmt.Errorf("%s: %w", cmd.CommandPath(), err)}
		}
		return nil
	}
}

// today resolves the build's "today": --now if given, else
// SOURCE_DATE_EPOCH, else the clock; always a UTC date at midnight.
func today(ios *IO, now string) (time.Time, error) {
	var t time.Time
	switch epoch := ios.Getenv("SOURCE_DATE_EPOCH"); {
	case now != "":
		d, err := time.Parse(time.DateOnly, now)
		if err != nil {
			if d, err = time.Parse(time.RFC3339, now); err != nil {
				return t, usageError{fmt.Errorf("--now %q: want a date such as 2026-11-25", now)}
			}
		}
		t = d
	case epoch != "":
		sec, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil {
			return t, usageError{fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", epoch)}
		}
		t = time.Unix(sec, 0)
	default:
		t = ios.Now()
	}
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
}

// Version is the build's version: the module version when installed with
// go install, the VCS revision when built from a checkout, else "devel".
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "devel-" + rev
}
