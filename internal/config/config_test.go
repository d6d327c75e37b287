package config

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string
		check func(Config) error
		diags []string // path:line:col severity code
	}{
		{"defaults", "title: Hub\n", func(c Config) error {
			if c.Language != "en-GB" || c.Theme != "default" || c.Pagination != 20 || c.BaseURL != "/" {
				return fmt.Errorf("defaults not applied: %+v", c)
			}
			return nil
		}, nil},
		{"every key", "title: Hub\nbaseURL: https://example.org/\nlanguage: en\ntheme: plain\ndescription: D\nbanner: B\nlogo: l.svg\npagination: 5\nmarkdown:\n  unsafe: true\n",
			func(c Config) error {
				if c.Title != "Hub" || c.BaseURL != "https://example.org/" || c.Pagination != 5 || !c.Markdown.Unsafe || c.Banner != "B" {
					return fmt.Errorf("not decoded: %+v", c)
				}
				return nil
			}, nil},
		{"missing title", "description: x\n", nil, []string{"site.yaml:1:1 error missing-field"}},
		{"wrong type", "title: Hub\npagination: many\n", nil, []string{"site.yaml:2:13 error wrong-type"}},
		{"zero pagination", "title: Hub\npagination: 0\n", nil, []string{"site.yaml:2:13 error wrong-type"}},
		{"relative base URL", "title: Hub\nbaseURL: example.org\n", nil, []string{"site.yaml:2:10 error wrong-type"}},
		{"unknown key", "title: Hub\ncolour: blue\n", nil, []string{"site.yaml:2:1 warning unknown-key"}},
		{"malformed", "title: [Hub\n", nil, []string{"site.yaml:1:1 error bad-yaml"}},
		{"not a map", "- a\n- b\n", nil, []string{"site.yaml:1:1 error bad-config"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, diags := Load(fstest.MapFS{File: {Data: []byte(tt.yaml)}})
			var got []string
			for _, d := range diags {
				got = append(got, fmt.Sprintf("%s:%d:%d %s %s", d.Path, d.Line, d.Col, d.Severity, d.Code))
			}
			if strings.Join(got, "\n") != strings.Join(tt.diags, "\n") {
				t.Errorf("diagnostics %q, want %q", got, tt.diags)
			}
			if tt.check != nil {
				if err := tt.check(cfg); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

func TestMissingFile(t *testing.T) {
	_, diags := Load(fstest.MapFS{})
	if len(diags) != 1 || diags[0].Code != "missing-config" {
		t.Fatalf("got %v", diags)
	}
}
