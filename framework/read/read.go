// Package read detects a framework's shape and reads it with the reader
// for that shape, one package each below this one:
//
//	markdown     one Markdown file, levels as headings
//	sections     a folder of competency files, a section per level
//	html         HTML pages, one per level
//	matrix       HTML tables inside Markdown, levels as columns or rows
//	yamldata     YAML data: levels, themes and competencies
//	frontmatter  YAML in a Markdown page's front matter
//
// Hugo level pages (the GitLab handbook) are read by the framework
// package itself: Reader.Read answers nil for them. ladder.yaml beside the
// framework can name the shape and give the level order, display names
// and tracks.
package read

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/read/frontmatter"
	"github.com/ladder-cli/ladder/framework/read/html"
	"github.com/ladder-cli/ladder/framework/read/input"
	"github.com/ladder-cli/ladder/framework/read/markdown"
	"github.com/ladder-cli/ladder/framework/read/matrix"
	"github.com/ladder-cli/ladder/framework/read/sections"
	"github.com/ladder-cli/ladder/framework/read/yamldata"
)

// Hugo is the name of the Hugo level pages shape, which the framework
// package reads.
const Hugo = "hugo"

// Shape is one reader.
type Shape struct {
	// Name is the shape's name, as --input takes it.
	Name string
	// Detect reports whether the input has this shape.
	Detect func(*input.Input) bool
	// Read reads the input.
	Read func(*input.Input) (*framework.Framework, error)
}

// Shapes are the readers in the order detection tries them.
var Shapes = []Shape{
	{yamldata.Name, yamldata.Detect, yamldata.Read},
	{frontmatter.Name, frontmatter.Detect, frontmatter.Read},
	{matrix.Name, matrix.Detect, matrix.Read},
	{markdown.Name, markdown.Detect, markdown.Read},
	{sections.Name, sections.Detect, sections.Read},
	{html.Name, html.Detect, html.Read},
}

// Names are the shape names --input accepts.
func Names() []string {
	out := []string{Hugo}
	for _, s := range Shapes {
		out = append(out, s.Name)
	}
	return out
}

// Reader reads any shape; it is the framework.Reader the command line
// gives the loader (framework.WithReader).
type Reader struct {
	// Input forces a shape (--input); empty to detect it.
	Input string
}

// NoShapeError says that a file matches no shape.
type NoShapeError struct {
	// File is the file.
	File string
	// Tried are the shapes tried.
	Tried []string
}

// Error says the file matches no shape and lists those tried.
func (e *NoShapeError) Error() string {
	return fmt.Sprintf("matches no framework shape (tried %s); name one with --input", strings.Join(e.Tried, ", "))
}

// Read implements framework.Reader.
func (r Reader) Read(fsys fs.FS, name string, limits framework.Limits) (*framework.Framework, error) {
	return r.ReadFiles(framework.NewFiles(fsys), name, limits)
}

// ReadFiles implements framework.FilesReader: the files detection reads
// are kept in files, for the loader to take the pages of a Hugo folder.
func (r Reader) ReadFiles(files *framework.Files, name string, limits framework.Limits) (*framework.Framework, error) {
	fsys := files.FS()
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, nil // the Hugo loader says what is wrong
	}
	in := &input.Input{FS: fsys, Keep: files, Name: name, IsDir: st.IsDir(), Limits: limits}
	if in.Config, err = input.ReadConfig(fsys, in.Dir(), limits); err != nil {
		return nil, err
	}
	want := r.Input
	if want == "" {
		want = in.Config.Input
	}
	var shape *Shape
	switch {
	case want == Hugo:
		return hugo(in.Config), nil
	case want != "":
		i := slices.IndexFunc(Shapes, func(s Shape) bool { return s.Name == want })
		if i < 0 {
			return nil, &framework.Error{Source: framework.Source{File: in.Config.File}, Code: "bad-input",
				Err: fmt.Errorf("unknown input shape %q; shapes: %s", want, strings.Join(Names(), ", "))}
		}
		shape = &Shapes[i]
	default:
		var tried []string
		for i := range Shapes {
			tried = append(tried, Shapes[i].Name)
			if Shapes[i].Detect(in) {
				shape = &Shapes[i]
				break
			}
		}
		if shape == nil && in.IsDir {
			// A repository folder whose README is the framework.
			if readme := findReadme(in); readme != "" {
				file := &input.Input{FS: fsys, Keep: files, Name: readme, Limits: limits, Config: in.Config}
				for i := range Shapes {
					if Shapes[i].Detect(file) {
						shape, in, name = &Shapes[i], file, readme
						break
					}
				}
			}
		}
		if shape == nil {
			if in.IsDir {
				return hugo(in.Config), nil // level pages, or the Hugo loader's error
			}
			if _, err := in.ReadFile(name); err != nil {
				return nil, err // unreadable, binary, too large: say that
			}
			return nil, &framework.Error{Source: framework.Source{File: name}, Code: "no-shape", Err: &NoShapeError{File: name, Tried: tried}}
		}
	}
	fw, err := shape.Read(in)
	if err != nil {
		return nil, err
	}
	fw.Shape, fw.Dir = shape.Name, name
	if len(fw.Levels) == 0 {
		return nil, &framework.Error{Source: framework.Source{File: name}, Code: "no-levels", Err: fmt.Errorf("no levels found reading it as %s", shape.Name)}
	}
	if err := apply(fw, in.Config); err != nil {
		return nil, err
	}
	fw.Credit = strings.TrimSpace(in.Config.Credit)
	return fw, nil
}

// hugo is the answer for Hugo level pages, which the framework package
// reads: nil, or a Framework without levels carrying ladder.yaml's
// credit for the loader to keep.
func hugo(c input.Config) *framework.Framework {
	if credit := strings.TrimSpace(c.Credit); credit != "" {
		return &framework.Framework{Credit: credit}
	}
	return nil
}

// apply gives the framework what ladder.yaml says: display names,
// tracks, level order; and makes level slugs unique, prefixing the track
// where two tracks share a slug.
func apply(fw *framework.Framework, c input.Config) error {
	find := func(ref string) *framework.Level {
		r := strings.ToLower(strings.TrimSpace(ref))
		for _, lv := range fw.Levels {
			if lv.Slug == r || strings.EqualFold(lv.Name, r) || input.Slug(r) == lv.Slug || (lv.Track != "" && lv.Track+"/"+lv.Slug == r) {
				return lv
			}
		}
		return nil
	}
	unknown := func(ref, where string) error {
		return &framework.Error{Source: framework.Source{File: c.File}, Code: "config", Err: fmt.Errorf("%s: no level %q; levels: %s", where, ref, strings.Join(slugs(fw), ", "))}
	}
	for ref, name := range c.Names {
		lv := find(ref)
		if lv == nil {
			return unknown(ref, "names")
		}
		lv.Name = name
	}
	for track, refs := range c.Tracks {
		for _, ref := range refs {
			lv := find(ref)
			if lv == nil {
				return unknown(ref, "tracks."+track)
			}
			lv.Track = track
		}
	}
	if len(c.Order) > 0 {
		var out []*framework.Level
		seen := map[*framework.Level]bool{}
		for _, ref := range c.Order {
			lv := find(ref)
			if lv == nil {
				return unknown(ref, "order")
			}
			if !seen[lv] {
				seen[lv] = true
				out = append(out, lv)
			}
		}
		for _, lv := range fw.Levels {
			if !seen[lv] {
				out = append(out, lv)
			}
		}
		fw.Levels, fw.Order = out, "config"
	}
	// Two levels with one slug: the track tells them apart.
	count := map[string]int{}
	for _, lv := range fw.Levels {
		count[lv.Slug]++
	}
	for _, lv := range fw.Levels {
		if count[lv.Slug] > 1 && lv.Track != "" {
			lv.Slug = lv.Track + "/" + lv.Slug
		}
	}
	seen := map[string]bool{}
	for _, lv := range fw.Levels {
		if seen[lv.Slug] {
			return &framework.Error{Source: framework.Source{File: lv.File}, Code: "duplicate-level", Err: fmt.Errorf("two levels are named %q", lv.Slug)}
		}
		seen[lv.Slug] = true
	}
	return nil
}

func slugs(fw *framework.Framework) []string {
	var out []string
	for _, lv := range fw.Levels {
		out = append(out, lv.Slug)
	}
	return out
}

// IsNoShape reports whether err is a file that matched no shape.
func IsNoShape(err error) bool {
	var e *NoShapeError
	return errors.As(err, &e)
}

// findReadme returns the folder's README.md, if it has one.
func findReadme(in *input.Input) string {
	entries, err := fs.ReadDir(in.FS, in.Name)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(e.Name(), "readme.md") {
			return path.Join(in.Name, e.Name())
		}
	}
	return ""
}
