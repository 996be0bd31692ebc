package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/lint"
)

// WriteFindings writes lint findings, one "file:line: code: message" line
// each, with positions shown by show; or as JSON {"findings": [...]}
// with site-relative positions.
func WriteFindings(w io.Writer, fs []lint.Finding, show func(framework.Source) string, asJSON bool) error {
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
		msg := f.Message
		if f.Related != nil {
			msg += " (" + show(*f.Related) + ")"
		}
		fmt.Fprintf(&b, "%s: %s: %s\n", termSafe(show(f.Source)), f.Code, termSafe(msg))
	}
	if len(fs) == 0 {
		b.WriteString("no problems found\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
