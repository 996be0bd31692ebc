// Command gensite writes a generated career framework (see package gen)
// to a folder, for measuring the ladder binary against git on files of
// any size: go run ./internal/gen/gensite -items 10000 -out DIR writes
// DIR/content/careers/gen/{intern,associate,_index}.md and the includes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ladder-cli/ladder/internal/gen"
)

func main() {
	var o gen.Options
	out := flag.String("out", "", "folder to write the site to (required)")
	flag.IntVar(&o.Levels, "levels", 2, "levels (2 to 9)")
	flag.IntVar(&o.Pillars, "pillars", 1, "pillars per level (1 to 8)")
	flag.IntVar(&o.Items, "items", 1000, "items per pillar")
	flag.Int64Var(&o.Seed, "seed", 42, "random seed")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := write(*out, o); err != nil {
		fmt.Fprintln(os.Stderr, "gensite:", err)
		os.Exit(1)
	}
}

func write(dir string, o gen.Options) error {
	for name, f := range gen.Site(o) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
