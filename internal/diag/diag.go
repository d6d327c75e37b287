// Package diag defines the diagnostics every phase of Faculty Hub reports:
// a problem with a place in the source tree (path:line:col), a severity, a
// stable code that docs/errors.md explains, and a message that says what is
// wrong and how to fix it.
//
// It sits below every other package so that config, content, check and
// build can all speak the same language to the author.
package diag

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	// Error stops the build: nothing is written.
	Error Severity = iota
	// Warning is reported but the build goes on (unless --strict).
	Warning
)

// String is the word used in every output format.
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in the source tree.
type Diagnostic struct {
	// Path is slash-separated and relative to the site's source folder,
	// e.g. content/faculties/x/placements/y.md.
	Path string
	// Line and Col are 1-based; 0 means "the whole file".
	Line, Col int
	Severity  Severity
	// Code is a stable identifier, documented in docs/errors.md.
	Code    string
	Message string
}

// String formats d as path:line:col: severity: message.
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s", d.Path, max(d.Line, 1), max(d.Col, 1), d.Severity, d.Message)
}

// List is a set of diagnostics from one run.
type List []Diagnostic

// Errorf appends an error at path:line:col.
func (l *List) Errorf(path string, line, col int, code, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Col: col, Severity: Error, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Warnf appends a warning at path:line:col.
func (l *List) Warnf(path string, line, col int, code, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Col: col, Severity: Warning, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Sort orders the list by path, line, column, then severity and message,
// so output never depends on the order work happened in.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Count returns how many errors and warnings l holds.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	errs, _ := l.Count()
	return errs > 0
}
