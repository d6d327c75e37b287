package content

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/facultyhub/facultyhub/internal/binenc"
	"github.com/facultyhub/facultyhub/internal/diag"
)

// cacheFormat changes whenever Encode's records do.
const cacheFormat = "content-cache-6"

// Encode makes the records of the cache's documents — their typed
// structs, decoded front matter with its positions, diagnostics, and
// where the body sits in the file — for DecodeCache in another run, and
// returns them to be written. Bodies are not written: a hit finds them in
// the file's bytes again. Encode must run before Hub.DropPositions; the
// records are written later, as they are, without being gathered into
// one buffer (they are some 20 MB at national scale).
func (c *Cache) Encode() (io.WriterTo, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	paths := make([]string, 0, len(c.docs))
	for p := range c.docs {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var head binenc.Writer
	head.String(cacheFormat)
	head.Int(int(time.Now().UnixNano()))
	head.Uint(uint64(len(paths)))
	out := encodedCache{head: head.Bytes(), records: make([][]byte, len(paths))}
	for i, p := range paths {
		e := c.docs[p]
		if e.record == nil {
			var rec binenc.Writer
			if err := encodeRecord(&rec, p, e); err != nil {
				return nil, err
			}
			e.record = rec.Bytes()
		}
		out.records[i] = e.record
	}
	return out, nil
}

// encodedCache is what Encode made: the head, then each record with its
// length, so that DecodeCache can find them all first and decode them on
// every core.
type encodedCache struct {
	head    []byte
	records [][]byte
}

// WriteTo writes them, and last their CRC-32C: a document's front matter
// is decoded only when asked for (lazyFront), so damage must be caught
// when the file is read, not met later.
func (e encodedCache) WriteTo(w io.Writer) (int64, error) {
	s := binenc.NewStream(w)
	s.Append(e.head)
	for _, rec := range e.records {
		s.Raw(rec)
		s.Spill()
	}
	return s.Close()
}

// encodeRecord writes one document's record.
func encodeRecord(w *binenc.Writer, p string, e cachedDoc) error {
	d := e.doc
	w.String(p)
	w.Raw(e.sum[:])
	w.Raw(d.FrontSum[:])
	w.Int(int(e.mtime))
	w.Int(e.size)
	w.Int(e.bodyOff)
	if e.bodyOff < 0 {
		w.Raw(d.Body)
	} else {
		w.Int(e.bodyLen)
	}
	w.Int(int(d.Kind))
	w.String(d.URL)
	w.String(d.System)
	w.String(d.Slug)
	w.String(d.Title)
	w.String(d.Summary)
	w.Bool(d.Draft)
	w.Strings(d.Aliases)
	w.Int(d.FrontLine)
	w.Int(d.BodyLine)
	w.Bool(d.Broken)
	if err := encodeTyped(w, e.typed); err != nil {
		return fmt.Errorf("content cache: %s: %w", p, err)
	}
	// The front matter goes as one piece, which DecodeCache keeps
	// undecoded until Document.Front asks for it.
	if d.front != nil {
		w.Raw(d.front.raw) // as read: the fields decoded from it are the same
	} else {
		var fw binenc.Writer
		fields := d.Front()
		fw.Bool(fields != nil)
		if err := encodeFields(&fw, fields); err != nil {
			return fmt.Errorf("content cache: %s: %w", p, err)
		}
		w.Raw(fw.Bytes())
	}
	e.diags.Encode(w)
	return nil
}

// lazyFront decodes a cached document's front matter on first use.
type lazyFront struct {
	once   sync.Once
	raw    []byte
	fields Fields
}

func (l *lazyFront) get() Fields {
	l.once.Do(func() {
		r := binenc.NewReader(l.raw)
		has := r.Bool()
		f := decodeFields(r, 0)
		if has && r.Err() == nil {
			l.fields = f
		}
	})
	return l.fields
}

// DecodeCache reads what Encode wrote. A document comes back without
// its body, which LoadCached takes from the file when its bytes are the
// same.
func DecodeCache(data []byte) (*Cache, error) {
	data, ok := binenc.Checked(data)
	if !ok {
		return nil, fmt.Errorf("content cache: %w", binenc.ErrCorrupt)
	}
	r := binenc.NewReader(data)
	if f := r.String(); f != cacheFormat {
		return nil, fmt.Errorf("content cache: format %q, want %q", f, cacheFormat)
	}
	c := NewCache()
	c.written = int64(r.Int())
	records := make([][]byte, r.Len())
	for i := range records {
		records[i] = r.Raw()
	}
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("content cache: %w", err)
	}
	if !r.Done() {
		return nil, fmt.Errorf("content cache: %w", binenc.ErrCorrupt)
	}
	// The records are decoded on every core, each worker with its own
	// reader (and strings), into a map of its own.
	workers := runtime.GOMAXPROCS(0)
	maps := make([]map[string]cachedDoc, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() {
			maps[k] = make(map[string]cachedDoc, len(records)/workers+1)
			for i := k; i < len(records); i += workers {
				p, e, err := decodeRecord(records[i])
				if err != nil {
					errs[k] = err
					return
				}
				maps[k][p] = e
			}
		})
	}
	wg.Wait()
	c.docs = make(map[string]cachedDoc, len(records))
	for k := range workers {
		if errs[k] != nil {
			return nil, errs[k]
		}
		for p, e := range maps[k] {
			c.docs[p] = e
		}
	}
	return c, nil
}

// decodeRecord decodes one document's record.
func decodeRecord(record []byte) (string, cachedDoc, error) {
	r := binenc.NewReader(record)
	p := r.String()
	var e cachedDoc
	copy(e.sum[:], r.Raw())
	d := &Document{Path: p, Sum: e.sum}
	copy(d.FrontSum[:], r.Raw())
	e.mtime = int64(r.Int())
	e.size = r.Int()
	e.bodyOff = r.Int()
	if e.bodyOff < 0 {
		d.Body = slices.Clone(r.Raw())
	} else {
		e.bodyLen = r.Int()
	}
	d.Kind = Kind(r.Int())
	d.URL, d.System, d.Slug = r.String(), r.String(), r.String()
	d.Title, d.Summary = r.String(), r.String()
	d.Draft = r.Bool()
	d.Aliases = r.Strings()
	d.FrontLine, d.BodyLine = r.Int(), r.Int()
	d.Broken = r.Bool()
	e.typed = decodeTyped(r, d)
	d.front = &lazyFront{raw: r.Raw()}
	e.diags = diag.Decode(r)
	if r.Err() != nil || !r.Done() {
		return "", cachedDoc{}, fmt.Errorf("content cache: %s: %w", p, binenc.ErrCorrupt)
	}
	e.doc, e.record = d, record
	return p, e, nil
}

// The types a Field's Value may have.
const (
	valueNil = iota
	valueString
	valueInt
	valueFloat
	valueBool
	valueTime
	valueStrings
	valueTimes
	valueFields
)

func encodeFields(w *binenc.Writer, f Fields) error {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w.Uint(uint64(len(keys)))
	for _, k := range keys {
		v := f[k]
		w.String(k)
		w.Int(v.Key.Line)
		w.Int(v.Key.Col)
		w.Uint(uint64(len(v.Items)))
		for _, it := range v.Items {
			w.Int(it.Line)
			w.Int(it.Col)
		}
		switch x := v.Value.(type) {
		case nil:
			w.Uint(valueNil)
		case string:
			w.Uint(valueString)
			w.String(x)
		case int:
			w.Uint(valueInt)
			w.Int(x)
		case float64:
			w.Uint(valueFloat)
			w.Float(x)
		case bool:
			w.Uint(valueBool)
			w.Bool(x)
		case time.Time:
			w.Uint(valueTime)
			w.Time(x)
		case []string:
			w.Uint(valueStrings)
			w.Strings(x)
		case []time.Time:
			w.Uint(valueTimes)
			w.Uint(uint64(len(x)))
			for _, t := range x {
				w.Time(t)
			}
		case Fields:
			w.Uint(valueFields)
			if err := encodeFields(w, x); err != nil {
				return err
			}
		default:
			return fmt.Errorf("field %s holds a %T", k, v.Value)
		}
	}
	return nil
}

// maxDepth bounds nested front matter read back: decode never nests
// deeper than the schema.
const maxDepth = 8

func decodeFields(r *binenc.Reader, depth int) Fields {
	if depth > maxDepth {
		r.Fail(binenc.ErrCorrupt)
		return nil
	}
	n := r.Len()
	f := make(Fields, n)
	for range n {
		k := r.String()
		var v Field
		v.Key = Pos{r.Int(), r.Int()}
		if items := r.Len(); items > 0 {
			v.Items = make([]Pos, items)
			for i := range v.Items {
				v.Items[i] = Pos{r.Int(), r.Int()}
			}
		}
		switch r.Uint() {
		case valueNil:
		case valueString:
			v.Value = r.String()
		case valueInt:
			v.Value = r.Int()
		case valueFloat:
			v.Value = r.Float()
		case valueBool:
			v.Value = r.Bool()
		case valueTime:
			v.Value = r.Time()
		case valueStrings:
			v.Value = r.Strings()
		case valueTimes:
			ts := make([]time.Time, r.Len())
			for i := range ts {
				ts[i] = r.Time()
			}
			v.Value = ts
		case valueFields:
			v.Value = decodeFields(r, depth+1)
		default:
			r.Fail(binenc.ErrCorrupt)
		}
		if r.Err() != nil {
			return nil
		}
		f[k] = v
	}
	return f
}
