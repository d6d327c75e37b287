package cli

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestServeFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want ServeOptions
		code int
	}{
		{"defaults", []string{"serve"}, ServeOptions{Source: ".", Bind: "127.0.0.1", Port: 1313}, 0},
		{"every flag", []string{"serve", "--source", "site", "--bind", "0.0.0.0", "--port", "0", "--drafts", "--now", "2026-01-02", "-v"},
			ServeOptions{Source: "site", Bind: "0.0.0.0", Port: 0, Drafts: true, Now: "2026-01-02", Verbose: true}, 0},
		{"negative port", []string{"serve", "--port", "-1"}, ServeOptions{}, ExitUsage},
		{"port too high", []string{"serve", "--port", "65536"}, ServeOptions{}, ExitUsage},
		{"port not a number", []string{"serve", "--port", "http"}, ServeOptions{}, ExitUsage},
		{"extra argument", []string{"serve", "content"}, ServeOptions{}, ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parsedOptions(t, "serve", NewCmdServe, tt.args, tt.code)
			if got == nil {
				return
			}
			got.IO = nil
			if *got != tt.want {
				t.Errorf("options %+v, want %+v", *got, tt.want)
			}
		})
	}
}

// serving runs `facultyhub args...` in the background and returns the
// URL it says it serves on, and a channel with its exit code.
func serving(t *testing.T, args ...string) (string, <-chan int) {
	t.Helper()
	ios, _, _ := testIO()
	r, w := io.Pipe()
	ios.Out = w
	code := make(chan int, 1)
	go func() {
		code <- run(NewCmdRoot(ios), args, ios.ErrOut)
		w.Close()
	}()
	url := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "Serving on "); ok {
				url <- u
			}
		}
		close(url)
	}()
	select {
	case u, ok := <-url:
		if !ok {
			t.Fatalf("exited with %d before serving", <-code)
		}
		return u, code
	case <-time.After(10 * time.Second):
		t.Fatal("no \"Serving on\" line")
	}
	return "", nil
}

// TestServeStopsCleanlyOnCtrlC serves the test site on a free port,
// fetches a page, then sends the process SIGINT as Ctrl-C would: the
// command must stop and exit 0.
func TestServeStopsCleanlyOnCtrlC(t *testing.T) {
	dir := siteDir(t, nil)
	url, code := serving(t, "serve", "--source", dir, "--port", "0", "--now", "2026-11-25")
	if !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasSuffix(url, ":0/") || !strings.HasSuffix(url, "/") {
		t.Fatalf("serving on %q, want the real port", url)
	}
	resp, err := http.Get(url + "faculties/north-shire/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("faculty page: status %d", resp.StatusCode)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-code:
		if c != ExitOK {
			t.Errorf("exit code %d after Ctrl-C, want 0", c)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still serving after Ctrl-C")
	}
	if _, err := http.Get(url); err == nil {
		t.Error("still answering after Ctrl-C")
	}
}

func TestServeRefusesBadSetup(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := strconv.Itoa(busy.Addr().(*net.TCPAddr).Port)
	dir := siteDir(t, nil)
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"no such folder", []string{"serve", "--source", dir + "/nowhere", "--port", "0"}, "is not a folder"},
		{"port in use", []string{"serve", "--source", dir, "--port", port}, "--port 0 picks a free one"},
		{"bad date", []string{"serve", "--source", dir, "--port", "0", "--now", "soon"}, "want a date"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := execute(t, tt.args...)
			if code != ExitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, ExitUsage, tt.want)
			}
		})
	}
}

// TestServeRun checks serveRun itself: it returns nil once its context
// is done.
func TestServeRun(t *testing.T) {
	ios, _, _ := testIO()
	r, w := io.Pipe()
	ios.Out = w
	opts := &ServeOptions{IO: ios, Source: siteDir(t, nil), Bind: "127.0.0.1", Port: 0, Now: "2026-11-25"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serveRun(ctx, opts)
		w.Close()
	}()
	sc := bufio.NewScanner(r)
	for sc.Scan() && !strings.HasPrefix(sc.Text(), "Serving on ") {
	}
	go io.Copy(io.Discard, r)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serveRun after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serveRun did not return")
	}
}
