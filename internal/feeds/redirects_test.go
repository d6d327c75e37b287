package feeds

import (
	"bytes"
	"strings"
	"testing"
)

func TestRedirects(t *testing.T) {
	tests := []struct {
		name    string
		in      []Redirect
		want    string
		wantErr string
	}{
		{"sorted by from", []Redirect{
			{"/faculties/old-b/", "/faculties/new/"},
			{"/faculties/old-a/placements/x/", "https://elsewhere.example.org/x"},
			{"/about-us/", "/about/"},
		}, "/about-us/ /about/ 301\n" +
			"/faculties/old-a/placements/x/ https://elsewhere.example.org/x 301\n" +
			"/faculties/old-b/ /faculties/new/ 301\n", ""},
		{"exact duplicates once", []Redirect{{"/a/", "/b/"}, {"/a/", "/b/"}}, "/a/ /b/ 301\n", ""},
		{"none", nil, "", ""},
		{"two targets", []Redirect{{"/a/", "/c/"}, {"/a/", "/b/"}}, "", "both to /b/ and to /c/"},
		{"relative from", []Redirect{{"a/", "/b/"}}, "", "must start with /"},
		{"no target", []Redirect{{"/a/", ""}}, "", "no target"},
		{"space in path", []Redirect{{"/a b/", "/b/"}}, "", "white space"},
		{"line break in target", []Redirect{{"/a/", "/b/\n/c/ /d/"}}, "", "white space"},
		{"to itself", []Redirect{{"/a/", "/a/"}}, "", "to itself"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := Redirects(&b, tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || b.String() != tt.want {
				t.Errorf("Redirects = %q, %v; want %q", b.String(), err, tt.want)
			}
		})
	}
}
