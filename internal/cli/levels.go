package cli

import (
	"github.com/ladder-cli/ladder/compare/render"
	"github.com/spf13/cobra"
)

// LevelsOptions are the inputs of `ladder levels`.
type LevelsOptions struct {
	IO        *IOStreams
	Framework *frameworkFlags
	Format    string
	Render    renderFlags
}

// NewCmdLevels builds `ladder levels`. runF replaces the run function in tests.
func NewCmdLevels(ios *IOStreams, ff *frameworkFlags, runF func(*LevelsOptions) error) *cobra.Command {
	opts := &LevelsOptions{IO: ios, Framework: ff}
	cmd := &cobra.Command{
		Use:   "levels",
		Short: "List the framework's levels with their pillars and item counts",
		Example: `  ladder levels
  ladder levels --framework handbook/content/handbook/engineering/careers/matrix/infrastructure
  ladder levels --format json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return levelsRun(opts)
		},
	}
	formatFlag(cmd, &opts.Format, "table", "markdown", "json", "html")
	opts.Render.register(cmd)
	return cmd
}

func levelsRun(opts *LevelsOptions) error {
	o, err := opts.Framework.open(opts.IO)
	if err != nil {
		return err
	}
	ds, err := o.frameworks()
	if err != nil {
		return err
	}
	if len(ds) > 1 || ds[0].Framework.Dir != o.loader.Dir() {
		// Several departments: one table each, under its name.
		switch opts.Format {
		case "json":
			return render.WriteDepartmentsLevelsJSON(opts.IO.Out, ds)
		case "markdown":
			return render.WriteDepartmentsLevelsMarkdown(opts.IO.Out, ds)
		case "html":
			title, err := o.loader.Title()
			if err != nil {
				return o.wrap(err)
			}
			return render.WriteDepartmentsLevelsHTML(opts.IO.Out, ds, title)
		}
		return render.WriteDepartmentsLevelsTable(opts.IO.Out, ds, opts.Render.options(opts.IO))
	}
	fw := ds[0].Framework
	switch opts.Format {
	case "json":
		return render.WriteLevelsJSON(opts.IO.Out, fw)
	case "markdown":
		return render.WriteLevelsMarkdown(opts.IO.Out, fw)
	case "html":
		return render.WriteLevelsHTML(opts.IO.Out, fw)
	}
	ro := opts.Render.options(opts.IO)
	return render.WriteLevelsTable(opts.IO.Out, fw, ro)
}
