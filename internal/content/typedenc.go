package content

import (
	"fmt"
	"time"
	"unique"

	"github.com/facultyhub/facultyhub/internal/binenc"
)

// The build cache keeps each document's typed struct as well as its
// positioned front matter (Fields), so that a build that reuses a
// document makes its struct without decoding the front matter: a
// national site's Fields are some 50 MB of maps, read only by the checks
// of the documents that changed (Document.Front decodes them then).
// typedFields lists every field of every struct once, in the order they
// are written, for both encodeTyped and decodeTyped: TestTypedRoundTrip
// fills each field in turn to hold the list to the structs.

// typedCodec is what typedFields hands each field to, by its kind: a
// typedWriter writes it, a typedReader sets it.
type typedCodec interface {
	str(*string)
	slug(*string) // a vocabulary's value, interned as newTyped does
	flag(*bool)
	num(*int)
	real(*float64)
	date(*time.Time)
	dates(*[]time.Time)
	strs(*[]string)
	slugs(*[]string)
}

// typedFields hands each field of t to c, and reports whether t is a
// typed struct.
func typedFields(t any, c typedCodec) bool {
	switch t := t.(type) {
	case *Faculty:
		c.slug(&t.Status)
		c.flag(&t.Demonstration)
		c.date(&t.Established)
		c.str(&t.Lead.Name)
		c.str(&t.Lead.Role)
		c.str(&t.Lead.Email)
		c.str(&t.Contact)
		c.str(&t.Website)
		c.slugs(&t.Professions)
		c.slugs(&t.Priorities)
		c.date(&t.Reviewed)
		c.strs(&t.Maintainers)
	case *Partner:
		c.slug(&t.Sector)
		c.str(&t.Website)
		c.slugs(&t.Professions)
	case *Story:
		c.date(&t.Date)
		c.str(&t.Author)
		c.slugs(&t.Themes)
		c.slugs(&t.Professions)
		c.str(&t.Image.Src)
		c.str(&t.Image.Alt)
	case *Resource:
		c.slug(&t.Format)
		c.date(&t.Date)
		c.str(&t.Link)
		c.slugs(&t.Themes)
		c.slugs(&t.Professions)
		c.slugs(&t.Audience)
		c.date(&t.Reviewed)
		c.str(&t.Licence)
	case *Placement:
		c.slug(&t.Host)
		c.slugs(&t.Professions)
		c.slug(&t.Setting)
		c.slugs(&t.Models)
		c.str(&t.Level)
		c.num(&t.DurationWeeks)
		c.real(&t.HoursPerWeek)
		c.dates(&t.Starts)
		c.date(&t.Closes)
		c.num(&t.Capacity)
		c.str(&t.Location.Town)
		c.str(&t.Location.Postcode)
		c.slug(&t.Route)
		c.str(&t.Apply)
		c.str(&t.HEI)
		c.slugs(&t.Support)
		c.strs(&t.Requirements)
		c.slug(&t.Status)
		c.date(&t.Date)
	case *Page:
		c.date(&t.Date)
		c.date(&t.Reviewed)
	default:
		return false
	}
	return true
}

// encodeTyped writes the values of t, the typed struct of its document.
func encodeTyped(w *binenc.Writer, t any) error {
	if !typedFields(t, typedWriter{w}) {
		return fmt.Errorf("no encoding for %T", t)
	}
	return nil
}

// decodeTyped reads the typed struct of doc that encodeTyped wrote: the
// struct newTyped makes for doc's kind.
func decodeTyped(r *binenc.Reader, doc *Document) any {
	var t any
	switch doc.Kind {
	case KindFaculty:
		t = &Faculty{Document: doc}
	case KindPartner:
		t = &Partner{Document: doc}
	case KindStory:
		t = &Story{Document: doc}
	case KindResource:
		t = &Resource{Document: doc}
	case KindPlacement:
		t = &Placement{Document: doc}
	default:
		t = &Page{Document: doc}
	}
	typedFields(t, typedReader{r})
	return t
}

// typedWriter writes a typed struct's values. Lists and times keep
// whether they were nil or zero, so a decoded struct equals the one
// newTyped made.
type typedWriter struct{ *binenc.Writer }

func (w typedWriter) str(s *string)         { w.String(*s) }
func (w typedWriter) slug(s *string)        { w.String(*s) }
func (w typedWriter) flag(b *bool)          { w.Bool(*b) }
func (w typedWriter) num(n *int)            { w.Int(*n) }
func (w typedWriter) real(f *float64)       { w.Float(*f) }
func (w typedWriter) strs(ss *[]string)     { writeItems(w, *ss, w.String) }
func (w typedWriter) slugs(ss *[]string)    { writeItems(w, *ss, w.String) }
func (w typedWriter) dates(ts *[]time.Time) { writeItems(w, *ts, w.time) }
func (w typedWriter) date(t *time.Time)     { w.time(*t) }

func (w typedWriter) time(t time.Time) {
	if t.IsZero() && t.Location() == time.UTC {
		w.Raw(nil)
		return
	}
	w.Time(t)
}

// writeItems writes the length of xs, or that it is nil, then each item.
func writeItems[T any](w typedWriter, xs []T, item func(T)) {
	if xs == nil {
		w.Uint(0)
		return
	}
	w.Uint(uint64(len(xs)) + 1)
	for _, x := range xs {
		item(x)
	}
}

// typedReader reads what typedWriter wrote.
type typedReader struct{ *binenc.Reader }

func (r typedReader) str(s *string)         { *s = r.String() }
func (r typedReader) slug(s *string)        { *s = r.interned() }
func (r typedReader) flag(b *bool)          { *b = r.Bool() }
func (r typedReader) num(n *int)            { *n = r.Int() }
func (r typedReader) real(f *float64)       { *f = r.Float() }
func (r typedReader) strs(ss *[]string)     { *ss = readItems(r, r.String) }
func (r typedReader) slugs(ss *[]string)    { *ss = readItems(r, r.interned) }
func (r typedReader) dates(ts *[]time.Time) { *ts = readItems(r, r.time) }
func (r typedReader) date(t *time.Time)     { *t = r.time() }

func (r typedReader) interned() string { return unique.Make(r.String()).Value() }

func (r typedReader) time() time.Time {
	if len(r.Rest()) > 0 && r.Rest()[0] == 0 {
		r.Uint()
		return time.Time{}
	}
	return r.Time()
}

// readItems reads what writeItems wrote.
func readItems[T any](r typedReader, item func() T) []T {
	n := r.Uint()
	if n == 0 {
		return nil
	}
	if n-1 > uint64(len(r.Rest())) { // each item takes a byte or more
		r.Fail(binenc.ErrCorrupt)
		return nil
	}
	out := make([]T, n-1)
	for i := range out {
		out[i] = item()
	}
	return out
}
