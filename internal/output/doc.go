// Package output writes a built site to disk so that the destination folder
// (public/) is only ever the previous complete site or the new complete
// site, never a mixture and never half-written, even when the build fails or
// the process is killed.
//
// # Staging and swapping
//
// [Stage] makes a fresh folder beside the destination, in the same parent
// folder so that renaming it is atomic (same filesystem):
//
//	public/                  the live site, untouched until Commit
//	public.staging-1234567   the site being built (os.MkdirTemp's digits)
//
// Many goroutines then add files to it with [Site.Write], [Site.WriteFrom],
// [Site.Copy] and [Site.Create]. Paths are slash-separated and relative to
// the site root ("faculties/x/index.html"); a path that is absolute, uses
// "." or "..", has empty elements or a backslash is rejected, as is a second
// write to the same path or a path that needs an existing file to be a folder.
// Files are created with O_EXCL, mode 0644, folders 0755 (both filtered by
// the umask); the root gets 0755 because os.MkdirTemp makes it 0700.
//
// [Site.Commit] swaps the staged folder into place. On Linux it uses
// renameat2(RENAME_EXCHANGE), which swaps the two names in one step, so the
// destination is never missing; the previous site, now under the staging
// name, is then removed. When the destination does not exist yet, a plain
// rename is used. When the filesystem does not support RENAME_EXCHANGE
// (EINVAL, ENOSYS, and on other systems), the previous site is first renamed
// aside (to another "*.staging-*" name) and the new one renamed into place:
// between those two renames, a few microseconds, the destination is
// missing, and a kill in that window leaves no public/ at all (the next
// build's cleanup removes the set-aside copy).
//
// [Site.Abort] removes the staging folder and leaves the destination as it
// was. It is a no-op after a successful Commit, so `defer s.Abort()` is the
// way to make every early return clean up.
//
// # Leftovers of killed builds
//
// A staging folder holds an exclusive flock(2) on Linux for as long as its
// Site is open; the kernel drops it when the process dies, however it dies.
// Stage removes every folder next to the destination whose name is
// <dest>.staging-<digits> and whose lock it can take, so a killed build's
// leftovers go away at the next build while a concurrent build's staging
// folder is left alone.
//
// # The destination
//
// The destination may be missing or any existing folder: its contents are
// replaced wholesale, whatever they are, so point it at build output only.
// If it is a symbolic link, the link itself is replaced by a folder. It may
// not be an existing file.
//
// # Minification and fingerprints
//
// With [Options.Minify], every file whose name ends in .html, .htm, .css,
// .js, .mjs, .json, .webmanifest, .svg or .xml is minified by
// github.com/tdewolff/minify/v2 on its way to disk, whichever method wrote
// it; other files (.ics, .csv, .txt, _redirects, images, PDFs) are written
// byte for byte. See [Minifier] for what the HTML minifier keeps.
//
// [Fingerprint] names an asset after its content so that it can be cached
// forever; [Site.WriteFingerprinted] minifies, names and writes in one step.
//
// Durability against power loss is not a goal: nothing is fsynced, because
// public/ can always be rebuilt from the repository.
package output
