// Package sections is the sections reader: a folder with one Markdown
// file per competency (the GDS career path), each holding a section per
// level:
//
//	# Planning and estimating
//	### Junior level
//	- Estimates small, well-defined tasks.
//	### Mid level
//	You estimate the stories of a sprint with the team.
//
// Each file is a pillar, named by its front matter title or first
// heading; a heading "<Name> level" opens the level's section, which ends
// at the next heading of the same or a higher rank. The section's list
// items are its items; a section with no list counts each paragraph as
// an item, and a paragraph just before a list is the list's lead-in, not
// an item. An empty section gives no items; a file with no level
// sections gives no pillar. ladder.yaml's level_heading picks the heading
// depth of the level sections instead.
package sections

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/read/input"
	"github.com/ladder-cli/ladder/framework/read/mdast"
	"gopkg.in/yaml.v3"
)

// Name is the shape's name, as --input takes it.
const Name = "sections"

// headingRE matches one line that is a "<Name> level" heading.
var headingRE = regexp.MustCompile(`(?i)^ {0,3}#{1,6}[ \t]+\S.*[ \t]level[ \t#]*$`)

var levelRE = regexp.MustCompile(`(?i)^\s*(.+?)\s+level\s*$`)

// Detect reports whether the folder holds at least two Markdown files
// with "<Name> level" sections.
func Detect(in *input.Input) bool {
	if !in.IsDir {
		return false
	}
	// A cheap look first: two files with a "<Name> level" heading line,
	// so that folders of Hugo level pages are not parsed here.
	files, err := in.Files(true, ".md")
	if err != nil {
		return false
	}
	with := 0
	for _, f := range files {
		data, err := in.ReadFile(f)
		if err != nil {
			return false
		}
		if hasLevelHeading(data) {
			with++
		}
	}
	if with < 2 && in.Config.LevelHeading == 0 {
		return false
	}
	fw, err := Read(in)
	if err != nil {
		return false
	}
	pillarFiles := map[string]bool{}
	for _, lv := range fw.Levels {
		for _, p := range lv.Pillars {
			pillarFiles[p.Source.File] = true
		}
	}
	return len(fw.Levels) >= 2 && len(pillarFiles) >= 2
}

// hasLevelHeading reports whether a line of data is a "<Name> level"
// heading. Only lines that start with '#' (after at most three spaces)
// go to the pattern: run over a whole file, the multi-line pattern costs
// more than reading and aligning the pages of a Hugo folder of large
// levels, which detection has to look at first.
func hasLevelHeading(data []byte) bool {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		rest := line
		for k := 0; k < 3 && len(rest) > 0 && rest[0] == ' '; k++ {
			rest = rest[1:]
		}
		if len(rest) > 0 && rest[0] == '#' && headingRE.Match(line) {
			return true
		}
	}
	return false
}

// Read reads the competency files of the folder and its sub-folders.
func Read(in *input.Input) (*framework.Framework, error) {
	return in.ReadOnce(Name, func() (*framework.Framework, error) { return read(in) })
}

func read(in *input.Input) (*framework.Framework, error) {
	files, err := in.Files(true, ".md")
	if err != nil {
		return nil, err
	}
	fw := &framework.Framework{Dir: in.Name, Order: "file", Levels: []*framework.Level{}}
	byKey := map[string]*framework.Level{}
	for _, f := range files {
		data, err := in.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if err := parseFile(fw, byKey, data, f, in.Config.LevelHeading, in.Limits); err != nil {
			return nil, err
		}
	}
	return fw, nil
}

// parseFile adds one competency file's sections to the framework.
func parseFile(fw *framework.Framework, byKey map[string]*framework.Level, data []byte, file string, depth int, limits framework.Limits) error {
	yml, first, body, bodyLine := input.SplitFrontMatter(data)
	title := ""
	if yml != nil {
		var fm struct {
			Title string `yaml:"title"`
		}
		if err := yaml.Unmarshal(yml, &fm); err != nil {
			return input.YAMLError(err, file, first)
		}
		title = strings.TrimSpace(fm.Title)
	}
	doc := mdast.Parse(body, file, bodyLine, limits)
	root := doc.Sections()
	if title == "" {
		root.Walk(func(s *mdast.Section) {
			if title == "" && s.Level() == 1 {
				title = s.Title
			}
		})
	}
	if title == "" {
		title = strings.TrimSuffix(strings.TrimSuffix(file[strings.LastIndex(file, "/")+1:], ".md"), ".html")
	}
	px := input.NewPillars()
	root.Walk(func(s *mdast.Section) {
		if s.Heading == nil || (depth > 0 && s.Level() != depth) {
			return
		}
		name := s.Title
		if depth == 0 {
			m := levelRE.FindStringSubmatch(s.Title)
			if m == nil {
				return
			}
			name = m[1]
		}
		key := framework.PillarKey(name)
		lv := byKey[key]
		if lv == nil {
			lv = input.NewLevel(input.Slug(name), name, file)
			byKey[key] = lv
			fw.Levels = append(fw.Levels, lv)
		}
		p := px.Of(lv, input.CleanName(title), doc.Source(s.Heading))
		doc.FillSection(p, s)
	})
	return nil
}
