// Package chromium finds and starts the headless Chromium that the
// browser tests (test/browser) and the search benchmark (bench/search)
// drive with chromedp.
package chromium

import (
	"errors"
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Find returns the browser to run: $CHROMIUM, else the first of the
// usual names on $PATH (Debian's chromium, Chrome).
func Find() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return exec.LookPath(p)
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found: install it (apt-get install -y chromium) or set $CHROMIUM")
}

// Options are the allocator options for a headless run of exe with its
// own profile folder, as root in a container (no sandbox, no GPU), with
// nothing fetched in the background; extra ones are added last.
func Options(exe, profile string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(profile),
	)
	return append(opts, extra...)
}
