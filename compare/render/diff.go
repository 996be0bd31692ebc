package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/ladder-cli/ladder/compare"
)

// DiffOptions select what a framework diff shows.
type DiffOptions struct {
	Options
	// Old and New name the two versions (folders or revisions).
	Old, New string
	// IgnoreLinks hides link-target-only changes.
	IgnoreLinks bool
}

func diffCounts(d *compare.FrameworkDiff) map[compare.LevelStatus]int {
	n := map[compare.LevelStatus]int{}
	for _, l := range d.Levels {
		n[l.Status]++
	}
	return n
}

func diffSummary(d *compare.FrameworkDiff, o DiffOptions) string {
	n := diffCounts(d)
	s := fmt.Sprintf("%d changed, %d added, %d removed, %d unchanged level%s; %d include file%s changed; %d whitespace-only change%s",
		n[compare.LevelChanged], n[compare.LevelAdded], n[compare.LevelRemoved], n[compare.LevelUnchanged], plural(n[compare.LevelUnchanged]),
		len(d.Includes), plural(len(d.Includes)), d.Ignored.Whitespace, plural(d.Ignored.Whitespace))
	if o.IgnoreLinks {
		s += fmt.Sprintf(", %d link-only change%s (hidden)", d.Ignored.Links, plural(d.Ignored.Links))
	} else {
		s += fmt.Sprintf(", %d link-only change%s", d.Ignored.Links, plural(d.Ignored.Links))
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func unchangedRefs(d *compare.FrameworkDiff) []string {
	var refs []string
	for _, l := range d.Levels {
		if l.Status == compare.LevelUnchanged {
			refs = append(refs, l.Ref)
		}
	}
	return refs
}

// WriteDiffText writes a framework diff for a terminal, like git diff
// --word-diff: includes first (once), then each changed level.
func WriteDiffText(w io.Writer, d *compare.FrameworkDiff, o DiffOptions) error {
	co := CompareOptions{Options: o.Options, Diff: true}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\nSummary: %s\n", o.paint(ansiBold, termSafe(o.Old)+" → "+termSafe(o.New)), diffSummary(d, o))
	if refs := unchangedRefs(d); len(refs) > 0 {
		fmt.Fprintf(&b, "Unchanged: %s\n", termSafe(strings.Join(refs, ", ")))
	}
	b.WriteString("\n")
	for _, inc := range d.Includes {
		fmt.Fprintf(&b, "%s\n", o.paint(ansiBold, "== include "+termSafe(inc.Path)+" ("+inc.Status+")"))
		fmt.Fprintf(&b, "Affects: %s\n", termSafe(strings.Join(inc.Affects, ", ")))
		for _, c := range inc.Changes {
			b.WriteString(changeLine(c, co) + "\n")
		}
		b.WriteString("\n")
	}
	for _, l := range d.Levels {
		if l.Status == compare.LevelUnchanged {
			continue
		}
		fmt.Fprintf(&b, "%s\n", o.paint(ansiBold, "== "+termSafe(l.Ref)+" ("+string(l.Status)+")"))
		if l.SummaryChanged {
			fmt.Fprintf(&b, "Summary: %s\n", wrapSpans(diffSpans(l.SummaryDiff, "both", o.Options), o.width()-9, o.Options))
		}
		if len(l.Includes) > 0 {
			fmt.Fprintf(&b, "Changed through includes: %s\n", termSafe(strings.Join(l.Includes, ", ")))
		}
		if !o.IgnoreLinks && len(l.LinkChanges) > 0 {
			fmt.Fprintf(&b, "Link targets changed: %d item%s\n", len(l.LinkChanges), plural(len(l.LinkChanges)))
		}
		b.WriteString("\n")
		writePillarsText(&b, l.Report.Pillars, co, "## ")
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

// WriteDiffMarkdown writes a framework diff fit for a merge request
// comment: a summary table, the changed includes, then one section per
// changed level.
func WriteDiffMarkdown(w io.Writer, d *compare.FrameworkDiff, o DiffOptions) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## Career framework changes: %s → %s\n\n%s.\n\n", mdPlain(o.Old), mdPlain(o.New), mdPlain(diffSummary(d, o)))
	var rows []string
	for _, l := range d.Levels {
		if l.Status == compare.LevelUnchanged {
			continue
		}
		s := l.Report.Summary
		status := string(l.Status)
		if len(l.Includes) > 0 {
			status += " (includes)"
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %d | %d | %d | %d |", mdCell(l.Ref), status, s.Reworded, s.Added, s.Removed, s.Moved))
	}
	if len(rows) > 0 {
		b.WriteString("| Level | Status | Reworded | Added | Removed | Moved |\n|---|---|---:|---:|---:|---:|\n")
		b.WriteString(strings.Join(rows, "\n") + "\n")
	}
	if refs := unchangedRefs(d); len(refs) > 0 {
		fmt.Fprintf(&b, "\nUnchanged: %s.\n", mdPlain(strings.Join(refs, ", ")))
	}
	for _, inc := range d.Includes {
		fmt.Fprintf(&b, "\n### Include `%s` (%s)\n\nAffects %s.\n\n", slugCode.Replace(termSafe(inc.Path)), inc.Status, mdPlain(strings.Join(inc.Affects, ", ")))
		for _, c := range inc.Changes {
			b.WriteString(mdChangeLine(c, changeLabel(c)) + "\n")
		}
	}
	for _, l := range d.Levels {
		if l.Status == compare.LevelUnchanged {
			continue
		}
		fmt.Fprintf(&b, "\n### %s (%s)\n\n", mdPlain(l.Ref), l.Status)
		if l.SummaryChanged {
			fmt.Fprintf(&b, "Summary: %s\n\n", mdDiff(l.SummaryDiff, "both", false))
		}
		if len(l.Includes) > 0 {
			fmt.Fprintf(&b, "Changed through includes: %s.\n\n", mdPlain(strings.Join(l.Includes, ", ")))
		}
		if !o.IgnoreLinks && len(l.LinkChanges) > 0 {
			fmt.Fprintf(&b, "Link targets changed in %d item%s.\n\n", len(l.LinkChanges), plural(len(l.LinkChanges)))
		}
		for _, p := range l.Report.Pillars {
			var rows []string
			for _, c := range p.Changes {
				if c.Kind != compare.Same {
					rows = append(rows, mdChangeLine(c, changeLabel(c)))
				}
			}
			if len(rows) == 0 && p.RenamedFrom != "" {
				rows = append(rows, "- items unchanged")
			}
			if len(rows) > 0 {
				fmt.Fprintf(&b, "**%s**\n\n%s\n\n", mdPlain(p.Name+pillarNote(p)), strings.Join(rows, "\n"))
			}
		}
	}
	out := strings.TrimRight(b.String(), "\n") + "\n"
	for strings.Contains(out, "\n\n\n") {
		out = strings.ReplaceAll(out, "\n\n\n", "\n\n")
	}
	_, err := io.WriteString(w, out)
	return err
}

func changeLabel(c compare.Change) string {
	if c.Kind == compare.Moved {
		return "moved from " + mdPlain(c.FromPillar)
	}
	return string(c.Kind)
}

// DiffJSON is the documented JSON shape of a framework diff.
type DiffJSON struct {
	Old      string            `json:"old"`
	New      string            `json:"new"`
	Levels   []LevelDiffJSON   `json:"levels"`
	Includes []IncludeDiffJSON `json:"includes"`
	Ignored  compare.Ignored   `json:"ignored"`
}

// LevelDiffJSON is one level of DiffJSON.
type LevelDiffJSON struct {
	Ref            string       `json:"ref"`
	Department     string       `json:"department"`
	Slug           string       `json:"slug"`
	Status         string       `json:"status"`
	SummaryChanged bool         `json:"summary_changed"`
	SummaryDiff    []compare.Op `json:"summary_diff"`
	Includes       []string     `json:"includes"`
	LinkChanges    int          `json:"link_changes"`
	Pillars        []PillarJSON `json:"pillars"`
}

// IncludeDiffJSON is one include file of DiffJSON.
type IncludeDiffJSON struct {
	Path    string       `json:"path"`
	Status  string       `json:"status"`
	Affects []string     `json:"affects"`
	Changes []ChangeJSON `json:"changes"`
}

// WriteDiffJSON writes a framework diff as JSON.
func WriteDiffJSON(w io.Writer, d *compare.FrameworkDiff, o DiffOptions) error {
	out := DiffJSON{Old: o.Old, New: o.New, Levels: []LevelDiffJSON{}, Includes: []IncludeDiffJSON{}, Ignored: d.Ignored}
	co := CompareOptions{}
	for _, l := range d.Levels {
		// The department is a path itself (development/dev/backend): the
		// slug is after the last slash.
		dept, slug := "", l.Ref
		if i := strings.LastIndexByte(l.Ref, '/'); i >= 0 {
			dept, slug = l.Ref[:i], l.Ref[i+1:]
		}
		lj := LevelDiffJSON{Ref: l.Ref, Department: dept, Slug: slug, Status: string(l.Status), SummaryChanged: l.SummaryChanged,
			SummaryDiff: l.SummaryDiff, Includes: l.Includes, LinkChanges: len(l.LinkChanges), Pillars: []PillarJSON{}}
		if lj.SummaryDiff == nil {
			lj.SummaryDiff = []compare.Op{}
		}
		if lj.Includes == nil {
			lj.Includes = []string{}
		}
		if l.Status != compare.LevelUnchanged {
			lj.Pillars = CompareToJSON(l.Report, co).Pillars
		}
		out.Levels = append(out.Levels, lj)
	}
	for _, inc := range d.Includes {
		ij := IncludeDiffJSON{Path: inc.Path, Status: inc.Status, Affects: inc.Affects, Changes: []ChangeJSON{}}
		for _, c := range inc.Changes {
			ij.Changes = append(ij.Changes, changeJSON(c))
		}
		out.Includes = append(out.Includes, ij)
	}
	// Link-only changes are counted as the text summary counts them,
	// hidden or not.
	return writeJSON(w, out)
}
