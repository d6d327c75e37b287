package cli

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
)

// NewCmdVersion returns `facultyhub version`.
func NewCmdVersion(ios *IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of facultyhub",
		Args:  exactArgs(0),
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(ios.Out, "facultyhub %s %s/%s (%s)\n", Version(), runtime.GOOS, runtime.GOARCH, runtime.Version())
			return err
		},
	}
}
