package render

import (
	"strings"
	"testing"
)

func TestPagerWindow(t *testing.T) {
	tests := []struct {
		name          string
		number, total int
		want          string
	}{
		{"two pages", 1, 2, "1 2"},
		{"all fit", 3, 5, "1 2 3 4 5"},
		{"first of many", 1, 442, "1 2 3 … 442"},
		{"middle of many", 7, 442, "1 … 5 6 7 8 9 … 442"},
		{"next to the start", 4, 442, "1 2 3 4 5 6 … 442"},
		{"last of many", 442, 442, "1 … 440 441 442"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cards := make([]*Card, tt.total)
			p := paginate("/placements/", cards, 1)[tt.number-1]
			var got []string
			for _, l := range p.Window() {
				if l.URL == "" {
					got = append(got, "…")
				} else {
					got = append(got, l.Title)
				}
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("page %d of %d shows %q, want %q", tt.number, tt.total, s, tt.want)
			}
		})
	}
}

func TestNavCurrent(t *testing.T) {
	tests := []struct{ url, section, want string }{
		{"/placements/", "/placements/", "page"},
		{"/placements/setting/acute/", "/placements/", "section"},
		{"/faculties/x/placements/y/", "/placements/", ""},
		{"/", "/faculties/", ""},
	}
	for _, tt := range tests {
		if got := navCurrent(tt.url, tt.section); got != tt.want {
			t.Errorf("navCurrent(%q, %q) = %q, want %q", tt.url, tt.section, got, tt.want)
		}
	}
}
