package corpus

// planNationalResources invents the national resource library.
func planNationalResources(g *rng, w *world, n int) []resourceDoc {
	slugs := slugSet{}
	var out []resourceDoc
	for range n {
		p := pick(g, w.Professions)
		r := newResource(g, w, nationalScene(g, w, p), p, w.Professions)
		r.Slug = slugs.claim(slugify(r.Title))
		out = append(out, r)
	}
	return out
}

// nationalScene returns the nouns of a national page about profession p in
// a random system.
func nationalScene(g *rng, w *world, p profession) *scene {
	s := pick(g, w.Systems)
	return &scene{
		Faculty: s.Name + " AHP Faculty", System: s.Name, Region: w.regionName(s.Region),
		Town: pick(g, s.Towns), Profession: p.Name, Discipline: p.Discipline,
		Setting: pick(g, w.Settings).Name, Specialty: pick(g, specialties),
		Theme: pick(g, w.Themes).Name, Person: newPerson(g).Name(),
	}
}

// writeNational writes site.yaml, the reference data, national resources
// and stories, the plain pages and the home page.
func writeNational(t *tree, g *rng, w *world, faculties []*faculty, resources []resourceDoc, variant string, n counts) error {
	if err := writeSite(t, w, variant); err != nil {
		return err
	}
	for i := range resources {
		r := &resources[i]
		related := []string{link("Getting started with the hub", "../guides/getting-started.md")}
		if len(resources) > 1 {
			other := resources[(i+1)%len(resources)]
			related = append(related, link(other.Title, other.Slug+".md#"+anchor(headingHowToUseIt)))
		}
		if err := writeResource(t, g, "content/resources/", r, related); err != nil {
			return err
		}
		t.stats.NationalResources++
	}
	slugs := slugSet{}
	var stories []storyDoc
	for i := range n.NationalStories {
		f := faculties[i%len(faculties)]
		p := pick(g, f.Professions)
		s := newStory(g, w, f.scene(g, w, p), p, f.Professions)
		s.Slug = slugs.claim(slugify(s.Title))
		fs := pick(g, f.Stories)
		facultyDir := "../faculties/" + f.Sys.Slug + "/"
		related := []string{
			link(f.Title, facultyDir+"_index.md"),
			"From the faculty: " + link(fs.Title, facultyDir+"stories/"+fs.Slug+".md#"+anchor(headingWhatWeDid)),
		}
		if len(resources) > 0 {
			r := pick(g, resources)
			related = append(related, link(r.Title, "../resources/"+r.Slug+".md"))
		}
		if err := writeStory(t, g, "content/stories/", &s, related); err != nil {
			return err
		}
		t.stats.NationalStories++
		stories = append(stories, s)
	}
	if err := writePages(t, g, w, resources); err != nil {
		return err
	}
	return writeHome(t, g, w, faculties, stories, resources)
}

// writeHome writes content/_index.md: every faculty by region, the latest
// national stories and links to the guides.
func writeHome(t *tree, g *rng, w *world, faculties []*faculty, stories []storyDoc, resources []resourceDoc) error {
	fm := newFrontMatter()
	fm.str("title", "Allied Health Professions Faculty Hub")
	fm.str("summary", "Placements, resources and stories from the AHP faculties of every integrated care system.")
	p := newPage(g, nationalScene(g, w, pick(g, w.Professions)))
	p.prose(proseGeneral, 3, 4)
	p.para("New here? Read " + link("what an AHP faculty is", "about.md") + " and " +
		link("how to get started", "guides/getting-started.md") + ".")
	p.heading(2, "Faculties by region")
	for _, r := range w.Regions {
		var items []string
		for _, f := range faculties {
			if f.Sys.Region == r.Slug {
				items = append(items, link(f.Title, "faculties/"+f.Sys.Slug+"/_index.md")+" ("+f.Status+")")
			}
		}
		if len(items) == 0 {
			continue
		}
		p.heading(3, r.Name)
		p.list(items)
	}
	if len(stories) > 0 {
		p.heading(2, "Latest stories")
		var items []string
		for _, s := range stories[:min(len(stories), 5)] {
			items = append(items, link(s.Title, "stories/"+s.Slug+".md"))
		}
		p.list(items)
	}
	if len(resources) > 0 {
		p.heading(2, "Featured resources")
		var items []string
		for _, r := range resources[:min(len(resources), 4)] {
			items = append(items, link(r.Title, "resources/"+r.Slug+".md"))
		}
		p.list(items)
	}
	if err := t.page("content/_index.md", fm.end(), p.String()); err != nil {
		return err
	}
	t.stats.Pages++
	return nil
}
