package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/framework"
)

// GapOptions select what a promotion gap shows.
type GapOptions struct {
	Options
	// All shows carried items too.
	All bool
	// Checklist writes a Markdown worksheet of new and strengthened items.
	Checklist bool
}

func (o GapOptions) keep(k compare.GapKind) bool { return k != compare.GapCarried || o.All }

func gapTitle(g *compare.GapReport) string {
	var slugs []string
	for _, l := range g.Path {
		slugs = append(slugs, l.Slug)
	}
	return strings.Join(slugs, " → ")
}

func gapSummary(s compare.GapSummary) string {
	return fmt.Sprintf("%d new, %d strengthened, %d carried, %d dropped", s.New, s.Strengthened, s.Carried, s.Dropped)
}

func gapLabel(gi compare.GapItem) string {
	switch {
	case gi.Kind == compare.GapNew && len(gi.Strengthened) > 0:
		return "new at " + gi.Since + ", strengthened at " + strings.Join(gi.Strengthened, ", ")
	case gi.Kind == compare.GapCarried && gi.Inherited:
		return "carried (inherited)"
	}
	switch gi.Kind {
	case compare.GapNew:
		return "new at " + gi.Since
	case compare.GapDropped:
		return "dropped after " + gi.Since
	}
	return string(gi.Kind)
}

// WriteGapTable writes a promotion gap for a terminal.
func WriteGapTable(w io.Writer, g *compare.GapReport, o GapOptions) error {
	if _, err := fmt.Fprintf(w, "%s\n\n%s\n", o.paint(ansiBold, wrap(termSafe(gapTitle(g)), o.width())), wrap("Summary: "+gapSummary(g.Summary), o.width())); err != nil {
		return err
	}
	gr := &grid{header: []string{"Pillar", "Change", "Expectation"}, flex: []bool{true, false, true}, merge: true}
	colors := map[compare.GapKind]string{compare.GapNew: ansiGreen, compare.GapStrengthened: ansiYel, compare.GapCarried: ansiDim, compare.GapDropped: ansiRed}
	for _, p := range g.Pillars {
		for _, gi := range p.Items {
			if !o.keep(gi.Kind) {
				continue
			}
			body := plain(termSafe(text(gi.Item)))
			if gi.Diff != nil {
				body = diffSpans(gi.Diff, "both", o.Options)
			}
			gr.add(plain(termSafe(p.Name)), []span{{gapLabel(gi), colors[gi.Kind]}}, body)
		}
	}
	if len(gr.rows) == 0 {
		_, err := io.WriteString(w, "\nNothing new to show.\n")
		return err
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return err
	}
	return gr.write(w, o.Options)
}

// WriteGapMarkdown writes a promotion gap as Markdown; with Checklist, a
// worksheet with one task per new or strengthened expectation.
func WriteGapMarkdown(w io.Writer, g *compare.GapReport, o GapOptions) error {
	var b strings.Builder
	from, to := g.Path[0], g.Path[len(g.Path)-1]
	if o.Checklist {
		fmt.Fprintf(&b, "# Promotion worksheet: %s → %s\n\n", mdPlain(from.Name), mdPlain(to.Name))
		fmt.Fprintf(&b, "What %s expects beyond %s (%s). Tick each item once you have evidence for it.\n\n", mdPlain(to.Name), mdPlain(from.Name), gapSummary(g.Summary))
	} else {
		fmt.Fprintf(&b, "# %s\n\n**Summary:** %s.\n\n", mdPlain(gapTitle(g)), gapSummary(g.Summary))
	}
	for _, p := range g.Pillars {
		var rows []string
		for _, gi := range p.Items {
			if o.Checklist {
				if gi.Kind != compare.GapNew && gi.Kind != compare.GapStrengthened {
					continue
				}
				body := mdPlain(flat(gi.Item))
				if gi.Diff != nil {
					body = mdDiff(gi.Diff, "both", false)
				}
				rows = append(rows, fmt.Sprintf("- [ ] %s _(%s)_", body, mdPlain(gapLabel(gi))))
				continue
			}
			if !o.keep(gi.Kind) {
				continue
			}
			body := mdPlain(flat(gi.Item))
			switch {
			case gi.Diff != nil:
				body = mdDiff(gi.Diff, "both", false)
			case gi.Kind == compare.GapDropped:
				body = "~~" + body + "~~"
			}
			rows = append(rows, fmt.Sprintf("- **%s**: %s", mdPlain(gapLabel(gi)), body))
		}
		if len(rows) == 0 {
			continue
		}
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", mdPlain(p.Name), strings.Join(rows, "\n"))
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

// GapJSON is the documented JSON shape of a promotion gap.
type GapJSON struct {
	From    string             `json:"from"`
	To      string             `json:"to"`
	Path    []string           `json:"path"`
	Pillars []GapPillarJSON    `json:"pillars"`
	Summary compare.GapSummary `json:"summary"`
}

// GapPillarJSON is one pillar of GapJSON.
type GapPillarJSON struct {
	Key   string        `json:"key"`
	Name  string        `json:"name"`
	Items []GapItemJSON `json:"items"`
}

// GapItemJSON is one item of GapPillarJSON.
type GapItemJSON struct {
	Kind   string  `json:"kind"`
	Text   string  `json:"text"`
	Origin *string `json:"origin"`
	Since  string  `json:"since,omitempty"`
	// Strengthened lists the levels where the item was reworded on the
	// way (for a new item: after it appeared).
	Strengthened []string `json:"strengthened,omitempty"`
	// Inherited marks a carried item kept by an inheritance statement.
	Inherited bool             `json:"inherited,omitempty"`
	Diff      []compare.Op     `json:"diff"`
	Source    framework.Source `json:"source"`
}

// WriteGapJSON writes a promotion gap as JSON.
func WriteGapJSON(w io.Writer, g *compare.GapReport, o GapOptions) error {
	out := GapJSON{Path: []string{}, Pillars: []GapPillarJSON{}, Summary: g.Summary}
	for _, l := range g.Path {
		out.Path = append(out.Path, l.Slug)
	}
	out.From, out.To = out.Path[0], out.Path[len(out.Path)-1]
	for _, p := range g.Pillars {
		pj := GapPillarJSON{Key: p.Key, Name: p.Name, Items: []GapItemJSON{}}
		for _, gi := range p.Items {
			if !o.keep(gi.Kind) {
				continue
			}
			ij := GapItemJSON{Kind: string(gi.Kind), Text: compare.ItemText(gi.Item), Since: gi.Since, Strengthened: gi.Strengthened,
				Inherited: gi.Inherited, Diff: gi.Diff, Source: gi.Item.Source}
			if gi.Origin != nil {
				ij.Origin = strp(compare.ItemText(gi.Origin), true)
			}
			if ij.Diff == nil {
				ij.Diff = []compare.Op{}
			}
			pj.Items = append(pj.Items, ij)
		}
		out.Pillars = append(out.Pillars, pj)
	}
	return writeJSON(w, out)
}
