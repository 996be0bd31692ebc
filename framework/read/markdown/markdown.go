// Package markdown is the Markdown reader: one Markdown file holding the
// whole framework, each level a heading, each pillar a sub-heading, each
// item a list item:
//
//	## Senior Engineer
//	### Execution
//	- Delivers projects of several weeks with little guidance.
//
// Which heading depth is a level is found by looking for the depth whose
// headings share their sub-headings' names (the pillars recur at every
// level); a section whose sub-headings recur nowhere (an FAQ) is not a
// level. ladder.yaml's level_heading says it outright.
package markdown

import (
	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/read/input"
	"github.com/ladder-cli/ladder/framework/read/mdast"
)

// Name is the shape's name, as --input takes it.
const Name = "markdown"

// Detect reports whether the file reads as a one-file framework.
func Detect(in *input.Input) bool {
	if in.IsDir {
		return false
	}
	fw, err := Read(in)
	return err == nil && len(fw.Levels) >= 2
}

// Read reads the framework file.
func Read(in *input.Input) (*framework.Framework, error) {
	return in.ReadOnce(Name, func() (*framework.Framework, error) { return read(in) })
}

func read(in *input.Input) (*framework.Framework, error) {
	data, err := in.ReadFile(in.Name)
	if err != nil {
		return nil, err
	}
	return Parse(data, in.Name, in.Config.LevelHeading, in.Limits)
}

// Parse reads a framework from the Markdown text of file. depth is the
// heading depth of a level, 0 to find it.
func Parse(data []byte, file string, depth int, limits framework.Limits) (*framework.Framework, error) {
	_, _, body, first := input.SplitFrontMatter(data)
	doc := mdast.Parse(body, file, first, limits)
	root := doc.Sections()
	fw := &framework.Framework{Dir: file, Order: "file", Levels: []*framework.Level{}}
	var best []*mdast.Section
	if depth > 0 {
		best = levelSections(root, depth, false)
	} else {
		for d := 1; d <= 5; d++ {
			if got := levelSections(root, d, true); len(got) > len(best) {
				best = got
			}
		}
	}
	if len(best) < 1 {
		return fw, nil
	}
	parents := map[*mdast.Section]bool{}
	parentOf := map[*mdast.Section]*mdast.Section{}
	root.Walk(func(s *mdast.Section) {
		for _, c := range s.Subs {
			parentOf[c] = s
		}
	})
	for _, s := range best {
		if p := parentOf[s]; p != nil && p.Heading != nil {
			parents[p] = true
		}
	}
	for _, s := range best {
		lv := input.NewLevel(input.Slug(s.Title), s.Title, file)
		if p := parentOf[s]; len(parents) > 1 && p != nil && p.Heading != nil {
			lv.Track = input.Slug(p.Title)
		}
		lv.Summary = text(doc, s)
		for _, ps := range s.Subs {
			p := input.NewPillar(input.CleanName(ps.Title), doc.Source(ps.Heading))
			doc.FillSection(p, ps) // headings below a pillar group its items
			lv.Pillars = append(lv.Pillars, p)
		}
		fw.Levels = append(fw.Levels, lv)
	}
	return fw, nil
}

func text(doc *mdast.Doc, s *mdast.Section) string {
	out := ""
	for _, b := range s.Blocks {
		if t := doc.Text(b); t != "" {
			if out != "" {
				out += " "
			}
			out += t
		}
	}
	return out
}

// levelSections returns the sections at heading depth d that read as
// levels: with sub-sections holding items and, when strict, at least one
// sub-heading name that another level shares.
func levelSections(root *mdast.Section, d int, strict bool) []*mdast.Section {
	var cands []*mdast.Section
	root.Walk(func(s *mdast.Section) {
		if s.Level() == d && len(s.Subs) > 0 {
			cands = append(cands, s)
		}
	})
	if !strict {
		return cands
	}
	count := map[string]int{}
	for _, s := range cands {
		seen := map[string]bool{}
		for _, p := range s.Subs {
			k := framework.PillarKey(input.CleanName(p.Title))
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	var out []*mdast.Section
	for _, s := range cands {
		for _, p := range s.Subs {
			if count[framework.PillarKey(input.CleanName(p.Title))] >= 2 {
				out = append(out, s)
				break
			}
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}
