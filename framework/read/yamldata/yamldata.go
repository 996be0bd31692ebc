// Package yamldata is the YAML data reader: a framework kept as data, a
// list of levels, a list of pillars ("themes") and a list of items
// ("competencies") each naming its level and pillar:
//
//	levels:
//	  - id: engineer
//	    name: Engineer
//	themes:
//	  - id: delivery
//	    name: Delivery
//	competencies:
//	  - level: engineer
//	    theme: delivery
//	    summary: Ships features of a few days' work on their own.
//
// A competency's text that is a Markdown list and nothing else gives one
// item per entry. JSON in the same layout reads too (YAML is a superset
// of JSON). The field names are looked up among the usual ones;
// ladder.yaml's fields name them where a file uses others. Levels whose
// name ends in a parenthesized branch ("Senior Engineer (People
// Manager)") go on that track.
package yamldata

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/read/input"
	"github.com/ladder-cli/ladder/framework/read/mdast"
	"github.com/yuin/goldmark/ast"
	"gopkg.in/yaml.v3"
)

// Name is the shape's name, as --input takes it.
const Name = "yamldata"

// Field names tried when ladder.yaml names none, in order.
var (
	levelsKeys  = []string{"levels", "grades"}
	pillarsKeys = []string{"themes", "pillars", "areas", "categories", "competency_areas"}
	itemsKeys   = []string{"competencies", "items", "expectations", "criteria"}
	levelKeys   = []string{"level", "grade"}
	pillarKeys  = []string{"theme", "pillar", "area", "category"}
	textKeys    = []string{"summary", "text", "description", "criteria", "title"}
	idKeys      = []string{"id", "key", "slug"}
	nameKeys    = []string{"name", "title", "label"}
)

// Detect reports whether the input is a YAML or JSON data file with a
// list of levels and a list of items.
func Detect(in *input.Input) bool {
	if in.IsDir {
		return false
	}
	low := strings.ToLower(in.Name)
	if !strings.HasSuffix(low, ".yml") && !strings.HasSuffix(low, ".yaml") && !strings.HasSuffix(low, ".json") {
		return false
	}
	data, err := in.ReadFile(in.Name)
	if err != nil {
		return true // let Read report the error with its file and line
	}
	n, err := input.DecodeYAML(data, in.Name, 1)
	if err != nil {
		return true
	}
	top := input.YAMLMapping(n)
	f := fields(in.Config.Fields)
	return top != nil && input.YAMLGet(top, f.Levels...) != nil && input.YAMLGet(top, f.Items...) != nil
}

// Read reads the data file.
func Read(in *input.Input) (*framework.Framework, error) {
	data, err := in.ReadFile(in.Name)
	if err != nil {
		return nil, err
	}
	return Parse(data, in.Name, in.Config.Fields, in.Limits)
}

type names struct {
	Levels, Pillars, Items, Level, Pillar, Text, ID, Name []string
}

func fields(c input.Fields) names {
	pick := func(set string, def []string) []string {
		if set != "" {
			return []string{set}
		}
		return def
	}
	return names{pick(c.Levels, levelsKeys), pick(c.Pillars, pillarsKeys), pick(c.Items, itemsKeys), pick(c.Level, levelKeys),
		pick(c.Pillar, pillarKeys), pick(c.Text, textKeys), pick(c.ID, idKeys), pick(c.Name, nameKeys)}
}

// scalar is the trimmed text of the first of keys the mapping m has.
func scalar(m *yaml.Node, keys ...string) string { return input.YAMLString(input.YAMLGet(m, keys...)) }

// textItems are the items of an item's text: one, unless the text is a
// Markdown list and nothing else ("1. ...\n2. ..."), which says one
// expectation per entry, as the page it renders to shows them (the
// Financial Times' technical competencies list four in one summary).
// Entries keep their lines in the file when the text is a literal block,
// else their competency's.
func textItems(text string, v *yaml.Node, file string, src framework.Source, limits framework.Limits) []*framework.Item {
	one := []*framework.Item{input.NewItem(text, src, limits)}
	if v == nil || !listRE.MatchString(text) {
		return one
	}
	first := v.Line
	if v.Style&yaml.LiteralStyle != 0 {
		first++ // the text starts on the line after "|"
	}
	d := mdast.Parse([]byte(v.Value), file, first, limits)
	list := d.Root.FirstChild()
	if list == nil || list.Kind() != ast.KindList || list.NextSibling() != nil || list.ChildCount() < 2 {
		return one
	}
	items := d.Items(list, "")
	if len(items) < 2 {
		return one
	}
	if v.Style&yaml.LiteralStyle == 0 {
		// A quoted or folded text's lines are not the file's: the
		// entries are at their competency's line.
		for _, it := range items {
			atLine(it, src)
		}
	}
	return items
}

// atLine sets the source of an item and its children.
func atLine(it *framework.Item, src framework.Source) {
	it.Source = src
	for _, c := range it.Children {
		atLine(c, src)
	}
}

// listRE matches a text that starts with a list marker: only such a text
// is parsed as Markdown to see whether it is a list.
var listRE = regexp.MustCompile(`^(?:[-*+]|[0-9]{1,9}[.)])[ \t]`)

var branchRE = regexp.MustCompile(`^(.*?)\s*\(([^()]+)\)\s*$`)

// Parse reads a framework from YAML or JSON text.
func Parse(data []byte, file string, c input.Fields, limits framework.Limits) (*framework.Framework, error) {
	n, err := input.DecodeYAML(data, file, 1)
	if err != nil {
		return nil, err
	}
	f := fields(c)
	top := input.YAMLMapping(n)
	fw := &framework.Framework{Dir: file, Order: "file", Levels: []*framework.Level{}}
	if top == nil {
		return nil, &framework.Error{Source: framework.Source{File: file, Line: 1}, Code: "yaml", Err: fmt.Errorf("not a mapping of levels and items")}
	}
	fw.Title = scalar(top, "name", "title")
	levels := input.YAMLGet(top, f.Levels...)
	items := input.YAMLGet(top, f.Items...)
	if levels == nil || levels.Kind != yaml.SequenceNode {
		return nil, &framework.Error{Source: framework.Source{File: file, Line: 1}, Code: "yaml", Err: fmt.Errorf("no list of levels (looked for %s)", strings.Join(f.Levels, ", "))}
	}
	byID := map[string]*framework.Level{}
	for _, ln := range levels.Content {
		id, name := scalar(ln, f.ID...), scalar(ln, f.Name...)
		if ln.Kind == yaml.ScalarNode {
			id, name = ln.Value, ln.Value
		}
		if id == "" {
			id = name
		}
		if name == "" {
			name = id
		}
		if id == "" {
			continue
		}
		lv := input.NewLevel(input.Slug(id), name, file)
		lv.Summary = scalar(ln, "summary", "description")
		if m := branchRE.FindStringSubmatch(name); m != nil {
			lv.Track = track(id, m[2])
		}
		byID[id] = lv
		fw.Levels = append(fw.Levels, lv)
	}
	// Pillars in the order the data lists them.
	pillarName := map[string]string{}
	var pillarOrder []string
	if ps := input.YAMLGet(top, f.Pillars...); ps != nil && ps.Kind == yaml.SequenceNode {
		for _, pn := range ps.Content {
			id, name := scalar(pn, f.ID...), scalar(pn, f.Name...)
			if id == "" {
				id = name
			}
			if name == "" {
				name = id
			}
			pillarName[id] = name
			pillarOrder = append(pillarOrder, id)
		}
	}
	if items == nil || items.Kind != yaml.SequenceNode {
		return fw, nil
	}
	for _, lv := range fw.Levels {
		for _, id := range pillarOrder {
			lv.Pillars = append(lv.Pillars, input.NewPillar(pillarName[id], framework.Source{File: file}))
		}
	}
	px := input.NewPillars()
	for _, in := range items.Content {
		lref, pref := scalar(in, f.Level...), scalar(in, f.Pillar...)
		text := scalar(in, f.Text...)
		src := framework.Source{File: file, Line: in.Line}
		textNode := input.YAMLGet(in, f.Text...)
		lv := byID[lref]
		if lv == nil {
			if lref != "" {
				for _, l := range fw.Levels {
					l.Warnings = append(l.Warnings, framework.Warning{Source: src, Code: "unknown-level", Message: fmt.Sprintf("item names level %q, which the levels list does not have", lref)})
					break
				}
			}
			continue
		}
		if text == "" {
			continue
		}
		name := pillarName[pref]
		if name == "" {
			name = pref
		}
		if name == "" {
			name = "Competencies"
		}
		p := px.Of(lv, name, src)
		if p.Source.Line == 0 {
			p.Source = src
		}
		p.Items = append(p.Items, textItems(text, textNode, file, src, limits)...)
	}
	// A pillar with no items at a level is not shown at it.
	for _, lv := range fw.Levels {
		kept := lv.Pillars[:0]
		for _, p := range lv.Pillars {
			if len(p.Items) > 0 {
				kept = append(kept, p)
			}
		}
		lv.Pillars = kept
	}
	return fw, nil
}

// track names a branch: its initials when the level id ends in them
// ("senior-2-pm", "People Manager" -> "pm"), else the branch's slug.
func track(id, branch string) string {
	var ini strings.Builder
	for _, w := range strings.Fields(branch) {
		ini.WriteString(strings.ToLower(w[:1]))
	}
	if i := ini.String(); len(i) > 1 && strings.HasSuffix(strings.ToLower(id), "-"+i) {
		return i
	}
	return input.Slug(branch)
}
