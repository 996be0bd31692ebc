package cli

import (
	"fmt"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/compare/render"
	"github.com/ladder-cli/ladder/framework"
	"github.com/spf13/cobra"
)

// GapOptions are the inputs of `ladder gap`.
type GapOptions struct {
	IO        *IOStreams
	Framework *frameworkFlags
	From, To  string
	Format    string
	All       bool
	Checklist bool
	Threshold float64
	AsWritten bool
	Render    renderFlags
}

// NewCmdGap builds `ladder gap FROM TO`.
func NewCmdGap(ios *IOStreams, ff *frameworkFlags, runF func(*GapOptions) error) *cobra.Command {
	opts := &GapOptions{IO: ios, Framework: ff}
	cmd := &cobra.Command{
		Use:   "gap FROM TO",
		Short: "What TO expects that FROM does not, across every level between",
		Long: `Walk every level from FROM to TO in framework order and list what TO expects
that FROM does not: new expectations (with the level where each first
appears), strengthened ones (with a word diff against FROM's version), and
FROM's expectations that were dropped on the way. Carried expectations are
hidden unless --all. An expectation a level keeps through a statement such as
"All competencies exhibited by an Intermediate" is carried (inherited);
--as-written reads the pages as written and counts it dropped.`,
		Example: `  ladder gap associate senior
  ladder gap intermediate staff --format markdown --checklist > worksheet.md
  ladder gap intermediate staff --format html --checklist > worksheet.html
  ladder gap associate senior --all --format json`,
		Args:              exactArgs(2, "FROM and TO levels"),
		ValidArgsFunction: completeLevels(ios, ff, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.From, opts.To = args[0], args[1]
			if opts.Checklist && opts.Format != "markdown" && opts.Format != "html" {
				return usagef("--checklist needs --format markdown or html")
			}
			if runF != nil {
				return runF(opts)
			}
			return gapRun(opts)
		},
	}
	formatFlag(cmd, &opts.Format, "table", "markdown", "json", "html")
	cmd.Flags().BoolVar(&opts.All, "all", false, "also list carried (unchanged) expectations")
	cmd.Flags().BoolVar(&opts.Checklist, "checklist", false, "write a promotion worksheet (a checkbox per new or strengthened expectation)")
	thresholdFlag(cmd, &opts.Threshold)
	cmd.Flags().BoolVar(&opts.AsWritten, "as-written", false, "read the pages as written: expectations kept by an inheritance statement count as dropped")
	opts.Render.register(cmd)
	return cmd
}

func gapRun(opts *GapOptions) error {
	o, err := opts.Framework.open(opts.IO)
	if err != nil {
		return err
	}
	ld, from, err := o.resolve(opts.From)
	if err != nil {
		return err
	}
	ldTo, to, err := o.resolve(opts.To)
	if err != nil {
		return err
	}
	if ldTo.Dir() != ld.Dir() {
		return usagef("gap walks the levels of one department; %s and %s are in different ones", opts.From, opts.To)
	}
	slugs, err := ld.Slugs()
	if err != nil {
		return o.wrap(err)
	}
	fi, ti := indexOf(slugs, from), indexOf(slugs, to)
	if fi > ti {
		fmt.Fprintf(opts.IO.ErrOut, "ladder: note: %s comes after %s in the framework order; showing the gap from %s to %s\n", from, to, to, from)
		fi, ti = ti, fi
	}
	if fi == ti {
		return usagef("gap needs two different levels (both are %s)", from)
	}
	path, err := o.parseLevels(ld, slugs[fi:ti+1]...)
	if err != nil {
		return err
	}
	path = onTrack(path)
	copts := []compare.Option{compare.WithThreshold(opts.Threshold)}
	if opts.AsWritten {
		copts = append(copts, compare.WithoutInheritance())
	}
	g := compare.Gap(path, copts...)
	ro := opts.Render.options(opts.IO)
	gopts := render.GapOptions{Options: ro, All: opts.All, Checklist: opts.Checklist}
	switch opts.Format {
	case "json":
		return render.WriteGapJSON(opts.IO.Out, g, gopts)
	case "markdown":
		return render.WriteGapMarkdown(opts.IO.Out, g, gopts)
	case "html":
		return render.WriteGapHTML(opts.IO.Out, g, gopts)
	}
	return render.WriteGapTable(opts.IO.Out, g, gopts)
}

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return -1
}

// onTrack keeps, between the two ends of a gap, the levels on the
// target's track (or on none): the way from IC3 to M3 does not pass
// through IC4.
func onTrack(path []*framework.Level) []*framework.Level {
	last := path[len(path)-1]
	out := []*framework.Level{path[0]}
	for _, lv := range path[1 : len(path)-1] {
		if lv.Track == "" || lv.Track == last.Track {
			out = append(out, lv)
		}
	}
	return append(out, last)
}
