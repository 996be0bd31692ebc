// Package example holds the example career framework embedded in the
// ladder binary: a small Hugo site for a fictional company's Platform
// Engineering department, written by the ladder authors in the GitLab
// handbook format.
package example

import (
	"embed"
	"io/fs"
)

//go:embed all:site
var site embed.FS

// Dir is the framework folder inside FS.
const Dir = "content/careers/platform"

// FS returns the example site, rooted at the site root.
func FS() fs.FS {
	sub, err := fs.Sub(site, "site")
	if err != nil {
		panic("example: embedded site missing: " + err.Error()) // cannot happen: the embed pattern guarantees it
	}
	return sub
}
