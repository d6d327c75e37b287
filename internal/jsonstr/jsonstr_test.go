package jsonstr

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// seeds are strings with every kind of character Append treats apart.
var seeds = []string{"", "plain", `"quoted"`, `back\slash`, "tab\there\n", "<b>&amp;</b>", "café ☕",
	"\x00\x1f\b\f\r\x7f end", "&", "x<", "\u2028\u2029", "bad \xff\xfe utf8", "\U0001F9FA"}

// FuzzAppend holds Append to json.Marshal, and checks that what it
// writes holds no markup and reads back.
func FuzzAppend(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := string(Append([]byte("prefix"), s))
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got != "prefix"+string(want) {
			t.Errorf("Append(%q) = %s, json.Marshal says %s", s, got[len("prefix"):], want)
		}
		if strings.ContainsAny(got, "<>&") {
			t.Errorf("Append(%q) = %s holds markup", s, got)
		}
		var back string
		if err := json.Unmarshal([]byte(got[len("prefix"):]), &back); err != nil || (utf8.ValidString(s) && back != s) {
			t.Errorf("Append(%q) reads back as %q (%v)", s, back, err)
		}
	})
}
