package output

import (
	"regexp"
	"testing"
)

func TestFingerprint(t *testing.T) {
	css := []byte("body{color:#212b32}")
	tests := []struct {
		name string
		path string
		data []byte
		want string // a pattern the name must match
	}{
		{"extension kept", "assets/site.css", css, `^assets/site\.[0-9a-f]{10}\.css$`},
		{"last extension only", "assets/app.min.js", css, `^assets/app\.min\.[0-9a-f]{10}\.js$`},
		{"no extension", "assets/LICENSE", css, `^assets/LICENSE\.[0-9a-f]{10}$`},
		{"dot file", ".well-known/.hidden", css, `^\.well-known/\.hidden\.[0-9a-f]{10}$`},
		{"top level", "site.css", css, `^site\.[0-9a-f]{10}\.css$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Fingerprint(tt.path, tt.data)
			if !regexp.MustCompile(tt.want).MatchString(got) {
				t.Errorf("Fingerprint(%q) = %q, want match for %s", tt.path, got, tt.want)
			}
			if again := Fingerprint(tt.path, append([]byte(nil), tt.data...)); again != got {
				t.Errorf("not deterministic: %q then %q", got, again)
			}
		})
	}
	// The digest is SHA-256 (here of the empty input), so it is stable across
	// builds, machines and versions of Go.
	if got := Fingerprint("a.css", nil); got != "a.e3b0c44298.css" {
		t.Errorf("Fingerprint(empty) = %q, want a.e3b0c44298.css", got)
	}
	if Fingerprint("a.css", css) == Fingerprint("a.css", append(css, ' ')) {
		t.Error("a one-byte change kept the fingerprint")
	}
}
