package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats lists the output formats of WriteFormat.
var Formats = []string{"text", "github", "json"}

// WriteFormat writes l to w in the named format: "text" (one
// path:line:col: severity: message per line), "github" (GitHub Actions
// workflow commands, which become inline pull-request annotations) or
// "json" (see JSON). prefix is joined before each path, so paths read
// relative to the directory the command was run from.
func WriteFormat(w io.Writer, format, prefix string, l List) error {
	switch format {
	case "text":
		return writeText(w, prefix, l)
	case "github":
		return writeGitHub(w, prefix, l)
	case "json":
		return writeJSON(w, prefix, l)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

func join(prefix, path string) string {
	if prefix == "" || prefix == "." {
		return path
	}
	return strings.TrimSuffix(prefix, "/") + "/" + path
}

func writeText(w io.Writer, prefix string, l List) error {
	for _, d := range l {
		d.Path = join(prefix, d.Path)
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	return nil
}

// GitHub workflow commands need %, CR and LF escaped in the message, and
// also : and , in properties.
var (
	ghMessage  = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func writeGitHub(w io.Writer, prefix string, l List) error {
	for _, d := range l {
		_, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n",
			d.Severity, ghProperty.Replace(join(prefix, d.Path)), max(d.Line, 1), max(d.Col, 1),
			ghProperty.Replace("facultyhub "+d.Code), ghMessage.Replace(d.Message))
		if err != nil {
			return err
		}
	}
	return nil
}

// JSON is the stable shape of one diagnostic in --format json output, an
// array of these (an empty array when there are none).
type JSON struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

func writeJSON(w io.Writer, prefix string, l List) error {
	out := make([]JSON, 0, len(l))
	for _, d := range l {
		out = append(out, JSON{
			Path: join(prefix, d.Path), Line: max(d.Line, 1), Column: max(d.Col, 1),
			Severity: d.Severity.String(), Code: d.Code, Message: d.Message,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
