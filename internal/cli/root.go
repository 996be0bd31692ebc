package cli

import (
	"errors"
	"fmt"
	"math"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/framework"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// version is set by the linker (-X); otherwise it comes from build info.
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// Main runs the command line and returns the process exit code.
func Main(ios *IOStreams, args []string) int {
	cmd := NewCmdRoot(ios)
	cmd.SetArgs(args)
	c, err := cmd.ExecuteC()
	var ue *usageError
	if errors.As(err, &ue) && ue.cmd == "" && c != nil {
		ue.cmd = c.CommandPath() // the hint names this command's help
	}
	cwd := ios.Dir
	var ws *errWithSite
	if errors.As(err, &ws) && ws.abs {
		cwd = "" // a path given absolute is shown absolute
	}
	return exitCode(err, ios.ErrOut, cwd)
}

// NewCmdRoot builds the ladder command tree.
func NewCmdRoot(ios *IOStreams) *cobra.Command {
	ff := &frameworkFlags{}
	root := &cobra.Command{
		Use:   "ladder",
		Short: "Show what changes from one level of a career framework to the next",
		Long: `ladder reads an engineering career framework written as Hugo Markdown pages
(the GitLab handbook format: one page per level, pillars of expectations,
shared text pulled in with {{% include %}}), normalizes each level into
pillars and items, and compares levels item by item.

Without --framework, ladder uses an example framework built into the binary.`,
		Example: `  ladder levels
  ladder show senior
  ladder compare associate intermediate
  ladder compare senior staff --framework handbook/content/handbook/engineering/careers/matrix/infrastructure`,
		Version:       buildVersion(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetIn(ios.In)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{err: err}
	})
	pf := root.PersistentFlags()
	pf.StringVar(&ff.Dir, "framework", "", "framework folder or file (default: the built-in example)")
	pf.StringVar(&ff.Input, "input", "", "framework shape, when detection gets it wrong: hugo, markdown, sections, html, matrix, yamldata, frontmatter")
	pf.StringVar(&ff.Includes, "includes", "", "folder that \"includes/\" in include shortcodes names (default: assets/includes above the framework)")
	pf.StringSliceVar(&ff.Order, "order", nil, "level order, lowest first (slugs or names, comma-separated)")
	pf.BoolVar(&ff.Strict, "strict", false, "treat warnings (missing includes, unknown shortcodes) as errors")
	pf.Var(&byteSize{&ff.MaxFileSize}, "max-file-size", "largest file to read, e.g. 16MiB (default 16MiB)")
	root.PersistentPreRun = func(cmd *cobra.Command, args []string) {
		ff.DirSet = cmd.Flags().Changed("framework")
	}
	_ = root.MarkPersistentFlagDirname("framework")
	_ = root.MarkPersistentFlagDirname("includes")

	root.AddCommand(
		NewCmdLevels(ios, ff, nil),
		NewCmdShow(ios, ff, nil),
		NewCmdCompare(ios, ff, nil),
		NewCmdGap(ios, ff, nil),
		NewCmdDiff(ios, ff, nil),
		NewCmdLint(ios, ff, nil),
		NewCmdDocs(ios, ff, nil),
	)
	root.SetVersionTemplate("ladder {{.Version}}\n")
	requireShell(root)
	return root
}

// requireShell makes `ladder completion` without a shell it knows a
// usage error: cobra's own completion command prints its help and exits
// 0 for `ladder completion nosh`, as if a script had been written.
func requireShell(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		var shells []string
		for _, s := range c.Commands() {
			shells = append(shells, s.Name())
		}
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("name a shell: %s", strings.Join(shells, ", "))
			}
			return usagef("unknown shell %q; shells: %s", args[0], strings.Join(shells, ", "))
		}
	}
}

// byteSize is a flag value like "16MiB", "512k" or "1048576".
type byteSize struct{ n *int64 }

func (b *byteSize) String() string {
	if b.n == nil || *b.n == 0 {
		return ""
	}
	return fmt.Sprint(*b.n)
}

func (b *byteSize) Type() string { return "size" }

func (b *byteSize) Set(s string) error {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"gib", 1 << 30}, {"mib", 1 << 20}, {"kib", 1 << 10}, {"gb", 1e9}, {"mb", 1e6}, {"kb", 1e3}, {"g", 1 << 30}, {"m", 1 << 20}, {"k", 1 << 10}, {"b", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.m
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || !(f > 0) || f*float64(mult) > 1<<40 || f*float64(mult) != math.Trunc(f*float64(mult)) {
		return fmt.Errorf("invalid size %q (want a whole number of bytes, e.g. 16MiB, 512k or 1048576)", s)
	}
	*b.n = int64(f * float64(mult))
	return nil
}

var _ pflag.Value = (*byteSize)(nil)

// completeLevels completes level references from the framework.
func completeLevels(ios *IOStreams, ff *frameworkFlags, max int) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if max > 0 && len(args) >= max {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		quiet := *ios
		quiet.ErrOut = discard{}
		o, err := ff.open(&quiet)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveError
		}
		ds, err := o.departments()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveError
		}
		// The framework folder's levels by slug, then every department's
		// as DEPARTMENT/LEVEL, matched in any case.
		var out []string
		for _, d := range ds {
			slugs, err := d.loader.Slugs()
			if err != nil {
				continue
			}
			for _, s := range slugs {
				if ref := o.ref(d.loader, s, false); hasPrefixFold(ref, toComplete) {
					out = append(out, ref)
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// hasPrefixFold reports whether s starts with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// completePillars completes --pillar with the pillar names of the levels
// named so far (or of every level of the framework folder), in any case.
func completePillars(ios *IOStreams, ff *frameworkFlags) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		quiet := *ios
		quiet.ErrOut = discard{}
		o, err := ff.open(&quiet)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveError
		}
		var levels []*framework.Level
		for _, a := range args {
			if lv, err := o.level(a); err == nil {
				levels = append(levels, lv)
			}
		}
		if len(levels) == 0 {
			if fw, err := o.loader.Framework(); err == nil {
				levels = fw.Levels
			}
		}
		var out []string
		seen := map[string]bool{}
		for _, lv := range levels {
			for _, p := range lv.Pillars {
				if !seen[p.Key] && (hasPrefixFold(p.Name, toComplete) || hasPrefixFold(p.Key, toComplete)) {
					seen[p.Key] = true
					out = append(out, p.Name)
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// formatFlag registers --format with completion of its values.
func formatFlag(cmd *cobra.Command, p *string, values ...string) {
	choiceFlag(cmd, p, "format", "f", "output format", values...)
}

// choiceFlag registers a flag that takes one of a few values, checked
// when the command line is parsed, with those values completed.
func choiceFlag(cmd *cobra.Command, p *string, name, short, usage string, values ...string) {
	*p = values[0]
	cmd.Flags().VarP(choice{p, values}, name, short, usage+": "+strings.Join(values, ", "))
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// choice is a flag value restricted to a list.
type choice struct {
	p      *string
	values []string
}

func (c choice) String() string { return *c.p }
func (c choice) Type() string   { return "string" }

func (c choice) Set(s string) error {
	for _, v := range c.values {
		if s == v {
			*c.p = s
			return nil
		}
	}
	return fmt.Errorf("want one of: %s", strings.Join(c.values, ", "))
}

func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s takes %s (got %d argument%s)", cmd.CommandPath(), what, len(args), plural(len(args)))
		}
		return nil
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// threshold is a similarity threshold flag value, checked when parsed.
type threshold struct{ p *float64 }

func (t threshold) String() string { return fmt.Sprint(*t.p) }
func (t threshold) Type() string   { return "float" }

func (t threshold) Set(s string) error {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !(f > 0 && f <= 1) { // also refuses NaN
		return fmt.Errorf("invalid threshold %q (want a number in (0, 1])", s)
	}
	*t.p = f
	return nil
}

// thresholdFlag registers --threshold with the default from package compare.
func thresholdFlag(cmd *cobra.Command, p *float64) {
	*p = compare.DefaultThreshold
	cmd.Flags().Var(threshold{p}, "threshold", "similarity (0-1) above which different texts pair as reworded")
}
