package cli

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/facultyhub/facultyhub/internal/serve"
	"github.com/spf13/cobra"
)

// ServeOptions are the inputs of `facultyhub serve`.
type ServeOptions struct {
	IO      *IO
	Source  string
	Bind    string
	Port    int
	Drafts  bool
	Now     string
	Verbose bool
}

// NewCmdServe returns `facultyhub serve`. runF replaces the logic in tests.
func NewCmdServe(ios *IO, runF func(*ServeOptions) error) *cobra.Command {
	opts := &ServeOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the site, rebuilding and reloading as you edit",
		Long: `Serve builds the site in memory and serves it at http://127.0.0.1:1313/
(--bind, --port; --port 0 picks a free port). It watches site.yaml, content/,
layouts/, themes/ and static/, rebuilds when you save a file, and the open
pages reload by themselves.

When a change breaks the build, every page shows the problems (file, line,
what is wrong) until you fix them; the server keeps running. Nothing is
written to disk: public/ is left as it is. Press Ctrl-C to stop.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Port < 0 || opts.Port > 65535 {
				return usageError{fmt.Errorf("--port %d: want a port number from 0 to 65535", opts.Port)}
			}
			if runF != nil {
				return runF(opts)
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return serveRun(ctx, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Source, "source", ".", "the site's source `folder`")
	cmd.Flags().StringVar(&opts.Bind, "bind", "127.0.0.1", "the `address` to listen on")
	cmd.Flags().IntVar(&opts.Port, "port", 1313, "the `port` to listen on (0 picks a free one)")
	cmd.Flags().BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft: true")
	cmd.Flags().StringVar(&opts.Now, "now", "", "build as on this `date` (YYYY-MM-DD; default SOURCE_DATE_EPOCH or today)")
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "print the time of each step of every rebuild")
	return cmd
}

// serveRun serves the site until ctx is done (Ctrl-C).
func serveRun(ctx context.Context, opts *ServeOptions) error {
	day, err := today(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	if st, err := os.Stat(opts.Source); err != nil || !st.IsDir() {
		return usageError{fmt.Errorf("--source %q is not a folder", opts.Source)}
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port)))
	if err != nil {
		return fmt.Errorf("cannot listen on %s port %d (is another server using it? --port 0 picks a free one): %w", opts.Bind, opts.Port, err)
	}
	srv := serve.New(serve.Options{Source: opts.Source, Today: day, Drafts: opts.Drafts, Verbose: opts.Verbose, Out: opts.IO.Out, ErrOut: opts.IO.ErrOut})
	return srv.Run(ctx, ln)
}
