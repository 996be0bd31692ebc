package cli

import (
	"fmt"
	"strconv"

	"github.com/ladder-cli/ladder/compare/render"
	"github.com/spf13/cobra"
)

// renderFlags are the output flags of commands that draw tables. Both
// are checked when the command line is parsed.
type renderFlags struct {
	Color string
	Width int
}

func (r *renderFlags) register(cmd *cobra.Command) {
	choiceFlag(cmd, &r.Color, "color", "", "colour (auto: only on a terminal, and not with NO_COLOR)", "auto", "always", "never")
	cmd.Flags().Var(width{&r.Width}, "width", "wrap tables to this many columns, at least 40 (default: the terminal width, or 100)")
}

// minWidth is the narrowest --width: every table fits it exactly.
const minWidth = 40

// width is a column count flag value: 0 (unset) or more.
type width struct{ p *int }

func (w width) String() string { return strconv.Itoa(*w.p) }
func (w width) Type() string   { return "int" }

func (w width) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return fmt.Errorf("want a number of columns")
	}
	if n < minWidth {
		return fmt.Errorf("%d columns is too narrow for a table; want at least %d", n, minWidth)
	}
	*w.p = n
	return nil
}

// options decides colour and width from the flags and the streams.
func (r *renderFlags) options(ios *IOStreams) render.Options {
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
	return o
}
