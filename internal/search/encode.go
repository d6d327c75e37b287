package search

import (
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/facultyhub/facultyhub/internal/jsonstr"
)

// Version is the index format's version, checked by the client.
const Version = 1

// File is one file of the index, at Path under the site root.
type File struct {
	Path string
	Data []byte
}

// files are an index's encoded files.
type files struct {
	terms []File
	// tops are the term shards' top records, by term shard.
	tops []File
	docs []File
	// facets are the facet columns, by facet; a derived facet's is empty.
	facets   []File
	manifest File
}

// ManifestPath is where the manifest is written; pages give its URL to
// the client.
const ManifestPath = "search/index.json"

// Files returns every file of the index, in a fixed order. Files are
// named by their content, so two shards that happen to be the same (two
// empty document shards after removals) are one file.
func (ix *Index) Files() []File {
	var out []File
	seen := map[string]bool{}
	for _, group := range [][]File{ix.files.terms, ix.files.tops, ix.files.docs, ix.files.facets, {ix.files.manifest}} {
		for _, f := range group {
			if f.Path != "" && !seen[f.Path] {
				seen[f.Path] = true
				out = append(out, f)
			}
		}
	}
	return out
}

func (ix *Index) encodeAll() files {
	f := files{terms: make([]File, len(ix.bounds)), tops: make([]File, len(ix.bounds)), docs: make([]File, ix.docShards())}
	shards := ix.shardKeys()
	faculties := ix.faculties()
	// The shards only read the index: they are encoded side by side.
	var wg sync.WaitGroup
	var next atomic.Int64
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				switch {
				case i < len(f.terms):
					f.terms[i] = ix.encodeTerms(shards[i])
					f.tops[i] = ix.encodeTops(shards[i], faculties)
				case i < len(f.terms)+len(f.docs):
					f.docs[i-len(f.terms)] = ix.encodeDocShard(i-len(f.terms), faculties)
				default:
					return
				}
			}
		})
	}
	f.facets = ix.encodeFacets()
	wg.Wait()
	f.manifest = ix.encodeManifest(f)
	return f
}

func (ix *Index) docShards() int {
	return (len(ix.docs) + ix.opts.DocsPerShard - 1) / ix.opts.DocsPerShard
}

// named names data by its content, so a file can be cached for ever and a
// shard that did not change keeps its name.
func named(dir string, data []byte) File {
	sum := sha256.Sum256(data)
	return File{Path: dir + hex.EncodeToString(sum[:])[:10] + ".json", Data: data}
}

// keys returns every key of the term space, sorted: stems and surfaces.
func (ix *Index) keys() []string {
	out := make([]string, 0, len(ix.stems)+len(ix.surfaces))
	for k := range ix.stems {
		out = append(out, k)
	}
	for k := range ix.surfaces {
		if ix.stems[k] == nil {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// partition cuts the sorted keys into shards of about TermShardBytes and
// returns each shard's first key: the shortest prefix of its first word
// that sorts after the previous shard's last word. The first is "".
func (ix *Index) partition() []string {
	bounds := []string{""}
	size, prev := 0, ""
	cut := false
	for _, k := range ix.keys() {
		if cut {
			bounds = append(bounds, separator(prev, k))
			size, cut = 0, false
		}
		size += len(k) + 2
		if p := ix.stems[k]; p != nil {
			size += len(k) + 4 + 2*p.count()
		}
		prev = k
		cut = size >= ix.opts.TermShardBytes
	}
	return bounds
}

// separator is the shortest prefix of k, whole characters, that sorts
// after prev (k > prev).
func separator(prev, k string) string {
	for i := range k {
		if i > 0 && k[:i] > prev {
			return k[:i]
		}
	}
	return k
}

// shardOf returns the term shard a key belongs to.
func (ix *Index) shardOf(k string) int {
	i, found := slices.BinarySearch(ix.bounds, k)
	if !found {
		i--
	}
	return i
}

// shardKeys splits the sorted keys by term shard.
func (ix *Index) shardKeys() [][]string {
	out := make([][]string, len(ix.bounds))
	keys := ix.keys()
	for i := range ix.bounds {
		n := len(keys)
		if i+1 < len(ix.bounds) {
			n, _ = slices.BinarySearch(keys, ix.bounds[i+1])
		}
		out[i], keys = keys[:n], keys[n:]
	}
	return out
}

// encodeTerms writes the term shard of keys:
//
//	{"w":"careers~1 study=studi the!","p":{"care":"<postings>",…}}
//
// "w" lists the words seen in the corpus whose stem differs from them,
// with how to get the stem: ~N drops N characters, =stem names it, and !
// marks a stop word. A word equal to its stem is not listed: its postings
// are under "p".
func (ix *Index) encodeTerms(keys []string) File {
	var w []byte
	for _, k := range keys {
		sf := ix.surfaces[k]
		if sf == nil {
			continue
		}
		if len(w) > 0 {
			w = append(w, ' ')
		}
		w = append(w, k...)
		switch {
		case sf.stop:
			w = append(w, '!')
		case strings.HasPrefix(k, sf.stem):
			w = append(w, '~')
			w = strconv.AppendInt(w, int64(utf8.RuneCountInString(k[len(sf.stem):])), 10)
		default:
			w = append(w, '=')
			w = append(w, sf.stem...)
		}
	}
	size := len(w) + 16
	for _, k := range keys {
		if p := ix.stems[k]; p != nil {
			size += len(k) + 6 + 2*p.count() // a posting takes one or two characters
		}
	}
	b := append(make([]byte, 0, size), `{"w":`...)
	b = jsonstr.Append(b, string(w))
	b = append(b, `,"p":{`...)
	first := true
	for _, k := range keys {
		p := ix.stems[k]
		if p == nil {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = jsonstr.Append(b, k)
		b = append(b, ':', '"')
		b = p.appendEncoded(b)
		b = append(b, '"')
	}
	b = append(b, '}', '}')
	return named("search/t/", b)
}

// postingChars is the alphabet of encoded postings: 64 characters that
// need no escaping in JSON; the upper 32 mark a continued number.
const postingChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// appendEncoded writes the postings as numbers (gap-1)*levels + level-1,
// gap being the distance from the previous document number (the first
// counts from -1), each number in 5-bit groups, least significant first.
func (p *postings) appendEncoded(b []byte) []byte {
	if p.kept != nil {
		return append(b, p.kept.enc...)
	}
	prev := int32(-1)
	for i, id := range p.ids {
		v := uint64(id-prev-1)*levels + uint64(p.levels[i]-1)
		prev = id
		for v >= 32 {
			b = append(b, postingChars[32+v&31])
			v >>= 5
		}
		b = append(b, postingChars[v])
	}
	return b
}

// encodeDocShard writes document shard i: one record per document number
// from i*DocsPerShard, null for a removed page:
//
//	[["Title","/url/","excerpt",faculty,"note"],…]
//
// faculty is 1 + the index of the page's faculty in the manifest's
// "faculties", 0 for none; trailing empty fields are left out.
func (ix *Index) encodeDocShard(i int, faculties []string) File {
	b := append(make([]byte, 0, recordSize*ix.opts.DocsPerShard), '[')
	lo := i * ix.opts.DocsPerShard
	for id := lo; id < min(lo+ix.opts.DocsPerShard, len(ix.docs)); id++ {
		if id > lo {
			b = append(b, ',')
		}
		b = ix.appendRecord(b, id, faculties)
	}
	b = append(b, ']')
	return named("search/d/", b)
}

// topDocs is how many of each stem's best documents the top records of
// its term shard hold: a page of results.
const topDocs = 10

// encodeTops writes the top records of the term shard of keys: the
// records of each stem's topDocs best documents, as a document shard
// writes them, by document number:
//
//	{"12":["Title","/url/","excerpt",faculty,"note"],…}
//
// A query of one word finds its first page of results here, so the
// client need not wait for document shards (docs/search.md, "The first
// query").
func (ix *Index) encodeTops(keys []string, faculties []string) File {
	var ids []int32
	for _, k := range keys {
		if p := ix.stems[k]; p != nil {
			ids = p.appendTop(ids)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	b := append(make([]byte, 0, (recordSize+8)*len(ids)), '{')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = strconv.AppendInt(b, int64(id), 10)
		b = append(b, '"', ':')
		b = ix.appendRecord(b, int(id), faculties)
	}
	b = append(b, '}')
	return named("search/r/", b)
}

// appendTop appends the numbers of the topDocs documents a query of
// this stem alone ranks first: by level, highest first, then by number,
// as the client orders equal scores. Kept postings have them already.
func (p *postings) appendTop(out []int32) []int32 {
	if p.kept != nil {
		return append(out, p.kept.top...)
	}
	const n = topDocs
	type top struct {
		id    int32
		level uint8
	}
	best := make([]top, 0, n)
	for i, id := range p.ids {
		lv := p.levels[i]
		if len(best) == n && lv <= best[n-1].level {
			continue
		}
		// Later documents come after earlier ones of the same level.
		at := len(best)
		for at > 0 && best[at-1].level < lv {
			at--
		}
		if len(best) < n {
			best = append(best, top{})
		}
		copy(best[at+1:], best[at:])
		best[at] = top{id, lv}
	}
	for _, t := range best {
		out = append(out, t.id)
	}
	return out
}

// recordSize is about how many bytes appendRecord writes for a page, to
// size the shards' buffers: a national index writes some 25,000 records
// at every build.
const recordSize = 320

// appendRecord writes document id's record, null for a removed page.
func (ix *Index) appendRecord(b []byte, id int, faculties []string) []byte {
	e := ix.docs[id]
	if e == nil {
		return append(b, "null"...)
	}
	d := e.doc
	b = append(b, '[')
	b = jsonstr.Append(b, d.Title)
	b = append(b, ',')
	b = jsonstr.Append(b, ix.opts.Base+strings.TrimPrefix(d.URL, "/"))
	b = append(b, ',')
	b = jsonstr.Append(b, d.Excerpt)
	if d.Faculty != "" || d.Note != "" {
		b = append(b, ',')
		f, _ := slices.BinarySearch(faculties, d.Faculty)
		if d.Faculty != "" {
			f++
		} else {
			f = 0
		}
		b = strconv.AppendInt(b, int64(f), 10)
	}
	if d.Note != "" {
		b = append(b, ',')
		b = jsonstr.Append(b, d.Note)
	}
	return append(b, ']')
}

// faculties lists the faculty titles of the documents, sorted.
func (ix *Index) faculties() []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range ix.docs {
		if e != nil && e.doc.Faculty != "" && !seen[e.doc.Faculty] {
			seen[e.doc.Faculty] = true
			out = append(out, e.doc.Faculty)
		}
	}
	slices.Sort(out)
	return out
}

// encodeManifest writes the manifest, the one file of fixed name:
//
//	{"v":1,"n":live,"count":numbers,"size":DocsPerShard,"levels":16,
//	 "terms":[["",file,tops],["ca",file,tops],…],"docs":[file,…],
//	 "faculties":[title,…],
//	 "fields":[{"key":"kind","label":"Type","values":[["placement","Placement"],…],"file":file},
//	           {"key":"region",…,"of":"system","parents":[regionIndex per system value, -1 for none]},…]}
func (ix *Index) encodeManifest(f files) File {
	b := []byte(`{"v":`)
	b = strconv.AppendInt(b, Version, 10)
	b = append(b, `,"n":`...)
	b = strconv.AppendInt(b, int64(ix.live), 10)
	b = append(b, `,"count":`...)
	b = strconv.AppendInt(b, int64(len(ix.docs)), 10)
	b = append(b, `,"size":`...)
	b = strconv.AppendInt(b, int64(ix.opts.DocsPerShard), 10)
	b = append(b, `,"levels":`...)
	b = strconv.AppendInt(b, levels, 10)
	b = append(b, `,"terms":[`...)
	for i, t := range f.terms {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = jsonstr.Append(b, ix.bounds[i])
		b = append(b, ',')
		b = jsonstr.Append(b, fileName(t.Path))
		b = append(b, ',')
		b = jsonstr.Append(b, fileName(f.tops[i].Path))
		b = append(b, ']')
	}
	b = append(b, `],"docs":[`...)
	for i, d := range f.docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonstr.Append(b, fileName(d.Path))
	}
	b = append(b, `],"faculties":[`...)
	for i, t := range ix.faculties() {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonstr.Append(b, t)
	}
	b = append(b, `],"fields":[`...)
	for i, fc := range ix.facets {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"key":`...)
		b = jsonstr.Append(b, fc.Key)
		b = append(b, `,"label":`...)
		b = jsonstr.Append(b, fc.Label)
		b = append(b, `,"values":[`...)
		for j, v := range fc.Values {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = jsonstr.Append(b, v.Slug)
			b = append(b, ',')
			b = jsonstr.Append(b, v.Name)
			b = append(b, ']')
		}
		b = append(b, ']')
		if p := f.facets[i].Path; p != "" {
			b = append(b, `,"file":`...)
			b = jsonstr.Append(b, fileName(p))
		}
		if fc.Of != "" {
			b = append(b, `,"of":`...)
			b = jsonstr.Append(b, fc.Of)
			b = append(b, `,"parents":[`...)
			for j, v := range ix.facet(fc.Of).Values {
				if j > 0 {
					b = append(b, ',')
				}
				b = strconv.AppendInt(b, int64(valueIndex(fc, fc.Parents[v.Slug])), 10)
			}
			b = append(b, ']')
		}
		b = append(b, '}')
	}
	b = append(b, ']', '}')
	return File{Path: ManifestPath, Data: b}
}

func (ix *Index) facet(key string) Facet {
	for _, f := range ix.facets {
		if f.Key == key {
			return f
		}
	}
	return Facet{}
}

func valueIndex(f Facet, slug string) int {
	for i, v := range f.Values {
		if v.Slug == slug {
			return i
		}
	}
	return -1
}

// fileName is a shard's name as the manifest gives it: its path under
// search/ ("t/3f2a9c1b0d").
func fileName(p string) string {
	return strings.TrimSuffix(strings.TrimPrefix(p, "search/"), ".json")
}
