package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ladder-cli/ladder/compare/render"
	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/lint"
	"github.com/spf13/cobra"
)

// LintOptions are the inputs of `ladder lint`.
type LintOptions struct {
	IO        *IOStreams
	Framework *frameworkFlags
	Format    string
}

// NewCmdLint builds `ladder lint`.
func NewCmdLint(ios *IOStreams, ff *frameworkFlags, runF func(*LintOptions) error) *cobra.Command {
	opts := &LintOptions{IO: ios, Framework: ff}
	var codes []string
	for c, what := range lint.Codes {
		codes = append(codes, fmt.Sprintf("  %-18s %s", c, what))
	}
	slices.Sort(codes)
	cmd := &cobra.Command{
		Use:   "lint",
		Short: "Check a framework for what a maintainer wants fixed before merging",
		Long: "Check every level of the framework and print one line per problem,\n" +
			"file:line: code: message. Exits 1 when it finds something.\n\nChecks:\n" + strings.Join(codes, "\n"),
		Example: `  ladder lint --framework handbook/content/handbook/engineering/careers/matrix/infrastructure
  ladder lint --framework DIR --format json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return lintRun(opts)
		},
	}
	formatFlag(cmd, &opts.Format, "text", "json")
	return cmd
}

func lintRun(opts *LintOptions) error {
	quiet := *opts.IO
	quiet.ErrOut = discard{} // warnings are findings here, not noise
	ff := *opts.Framework
	ff.Strict = false
	o, err := ff.open(&quiet)
	if err != nil {
		return err
	}
	depts, err := o.departments()
	if err != nil {
		return err
	}
	var findings []lint.Finding
	for _, d := range depts {
		// A page that does not parse is a finding; the others are
		// still checked.
		fw, errs, err := d.loader.FrameworkLenient()
		if err != nil {
			return o.wrap(err)
		}
		findings = append(findings, lint.PageErrors(errs)...)
		findings = append(findings, checkTracks(fw)...)
	}
	if err := render.WriteFindings(opts.IO.Out, findings, o.show, opts.Format == "json"); err != nil {
		return err
	}
	if len(findings) > 0 {
		return changesFound{}
	}
	return nil
}

// checkTracks lints each track's ladder on its own (its levels and the
// levels every track shares), so that the last IC level and the first
// manager level are not taken for neighbours; a finding two tracks share
// is reported once.
func checkTracks(fw *framework.Framework) []lint.Finding {
	tracks := fw.Tracks()
	if len(tracks) < 2 {
		return lint.Check(fw)
	}
	var out []lint.Finding
	seen := map[string]bool{}
	for _, t := range tracks {
		for _, f := range lint.Check(fw.OnTrack(t)) {
			key := f.Source.String() + "\x00" + f.Level + "\x00" + f.Code + "\x00" + f.Message
			if !seen[key] {
				seen[key] = true
				out = append(out, f)
			}
		}
	}
	return out
}
