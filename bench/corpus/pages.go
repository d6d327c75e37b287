package corpus

import "strings"

// plainPage is one of the hub's plain pages: its path under content/, its
// title and summary, its section headings and links to other pages,
// relative to its folder.
type plainPage struct {
	path, title, summary string
	headings             []string
	links                []string
}

var plainPages = []plainPage{
	{
		path: "about.md", title: "What is an AHP faculty?",
		summary:  "How allied health professions faculties bring a system's organisations together.",
		headings: []string{"Who takes part", "What faculties do", "How faculties are run"},
		links: []string{
			link("Getting started with the hub", "guides/getting-started.md"),
			link("Offering placements", "guides/offering-placements.md#what-you-need"),
		},
	},
	{
		path: "accessibility.md", title: "Accessibility statement",
		summary:  "How accessible this website is and how to report a problem.",
		headings: []string{"How accessible this website is", "Reporting accessibility problems", "Technical information"},
		links:    []string{link("Privacy notice", "privacy.md")},
	},
	{
		path: "privacy.md", title: "Privacy notice",
		summary:  "What this website collects about you, which is very little.",
		headings: []string{"What we collect", "Cookies", "Your rights"},
		links:    []string{link("Accessibility statement", "accessibility.md")},
	},
	{
		path: "guides/getting-started.md", title: "Getting started with the hub",
		summary:  "How faculty teams publish and update their pages.",
		headings: []string{"Before you start", "Your faculty folder", "Checking your changes"},
		links: []string{
			link("Writing for the hub", "writing-for-the-hub.md"),
			link("Offering placements", "offering-placements.md"),
			link("About AHP faculties", "../about.md"),
		},
	},
	{
		path: "guides/offering-placements.md", title: "Offering placements",
		summary:  "How to list a placement opportunity so students and universities can find it.",
		headings: []string{"What you need", "Routes into a placement", "Keeping listings up to date"},
		links:    []string{link("Getting started", "getting-started.md#your-faculty-folder")},
	},
	{
		path: "guides/writing-for-the-hub.md", title: "Writing for the hub",
		summary:  "Plain English, clear headings and descriptive links.",
		headings: []string{"Plain English", "Headings and links", "Images and alternative text"},
		links:    []string{link("Accessibility statement", "../accessibility.md")},
	},
}

// placementExample shows the front matter of a placement in a code block.
const placementExample = "```yaml\n" +
	"title: Physiotherapy placement in stroke rehabilitation\n" +
	"host: example-hospitals-nhs-foundation-trust\n" +
	"professions: [physiotherapists]\n" +
	"setting: community\n" +
	"closes: 2027-03-31\n" +
	"```"

// writePages writes the plain pages; the guides also link to a national
// resource.
func writePages(t *tree, g *rng, w *world, resources []resourceDoc) error {
	for _, pp := range plainPages {
		fm := newFrontMatter()
		fm.str("title", pp.title)
		fm.str("summary", pp.summary)
		fm.date("reviewed", g.daysAgo(10, 300))
		p := newPage(g, nationalScene(g, w, pick(g, w.Professions)))
		p.prose(proseGeneral, 2, 3)
		for i, h := range pp.headings {
			p.heading(2, h)
			p.prose(pick(g, [][]string{proseGeneral, proseFaculty, proseStudents}), 2, 4)
			if i == 0 {
				p.list(sample(g, resourcePoints, 3))
			}
		}
		if pp.path == "guides/offering-placements.md" {
			p.para("A placement's front matter looks like this:")
			p.block(placementExample)
		}
		links := pp.links
		if len(resources) > 0 && strings.HasPrefix(pp.path, "guides/") {
			r := pick(g, resources)
			links = append(links[:len(links):len(links)], link(r.Title, "../resources/"+r.Slug+".md"))
		}
		p.heading(2, "Related pages")
		p.list(links)
		if err := t.page("content/"+pp.path, fm.end(), p.String()); err != nil {
			return err
		}
		t.stats.Pages++
	}
	return nil
}
