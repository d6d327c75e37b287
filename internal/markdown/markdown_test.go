package markdown

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestHeadingAnchors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"words", "## Who we are", []string{"who-we-are"}},
		{"punctuation dropped", "## What's next? (2027)", []string{"whats-next-2027"}},
		{"hyphens kept", "## Long-arm supervision", []string{"long-arm-supervision"}},
		{"non-ASCII letters kept", "## Café öffnung", []string{"café-öffnung"}},
		{"repeats numbered", "## Apply\n\n## Apply\n\n## Apply", []string{"apply", "apply-1", "apply-2"}},
		{"emphasis ignored", "## The *new* model", []string{"the-new-model"}},
	}
	md := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := md.Outline([]byte(tt.src)).Anchors
			want := map[string]bool{}
			for _, a := range tt.want {
				want[a] = true
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("anchors %v, want %v", got, want)
			}
		})
	}
}

// TestRefs: Outline lists the links and images the author wrote, where
// they start. It reads the dialect pages are rendered in: links in GFM
// tables and struck-through text are links. Of the autolinks only those
// written in angle brackets are the author's; bare addresses that
// Linkify turns into links (www.example.org) are left out.
func TestRefs(t *testing.T) {
	tests := []struct {
		name, src string
		want      []Ref
	}{
		{"CommonMark",
			"Intro line.\n\nSee [the trust](../partners/trust.md#about) and ![](photo.png)\nor ![a ward](ward.jpg), <https://example.org/>, <team@example.org> and www.example.org.\n\n[ref]: other.md\n\nA [reference link][ref].\n",
			[]Ref{
				{Dest: "../partners/trust.md#about", Line: 3, Col: 5},
				{Image: true, Dest: "photo.png", Line: 3, Col: 49},
				{Image: true, Dest: "ward.jpg", Alt: "a ward", Line: 4, Col: 4},
				{Dest: "https://example.org/", Line: 4, Col: 25},
				{Dest: "mailto:team@example.org", Line: 4, Col: 49},
				{Dest: "other.md", Line: 8, Col: 3},
			}},
		{"GFM and bare addresses",
			"| Team | Contact |\n| --- | --- |\n| Ward 4 | [ward](ward.md) |\n\n~~[old](old.md)~~ " +
				"and http://bare.example.org, ftp://files.example.org, bare@example.org, <www.example.org>, <ftp://x.example.org/a>, <a@example.org>.\n",
			[]Ref{
				{Dest: "ward.md", Line: 3, Col: 12},
				{Dest: "old.md", Line: 5, Col: 3},
				{Dest: "ftp://x.example.org/a", Line: 5, Col: 110},
				{Dest: "mailto:a@example.org", Line: 5, Col: 135},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := New(Options{}).Outline([]byte(tt.src)).Refs; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("refs:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// RenderOutline gives, from one parse, the HTML Render gives and the
// outline Outline gives, with the links as written (not as rewritten).
func TestRenderOutline(t *testing.T) {
	src := []byte("## Apply\n\nSee [the trust](../partners/trust.md#about), ![a ward](ward.jpg) and <https://example.org/>.\n")
	resolve := func(dest string) (string, bool) {
		if strings.HasPrefix(dest, "https:") {
			return "", false
		}
		return "/site/" + dest, true
	}
	md := New(Options{})
	var want, got bytes.Buffer
	if err := md.Render(&want, src, resolve); err != nil {
		t.Fatal(err)
	}
	outline, err := md.RenderOutline(&got, src, resolve)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() || !strings.Contains(got.String(), `href="/site/../partners/trust.md#about"`) {
		t.Errorf("RenderOutline wrote\n%s\nRender wrote\n%s", got.String(), want.String())
	}
	if !reflect.DeepEqual(outline, md.Outline(src)) {
		t.Errorf("outline %+v, Outline gives %+v", outline, md.Outline(src))
	}
}
