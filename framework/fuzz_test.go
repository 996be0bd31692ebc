package framework_test

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ladder-cli/ladder/framework"
)

// seedPages returns every Markdown file of the test sites and the
// embedded example site.
func seedPages(f *testing.F) map[string][]byte {
	f.Helper()
	out := map[string][]byte{}
	for _, root := range []string{"../testdata/sites", "example/site"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".md") {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[filepath.ToSlash(p)] = data
			return nil
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	if len(out) == 0 {
		f.Fatal("no seed pages")
	}
	return out
}

// checkResult asserts what holds for any input: an error is a
// *framework.Error, and a level is complete and points into its file.
func checkResult(t *testing.T, lv *framework.Level, err error, file string, nlines int) {
	t.Helper()
	if err != nil {
		var fe *framework.Error
		if !errors.As(err, &fe) {
			t.Fatalf("error %T %q is not a *framework.Error", err, err)
		}
		if fe.Code == "" || fe.Err == nil {
			t.Fatalf("incomplete error %#v", fe)
		}
		if lv != nil {
			t.Fatalf("a level and an error")
		}
		return
	}
	if lv == nil {
		t.Fatal("no level and no error")
	}
	if lv.Inherits == nil || lv.Warnings == nil || lv.Pillars == nil {
		t.Fatalf("nil slices in %+v", lv)
	}
	keys := map[string]bool{}
	for _, p := range lv.Pillars {
		if p.Items == nil {
			t.Fatalf("pillar %q: nil Items", p.Name)
		}
		if p.Source.File == file && (p.Source.Line < 1 || p.Source.Line > nlines) {
			t.Fatalf("pillar %q: line %d of %d", p.Name, p.Source.Line, nlines)
		}
		// The key is the name's, or the path's when two pillars of a level
		// share a name (then numbered if the paths are alike too).
		if p.Key != framework.PillarKey(p.Name) && !strings.HasPrefix(p.Key, framework.PillarKey(strings.Join(p.Path, " "))) {
			t.Fatalf("pillar %q: key %q", p.Name, p.Key)
		}
		if keys[p.Key] {
			t.Fatalf("pillar %q: key %q twice in a level", p.Name, p.Key)
		}
		keys[p.Key] = true
		var walk func(items []*framework.Item)
		walk = func(items []*framework.Item) {
			for _, it := range items {
				if it.Children == nil {
					t.Fatalf("item %q: nil Children", it.Text)
				}
				if it.Source.File == file && (it.Source.Line < 1 || it.Source.Line > nlines) {
					t.Fatalf("item %q: line %d of %d", it.Text, it.Source.Line, nlines)
				}
				walk(it.Children)
			}
		}
		walk(p.Items)
		p.Count()
	}
}

// lineCount is how many lines the loader can number in data.
func lineCount(data []byte) int {
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	return strings.Count(s, "\n") + strings.Count(s, "\r") + 1
}

func FuzzParsePage(f *testing.F) {
	for p, data := range seedPages(f) {
		f.Add(data, path.Base(p))
	}
	f.Add([]byte("---\ntitle: x\n"), "senior.md")
	f.Add([]byte("## [Senior] Technical\n\n* a\n  * b\n    * c\n"), "senior.md")
	// Past goldmark's bounds: a block over 16 KiB keeps its inline
	// Markdown as text, and deep indentation is cut to 128 columns.
	f.Add([]byte("## Ownership\n\n- a [b](c)\n\n"+strings.Repeat("[](", 6000)+"\n"), "senior.md")
	f.Add([]byte("## Ownership\n\n"+strings.Repeat("- x\n  ", 100)+strings.Repeat(" ", 300)+"- deep\n"), "senior.md")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		lv, err := framework.ParsePage(data, name)
		checkResult(t, lv, err, name, lineCount(data))
	})
}

func FuzzFrontMatter(f *testing.F) {
	f.Add("title: Senior", "## A\n\n- b\n")
	f.Add(`title: "Senior: Engineer"`+"\ndescription: 'x'", "")
	f.Add(`title = "Senior"`, "## A\n1. b\n")
	f.Add("title: [unclosed", "")
	f.Add("title: a\ntitle: b", "")
	f.Add("\n[Overview](/x/) |\n[Intern](/x/intern/)\n", "## A\n")
	f.Add("a: &x 1\nb: *x", "")
	f.Add("title: !!binary aGVsbG8=", "")
	for _, data := range seedPages(f) {
		s := string(data)
		for _, d := range []string{"---\n", "+++\n"} {
			if rest, ok := strings.CutPrefix(s, d); ok {
				if fm, body, ok := strings.Cut(rest, "\n"+d); ok {
					f.Add(fm, body)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, fm, body string) {
		for _, d := range []string{"---", "+++"} {
			src := d + "\n" + fm + "\n" + d + "\n" + body
			lv, err := framework.ParsePage([]byte(src), "senior.md")
			checkResult(t, lv, err, "senior.md", lineCount([]byte(src)))
			var fe *framework.Error
			if errors.As(err, &fe) && fe.Code == "front-matter" {
				// The error must point into the front matter or at its
				// delimiters.
				if max := lineCount([]byte(d + "\n" + fm + "\n" + d)); fe.Source.Line < 1 || fe.Source.Line > max {
					t.Fatalf("%s front matter error at line %d, front matter has %d lines: %v", d, fe.Source.Line, max, err)
				}
			}
		}
	})
}

func FuzzExpandIncludes(f *testing.F) {
	pages := seedPages(f)
	for p, data := range pages {
		if strings.Contains(p, "/includes/") {
			f.Add([]byte("## Senior Technical\n\n* A.\n"), data, false, false)
		} else {
			f.Add(data, []byte("* Included.\n"), false, false)
		}
	}
	f.Add([]byte("## A\n"), []byte(`{{% include "includes/a.md" %}}`), true, false)
	f.Add([]byte("## A\n"), []byte("* x"), false, true)
	f.Add([]byte("## A\n"), []byte(`{{% include "includes/../../etc/x" %}}`+"\n"+`{{% include "includes/missing.md" %}}`), false, false)
	const (
		dir   = "content/careers/eng"
		page  = dir + "/senior.md"
		inc   = "assets/includes/a.md"
		incSC = `{{% include "includes/a.md" %}}`
		// The page itself, named from the includes folder.
		pageSC = `{{% include "includes/../../` + page + `" %}}`
	)
	f.Fuzz(func(t *testing.T, pageText, incText []byte, incSelf, pageSelf bool) {
		pt := string(pageText) + "\n" + incSC + "\n"
		if pageSelf {
			pt += pageSC + "\n"
		}
		it := string(incText)
		if incSelf {
			it += "\n" + incSC + "\n"
		}
		fsys := fstest.MapFS{
			page: &fstest.MapFile{Data: []byte(pt)},
			inc:  &fstest.MapFile{Data: []byte(it)},
		}
		lim := framework.DefaultLimits
		lim.MaxExpandedSize = 1 << 20
		fw, err := framework.Load(fsys, dir, framework.WithLimits(lim))
		if err != nil {
			var fe *framework.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %T %q is not a *framework.Error", err, err)
			}
			if fe.Code == "" {
				t.Fatalf("error without a code: %v", err)
			}
			return
		}
		if pageSelf || incSelf {
			t.Fatalf("an include cycle loaded without error")
		}
		if len(fw.Levels) != 1 {
			t.Fatalf("levels: %v", fw.Levels)
		}
		lv := fw.Levels[0]
		checkResult(t, lv, nil, page, lineCount([]byte(pt)))
		for _, w := range lv.Warnings {
			if w.Source.File != page && w.Source.File != inc {
				t.Fatalf("warning at %v", w.Source)
			}
		}
	})
}
