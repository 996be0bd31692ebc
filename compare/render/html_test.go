package render_test

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/compare/render"
	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/example"
)

// htmlElements are the elements the HTML writers use; anything else in
// a page came from framework text and got through unescaped.
var htmlElements = map[string]bool{
	"html": true, "head": true, "meta": true, "title": true, "style": true, "script": true, "body": true,
	"nav": true, "header": true, "main": true, "footer": true, "section": true, "details": true, "summary": true,
	"h1": true, "h2": true, "h3": true, "p": true, "div": true, "span": true, "strong": true, "code": true,
	"ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true, "a": true, "del": true, "ins": true, "wbr": true,
	"table": true, "thead": true, "tbody": true, "tfoot": true, "tr": true, "th": true, "td": true, "caption": true,
	"form": true, "fieldset": true, "legend": true, "label": true, "input": true, "select": true, "option": true,
}

// checkHTMLSafe parses a page as a browser would and fails on anything
// framework text could smuggle in: an element the writers do not use, an
// event handler attribute, a second script or one that is not ours, a
// link that is not http(s) or relative, a page without the
// Content-Security-Policy or the lang attribute.
func checkHTMLSafe(t *testing.T, name string, page []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	scripts, styles, csp, lang := 0, 0, false, false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if !htmlElements[n.Data] {
				t.Errorf("%s: unexpected element <%s>", name, n.Data)
			}
			switch n.Data {
			case "script":
				scripts++
				if n.FirstChild == nil || !strings.Contains(n.FirstChild.Data, "Filters for a ladder page") {
					t.Errorf("%s: a script that is not the page's own", name)
				}
			case "style":
				styles++
			case "html":
				for _, a := range n.Attr {
					lang = lang || a.Key == "lang" && a.Val == "en"
				}
			case "meta":
				for _, a := range n.Attr {
					if a.Key == "http-equiv" && a.Val == "Content-Security-Policy" {
						csp = true
					}
				}
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: event handler attribute %s on <%s>", name, a.Key, n.Data)
				}
				if a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "formaction" {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if i := strings.IndexAny(v, ":/?#"); i >= 0 && v[i] == ':' && !strings.HasPrefix(v, "http:") && !strings.HasPrefix(v, "https:") {
						t.Errorf("%s: link %q", name, a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if scripts > 1 || styles != 1 || !csp || !lang {
		t.Errorf("%s: %d scripts, %d styles, CSP %v, lang %v", name, scripts, styles, csp, lang)
	}
}

// htmlPages renders every HTML page of a framework: the comparison and
// gap of each pair of levels in both views, the levels page, and the
// document set.
func htmlPages(t *testing.T, fw *framework.Framework) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	add := func(name string, f func(*bytes.Buffer) error) {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = b.Bytes()
	}
	for i := 0; i+1 < len(fw.Levels); i++ {
		r := compare.Levels(fw.Levels[i], fw.Levels[i+1])
		name := fw.Levels[i].Slug + "-" + fw.Levels[i+1].Slug
		add("compare "+name, func(b *bytes.Buffer) error { return render.WriteCompareHTML(b, r, render.CompareOptions{}) })
		add("compare diff "+name, func(b *bytes.Buffer) error {
			return render.WriteCompareHTML(b, r, render.CompareOptions{Diff: true, ShowSame: true, Explain: true})
		})
	}
	if n := len(fw.Levels); n > 1 {
		g := compare.Gap(fw.Levels)
		add("gap", func(b *bytes.Buffer) error { return render.WriteGapHTML(b, g, render.GapOptions{All: true}) })
		add("gap checklist", func(b *bytes.Buffer) error { return render.WriteGapHTML(b, g, render.GapOptions{Checklist: true}) })
	}
	add("levels", func(b *bytes.Buffer) error { return render.WriteLevelsHTML(b, fw) })
	// Every level added: every item of the framework in the diff.
	none := func(string) ([]byte, error) { return nil, fs.ErrNotExist }
	d := compare.Frameworks(compare.Side{ReadFile: none},
		compare.Side{Departments: []compare.Department{{Name: "fw<script>", Framework: fw}}, ReadFile: none})
	add("diff", func(b *bytes.Buffer) error {
		return render.WriteDiffHTML(b, d, render.DiffOptions{Old: "<script>alert(5)</script>", New: "new \u202e"})
	})
	set, err := render.DocsHTML(fw, render.DocsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkHTMLDocSet(t, set)
	for _, f := range set {
		out["docs "+f.Path] = f.Content
	}
	return out
}

// checkHTMLDocSet checks every page of an HTML document set: safe, and
// every link leads to a page of the set.
func checkHTMLDocSet(t *testing.T, set []render.DocFile) {
	t.Helper()
	paths := map[string]bool{}
	for _, f := range set {
		paths[f.Path] = true
	}
	if !paths["index.html"] || !paths["matrix.html"] {
		t.Fatalf("no index or matrix in %v", paths)
	}
	for _, f := range set {
		checkHTMLSafe(t, f.Path, f.Content)
		doc, err := html.Parse(bytes.NewReader(f.Content))
		if err != nil {
			t.Fatal(err)
		}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			for _, a := range n.Attr {
				if n.Data == "a" && a.Key == "href" {
					if target := path.Join(path.Dir(f.Path), a.Val); !paths[target] {
						t.Errorf("%s: link %q leads to no page (%s)", f.Path, a.Val, target)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	}
}

// TestHTMLHostilePages runs the hostile pages of the CLI tests
// (cmd/ladder/testdata/script/hostile_*.txtar) through the HTML writers:
// whatever the text holds, no markup, script or link gets through.
func TestHTMLHostilePages(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "cmd", "ladder", "testdata", "script", "hostile_*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no hostile scripts found: %v", err)
	}
	loaded := 0
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		fsys := fstest.MapFS{}
		var dirs []string
		for _, f := range ar.Files {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
			if d := path.Dir(f.Name); strings.HasSuffix(f.Name, ".md") && !slices.Contains(dirs, d) {
				dirs = append(dirs, d)
			}
		}
		for _, dir := range dirs {
			fw, err := framework.Load(fsys, dir)
			if err != nil || len(fw.Levels) == 0 {
				continue // the CLI test checks the error
			}
			loaded++
			for name, page := range htmlPages(t, fw) {
				checkHTMLSafe(t, filepath.Base(file)+" "+dir+" "+name, page)
			}
		}
	}
	if loaded < 10 {
		t.Fatalf("only %d hostile frameworks loaded; the test would prove little", loaded)
	}
}

// TestHTMLEscapesText checks the text of one hostile item page by page:
// it shows as text, not as markup.
func TestHTMLEscapesText(t *testing.T) {
	fsys := fstest.MapFS{
		"fw/a.md": {Data: []byte("## Own<script>alert(0)</script>ership\n\n- Reviews <script>alert(1)</script> changes.\n- Keeps <img src=x onerror=alert(3)> out.\n- Same [link](javascript:alert(4)) kept.\n")},
		"fw/b.md": {Data: []byte("## Own<script>alert(0)</script>ership\n\n- Reviews <script>alert(1)</script> changes and mentors.\n- Same [link](javascript:alert(4)) kept.\n- Adds \u202eevil\u202c text.\n")},
	}
	fw, err := framework.Load(fsys, "fw")
	if err != nil {
		t.Fatal(err)
	}
	for name, page := range htmlPages(t, fw) {
		checkHTMLSafe(t, name, page)
		s := string(page)
		for _, bad := range []string{"<img", "javascript:", "\u202e", "<script>alert"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s: page holds %q", name, bad)
			}
		}
		if name != "levels" && name != "docs index.html" && name != "docs matrix.html" && !strings.Contains(s, "alert(1)") {
			t.Errorf("%s: the item text is gone", name)
		}
	}
}

// TestHTMLKindsFromTable checks that a change of a kind the renderer has
// no entry for still shows, with its name, a class and a legend entry:
// a new kind needs no code beyond its table entry to look right.
func TestHTMLKindsFromTable(t *testing.T) {
	it := func(s string) *framework.Item { return &framework.Item{Text: s} }
	r := &compare.Report{FromRef: "a", ToRef: "b", Pillars: []compare.PillarReport{{
		Key: "p", Name: "P", Status: compare.PillarChanged,
		Changes: []compare.Change{
			{Kind: compare.Added, To: it("x")},
			{Kind: "inherited-test", From: it("y"), To: it("y")},
		},
	}}}
	var b bytes.Buffer
	if err := render.WriteCompareHTML(&b, r, render.CompareOptions{}); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{`data-kind="inherited-test"`, `class="kind k-inherited-test"`, `.k-inherited-test{--k:`, `<strong>1</strong> inherited-test</li>`, `<dt><span class="kind k-inherited-test">`} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(s, `<dt><span class="kind k-removed">`) {
		t.Error("the legend lists a kind the page does not show")
	}
}

// TestHTMLGoldenFilesAreDocuments checks that the golden HTML pages are
// safe too (they are what the browser tests load).
func TestHTMLGoldenFilesAreDocuments(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "golden", "example")
	n := 0
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			return err
		}
		n++
		checkHTMLSafe(t, p, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no golden HTML pages (run go test ./compare/render -update)")
	}
}

// exampleDiff is a framework diff of the example against an edited copy:
// an item reworded and one added in senior, and a changed include file.
func exampleDiff(t *testing.T) *compare.FrameworkDiff {
	t.Helper()
	oldFS := example.FS()
	newFS := fstest.MapFS{}
	err := fs.WalkDir(oldFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(oldFS, p)
		newFS[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	edit := func(p, old, new string) {
		s := string(newFS[p].Data)
		if !strings.Contains(s, old) {
			t.Fatalf("%s lacks %q", p, old)
		}
		newFS[p] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
	}
	senior := example.Dir + "/senior.md"
	edit(senior, "and reviews the change plans of others.", "and reviews the change plans of their team.\n1. Writes a short design note before starting work that spans more than one sprint.")
	edit("assets/includes/careers/associate-technical.md", "* Uses Git", "* Explains their changes in the merge request description.\n* Uses Git")
	side := func(fsys fs.FS) compare.Side {
		fw, err := framework.Load(fsys, example.Dir)
		if err != nil {
			t.Fatal(err)
		}
		return compare.Side{Departments: []compare.Department{{Name: "platform", Framework: fw}},
			ReadFile: func(p string) ([]byte, error) { return fs.ReadFile(fsys, p) }}
	}
	d := compare.Frameworks(side(oldFS), side(newFS))
	if !d.Changed() || len(d.Includes) == 0 {
		t.Fatalf("the edits made no diff: %+v", d)
	}
	return d
}

// TestGoldenHTMLDiff compares the HTML framework diff with its golden file.
func TestGoldenHTMLDiff(t *testing.T) {
	d := exampleDiff(t)
	run(t, filepath.Join("..", "..", "testdata", "golden", "example"), []golden{
		{"diff.html", func(w *bytes.Buffer) error {
			return render.WriteDiffHTML(w, d, render.DiffOptions{Old: "main", New: "edited"})
		}, false},
	}, false)
}
