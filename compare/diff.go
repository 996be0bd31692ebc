package compare

import (
	"bytes"
	"slices"
	"strings"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/internal/spaces"
)

// Department is one framework folder on one side of a diff.
type Department struct {
	// Name is the folder's name ("infrastructure").
	Name string
	// Framework is the loaded framework.
	Framework *framework.Framework
}

// Side is one version of a framework (a folder or a git revision): its
// departments and a way to read include files for comparison.
type Side struct {
	Departments []Department
	// ReadFile reads a site-relative file; it reports an error when the
	// file does not exist on this side.
	ReadFile func(path string) ([]byte, error)
}

// LevelStatus says how a level changed between two versions.
type LevelStatus string

// The level statuses.
const (
	LevelAdded     LevelStatus = "added"
	LevelRemoved   LevelStatus = "removed"
	LevelChanged   LevelStatus = "changed"
	LevelUnchanged LevelStatus = "unchanged"
)

// LevelDiff is what changed in one level between two versions.
type LevelDiff struct {
	// Ref is "dept/slug".
	Ref string
	// Status says how the level changed.
	Status LevelStatus
	// Old and New are the two versions (nil where absent).
	Old, New *framework.Level
	// SummaryChanged says the level's intro text changed; SummaryDiff is
	// its word diff.
	SummaryChanged bool
	SummaryDiff    []Op
	// Report compares the two versions, without the changes that come
	// from changed include files (those are reported once, by include);
	// for an added or removed level it lists every item as added or
	// removed; nil for an unchanged level whose files are the same.
	Report *Report
	// Includes are the changed include files the level reads.
	Includes []string
	// LinkChanges are items whose link targets alone changed.
	LinkChanges []Change
}

// IncludeDiff is a changed include file.
type IncludeDiff struct {
	// Path is the site-relative path.
	Path string
	// Status is "added", "removed" or "changed".
	Status string
	// Affects lists the levels ("dept/slug") that read the file, in
	// either version.
	Affects []string
	// Changes are the item changes inside the file, once.
	Changes []Change
}

// Ignored counts changes that are not shown as rewording.
type Ignored struct {
	// Whitespace counts items whose Markdown changed in whitespace only.
	Whitespace int `json:"whitespace"`
	// Links counts items whose link targets alone changed.
	Links int `json:"links"`
}

// FrameworkDiff is what changed between two versions of a framework.
type FrameworkDiff struct {
	Levels   []LevelDiff
	Includes []IncludeDiff
	Ignored  Ignored
}

// Changed reports whether any level changed (whitespace-only edits, and
// link-only edits under WithIgnoreLinks, leave a level unchanged).
func (d *FrameworkDiff) Changed() bool {
	for _, l := range d.Levels {
		if l.Status != LevelUnchanged {
			return true
		}
	}
	return false
}

// Frameworks compares two versions of a framework, level by level, with
// the same alignment as Levels.
func Frameworks(old, new Side, opts ...Option) *FrameworkDiff {
	cfg := newConfig(opts)
	d := &FrameworkDiff{}
	var entries []diffEntry
	index := map[string]int{}
	for _, dep := range new.Departments {
		for _, lv := range dep.Framework.Levels {
			ref := dep.Name + "/" + lv.Slug
			index[ref] = len(entries)
			entries = append(entries, diffEntry{ref: ref, new: lv})
		}
	}
	// Levels only in the old version go after the level that preceded
	// them there.
	for _, dep := range old.Departments {
		prev := -1
		for _, lv := range dep.Framework.Levels {
			ref := dep.Name + "/" + lv.Slug
			if i, ok := index[ref]; ok {
				entries[i].old = lv
				prev = i
				continue
			}
			at := prev + 1
			if prev < 0 {
				at = firstOfDept(entries, dep.Name, len(entries))
			}
			entries = slices.Insert(entries, at, diffEntry{ref: ref, old: lv})
			for k, e := range entries {
				index[e.ref] = k
			}
			prev = at
		}
	}

	// Include files: which changed, and who reads them.
	readers := map[string][]string{}
	for _, e := range entries {
		for _, lv := range []*framework.Level{e.old, e.new} {
			if lv == nil {
				continue
			}
			for _, inc := range lv.Includes {
				if !slices.Contains(readers[inc], e.ref) {
					readers[inc] = append(readers[inc], e.ref)
				}
			}
		}
	}
	changedInc := map[string]int{}
	incPaths := make([]string, 0, len(readers))
	for p := range readers {
		incPaths = append(incPaths, p)
	}
	slices.Sort(incPaths)
	for _, p := range incPaths {
		a, errA := old.ReadFile(p)
		b, errB := new.ReadFile(p)
		status := ""
		switch {
		case errA != nil && errB != nil:
			continue
		case errA != nil:
			status = "added"
		case errB != nil:
			status = "removed"
		case !bytes.Equal(a, b):
			status = "changed"
		default:
			continue
		}
		changedInc[p] = len(d.Includes)
		d.Includes = append(d.Includes, IncludeDiff{Path: p, Status: status, Affects: readers[p]})
	}
	seen := map[string]bool{}

	for _, e := range entries {
		ld := LevelDiff{Ref: e.ref, Old: e.old, New: e.new}
		switch {
		case e.old == nil:
			ld.Status = LevelAdded
			ld.Report = Levels(&framework.Level{}, e.new, opts...) // every item added
		case e.new == nil:
			ld.Status = LevelRemoved
			ld.Report = Levels(e.old, &framework.Level{}, opts...) // every item removed
		case e.old == e.new && !readsChanged(e.old, changedInc) || sameFiles(e.old, e.new, old, new, changedInc):
			// The level the other version parsed (see
			// framework.WithBaseline), or the same page bytes and the same
			// include files: nothing to align.
			ld.Status = LevelUnchanged
		default:
			ld.Status = LevelUnchanged
			if e.old.Summary != e.new.Summary {
				ld.SummaryChanged = true
				ld.SummaryDiff = WordDiff(e.old.Summary, e.new.Summary)
			}
			r := Levels(e.old, e.new, opts...)
			r.FromRef, r.ToRef = e.ref, e.ref
			d.sift(&ld, r, changedInc, seen)
			ld.Report = r
			for _, inc := range append(append([]string{}, e.old.Includes...), e.new.Includes...) {
				if _, ok := changedInc[inc]; ok && !slices.Contains(ld.Includes, inc) {
					ld.Includes = append(ld.Includes, inc)
				}
			}
			if ld.SummaryChanged || r.Changed() || len(ld.Includes) > 0 ||
				len(ld.LinkChanges) > 0 && !cfg.ignoreLinks {
				ld.Status = LevelChanged
			}
		}
		d.Levels = append(d.Levels, ld)
	}
	return d
}

// diffEntry is a level present in either version.
type diffEntry struct {
	ref      string
	old, new *framework.Level
}

// firstOfDept is the index of the department's first level, or def.
func firstOfDept(entries []diffEntry, dept string, def int) int {
	for i, e := range entries {
		if strings.HasPrefix(e.ref, dept+"/") {
			return i
		}
	}
	return def
}

// sameFiles reports whether a level's page and every include it reads
// are byte for byte the same in both versions.
func sameFiles(a, b *framework.Level, old, new Side, changedInc map[string]int) bool {
	if a.File != b.File || !slices.Equal(a.Includes, b.Includes) || readsChanged(a, changedInc) {
		return false
	}
	x, errA := old.ReadFile(a.File)
	y, errB := new.ReadFile(b.File)
	return errA == nil && errB == nil && bytes.Equal(x, y)
}

// readsChanged reports whether a level reads an include file that
// changed between the versions.
func readsChanged(lv *framework.Level, changedInc map[string]int) bool {
	for _, inc := range lv.Includes {
		if _, ok := changedInc[inc]; ok {
			return true
		}
	}
	return false
}

// sift takes out of a level's report the changes that belong to changed
// include files (recorded once on the include), and turns "same" items
// whose Markdown changed into ignored whitespace or link changes, or into
// rewording when their case or punctuation changed.
func (d *FrameworkDiff) sift(ld *LevelDiff, r *Report, changedInc map[string]int, seen map[string]bool) {
	r.Summary = Summary{}
	for pi := range r.Pillars {
		p := &r.Pillars[pi]
		kept := p.Changes[:0]
		p.Summary = Summary{}
		for _, c := range p.Changes {
			if c.Kind == Same && c.From.Markdown != c.To.Markdown {
				switch {
				case spaces.Collapse(c.From.Markdown) == spaces.Collapse(c.To.Markdown):
					d.Ignored.Whitespace++
				case spaces.Collapse(stripLinkTargets(c.From.Markdown)) == spaces.Collapse(stripLinkTargets(c.To.Markdown)):
					d.Ignored.Links++
					ld.LinkChanges = append(ld.LinkChanges, c)
				default:
					c.Kind = Reworded
					c.Diff = WordDiff(itemText(c.From), itemText(c.To))
				}
			}
			if c.Kind != Same {
				if inc, ok := includeOf(c, changedInc); ok {
					key := string(c.Kind) + "\x00" + itemText(c.From) + "\x00" + itemText(c.To)
					if !seen[inc+key] {
						seen[inc+key] = true
						i := changedInc[inc]
						d.Includes[i].Changes = append(d.Includes[i].Changes, c)
					}
					continue
				}
			}
			kept = append(kept, c)
			p.Summary.add(c.Kind)
			r.Summary.add(c.Kind)
		}
		p.Changes = kept
		if p.Status == PillarChanged && !p.Summary.Changed() && p.RenamedFrom == "" {
			p.Status = PillarSame
		}
	}
}

// includeOf says which changed include file a change belongs to: both
// its items (where present) come from changed include files.
func includeOf(c Change, changed map[string]int) (string, bool) {
	var from, to string
	if c.From != nil {
		from = c.From.Source.File
		if _, ok := changed[from]; !ok {
			return "", false
		}
	}
	if c.To != nil {
		to = c.To.Source.File
		if _, ok := changed[to]; !ok {
			return "", false
		}
		return to, true
	}
	return from, from != ""
}

// stripLinkTargets removes the targets of Markdown links, keeping their
// text: "[runbooks](/a/)" and "[runbooks](/b/)" become equal.
func stripLinkTargets(md string) string {
	var b strings.Builder
	for {
		i := strings.Index(md, "](")
		if i < 0 {
			b.WriteString(md)
			return b.String()
		}
		end := strings.IndexByte(md[i:], ')')
		if end < 0 {
			b.WriteString(md)
			return b.String()
		}
		b.WriteString(md[:i+1])
		md = md[i+end+1:]
	}
}
