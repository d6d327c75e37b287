package build

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"testing"
)

func TestZZPreviewPhases(t *testing.T) {
	src := os.Getenv("LT_SRC")
	if src == "" {
		t.Skip()
	}
	c := NewCache()
	c.TrustChanges()
	for i := 0; i < 10; i++ {
		if i == 1 {
			f, _ := os.Create("/dev/shm/pv3.prof")
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
		c.Changed("content/faculties/aldbury-and-melby/placements/clinical-nutrition-community-mental-health-fenley.md")
		_, res, err := NewPreview(context.Background(), Options{Source: src, Today: today, Cache: c}, nil)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println(res.Phases)
	}
}
