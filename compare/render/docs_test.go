package render_test

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/compare/render"
	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/example"
)

// TestGoldenDocs renders the example's document set twice (the bytes must
// not change) and compares every page with testdata/golden/docs/MODE/.
// With -update the golden folder is rewritten, stale pages included.
func TestGoldenDocs(t *testing.T) {
	fw, err := framework.Load(example.FS(), example.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"markdown", "hugo", "html"} {
		t.Run(mode, func(t *testing.T) {
			o := render.DocsOptions{Hugo: mode == "hugo"}
			docs := render.Docs
			if mode == "html" {
				docs = render.DocsHTML
			}
			one, err := docs(fw, o)
			if err != nil {
				t.Fatal(err)
			}
			two, err := docs(fw, o)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(one, two, func(a, b render.DocFile) bool { return a.Path == b.Path && bytes.Equal(a.Content, b.Content) }) {
				t.Fatal("document set differs between two runs")
			}
			if mode == "html" {
				checkHTMLDocSet(t, one)
			} else {
				checkDocSet(t, one, o.Hugo)
			}
			dir := filepath.Join("..", "..", "testdata", "golden", "docs", mode)
			if *update {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
				for _, f := range one {
					file := filepath.Join(dir, filepath.FromSlash(f.Path))
					if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(file, f.Content, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			want := map[string]bool{}
			for _, f := range one {
				want[f.Path] = true
				file := filepath.Join(dir, filepath.FromSlash(f.Path))
				golden, err := os.ReadFile(file)
				if err != nil {
					t.Errorf("%v (run go test ./compare/render -update)", err)
					continue
				}
				if !bytes.Equal(f.Content, golden) {
					t.Errorf("%s differs from %s (run with -update if the change is intended):\n%s", f.Path, file, firstDiff(string(golden), string(f.Content)))
				}
			}
			err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(dir, p)
				if !want[filepath.ToSlash(rel)] {
					t.Errorf("golden file %s is no longer generated (run with -update)", p)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestDocsPaths(t *testing.T) {
	fw, err := framework.Load(example.FS(), example.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, hugo := range []bool{false, true} {
		files, err := render.Docs(fw, render.DocsOptions{Hugo: hugo})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range files {
			got = append(got, f.Path)
		}
		index := "index.md"
		if hugo {
			index = "_index.md"
		}
		want := []string{index, "matrix.md",
			"levels/intern.md", "levels/associate.md", "levels/intermediate.md", "levels/senior.md", "levels/staff.md", "levels/principal.md",
			"compare/intern-vs-associate.md", "compare/associate-vs-intermediate.md", "compare/intermediate-vs-senior.md",
			"compare/senior-vs-staff.md", "compare/staff-vs-principal.md"}
		if !slices.Equal(got, want) {
			t.Errorf("hugo=%v: paths\n got: %q\nwant: %q", hugo, got, want)
		}
	}
}

func TestDocsProgress(t *testing.T) {
	fw, err := framework.Load(example.FS(), example.Dir)
	if err != nil {
		t.Fatal(err)
	}
	var calls []string
	last := 0
	files, err := render.Docs(fw, render.DocsOptions{Progress: func(done, total int, p string) {
		if done != last+1 || total != 13 {
			t.Errorf("progress(%d, %d, %q) after %d", done, total, p, last)
		}
		last = done
		calls = append(calls, p)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != len(files) {
		t.Fatalf("%d progress calls for %d pages", len(calls), len(files))
	}
	for _, f := range files {
		if !slices.Contains(calls, f.Path) {
			t.Errorf("no progress call for %s", f.Path)
		}
	}
}

// hostile is a framework whose names and items hold Markdown table
// syntax, newlines, HTML, Hugo shortcodes and slugs that are unsafe as
// file names.
func hostile() *framework.Framework {
	item := func(s string) *framework.Item { return &framework.Item{Text: s, Markdown: s} }
	pillar := func(name string, items ...*framework.Item) *framework.Pillar {
		return &framework.Pillar{Name: name, Heading: name, Path: []string{name}, Key: framework.PillarKey(name), Items: items}
	}
	return &framework.Framework{
		Dir:   "content/eng",
		Title: "Eng | \"quoted\" {{% x %}}\nframework",
		Levels: []*framework.Level{
			{Slug: "index", Name: "Index | one", Description: "line\nbreak \"and\" \\ {{< y >}}", Pillars: []*framework.Pillar{
				pillar("Craft | care", item("Writes a | b\nand {{% include \"x\" %}} <script>")),
				pillar("Other"),
			}},
			{Slug: "Index", Name: "Second", Pillars: []*framework.Pillar{
				pillar("Craft | care", item("Writes a | b\nand {{% include \"x\" %}} <script> more"), item("New *thing* [x]")),
			}},
			{Slug: "../etc passwd", Name: "Third\nline", Pillars: []*framework.Pillar{
				pillar("Craft | care", item("Writes a | b")),
			}},
			{Slug: ".hidden_é", Name: "Fourth"},
		},
	}
}

func TestDocsHostile(t *testing.T) {
	fw := hostile()
	for _, hugo := range []bool{false, true} {
		files, err := render.Docs(fw, render.DocsOptions{Hugo: hugo})
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != 2+4+3 {
			t.Fatalf("%d files", len(files))
		}
		seen := map[string]bool{}
		for _, f := range files {
			if seen[strings.ToLower(f.Path)] {
				t.Errorf("duplicate path %s", f.Path)
			}
			seen[strings.ToLower(f.Path)] = true
			if !regexp.MustCompile(`^(_?index|matrix|(levels|compare)/[a-z0-9][a-z0-9._-]*)\.md$`).MatchString(f.Path) || path.Base(f.Path) == "index.md" && f.Path != "index.md" {
				t.Errorf("unsafe path %q", f.Path)
			}
			s := string(f.Content)
			if hugo {
				// Front matter is data: Hugo runs no shortcodes there.
				s = s[strings.Index(s, "\n---\n")+5:]
			}
			if strings.Contains(s, "<script>") {
				t.Errorf("%s: raw HTML got through", f.Path)
			}
			if hugo && (strings.Contains(s, "{{%") || strings.Contains(s, "{{<")) {
				t.Errorf("%s: a Hugo shortcode got through:\n%s", f.Path, s)
			}
		}
		checkDocSet(t, files, hugo)
	}
}

// checkDocSet checks what must hold for any document set: every table
// row has as many cells as its header (pipes and newlines in text are
// escaped), every relative link reaches a page of the set, and with Hugo
// every page starts with front matter whose strings are quoted.
func checkDocSet(t *testing.T, files []render.DocFile, hugo bool) {
	t.Helper()
	pages := map[string]bool{}
	for _, f := range files {
		pages[f.Path] = true
	}
	link := regexp.MustCompile(`\]\(([^)]*)\)`)
	for _, f := range files {
		s := string(f.Content)
		body := s
		if hugo {
			fm, rest, ok := strings.Cut(strings.TrimPrefix(s, "---\n"), "\n---\n")
			if !strings.HasPrefix(s, "---\n") || !ok {
				t.Errorf("%s: no front matter", f.Path)
				continue
			}
			for _, ln := range strings.Split(fm, "\n") {
				k, v, _ := strings.Cut(ln, ": ")
				switch k {
				case "title", "description":
					if !strings.HasPrefix(v, `"`) || !strings.HasSuffix(v, `"`) || len(v) < 2 {
						t.Errorf("%s: front matter %s not quoted: %s", f.Path, k, v)
					}
				case "weight":
				default:
					t.Errorf("%s: front matter line %q", f.Path, ln)
				}
			}
			body = rest
		} else if !strings.HasPrefix(s, "# ") {
			t.Errorf("%s: no heading", f.Path)
		}
		cols := 0
		for _, ln := range strings.Split(body, "\n") {
			if !strings.HasPrefix(ln, "|") {
				cols = 0
				continue
			}
			n := cells(ln)
			if cols == 0 {
				cols = n
			} else if n != cols {
				t.Errorf("%s: table row has %d cells, header %d: %s", f.Path, n, cols, ln)
			}
		}
		for _, m := range link.FindAllStringSubmatch(body, -1) {
			target := m[1]
			if strings.HasPrefix(target, "/") || strings.HasPrefix(target, "#") || strings.Contains(target, ":") {
				// Site links, anchors and URLs from the framework's own text.
				continue
			}
			var p string
			if hugo {
				base := strings.TrimSuffix(f.Path, ".md")
				if path.Base(base) == "_index" {
					base = path.Dir(base)
				}
				u := path.Clean(path.Join(base, target))
				p = u + ".md"
				if u == "." {
					p = "_index.md"
				}
				if !strings.HasSuffix(target, "/") {
					t.Errorf("%s: Hugo link %q without trailing slash", f.Path, target)
				}
			} else {
				p = path.Join(path.Dir(f.Path), target)
			}
			if !pages[p] {
				t.Errorf("%s: link %q reaches no page (%s)", f.Path, target, p)
			}
		}
	}
}

// cells counts the cells of a Markdown table row, skipping escaped pipes.
func cells(row string) int {
	n := -1
	for i := 0; i < len(row); i++ {
		switch row[i] {
		case '\\':
			i++
		case '|':
			n++
		}
	}
	return n
}

// TestDocsRealInfrastructure checks the document set of real handbook
// pages (not stored: the text is not ours) for broken tables and links.
func TestDocsRealInfrastructure(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "handbook")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("real handbook data not found at %s; skipping", root)
	}
	fw, err := framework.Load(os.DirFS(root), "content/handbook/engineering/careers/matrix/infrastructure")
	if err != nil {
		t.Fatal(err)
	}
	for _, hugo := range []bool{false, true} {
		files, err := render.Docs(fw, render.DocsOptions{Hugo: hugo})
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != 2+2*len(fw.Levels)-1 {
			t.Errorf("%d pages for %d levels", len(files), len(fw.Levels))
		}
		checkDocSet(t, files, hugo)
	}
}
