package binenc

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"testing"
	"time"
)

// write writes one of every kind of value.
func write(w *Writer) {
	w.Uint(0)
	w.Uint(math.MaxUint64)
	w.Int(-1)
	w.Int(math.MaxInt)
	w.Bool(true)
	w.Bool(false)
	w.String("")
	w.String("Physiotherapy on a stroke ward – Salford")
	w.Raw([]byte{0, 1, 2})
	w.Strings([]string{"a", "", "ü"})
	w.Float(-2.5)
	w.Time(time.Date(2027, 1, 18, 9, 30, 0, 0, time.UTC))
}

func TestRoundTrip(t *testing.T) {
	var w Writer
	write(&w)
	r := NewReader(w.Bytes())
	got := []any{r.Uint(), r.Uint(), r.Int(), r.Int(), r.Bool(), r.Bool(), r.String(), r.String(),
		string(r.Raw()), r.Strings(), r.Float(), r.Time()}
	want := []any{uint64(0), uint64(math.MaxUint64), -1, math.MaxInt, true, false, "", "Physiotherapy on a stroke ward – Salford",
		"\x00\x01\x02", []string{"a", "", "ü"}, -2.5, time.Date(2027, 1, 18, 9, 30, 0, 0, time.UTC)}
	if r.Err() != nil || !r.Done() {
		t.Fatalf("err %v, done %v", r.Err(), r.Done())
	}
	for i := range want {
		switch g := got[i].(type) {
		case []string:
			if !slices.Equal(g, want[i].([]string)) {
				t.Errorf("value %d: got %q, want %q", i, g, want[i])
			}
		case time.Time:
			if !g.Equal(want[i].(time.Time)) {
				t.Errorf("value %d: got %v, want %v", i, g, want[i])
			}
		default:
			if got[i] != want[i] {
				t.Errorf("value %d: got %v, want %v", i, got[i], want[i])
			}
		}
	}
}

// TestTruncatedFails: every cut of a record is an error, never a panic
// and never a value made up.
func TestTruncatedFails(t *testing.T) {
	var w Writer
	write(&w)
	data := w.Bytes()
	for n := range len(data) {
		r := NewReader(data[:n])
		r.Uint()
		r.Uint()
		r.Int()
		r.Int()
		r.Bool()
		r.Bool()
		_ = r.String()
		_ = r.String()
		r.Raw()
		r.Strings()
		r.Float()
		r.Time()
		if !errors.Is(r.Err(), ErrCorrupt) {
			t.Fatalf("cut at %d of %d bytes: err %v", n, len(data), r.Err())
		}
	}
}

// FuzzReader reads anything as every kind of value: a damaged cache file
// must never panic the build.
func FuzzReader(f *testing.F) {
	var w Writer
	write(&w)
	f.Add(w.Bytes())
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(data)
		for !r.Done() && r.Err() == nil {
			r.Uint()
			r.Int()
			r.Bool()
			_ = r.String()
			r.Len()
			r.Strings()
			r.Time()
		}
	})
}

// TestStream writes records through a Stream, more than a block of
// them, and checks what it wrote: the records come back, and any changed
// byte, or a cut, is caught.
func TestStream(t *testing.T) {
	var b bytes.Buffer
	s := NewStream(&b)
	var want Writer
	for i := range 20000 {
		for _, w := range []*Writer{&s.Writer, &want} {
			w.String("the build cache's records")
			w.Uint(uint64(i))
		}
		s.Spill()
	}
	n, err := s.Close()
	if err != nil || n != int64(b.Len()) || b.Len() < 2*streamBlock {
		t.Fatalf("Close: %v; %d bytes counted, %d written", err, n, b.Len())
	}
	body, ok := Checked(b.Bytes())
	if !ok || !bytes.Equal(body, want.Bytes()) {
		t.Fatalf("Checked: %v, the records came back the same: %v", ok, bytes.Equal(body, want.Bytes()))
	}
	for i := 0; i < b.Len(); i += 1 + i/64 {
		bad := bytes.Clone(b.Bytes())
		bad[i] ^= 1
		if _, ok := Checked(bad); ok {
			t.Errorf("byte %d changed: still checked", i)
		}
		if _, ok := Checked(b.Bytes()[:i]); ok {
			t.Errorf("cut at %d: still checked", i)
		}
	}
}
