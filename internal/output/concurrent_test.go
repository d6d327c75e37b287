package output

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// Many goroutines write into the same few folders at once, through every
// method, so that folder creation races and the counters are exercised
// (run with -race).
func TestConcurrentWrites(t *testing.T) {
	for _, minify := range []bool{false, true} {
		t.Run(fmt.Sprintf("minify=%v", minify), func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			s, err := Stage(dest, Options{Minify: minify})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Abort()
			src := fstest.MapFS{"logo.png": {Data: []byte("\x89PNG fake")}}
			const workers, each = 32, 40
			var wg sync.WaitGroup
			errs := make(chan error, workers*each)
			for w := range workers {
				wg.Go(func() {
					for i := range each {
						dir := fmt.Sprintf("faculties/f%d/placements/p%d", i%3, i%5)
						p := fmt.Sprintf("%s/w%d-%d.html", dir, w, i)
						body := fmt.Sprintf("<p>worker %d file %d</p>", w, i)
						var err error
						switch i % 4 {
						case 0:
							err = s.Write(p, []byte(body))
						case 1:
							err = s.WriteFrom(p, strings.NewReader(body))
						case 2:
							var f interface {
								Write([]byte) (int, error)
								Close() error
							}
							if f, err = s.Create(p); err == nil {
								f.Write([]byte(body))
								err = f.Close()
							}
						case 3:
							err = s.Copy(strings.TrimSuffix(p, ".html")+".png", src, "logo.png")
						}
						if err != nil {
							errs <- err
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			stats := s.Stats()
			mustDo(t, s.Commit())
			if stats.Files != workers*each {
				t.Errorf("Stats.Files = %d, want %d", stats.Files, workers*each)
			}
			for w := range workers {
				for i := range each {
					p := fmt.Sprintf("faculties/f%d/placements/p%d/w%d-%d.html", i%3, i%5, w, i)
					want := []byte(fmt.Sprintf("<p>worker %d file %d</p>", w, i))
					if i%4 == 3 {
						p, want = strings.TrimSuffix(p, ".html")+".png", []byte("\x89PNG fake")
					}
					got, err := os.ReadFile(filepath.Join(dest, p))
					if err != nil || !bytes.Equal(got, want) {
						t.Errorf("%s = %q, %v; want %q", p, got, err, want)
					}
				}
			}
		})
	}
}
