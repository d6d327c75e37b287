package output

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
)

// fingerprintLen is how many hex digits of SHA-256 go into a name: 40 bits,
// ample to tell apart the versions of one asset a CDN may hold.
const fingerprintLen = 10

// Fingerprint returns p with a digest of data inserted before its
// extension, so that the name changes exactly when the content does and the
// file can be cached forever: Fingerprint("assets/site.css", b) is
// "assets/site.3f2a9c1b0d.css". Only the last extension counts
// ("app.min.js" → "app.min.<hash>.js"); a name without one gets the digest
// at its end. Pass the bytes as they will be served, after minification.
func Fingerprint(p string, data []byte) string {
	sum := sha256.Sum256(data)
	digest := hex.EncodeToString(sum[:])[:fingerprintLen]
	dir, base := path.Split(p)
	ext := path.Ext(base)
	if ext == base { // ".htaccess" is all extension: treat it as a name
		ext = ""
	}
	return dir + strings.TrimSuffix(base, ext) + "." + digest + ext
}
