package render

import "testing"

// TestNavKeyDecidesNavCurrent: the header is cached by navKey, so two
// pages with the same key must get the same navigation.
func TestNavKeyDecidesNavCurrent(t *testing.T) {
	urls := []string{"/", "/faculties/", "/faculties/x/", "/faculties/x/placements/y/", "/placements/",
		"/placements/setting/acute/", "/placements/page/2/", "/stories/", "/about/", "/404.html",
		"/regions/", "/regions/london/", "/professions/", "/search/", "/resources/x/"}
	sections := []string{"/faculties/", "/placements/", "/stories/", "/resources/", "/regions/", "/professions/"}
	nav := map[string]string{}
	for _, u := range urls {
		var got string
		for _, s := range sections {
			got += navCurrent(u, s) + ","
		}
		k := navKey(u)
		if prev, ok := nav[k]; ok && prev != got {
			t.Errorf("navKey(%q) = %q is shared by pages whose navigation differs: %q vs %q", u, k, prev, got)
		}
		nav[k] = got
	}
	if len(nav) < 8 {
		t.Errorf("only %d navigation states for %d pages: %v", len(nav), len(urls), nav)
	}
}
