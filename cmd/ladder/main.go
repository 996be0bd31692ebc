// Command ladder shows what changes from one level of an engineering
// career framework to the next.
package main

import (
	"os"

	"github.com/ladder-cli/ladder/internal/cli"
)

func main() { os.Exit(cli.Main(cli.System(), os.Args[1:])) }
