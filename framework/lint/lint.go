// Package lint checks a loaded framework for what a maintainer wants
// fixed before merging: broken includes and shortcodes, a pillar missing
// between two levels that have it, expectations that vanish at a higher
// level, duplicates, a table of contents out of step with its page, and
// inheritance links that point the wrong way.
package lint

import (
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/framework"
)

// Finding is one problem, at a file and line.
type Finding struct {
	// Source is where the problem stands (site-relative file, line).
	Source framework.Source `json:"source"`
	// Level is the slug of the level concerned.
	Level string `json:"level"`
	// Code is a short stable identifier, e.g. "missing-pillar".
	Code string `json:"code"`
	// Message says what is wrong.
	Message string `json:"message"`
	// Related is another position the message refers to, if any (the
	// first occurrence of a duplicate).
	Related *framework.Source `json:"related,omitempty"`
}

// Codes lists every check's code with what it finds.
var Codes = map[string]string{
	"missing-include":   "an include shortcode names a file that does not exist",
	"bad-shortcode":     "a shortcode is malformed (a typo such as {{$ ... %}})",
	"unknown-shortcode": "a shortcode ladder does not understand, left out of the text",
	"empty-heading":     "a heading without text",
	"item-too-long":     "an item over the length limit (64 KiB), cut",
	"missing-pillar":    "a pillar both neighbouring levels have is missing at this level",
	"dropped-item":      "an expectation missing at one level but expected below and above it",
	"duplicate-item":    "the same expectation twice in one level",
	"toc-dead-link":     "a table of contents entry names a section that does not exist",
	"toc-missing-entry": "a section the page's table of contents does not list",
	"inherits-self":     "an \"all competencies exhibited by\" link to the level itself",
	"inherits-higher":   "an \"all competencies exhibited by\" link to a higher level",
	"inherits-unknown":  "an \"all competencies exhibited by\" link to a level the framework does not have",
	"index-missing":     "a level page that the department's _index.md list of levels leaves out",
	"unparsable-page":   "a level page that cannot be read (front matter, encoding, size, includes); the other pages are still checked",
}

// PageErrors turns the errors of pages that could not be loaded into
// findings, so that lint reports them and goes on with the others.
func PageErrors(errs []error) []Finding {
	var out []Finding
	for _, err := range errs {
		f := Finding{Code: "unparsable-page", Message: err.Error()}
		var fe *framework.Error
		if errors.As(err, &fe) {
			f.Source = fe.Source
			f.Message = fe.Err.Error()
			if fe.Code != "" {
				f.Message += " (" + fe.Code + ")"
			}
			f.Level = strings.ToLower(strings.TrimSuffix(path.Base(fe.Source.File), ".md"))
		}
		out = append(out, f)
	}
	return out
}

// Check runs every check on a framework, in level order.
func Check(fw *framework.Framework) []Finding {
	var out []Finding
	add := func(lv *framework.Level, src framework.Source, code, format string, args ...any) *Finding {
		out = append(out, Finding{Source: src, Level: lv.Slug, Code: code, Message: fmt.Sprintf(format, args...)})
		return &out[len(out)-1]
	}
	for _, s := range fw.Unlisted {
		if lv := fw.Level(s); lv != nil {
			add(lv, framework.Source{File: lv.File, Line: 1}, "index-missing",
				"%s is not in the list of levels in its folder's _index.md; it is placed by its name, which may be wrong", lv.Slug)
		}
	}
	for i, lv := range fw.Levels {
		seenWarn := map[string]bool{}
		for _, w := range lv.Warnings {
			if key := w.String(); !seenWarn[key] {
				seenWarn[key] = true
				add(lv, w.Source, w.Code, "%s", w.Message)
			}
		}
		checkInherits(fw, i, add)
		checkTOC(lv, add)
		checkDuplicates(lv, add)
		if i > 0 && i+1 < len(fw.Levels) {
			checkMissingPillar(fw.Levels[i-1], lv, fw.Levels[i+1], add)
		}
		if i+2 < len(fw.Levels) {
			checkDropped(fw.Levels, i, add)
		}
	}
	return out
}

// adder records a finding and returns it, for fields beyond the message.
type adder func(lv *framework.Level, src framework.Source, code, format string, args ...any) *Finding

func checkInherits(fw *framework.Framework, i int, add adder) {
	lv := fw.Levels[i]
	for _, slug := range lv.Inherits {
		src := framework.Source{File: lv.File, Line: tocLine(lv, slug)}
		switch j := fw.Index(slug); {
		case slug == lv.Slug:
			add(lv, src, "inherits-self", "%s says it has all competencies of itself; link the level below", lv.Name)
		case j < 0:
			add(lv, src, "inherits-unknown", "%s inherits from %q, which is not a level of this framework", lv.Name, slug)
		case j > i:
			add(lv, src, "inherits-higher", "%s inherits from %s, which comes after it", lv.Name, fw.Levels[j].Name)
		}
	}
}

// tocLine is the line of the TOC entry that links a level, or 1.
func tocLine(lv *framework.Level, slug string) int {
	for _, e := range lv.TOC {
		if strings.Contains(strings.TrimRight(e.Target, "/"), "/"+slug) || strings.TrimRight(e.Target, "/") == slug {
			return e.Source.Line
		}
	}
	return 1
}

// anchor makes a heading's anchor as Hugo does: lower case, letters,
// digits, '-' and '_' kept, spaces to '-', the rest dropped.
func anchor(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// pillarAnchor is the anchor of a pillar's heading: its {#id}, or the
// one Hugo makes from the heading text.
func pillarAnchor(p *framework.Pillar) string {
	if p.Anchor != "" {
		return p.Anchor
	}
	return anchor(p.Heading)
}

func checkTOC(lv *framework.Level, add adder) {
	inPage := false
	for _, e := range lv.TOC {
		inPage = inPage || strings.HasPrefix(e.Target, "#")
	}
	if !inPage {
		return // no in-page table of contents, only inheritance links
	}
	sections := map[string]bool{}
	for _, p := range lv.Pillars {
		sections[pillarAnchor(p)] = true
		for _, g := range p.Path[:len(p.Path)-1] {
			sections[anchor(g)] = true
		}
	}
	listed := map[string]bool{}
	for _, e := range lv.TOC {
		if !strings.HasPrefix(e.Target, "#") {
			continue
		}
		a := strings.TrimPrefix(e.Target, "#")
		listed[a] = true
		if !sections[a] {
			add(lv, e.Source, "toc-dead-link", "table of contents links #%s, but no section has that anchor", a)
		}
	}
	for _, p := range lv.Pillars {
		if !listed[pillarAnchor(p)] {
			add(lv, p.Source, "toc-missing-entry", "section %q is not in the table of contents", p.Heading)
		}
	}
}

func checkDuplicates(lv *framework.Level, add adder) {
	first := map[string]*framework.Item{}
	for _, p := range lv.Pillars {
		for _, it := range p.Items {
			key := strings.Join(strings.FieldsFunc(strings.ToLower(it.Text), func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsDigit(r)
			}), " ")
			if key == "" {
				continue
			}
			if f, ok := first[key]; ok {
				src := f.Source
				add(lv, it.Source, "duplicate-item", "the same expectation as an earlier item").Related = &src
				continue
			}
			first[key] = it
		}
	}
}

func checkMissingPillar(prev, lv, next *framework.Level, add adder) {
	for _, p := range prev.Pillars {
		if next.Pillar(p.Key) != nil && lv.Pillar(p.Key) == nil {
			add(lv, framework.Source{File: lv.File, Line: 1}, "missing-pillar", "%s has no %q pillar, which %s and %s both have", lv.Name, p.Name, prev.Name, next.Name)
		}
	}
}

// returnScore is how close a later item must be to count as the same
// expectation coming back: well above compare's threshold, because
// levels two or more apart reword a lot and a loose match would flag
// ordinary growth.
const returnScore = 0.6

// checkDropped finds expectations that skip a level: expected at level
// k, gone at k+1 (which does not inherit k), back at a later level. An
// expectation that stops for good is a design choice; one that comes
// back was forgotten in between.
func checkDropped(levels []*framework.Level, k int, add adder) {
	lv, next := levels[k], levels[k+1]
	for _, s := range next.Inherits {
		if s == lv.Slug {
			return // the next level says it keeps all of this one's
		}
	}
	r := compare.Levels(lv, next)
	var gone []*framework.Item
	for _, p := range r.Pillars {
		if p.Status == compare.PillarRemoved {
			continue // the whole pillar is gone: missing-pillar says so
		}
		for _, c := range p.Changes {
			if c.Kind == compare.Removed {
				gone = append(gone, c.From)
			}
		}
	}
	if len(gone) == 0 {
		return
	}
	for j := k + 2; j < len(levels) && len(gone) > 0; j++ {
		back := map[*framework.Item]bool{}
		for _, p := range compare.Levels(lv, levels[j]).Pillars {
			for _, c := range p.Changes {
				if c.From != nil && c.To != nil && c.Score >= returnScore {
					back[c.From] = true
				}
			}
		}
		rest := gone[:0]
		for _, it := range gone {
			if back[it] {
				add(next, it.Source, "dropped-item", "expected at %s and again at %s, but %s has nothing like it", lv.Name, levels[j].Name, next.Name)
			} else {
				rest = append(rest, it)
			}
		}
		gone = rest
	}
}
