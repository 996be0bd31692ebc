// Package htmlnode builds a small element tree from HTML with the
// golang.org/x/net/html tokenizer, keeping what html.Parse drops: the
// source line of every element. The HTML and matrix readers walk it.
//
// Script, style, template and noscript content never enters the tree,
// attributes other than id, class and role are not kept (so event
// handlers cannot reach any output), and entities are decoded once, by
// the tokenizer.
package htmlnode

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MaxDepth is the deepest element nesting kept; deeper elements are
// read as part of the element at this depth.
const MaxDepth = 256

// Node is an element or a text.
type Node struct {
	// Tag is the element's lower-case name, "" for a text node.
	Tag string
	// Text is a text node's decoded text.
	Text string
	// ID, Class and Role are the element's attributes of those names.
	ID, Class, Role string
	// Colspan and Rowspan are a table cell's spans (0 when absent).
	Colspan, Rowspan int
	// Line is the 1-based source line where the node starts.
	Line int
	// Children are the child nodes in document order.
	Children []*Node
	parent   *Node
}

// dropped are elements whose content is never text of the page.
var dropped = map[string]bool{"script": true, "style": true, "template": true, "noscript": true, "iframe": true, "object": true, "svg": true, "math": true, "head": true, "title": true}

// void elements have no end tag.
var void = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// closes lists, for an element, the open elements its start tag ends
// (a new <li> ends the open <li>, a <tr> the open <td>).
var closes = map[string][]string{
	"li": {"li"}, "p": {"p"}, "td": {"td", "th"}, "th": {"td", "th"}, "tr": {"tr", "td", "th"},
	"dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tbody": {"tbody", "thead", "tr", "td", "th"}, "thead": {"tbody", "thead", "tr", "td", "th"},
}

// scopes stop the search for an element to close.
var scopes = map[string]bool{"ul": true, "ol": true, "table": true, "dl": true, "div": true, "body": true, "html": true, "section": true, "article": true, "main": true, "td": true, "th": true}

// Parse builds the tree of src, whose first line is line first of its
// file.
func Parse(src []byte, first int) *Node {
	root := &Node{Tag: "#root", Line: first}
	cur := root
	depth := 0
	z := html.NewTokenizer(bytes.NewReader(src))
	z.SetMaxBuf(0)
	line := first
	skip := 0 // inside a dropped element
	var skipTag string
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		at := line
		line += bytes.Count(raw, []byte("\n"))
		switch tt {
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := string(z.Text())
			if strings.TrimSpace(t) == "" && !strings.Contains(t, " ") {
				continue
			}
			// The line of the first non-space character.
			lead := len(t) - len(strings.TrimLeft(t, " \t\n"))
			cur.Children = append(cur.Children, &Node{Text: t, Line: at + strings.Count(t[:lead], "\n"), parent: cur})
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if a := atom.Lookup(name); a != 0 {
				tag = a.String()
			}
			if skip > 0 {
				if tag == skipTag && tt == html.StartTagToken {
					skip++
				}
				continue
			}
			if dropped[tag] {
				if tt == html.StartTagToken {
					skip, skipTag = 1, tag
				}
				continue
			}
			n := &Node{Tag: tag, Line: at}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "id":
					n.ID = string(v)
				case "class":
					n.Class = string(v)
				case "role":
					n.Role = string(v)
				case "colspan":
					n.Colspan = atoi(v)
				case "rowspan":
					n.Rowspan = atoi(v)
				}
			}
			if cl := closes[tag]; cl != nil {
				for c := cur; c != root && !(scopes[c.Tag] && !contains(cl, c.Tag)); c = c.parent {
					if contains(cl, c.Tag) {
						cur = c.parent
						depth = nodeDepth(cur)
						break
					}
				}
			}
			if depth >= MaxDepth {
				continue
			}
			n.parent = cur
			cur.Children = append(cur.Children, n)
			if tt == html.StartTagToken && !void[tag] {
				cur = n
				depth++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skip > 0 {
				if tag == skipTag {
					skip--
				}
				continue
			}
			for c := cur; c != root; c = c.parent {
				if c.Tag == tag {
					cur = c.parent
					depth = nodeDepth(cur)
					break
				}
			}
		}
	}
	return root
}

func atoi(b []byte) int {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' || n > 1000 {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func nodeDepth(n *Node) int {
	d := 0
	for ; n != nil && n.parent != nil; n = n.parent {
		d++
	}
	return d
}

// TextContent is the node's text with whitespace collapsed; nested lists
// are left out when skipLists is set.
func (n *Node) TextContent(skipLists bool) string {
	var b strings.Builder
	var walk func(*Node)
	walk = func(n *Node) {
		if n.Tag == "" {
			b.WriteString(n.Text)
			return
		}
		if skipLists && (n.Tag == "ul" || n.Tag == "ol") {
			return
		}
		if n.Tag == "br" || n.Tag == "p" || n.Tag == "div" || n.Tag == "li" {
			b.WriteByte(' ')
		}
		for _, c := range n.Children {
			walk(c)
		}
		if n.Tag == "p" || n.Tag == "div" {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// Find returns the first element, depth first, for which f is true.
func (n *Node) Find(f func(*Node) bool) *Node {
	if n.Tag != "" && f(n) {
		return n
	}
	for _, c := range n.Children {
		if r := c.Find(f); r != nil {
			return r
		}
	}
	return nil
}

// Elements returns the element children.
func (n *Node) Elements() []*Node {
	var out []*Node
	for _, c := range n.Children {
		if c.Tag != "" {
			out = append(out, c)
		}
	}
	return out
}

// HasWord reports whether the class attribute or id holds the word.
func (n *Node) HasWord(words ...string) bool {
	for _, w := range words {
		if strings.EqualFold(n.ID, w) {
			return true
		}
		for _, c := range strings.Fields(n.Class) {
			if strings.EqualFold(c, w) {
				return true
			}
		}
	}
	return false
}
