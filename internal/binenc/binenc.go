// Package binenc writes and reads the compact binary records of the build
// cache: unsigned and signed varints, length-prefixed strings and bytes.
// It is a few times faster to read than encoding/gob for the many small
// records a national site has, which is what the cache is for. A Reader
// never panics on bad input: it stops and reports an error.
package binenc

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math"
	"slices"
	"time"
	"unsafe"
)

// Writer appends records to a buffer.
type Writer struct{ buf []byte }

// Grow makes room for n more bytes.
func (w *Writer) Grow(n int) { w.buf = slices.Grow(w.buf, n) }

// Bytes returns what was written.
func (w *Writer) Bytes() []byte { return w.buf }

// Uint writes v.
func (w *Writer) Uint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }

// Int writes v.
func (w *Writer) Int(v int) { w.buf = binary.AppendVarint(w.buf, int64(v)) }

// Bool writes b.
func (w *Writer) Bool(b bool) {
	if b {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// String writes s with its length.
func (w *Writer) String(s string) {
	w.Uint(uint64(len(s)))
	w.buf = append(w.buf, s...)
}

// Raw writes b with its length.
func (w *Writer) Raw(b []byte) {
	w.Uint(uint64(len(b)))
	w.buf = append(w.buf, b...)
}

// Strings writes a list of strings.
func (w *Writer) Strings(ss []string) {
	w.Uint(uint64(len(ss)))
	for _, s := range ss {
		w.String(s)
	}
}

// Float writes f.
func (w *Writer) Float(f float64) { w.Uint(math.Float64bits(f)) }

// Time writes t, to the nanosecond, with its zone's offset.
func (w *Writer) Time(t time.Time) {
	b, _ := t.MarshalBinary() // fails only for zones off by fractions of a minute
	w.Raw(b)
}

// ErrCorrupt reports a record that ends early or is out of bounds.
var ErrCorrupt = errors.New("binenc: corrupt or truncated record")

// Reader reads what a Writer wrote. After the first error every read
// returns a zero value and Err reports it.
type Reader struct {
	buf []byte
	err error
}

// NewReader reads buf. The strings it reads share buf's memory (a cache
// of a national site holds a million of them, and copying each was most
// of the time it took to read), so buf must never change afterwards.
func NewReader(buf []byte) *Reader { return &Reader{buf: buf} }

// Err reports the first error met, if any.
func (r *Reader) Err() error { return r.err }

// Fail stops the reader with err, unless it has failed already.
func (r *Reader) Fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.buf = nil
}

// Rest returns what is left to read: the bytes between two calls to it
// are what was read in between.
func (r *Reader) Rest() []byte { return r.buf }

// Append writes bytes as they are: a record copied from a Reader.
func (w *Writer) Append(b []byte) { w.buf = append(w.buf, b...) }

// Done reports whether everything was read.
func (r *Reader) Done() bool { return len(r.buf) == 0 }

// Uint reads an unsigned varint.
func (r *Reader) Uint() uint64 {
	v, n := binary.Uvarint(r.buf)
	if n <= 0 {
		r.Fail(ErrCorrupt)
		return 0
	}
	r.buf = r.buf[n:]
	return v
}

// Int reads a signed varint.
func (r *Reader) Int() int {
	v, n := binary.Varint(r.buf)
	if n <= 0 || v > math.MaxInt || v < math.MinInt {
		r.Fail(ErrCorrupt)
		return 0
	}
	r.buf = r.buf[n:]
	return int(v)
}

// Len reads a count of things each at least one byte long.
func (r *Reader) Len() int {
	n := r.Uint()
	if n > uint64(len(r.buf)) {
		r.Fail(ErrCorrupt)
		return 0
	}
	return int(n)
}

// Bool reads a bool.
func (r *Reader) Bool() bool {
	if len(r.buf) == 0 {
		r.Fail(ErrCorrupt)
		return false
	}
	b := r.buf[0]
	r.buf = r.buf[1:]
	return b != 0
}

// Raw reads bytes; they share the reader's buffer.
func (r *Reader) Raw() []byte {
	n := r.Uint()
	if n > uint64(len(r.buf)) {
		r.Fail(ErrCorrupt)
		return nil
	}
	b := r.buf[:n:n]
	r.buf = r.buf[n:]
	return b
}

// String reads a string, in the reader's buffer (see NewReader).
func (r *Reader) String() string {
	b := r.Raw()
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// Strings reads a list of strings.
func (r *Reader) Strings() []string {
	n := r.Len()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.String()
	}
	return out
}

// Float reads a float64.
func (r *Reader) Float() float64 { return math.Float64frombits(r.Uint()) }

// Time reads a time.
func (r *Reader) Time() time.Time {
	var t time.Time
	if err := t.UnmarshalBinary(r.Raw()); err != nil {
		r.Fail(ErrCorrupt)
		return time.Time{}
	}
	return t
}

// The build cache's files end with the CRC-32C of what comes before it:
// a check against damage, which processors compute in hardware, several
// times faster than a SHA-256 over the tens of megabytes a build reads
// and writes.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// crcSize is the size of the CRC that ends a Stream.
const crcSize = 4

// Stream is a Writer that writes what it is given to dst a block at a
// time, and ends it with the CRC-32C of all it wrote: the build cache's
// files, tens of megabytes at national scale, are never whole in memory.
// Call Spill between records, and Close at the end.
type Stream struct {
	Writer
	dst io.Writer
	crc uint32
	n   int64
	err error
}

// streamBlock is how much a Stream gathers before it writes.
const streamBlock = 64 << 10

// NewStream returns a Stream writing to dst.
func NewStream(dst io.Writer) *Stream {
	return &Stream{Writer: Writer{buf: make([]byte, 0, streamBlock+4<<10)}, dst: dst}
}

// Spill writes what was written once it fills a block.
func (s *Stream) Spill() {
	if len(s.buf) >= streamBlock {
		s.flush()
	}
}

func (s *Stream) flush() {
	s.crc = crc32.Update(s.crc, castagnoli, s.buf)
	if s.err == nil {
		var n int
		n, s.err = s.dst.Write(s.buf)
		s.n += int64(n)
	}
	s.buf = s.buf[:0]
}

// Close writes what is left and the CRC-32C of everything before it, and
// returns how many bytes it wrote in all and the first write's error.
func (s *Stream) Close() (int64, error) {
	s.flush()
	crc := s.crc
	s.buf = binary.LittleEndian.AppendUint32(s.buf, crc)
	s.flush()
	return s.n, s.err
}

// Checked returns data without the CRC-32C that ends it, and whether
// that CRC is right.
func Checked(data []byte) ([]byte, bool) {
	if len(data) < crcSize {
		return nil, false
	}
	body := data[:len(data)-crcSize]
	return body, crc32.Checksum(body, castagnoli) == binary.LittleEndian.Uint32(data[len(data)-crcSize:])
}
