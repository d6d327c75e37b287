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
// encodeTyped and decodeTyped must write and read every field of every
// struct: TestTypedRoundTrip fills each field in turn to hold them to it.

// typedWriter writes a typed struct's values. Lists and times keep
// whether they were nil or zero, so a decoded struct equals the one
// newTyped made.
type typedWriter struct{ *binenc.Writer }

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

func (w typedWriter) strs(ss []string) { writeItems(w, ss, w.String) }

func (w typedWriter) times(ts []time.Time) { writeItems(w, ts, w.time) }

func (w typedWriter) time(t time.Time) {
	if t.IsZero() && t.Location() == time.UTC {
		w.Raw(nil)
		return
	}
	w.Time(t)
}

// typedReader reads what typedWriter wrote; slug and slugs intern their
// values, as newTyped does.
type typedReader struct{ *binenc.Reader }

func (r typedReader) slug() string { return unique.Make(r.String()).Value() }

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

func (r typedReader) slugs() []string    { return readItems(r, r.slug) }
func (r typedReader) strings() []string  { return readItems(r, r.String) }
func (r typedReader) times() []time.Time { return readItems(r, r.time) }

func (r typedReader) time() time.Time {
	if len(r.Rest()) > 0 && r.Rest()[0] == 0 {
		r.Uint()
		return time.Time{}
	}
	return r.Time()
}

// encodeTyped writes the values of t, the typed struct of its document.
func encodeTyped(bw *binenc.Writer, t any) error {
	w := typedWriter{bw}
	switch t := t.(type) {
	case *Faculty:
		w.String(t.Status)
		w.Bool(t.Demonstration)
		w.time(t.Established)
		w.String(t.Lead.Name)
		w.String(t.Lead.Role)
		w.String(t.Lead.Email)
		w.String(t.Contact)
		w.String(t.Website)
		w.strs(t.Professions)
		w.strs(t.Priorities)
		w.time(t.Reviewed)
		w.strs(t.Maintainers)
	case *Partner:
		w.String(t.Sector)
		w.String(t.Website)
		w.strs(t.Professions)
	case *Story:
		w.time(t.Date)
		w.String(t.Author)
		w.strs(t.Themes)
		w.strs(t.Professions)
		w.String(t.Image.Src)
		w.String(t.Image.Alt)
	case *Resource:
		w.String(t.Format)
		w.time(t.Date)
		w.String(t.Link)
		w.strs(t.Themes)
		w.strs(t.Professions)
		w.strs(t.Audience)
		w.time(t.Reviewed)
		w.String(t.Licence)
	case *Placement:
		w.String(t.Host)
		w.strs(t.Professions)
		w.String(t.Setting)
		w.strs(t.Models)
		w.String(t.Level)
		w.Int(t.DurationWeeks)
		w.Float(t.HoursPerWeek)
		w.times(t.Starts)
		w.time(t.Closes)
		w.Int(t.Capacity)
		w.String(t.Location.Town)
		w.String(t.Location.Postcode)
		w.String(t.Route)
		w.String(t.Apply)
		w.String(t.HEI)
		w.strs(t.Support)
		w.strs(t.Requirements)
		w.String(t.Status)
		w.time(t.Date)
	case *Page:
		w.time(t.Date)
		w.time(t.Reviewed)
	default:
		return fmt.Errorf("no encoding for %T", t)
	}
	return nil
}

// decodeTyped reads the typed struct of doc that encodeTyped wrote: the
// struct newTyped makes for doc's kind.
func decodeTyped(br *binenc.Reader, doc *Document) any {
	r := typedReader{br}
	switch doc.Kind {
	case KindFaculty:
		t := &Faculty{Document: doc}
		t.Status = r.slug()
		t.Demonstration = r.Bool()
		t.Established = r.time()
		t.Lead = Person{Name: r.String(), Role: r.String(), Email: r.String()}
		t.Contact, t.Website = r.String(), r.String()
		t.Professions, t.Priorities = r.slugs(), r.slugs()
		t.Reviewed = r.time()
		t.Maintainers = r.strings()
		return t
	case KindPartner:
		t := &Partner{Document: doc}
		t.Sector, t.Website = r.slug(), r.String()
		t.Professions = r.slugs()
		return t
	case KindStory:
		t := &Story{Document: doc}
		t.Date = r.time()
		t.Author = r.String()
		t.Themes, t.Professions = r.slugs(), r.slugs()
		t.Image = Image{Src: r.String(), Alt: r.String()}
		return t
	case KindResource:
		t := &Resource{Document: doc}
		t.Format = r.slug()
		t.Date = r.time()
		t.Link = r.String()
		t.Themes, t.Professions, t.Audience = r.slugs(), r.slugs(), r.slugs()
		t.Reviewed = r.time()
		t.Licence = r.String()
		return t
	case KindPlacement:
		t := &Placement{Document: doc}
		t.Host = r.slug()
		t.Professions = r.slugs()
		t.Setting = r.slug()
		t.Models = r.slugs()
		t.Level = r.String()
		t.DurationWeeks = r.Int()
		t.HoursPerWeek = r.Float()
		t.Starts = r.times()
		t.Closes = r.time()
		t.Capacity = r.Int()
		t.Location = Location{Town: r.String(), Postcode: r.String()}
		t.Route = r.slug()
		t.Apply, t.HEI = r.String(), r.String()
		t.Support = r.slugs()
		t.Requirements = r.strings()
		t.Status = r.slug()
		t.Date = r.time()
		return t
	}
	t := &Page{Document: doc}
	t.Date = r.time()
	t.Reviewed = r.time()
	return t
}
