package cli

import (
	"github.com/ladder-cli/ladder/compare/render"
	"github.com/spf13/cobra"
)

// renderFlags are the output flags of commands that draw tables.
type renderFlags struct {
	Color string
	Width int
}

func (r *renderFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&r.Color, "color", "auto", "colour: auto, always or never (auto: only on a terminal, and not with NO_COLOR)")
	cmd.Flags().IntVar(&r.Width, "width", 0, "wrap tables to this many columns (default: the terminal width, or 100)")
	_ = cmd.RegisterFlagCompletionFunc("color", cobra.FixedCompletions([]string{"auto", "always", "never"}, cobra.ShellCompDirectiveNoFileComp))
}

// options decides colour and width from the flags and the streams.
func (r *renderFlags) options(ios *IOStreams) (render.Options, error) {
	if err := checkChoice("color", r.Color, "auto", "always", "never"); err != nil {
		return render.Options{}, err
	}
	if r.Width < 0 {
		return render.Options{}, usagef("invalid --width %d", r.Width)
	}
	o := render.Options{Width: r.Width}
	if o.Width == 0 {
		o.Width = ios.Width
	}
	switch r.Color {
	case "always":
		o.Color = true
	case "auto":
		o.Color = ios.OutTTY && (ios.Getenv == nil || ios.Getenv("NO_COLOR") == "")
	}
	return o, nil
}
