package search

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// columnChars are the symbols of a facet column: printable ASCII without
// the quote and the backslash, so a column is a plain JSON string. The
// last one, '!', escapes a two-symbol code.
const columnChars = "#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~ !"

// oneSymbol is how many codes take a single symbol.
const oneSymbol = len(columnChars) - 1

// encodeFacets writes one file per facet (none for a derived facet) with
// every document's set of values. The distinct sets are listed, most
// frequent first, and the column holds each document's index in that
// list: one symbol of columnChars below oneSymbol, else '!' and two
// symbols (base len(columnChars)) of index - oneSymbol:
//
//	{"sets":[[],[0],[1],[0,3]],"col":"$$$%%#&!#$…"}
//
// A removed document has the empty set.
func (ix *Index) encodeFacets() []File {
	out := make([]File, len(ix.facets))
	for fi, f := range ix.facets {
		if f.Of != "" {
			continue
		}
		index := map[string]int{}
		for i, v := range f.Values {
			index[v.Slug] = i
		}
		keys, sets, freq := ix.facetSets(f.Key, index)
		order := make([]string, 0, len(sets))
		for k := range sets {
			order = append(order, k)
		}
		slices.SortFunc(order, func(a, b string) int { return cmp.Or(cmp.Compare(freq[b], freq[a]), cmp.Compare(a, b)) })
		code := make(map[string]int, len(order))
		b := []byte(`{"sets":[`)
		for i, k := range order {
			code[k] = i
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = append(b, strings.TrimSuffix(k, ",")...)
			b = append(b, ']')
		}
		b = append(b, `],"col":"`...)
		for _, k := range keys {
			c := code[k]
			if c < oneSymbol {
				b = append(b, columnChars[c])
				continue
			}
			c -= oneSymbol
			b = append(b, '!', columnChars[c/len(columnChars)], columnChars[c%len(columnChars)])
		}
		b = append(b, '"', '}')
		out[fi] = named("search/f/"+f.Key+"-", b)
	}
	return out
}

// facetSets returns each document's set of values of the facet key
// (value numbers from index), named by setKey, with every set by name and
// how many documents have it. A set of values below 64 is first a bit
// mask, so that a document costs no string.
func (ix *Index) facetSets(key string, index map[string]int) (keys []string, sets map[string][]int, freq map[string]int) {
	keys = make([]string, len(ix.docs))
	sets, freq = map[string][]int{}, map[string]int{}
	named := map[uint64]string{}
	for id, e := range ix.docs {
		var values []string
		if e != nil {
			values = e.doc.Facets[key]
		}
		var mask uint64
		small := true
		for _, v := range values {
			if i, ok := index[v]; ok {
				if i >= 64 {
					small = false
					break
				}
				mask |= 1 << i
			}
		}
		if k, ok := named[mask]; ok && small {
			keys[id] = k
			freq[k]++
			continue
		}
		var set []int
		for _, v := range values {
			if i, ok := index[v]; ok {
				set = append(set, i)
			}
		}
		slices.Sort(set)
		set = slices.Compact(set)
		k := setKey(set)
		if small {
			named[mask] = k
		}
		keys[id] = k
		sets[k] = set
		freq[k]++
	}
	return keys, sets, freq
}

func setKey(set []int) string {
	var b []byte
	for _, v := range set {
		b = strconv.AppendInt(b, int64(v), 10)
		b = append(b, ',')
	}
	return string(b)
}
