package check_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/facultyhub/facultyhub/internal/content"
)

// codeCall finds the code argument of diags.Errorf/Warnf calls.
var codeCall = regexp.MustCompile(`\.(?:Errorf|Warnf)\([^"\n]*?"([a-z][a-z0-9-]*)"`)

// TestEveryCodeDocumented keeps docs/errors.md complete: each diagnostic
// code the code can emit has a "## code" section authors can be sent to.
func TestEveryCodeDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/errors.md")
	if err != nil {
		t.Fatal(err)
	}
	// Codes built at run time rather than written in a call.
	codes := map[string]bool{"unknown-profession": true, "unknown-system": true, "unknown-region": true,
		"unknown-partner": true, "unknown-value": true, "unsafe-url": true, "bad-url": true}
	for _, dir := range []string{"../content", "../check", "../config", "../build"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range codeCall.FindAllSubmatch(src, -1) {
				codes[string(m[1])] = true
			}
		}
	}
	if len(codes) < 30 {
		t.Fatalf("found only %d codes; is the pattern still right?", len(codes))
	}
	for code := range codes {
		if !strings.Contains(string(doc), "\n## "+code+"\n") {
			t.Errorf("docs/errors.md has no section \"## %s\"", code)
		}
	}
}

// TestEveryFieldDocumented keeps docs/content.md complete: every field of
// every kind is named there.
func TestEveryFieldDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/content.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range content.Kinds {
		for _, f := range content.FieldsOf(kind) {
			if !strings.Contains(string(doc), "`"+f.Name+"`") {
				t.Errorf("docs/content.md does not mention the %s field `%s`", kind, f.Name)
			}
			for _, sub := range f.Fields {
				if !strings.Contains(string(doc), sub.Name) {
					t.Errorf("docs/content.md does not mention %s.%s", f.Name, sub.Name)
				}
			}
		}
	}
	for _, name := range content.VocabularyNames {
		for _, slug := range content.BuiltinVocabulary(name).Slugs() {
			if !strings.Contains(string(doc), "`"+slug+"`") {
				t.Errorf("docs/content.md does not list the %s value `%s`", name, slug)
			}
		}
	}
}
