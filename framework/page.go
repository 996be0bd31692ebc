package framework

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// heading is a page heading with the blocks under it.
type heading struct {
	b        *block
	body     []*block // blocks up to the next page heading
	children []*heading
	parent   *heading
}

// buildLevel turns the blocks of an expanded page into a level.
// name is the level's display name, used to normalize pillar headings.
func buildLevel(lv *Level, blocks []*block, limits Limits) {
	// Split into a preamble and a tree of page headings. Headings from
	// include files, and page headings of level 5 or 6, label groups of
	// items: they stay in the body of the section they stand in.
	var pre []*block
	var roots []*heading
	var stack []*heading
	var cur *heading
	for _, b := range blocks {
		if b.kind == blockHeading && b.frame.parent == nil && b.level <= 4 {
			if b.plain == "" {
				b.text, b.plain = "Untitled", "Untitled"
				lv.Warnings = append(lv.Warnings, Warning{Source: b.src, Code: "empty-heading",
					Message: "heading without text; its section is shown as Untitled"})
			}
			h := &heading{b: b}
			for len(stack) > 0 && stack[len(stack)-1].b.level >= b.level {
				stack = stack[:len(stack)-1]
			}
			if len(stack) == 0 {
				roots = append(roots, h)
			} else {
				h.parent = stack[len(stack)-1]
				h.parent.children = append(h.parent.children, h)
			}
			stack = append(stack, h)
			cur = h
			continue
		}
		if cur == nil {
			pre = append(pre, b)
		} else {
			cur.body = append(cur.body, b)
		}
	}

	var summary []string
	takeIntro := func(body []*block) {
		for _, b := range body {
			switch b.kind {
			case blockParagraph:
				if b.frame.parent == nil {
					summary = append(summary, b.plain)
				}
			case blockList:
				if lv.readTOC(b) {
					continue
				}
			}
		}
	}
	takeIntro(pre)

	// The level heading: the first page heading, when its own body holds
	// no expectations and the page has other headings.
	if len(roots) > 0 {
		first := roots[0]
		if !hasItems(first.body) && (len(first.children) > 0 || len(roots) > 1) {
			takeIntro(first.body)
			rest := append([]*heading{}, first.children...)
			roots = append(rest, roots[1:]...)
			for _, h := range first.children {
				h.parent = nil
			}
		}
	}
	lv.Summary = strings.Join(summary, "\n\n")
	lv.nameFromHeading()

	var walk func(h *heading, path []string)
	walk = func(h *heading, groups []string) {
		name := pillarName(h.b.plain, lv.Name)
		if hasItems(h.body) || len(h.children) == 0 {
			p := &Pillar{Name: name, Heading: h.b.plain, Key: PillarKey(name), Anchor: h.b.anchor, Source: h.b.src}
			p.Path = append(append([]string{}, groups...), name)
			lv.fill(p, h.body, "", limits)
			// Page sub-headings under a pillar that has its own items label
			// groups within it.
			var sub func(hs []*heading)
			sub = func(hs []*heading) {
				for _, c := range hs {
					lv.fill(p, c.body, c.b.plain, limits)
					sub(c.children)
				}
			}
			sub(h.children)
			if len(p.Items) == 0 && p.Note == "" && len(h.children) == 0 && isTOCOnly(h.body) {
				return
			}
			lv.Pillars = append(lv.Pillars, p)
			return
		}
		for _, c := range h.children {
			walk(c, append(groups, name))
		}
	}
	for _, h := range roots {
		walk(h, nil)
	}
	uniqueKeys(lv.Pillars)
}

// uniqueKeys keeps pillar keys unique within a level: two pillars of the
// same name under different groups ("Engineering › Leadership" and
// "Product › Leadership") are keyed by their whole path, numbered from 2
// when that key is taken too (by a pillar of the same path, or by another
// pillar's own key: "Untitled › 2" beside a second "Untitled").
func uniqueKeys(ps []*Pillar) {
	count := map[string]int{}
	for _, p := range ps {
		count[p.Key]++
	}
	used := map[string]bool{}
	for _, p := range ps {
		if count[p.Key] < 2 {
			used[p.Key] = true
		}
	}
	for _, p := range ps {
		if count[p.Key] < 2 {
			continue
		}
		base := PillarKey(strings.Join(p.Path, " "))
		key := base
		for n := 2; used[key]; n++ {
			key = base + " " + strconv.Itoa(n)
		}
		used[key] = true
		p.Key = key
	}
}

// hasItems reports whether blocks hold list items other than a TOC.
func hasItems(body []*block) bool {
	for _, b := range body {
		if b.kind == blockList && !isTOC(b) {
			return true
		}
	}
	return false
}

func isTOCOnly(body []*block) bool {
	for _, b := range body {
		if b.kind != blockRule && !(b.kind == blockList && isTOC(b)) {
			return false
		}
	}
	return len(body) > 0
}

// fill adds the items and notes of a section body to a pillar.
// pageLabel is the group label of items from the page itself.
func (lv *Level) fill(p *Pillar, body []*block, pageLabel string, limits Limits) {
	labels := map[*frame]string{}
	var pageFrame *frame
	for _, b := range body {
		if b.frame.parent == nil {
			pageFrame = b.frame
		}
		switch b.kind {
		case blockHeading:
			labels[b.frame] = b.plain
		case blockRule:
		case blockParagraph:
			if t := b.plain; t != "" {
				if p.Note != "" {
					p.Note += "\n\n"
				}
				p.Note += t
			}
		case blockList:
			if lv.readTOC(b) {
				continue
			}
			group := pageLabel
			for f := b.frame; f != nil; f = f.parent {
				if l, ok := labels[f]; ok {
					group = l
					break
				}
				if f.parent == nil || f == pageFrame {
					break
				}
			}
			for _, ri := range b.items {
				if it := lv.convertItem(ri, group, limits); it != nil {
					p.Items = append(p.Items, it)
				}
			}
		}
	}
}

// convertItem turns a list item as written into an Item; it returns nil
// for a marker with no text and no children. An item over the length
// limit is cut, with a warning.
func (lv *Level) convertItem(ri *rawItem, group string, limits Limits) *Item {
	md, text := strings.Join(ri.lines, "\n"), ri.plain
	if limits.MaxItemLength > 0 && len(md) > limits.MaxItemLength {
		lv.Warnings = append(lv.Warnings, Warning{Source: ri.src, Code: "item-too-long",
			Message: fmt.Sprintf("item is %d bytes, over the %d byte limit; cut", len(md), limits.MaxItemLength)})
		md = truncateUTF8(md, limits.MaxItemLength) + "…"
		text = plainText(md)
	}
	it := &Item{Markdown: md, Text: text, Group: group, Source: ri.src, Children: []*Item{}}
	for _, c := range ri.children {
		if ci := lv.convertItem(c, group, limits); ci != nil {
			it.Children = append(it.Children, ci)
		}
	}
	if it.Text == "" && len(it.Children) == 0 {
		return nil // a marker with nothing after it is no expectation
	}
	return it
}

func truncateUTF8(s string, n int) string {
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// isTOC reports whether a list is a table of contents: every top-level
// item is one in-page anchor link, or an "all competencies of" link.
func isTOC(b *block) bool {
	for _, it := range b.items {
		md := strings.TrimSpace(strings.Join(it.lines, " "))
		if len(it.children) > 0 {
			return false
		}
		text, target, ok := soleLink(md)
		if !ok {
			if _, ok := inheritLink(md); ok {
				continue
			}
			return false
		}
		if !strings.HasPrefix(target, "#") && !isInheritText(text) {
			return false
		}
	}
	return len(b.items) > 0
}

// inheritLink reads an "all competencies of" statement whose link is on
// part of it ("All competencies exhibited by an [Intermediate](../intermediate/)"):
// the plain text starts as an inheritance statement and the Markdown
// holds exactly one link, whose target it returns.
func inheritLink(md string) (target string, ok bool) {
	if !isInheritText(md) || strings.Count(md, "](") != 1 {
		return "", false
	}
	open := strings.LastIndex(md[:strings.Index(md, "](")], "[")
	if open < 0 {
		return "", false
	}
	end := strings.IndexByte(md[open:], ')')
	if end < 0 {
		return "", false
	}
	_, target, ok = soleLink(md[open : open+end+1])
	return target, ok && target != "" && !strings.HasPrefix(target, "#")
}

// readTOC records a TOC list on the level; it reports false for any
// other list.
func (lv *Level) readTOC(b *block) bool {
	if !isTOC(b) {
		return false
	}
	for _, it := range b.items {
		md := strings.TrimSpace(strings.Join(it.lines, " "))
		text, target, ok := soleLink(md)
		if !ok {
			text = md
			target, _ = inheritLink(md)
		}
		if isInheritText(text) {
			if slug := slugFromLink(target); slug != "" {
				lv.Inherits = append(lv.Inherits, slug)
			}
		}
		lv.TOC = append(lv.TOC, TOCEntry{Text: plainText(text), Target: target, Source: it.src})
	}
	return true
}

// soleLink parses Markdown that is exactly one link, "[text](target)".
func soleLink(md string) (text, target string, ok bool) {
	md = strings.TrimSpace(strings.Trim(strings.TrimSpace(md), "*_"))
	if !strings.HasPrefix(md, "[") || !strings.HasSuffix(md, ")") {
		return "", "", false
	}
	i := strings.Index(md, "](")
	if i < 0 || strings.Contains(md[i+2:len(md)-1], "](") {
		return "", "", false
	}
	target = strings.TrimSpace(md[i+2 : len(md)-1])
	if j := strings.IndexAny(target, " \t"); j >= 0 {
		target = target[:j] // drop a link title
	}
	return md[1:i], target, true
}

func isInheritText(text string) bool {
	t := strings.ToLower(plainText(text))
	return strings.HasPrefix(t, "all competencies") || strings.HasPrefix(t, "all expectations") ||
		strings.HasPrefix(t, "all the competencies")
}

// slugFromLink takes the level slug from a link such as
// "/handbook/engineering/careers/matrix/intermediate/".
func slugFromLink(target string) string {
	if i := strings.IndexAny(target, "#?"); i >= 0 {
		target = target[:i]
	}
	target = strings.TrimSuffix(strings.TrimRight(target, "/"), ".md")
	return strings.ToLower(path.Base(target))
}

// pillarName removes the level's name from a section heading:
// "Associate Leadership Competencies" -> "Leadership Competencies".
// h is the heading's plain text.
func pillarName(h, level string) string {
	if level == "" {
		return h
	}
	const seps = " :-–—"
	out, found := h, false
	// "[Senior] X", "Senior's X", "Seniors X", "Senior X", "Senior: X";
	// not "Seniority X".
	for _, pre := range []string{"[" + level + "]", level + "'s ", level + "s ", level} {
		if n := prefixFold(h, pre); n > 0 {
			rest := h[n:]
			if pre == level && rest != "" && !strings.ContainsRune(seps, firstRune(rest)) {
				continue
			}
			out, found = rest, true
			break
		}
	}
	// "X (Senior)", "X [Senior]", "X: Senior", "X - Senior".
	for _, suf := range []string{"(" + level + ")", "[" + level + "]", level} {
		if found {
			break
		}
		if n := suffixFold(h, suf); n >= 0 {
			rest := h[:n]
			if suf == level && rest != "" && !strings.ContainsRune(seps, lastRune(rest)) {
				continue
			}
			out, found = rest, true
		}
	}
	out = strings.Trim(out, seps)
	if out == "" {
		return h
	}
	return out
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// suffixFold returns where the suffix of s that equals p under Unicode
// case folding starts, or -1.
func suffixFold(s, p string) int {
	n := utf8.RuneCountInString(p)
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	if n > 0 || !strings.EqualFold(s[i:], p) {
		return -1
	}
	return i
}

// nameFromHeading sets the level's name from its title when the title
// spells the slug-derived name in another case.
func (lv *Level) nameFromHeading() {
	if i := indexFold(lv.Title, lv.Name); i >= 0 {
		lv.Name = lv.Title[i : i+len(lv.Name)]
	}
}

func indexFold(s, sub string) int {
	if sub == "" || len(sub) > len(s) {
		return -1
	}
	ls, lsub := strings.ToLower(s), strings.ToLower(sub)
	if len(ls) != len(s) || len(lsub) != len(sub) {
		return -1
	}
	return strings.Index(ls, lsub)
}

// prefixFold returns the byte length of the prefix of s that equals p
// under Unicode case folding, or 0.
func prefixFold(s, p string) int {
	n := utf8.RuneCountInString(p)
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if n > 0 || !strings.EqualFold(s[:i], p) {
		return 0
	}
	return i
}
