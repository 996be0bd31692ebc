package render_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/compare/render"
	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/example"
)

var update = flag.Bool("update", false, "rewrite golden files")

// writer renders something into a buffer.
type writer func(*bytes.Buffer) error

type golden struct {
	name  string
	write writer
	json  bool
}

func cases(fw *framework.Framework, from, to string, gapTo string) []golden {
	a, b := fw.Level(from), fw.Level(to)
	r := compare.Levels(a, b)
	var path []*framework.Level
	for i := fw.Index(from); i <= fw.Index(gapTo); i++ {
		path = append(path, fw.Levels[i])
	}
	g := compare.Gap(path)
	plain := render.Options{Width: 100}
	color := render.Options{Width: 100, Color: true}
	co := func(diff, same bool, o render.Options) render.CompareOptions {
		return render.CompareOptions{Options: o, Diff: diff, ShowSame: same}
	}
	return []golden{
		{"levels.txt", func(w *bytes.Buffer) error { return render.WriteLevelsTable(w, fw, plain) }, false},
		{"levels.md", func(w *bytes.Buffer) error { return render.WriteLevelsMarkdown(w, fw) }, false},
		{"levels.json", func(w *bytes.Buffer) error { return render.WriteLevelsJSON(w, fw) }, true},
		{"show.txt", func(w *bytes.Buffer) error { return render.WriteLevelTable(w, b, plain) }, false},
		{"show.md", func(w *bytes.Buffer) error { return render.WriteLevelMarkdown(w, b) }, false},
		{"show.json", func(w *bytes.Buffer) error { return render.WriteLevelJSON(w, b) }, true},
		{"compare-side.txt", func(w *bytes.Buffer) error { return render.WriteCompareTable(w, r, co(false, false, plain)) }, false},
		{"compare-side-color.txt", func(w *bytes.Buffer) error { return render.WriteCompareTable(w, r, co(false, false, color)) }, false},
		{"compare-diff.txt", func(w *bytes.Buffer) error { return render.WriteCompareTable(w, r, co(true, false, plain)) }, false},
		{"compare-diff-color.txt", func(w *bytes.Buffer) error { return render.WriteCompareTable(w, r, co(true, false, color)) }, false},
		{"compare-diff-all.txt", func(w *bytes.Buffer) error { return render.WriteCompareTable(w, r, co(true, true, plain)) }, false},
		{"compare-side.md", func(w *bytes.Buffer) error { return render.WriteCompareMarkdown(w, r, co(false, false, plain)) }, false},
		{"compare-diff.md", func(w *bytes.Buffer) error { return render.WriteCompareMarkdown(w, r, co(true, false, plain)) }, false},
		{"compare-side.html", func(w *bytes.Buffer) error { return render.WriteCompareHTML(w, r, co(false, false, plain)) }, false},
		{"compare-diff.html", func(w *bytes.Buffer) error {
			o := co(true, false, plain)
			o.Explain = true
			return render.WriteCompareHTML(w, r, o)
		}, false},
		{"compare.json", func(w *bytes.Buffer) error { return render.WriteCompareJSON(w, r, co(false, false, plain)) }, true},
		{"compare-explain.txt", func(w *bytes.Buffer) error {
			o := co(true, false, plain)
			o.Explain = true
			return render.WriteCompareTable(w, r, o)
		}, false},
		{"gap.txt", func(w *bytes.Buffer) error { return render.WriteGapTable(w, g, render.GapOptions{Options: plain}) }, false},
		{"gap.md", func(w *bytes.Buffer) error { return render.WriteGapMarkdown(w, g, render.GapOptions{Options: plain}) }, false},
		{"gap-checklist.md", func(w *bytes.Buffer) error {
			return render.WriteGapMarkdown(w, g, render.GapOptions{Options: plain, Checklist: true})
		}, false},
		{"gap.html", func(w *bytes.Buffer) error { return render.WriteGapHTML(w, g, render.GapOptions{Options: plain}) }, false},
		{"gap-checklist.html", func(w *bytes.Buffer) error {
			return render.WriteGapHTML(w, g, render.GapOptions{Options: plain, Checklist: true})
		}, false},
		{"levels.html", func(w *bytes.Buffer) error { return render.WriteLevelsHTML(w, fw) }, false},
		{"gap.json", func(w *bytes.Buffer) error {
			return render.WriteGapJSON(w, g, render.GapOptions{Options: plain, All: true})
		}, true},
	}
}

// run renders each case twice (the output must be stable), checks JSON
// is valid, and compares with the golden file.
func run(t *testing.T, dir string, cs []golden, hashOnly bool) {
	for _, c := range cs {
		t.Run(c.name, func(t *testing.T) {
			var one, two bytes.Buffer
			if err := c.write(&one); err != nil {
				t.Fatal(err)
			}
			if err := c.write(&two); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(one.Bytes(), two.Bytes()) {
				t.Fatal("output differs between two runs")
			}
			if c.json && !json.Valid(one.Bytes()) {
				t.Fatal("invalid JSON")
			}
			got := one.Bytes()
			file := filepath.Join(dir, c.name)
			if hashOnly {
				// Real handbook text is not ours to copy: keep a digest.
				got = []byte(fmt.Sprintf("%x\n", sha256.Sum256(got)))
				file += ".sha256"
			}
			if *update {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./compare/render -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run with -update if the change is intended):\n%s", file, firstDiff(string(want), string(got)))
			}
		})
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant: %q\ngot:  %q", i+1, w, g)
		}
	}
	return ""
}

func TestGoldenExample(t *testing.T) {
	fw, err := framework.Load(example.FS(), example.Dir)
	if err != nil {
		t.Fatal(err)
	}
	run(t, filepath.Join("..", "..", "testdata", "golden", "example"), cases(fw, "associate", "intermediate", "senior"), false)
}

func TestGoldenRealInfrastructure(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "handbook")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("real handbook data not found at %s; skipping", root)
	}
	fw, err := framework.Load(os.DirFS(root), "content/handbook/engineering/careers/matrix/infrastructure")
	if err != nil {
		t.Fatal(err)
	}
	run(t, filepath.Join("..", "..", "testdata", "golden", "infrastructure"), cases(fw, "associate", "intermediate", "staff"), true)
}

// TestDeterministic loads, aligns and renders everything afresh ten
// times: map iteration order changes from run to run in Go, so any
// output that depended on it would differ.
func TestDeterministic(t *testing.T) {
	var first [][]byte
	for run := 0; run < 10; run++ {
		fw, err := framework.Load(example.FS(), example.Dir)
		if err != nil {
			t.Fatal(err)
		}
		var outs [][]byte
		for _, c := range cases(fw, "associate", "intermediate", "senior") {
			var b bytes.Buffer
			if err := c.write(&b); err != nil {
				t.Fatal(err)
			}
			outs = append(outs, b.Bytes())
		}
		docs, err := render.Docs(fw, render.DocsOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			outs = append(outs, d.Content)
		}
		if run == 0 {
			first = outs
			continue
		}
		for i := range outs {
			if !bytes.Equal(outs[i], first[i]) {
				t.Fatalf("run %d: output %d differs from the first run", run, i)
			}
		}
	}
}

// TestGoldenInheritance renders a comparison where the higher level
// keeps the lower level's items by an inheritance statement: the
// inherited mark, the summary column and the gap's carried items.
func TestGoldenInheritance(t *testing.T) {
	fw, err := framework.Load(os.DirFS(filepath.Join("..", "..", "testdata", "sites", "nested")), "content/careers/matrix")
	if err != nil {
		t.Fatal(err)
	}
	run(t, filepath.Join("..", "..", "testdata", "golden", "inheritance"), cases(fw, "intermediate", "senior", "senior"), false)
}

// TestGoldenDepartments renders the levels of a framework with nested
// departments, and the index of its document set.
func TestGoldenDepartments(t *testing.T) {
	fsys := os.DirFS(filepath.Join("..", "..", "testdata", "sites", "nested"))
	const top = "content/careers/matrix"
	subs, err := framework.FindDepartments(fsys, top)
	if err != nil {
		t.Fatal(err)
	}
	ds := []render.Department{}
	for _, d := range append([]string{""}, subs...) {
		fw, err := framework.Load(fsys, top+"/"+d)
		if err != nil {
			t.Fatal(err)
		}
		name := d
		if d == "" {
			name = "matrix"
		}
		ds = append(ds, render.Department{Name: name, Framework: fw})
	}
	index := func(hugo, html bool) writer {
		return func(w *bytes.Buffer) error {
			docs := render.DocsDepartments
			if html {
				docs = render.DocsDepartmentsHTML
			}
			files, err := docs(ds, "Engineering career matrix", render.DocsOptions{Hugo: hugo})
			if err != nil {
				return err
			}
			w.Write(files[0].Content)
			for _, f := range files[1:] {
				fmt.Fprintln(w, f.Path)
			}
			return nil
		}
	}
	run(t, filepath.Join("..", "..", "testdata", "golden", "departments"), []golden{
		{"levels.txt", func(w *bytes.Buffer) error {
			return render.WriteDepartmentsLevelsTable(w, ds, render.Options{Width: 100})
		}, false},
		{"levels.md", func(w *bytes.Buffer) error { return render.WriteDepartmentsLevelsMarkdown(w, ds) }, false},
		{"levels.json", func(w *bytes.Buffer) error { return render.WriteDepartmentsLevelsJSON(w, ds) }, true},
		{"levels.html", func(w *bytes.Buffer) error {
			return render.WriteDepartmentsLevelsHTML(w, ds, "Engineering career matrix")
		}, false},
		{"docs-index.txt", index(false, false), false},
		{"docs-index-hugo.txt", index(true, false), false},
		{"docs-index-html.txt", index(false, true), false},
	}, false)
}
