package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/facultyhub/facultyhub/bench/corpus"
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
	data, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
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
		plain := *d
		plain.lazy, plain.Body = nil, w.Body
		if !reflect.DeepEqual(&plain, w) {
			t.Errorf("%s differs after the round trip:\n got %+v\nwant %+v", w.Path, plain, *w)
		}
		if e := decoded.docs[d.Path]; e.doc != d {
			t.Errorf("%s was decoded again instead of taken from the cache", d.Path)
		}
	}
	typed := *got.Placements[0]
	typed.Document = want.Placements[0].Document // compared above
	if !reflect.DeepEqual(&typed, want.Placements[0]) {
		t.Errorf("typed placement differs: %+v vs %+v", got.Placements[0], want.Placements[0])
	}
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

// TestDecodeCacheRefusesDamage cuts and flips an encoded cache: decoding
// must fail or succeed, never panic.
func TestDecodeCacheRefusesDamage(t *testing.T) {
	src := t.TempDir()
	if _, err := corpus.Write(src, corpus.Options{Scale: corpus.ScaleTiny, Seed: 12}); err != nil {
		t.Fatal(err)
	}
	c := NewCache()
	LoadCached(os.DirFS(src), c)
	data, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(data); n += 1 + n/7 {
		if _, err := DecodeCache(data[:n]); err == nil {
			t.Fatalf("a cache cut at %d of %d bytes decoded", n, len(data))
		}
		flipped := append([]byte(nil), data...)
		flipped[n] ^= 0xa5
		_, _ = DecodeCache(flipped)
	}
}
