package html

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/read/input"
)

func summary(fw *framework.Framework) string {
	var b strings.Builder
	for _, lv := range fw.Levels {
		b.WriteString(lv.Track + "/" + lv.Slug + ":")
		for _, p := range lv.Pillars {
			b.WriteString(" " + p.Name + "=" + strconv.Itoa(len(p.Items)))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func readDir(t *testing.T, dir string) *framework.Framework {
	t.Helper()
	in := &input.Input{FS: os.DirFS(dir), Name: ".", IsDir: true, Limits: framework.DefaultLimits}
	if !Detect(in) {
		t.Fatalf("%s not detected as HTML", dir)
	}
	fw, err := Read(in)
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

func allText(fw *framework.Framework) string {
	var b strings.Builder
	var walk func([]*framework.Item)
	walk = func(items []*framework.Item) {
		for _, it := range items {
			b.WriteString(it.Text + "|" + it.Markdown + "|" + it.Group + "\n")
			walk(it.Children)
		}
	}
	for _, lv := range fw.Levels {
		b.WriteString(lv.Name + lv.Summary + "\n")
		for _, p := range lv.Pillars {
			b.WriteString(p.Name + p.Note + "\n")
			walk(p.Items)
		}
	}
	return b.String()
}

func TestOwnSite(t *testing.T) {
	fw := readDir(t, "testdata/site")
	want := "e/e1: Scope=1 Delivery=3 Teamwork=1\n" +
		"e/e2: Scope=2 Delivery=2 Teamwork=1\n" +
		"m/m1: Delivery=1 Teamwork=2\n"
	if got := summary(fw); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	e1 := fw.Levels[0]
	d := e1.Pillars[1]
	if d.Items[0].Text != "I write tests for the code I change & the bugs I fix" || d.Items[0].Group != "Quality" {
		t.Errorf("item %q in group %q", d.Items[0].Text, d.Items[0].Group)
	}
	if d.Items[0].Source != (framework.Source{File: "e1_engineer.html", Line: 23}) {
		t.Errorf("item at %v, want e1_engineer.html:23", d.Items[0].Source)
	}
	if len(d.Items[2].Children) != 1 || d.Items[2].Group != "Pace" {
		t.Errorf("nested item: %d children, group %q", len(d.Items[2].Children), d.Items[2].Group)
	}
	text := allText(fw)
	for _, bad := range []string{"steal", "alert", "tracked", "font-family", "Copyright", "&amp;"} {
		if strings.Contains(text, bad) {
			t.Errorf("%q reached the model:\n%s", bad, text)
		}
	}
	if e1.Summary != "I deliver well-scoped tasks with guidance from my team." {
		t.Errorf("summary %q", e1.Summary)
	}
}

func TestNatural(t *testing.T) {
	names := []string{"ic10.html", "ic2.html", "m1.html", "ic1.html"}
	for i := range names {
		for j := range names {
			_ = natural(names[i], names[j])
		}
	}
	if !natural("ic2.html", "ic10.html") || natural("ic10.html", "ic2.html") || !natural("ic7.html", "m3.html") {
		t.Error("natural order wrong")
	}
}

// TestDropbox reads the real Dropbox pages: IC1-IC7 in order, the manager
// page on its own track; pillars from the <h2>s after the bold-labelled
// lists that open each page; items are the <li>s in the content, counted
// by hand per section (the navigation's links are not items).
func TestDropbox(t *testing.T) {
	dir := "../../../../shared/frameworks/dropbox+dbx-career-framework/docs"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("real frameworks not present (../shared/frameworks beside the worktree): ", err)
	}
	fw := readDir(t, dir)
	want := "ic/ic1: Scope=1 Collaborative Reach=1 Impact Levers=1 Results=9 Direction=2 Talent=6 Culture=9 Craft=5\n" +
		"ic/ic2: Scope=2 Collaborative Reach=1 Impact Levers=2 Results=14 Direction=5 Talent=8 Culture=11 Craft=8\n" +
		"ic/ic3: Scope=2 Collaborative Reach=1 Impact Levers=3 Results=16 Direction=8 Talent=10 Culture=16 Craft=12\n" +
		"ic/ic4: Scope=3 Collaborative Reach=2 Impact Levers=4 Results=16 Direction=9 Talent=8 Culture=19 Craft=15\n" +
		"ic/ic5: Scope=2 Collaborative Reach=2 Impact Levers=4 Results=11 Direction=8 Talent=11 Culture=19 Craft=12\n" +
		"ic/ic6: Scope=2 Collaborative Reach=2 Impact Levers=4 Results=12 Direction=8 Talent=12 Culture=19 Craft=8\n" +
		"ic/ic7: Scope=2 Collaborative Reach=2 Impact Levers=4 Results=12 Direction=8 Talent=13 Culture=19 Craft=6\n" +
		"m/m3: Scope=1 Collaborative Reach=1 Impact Levers=1 Results=18 Direction=9 Talent=13 Culture=19 Craft=7\n"
	if got := summary(fw); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if g := fw.Levels[2].Pillars[3].Items[0].Group; g != "Impact" {
		t.Errorf("first Results item of IC3 in group %q, want Impact", g)
	}
}

func FuzzParse(f *testing.F) {
	for _, p := range []string{"testdata/site/e1_engineer.html", "testdata/site/e2_senior_engineer.html"} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lv := Parse(data, "f.html", framework.DefaultLimits)
		if lv == nil {
			return
		}
		for _, p := range lv.Pillars {
			for _, it := range p.Items {
				if it.Source.Line < 1 || strings.Contains(it.Text, "<script") {
					t.Fatalf("item %q at line %d", it.Text, it.Source.Line)
				}
			}
		}
	})
}
