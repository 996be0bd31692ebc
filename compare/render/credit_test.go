package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"

	"github.com/ladder-cli/ladder/compare/render"
	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/example"
)

// hostileCredit is Markdown and HTML syntax, a table pipe and a URL: it
// must come out as the same plain text on every page.
const hostileCredit = "Adapted from <script>alert(1)</script> Ladder | by *Example* _Co_, CC BY 4.0, https://example.com/x_y"

// TestDocsCredit renders every document set with a credit, from the
// framework (ladder.yaml) and from the options (--credit, which wins), and
// checks that every page ends with it as plain text.
func TestDocsCredit(t *testing.T) {
	load := func(credit string) *framework.Framework {
		fw, err := framework.Load(example.FS(), example.Dir)
		if err != nil {
			t.Fatal(err)
		}
		fw.Credit = credit
		return fw
	}
	sets := []struct {
		name string
		html bool
		docs func(fw *framework.Framework, o render.DocsOptions) ([]render.DocFile, error)
	}{
		{"markdown", false, render.Docs},
		{"hugo", false, func(fw *framework.Framework, o render.DocsOptions) ([]render.DocFile, error) {
			o.Hugo = true
			return render.Docs(fw, o)
		}},
		{"html", true, render.DocsHTML},
		{"departments markdown", false, func(fw *framework.Framework, o render.DocsOptions) ([]render.DocFile, error) {
			return render.DocsDepartments([]render.Department{{Name: "a", Framework: fw}, {Name: "b/c", Framework: fw}}, "Top", o)
		}},
		{"departments hugo", false, func(fw *framework.Framework, o render.DocsOptions) ([]render.DocFile, error) {
			o.Hugo = true
			return render.DocsDepartments([]render.Department{{Name: "a", Framework: fw}, {Name: "b/c", Framework: fw}}, "Top", o)
		}},
		{"departments html", true, func(fw *framework.Framework, o render.DocsOptions) ([]render.DocFile, error) {
			return render.DocsDepartmentsHTML([]render.Department{{Name: "a", Framework: fw}, {Name: "b/c", Framework: fw}}, "Top", o)
		}},
	}
	sources := []struct {
		name           string
		fwCredit, flag string
	}{
		{"options", "", hostileCredit},
		{"options over framework", "Not this one", hostileCredit},
		{"framework", hostileCredit, ""},
	}
	for _, s := range sets {
		for _, src := range sources {
			t.Run(s.name+"/"+src.name, func(t *testing.T) {
				files, err := s.docs(load(src.fwCredit), render.DocsOptions{Credit: src.flag})
				if err != nil {
					t.Fatal(err)
				}
				if len(files) < 5 {
					t.Fatalf("only %d pages", len(files))
				}
				for _, f := range files {
					var got string
					if s.html {
						got = htmlCredit(t, f)
					} else {
						got = markdownCredit(t, f)
					}
					if got != "Source: "+hostileCredit {
						t.Errorf("%s: credit %q, want %q", f.Path, got, "Source: "+hostileCredit)
					}
				}
			})
		}
	}
}

// TestDocsDepartmentsCredit: the index of several departments credits
// each department's distinct credit once.
func TestDocsDepartmentsCredit(t *testing.T) {
	fw := func(credit string) *framework.Framework {
		return &framework.Framework{Dir: "x", Credit: credit, Levels: []*framework.Level{{Slug: "one", Name: "One"}}}
	}
	ds := []render.Department{{Name: "a", Framework: fw("Credit A")}, {Name: "b", Framework: fw("")}, {Name: "c", Framework: fw("Credit A")}, {Name: "d", Framework: fw("Credit B")}}
	md, err := render.DocsDepartments(ds, "Top", render.DocsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := markdownCredit(t, md[0]); got != "Source: Credit A; Credit B" {
		t.Errorf("markdown index credit %q", got)
	}
	for _, f := range md[1:] {
		if strings.HasPrefix(f.Path, "b/") && bytes.Contains(f.Content, []byte("Source:")) {
			t.Errorf("%s: department b has no credit, yet:\n%s", f.Path, f.Content)
		}
	}
	h, err := render.DocsDepartmentsHTML(ds, "Top", render.DocsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := htmlCredit(t, h[0]); got != "Source: Credit A; Credit B" {
		t.Errorf("html index credit %q", got)
	}
}

// TestDocsNoCredit: without a credit no page says "Source:".
func TestDocsNoCredit(t *testing.T) {
	fw, err := framework.Load(example.FS(), example.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, docs := range []func(*framework.Framework, render.DocsOptions) ([]render.DocFile, error){render.Docs, render.DocsHTML} {
		files, err := docs(fw, render.DocsOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if bytes.Contains(f.Content, []byte("Source:")) || bytes.Contains(f.Content, []byte(`class="credit"`)) {
				t.Errorf("%s credits nothing yet says so", f.Path)
			}
		}
	}
}

// markdownCredit parses a Markdown page with goldmark (GFM) and returns
// the text of its last paragraph, failing on raw HTML, links or emphasis
// in it: the credit must read as plain text.
func markdownCredit(t *testing.T, f render.DocFile) string {
	t.Helper()
	src := f.Content
	if rest, ok := bytes.CutPrefix(src, []byte("---\n")); ok {
		_, body, found := bytes.Cut(rest, []byte("\n---\n"))
		if !found {
			t.Fatalf("%s: unterminated front matter", f.Path)
		}
		src = body
	}
	doc := goldmark.New(goldmark.WithExtensions(extension.Table)).Parser().Parse(text.NewReader(src))
	last := doc.LastChild()
	if last == nil || last.Kind() != ast.KindParagraph {
		t.Fatalf("%s: the last block is not a paragraph:\n%s", f.Path, f.Content)
	}
	var b strings.Builder
	err := ast.Walk(last, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			if n.SoftLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.Paragraph:
		default:
			t.Errorf("%s: %s in the credit", f.Path, n.Kind())
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// goldmark keeps entities and escapes as written: resolve them the
	// way a browser shows them.
	return html.UnescapeString(unescapeMarkdown(b.String()))
}

func unescapeMarkdown(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_[]#|~-+<>&", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// htmlCredit parses an HTML page and returns the text of the footer's
// credit paragraph, failing on any element inside it (a link, a script).
func htmlCredit(t *testing.T, f render.DocFile) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(f.Content))
	if err != nil {
		t.Fatal(err)
	}
	var credit *html.Node
	var find func(n *html.Node, inFooter bool)
	find = func(n *html.Node, inFooter bool) {
		if n.Type == html.ElementNode && n.Data == "footer" {
			inFooter = true
		}
		if n.Type == html.ElementNode && n.Data == "p" && inFooter {
			for _, a := range n.Attr {
				if a.Key == "class" && a.Val == "credit" {
					credit = n
				}
			}
		}
		if n.Type == html.ElementNode && n.Data == "script" && strings.Contains(textOf(n), "alert(1)") {
			t.Errorf("%s: the credit's script is a script element", f.Path)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c, inFooter)
		}
	}
	find(doc, false)
	if credit == nil {
		t.Fatalf("%s: no credit in the footer", f.Path)
	}
	for c := credit.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.TextNode {
			t.Errorf("%s: <%s> in the credit", f.Path, c.Data)
		}
	}
	return textOf(credit)
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}
