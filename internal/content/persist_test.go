package content

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/bench/corpus"
	"github.com/facultyhub/facultyhub/internal/binenc"
)

// TestEncodedCacheLoadsTheSameHub encodes the cache of a generated site,
// decodes it as another run would, and loads the site with it: every
// document (front matter, positions, body) and every diagnostic must be
// what a load without a cache gives, and no file may be decoded again.
// Then one file changes, and only it is decoded anew.
func TestEncodedCacheLoadsTheSameHub(t *testing.T) {
	src := t.TempDir()
	if _, err := corpus.Write(src, corpus.Options{Scale: corpus.ScaleTiny, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	ageFiles(t, src)
	fsys := os.DirFS(src)
	c := NewCache()
	want, wantDiags := LoadCached(fsys, c)
	data := encodeCache(t, c)
	decoded, err := DecodeCache(data)
	if err != nil {
		t.Fatal(err)
	}
	got, gotDiags := LoadCached(fsys, decoded)
	if !reflect.DeepEqual(gotDiags, wantDiags) {
		t.Errorf("diagnostics differ:\n got %v\nwant %v", gotDiags, wantDiags)
	}
	if len(got.Documents) != len(want.Documents) || len(got.Documents) == 0 {
		t.Fatalf("%d documents, want %d", len(got.Documents), len(want.Documents))
	}
	for i, d := range got.Documents {
		w := want.Documents[i]
		if d.lazy == nil {
			t.Errorf("%s was read again although its size and time had not changed", d.Path)
		} else if !reflect.DeepEqual(d.Text(), w.Body) {
			t.Errorf("%s: the body read later differs:\n got %q\nwant %q", d.Path, d.Text(), w.Body)
		}
		if d.front == nil {
			t.Errorf("%s: its front matter was decoded with the cache, not when asked for", d.Path)
		}
		plain := *d
		plain.lazy, plain.Body = nil, w.Body
		plain.fields, plain.front = d.Front(), nil
		if !reflect.DeepEqual(&plain, w) {
			t.Errorf("%s differs after the round trip:\n got %+v\nwant %+v", w.Path, plain, *w)
		}
		if e := decoded.docs[d.Path]; e.doc != d {
			t.Errorf("%s was decoded again instead of taken from the cache", d.Path)
		}
	}
	sameTyped(t, got.Faculties, want.Faculties)
	sameTyped(t, got.Partners, want.Partners)
	sameTyped(t, got.Stories, want.Stories)
	sameTyped(t, got.Resources, want.Resources)
	sameTyped(t, got.Placements, want.Placements)
	sameTyped(t, got.Pages, want.Pages)
	sameTyped(t, []*Page{got.Home}, []*Page{want.Home})
	changed := want.Placements[0].Path
	if err := os.WriteFile(src+"/"+changed, []byte("---\ntitle: Changed\n---\nNew body.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	again, _ := LoadCached(fsys, decoded)
	for _, d := range again.Documents {
		if (d.Path == changed) != (d.Title == "Changed") {
			t.Errorf("%s: title %q after one file changed", d.Path, d.Title)
		}
		if d.Path == changed && string(d.Text()) != "New body.\n" {
			t.Errorf("%s: body %q after it changed", d.Path, d.Text())
		}
	}
}

// sameTyped compares typed structs read back from the cache with those
// made by a load without one, but for their documents (compared apart).
func sameTyped[T any](t *testing.T, got, want []*T) {
	t.Helper()
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("%d %T, want %d", len(got), got, len(want))
	}
	for i := range got {
		g, w := reflect.ValueOf(*got[i]), reflect.ValueOf(*want[i])
		for f := range g.NumField() {
			if g.Type().Field(f).Name == "Document" {
				continue
			}
			if !reflect.DeepEqual(g.Field(f).Interface(), w.Field(f).Interface()) {
				t.Errorf("%T %d: %s is %#v after the round trip, want %#v", got[i], i, g.Type().Field(f).Name, g.Field(f).Interface(), w.Field(f).Interface())
			}
		}
	}
}

// ageFiles dates every file under dir an hour back: files written just
// now are never trusted by their size and time alone.
func ageFiles(t *testing.T, dir string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDecodeCacheRefusesDamage cuts an encoded cache and flips its
// bytes: decoding must refuse each (the file carries its CRC-32C, as
// front matter is decoded only when asked for), and never panic.
func TestDecodeCacheRefusesDamage(t *testing.T) {
	src := t.TempDir()
	if _, err := corpus.Write(src, corpus.Options{Scale: corpus.ScaleTiny, Seed: 12}); err != nil {
		t.Fatal(err)
	}
	c := NewCache()
	LoadCached(os.DirFS(src), c)
	data := encodeCache(t, c)
	for n := 0; n < len(data); n += 1 + n/7 {
		if _, err := DecodeCache(data[:n]); err == nil {
			t.Fatalf("a cache cut at %d of %d bytes decoded", n, len(data))
		}
		flipped := append([]byte(nil), data...)
		flipped[n] ^= 0xa5
		if _, err := DecodeCache(flipped); err == nil {
			t.Fatalf("a cache with byte %d of %d changed decoded", n, len(data))
		}
	}
}

// TestTypedRoundTrip fills each field of each typed struct in turn,
// nested ones included, and holds encodeTyped and decodeTyped to giving
// the struct back: a field added to a struct and not to them fails here.
func TestTypedRoundTrip(t *testing.T) {
	for kind, typed := range map[Kind]any{KindFaculty: &Faculty{}, KindPartner: &Partner{}, KindStory: &Story{},
		KindResource: &Resource{}, KindPlacement: &Placement{}, KindPage: &Page{}} {
		v := reflect.ValueOf(typed).Elem()
		var leaves [][]int
		var walk func(reflect.Type, []int)
		walk = func(tp reflect.Type, at []int) {
			for i := range tp.NumField() {
				f := tp.Field(i)
				if f.Name == "Document" {
					continue
				}
				path := append(append([]int(nil), at...), i)
				if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[time.Time]() {
					walk(f.Type, path)
					continue
				}
				leaves = append(leaves, path)
			}
		}
		walk(v.Type(), nil)
		for _, leaf := range leaves {
			want := reflect.New(v.Type())
			doc := &Document{Kind: kind}
			want.Elem().FieldByName("Document").Set(reflect.ValueOf(doc))
			field := want.Elem().FieldByIndex(leaf)
			switch field.Interface().(type) {
			case string:
				field.SetString("some value")
			case bool:
				field.SetBool(true)
			case int:
				field.SetInt(42)
			case float64:
				field.SetFloat(37.5)
			case time.Time:
				field.Set(reflect.ValueOf(time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)))
			case []string:
				field.Set(reflect.ValueOf([]string{"one", "two"}))
			case []time.Time:
				field.Set(reflect.ValueOf([]time.Time{time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)}))
			default:
				t.Fatalf("%T: no test value for field %v of type %s", typed, leaf, field.Type())
			}
			var w binenc.Writer
			if err := encodeTyped(&w, want.Interface()); err != nil {
				t.Fatal(err)
			}
			r := binenc.NewReader(w.Bytes())
			got := decodeTyped(r, doc)
			if r.Err() != nil || !r.Done() {
				t.Errorf("%T with field %v set: reading it back left %v, done %v", typed, leaf, r.Err(), r.Done())
			}
			if !reflect.DeepEqual(got, want.Interface()) {
				name := v.Type().FieldByIndex(leaf).Name
				t.Errorf("%T with %s set: %s is %#v after the round trip, want %#v", typed, name, name,
					reflect.ValueOf(got).Elem().FieldByIndex(leaf).Interface(), field.Interface())
			}
		}
	}
}

// encodeCache returns what c.Encode writes.
func encodeCache(t *testing.T, c *Cache) []byte {
	t.Helper()
	enc, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := enc.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
