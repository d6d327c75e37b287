// Package feeds writes the site's machine-readable files: Atom feeds, the
// iCalendar of placement closing dates, the JSON and CSV exports, the
// sitemap, robots.txt and the Netlify _redirects file.
//
// Each writer takes an io.Writer and a small input struct of this package,
// never the site graph, so the build maps its pages onto these records and
// this package stays free of the content model. Every writer is
// deterministic: it reads no clock and no map order, sorts where the format
// has no natural order of its own, and so two builds of the same input write
// the same bytes. Times that a format needs ("updated", "generated",
// DTSTAMP) come from the input.
//
// Formats and where the build puts them:
//
//	/feed.xml and per-hub feeds   Atom 1.0 (RFC 4287)             Atom
//	/placements/closing.ics       iCalendar (RFC 5545)            Calendar
//	/placements.json              JSON, one placement a line      PlacementsJSON
//	/placements.csv               CSV (RFC 4180), formula-guarded PlacementsCSV
//	/faculties.json               JSON, one system a line         FacultiesJSON
//	/sitemap.xml                  sitemaps.org 0.9                Sitemap
//	/robots.txt                   RFC 9309                        Robots
//	/_redirects                   Netlify redirect rules          Redirects
//
// The exact shape of each file is documented on its writer.
package feeds
