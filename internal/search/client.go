package search

import _ "embed"

// Client is the browser side of search: one dependency-free ES module
// that powers /search/ and the placement finder. Pages load it with
// <script type="module"> and point it at the manifest with data
// attributes (see docs/search.md).
//
//go:embed client/search.js
var Client []byte

// ClientPath is where the client is written, before fingerprinting.
const ClientPath = "search/search.js"
