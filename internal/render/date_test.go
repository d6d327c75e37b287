package render

import (
	"testing"
	"time"
)

// TestLongDateAsFormat: longDate, put together by hand, is what
// time.Format("2 January 2006") writes, day by day over years the content
// uses and at the edges it leaves to Format.
func TestLongDateAsFormat(t *testing.T) {
	check := func(d time.Time) {
		if got, want := longDate(d), d.Format("2 January 2006"); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
	for d := time.Date(2023, 12, 25, 0, 0, 0, 0, time.UTC); d.Year() < 2029; d = d.AddDate(0, 0, 1) {
		check(d)
	}
	for _, y := range []int{1, 999, 1000, 9999, 10000} {
		check(time.Date(y, 3, 7, 0, 0, 0, 0, time.UTC))
	}
	check(time.Date(2027, 1, 5, 23, 30, 0, 0, time.FixedZone("BST", 3600)))
}
