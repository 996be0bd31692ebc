package render

import (
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/ladder-cli/ladder/framework/lint"
)

// WriteFindings writes lint findings, one "file:line: code: message" line
// each (file shown under site), or as JSON {"findings": [...]}.
func WriteFindings(w io.Writer, fs []lint.Finding, site string, asJSON bool) error {
	if asJSON {
		if fs == nil {
			fs = []lint.Finding{}
		}
		return writeJSON(w, struct {
			Findings []lint.Finding `json:"findings"`
		}{fs})
	}
	var b strings.Builder
	for _, f := range fs {
		src := f.Source
		if site != "" {
			src.File = path.Join(site, src.File)
		}
		fmt.Fprintf(&b, "%s: %s: %s\n", termSafe(src.String()), f.Code, termSafe(f.Message))
	}
	if len(fs) == 0 {
		b.WriteString("no problems found\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
