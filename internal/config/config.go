// Package config reads a site's site.yaml into a Config.
//
// site.yaml sits at the root of the site's source folder:
//
//	title: AHP Faculty Hub        # required: the site's name
//	baseURL: https://example.org/ # absolute URL the site is served from
//	language: en-GB               # the pages' lang attribute
//	theme: default                # folder under themes/
//	description: ...              # one sentence for search engines and feeds
//	banner: ...                   # a notice shown on every page
//	logo: logo.svg                # a file under static/; none by default
//	pagination: 20                # entries per listing page
//	markdown:
//	  unsafe: false               # true lets raw HTML through
//
// Unknown keys are warnings; wrong types are errors with file and line.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"github.com/facultyhub/facultyhub/internal/diag"
	"go.yaml.in/yaml/v3"
)

// File is the name of the configuration file at the root of a site.
const File = "site.yaml"

// Config is a site's configuration.
type Config struct {
	Title       string
	BaseURL     string
	Language    string
	Theme       string
	Description string
	Banner      string
	Logo        string
	Pagination  int
	Markdown    struct{ Unsafe bool }
}

// Default returns the configuration used for keys site.yaml leaves out.
func Default() Config {
	return Config{BaseURL: "/", Language: "en-GB", Theme: "default", Pagination: 20}
}

// Load reads site.yaml from the root of fsys. A missing file is an error.
func Load(fsys fs.FS) (Config, diag.List) {
	cfg := Default()
	var diags diag.List
	src, err := fs.ReadFile(fsys, File)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(File, 0, 0, "missing-config", "there is no %s in the source folder; is --source pointing at the site?", File)
		} else {
			diags.Errorf(File, 0, 0, "unreadable", "cannot read %s: %v", File, err)
		}
		return cfg, diags
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		diags.Errorf(File, yamlErrorLine(err), 1, "bad-yaml", "%s is not valid YAML: %s", File, strings.TrimPrefix(err.Error(), "yaml: "))
		return cfg, diags
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		diags.Errorf(File, 1, 1, "bad-config", "%s must be a set of \"key: value\" lines", File)
		return cfg, diags
	}
	decodeInto(&cfg, doc.Content[0], &diags)
	if cfg.Title == "" {
		diags.Errorf(File, 1, 1, "missing-field", "%s has no title; add \"title: Your hub's name\"", File)
	}
	return cfg, diags
}

func decodeInto(cfg *Config, m *yaml.Node, diags *diag.List) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		var err error
		switch k.Value {
		case "title":
			err = v.Decode(&cfg.Title)
		case "baseURL":
			if err = v.Decode(&cfg.BaseURL); err == nil {
				err = checkBaseURL(cfg.BaseURL)
			}
		case "language":
			err = v.Decode(&cfg.Language)
		case "theme":
			err = v.Decode(&cfg.Theme)
		case "description":
			err = v.Decode(&cfg.Description)
		case "banner":
			err = v.Decode(&cfg.Banner)
		case "logo":
			err = v.Decode(&cfg.Logo)
		case "pagination":
			if err = v.Decode(&cfg.Pagination); err == nil && cfg.Pagination < 1 {
				err = errors.New("must be 1 or more")
			}
		case "markdown":
			err = v.Decode(&cfg.Markdown)
		default:
			diags.Warnf(File, k.Line, k.Column, "unknown-key", "unknown key %q in %s; it is ignored", k.Value, File)
			continue
		}
		if err != nil {
			diags.Errorf(File, v.Line, v.Column, "wrong-type", "%s: %s", k.Value, cleanYAMLError(err))
		}
	}
}

func checkBaseURL(s string) error {
	if s == "/" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("%q must be an absolute URL such as https://example.org/", s)
	}
	return nil
}

func cleanYAMLError(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, "cannot unmarshal "); i >= 0 {
		return "wrong type: " + msg[i+len("cannot unmarshal "):]
	}
	return strings.TrimPrefix(msg, "yaml: ")
}

func yamlErrorLine(err error) int {
	var n int
	if _, scanErr := fmt.Sscanf(strings.TrimPrefix(err.Error(), "yaml: "), "line %d:", &n); scanErr == nil {
		return n
	}
	return 1
}
