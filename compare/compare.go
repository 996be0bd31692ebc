// Package compare aligns the items of two career levels and describes
// what changed: same, reworded, added, removed and moved items, with
// word-level diffs. It does no I/O; package render writes its reports.
package compare

import (
	"path"
	"slices"

	"github.com/ladder-cli/ladder/framework"
)

// Kind is the kind of a change between two levels.
type Kind string

// The change kinds.
const (
	Same     Kind = "same"
	Reworded Kind = "reworded"
	Added    Kind = "added"
	Removed  Kind = "removed"
	Moved    Kind = "moved"
	// Inherited is an item of the lower level that the higher level does
	// not restate but keeps through a statement such as "All
	// competencies exhibited by an Intermediate".
	Inherited Kind = "inherited"
)

// Kinds lists every change kind in display order.
var Kinds = []Kind{Same, Reworded, Added, Removed, Moved, Inherited}

// DefaultThreshold is the similarity above which two different texts are
// taken as the same expectation reworded. It was chosen by measuring
// precision and recall against hand-labelled pairings of real pages
// (see docs/alignment.md).
const DefaultThreshold = 0.25

// moveMargin is added to the threshold for pairs across pillars: without
// the shared pillar as evidence, a pairing needs more shared wording.
const moveMargin = 0.15

// Option configures a comparison.
type Option func(*config)

type config struct {
	threshold      float64
	moveThreshold  float64
	exhaustive     bool
	moveAcrossKeys bool
	ignoreLinks    bool
	// asWritten turns inheritance off (WithoutInheritance); inheritsFrom,
	// when set, replaces the higher level's own Inherits list.
	asWritten    bool
	inheritsFrom []string
	// units, when set, keeps each pillar's alignment units so that the
	// comparisons of one Gap share item identities.
	units map[*framework.Pillar]unitSet
	// noDiffs leaves the changes' word diffs out: Gap reads only the
	// pairings of its steps and diffs the ends itself.
	noDiffs bool
}

func newConfig(opts []Option) config {
	c := config{threshold: DefaultThreshold, moveAcrossKeys: true}
	for _, o := range opts {
		o(&c)
	}
	if c.moveThreshold == 0 {
		c.moveThreshold = c.threshold + moveMargin
	}
	return c
}

// WithThreshold sets the similarity threshold for reworded and moved pairs.
func WithThreshold(t float64) Option { return func(c *config) { c.threshold = t } }

// WithExhaustive scores every pair of items instead of using the inverted
// index. The result is the same; it exists to prove that.
func WithExhaustive() Option { return func(c *config) { c.exhaustive = true } }

// WithIgnoreLinks makes a framework diff treat items whose link targets
// alone changed as unchanged (they are still counted).
func WithIgnoreLinks(ignore bool) Option { return func(c *config) { c.ignoreLinks = ignore } }

// WithoutInheritance compares the pages as written: items of the lower
// level that the higher level keeps by an inheritance statement are
// reported removed, not inherited.
func WithoutInheritance() Option { return func(c *config) { c.asWritten = true } }

// WithInheritedFrom names the levels (slugs) whose competencies the
// higher level keeps, instead of the higher level's own Inherits list;
// a caller that follows inheritance statements through several levels
// (staff → senior → intermediate) passes them all.
func WithInheritedFrom(slugs ...string) Option {
	return func(c *config) { c.inheritsFrom = append([]string{}, slugs...) }
}

// WithoutMoves turns off pairing items across pillars.
func WithoutMoves() Option { return func(c *config) { c.moveAcrossKeys = false } }

// Change is one aligned row: an item of the lower level, of the higher
// level, or both.
type Change struct {
	// Kind says what happened to the item.
	Kind Kind
	// From is the item at the lower level (nil for added items).
	From *framework.Item
	// To is the item at the higher level (nil for removed items).
	To *framework.Item
	// FromPillar and ToPillar name the pillars the items stand in.
	FromPillar, ToPillar string
	// Score is the similarity of From and To (1 for same, 0 when one is
	// missing).
	Score float64
	// Diff is the word-level diff from From to To, for reworded and moved
	// items.
	Diff []Op
}

// PillarStatus says how a pillar changed.
type PillarStatus string

// The pillar statuses.
const (
	PillarSame    PillarStatus = "same"
	PillarChanged PillarStatus = "changed"
	PillarAdded   PillarStatus = "added"
	PillarRemoved PillarStatus = "removed"
	// PillarInherited is a pillar of the lower level only, every item of
	// which the higher level keeps by inheritance.
	PillarInherited PillarStatus = "inherited"
)

// PillarReport is the comparison of one pillar.
type PillarReport struct {
	// Key is the pillar key both levels share.
	Key string
	// Name is the pillar's name (the higher level's, if it has it).
	Name string
	// Path is the pillar's heading path.
	Path []string
	// Status summarizes the pillar's changes.
	Status PillarStatus
	// RenamedFrom is the lower level's name of the pillar when it paired
	// under another name (most of its items carried over), else "".
	RenamedFrom string
	// Changes are the aligned items in the higher level's order, removed
	// items where they stood.
	Changes []Change
	// Summary counts the changes of this pillar.
	Summary Summary
}

// Summary counts changes by kind.
type Summary struct {
	Same     int `json:"same"`
	Reworded int `json:"reworded"`
	Added    int `json:"added"`
	Removed  int `json:"removed"`
	Moved    int `json:"moved"`
	// Inherited counts items kept by an inheritance statement.
	Inherited int `json:"inherited"`
}

// Plus adds two summaries.
func (s Summary) Plus(o Summary) Summary {
	return Summary{s.Same + o.Same, s.Reworded + o.Reworded, s.Added + o.Added, s.Removed + o.Removed, s.Moved + o.Moved, s.Inherited + o.Inherited}
}

// Changed reports whether anything other than same items is counted.
func (s Summary) Changed() bool { return s.Reworded+s.Added+s.Removed+s.Moved > 0 }

func (s *Summary) add(k Kind) {
	switch k {
	case Same:
		s.Same++
	case Reworded:
		s.Reworded++
	case Added:
		s.Added++
	case Removed:
		s.Removed++
	case Moved:
		s.Moved++
	case Inherited:
		s.Inherited++
	}
}

// Report is the comparison of two levels.
type Report struct {
	// From and To are the compared levels.
	From, To *framework.Level
	// FromRef and ToRef are the levels as the user named them, qualified
	// with their department when they come from different ones.
	FromRef, ToRef string
	// Threshold is the similarity threshold used.
	Threshold float64
	// Pillars are the pillar comparisons in the higher level's order.
	Pillars []PillarReport
	// Summary counts all changes.
	Summary Summary
}

// Changed reports whether the levels differ: any item change, or a
// pillar added, removed or renamed (even one with no items).
func (r *Report) Changed() bool {
	if r.Summary.Changed() {
		return true
	}
	for _, p := range r.Pillars {
		if p.Status != PillarSame {
			return true
		}
	}
	return false
}

// inherits reports whether the higher level keeps the lower level's
// items it does not restate: it names the lower level in an inheritance
// statement (or WithInheritedFrom names it), both stand in the same
// folder, and they are two levels, not two versions of one.
func (c config) inherits(from, to *framework.Level) bool {
	if c.asWritten || from.Slug == to.Slug || path.Dir(from.File) != path.Dir(to.File) {
		return false
	}
	list := to.Inherits
	if c.inheritsFrom != nil {
		list = c.inheritsFrom
	}
	return slices.Contains(list, from.Slug)
}

// bare reports whether a pillar is absent or a heading with nothing
// under it.
func bare(p *framework.Pillar) bool { return p == nil || len(p.Items) == 0 && p.Note == "" }

// Levels compares two levels.
func Levels(from, to *framework.Level, opts ...Option) *Report {
	c := newConfig(opts)
	r := &Report{From: from, To: to, FromRef: from.Slug, ToRef: to.Slug, Threshold: c.threshold}
	a := &aligner{cfg: c, v: newVocab()}
	a.run(from, to, r)
	if !c.noDiffs {
		fillWordDiffs(r)
	}
	// A section heading with nothing under it (no item, no note) is no
	// pillar: "Staff Collaboration Competencies" followed by the next
	// heading is not an added pillar.
	r.Pillars = slices.DeleteFunc(r.Pillars, func(p PillarReport) bool {
		return len(p.Changes) == 0 && bare(from.Pillar(p.Key)) && bare(to.Pillar(p.Key))
	})
	inherits := c.inherits(from, to)
	for i := range r.Pillars {
		p := &r.Pillars[i]
		kept := 0
		for j := range p.Changes {
			ch := &p.Changes[j]
			if inherits && ch.Kind == Removed {
				ch.Kind = Inherited
				kept++
			}
			p.Summary.add(ch.Kind)
			r.Summary.add(ch.Kind)
		}
		switch {
		case p.Status == PillarRemoved && kept > 0 && kept == len(p.Changes):
			p.Status = PillarInherited
		case p.Status == PillarAdded || p.Status == PillarRemoved:
		case p.Summary.Changed() || p.RenamedFrom != "":
			p.Status = PillarChanged
		default:
			p.Status = PillarSame
		}
	}
	return r
}
