package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/spf13/cobra"
)

// NewOptions are the inputs of `facultyhub new`.
type NewOptions struct {
	IO     *IO
	Source string
	Kind   content.Kind
	System string
	Slug   string
	Now    string
}

var newKinds = map[string]content.Kind{
	"faculty": content.KindFaculty, "partner": content.KindPartner, "story": content.KindStory,
	"resource": content.KindResource, "placement": content.KindPlacement,
}

var sectionOf = map[content.Kind]string{
	content.KindPartner: "partners", content.KindStory: "stories",
	content.KindResource: "resources", content.KindPlacement: "placements",
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// NewCmdNew returns `facultyhub new`. runF replaces the logic in tests.
func NewCmdNew(ios *IO, runF func(*NewOptions) error) *cobra.Command {
	opts := &NewOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "new KIND SYSTEM [SLUG]",
		Short: "Create a content file with every field ready to fill in",
		Long: `New writes a Markdown file with every front-matter field of its kind:
required ones filled with a placeholder, optional ones commented out.

  facultyhub new faculty SYSTEM
  facultyhub new partner|story|resource|placement SYSTEM SLUG

SYSTEM is a slug from content/_data/systems.yaml. New never overwrites a file.`,
		Example: "  facultyhub new faculty cheshire-and-merseyside\n  facultyhub new placement cheshire-and-merseyside community-msk-physio",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("new: name a kind: faculty, partner, story, resource or placement")}
			}
			kind, ok := newKinds[args[0]]
			if !ok {
				return usageError{fmt.Errorf("new: unknown kind %q: want faculty, partner, story, resource or placement", args[0])}
			}
			want := 3
			if kind == content.KindFaculty {
				want = 2
			}
			if len(args) != want {
				if want == 2 {
					return usageError{errors.New("usage: facultyhub new faculty SYSTEM")}
				}
				return usageError{fmt.Errorf("usage: facultyhub new %s SYSTEM SLUG", args[0])}
			}
			opts.Kind, opts.System = kind, args[1]
			if want == 3 {
				opts.Slug = args[2]
				if !slugRE.MatchString(opts.Slug) {
					return usageError{fmt.Errorf("new: slug %q must be lowercase letters, digits and single hyphens, e.g. community-msk-physio", opts.Slug)}
				}
			}
			return nil
		},
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return newRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Source, "source", ".", "the site's source `folder`")
	cmd.Flags().StringVar(&opts.Now, "now", "", "date to put in date fields (default today)")
	return cmd
}

func newRun(opts *NewOptions) error {
	day, err := today(opts.IO, opts.Now)
	if err != nil {
		return err
	}
	fsys := os.DirFS(opts.Source)
	hub, diags := content.LoadReference(fsys)
	if diags.HasErrors() {
		for _, d := range diags {
			fmt.Fprintln(opts.IO.ErrOut, d)
		}
		return errors.New("new: the reference data has errors; fix them first")
	}
	sys := hub.System(opts.System)
	if sys == nil {
		msg := fmt.Sprintf("new: unknown system %q: it is not a slug in %s/systems.yaml", opts.System, content.DataDir)
		var slugs []string
		for _, s := range hub.Systems {
			slugs = append(slugs, s.Slug)
		}
		if s := content.Suggest(opts.System, slugs); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return usageError{errors.New(msg)}
	}
	rel := filepath.Join("content", "faculties", sys.Slug, "_index.md")
	if opts.Kind != content.KindFaculty {
		rel = filepath.Join("content", "faculties", sys.Slug, sectionOf[opts.Kind], opts.Slug+".md")
		if _, err := fs.Stat(fsys, filepath.ToSlash(filepath.Join("content", "faculties", sys.Slug, "_index.md"))); err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "note: %s has no faculty page yet; create it with `facultyhub new faculty %s`\n", sys.Slug, sys.Slug)
		}
	}
	partners, _ := fs.Glob(fsys, "content/faculties/"+sys.Slug+"/partners/*.md")
	text := skeleton(opts.Kind, sys, hub, opts.Slug, day, partners)
	dest := filepath.Join(opts.Source, rel)
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return usageError{fmt.Errorf("new: %s already exists; new never overwrites a file", dest)}
		}
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "created %s\n", dest)
	return nil
}

// skeleton writes the file for a new entry: required fields with a
// placeholder value, optional fields commented out with a hint.
func skeleton(kind content.Kind, sys *content.System, hub *content.Hub, slug string, day time.Time, partners []string) string {
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString("# Lines starting with # are optional: remove the # to use them.\n")
	b.WriteString("# Every field is described in docs/content.md.\n")
	title := titleFor(kind, sys, slug)
	for _, f := range content.FieldsOf(kind) {
		if f.Name == "draft" || f.Name == "aliases" {
			continue
		}
		writeField(&b, "", f, kind, hub, title, day, partners)
	}
	b.WriteString("---\n\n")
	b.WriteString(bodyFor(kind))
	return b.String()
}

func writeField(b *strings.Builder, indent string, f content.FieldSpec, kind content.Kind, hub *content.Hub, title string, day time.Time, partners []string) {
	comment := ""
	if !f.Required {
		comment = "# "
	}
	if f.Type == content.Object {
		fmt.Fprintf(b, "%s%s%s:  # %s\n", comment, indent, f.Name, f.Doc)
		for _, sub := range f.Fields {
			sub.Required = f.Required && sub.Required
			writeField(b, indent+"  ", sub, kind, hub, title, day, partners)
		}
		return
	}
	value, hint := placeholder(f, kind, hub, title, day, partners)
	fmt.Fprintf(b, "%s%s%s: %s  # %s%s\n", comment, indent, f.Name, value, f.Doc, hint)
}

func placeholder(f content.FieldSpec, kind content.Kind, hub *content.Hub, title string, day time.Time, partners []string) (value, hint string) {
	var allowed []string
	switch {
	case f.Values != nil:
		allowed = f.Values
	case f.Vocabulary == "professions":
		for _, p := range hub.Professions {
			allowed = append(allowed, p.Slug)
		}
	case f.Vocabulary == "partners":
		for _, p := range partners {
			allowed = append(allowed, strings.TrimSuffix(filepath.Base(p), ".md"))
		}
	case f.Vocabulary == "systems":
		return "", ""
	case f.Vocabulary != "":
		allowed = hub.Vocabularies[f.Vocabulary].Slugs()
	}
	if allowed != nil {
		first := "partner-slug"
		if len(allowed) > 0 {
			first = allowed[0]
		}
		hint = "; one of: " + strings.Join(allowed, ", ")
		if len(allowed) > 14 {
			hint = fmt.Sprintf("; see %s/%s.yaml", content.DataDir, f.Vocabulary)
		}
		if f.Vocabulary == "partners" {
			hint = "; a file name (without .md) in this faculty's partners/ folder"
		}
		if f.Type == content.SlugList || f.Type == content.SlugOrList {
			return "[" + first + "]", hint
		}
		return first, hint
	}
	switch f.Name {
	case "title":
		return quote(title), ""
	case "summary":
		return quote("One or two sentences saying what this is and who it is for."), ""
	}
	switch f.Type {
	case content.Date:
		return day.Format(time.DateOnly), ""
	case content.DateList:
		return "[" + day.AddDate(0, 3, 0).Format(time.DateOnly) + "]", ""
	case content.Int:
		return "4", ""
	case content.Number:
		return "37.5", ""
	case content.Bool:
		return "false", ""
	case content.URL:
		return "https://example.org/", ""
	case content.URLOrEmail, content.Email:
		return "team@example.org", ""
	case content.StringList:
		return "[]", ""
	}
	return `""`, ""
}

func titleFor(kind content.Kind, sys *content.System, slug string) string {
	if kind == content.KindFaculty {
		return sys.Name + " AHP Faculty"
	}
	words := strings.ReplaceAll(slug, "-", " ")
	return strings.ToUpper(words[:1]) + words[1:]
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

func bodyFor(kind content.Kind) string {
	switch kind {
	case content.KindFaculty:
		return "## About the faculty\n\nWho the faculty brings together and what it works on.\n\n## Get involved\n\nHow partners, educators and students can take part.\n"
	case content.KindPlacement:
		return "## What you will do\n\nA typical week on this placement.\n\n## Supervision and support\n\nWho supervises, and the support on offer.\n\n## How to apply\n\nThe route for students, and who to ask.\n"
	case content.KindStory:
		return "Tell the story: what changed, for whom, and what others can learn.\n"
	case content.KindResource:
		return "What the resource covers and how to use it.\n"
	}
	return "What the organisation does and how it works with the faculty.\n"
}
