package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/internal/spaces"
)

// CompareOptions select what a comparison shows.
type CompareOptions struct {
	Options
	// Diff selects the one-column diff view instead of side by side.
	Diff bool
	// Kinds keeps only these change kinds; empty keeps all.
	Kinds []compare.Kind
	// ShowSame shows unchanged items (the side view shows them unless
	// Kinds says otherwise; the diff view only with ShowSame).
	ShowSame bool
	// Explain shows each pairing's similarity score.
	Explain bool
}

func (o CompareOptions) keep(k compare.Kind) bool {
	if len(o.Kinds) > 0 {
		for _, x := range o.Kinds {
			if x == k {
				return true
			}
		}
		return false
	}
	if k == compare.Same || k == compare.Inherited {
		return !o.Diff || o.ShowSame
	}
	return true
}

var marker = map[compare.Kind]string{
	compare.Same: "=", compare.Reworded: "~", compare.Added: "+", compare.Removed: "-", compare.Moved: ">", compare.Inherited: "^",
}

var kindColor = map[compare.Kind]string{
	compare.Same: ansiDim, compare.Reworded: ansiYel, compare.Added: ansiGreen, compare.Removed: ansiRed, compare.Moved: ansiCyan, compare.Inherited: ansiDim,
}

func text(it *framework.Item) string {
	if it == nil {
		return ""
	}
	if len(it.Children) == 0 {
		return it.Text
	}
	return it.Text + childLines(it.Children, 1)
}

// diffSpans renders a word diff for one side (or both, inline). Without
// colour, changed words are marked as git diff --word-diff does.
func diffSpans(ops []compare.Op, side string, o Options) []span {
	var out []span
	for _, op := range ops {
		t := termSafe(op.Text)
		switch op.Op {
		case compare.OpEqual:
			out = append(out, span{t, ""})
		case compare.OpDelete:
			if side == "to" {
				continue
			}
			if o.Color {
				out = append(out, span{t, ansiRed + ansiStrk})
			} else {
				out = append(out, span{"[-" + t + "-]", ""})
			}
		case compare.OpInsert:
			if side == "from" {
				continue
			}
			if o.Color {
				out = append(out, span{t, ansiGreen + ansiBold})
			} else {
				out = append(out, span{"{+" + t + "+}", ""})
			}
		}
	}
	return out
}

// pillarMarker is the marker of a pillar's own change.
func pillarMarker(p compare.PillarReport) string {
	switch p.Status {
	case compare.PillarAdded:
		return marker[compare.Added]
	case compare.PillarRemoved:
		return marker[compare.Removed]
	}
	return marker[compare.Reworded]
}

// pillarNote says after a pillar's name that it is new, gone or renamed.
func pillarNote(p compare.PillarReport) string {
	switch {
	case p.Status == compare.PillarAdded || p.Status == compare.PillarRemoved || p.Status == compare.PillarInherited:
		return " (" + string(p.Status) + ")"
	case p.RenamedFrom != "":
		return " (renamed from " + p.RenamedFrom + ")"
	}
	return ""
}

func summaryLine(s compare.Summary) string {
	line := fmt.Sprintf("%d same, %d reworded, %d added, %d removed, %d moved", s.Same, s.Reworded, s.Added, s.Removed, s.Moved)
	if s.Inherited > 0 {
		line += fmt.Sprintf(", %d inherited", s.Inherited)
	}
	return line
}

// inheritedNote is what stands in the higher level's column for an item
// it keeps by inheritance.
const inheritedNote = "(inherited)"

func changeMarker(c compare.Change, o CompareOptions) string {
	m := marker[c.Kind]
	if o.Explain && c.From != nil && c.To != nil {
		m += fmt.Sprintf(" %.2f", c.Score)
	}
	return m
}

// WriteCompareTable writes a comparison for a terminal: the side view as
// a table, the diff view as text like git diff --word-diff.
func WriteCompareTable(w io.Writer, r *compare.Report, o CompareOptions) error {
	head := fmt.Sprintf("%s → %s", termSafe(r.FromRef), termSafe(r.ToRef))
	if _, err := fmt.Fprintf(w, "%s\n\n", o.paint(ansiBold, head)); err != nil {
		return err
	}
	if o.Diff {
		if err := writeDiffText(w, r, o); err != nil {
			return err
		}
	} else {
		g := &grid{header: []string{"Pillar", "", termSafe(r.FromRef), termSafe(r.ToRef)}, flex: []bool{true, false, true, true}, merge: true}
		for _, p := range r.Pillars {
			name := plain(termSafe(p.Name + pillarNote(p)))
			if len(p.Changes) == 0 && p.Status != compare.PillarSame {
				// A pillar with no items still changed: say so.
				g.add(name, []span{{pillarMarker(p), ansiBold}}, plain(""), plain("(no items)"))
			}
			for _, c := range p.Changes {
				if !o.keep(c.Kind) {
					continue
				}
				mk := []span{{changeMarker(c, o), kindColor[c.Kind]}}
				var left, right []span
				switch c.Kind {
				case compare.Reworded, compare.Moved:
					left = diffSpans(c.Diff, "from", o.Options)
					right = diffSpans(c.Diff, "to", o.Options)
					if c.Kind == compare.Moved {
						left = append([]span{{"(" + termSafe(c.FromPillar) + ") ", ansiCyan}}, left...)
					}
				case compare.Inherited:
					left, right = plain(termSafe(text(c.From))), []span{{inheritedNote, ansiDim}}
				default:
					left, right = plain(termSafe(text(c.From))), plain(termSafe(text(c.To)))
				}
				g.add(name, mk, left, right)
			}
		}
		if len(g.rows) > 0 {
			if err := g.write(w, o.Options); err != nil {
				return err
			}
		} else if _, err := io.WriteString(w, "No changes to show.\n"); err != nil {
			return err
		}
	}
	return writeSummaryTable(w, r, o.Options)
}

func writeDiffText(w io.Writer, r *compare.Report, o CompareOptions) error {
	var b strings.Builder
	if !writePillarsText(&b, r.Pillars, o, "## ") {
		b.WriteString("No changes to show.\n\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writePillarsText writes the kept changes of each pillar under a
// heading; it reports whether it wrote any.
func writePillarsText(b *strings.Builder, pillars []compare.PillarReport, o CompareOptions, heading string) bool {
	shown := false
	for _, p := range pillars {
		var lines []string
		for _, c := range p.Changes {
			if o.keep(c.Kind) {
				lines = append(lines, changeLine(c, o))
			}
		}
		if len(lines) == 0 {
			// A pillar added, removed or renamed is news even when none of
			// its items are shown.
			switch {
			case len(p.Changes) == 0 && p.Status != compare.PillarSame:
				lines = append(lines, o.paint(ansiDim, "(no items)"))
			case p.RenamedFrom != "" && !p.Summary.Changed():
				lines = append(lines, o.paint(ansiDim, "(items unchanged)"))
			default:
				continue
			}
		}
		shown = true
		fmt.Fprintf(b, "%s\n%s\n\n", o.paint(ansiBold, heading+termSafe(p.Name+pillarNote(p))), strings.Join(lines, "\n"))
	}
	return shown
}

// changeLine writes one change as git diff --word-diff would: a marker,
// then the text with inline word changes, wrapped under the marker.
func changeLine(c compare.Change, o CompareOptions) string {
	mk := changeMarker(c, o)
	width := o.width() - len(mk) - 1
	var body string
	switch c.Kind {
	case compare.Reworded, compare.Moved:
		spans := diffSpans(c.Diff, "both", o.Options)
		if c.Kind == compare.Moved {
			spans = append([]span{{"(from " + termSafe(c.FromPillar) + ") ", ansiCyan}}, spans...)
		}
		body = wrapSpans(spans, width, o.Options)
	case compare.Removed:
		body = wrapSpans([]span{{termSafe(text(c.From)), ansiRed}}, width, o.Options)
	case compare.Inherited:
		body = wrapSpans([]span{{inheritedNote + " ", ansiDim}, {termSafe(text(c.From)), ""}}, width, o.Options)
	case compare.Added:
		body = wrapSpans([]span{{termSafe(text(c.To)), ansiGreen}}, width, o.Options)
	default:
		body = wrapSpans(plain(termSafe(text(c.To))), width, o.Options)
	}
	pad := strings.Repeat(" ", len(mk)+1)
	return o.paint(kindColor[c.Kind], mk) + " " + strings.ReplaceAll(body, "\n", "\n"+pad)
}

func writeSummaryTable(w io.Writer, r *compare.Report, o Options) error {
	// The inherited column is there when something is inherited.
	inh := r.Summary.Inherited > 0
	g := &grid{header: []string{"Pillar", "same", "reworded", "added", "removed", "moved"}, flex: []bool{true, false, false, false, false, false}}
	if inh {
		g.header, g.flex = append(g.header, "inherited"), append(g.flex, false)
	}
	row := func(name string, s compare.Summary) {
		cells := [][]span{plain(name), plain(fmt.Sprint(s.Same)), plain(fmt.Sprint(s.Reworded)), plain(fmt.Sprint(s.Added)), plain(fmt.Sprint(s.Removed)), plain(fmt.Sprint(s.Moved))}
		if inh {
			cells = append(cells, plain(fmt.Sprint(s.Inherited)))
		}
		g.add(cells...)
	}
	for _, p := range r.Pillars {
		row(termSafe(p.Name+pillarNote(p)), p.Summary)
	}
	s := r.Summary
	row("Total", s)
	if _, err := fmt.Fprintf(w, "\n%s\n", wrap("Summary: "+summaryLine(r.Summary), o.width())); err != nil {
		return err
	}
	return g.write(w, o)
}

// mdDiff renders a word diff as Markdown: ~~old~~ **new**.
func mdDiff(ops []compare.Op, side string, cell bool) string {
	esc := mdPlain
	if cell {
		esc = mdCell
	}
	var b strings.Builder
	for _, op := range ops {
		t := op.Text
		trimmed := strings.TrimSpace(t)
		lead := t[:len(t)-len(strings.TrimLeft(t, " \t\n"))]
		trail := t[len(strings.TrimRight(t, " \t\n")):]
		switch op.Op {
		case compare.OpEqual:
			if trimmed == "" {
				b.WriteString(" ")
				continue
			}
			b.WriteString(lead)
			b.WriteString(esc(trimmed))
			b.WriteString(trail)
		case compare.OpDelete:
			if side == "to" || trimmed == "" {
				continue
			}
			b.WriteString(lead)
			b.WriteString("~~")
			b.WriteString(esc(trimmed))
			b.WriteString("~~")
			b.WriteString(trail)
		case compare.OpInsert:
			if side == "from" || trimmed == "" {
				continue
			}
			if strings.HasSuffix(b.String(), "~~") {
				b.WriteString(" ")
			}
			b.WriteString(lead)
			b.WriteString("**")
			b.WriteString(esc(trimmed))
			b.WriteString("**")
			b.WriteString(trail)
		}
	}
	return spaces.Collapse(b.String())
}

// WriteCompareMarkdown writes a comparison as GitHub/GitLab Markdown: a
// table per pillar for the side view, a list per pillar for the diff
// view, then a summary table.
func WriteCompareMarkdown(w io.Writer, r *compare.Report, o CompareOptions) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s → %s\n\n", mdPlain(r.FromRef), mdPlain(r.ToRef))
	fmt.Fprintf(&b, "**Summary:** %s.\n\n", summaryLine(r.Summary))
	var rows strings.Builder
	for _, p := range r.Pillars {
		rows.Reset()
		for _, c := range p.Changes {
			if !o.keep(c.Kind) {
				continue
			}
			mk := string(c.Kind)
			if c.Kind == compare.Moved {
				mk = "moved from " + mdCell(c.FromPillar)
			}
			if o.Explain && c.From != nil && c.To != nil {
				mk += fmt.Sprintf(" (%.2f)", c.Score)
			}
			if rows.Len() > 0 {
				rows.WriteByte('\n')
			}
			if o.Diff {
				rows.WriteString(mdChangeLine(c, mk))
				continue
			}
			var left, right string
			switch c.Kind {
			case compare.Reworded, compare.Moved:
				left, right = mdDiff(c.Diff, "from", true), mdDiff(c.Diff, "to", true)
			case compare.Inherited:
				left, right = mdCell(flat(c.From)), "_"+inheritedNote+"_"
			default:
				left, right = mdCell(flat(c.From)), mdCell(flat(c.To))
			}
			rows.WriteString("| ")
			rows.WriteString(mk)
			rows.WriteString(" | ")
			rows.WriteString(left)
			rows.WriteString(" | ")
			rows.WriteString(right)
			rows.WriteString(" |")
		}
		if rows.Len() == 0 && len(p.Changes) == 0 && p.Status != compare.PillarSame {
			if o.Diff {
				rows.WriteString("- (no items)")
			} else {
				rows.WriteString("| " + string(p.Status) + " |  | (no items) |")
			}
		}
		if rows.Len() == 0 {
			continue
		}
		fmt.Fprintf(&b, "## %s\n\n", mdPlain(p.Name+pillarNote(p)))
		if !o.Diff {
			fmt.Fprintf(&b, "| Change | %s | %s |\n|---|---|---|\n", mdCell(r.FromRef), mdCell(r.ToRef))
		}
		b.WriteString(rows.String())
		b.WriteString("\n\n")
	}
	inh := r.Summary.Inherited > 0
	if inh {
		b.WriteString("## Summary\n\n| Pillar | Same | Reworded | Added | Removed | Moved | Inherited |\n|---|---:|---:|---:|---:|---:|---:|\n")
	} else {
		b.WriteString("## Summary\n\n| Pillar | Same | Reworded | Added | Removed | Moved |\n|---|---:|---:|---:|---:|---:|\n")
	}
	mdRow := func(name string, s compare.Summary) {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d |", name, s.Same, s.Reworded, s.Added, s.Removed, s.Moved)
		if inh {
			fmt.Fprintf(&b, " %d |", s.Inherited)
		}
		b.WriteString("\n")
	}
	for _, p := range r.Pillars {
		mdRow(mdCell(p.Name), p.Summary)
	}
	mdRow("**Total**", r.Summary)
	_, err := io.WriteString(w, b.String())
	return err
}

// mdChangeLine writes one change as a Markdown list item: the label,
// then the text with ~~deleted~~ **inserted** words.
func mdChangeLine(c compare.Change, label string) string {
	var body string
	switch c.Kind {
	case compare.Reworded, compare.Moved:
		body = mdDiff(c.Diff, "both", false)
	case compare.Removed:
		body = "~~" + mdPlain(flat(c.From)) + "~~"
	case compare.Inherited:
		body = mdPlain(flat(c.From)) + " _" + inheritedNote + "_"
	case compare.Added:
		body = "**" + mdPlain(flat(c.To)) + "**"
	default:
		body = mdPlain(flat(c.To))
	}
	return fmt.Sprintf("- %s: %s", label, body)
}

// flat is an item's text on one line, children after a semicolon.
func flat(it *framework.Item) string {
	if it == nil {
		return ""
	}
	return spaces.Collapse(text(it))
}
