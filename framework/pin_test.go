package framework_test

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/framework"
)

var updatePin = flag.Bool("update", false, "rewrite framework/testdata golden files")

// pinFile pins what the loader reads from every real level page of
// ../shared/handbook: pillar keys, the source line, nesting and group of
// every item, notes, TOC entries and warnings. It holds numbers, paths,
// keys and SHA-256 prefixes only, never the handbook's sentences.
const pinFile = "testdata/handbook-pin.golden"

// digest is a short SHA-256 of a text, "-" for none.
func digest(s string) string {
	if s == "" {
		return "-"
	}
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:6])
}

// pinLevel writes the pinned facts of one level.
func pinLevel(b *strings.Builder, lv *framework.Level) {
	fmt.Fprintf(b, "level %s file=%s inherits=%v includes=%d summary=%s\n",
		lv.Slug, lv.File, lv.Inherits, len(lv.Includes), digest(lv.Summary))
	for _, e := range lv.TOC {
		fmt.Fprintf(b, "  toc %s text=%s target=%s\n", e.Source, digest(e.Text), digest(e.Target))
	}
	for _, w := range lv.Warnings {
		fmt.Fprintf(b, "  warning %s %s message=%s\n", w.Source, w.Code, digest(w.Message))
	}
	for _, p := range lv.Pillars {
		var keys []string
		for _, s := range p.Path {
			keys = append(keys, framework.PillarKey(s))
		}
		top, nested := p.Count()
		fmt.Fprintf(b, "  pillar %q %s path=%q anchor=%q items=%d nested=%d heading=%s note=%s\n",
			p.Key, p.Source, strings.Join(keys, " / "), p.Anchor, top, nested, digest(p.Heading), digest(p.Note))
		var walk func(items []*framework.Item, depth int)
		walk = func(items []*framework.Item, depth int) {
			for _, it := range items {
				fmt.Fprintf(b, "  %s- %s group=%s text=%s md=%s\n",
					strings.Repeat("  ", depth), it.Source, digest(it.Group), digest(it.Text), digest(it.Markdown))
				walk(it.Children, depth+1)
			}
		}
		walk(p.Items, 1)
	}
}

// TestRealHandbookPin loads every folder of real level pages under the
// handbook's content and compares what it reads with the pin file. Run
// with -update to rewrite the pin from the current parser.
func TestRealHandbookPin(t *testing.T) {
	root := handbookRoot(t)
	fsys := os.DirFS(root)
	var dirs []string
	seen := map[string]bool{}
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") && path.Base(p) != "_index.md" {
			if dir := path.Dir(p); !seen[dir] {
				seen[dir] = true
				dirs = append(dirs, dir)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	pages := 0
	for _, dir := range dirs {
		f, err := framework.Load(fsys, dir)
		if err != nil {
			t.Fatalf("Load(%s): %v", dir, err)
		}
		fmt.Fprintf(&b, "framework %s levels=%d\n", dir, len(f.Levels))
		for _, lv := range f.Levels {
			pinLevel(&b, lv)
			pages++
		}
	}
	if pages == 0 {
		t.Fatalf("no level pages found under %s/content", root)
	}
	got := b.String()
	golden := filepath.FromSlash(pinFile)
	if *updatePin {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./framework -run TestRealHandbookPin -update)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from line %d:\n got: %s\nwant: %s", pinFile, i+1, g, w)
			}
		}
	}
}
