// Package themes embeds the themes that ship with Faculty Hub, so a site
// without a themes/ folder of its own still builds. A site's own
// themes/<name>/ folder, if present, is used instead.
package themes

import "embed"

// FS holds themes/default: layouts/ (html/template files) and static/
// (CSS and other assets).
//
//go:embed default
var FS embed.FS
