package search

import (
	"maps"
	"slices"
)

// Update puts changed pages into the index, each replacing the page of the
// same URL or added after the others, and takes out the pages at the
// removed URLs. It re-encodes only the shards those pages touch and
// returns the files written anew, the manifest last, and the paths of
// files that no longer belong to the index.
//
// Term shard boundaries and the average document length stay those of
// the full build, so other pages' postings stay valid; a long editing
// session drifts from what a full build would write, never from what it
// would find.
func (ix *Index) Update(changed []Document, removed []string) (written []File, deleted []string) {
	if ix.opts.Fixed {
		panic("search: Update of a Fixed index")
	}
	dirtyTerms, dirtyDocs := map[int]bool{}, map[int]bool{}
	touch := func(id int, e *entry) {
		dirtyDocs[id/ix.opts.DocsPerShard] = true
		for _, t := range e.terms {
			dirtyTerms[ix.shardOf(t.stem)] = true
		}
		for _, s := range e.surfaces {
			dirtyTerms[ix.shardOf(s)] = true
		}
	}
	facultiesBefore := ix.faculties()
	for _, u := range removed {
		id, ok := ix.ids[u]
		if !ok {
			continue
		}
		e := ix.docs[id]
		touch(id, e)
		ix.remove(int32(id), e)
		ix.docs[id] = nil
		delete(ix.ids, u)
		ix.live--
	}
	analysed, _ := analyseAll(changed, nil)
	for i, d := range changed {
		id, ok := ix.ids[d.URL]
		if ok {
			old := ix.docs[id]
			touch(id, old)
			ix.remove(int32(id), old)
		} else {
			id = len(ix.docs)
			ix.docs = append(ix.docs, nil)
			ix.ids[d.URL] = id
			ix.live++
		}
		e := ix.entry(d, analysed[i].decoded())
		ix.docs[id] = e
		ix.add(int32(id), e)
		touch(id, e)
	}

	// A page among a stem's best is in the stem's term shard, so the
	// shards it touches are the top records it may be in.
	dirtyTops := maps.Clone(dirtyTerms)
	faculties := ix.faculties()
	if !slices.Equal(faculties, facultiesBefore) {
		// Records name their faculty by its place in the list.
		for i := range ix.docShards() {
			dirtyDocs[i] = true
		}
		for i := range ix.bounds {
			dirtyTops[i] = true
		}
	}
	replace := func(old *File, f File) {
		if old.Path == f.Path {
			return
		}
		if old.Path != "" {
			deleted = append(deleted, old.Path)
		}
		*old = f
		written = append(written, f)
	}
	shards := ix.shardKeys()
	for _, i := range sortedKeys(dirtyTerms) {
		replace(&ix.files.terms[i], ix.encodeTerms(shards[i]))
	}
	for _, i := range sortedKeys(dirtyTops) {
		replace(&ix.files.tops[i], ix.encodeTops(shards[i], faculties))
	}
	for _, i := range sortedKeys(dirtyDocs) {
		for len(ix.files.docs) <= i {
			ix.files.docs = append(ix.files.docs, File{})
		}
		replace(&ix.files.docs[i], ix.encodeDocShard(i, faculties))
	}
	for i, f := range ix.encodeFacets() {
		replace(&ix.files.facets[i], f)
	}
	m := ix.encodeManifest(ix.files)
	if string(m.Data) != string(ix.files.manifest.Data) {
		ix.files.manifest = m
		written = append(written, m)
	}
	// A file another shard still is, byte for byte, stays.
	live := map[string]bool{}
	for _, f := range ix.Files() {
		live[f.Path] = true
	}
	deleted = slices.DeleteFunc(deleted, func(p string) bool { return live[p] })
	return written, deleted
}

func sortedKeys(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
