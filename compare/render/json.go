package render

import (
	"io"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/framework"
)

// CompareJSON is the documented JSON shape of a comparison
// (docs/json.md).
type CompareJSON struct {
	From      string          `json:"from"`
	To        string          `json:"to"`
	Threshold float64         `json:"threshold"`
	Pillars   []PillarJSON    `json:"pillars"`
	Summary   compare.Summary `json:"summary"`
}

// PillarJSON is one pillar of CompareJSON.
type PillarJSON struct {
	Key    string   `json:"key"`
	Name   string   `json:"name"`
	Path   []string `json:"path"`
	Status string   `json:"status"`
	// RenamedFrom is the lower level's name of a renamed pillar, else "".
	RenamedFrom string          `json:"renamed_from,omitempty"`
	Summary     compare.Summary `json:"summary"`
	Changes     []ChangeJSON    `json:"changes"`
}

// ChangeJSON is one change of PillarJSON; From and To are the items'
// plain texts, null where absent.
type ChangeJSON struct {
	Kind       string            `json:"kind"`
	From       *string           `json:"from"`
	To         *string           `json:"to"`
	FromPillar *string           `json:"from_pillar"`
	ToPillar   *string           `json:"to_pillar"`
	Score      float64           `json:"score"`
	Diff       []compare.Op      `json:"diff"`
	FromSource *framework.Source `json:"from_source"`
	ToSource   *framework.Source `json:"to_source"`
}

func strp(s string, ok bool) *string {
	if !ok {
		return nil
	}
	return &s
}

// CompareToJSON converts a report to its JSON shape, keeping only the
// kinds the options select (all kinds when none are named, same items
// included).
func CompareToJSON(r *compare.Report, o CompareOptions) CompareJSON {
	out := CompareJSON{From: r.FromRef, To: r.ToRef, Threshold: r.Threshold, Pillars: []PillarJSON{}, Summary: r.Summary}
	o.ShowSame = true
	for _, p := range r.Pillars {
		pj := PillarJSON{Key: p.Key, Name: p.Name, Path: p.Path, Status: string(p.Status), RenamedFrom: p.RenamedFrom, Summary: p.Summary, Changes: []ChangeJSON{}}
		if pj.Path == nil {
			pj.Path = []string{}
		}
		for _, c := range p.Changes {
			if !o.keep(c.Kind) {
				continue
			}
			pj.Changes = append(pj.Changes, changeJSON(c))
		}
		if len(o.Kinds) > 0 && len(pj.Changes) == 0 {
			continue // --only left nothing of this pillar
		}
		out.Pillars = append(out.Pillars, pj)
	}
	return out
}

func changeJSON(c compare.Change) ChangeJSON {
	cj := ChangeJSON{Kind: string(c.Kind), Score: round3(c.Score), Diff: c.Diff,
		From: strp(compare.ItemText(c.From), c.From != nil), To: strp(compare.ItemText(c.To), c.To != nil),
		FromPillar: strp(c.FromPillar, c.From != nil), ToPillar: strp(c.ToPillar, c.To != nil)}
	if cj.Diff == nil {
		cj.Diff = []compare.Op{}
	}
	if c.From != nil {
		s := c.From.Source
		cj.FromSource = &s
	}
	if c.To != nil {
		s := c.To.Source
		cj.ToSource = &s
	}
	return cj
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// WriteCompareJSON writes a comparison as JSON.
func WriteCompareJSON(w io.Writer, r *compare.Report, o CompareOptions) error {
	return writeJSON(w, CompareToJSON(r, o))
}
