// Command floor starts as ladder starts, with every third-party package
// ladder links, and does nothing else: it prints "hi". scripts/perf.sh
// times it beside ladder and git, to show how much of ladder's run is the
// start-up its dependencies cost before any of ladder's own code runs.
package main

import (
	"os"

	_ "github.com/mattn/go-runewidth"
	_ "github.com/olekukonko/tablewriter"
	_ "github.com/olekukonko/tablewriter/renderer"
	_ "github.com/pelletier/go-toml/v2"
	_ "github.com/sergi/go-diff/diffmatchpatch"
	_ "github.com/spf13/cobra"
	_ "github.com/yuin/goldmark/parser"
	_ "golang.org/x/term"
	_ "gopkg.in/yaml.v3"
)

func main() { os.Stdout.WriteString("hi\n") }
