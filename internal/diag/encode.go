package diag

import "github.com/facultyhub/facultyhub/internal/binenc"

// Encode writes l as a record of the build cache.
func (l List) Encode(w *binenc.Writer) {
	w.Uint(uint64(len(l)))
	for _, d := range l {
		w.String(d.Path)
		w.Int(d.Line)
		w.Int(d.Col)
		w.Int(int(d.Severity))
		w.String(d.Code)
		w.String(d.Message)
	}
}

// Decode reads a list Encode wrote; r reports a damaged record.
func Decode(r *binenc.Reader) List {
	var l List
	for range r.Len() {
		l = append(l, Diagnostic{Path: r.String(), Line: r.Int(), Col: r.Int(),
			Severity: Severity(r.Int()), Code: r.String(), Message: r.String()})
	}
	return l
}
