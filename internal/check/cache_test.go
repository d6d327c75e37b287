package check_test

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/facultyhub/facultyhub/internal/check"
	"github.com/facultyhub/facultyhub/internal/content"
	"github.com/facultyhub/facultyhub/internal/sitetest"
)

// TestCacheMatchesFreshRuns edits a site between runs that share a Cache
// and holds each run to one without: the same diagnostics. The edits are
// the ones that change what other documents' rules see — a heading
// another page links to, a file removed and restored, a vocabulary. In
// the second subtest the caches go through Encode and DecodeCache
// between runs, as the build cache carries them from one process to the
// next.
func TestCacheMatchesFreshRuns(t *testing.T) {
	t.Run("in memory", func(t *testing.T) { cacheRuns(t, false) })
	t.Run("encoded", func(t *testing.T) { cacheRuns(t, true) })
}

func cacheRuns(t *testing.T, encode bool) {
	const about = "content/about.md"
	const privacy = "content/privacy.md"
	fsys := sitetest.Valid(t, map[string]string{
		about:   "---\ntitle: About\n---\n## Who we are\n\nText.\n",
		privacy: "---\ntitle: Privacy\n---\nSee [who we are](about.md#who-we-are).\n",
	})
	docs, cache := content.NewCache(), check.NewCache()
	run := func(step string) {
		t.Helper()
		hub, _ := content.LoadCached(fsys, docs)
		got := check.Run(hub, check.Options{Today: today, Cache: cache})
		fresh, _ := content.Load(fsys)
		want := check.Run(fresh, check.Options{Today: today})
		if !slices.Equal(got, want) {
			t.Errorf("%s: with the cache\n%s\nwithout\n%s", step, render(got), render(want))
		}
		if !encode {
			return
		}
		enc, err := docs.Encode()
		if err != nil {
			t.Fatal(err)
		}
		var data bytes.Buffer
		if _, err := enc.WriteTo(&data); err != nil {
			t.Fatal(err)
		}
		if docs, err = content.DecodeCache(data.Bytes()); err != nil {
			t.Fatal(err)
		}
		if cache, err = check.DecodeCache(encoded(t, cache)); err != nil {
			t.Fatal(err)
		}
	}
	set := func(p, data string) { fsys[p] = &fstest.MapFile{Data: []byte(data)} }
	run("first run")
	run("nothing changed")
	set(about, "---\ntitle: About\n---\n## Who runs the hub\n\nText.\n")
	run("the linked heading renamed") // privacy.md's link breaks
	set(about, "---\ntitle: About\n---\n## Who we are\n\nText.\n")
	run("the heading restored")
	delete(fsys, about)
	run("the linked page removed")
	set(about, "---\ntitle: About\n---\n## Who we are\n\nText.\n")
	run("the linked page restored")
	set(privacy, "---\ntitle: Privacy\n---\nSee [who we are](about.md#nobody).\n")
	run("the linking page edited")
	set("content/about/_index.md", "---\ntitle: About again\n---\nText.\n")
	run("a second page at the same address")
	delete(fsys, "content/about/_index.md")
	run("the second page removed")
	set(privacy, "---\ntitle: Privacy\naliases: [/about/]\n---\nSee [who we are](about.md#who-we-are).\n")
	run("an alias of another page's address")
	set(privacy, "---\ntitle: Privacy\nsummary: How we use data.\naliases: [/about/]\n---\nSee [who we are](about.md#who-we-are).\n")
	run("the alias moved down a line")
	set("content/Privacy Notice.md", "---\ntitle: Notice\n---\nText.\n")
	run("a file name with capitals and a space")
	set("content/_data/setting.yaml", "- slug: ward\n  name: Ward\n")
	run("a vocabulary replaced") // placements' settings may no longer be allowed
}

// TestDamagedCacheIsRefused changes a byte of an encoded check cache,
// here and there, and cuts it short: DecodeCache must refuse each, so a
// damaged file costs a build its shortcut, never its right answers.
func TestDamagedCacheIsRefused(t *testing.T) {
	fsys := sitetest.Valid(t, map[string]string{
		"content/about.md":   "---\ntitle: About\n---\n## Who we are\n\nSee [privacy](privacy.md).\n",
		"content/privacy.md": "---\ntitle: Privacy\n---\nText.\n",
	})
	hub, _ := content.Load(fsys)
	cache := check.NewCache()
	check.Run(hub, check.Options{Today: today, Cache: cache})
	data := encoded(t, cache)
	if _, err := check.DecodeCache(data); err != nil {
		t.Fatalf("the cache as encoded: %v", err)
	}
	for n := 0; n < len(data); n += 1 + n/50 {
		bad := slices.Clone(data)
		bad[n] ^= 0x20
		if _, err := check.DecodeCache(bad); err == nil {
			t.Fatalf("a cache with byte %d of %d changed decoded", n, len(data))
		}
		if _, err := check.DecodeCache(data[:n]); err == nil {
			t.Fatalf("a cache cut at %d bytes of %d decoded", n, len(data))
		}
	}
}

// encoded is what c.WriteTo writes.
func encoded(t *testing.T, c *check.Cache) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCacheFromDiskSweepsStaleOutlines reads a check cache back as a
// build does, after most of the pages it outlined have gone: its outlines
// all stay while few are stale (a rebuild after an edit looks up only
// what it lacks), and once more than a thousand are, the run keeps only
// the outlines it used, and the cache written after it holds no more.
func TestCacheFromDiskSweepsStaleOutlines(t *testing.T) {
	pages := map[string]string{}
	for i := range 1100 {
		pages[fmt.Sprintf("content/page-%04d.md", i)] = fmt.Sprintf("---\ntitle: Page %d\n---\n## Part %d\n\nText.\n", i, i)
	}
	fsys := sitetest.Valid(t, pages)
	hub, _ := content.Load(fsys)
	cache := check.NewCache()
	check.Run(hub, check.Options{Today: today, Cache: cache})
	all := cache.Outlines()
	run := func(remove int) int {
		t.Helper()
		decoded, err := check.DecodeCache(encoded(t, cache))
		if err != nil {
			t.Fatal(err)
		}
		for i := range remove {
			delete(fsys, fmt.Sprintf("content/page-%04d.md", i))
		}
		hub, _ := content.Load(fsys)
		want := check.Run(hub, check.Options{Today: today})
		if got := check.Run(hub, check.Options{Today: today, Cache: decoded}); !slices.Equal(got, want) {
			t.Fatalf("with %d pages removed, the cache changed the diagnostics:\n%v\nwant\n%v", remove, got, want)
		}
		cache = decoded
		return decoded.Outlines()
	}
	if n := run(10); n != all {
		t.Errorf("10 pages gone: %d outlines kept, want all %d (the stale ones stay)", n, all)
	}
	if n := run(1090); n >= all-1000 {
		t.Errorf("1,090 pages gone: %d outlines kept of %d, want only those still used", n, all)
	}
}
