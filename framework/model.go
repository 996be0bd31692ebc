// Package framework loads engineering career frameworks written as Hugo
// Markdown pages (the GitLab handbook format) into a normalized model of
// levels, pillars and competency items.
//
// The package reads through an fs.FS and knows nothing about terminals,
// command lines or output formats.
package framework

import (
	"slices"
	"strconv"
	"strings"
)

// Framework is one department's set of level pages, in level order.
type Framework struct {
	// Dir is the framework folder, relative to the site root of the FS it
	// was loaded from (for example "content/handbook/.../infrastructure").
	Dir string `json:"dir"`
	// Title is the title of the department's _index.md, if it has one.
	Title string `json:"title,omitempty"`
	// Order says where the level order came from: "index" (_index.md's
	// list), "weight" (the pages' Hugo weight), "builtin", "filename" or
	// "flag".
	Order string `json:"order"`
	// Shape is the shape the framework was read as ("markdown", "html",
	// "matrix", "sections", "yamldata", "frontmatter"); empty for Hugo
	// level pages.
	Shape string `json:"shape,omitempty"`
	// Unlisted are the levels that _index.md's list of levels leaves out
	// when the order comes from it; they stand where their names put them.
	Unlisted []string `json:"unlisted,omitempty"`
	// Levels are the level pages in level order.
	Levels []*Level `json:"levels"`
	// Credit is free text naming the framework's source and licence
	// ("Adapted from ... by ..., CC BY 4.0, <url>"), from ladder.yaml's
	// credit field; documents generated from the framework show it, as
	// licences such as CC BY require. Empty when none is given.
	Credit string `json:"credit,omitempty"`
}

// Level is one job level page, normalized.
type Level struct {
	// Slug is the page's file name without extension, e.g. "senior".
	Slug string `json:"slug"`
	// Name is the level's display name, e.g. "Senior".
	Name string `json:"name"`
	// Title is the page's front matter title.
	Title string `json:"title"`
	// Track is the ladder the level belongs to ("ic", "manager") in a
	// framework with several; empty for a level every track shares.
	Track string `json:"track,omitempty"`
	// Description is the page's front matter description.
	Description string `json:"description,omitempty"`
	// Summary is the intro text of the level (plain text).
	Summary string `json:"summary"`
	// File is the page path relative to the site root.
	File string `json:"file"`
	// Inherits lists the slugs of levels whose competencies this level
	// includes ("All competencies exhibited by an Intermediate").
	Inherits []string `json:"inherits"`
	// TOC lists the page's in-page table of contents entries.
	TOC []TOCEntry `json:"toc"`
	// Includes are the include files the page reads, directly or through
	// other includes, in first-use order (site-relative paths).
	Includes []string `json:"includes"`
	// Warnings are the problems found while loading the page that did not
	// stop it from loading (missing includes, unknown shortcodes).
	Warnings []Warning `json:"warnings"`
	// Pillars are the level's expectation sections in page order.
	Pillars []*Pillar `json:"pillars"`
}

// TOCEntry is one line of a page's table of contents.
type TOCEntry struct {
	// Text is the link text.
	Text string `json:"text"`
	// Target is the link target ("#senior-leadership-competencies").
	Target string `json:"target"`
	// Source is where the entry stands.
	Source Source `json:"source"`
}

// Pillar is one section of expectations, such as "Accountability" or
// "Leadership Competencies".
type Pillar struct {
	// Name is the heading with the level's name removed.
	Name string `json:"name"`
	// Heading is the heading text as written.
	Heading string `json:"heading"`
	// Path is the heading path of the pillar: its group headings, then Name.
	Path []string `json:"path"`
	// Key is a case-insensitive key that matches the same pillar across
	// levels and departments.
	Key string `json:"key"`
	// Anchor is the heading's custom id ({#id}), if it has one.
	Anchor string `json:"anchor,omitempty"`
	// Note is the section's text that is not list items (a worksheet link,
	// "TBD", an intro paragraph), in plain text.
	Note string `json:"note,omitempty"`
	// Source is where the pillar's heading stands.
	Source Source `json:"source"`
	// Items are the pillar's top-level items.
	Items []*Item `json:"items"`
}

// Item is one competency or expectation.
type Item struct {
	// Text is the plain text: link text kept, emphasis removed, whitespace
	// collapsed.
	Text string `json:"text"`
	// Markdown is the item's Markdown source, continuation lines joined.
	Markdown string `json:"markdown"`
	// Group is the label of the group the item stands in ("Engineering",
	// "Development"), empty when there is none.
	Group string `json:"group"`
	// Source is the file and line where the item starts.
	Source Source `json:"source"`
	// Children are nested items.
	Children []*Item `json:"children"`
}

// Source is a position in a file of the site.
type Source struct {
	// File is the path relative to the site root.
	File string `json:"file"`
	// Line is the 1-based line number.
	Line int `json:"line"`
}

// String formats the position as file:line.
func (s Source) String() string {
	if s.Line <= 0 {
		return s.File
	}
	return s.File + ":" + strconv.Itoa(s.Line)
}

// Warning is a problem found while loading that did not stop the load.
type Warning struct {
	// Source is where the problem stands.
	Source Source `json:"source"`
	// Code is a short stable identifier, e.g. "missing-include".
	Code string `json:"code"`
	// Message describes the problem.
	Message string `json:"message"`
}

// String formats the warning as "file:line: message".
func (w Warning) String() string { return w.Source.String() + ": " + w.Message }

// Pillar returns the pillar with the given key, or nil.
func (l *Level) Pillar(key string) *Pillar {
	key = PillarKey(key)
	for _, p := range l.Pillars {
		if p.Key == key {
			return p
		}
	}
	return nil
}

// Count returns the number of top-level items and of nested items.
func (p *Pillar) Count() (top, nested int) {
	var walk func([]*Item)
	walk = func(items []*Item) {
		for _, it := range items {
			nested++
			walk(it.Children)
		}
	}
	for _, it := range p.Items {
		walk(it.Children)
	}
	return len(p.Items), nested
}

// Level returns the level with the given slug, or nil.
func (f *Framework) Level(slug string) *Level {
	for _, l := range f.Levels {
		if l.Slug == slug {
			return l
		}
	}
	return nil
}

// Index returns the position of the level with the given slug in the
// framework order, or -1.
func (f *Framework) Index(slug string) int {
	for i, l := range f.Levels {
		if l.Slug == slug {
			return i
		}
	}
	return -1
}

// Tracks lists the tracks the framework's levels are on, in level order
// (none when no level names one).
func (f *Framework) Tracks() []string {
	var tracks []string
	for _, lv := range f.Levels {
		if lv.Track != "" && !slices.Contains(tracks, lv.Track) {
			tracks = append(tracks, lv.Track)
		}
	}
	return tracks
}

// OnTrack is a view of the framework with the levels of one track and
// the levels every track shares (no track), in order; the levels are the
// framework's own.
func (f *Framework) OnTrack(track string) *Framework {
	view := *f
	view.Levels = nil
	for _, lv := range f.Levels {
		if lv.Track == "" || lv.Track == track {
			view.Levels = append(view.Levels, lv)
		}
	}
	return &view
}

// PillarKey normalizes a pillar name into a key: lower case, punctuation
// dropped, whitespace collapsed.
func PillarKey(name string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r == '&':
			r = ' '
			fallthrough
		case isSpaceOrPunct(r):
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isSpaceOrPunct(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '.', ',', ':', ';', '-', '–', '—', '_', '/', '(', ')', '[', ']', '*', '`', '"', '\'', '!', '?', '#':
		return true
	}
	return false
}
