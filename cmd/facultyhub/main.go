// Command facultyhub builds, checks and previews an AHP Faculty Hub site.
package main

import (
	"os"

	"github.com/facultyhub/facultyhub/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
