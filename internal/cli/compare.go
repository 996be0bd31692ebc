package cli

import (
	"fmt"
	"strings"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/compare/render"
	"github.com/ladder-cli/ladder/framework"
	"github.com/spf13/cobra"
)

// CompareOptions are the inputs of `ladder compare`.
type CompareOptions struct {
	IO        *IOStreams
	Framework *frameworkFlags
	From, To  string
	Format    string
	View      string
	Only      []string
	Pillars   []string
	All       bool
	Explain   bool
	Threshold float64
	ExitCode  bool
	AsWritten bool
	Render    renderFlags
	kinds     []compare.Kind // Only, parsed
}

// NewCmdCompare builds `ladder compare FROM TO`.
func NewCmdCompare(ios *IOStreams, ff *frameworkFlags, runF func(*CompareOptions) error) *cobra.Command {
	opts := &CompareOptions{IO: ios, Framework: ff}
	cmd := &cobra.Command{
		Use:   "compare FROM TO",
		Short: "Compare two levels item by item",
		Long: `Compare two levels: pillars pair by name, items pair one to one as same,
reworded (with a word diff), added, removed, or moved to another pillar.
An item of FROM that TO does not restate but keeps through a statement such
as "All competencies exhibited by an Intermediate" is inherited (^); with
--as-written it counts as removed, as the page reads.

Levels are slugs or names in any case; DEPARTMENT/LEVEL names a level of a
department: its folder's path from --framework (development/dev/backend/senior),
or a folder beside the framework folder.`,
		Example: `  ladder compare associate intermediate
  ladder compare associate intermediate --view diff
  ladder compare senior staff --format markdown > senior-vs-staff.md
  ladder compare senior staff --format html > senior-vs-staff.html
  ladder compare infrastructure/senior development/senior --framework .../matrix/infrastructure
  ladder compare associate intermediate --only added,reworded --explain`,
		Args:              exactArgs(2, "FROM and TO levels"),
		ValidArgsFunction: completeLevels(ios, ff, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.From, opts.To = args[0], args[1]
			kinds, err := parseKinds(opts.Only)
			if err != nil {
				return err
			}
			opts.kinds = kinds
			if runF != nil {
				return runF(opts)
			}
			return compareRun(opts)
		},
	}
	formatFlag(cmd, &opts.Format, "table", "markdown", "json", "html")
	f := cmd.Flags()
	choiceFlag(cmd, &opts.View, "view", "", "view (side: two columns; diff: one column with word changes)", "side", "diff")
	f.StringSliceVar(&opts.Only, "only", nil, "show only these kinds: same, reworded, added, removed, moved, inherited (the summary and --exit-code still count every kind)")
	f.BoolVar(&opts.AsWritten, "as-written", false, "compare the pages as written: items kept by an inheritance statement count as removed")
	f.StringSliceVar(&opts.Pillars, "pillar", nil, "compare only these pillars (name or key, any case); the summary and --exit-code count them alone")
	f.BoolVar(&opts.All, "all", false, "show unchanged items in the diff view too")
	f.BoolVar(&opts.Explain, "explain", false, "show each pairing's similarity score")
	thresholdFlag(cmd, &opts.Threshold)
	f.BoolVar(&opts.ExitCode, "exit-code", false, "exit 1 when the levels differ, 0 when they do not")
	_ = cmd.RegisterFlagCompletionFunc("pillar", completePillars(ios, ff))
	_ = cmd.RegisterFlagCompletionFunc("only", cobra.FixedCompletions([]string{"same", "reworded", "added", "removed", "moved", "inherited"}, cobra.ShellCompDirectiveNoFileComp))
	opts.Render.register(cmd)
	return cmd
}

func parseKinds(names []string) ([]compare.Kind, error) {
	var out []compare.Kind
	for _, n := range names {
		k := compare.Kind(strings.ToLower(strings.TrimSpace(n)))
		ok := false
		for _, x := range compare.Kinds {
			ok = ok || x == k
		}
		if !ok {
			return nil, usagef("invalid --only kind %q (want same, reworded, added, removed, moved or inherited)", n)
		}
		out = append(out, k)
	}
	return out, nil
}

func compareRun(opts *CompareOptions) error {
	o, err := opts.Framework.open(opts.IO)
	if err != nil {
		return err
	}
	fromLd, fromSlug, err := o.resolve(opts.From)
	if err != nil {
		return err
	}
	toLd, toSlug, err := o.resolve(opts.To)
	if err != nil {
		return err
	}
	if fromLd.Dir() == toLd.Dir() && fromSlug == toSlug {
		fmt.Fprintf(opts.IO.ErrOut, "ladder: note: %s and %s are the same level; every item compares same\n", opts.From, opts.To)
	}
	var from, to *framework.Level
	if fromLd == toLd {
		// One department: both pages are parsed at once.
		lvs, err := o.parseLevels(fromLd, fromSlug, toSlug)
		if err != nil {
			return err
		}
		from, to = lvs[0], lvs[1]
	} else {
		if from, err = o.parse(fromLd, fromSlug); err != nil {
			return err
		}
		if to, err = o.parse(toLd, toSlug); err != nil {
			return err
		}
	}
	copts := []compare.Option{compare.WithThreshold(opts.Threshold)}
	if opts.AsWritten {
		copts = append(copts, compare.WithoutInheritance())
	} else if fromLd.Dir() == toLd.Dir() {
		inh, err := o.inheritedFrom(toLd, toSlug)
		if err != nil {
			return err
		}
		copts = append(copts, compare.WithInheritedFrom(inh...))
	}
	r := func() *compare.Report {
		defer roomGC(opts.IO.Getenv)() // see gc.go
		return compare.Levels(from, to, copts...)
	}()
	// Name the departments, by their path from --framework, when a level
	// is not the framework folder's.
	qualify := fromLd.Dir() != o.loader.Dir() || toLd.Dir() != o.loader.Dir()
	r.FromRef, r.ToRef = o.ref(fromLd, fromSlug, qualify), o.ref(toLd, toSlug, qualify)
	if len(opts.Pillars) > 0 {
		if err := filterPillars(r, opts.Pillars); err != nil {
			return err
		}
	}
	if opts.Format == "json" || opts.Format == "markdown" {
		defer pauseGC(opts.IO.Getenv, writeHeadroom)() // streamed: see gc.go
	}
	ro := opts.Render.options(opts.IO)
	co := render.CompareOptions{Options: ro, Diff: opts.View == "diff", Kinds: opts.kinds, ShowSame: opts.All, Explain: opts.Explain}
	switch opts.Format {
	case "json":
		err = render.WriteCompareJSON(opts.IO.Out, r, co)
	case "markdown":
		err = render.WriteCompareMarkdown(opts.IO.Out, r, co)
	case "html":
		err = render.WriteCompareHTML(opts.IO.Out, r, co)
	default:
		err = render.WriteCompareTable(opts.IO.Out, r, co)
	}
	if err != nil {
		return err
	}
	if opts.ExitCode && r.Changed() {
		return changesFound{}
	}
	return nil
}

// filterPillars keeps the named pillars and recomputes the summary.
func filterPillars(r *compare.Report, names []string) error {
	var kept []compare.PillarReport
	for _, p := range r.Pillars {
		for _, n := range names {
			k := framework.PillarKey(n)
			if p.Key == k || strings.Contains(p.Key, k) {
				kept = append(kept, p)
				break
			}
		}
	}
	if len(kept) == 0 {
		var keys []string
		for _, p := range r.Pillars {
			keys = append(keys, p.Name)
		}
		return usagef("no pillar matches %s; pillars: %s", strings.Join(names, ", "), strings.Join(keys, ", "))
	}
	r.Pillars = kept
	r.Summary = compare.Summary{}
	for _, p := range kept {
		r.Summary = r.Summary.Plus(p.Summary)
	}
	return nil
}
