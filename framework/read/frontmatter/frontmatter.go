// Package frontmatter is the front matter reader: a Markdown page whose
// YAML front matter holds the framework (Monzo's progression framework),
// a list of topics, each with its expectations per level:
//
//	---
//	topics:
//	  - name: delivery
//	    title: "Delivery"
//	    content:
//	      - level: 1
//	        criteria:
//	          - "Ships small changes with help"
//	        exampleCriteria:
//	          - criteria: "Writes clear pull request descriptions"
//	            examples:
//	              - "Explains why, not only what"
//	---
//
// Each topic is a pillar; a topic that starts at a higher level is
// absent below it. An example criterion is an item, its examples the
// item's children. The page body after the front matter is not read.
package frontmatter

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/read/input"
	"gopkg.in/yaml.v3"
)

// Name is the shape's name, as --input takes it.
const Name = "frontmatter"

// Detect reports whether the input is a Markdown page whose front
// matter has a list of topics with per-level content.
func Detect(in *input.Input) bool {
	if in.IsDir || !strings.HasSuffix(strings.ToLower(in.Name), ".md") {
		return false
	}
	data, err := in.ReadFile(in.Name)
	if err != nil {
		return false
	}
	yml, first, _, _ := input.SplitFrontMatter(data)
	if yml == nil {
		return false
	}
	n, err := input.DecodeYAML(yml, in.Name, first)
	if err != nil {
		return strings.Contains(string(yml), "level:") // report the YAML error
	}
	return topics(n) != nil
}

// Read reads the page's front matter.
func Read(in *input.Input) (*framework.Framework, error) {
	data, err := in.ReadFile(in.Name)
	if err != nil {
		return nil, err
	}
	return Parse(data, in.Name, in.Limits)
}

// topics finds the list of topics: a top-level list whose entries have
// a content list of entries with a level.
func topics(n *yaml.Node) *yaml.Node {
	if n = input.YAMLMapping(n); n == nil {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		v := n.Content[i+1]
		if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
			continue
		}
		c := input.YAMLGet(v.Content[0], "content")
		if c != nil && c.Kind == yaml.SequenceNode && len(c.Content) > 0 && input.YAMLGet(c.Content[0], "level") != nil {
			return v
		}
	}
	return nil
}

// Parse reads a framework from the front matter of a Markdown page.
func Parse(data []byte, file string, limits framework.Limits) (*framework.Framework, error) {
	yml, first, _, _ := input.SplitFrontMatter(data)
	if yml == nil {
		return nil, &framework.Error{Source: framework.Source{File: file, Line: 1}, Code: "front-matter", Err: fmt.Errorf("no YAML front matter")}
	}
	n, err := input.DecodeYAML(yml, file, first)
	if err != nil {
		return nil, err
	}
	fw := &framework.Framework{Dir: file, Order: "file", Levels: []*framework.Level{}}
	if d := n.Content; len(d) > 0 {
		fw.Title = input.CleanName(input.YAMLString(input.YAMLGet(d[0], "title")))
	}
	ts := topics(n)
	if ts == nil {
		return fw, nil
	}
	line := func(x *yaml.Node) framework.Source { return framework.Source{File: file, Line: first - 1 + x.Line} }
	levels := map[string]*framework.Level{}
	px := input.NewPillars()
	for _, t := range ts.Content {
		name := input.CleanName(input.YAMLString(input.YAMLGet(t, "title")))
		if name == "" {
			name = input.YAMLString(input.YAMLGet(t, "name"))
			if name != "" {
				name = strings.ToUpper(name[:1]) + name[1:]
			}
		}
		content := input.YAMLGet(t, "content")
		if content == nil || content.Kind != yaml.SequenceNode {
			continue
		}
		for _, c := range content.Content {
			ref := input.YAMLString(input.YAMLGet(c, "level"))
			if ref == "" {
				continue
			}
			lv := levels[ref]
			if lv == nil {
				lname := ref
				if _, err := strconv.Atoi(ref); err == nil {
					lname = "Level " + ref
				}
				lv = input.NewLevel(input.Slug(lname), lname, file)
				levels[ref] = lv
				fw.Levels = append(fw.Levels, lv)
			}
			p := px.Of(lv, name, line(t))
			if cr := input.YAMLGet(c, "criteria"); cr != nil && cr.Kind == yaml.SequenceNode {
				for _, x := range cr.Content {
					if s := input.YAMLString(x); s != "" {
						p.Items = append(p.Items, input.NewItem(s, line(x), limits))
					}
				}
			}
			if ex := input.YAMLGet(c, "exampleCriteria"); ex != nil && ex.Kind == yaml.SequenceNode {
				for _, x := range ex.Content {
					s := input.YAMLString(input.YAMLGet(x, "criteria"))
					if s == "" {
						continue
					}
					it := input.NewItem(s, line(x), limits)
					if es := input.YAMLGet(x, "examples"); es != nil && es.Kind == yaml.SequenceNode {
						for _, e := range es.Content {
							if t := input.YAMLString(e); t != "" {
								it.Children = append(it.Children, input.NewItem(t, line(e), limits))
							}
						}
					}
					p.Items = append(p.Items, it)
				}
			}
		}
	}
	// Numbered levels in number order, whatever topic named them first.
	sort.SliceStable(fw.Levels, func(i, j int) bool {
		a, errA := strconv.Atoi(strings.TrimPrefix(fw.Levels[i].Slug, "level-"))
		b, errB := strconv.Atoi(strings.TrimPrefix(fw.Levels[j].Slug, "level-"))
		return errA == nil && errB == nil && a < b
	})
	return fw, nil
}
