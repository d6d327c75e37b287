// Package search turns the site graph into a static, sharded search index
// and ships the browser client that reads it (docs/search.md has the
// whole story). The build writes, under /search/:
//
//	index.json        the manifest, the only file of fixed name
//	t/<hash>.json     term shards: the words and stems whose keys fall in
//	                  one range, and each stem's postings
//	d/<hash>.json     document shards: 64 records (title, URL, excerpt,
//	                  faculty, note) by document number
//	f/<key>-<hash>.json  one column per facet: each document's values
//	search.<hash>.js  the client (written by the build as an asset)
//
// Text is tokenised on Unicode letters, marks and digits, folded (NFKD,
// marks dropped, lower case) and stemmed with the Snowball English
// stemmer. The client has no stemmer: every word seen in the corpus is
// listed in its term shard with its stem ("placements~1" drops one
// character, "study=studi" names it, "the!" is a stop word), so a typed
// word finds its stem by lookup. A posting is a document number and an
// impact, a BM25 score with a title bonus quantised to 16 levels, so the
// client ranks by adding idf × impact without knowing document lengths.
//
// New builds the index from a Corpus (FromSite makes one from the site
// graph); Update re-encodes only the shards that changed pages touch, for
// the preview server.
package search
