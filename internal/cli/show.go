package cli

import (
	"github.com/ladder-cli/ladder/compare/render"
	"github.com/spf13/cobra"
)

// ShowOptions are the inputs of `ladder show`.
type ShowOptions struct {
	IO        *IOStreams
	Framework *frameworkFlags
	Level     string
	Format    string
	Render    renderFlags
}

// NewCmdShow builds `ladder show LEVEL`.
func NewCmdShow(ios *IOStreams, ff *frameworkFlags, runF func(*ShowOptions) error) *cobra.Command {
	opts := &ShowOptions{IO: ios, Framework: ff}
	cmd := &cobra.Command{
		Use:   "show LEVEL",
		Short: "Show one level: its summary, pillars and items",
		Long: `Show one level, normalized into pillars and items.

LEVEL is a slug (file name), a name in any case, or dept/level for a level
of another department beside the framework folder.`,
		Example: `  ladder show associate
  ladder show Senior --framework DIR --format json
  ladder show development/senior --framework .../matrix/infrastructure`,
		Args:              exactArgs(1, "one LEVEL"),
		ValidArgsFunction: completeLevels(ios, ff, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Level = args[0]
			if runF != nil {
				return runF(opts)
			}
			return showRun(opts)
		},
	}
	formatFlag(cmd, &opts.Format, "table", "markdown", "json")
	opts.Render.register(cmd)
	return cmd
}

func showRun(opts *ShowOptions) error {
	o, err := opts.Framework.open(opts.IO)
	if err != nil {
		return err
	}
	lv, err := o.level(opts.Level)
	if err != nil {
		return err
	}
	switch opts.Format {
	case "json":
		return render.WriteLevelJSON(opts.IO.Out, lv)
	case "markdown":
		return render.WriteLevelMarkdown(opts.IO.Out, lv)
	}
	ro := opts.Render.options(opts.IO)
	return render.WriteLevelTable(opts.IO.Out, lv, ro)
}
