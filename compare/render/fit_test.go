package render_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/compare/render"
	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/example"
)

// tableWidth is the display width of the widest line of a rendering.
func tableWidth(s string) int {
	m := 0
	for _, ln := range strings.Split(s, "\n") {
		m = max(m, runewidth.StringWidth(ln))
	}
	return m
}

// TestTablesFitWidth: every table a command draws is exactly as wide as
// asked, for every width from 40 to 200 — no line wider, and a table
// whose content does not fit fills the width — or as wide as its content
// when that is narrower.
func TestTablesFitWidth(t *testing.T) {
	load := func(fsys fs.FS, dir string) *framework.Framework {
		fw, err := framework.Load(fsys, dir)
		if err != nil {
			t.Fatal(err)
		}
		return fw
	}
	sites := filepath.Join("..", "..", "testdata", "sites")
	fws := map[string]*framework.Framework{
		"example": load(example.FS(), example.Dir),
		"support": load(os.DirFS(filepath.Join(sites, "support")), "content/careers/support"),
		"nested":  load(os.DirFS(filepath.Join(sites, "nested")), "content/careers/matrix"),
	}
	type table struct {
		name  string
		write func(w *bytes.Buffer, o render.Options) error
	}
	var tables []table
	for name, fw := range fws {
		a, b := fw.Levels[0], fw.Levels[1]
		r := compare.Levels(a, b)
		g := compare.Gap(fw.Levels)
		ds := []render.Department{{Name: name, Framework: fw}, {Name: name + "/again", Framework: fw}}
		tables = append(tables,
			table{name + " levels", func(w *bytes.Buffer, o render.Options) error { return render.WriteLevelsTable(w, fw, o) }},
			table{name + " levels by department", func(w *bytes.Buffer, o render.Options) error { return render.WriteDepartmentsLevelsTable(w, ds, o) }},
			table{name + " show", func(w *bytes.Buffer, o render.Options) error { return render.WriteLevelTable(w, b, o) }},
			table{name + " compare side", func(w *bytes.Buffer, o render.Options) error {
				return render.WriteCompareTable(w, r, render.CompareOptions{Options: o})
			}},
			table{name + " compare diff", func(w *bytes.Buffer, o render.Options) error {
				return render.WriteCompareTable(w, r, render.CompareOptions{Options: o, Diff: true, ShowSame: true})
			}},
			table{name + " gap", func(w *bytes.Buffer, o render.Options) error {
				return render.WriteGapTable(w, g, render.GapOptions{Options: o, All: true})
			}},
		)
	}
	for _, tb := range tables {
		t.Run(tb.name, func(t *testing.T) {
			var natural bytes.Buffer
			if err := tb.write(&natural, render.Options{Width: 100000}); err != nil {
				t.Fatal(err)
			}
			for width := 40; width <= 200; width++ {
				var b bytes.Buffer
				if err := tb.write(&b, render.Options{Width: width}); err != nil {
					t.Fatal(err)
				}
				if got := tableWidth(b.String()); got > width {
					t.Fatalf("width %d: a line is %d wide:\n%s", width, got, widest(b.String()))
				}
				nat, at := boxes(natural.String()), boxes(b.String())
				if len(nat) != len(at) {
					t.Fatalf("width %d: %d tables, %d at full width", width, len(at), len(nat))
				}
				for i := range at {
					if got, want := tableWidth(at[i]), min(width, tableWidth(nat[i])); got != want {
						t.Fatalf("width %d: table %d is %d wide, want %d:\n%s", width, i+1, got, want, at[i])
					}
				}
			}
		})
	}
}

func widest(s string) string {
	w := ""
	for _, ln := range strings.Split(s, "\n") {
		if runewidth.StringWidth(ln) > runewidth.StringWidth(w) {
			w = ln
		}
	}
	return fmt.Sprintf("%q", w)
}

// boxes splits a rendering into its box-drawn tables.
func boxes(s string) []string {
	var out []string
	var cur []string
	for _, ln := range strings.Split(s, "\n") {
		switch {
		case strings.HasPrefix(ln, "┌"):
			cur = []string{ln}
		case cur != nil:
			cur = append(cur, ln)
			if strings.HasPrefix(ln, "└") {
				out = append(out, strings.Join(cur, "\n"))
				cur = nil
			}
		}
	}
	return out
}
