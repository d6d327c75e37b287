package content

import (
	"bytes"
	"testing"

	"github.com/adrg/frontmatter"
)

// adrgCut is the reference for cutFrontMatter: adrg/frontmatter, which
// split front matter before it, with the same formats.
func adrgCut(src []byte) (format string, raw, body []byte, found bool) {
	var formats []*frontmatter.Format
	for _, f := range frontMatterFormats {
		formats = append(formats, frontmatter.NewFormat(f.start, f.end, func(data []byte, _ any) error {
			format, raw, found = f.format, data, true
			return nil
		}))
	}
	body, err := frontmatter.Parse(bytes.NewReader(src), nil, formats...)
	if err != nil {
		panic(err) // a bytes.Reader does not fail
	}
	return format, raw, body, found
}

// frontMatterCases are files whose front matter is easy to misread.
var frontMatterCases = []string{
	"---\ntitle: x\n---\nbody\n",
	"---\ntitle: x\n---",
	"---\ntitle: x\n---\n",
	"\n\n  ---  \ntitle: x\n  ---\t\nbody",
	"---\r\ntitle: x\r\n---\r\nbody\r\n",
	"---yaml\ntitle: x\n---\n",
	"---toml\ntitle = 'x'\n---\n",
	"+++\ntitle = 'x'\n+++\nbody",
	"+++\ntitle = 'x'\n---\n",
	"---\ntitle: x\nno closing line\n",
	"---",
	"---\n",
	"\n---\n---\n",
	"",
	"\n\n",
	"# Title\n---\nx\n---\n",
	"\xef\xbb\xbf---\ntitle: BOM\n---\n",
	"\u00a0---\u00a0\ntitle: x\n---\n",
	"---\n---\n---\n",
	"----\ntitle: x\n----\n",
}

func TestCutFrontMatterAsAdrg(t *testing.T) {
	for _, src := range frontMatterCases {
		sameCut(t, []byte(src))
	}
}

// FuzzCutFrontMatter holds cutFrontMatter to adrg/frontmatter on any
// input.
// go test ./internal/content -run XXX -fuzz FuzzCutFrontMatter
func FuzzCutFrontMatter(f *testing.F) {
	for _, src := range frontMatterCases {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) { sameCut(t, []byte(src)) })
}

func sameCut(t *testing.T, src []byte) {
	t.Helper()
	format, raw, body, found := cutFrontMatter(src)
	wFormat, wRaw, wBody, wFound := adrgCut(src)
	if format != wFormat || !bytes.Equal(raw, wRaw) || !bytes.Equal(body, wBody) || found != wFound {
		t.Errorf("%q:\n got %q %q %q %v\nwant %q %q %q %v", src, format, raw, body, found, wFormat, wRaw, wBody, wFound)
	}
}
