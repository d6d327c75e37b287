package corpus

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
)

// tree writes files under a root directory and counts what it wrote. Each
// goroutine uses its own tree.
type tree struct {
	root  string
	dirs  map[string]bool
	stats Stats
}

func newTree(root string) *tree { return &tree{root: root, dirs: map[string]bool{}} }

// write writes data to the slash-separated path rel, creating its folder.
func (t *tree) write(rel string, data []byte) error {
	path := filepath.Join(t.root, filepath.FromSlash(rel))
	dir := filepath.Dir(path)
	if !t.dirs[dir] {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		t.dirs[dir] = true
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	t.stats.Files++
	t.stats.Bytes += int64(len(data))
	return nil
}

// page writes a Markdown file from its front matter and body.
func (t *tree) page(rel, frontMatter, body string) error {
	var b strings.Builder
	b.Grow(len(frontMatter) + len(body))
	b.WriteString(frontMatter)
	b.WriteString(body)
	return t.write(rel, []byte(b.String()))
}

// pngImage returns a small PNG of coloured bands, different for each call.
func pngImage(g *rng) ([]byte, error) {
	const w, h = 48, 27
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	bands := []color.NRGBA{
		{0x00, 0x5e, 0xb8, 0xff}, {0x41, 0xb6, 0xe6, 0xff}, {0x00, 0x96, 0x39, 0xff},
		{0xff, 0xb8, 0x1c, 0xff}, {0xe8, 0xed, 0xee, 0xff}, {0x33, 0x0a, 0x72, 0xff},
	}
	shift := g.intn(len(bands))
	width := g.between(4, 12)
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, bands[((x+y/3)/width+shift)%len(bands)])
		}
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

// pdfDocument returns a valid one-page PDF showing title.
func pdfDocument(title string) []byte {
	esc := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(title)
	var ascii strings.Builder
	for _, r := range esc {
		if r < 128 {
			ascii.WriteRune(r)
		} else {
			ascii.WriteByte('?')
		}
	}
	stream := "BT /F1 16 Tf 72 760 Td (" + ascii.String() + ") Tj ET"
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}
