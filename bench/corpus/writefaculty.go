package corpus

// writeFaculty writes one faculty folder: its home page, partners,
// stories (with their images), resources (with their PDFs) and placements.
func writeFaculty(t *tree, g *rng, w *world, f *faculty, national []resourceDoc) error {
	base := "content/faculties/" + f.Sys.Slug + "/"
	if err := t.page(base+"_index.md", facultyFrontMatter(g, w, f), facultyBody(g, w, f)); err != nil {
		return err
	}
	t.stats.Faculties++
	// nationalLink links from a page one folder below the faculty to a
	// national resource, sometimes.
	nationalLink := func(p float64) []string {
		if len(national) == 0 || !g.chance(p) {
			return nil
		}
		r := pick(g, national)
		return []string{link(r.Title, "../../../resources/"+r.Slug+".md")}
	}
	for i := range f.Partners {
		pt := &f.Partners[i]
		var hosted []string
		for _, pl := range f.Placements {
			if pl.Host == pt.Slug && len(hosted) < 5 {
				hosted = append(hosted, link(pl.Title, "../placements/"+pl.Slug+".md"))
			}
		}
		if err := t.page(base+"partners/"+pt.Slug+".md", partnerFrontMatter(g, pt), partnerBody(g, pt, hosted)); err != nil {
			return err
		}
		t.stats.Partners++
	}
	for i := range f.Stories {
		s := &f.Stories[i]
		r := pick(g, f.Resources)
		target := "../resources/" + r.Slug + ".md"
		if g.chance(0.4) {
			target += "#" + anchor(headingHowToUseIt)
		}
		pl := pick(g, f.Placements)
		related := []string{
			link(r.Title, target),
			"Placement: " + link(pl.Title, "../placements/"+pl.Slug+".md"),
			link("National AHP workforce information", "https://example.org/ahp/workforce"),
		}
		related = append(related, nationalLink(0.3)...)
		if err := writeStory(t, g, base+"stories/", s, related); err != nil {
			return err
		}
		t.stats.Stories++
	}
	for i := range f.Resources {
		r := &f.Resources[i]
		var related []string
		if len(f.Resources) > 1 {
			other := f.Resources[(i+1)%len(f.Resources)]
			related = append(related, link(other.Title, other.Slug+".md#"+anchor(headingHowToUseIt)))
		}
		related = append(related, nationalLink(0.3)...)
		if err := writeResource(t, g, base+"resources/", r, related); err != nil {
			return err
		}
		t.stats.Resources++
	}
	for i := range f.Placements {
		pl := &f.Placements[i]
		host := f.partner(pl.Host)
		target := "../partners/" + host.Slug + ".md"
		if g.chance(0.4) {
			target += "#" + anchor(headingWithStudent)
		}
		var extra []string
		if g.chance(0.5) {
			extra = append(extra, link("the "+f.Title, "../_index.md#"+anchor(headingContactUs)))
		}
		if g.chance(0.2) {
			extra = append(extra, link("travel advice for students", "https://example.org/students/travel"))
		}
		extra = append(extra, nationalLink(0.2)...)
		body := placementBody(g, pl, link(host.Title, target), extra)
		if err := t.page(base+"placements/"+pl.Slug+".md", placementFrontMatter(g, pl), body); err != nil {
			return err
		}
		t.stats.Placements++
	}
	return nil
}

// writeStory writes a story page into folder, with its image if it has
// one.
func writeStory(t *tree, g *rng, folder string, s *storyDoc, related []string) error {
	if err := t.page(folder+s.Slug+".md", storyFrontMatter(g, s), storyBody(g, s, related)); err != nil {
		return err
	}
	if s.ImageAlt == "" {
		return nil
	}
	img, err := pngImage(g)
	if err != nil {
		return err
	}
	t.stats.Images++
	return t.write(folder+s.Slug+".png", img)
}

// writeResource writes a resource page into folder, with its PDF if it
// has one.
func writeResource(t *tree, g *rng, folder string, r *resourceDoc, related []string) error {
	if err := t.page(folder+r.Slug+".md", resourceFrontMatter(g, r), resourceBody(g, r, related)); err != nil {
		return err
	}
	if !r.File {
		return nil
	}
	t.stats.Documents++
	return t.write(folder+r.Slug+".pdf", pdfDocument(r.Title))
}
