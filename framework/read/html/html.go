// Package html is the HTML reader: a folder of HTML pages, one per level
// (Dropbox's career framework), or a single page:
//
//	<h1>IC3 Software Engineer</h1>
//	<h2>Results</h2>
//	<p><strong>Ownership</strong></p>
//	<ul><li>I take responsibility for my decisions</li></ul>
//
// The page's first <h1> names the level; each <h2> is a pillar, and a
// paragraph in bold alone, or an <h3> and below, is a sub-competency that
// groups the items after it. Bold-labelled lists before the first <h2>
// (Scope, Impact Levers) are pillars of their own. Items are the <li>s,
// nested lists their children. Navigation (nav, header, footer, aside and
// elements called toc, nav, sidebar or menu) is not content, and script,
// style and event handlers never reach the model. Levels are in file name
// order ("ic2" before "ic10"); a leading code ("IC3", "M3") is the
// level's slug, and puts it on the track of its letters when the pages
// have more than one.
package html

import (
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/read/htmlnode"
	"github.com/ladder-cli/ladder/framework/read/input"
)

// Name is the shape's name, as --input takes it.
const Name = "html"

// Detect reports whether the input is an HTML page, or a folder holding
// HTML pages and no Markdown.
func Detect(in *input.Input) bool {
	if !in.IsDir {
		low := strings.ToLower(in.Name)
		return strings.HasSuffix(low, ".html") || strings.HasSuffix(low, ".htm")
	}
	pages, err := in.Files(false, ".html", ".htm")
	if err != nil || len(pages) == 0 {
		return false
	}
	md, _ := in.Files(false, ".md")
	return len(md) == 0
}

// Read reads every page; a page with no <h1> is not a level.
func Read(in *input.Input) (*framework.Framework, error) {
	pages, err := in.Files(false, ".html", ".htm")
	if err != nil {
		return nil, err
	}
	sort.SliceStable(pages, func(i, j int) bool { return natural(path.Base(pages[i]), path.Base(pages[j])) })
	fw := &framework.Framework{Dir: in.Name, Order: "filename", Levels: []*framework.Level{}}
	for _, p := range pages {
		data, err := in.ReadFile(p)
		if err != nil {
			return nil, err
		}
		if lv := Parse(data, p, in.Limits); lv != nil {
			fw.Levels = append(fw.Levels, lv)
		}
	}
	codeTracks(fw)
	codeSlugs(fw)
	return fw, nil
}

// codeSlugs names levels by their codes ("ic3") when every level has a
// code of its own.
func codeSlugs(fw *framework.Framework) {
	seen := map[string]bool{}
	for _, lv := range fw.Levels {
		m := codeRE.FindString(lv.Name)
		if m == "" || seen[strings.ToLower(m)] {
			return
		}
		seen[strings.ToLower(m)] = true
	}
	for _, lv := range fw.Levels {
		lv.Slug = strings.ToLower(codeRE.FindString(lv.Name))
	}
}

var codeRE = regexp.MustCompile(`^([A-Za-z]{1,3})\d+\b`)

// codeTracks puts levels named with a code on the track of its letters
// when there are several such tracks.
func codeTracks(fw *framework.Framework) {
	tracks := map[string]bool{}
	for _, lv := range fw.Levels {
		if m := codeRE.FindStringSubmatch(lv.Name); m != nil {
			tracks[strings.ToLower(m[1])] = true
		}
	}
	if len(tracks) < 2 {
		return
	}
	for _, lv := range fw.Levels {
		if m := codeRE.FindStringSubmatch(lv.Name); m != nil {
			lv.Track = strings.ToLower(m[1])
		}
	}
}

// natural orders names with their digit runs compared as numbers.
func natural(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, _ := strconv.Atoi(a[:min(da, 9)])
			nb, _ := strconv.Atoi(b[:min(db, 9)])
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// notContent are the elements that are navigation, not content.
var notContent = map[string]bool{"nav": true, "header": true, "footer": true, "aside": true, "form": true, "button": true}

func skipped(n *htmlnode.Node) bool {
	return notContent[n.Tag] || n.Role == "navigation" || n.HasWord("toc", "nav", "navbar", "navigation", "sidebar", "menu", "breadcrumb", "breadcrumbs")
}

// Parse reads one page as a level; nil when it has no <h1>.
func Parse(data []byte, file string, limits framework.Limits) *framework.Level {
	root := htmlnode.Parse(data, 1)
	content := root.Find(func(n *htmlnode.Node) bool { return n.Tag == "main" || n.Role == "main" })
	if content == nil {
		content = root.Find(func(n *htmlnode.Node) bool { return n.Tag == "body" })
	}
	if content == nil {
		content = root
	}
	r := &reader{file: file, limits: limits}
	r.walk(content)
	if r.lv == nil {
		return nil
	}
	base := strings.TrimSuffix(strings.TrimSuffix(path.Base(file), ".html"), ".htm")
	r.lv.Slug = input.Slug(base)
	r.lv.Summary = strings.Join(r.summary, " ")
	return r.lv
}

type reader struct {
	file    string
	limits  framework.Limits
	lv      *framework.Level
	pillar  *framework.Pillar
	group   string
	inH2    bool // a pillar from an <h2> is open
	summary []string
}

func (r *reader) src(n *htmlnode.Node) framework.Source {
	return framework.Source{File: r.file, Line: n.Line}
}

func (r *reader) walk(n *htmlnode.Node) {
	for _, c := range n.Children {
		if c.Tag == "" || skipped(c) {
			continue
		}
		switch c.Tag {
		case "h1":
			t := input.CleanName(c.TextContent(false))
			if r.lv == nil && t != "" {
				r.lv = input.NewLevel(input.Slug(t), t, r.file)
			}
			// A later <h1> ("Core Responsibilities") only groups pillars.
		case "h2":
			if r.lv == nil {
				continue
			}
			t := input.CleanName(c.TextContent(false))
			r.pillar = input.PillarOf(r.lv, t, r.src(c))
			r.group, r.inH2 = "", true
		case "h3", "h4", "h5", "h6":
			if r.lv != nil {
				r.label(input.CleanName(c.TextContent(false)), c)
			}
		case "p":
			if r.lv == nil {
				continue
			}
			if l, ok := boldLabel(c); ok {
				r.label(l, c)
				continue
			}
			t := c.TextContent(false)
			if t == "" {
				continue
			}
			if r.pillar == nil {
				r.summary = append(r.summary, t)
			} else if r.pillar.Note == "" {
				r.pillar.Note = t
			} else {
				r.pillar.Note += " " + t
			}
		case "ul", "ol":
			if r.lv == nil {
				continue
			}
			if r.pillar == nil {
				r.pillar = input.PillarOf(r.lv, "Overview", r.src(c))
			}
			r.pillar.Items = append(r.pillar.Items, r.items(c, 1)...)
		default:
			r.walk(c)
		}
	}
}

// label handles a sub-competency: under an <h2> it groups the items after
// it; before any <h2> it is a pillar of its own.
func (r *reader) label(t string, n *htmlnode.Node) {
	if t == "" {
		return
	}
	if r.inH2 {
		r.group = t
		return
	}
	r.pillar = input.PillarOf(r.lv, t, r.src(n))
	r.group = ""
}

// boldLabel reports a paragraph that starts with bold text and holds
// nothing else but an emphasised description ("<strong>Scope</strong>
// <em>Area of ownership</em>").
func boldLabel(p *htmlnode.Node) (string, bool) {
	els := p.Elements()
	if len(els) == 0 || (els[0].Tag != "strong" && els[0].Tag != "b") {
		return "", false
	}
	for _, c := range p.Children {
		if c.Tag == "" && strings.TrimSpace(c.Text) != "" {
			return "", false
		}
	}
	first := els[0]
	// "<strong><em>a whole sentence</em></strong>" is a statement.
	t := first.TextContent(false)
	if len(strings.Fields(t)) > 6 {
		return "", false
	}
	return input.CleanName(t), true
}

func (r *reader) items(list *htmlnode.Node, depth int) []*framework.Item {
	var out []*framework.Item
	for _, li := range list.Elements() {
		if li.Tag != "li" {
			continue
		}
		it := input.NewItem(li.TextContent(true), r.src(li), r.limits)
		it.Group = r.group
		for _, c := range li.Elements() {
			if c.Tag != "ul" && c.Tag != "ol" {
				continue
			}
			kids := r.items(c, depth+1)
			if depth >= r.limits.MaxNesting && r.limits.MaxNesting > 0 {
				for _, k := range kids {
					it.Text += " " + k.Text
				}
				continue
			}
			it.Children = append(it.Children, kids...)
		}
		if it.Text == "" && len(it.Children) == 0 {
			continue
		}
		out = append(out, it)
	}
	return out
}
