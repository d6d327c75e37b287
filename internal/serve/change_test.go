package serve

import "testing"

func TestClassify(t *testing.T) {
	tests := []struct {
		path string
		kind ChangeKind
		ok   bool
	}{
		{"site.yaml", ConfigChange, true},
		{"content/faculties/north-shire/placements/ward-rehab.md", ContentChange, true},
		{"content/faculties/north-shire/stories/photo.png", ContentChange, true},
		{"content/faculties/south-shire", ContentChange, true},
		{"content", ContentChange, true},
		{"content/_data/systems.yaml", DataChange, true},
		{"content/_data", DataChange, true},
		{"layouts/page.html", TemplateChange, true},
		{"layouts/partials/card.html", TemplateChange, true},
		{"themes/default/static/css/site.css", TemplateChange, true},
		{"static/favicon.ico", StaticChange, true},
		{"content/about.md.swp", ContentChange, true},
		{"content/.about.md.swp", 0, false},
		{"content/faculties/.#ward-rehab.md", 0, false},
		{"themes/default/.git/index", 0, false},
		{"public/index.html", 0, false},
		{".git/index", 0, false},
		{"go.mod", 0, false},
		{"site.yaml~", 0, false},
	}
	for _, tt := range tests {
		kind, ok := Classify(tt.path)
		if kind != tt.kind || ok != tt.ok {
			t.Errorf("Classify(%q) = %v, %v; want %v, %v", tt.path, kind, ok, tt.kind, tt.ok)
		}
	}
}

func TestChanges(t *testing.T) {
	var c Changes
	if !c.Empty() || c.String() != "the source folder (none)" {
		t.Fatalf("zero Changes: empty %v, %q", c.Empty(), c)
	}
	c.Add("content/about.md", ContentChange)
	if got := c.String(); got != "content/about.md (content)" {
		t.Errorf("one change: %q", got)
	}
	var d Changes
	d.Add("layouts/page.html", TemplateChange)
	d.Add("content/about.md", ContentChange)
	c.Merge(d)
	if c.Kinds != ContentChange|TemplateChange || len(c.Paths) != 2 {
		t.Errorf("merged: kinds %v, paths %v", c.Kinds, c.Paths)
	}
	if got := c.String(); got != "2 files (content+template), first content/about.md" {
		t.Errorf("two changes: %q", got)
	}
}
