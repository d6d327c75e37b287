package render

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/facultyhub/facultyhub/internal/htmlexec"
	"github.com/facultyhub/facultyhub/themes"
)

// Theme is a parsed set of layouts: baseof.html and partials/*.html
// shared by every page layout, each page layout a template of its own.
type Theme struct {
	// layouts executes each page layout: its own template with
	// baseof.html and the partials.
	layouts map[string]*htmlexec.Set
	// shared executes baseof.html and the partials without a page
	// layout: what partialCached executes.
	shared *htmlexec.Set
	// Static holds the theme's static files (CSS, images), rooted at its
	// static/ folder.
	Static fs.FS
	// Builtin reports that the layouts are the built-in default theme's,
	// byte for byte: none replaced by the site.
	Builtin bool
	// sum fingerprints the layouts' names and sources.
	sum [sha256.Size]byte
}

// LoadTheme reads the named theme from the site's themes/<name>/ folder,
// or from the themes built into facultyhub, then lets the site's own
// layouts/ folder replace any layout or partial of it.
//
// minify, when not nil, is applied to the source of every layout and
// partial before it is parsed.
func LoadTheme(source fs.FS, name string, funcs template.FuncMap, minify func(name string, src []byte) ([]byte, error)) (*Theme, error) {
	var base fs.FS
	if st, err := fs.Stat(source, "themes/"+name); err == nil && st.IsDir() {
		sub, err := fs.Sub(source, "themes/"+name)
		if err != nil {
			return nil, err
		}
		base = sub
	} else if st, err := fs.Stat(themes.FS, name); err == nil && st.IsDir() {
		base, _ = fs.Sub(themes.FS, name)
	} else {
		return nil, fmt.Errorf("theme %q: there is no themes/%s/ folder and no built-in theme of that name", name, name)
	}
	files := map[string][]byte{}
	if err := readLayouts(base, "layouts", files); err != nil {
		return nil, err
	}
	if err := readLayouts(source, "layouts", files); err != nil {
		return nil, err
	}
	if files["baseof.html"] == nil {
		return nil, errors.New("theme " + name + " has no layouts/baseof.html")
	}
	sum, builtin := layoutsSum(files), false
	if name == "default" {
		def := map[string][]byte{}
		sub, _ := fs.Sub(themes.FS, name)
		builtin = readLayouts(sub, "layouts", def) == nil && layoutsSum(def) == sum
	}
	if minify != nil {
		for n, src := range files {
			min, err := minify("layouts/"+n, src)
			if err != nil {
				return nil, err
			}
			files[n] = min
		}
	}
	shared := template.New("baseof.html").Funcs(funcs)
	if _, err := shared.Parse(string(files["baseof.html"])); err != nil {
		return nil, fmt.Errorf("layouts/baseof.html: %w", err)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if strings.HasPrefix(n, "partials/") {
			if _, err := shared.New(n).Parse(string(files[n])); err != nil {
				return nil, fmt.Errorf("layouts/%s: %w", n, err)
			}
		}
	}
	t := &Theme{layouts: map[string]*htmlexec.Set{}, shared: htmlexec.New(shared, funcs), Builtin: builtin, sum: sum}
	if static, err := fs.Sub(base, "static"); err == nil {
		t.Static = static
	}
	for _, n := range names {
		if n == "baseof.html" || strings.HasPrefix(n, "partials/") {
			continue
		}
		layout, err := shared.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := layout.New(n).Parse(string(files[n])); err != nil {
			return nil, fmt.Errorf("layouts/%s: %w", n, err)
		}
		t.layouts[n] = htmlexec.New(layout, funcs)
	}
	return t, nil
}

// layoutsSum fingerprints a theme's layouts, by name.
func layoutsSum(files map[string][]byte) [sha256.Size]byte {
	var h keyHash
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		h.str(n)
		h.bytes(files[n])
	}
	return sha256.Sum256(h.b)
}

func readLayouts(fsys fs.FS, dir string, into map[string][]byte) error {
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(p) != ".html" {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		into[strings.TrimPrefix(p, dir+"/")] = b
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Has reports whether the theme has the named page layout.
func (t *Theme) Has(layout string) bool { return t.layouts[layout] != nil }
