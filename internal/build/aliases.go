package build

import (
	"github.com/facultyhub/facultyhub/internal/render"
	"github.com/facultyhub/facultyhub/internal/site"
)

type alias struct{ from, to, title string }

// aliases lists old addresses and where they now lead: a page's aliases,
// and the faculty address of a system that merged into a successor.
func aliases(s *site.Site) []alias {
	var out []alias
	for _, d := range s.Hub.Documents {
		if d.Broken || d.Draft {
			continue
		}
		for _, a := range d.Aliases {
			out = append(out, alias{from: a, to: d.URL, title: d.Title})
		}
	}
	for _, sys := range s.Systems {
		if sys.Faculty == nil && sys.Successor != nil && sys.Successor.Faculty != nil {
			out = append(out, alias{from: "/faculties/" + sys.Slug + "/", to: sys.Successor.Faculty.URL, title: sys.Successor.Faculty.Title})
		}
	}
	return out
}

// aliasPages are small pages at the old addresses that send browsers on,
// for hosts that do not read Netlify's _redirects.
func aliasPages(s *site.Site) []*render.Page {
	var out []*render.Page
	for _, a := range aliases(s) {
		out = append(out, &render.Page{Site: s, Layout: "alias.html", URL: a.from, Title: a.title, Kind: "alias",
			NoIndex: true, Redirect: a.to})
	}
	return out
}
