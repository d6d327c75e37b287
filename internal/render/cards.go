package render

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/facultyhub/facultyhub/internal/site"
)

func facultyCard(s *site.Site, f *site.Faculty) Card {
	var meta []string
	if f.System.Region != nil {
		meta = append(meta, f.System.Region.Name)
	}
	if n := len(f.OpenPlacements()); n > 0 {
		meta = append(meta, plural(n, "open placement"))
	}
	return Card{Title: f.Title, URL: f.URL, Summary: f.Summary, Kind: "faculty", Meta: meta, Status: f.Status}
}

func partnerCard(s *site.Site, p *site.Partner) Card {
	return Card{Title: p.Title, URL: p.URL, Summary: p.Summary, Kind: "partner", Meta: []string{s.Label("sector", p.Sector)}}
}

func storyCard(s *site.Site, st *site.Story) Card {
	meta := []string{st.Date.Format("2 January 2006")}
	if st.Faculty != nil {
		meta = append(meta, st.Faculty.Title)
	}
	return Card{Title: st.Title, URL: st.URL, Summary: st.Summary, Kind: "story", Meta: meta}
}

func resourceCard(s *site.Site, r *site.Resource) Card {
	meta := []string{s.Label("format", r.Format)}
	if r.Faculty != nil {
		meta = append(meta, r.Faculty.Title)
	}
	return Card{Title: r.Title, URL: r.URL, Summary: r.Summary, Kind: "resource", Meta: meta}
}

func placementCard(s *site.Site, p *site.Placement) Card {
	meta := []string{s.Label("setting", p.Setting), p.Faculty.Title}
	var profs []string
	for _, slug := range p.Professions {
		profs = append(profs, s.Label("professions", slug))
	}
	meta = append(meta, strings.Join(profs, ", "))
	if !p.Closes.IsZero() {
		meta = append(meta, "Closes "+longDate(p.Closes))
	}
	return Card{Title: p.Title, URL: p.URL, Summary: p.Summary, Kind: "placement", Meta: meta, Status: p.State}
}

// cards makes the cards of list. Listings hold cards by pointer: the
// same card stands on a dozen of them (a faculty's, the finder's, each
// facet's).
func cards[T any](s *site.Site, list []T, card func(*site.Site, T) Card) []*Card {
	made := makeEach(s, list, card)
	out := make([]*Card, len(list))
	for i := range made {
		out[i] = &made[i]
	}
	return out
}

// makeEach makes the card of each entry of list.
func makeEach[T any](s *site.Site, list []T, card func(*site.Site, T) Card) []Card {
	out := make([]Card, len(list))
	for i, x := range list {
		out[i] = card(s, x)
	}
	return out
}

// statusLabel names a faculty's status or a placement's state for display.
func statusLabel(status string) string {
	switch status {
	case "open":
		return "Open"
	case "full":
		return "Full"
	case "closed":
		return "Closed"
	case "withdrawn":
		return "Withdrawn"
	case "established":
		return "Established faculty"
	case "developing":
		return "Developing faculty"
	case "planned":
		return "Planned faculty"
	}
	return status
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func longDate(t time.Time) string {
	// Put together rather than formatted: ten thousand placement cards
	// show a closing date, made again at every preview change.
	if y, m, d := t.Date(); y >= 1000 && y <= 9999 {
		return strconv.Itoa(d) + " " + m.String() + " " + strconv.Itoa(y)
	}
	return t.Format("2 January 2006")
}

// paginate splits cards into pages of size, at base, base/page/2/, …
func paginate(base string, cards []*Card, size int) []*Pager {
	total := max(1, (len(cards)+size-1)/size)
	pagers := make([]*Pager, total)
	links := make([]Link, total)
	for i := range total {
		links[i] = Link{Title: strconv.Itoa(i + 1), URL: pageURL(base, i+1)}
	}
	for i := range total {
		lo, hi := i*size, min((i+1)*size, len(cards))
		p := &Pager{Cards: cards[lo:hi], Number: i + 1, Total: total, Count: len(cards), Pages: links}
		if i > 0 {
			p.Prev = links[i-1].URL
		}
		if i+1 < total {
			p.Next = links[i+1].URL
		}
		pagers[i] = p
	}
	return pagers
}

// Window returns the page links a pager shows: the first, the last and
// two either side of the current page, with an empty Link standing for
// each run of pages left out, so a listing of hundreds of pages does not
// link every one from every page.
func (p *Pager) Window() []Link {
	var out []Link
	gap := false
	for i, l := range p.Pages {
		if n := i + 1; n == 1 || n == p.Total || (n >= p.Number-2 && n <= p.Number+2) {
			out, gap = append(out, l), false
		} else if !gap {
			out, gap = append(out, Link{}), true
		}
	}
	return out
}

func pageURL(base string, n int) string {
	if n == 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}
