// Package input is what every framework reader shares: the input it is
// given (an fs.FS, a file or folder in it, the limits and the optional
// ladder.yaml), reading a file within the limits, and the small helpers
// that turn names into slugs and YAML errors into file and line.
package input

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ladder-cli/ladder/framework"
	"gopkg.in/yaml.v3"
)

// Input is what a reader reads: Name, a file or a folder in FS.
type Input struct {
	// FS is the file system the framework is read through.
	FS fs.FS
	// Keep, when set, reads FS's files (ReadFile) and keeps them for the
	// loader, which reads the pages of a Hugo folder after detection.
	Keep *framework.Files
	// Name is the framework file or folder in FS.
	Name string
	// IsDir says Name is a folder.
	IsDir bool
	// Limits bound what is read.
	Limits framework.Limits
	// Config is the ladder.yaml beside the framework (zero when absent).
	Config Config
	// memo keeps what detection read, so a shape's Read after its Detect
	// does not read and parse again.
	memo map[string]any
}

// Memo returns the value stored under key, computing it with f the first
// time. Detection and reading share one Input, so a file is read and a
// shape parsed once.
func (in *Input) Memo(key string, f func() any) any {
	if v, ok := in.memo[key]; ok {
		return v
	}
	if in.memo == nil {
		in.memo = map[string]any{}
	}
	v := f()
	in.memo[key] = v
	return v
}

type fileResult struct {
	data []byte
	err  error
}

// Dir is the folder of the framework: Name, or the folder holding it.
func (in *Input) Dir() string {
	if in.IsDir {
		return in.Name
	}
	return path.Dir(in.Name)
}

// Files lists the regular files under the framework folder (the file
// itself for a file framework) whose names end in one of exts, in path
// order, descending into sub-folders when deep is true. Files and
// folders starting with "." or "_" are skipped.
func (in *Input) Files(deep bool, exts ...string) ([]string, error) {
	if !in.IsDir {
		return []string{in.Name}, nil
	}
	var out []string
	err := fs.WalkDir(in.FS, in.Name, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == in.Name {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if !deep {
				return fs.SkipDir
			}
			return nil
		}
		low := strings.ToLower(d.Name())
		for _, e := range exts {
			if strings.HasSuffix(low, e) {
				out = append(out, p)
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, &framework.Error{Source: framework.Source{File: in.Name}, Code: "unreadable", Err: fmt.Errorf("cannot list the folder: %v", unwrapPath(err))}
	}
	return out, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadFile reads a text file within the size limit: a byte order mark is
// dropped, CRLF and CR line ends become LF, and binary or non-UTF-8
// content is an error naming the file and line.
func (in *Input) ReadFile(name string) ([]byte, error) {
	r := in.Memo("file:"+name, func() any {
		data, err := in.readFile(name)
		return fileResult{data, err}
	}).(fileResult)
	return r.data, r.err
}

func (in *Input) readFile(name string) ([]byte, error) {
	max := in.Limits.MaxFileSize
	if max <= 0 {
		max = framework.DefaultLimits.MaxFileSize
	}
	var data []byte
	var err error
	if in.Keep != nil {
		data, err = in.Keep.Read(name, name, max)
	} else {
		data, err = framework.ReadLimited(in.FS, name, name, max)
	}
	var fe *framework.Error
	if errors.As(err, &fe) && fe.Code == "is-directory" {
		return nil, notRegular(fe.Source, fs.ModeDir)
	}
	if err != nil {
		return nil, err
	}
	return Clean(data, name)
}

// Clean checks and normalizes file content as ReadFile does: checked as
// text (framework.CheckText), line ends made LF.
func Clean(data []byte, name string) ([]byte, error) {
	data, err := framework.CheckText(data, name, "a text file")
	if err != nil {
		return nil, err
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data, nil
}

// LineAt is the 1-based line of byte offset i in LF-separated text.
func LineAt(data []byte, i int) int {
	if i > len(data) {
		i = len(data)
	}
	return 1 + bytes.Count(data[:i], []byte("\n"))
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// YAMLError turns a yaml.v3 error into a framework error at the file and
// line it names; first is the file line of the YAML text's first line.
func YAMLError(err error, file string, first int) *framework.Error {
	line := 0
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		line = first + n - 1
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = yamlLineRE.ReplaceAllString(msg, "")
	msg = strings.TrimLeft(strings.TrimSpace(msg), ": ")
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return &framework.Error{Source: framework.Source{File: file, Line: line}, Code: "yaml", Err: fmt.Errorf("invalid YAML: %s", msg)}
}

// YAMLGet is the value of the first of keys that the YAML mapping m
// has; nil when m is no mapping or has none of them.
func YAMLGet(m *yaml.Node, keys ...string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for _, k := range keys {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == k {
				return m.Content[i+1]
			}
		}
	}
	return nil
}

// YAMLString is a scalar node's text, trimmed; "" for any other node.
func YAMLString(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// YAMLMapping is the mapping at the top of a decoded document, or nil.
func YAMLMapping(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	return n
}

// DecodeYAML decodes YAML text into a node tree, refusing documents that
// nest deeper than the limit or expand aliases without bound.
func DecodeYAML(data []byte, file string, first int) (*yaml.Node, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		fe := YAMLError(err, file, first)
		if strings.Contains(err.Error(), "tab character") {
			// yaml.v3 reports the line before the tab; name the line
			// whose indentation holds it.
			lines := bytes.Split(data, []byte("\n"))
			for i := max(fe.Source.Line-first, 0); i < len(lines); i++ {
				indent := lines[i][:len(lines[i])-len(bytes.TrimLeft(lines[i], " \t-"))]
				if bytes.IndexByte(indent, '\t') >= 0 {
					fe.Source.Line = first + i
					break
				}
			}
		}
		return nil, fe
	}
	if d := depth(&n, 0); d > 64 {
		return nil, &framework.Error{Source: framework.Source{File: file, Line: first}, Code: "yaml", Err: fmt.Errorf("YAML nests over 64 levels deep")}
	}
	return &n, nil
}

func depth(n *yaml.Node, d int) int {
	if d > 64 {
		return d
	}
	m := d
	for _, c := range n.Content {
		if c.Kind == yaml.AliasNode {
			continue // aliases are not followed, so they cannot multiply
		}
		m = max(m, depth(c, d+1))
	}
	return m
}

// Slug makes a file-name-like slug of a name: lower case, words joined
// with "-", punctuation and symbols dropped ("IC3 Software Engineer" ->
// "ic3-software-engineer"). A name of symbols alone, with nothing to
// keep, is spelled by its code points ("★" -> "u2605"), so that no level
// with a name goes without a slug.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		for _, r := range name {
			if unicode.IsSpace(r) {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('-')
			}
			fmt.Fprintf(&b, "u%04x", r)
		}
	}
	return b.String()
}

// CleanName trims a heading or label for display: leading emoji and
// symbols dropped, whitespace collapsed ("🏆 Results" -> "Results").
func CleanName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimLeftFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '(' && r != '"'
	})
}

// NewLevel returns a level with the empty lists the model expects.
func NewLevel(slug, name, file string) *framework.Level {
	return &framework.Level{Slug: slug, Name: name, Title: name, File: file, Inherits: []string{}, TOC: []framework.TOCEntry{},
		Includes: []string{}, Warnings: []framework.Warning{}, Pillars: []*framework.Pillar{}}
}

// NewPillar returns a pillar named name with no items.
func NewPillar(name string, src framework.Source) *framework.Pillar {
	return &framework.Pillar{Name: name, Heading: name, Path: []string{name}, Key: framework.PillarKey(name), Source: src, Items: []*framework.Item{}}
}

// NewItem returns an item of plain text (its Markdown is the text).
func NewItem(text string, src framework.Source, limits framework.Limits) *framework.Item {
	text = strings.Join(strings.Fields(text), " ")
	if n := limits.MaxItemLength; n > 0 && len(text) > n {
		text = truncate(text, n)
	}
	return &framework.Item{Text: text, Markdown: text, Source: src, Children: []*framework.Item{}}
}

func truncate(s string, n int) string {
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Pillars finds the pillars of levels by name in constant time, so a
// framework with very many pillars reads in linear time.
type Pillars struct {
	m map[*framework.Level]map[string]*framework.Pillar
}

// NewPillars returns an empty index.
func NewPillars() *Pillars { return &Pillars{m: map[*framework.Level]map[string]*framework.Pillar{}} }

// Of returns the level's pillar with the given name, adding it (with
// source src) when the level has none by that name.
func (x *Pillars) Of(lv *framework.Level, name string, src framework.Source) *framework.Pillar {
	byKey := x.m[lv]
	if byKey == nil {
		byKey = map[string]*framework.Pillar{}
		for _, p := range lv.Pillars {
			if _, ok := byKey[p.Key]; !ok {
				byKey[p.Key] = p
			}
		}
		x.m[lv] = byKey
	}
	key := framework.PillarKey(name)
	if p := byKey[key]; p != nil {
		return p
	}
	p := NewPillar(name, src)
	lv.Pillars = append(lv.Pillars, p)
	byKey[key] = p
	return p
}

// SplitFrontMatter separates "---" YAML front matter from a Markdown
// file. It returns the YAML text and its first line, the body and its
// first line; yaml is nil when the file has no front matter.
func SplitFrontMatter(data []byte) (yml []byte, ymlLine int, body []byte, bodyLine int) {
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, 0, data, 1
	}
	rest := data[4:]
	off := 4
	for {
		i := bytes.IndexByte(rest, '\n')
		line := rest
		if i >= 0 {
			line = rest[:i]
		}
		if string(bytes.TrimRight(line, " \t")) == "---" {
			yml = data[4:off]
			if i < 0 {
				return yml, 2, nil, LineAt(data, len(data)) + 1
			}
			return yml, 2, data[off+i+1:], LineAt(data, off+i+1)
		}
		if i < 0 {
			return nil, 0, data, 1 // never closed: no front matter
		}
		rest = rest[i+1:]
		off += i + 1
	}
}

type readResult struct {
	fw  *framework.Framework
	err error
}

// ReadOnce runs read once per shape for this input (Detect and Read both
// call it).
func (in *Input) ReadOnce(shape string, read func() (*framework.Framework, error)) (*framework.Framework, error) {
	r := in.Memo("read:"+shape, func() any {
		fw, err := read()
		return readResult{fw, err}
	}).(readResult)
	return r.fw, r.err
}

// Fold appends the text of items nested past the nesting limit, and of
// their children, to the item at the limit, stopping at the item length
// limit (a list nested a million deep folds in linear time).
func Fold(it *framework.Item, kids []*framework.Item, limits framework.Limits) {
	max := limits.MaxItemLength
	if max <= 0 {
		max = framework.DefaultLimits.MaxItemLength
	}
	var b strings.Builder
	b.WriteString(it.Text)
	var walk func([]*framework.Item)
	walk = func(items []*framework.Item) {
		for _, k := range items {
			if b.Len() >= max {
				return
			}
			if k.Text != "" {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(k.Text)
			}
			walk(k.Children)
		}
	}
	walk(kids)
	it.Text = b.String()
	if len(it.Text) > max {
		it.Text = truncate(it.Text, max)
	}
}

// notRegular is the error for reading what is not a regular file; a
// folder given where a shape reads one file says so in those words.
func notRegular(src framework.Source, mode fs.FileMode) error {
	if mode.IsDir() {
		return &framework.Error{Source: src, Code: "not-regular", Err: fmt.Errorf("is a folder, and this shape reads one file: give --framework the framework's file")}
	}
	return &framework.Error{Source: src, Code: "not-regular", Err: fmt.Errorf("not a regular file (%s)", mode.Type())}
}
