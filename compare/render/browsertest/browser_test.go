package browsertest

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/compare/render"
	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/example"
)

//go:embed a11y.js
var a11yJS string

// chromium finds the browser, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	t.Skip("SKIP browser tests: Chromium not found (Debian: apt-get install -y chromium; .ci/run installs it)")
	return ""
}

// browser starts one headless Chromium for the whole test.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil { // start the browser
		cancel()
		cancelA()
		t.Fatalf("starting Chromium: %v", err)
	}
	t.Cleanup(func() { cancel(); cancelA() })
	return ctx
}

// watch records what a tab does that a page must not make it do.
type watch struct {
	mu       sync.Mutex
	page     string
	requests []string // requests other than the page itself
	dialogs  []string // alert, confirm, prompt
	errors   []string // exceptions and console or CSP errors
}

func (w *watch) listen(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if e.Request.URL != w.page {
			w.requests = append(w.requests, e.Request.URL)
		}
	case *page.EventJavascriptDialogOpening:
		w.dialogs = append(w.dialogs, e.Message)
	case *runtime.EventExceptionThrown:
		w.errors = append(w.errors, e.ExceptionDetails.Text)
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
			w.errors = append(w.errors, e.Entry.Text)
		}
	}
}

// tab opens file in a new tab of the browser and checks, when the test
// ends, that it made no request, opened no dialog and logged no error (a
// stylesheet or script the Content-Security-Policy blocked logs one).
func tab(t *testing.T, bctx context.Context, file string) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(bctx)
	ctx, cancelT := context.WithTimeout(ctx, 30*time.Second)
	u := (&url.URL{Scheme: "file", Path: file}).String()
	w := &watch{page: u}
	if err := chromedp.Listen(ctx, w.listen); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, log.Enable, struct{}{}); err != nil {
		t.Fatal(err)
	}
	go func() {
		// A dialog would block the page: close it (it is reported).
		for range chromedp.Events(ctx, page.JavascriptDialogOpening) {
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("loading %s: %v", file, err)
	}
	t.Cleanup(func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		if len(w.requests) > 0 {
			t.Errorf("%s: the page made network requests: %q", filepath.Base(file), w.requests)
		}
		if len(w.dialogs) > 0 {
			t.Errorf("%s: a script from the content ran (dialogs %q)", filepath.Base(file), w.dialogs)
		}
		if len(w.errors) > 0 {
			t.Errorf("%s: errors in the browser: %q", filepath.Base(file), w.errors)
		}
		cancelT()
		cancel()
	})
	return ctx
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// shots takes the screenshots of a page at a phone and a desktop width,
// and checks that the phone layout does not scroll sideways.
func shots(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("LADDER_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	for _, size := range []struct {
		suffix string
		w, h   int64
	}{{"phone", 390, 844}, {"desktop", 1280, 800}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(size.w, size.h)); err != nil {
			t.Fatal(err)
		}
		if size.suffix == "phone" {
			if w := eval[int](t, ctx, "document.documentElement.scrollWidth"); w > int(size.w) {
				t.Errorf("%s: at %dpx the page is %dpx wide (it scrolls sideways)", name, size.w, w)
			}
		}
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(png, []byte("\x89PNG")) {
			t.Fatalf("%s: the screenshot is not a PNG", name)
		}
		if err := os.WriteFile(filepath.Join(dir, name+"-"+size.suffix+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
}

// accessible runs the accessibility checks in light and dark mode, and
// checks the print stylesheet: no controls, rows that do not break.
func accessible(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	for _, scheme := range []string{"light", "dark"} {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		if err != nil {
			t.Fatal(err)
		}
		if scheme == "dark" {
			if bg := eval[string](t, ctx, "getComputedStyle(document.body).backgroundColor"); bg == "rgb(255, 255, 255)" {
				t.Errorf("%s: dark mode keeps a white page", name)
			}
		}
		for _, e := range eval[[]string](t, ctx, a11yJS) {
			t.Errorf("%s (%s): %s", name, scheme, e)
		}
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	printJS := `(() => {
		const errs = [];
		const c = document.getElementById("controls");
		if (c && getComputedStyle(c).display !== "none") errs.push("the filters print");
		document.querySelectorAll("tr, .checklist li").forEach((r) => {
			if (getComputedStyle(r).breakInside !== "avoid") errs.push("a row may break across pages: " + r.textContent.slice(0, 40));
		});
		return errs.slice(0, 3);
	})()`
	for _, e := range eval[[]string](t, ctx, printJS) {
		t.Errorf("%s (print): %s", name, e)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}
	// The page prints on A4 and on Letter.
	for _, paper := range []struct {
		name string
		size chromedp.PaperSize
	}{{"A4", chromedp.PaperA4}, {"Letter", chromedp.PaperLetter}} {
		pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(paper.size)))
		if err != nil {
			t.Fatalf("%s: printing on %s: %v", name, paper.name, err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) || pdfPages.FindAll(pdf, -1) == nil {
			t.Errorf("%s: printing on %s gave no PDF pages", name, paper.name)
		}
	}
}

// pdfPages matches a page object of a PDF.
var pdfPages = regexp.MustCompile(`/Type\s*/Page[^s]`)

func write(t *testing.T, dir, name string, f func(*bytes.Buffer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func loadExample(t *testing.T) *framework.Framework {
	t.Helper()
	fw, err := framework.Load(example.FS(), example.Dir)
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

// TestBrowser loads every kind of HTML page in Chromium.
func TestBrowser(t *testing.T) {
	bctx := browser(t)
	dir := t.TempDir()
	fw := loadExample(t)
	from, to := fw.Level("associate"), fw.Level("intermediate")
	r := compare.Levels(from, to)

	t.Run("compare", func(t *testing.T) {
		file := write(t, dir, "compare.html", func(b *bytes.Buffer) error { return render.WriteCompareHTML(b, r, render.CompareOptions{}) })
		ctx := tab(t, bctx, file)
		total := 0
		for _, p := range r.Pillars {
			total += len(p.Changes)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("tr[data-kind]").length`); n != total {
			t.Errorf("%d rows, want %d (one per change)", n, total)
		}
		s := r.Summary
		want := fmt.Sprintf("%d %d %d %d %d %d", s.Same, s.Reworded, s.Added, s.Removed, s.Moved, s.Inherited)
		if got := eval[string](t, ctx, `[...document.querySelectorAll(".summary .counts strong")].map((e) => e.textContent).join(" ")`); got != want {
			t.Errorf("summary counts %q, want %q", got, want)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("td.from del").length`); n == 0 {
			t.Error("no <del> in the lower level's column")
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("td.to ins").length`); n == 0 {
			t.Error("no <ins> in the higher level's column")
		}
		// Screen readers do not announce <del> and <ins>: hidden text does.
		if got := eval[string](t, ctx, `getComputedStyle(document.querySelector("del"), "::before").content + getComputedStyle(document.querySelector("ins"), "::before").content`); got != `" [removed: "" [added: "` {
			t.Errorf("the words around changes for screen readers are %s", got)
		}
		if got := eval[string](t, ctx, `[...document.querySelectorAll("tr[data-kind=moved] .c-kind")].map((e) => e.textContent).join("|")`); !strings.Contains(got, "→ moved") {
			t.Errorf("moved rows say %q, want the mark and the word", got)
		}
		if src := eval[string](t, ctx, `document.querySelector("td.to .src").textContent`); !strings.HasPrefix(src, "content/careers/platform/intermediate.md:") {
			t.Errorf("source %q", src)
		}
		if n := eval[int](t, ctx, `document.scripts.length`); n != 1 {
			t.Errorf("%d scripts, want the page's own", n)
		}
		// The script shows the filters; unticking "same" hides those rows.
		if hidden := eval[bool](t, ctx, `document.getElementById("controls").hidden`); hidden {
			t.Fatal("the filters are still hidden: the page's script did not run")
		}
		visible := `[...document.querySelectorAll("tr[data-kind]")].filter((r) => r.getClientRects().length).length`
		if err := chromedp.Do(ctx, chromedp.Click(`input[name=kind][value=same]`, chromedp.NodeVisible)); err != nil {
			t.Fatal(err)
		}
		if n := eval[int](t, ctx, visible); n != total-s.Same {
			t.Errorf("without same: %d rows shown, want %d", n, total-s.Same)
		}
		if err := chromedp.Do(ctx, chromedp.Click(`input[name=kind][value=same]`, chromedp.NodeVisible)); err != nil {
			t.Fatal(err)
		}
		// The pillar filter keeps one pillar's section.
		first := eval[string](t, ctx, `document.querySelector("section.pillar").id`)
		choose := func(v string) {
			js := fmt.Sprintf(`(() => { const s = document.querySelector("select[name=pillar]"); s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); return s.value; })()`, v)
			if got := eval[string](t, ctx, js); got != v {
				t.Fatalf("pillar filter is %q, want %q", got, v)
			}
		}
		choose(first)
		if n := eval[int](t, ctx, `[...document.querySelectorAll("section.pillar")].filter((s) => s.getClientRects().length).length`); n != 1 {
			t.Errorf("with one pillar chosen, %d sections shown", n)
		}
		choose("")
		if n := eval[int](t, ctx, `[...document.querySelectorAll("section.pillar")].filter((s) => s.getClientRects().length).length`); n != len(r.Pillars) {
			t.Errorf("with all pillars chosen, %d sections shown, want %d", n, len(r.Pillars))
		}
		// The toggle switches to one column with both texts.
		side := `[getComputedStyle(document.querySelector("td.c-side")).display, getComputedStyle(document.querySelector("td.c-both")).display].join(" ")`
		if got := eval[string](t, ctx, side); got != "table-cell none" {
			t.Errorf("side by side view shows %q", got)
		}
		if err := chromedp.Do(ctx, chromedp.Click(`input[name=view][value=unified]`, chromedp.NodeVisible)); err != nil {
			t.Fatal(err)
		}
		if got := eval[string](t, ctx, side); got != "none table-cell" {
			t.Errorf("unified view shows %q", got)
		}
		if err := chromedp.Do(ctx, chromedp.Click(`input[name=view][value=side]`, chromedp.NodeVisible)); err != nil {
			t.Fatal(err)
		}
		accessible(t, ctx, "compare")
		shots(t, ctx, "compare")
	})

	t.Run("compare without JavaScript", func(t *testing.T) {
		file := write(t, dir, "compare-diff.html", func(b *bytes.Buffer) error {
			return render.WriteCompareHTML(b, r, render.CompareOptions{Diff: true})
		})
		ctx := tab(t, bctx, file)
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		if shown := eval[bool](t, ctx, `!!document.getElementById("controls").getClientRects().length`); shown {
			t.Error("without JavaScript the page shows filters that do nothing")
		}
		if got := eval[string](t, ctx, `getComputedStyle(document.querySelector("td.c-both")).display`); got != "table-cell" {
			t.Errorf("--view diff without JavaScript: the one-column text is %q", got)
		}
	})

	t.Run("gap checklist", func(t *testing.T) {
		var path []*framework.Level
		for i := fw.Index("associate"); i <= fw.Index("senior"); i++ {
			path = append(path, fw.Levels[i])
		}
		g := compare.Gap(path)
		file := write(t, dir, "gap-checklist.html", func(b *bytes.Buffer) error {
			return render.WriteGapHTML(b, g, render.GapOptions{Checklist: true})
		})
		ctx := tab(t, bctx, file)
		if n := eval[int](t, ctx, `document.querySelectorAll("input[type=checkbox]").length`); n != g.Summary.New+g.Summary.Strengthened {
			t.Errorf("%d checkboxes, want %d", n, g.Summary.New+g.Summary.Strengthened)
		}
		if err := chromedp.Do(ctx, chromedp.Click(`label[for=item-1]`, chromedp.NodeVisible)); err != nil {
			t.Fatal(err)
		}
		if !eval[bool](t, ctx, `document.getElementById("item-1").checked`) {
			t.Error("clicking an item's text does not tick it")
		}
		accessible(t, ctx, "gap-checklist")
		shots(t, ctx, "gap-checklist")
	})

	t.Run("levels", func(t *testing.T) {
		file := write(t, dir, "levels.html", func(b *bytes.Buffer) error { return render.WriteLevelsHTML(b, fw) })
		ctx := tab(t, bctx, file)
		if n := eval[int](t, ctx, `document.querySelectorAll("table.levels thead th").length`); n != len(fw.Levels)+1 {
			t.Errorf("%d column headers, want %d", n, len(fw.Levels)+1)
		}
		accessible(t, ctx, "levels")
		shots(t, ctx, "levels")
	})

	t.Run("diff", func(t *testing.T) {
		d := exampleDiff(t)
		file := write(t, dir, "diff.html", func(b *bytes.Buffer) error {
			return render.WriteDiffHTML(b, d, render.DiffOptions{Old: "main", New: "edited"})
		})
		ctx := tab(t, bctx, file)
		if n := eval[int](t, ctx, `document.querySelectorAll("section.include").length`); n != len(d.Includes) {
			t.Errorf("%d include sections, want %d", n, len(d.Includes))
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("tr[data-kind=added]").length`); n == 0 {
			t.Error("no added rows")
		}
		accessible(t, ctx, "diff")
		shots(t, ctx, "diff")
	})

	t.Run("docs", func(t *testing.T) {
		set, err := render.DocsHTML(fw, render.DocsOptions{})
		if err != nil {
			t.Fatal(err)
		}
		root := filepath.Join(dir, "docs")
		for _, f := range set {
			write(t, root, f.Path, func(b *bytes.Buffer) error { _, err := b.Write(f.Content); return err })
		}
		// One page of each kind: index, matrix, a level, a comparison
		// (the Go tests check the links of the whole set).
		for _, f := range set {
			switch {
			case f.Path == "index.html", f.Path == "matrix.html", f.Path == "levels/senior.html", f.Path == "compare/senior-vs-staff.html":
			default:
				continue
			}
			ctx := tab(t, bctx, filepath.Join(root, filepath.FromSlash(f.Path)))
			accessible(t, ctx, f.Path)
			// Every link leads to a page of the set.
			links := eval[[]string](t, ctx, `[...document.querySelectorAll("a[href]")].map((a) => a.href)`)
			for _, l := range links {
				u, err := url.Parse(l)
				if err != nil || u.Scheme != "file" {
					t.Errorf("%s: link %q", f.Path, l)
					continue
				}
				if _, err := os.Stat(u.Path); err != nil {
					t.Errorf("%s: link %q leads nowhere", f.Path, l)
				}
			}
			switch f.Path {
			case "index.html":
				shots(t, ctx, "docs-index")
			case "levels/senior.html":
				shots(t, ctx, "docs-level")
			}
		}
	})

	t.Run("hostile", func(t *testing.T) {
		hostile(t, bctx)
	})
}

// hostile loads pages made from hostile framework text: no script from
// it runs, nothing loads.
func hostile(t *testing.T, bctx context.Context) {
	dir := t.TempDir()
	page := func(title, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\n---\n\n" + body)}
	}
	fsys := fstest.MapFS{
		"fw/a.md": page(`"</title><script>alert('title')</script>"`, "## Own&lt;script&gt;alert('pillar')&lt;/script&gt;ership\n\n"+
			"- Reviews <script>alert(1)</script> changes.\n- Keeps <img src=x onerror=alert(3)> out.\n"+
			"- Same [link](javascript:alert(4)) kept.\n- Writes &lt;img src=x onerror=alert(5)&gt; daily.\n"+
			"- Loads <link rel=stylesheet href=http://127.0.0.1:9/x.css> and ![i](http://127.0.0.1:9/i.png).\n"),
		"fw/b.md": page(`"<style>body{display:none}</style>"`, "## Own&lt;script&gt;alert('pillar')&lt;/script&gt;ership\n\n"+
			"- Reviews <script>alert(1)</script> changes and mentors.\n- Same [link](javascript:alert(4)) kept.\n"+
			"- Writes &lt;img src=x onerror=alert(6)&gt; weekly.\n- Adds \u202eevil\u202c <svg onload=alert(7)> text.\n"),
	}
	fw, err := framework.Load(fsys, "fw")
	if err != nil {
		t.Fatal(err)
	}
	r := compare.Levels(fw.Levels[0], fw.Levels[1])
	files := []string{
		write(t, dir, "compare.html", func(b *bytes.Buffer) error { return render.WriteCompareHTML(b, r, render.CompareOptions{}) }),
		write(t, dir, "gap.html", func(b *bytes.Buffer) error {
			return render.WriteGapHTML(b, compare.Gap(fw.Levels), render.GapOptions{Checklist: true})
		}),
		write(t, dir, "levels.html", func(b *bytes.Buffer) error { return render.WriteLevelsHTML(b, fw) }),
	}
	set, err := render.DocsHTML(fw, render.DocsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range set {
		files = append(files, write(t, filepath.Join(dir, "docs"), f.Path, func(b *bytes.Buffer) error { _, err := b.Write(f.Content); return err }))
	}
	for _, file := range files {
		rel, _ := filepath.Rel(dir, file)
		t.Run(rel, func(t *testing.T) {
			ctx := tab(t, bctx, file)
			if n := eval[int](t, ctx, `[...document.scripts].filter((s) => !s.textContent.includes("Filters for a ladder page")).length`); n != 0 {
				t.Errorf("%d script elements from the content", n)
			}
			if n := eval[int](t, ctx, `document.querySelectorAll("img, svg, link, iframe, object, embed, [onerror], [onload]").length`); n != 0 {
				t.Errorf("%d elements from the content", n)
			}
			if !eval[bool](t, ctx, `document.body.getClientRects().length > 0`) {
				t.Error("a style from the content hid the page")
			}
		})
	}
}

// exampleDiff is a framework diff of the example against an edited copy.
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
	edit(example.Dir+"/senior.md", "and reviews the change plans of others.", "and reviews the change plans of their team.\n1. Writes a short design note before starting work that spans more than one sprint.")
	edit("assets/includes/careers/associate-technical.md", "* Uses Git", "* Explains their changes in the merge request description.\n* Uses Git")
	side := func(fsys fs.FS) compare.Side {
		fw, err := framework.Load(fsys, example.Dir)
		if err != nil {
			t.Fatal(err)
		}
		return compare.Side{Departments: []compare.Department{{Name: "platform", Framework: fw}},
			ReadFile: func(p string) ([]byte, error) { return fs.ReadFile(fsys, p) }}
	}
	return compare.Frameworks(side(oldFS), side(newFS))
}
