package read

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ladder-cli/ladder/framework"
)

const md = "## Engineer\n### Craft\n- Writes code.\n## Senior Engineer\n### Craft\n- Designs systems.\n- Reviews designs.\n"

func read(t *testing.T, fsys fs.FS, name, shape string) (*framework.Framework, error) {
	t.Helper()
	return Reader{Input: shape}.Read(fsys, name, framework.DefaultLimits)
}

func levelNames(fw *framework.Framework) string {
	var out []string
	for _, lv := range fw.Levels {
		s := lv.Slug
		if lv.Track != "" {
			s = lv.Track + ":" + s
		}
		out = append(out, s+"="+lv.Name)
	}
	return strings.Join(out, " ")
}

func TestDetect(t *testing.T) {
	fsys := fstest.MapFS{
		"one.md":         {Data: []byte(md)},
		"data.yml":       {Data: []byte("levels: [a, b]\ncompetencies:\n  - level: a\n    summary: x\n")},
		"fm.md":          {Data: []byte("---\ntopics:\n  - name: craft\n    content:\n      - level: 1\n        criteria: [x]\n      - level: 2\n        criteria: [y]\n---\n")},
		"matrix.md":      {Data: []byte("### Craft\n\n<table><tr><td>Craft</td><td>E1</td><td>E2</td></tr><tr><td>Code</td><td>x</td><td>y</td></tr></table>\n")},
		"site/e1.html":   {Data: []byte("<h1>E1</h1><h2>Craft</h2><ul><li>x</li></ul>")},
		"paths/a.md":     {Data: []byte("# A\n### Junior level\n- x\n### Senior level\n- y\n")},
		"paths/b.md":     {Data: []byte("# B\n### Junior level\n- x\n")},
		"hugo/senior.md": {Data: []byte("---\ntitle: Senior\n---\n## Craft\n- x\n")},
	}
	for name, want := range map[string]string{"one.md": "markdown", "data.yml": "yamldata", "fm.md": "frontmatter", "matrix.md": "matrix", "site": "html", "paths": "sections"} {
		fw, err := read(t, fsys, name, "")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if fw == nil || fw.Shape != want {
			t.Errorf("%s: read as %v, want %s", name, fw, want)
		}
	}
	if fw, err := read(t, fsys, "hugo", ""); fw != nil || err != nil {
		t.Errorf("Hugo folder taken by a reader: %v %v", fw, err)
	}
	// --input overrides detection: the matrix file read as one Markdown
	// file has no levels.
	if _, err := read(t, fsys, "matrix.md", "markdown"); err == nil || !strings.Contains(err.Error(), "no levels found reading it as markdown") {
		t.Errorf("forced markdown: %v", err)
	}
	if fw, err := read(t, fsys, "hugo", Hugo); fw != nil || err != nil {
		t.Errorf("--input hugo: %v %v", fw, err)
	}
}

// A repository folder whose README.md is the framework reads it.
func TestReadmeFolder(t *testing.T) {
	fsys := fstest.MapFS{"repo/README.md": {Data: []byte(md)}, "repo/LICENSE.md": {Data: []byte("# Licence\n")}}
	fw, err := read(t, fsys, "repo", "")
	if err != nil || fw == nil || fw.Shape != "markdown" || len(fw.Levels) != 2 || fw.Levels[0].File != "repo/README.md" {
		t.Fatalf("got %+v, %v", fw, err)
	}
}

func TestNoShape(t *testing.T) {
	fsys := fstest.MapFS{"notes.txt": {Data: []byte("hello")}}
	_, err := read(t, fsys, "notes.txt", "")
	var fe *framework.Error
	if !errors.As(err, &fe) || fe.Source.File != "notes.txt" || !IsNoShape(err) || !strings.Contains(err.Error(), "tried yamldata, frontmatter, matrix, markdown, sections, html") {
		t.Fatalf("got %v", err)
	}
}

func TestConfig(t *testing.T) {
	fsys := fstest.MapFS{
		"fw/one.md":      {Data: []byte(md)},
		"fw/ladder.yaml": {Data: []byte("order: [Senior Engineer, engineer]\nnames:\n  engineer: Engineer I\ntracks:\n  ic: [engineer, senior-engineer]\n")},
	}
	fw, err := read(t, fsys, "fw/one.md", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := levelNames(fw); got != "ic:senior-engineer=Senior Engineer ic:engineer=Engineer I" || fw.Order != "config" {
		t.Errorf("got %q order %s", got, fw.Order)
	}
	fsys["fw/ladder.yaml"] = &fstest.MapFile{Data: []byte("input: yamldata\n")}
	if _, err := read(t, fsys, "fw/one.md", ""); err == nil {
		t.Error("ladder.yaml input: yamldata was not obeyed")
	}
	fsys["fw/ladder.yaml"] = &fstest.MapFile{Data: []byte("tracks:\n  ic: [principal]\n")}
	_, err = read(t, fsys, "fw/one.md", "")
	var fe *framework.Error
	if !errors.As(err, &fe) || fe.Source.File != "fw/ladder.yaml" || !strings.Contains(err.Error(), `tracks.ic: no level "principal"`) {
		t.Errorf("got %v", err)
	}
	fsys["fw/ladder.yaml"] = &fstest.MapFile{Data: []byte("order:\n\t- a\n")}
	_, err = read(t, fsys, "fw/one.md", "")
	if !errors.As(err, &fe) || fe.Source.Line != 2 {
		t.Errorf("tab in ladder.yaml: %v", err)
	}
}

// Two tracks sharing a level slug: each is named track/slug.
func TestSharedSlugAcrossTracks(t *testing.T) {
	src := "# IC\n## Senior\n### Craft\n- a\n## Staff\n### Craft\n- b\n# Manager\n## Senior\n### Craft\n- c\n"
	fsys := fstest.MapFS{"t.md": {Data: []byte(src)}}
	fw, err := read(t, fsys, "t.md", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := levelNames(fw); got != "ic:ic/senior=Senior ic:staff=Staff manager:manager/senior=Senior" {
		t.Errorf("got %q", got)
	}
	ld := framework.NewLoaderFromFramework(fw)
	for ref, want := range map[string]string{"manager/senior": "manager/senior", "ic/staff": "staff", "staff": "staff"} {
		if got, err := ld.Resolve(ref); err != nil || got != want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", ref, got, err, want)
		}
	}
}

// TestHandbookStaysHugo checks that no reader takes a folder of the
// real GitLab handbook: they stay with the Hugo loader.
func TestHandbookStaysHugo(t *testing.T) {
	root := "../../../shared/handbook/content/handbook/engineering/careers/matrix"
	if _, err := os.Stat(root); err != nil {
		t.Skip("real handbook not present (../shared/handbook beside the worktree): ", err)
	}
	fsys := os.DirFS(root)
	dirs := []string{"."}
	entries, _ := fs.ReadDir(fsys, ".")
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
			sub, _ := fs.ReadDir(fsys, e.Name())
			for _, s := range sub {
				if s.IsDir() {
					dirs = append(dirs, path.Join(e.Name(), s.Name()))
				}
			}
		}
	}
	for _, d := range dirs {
		if fw, err := read(t, fsys, d, ""); fw != nil || err != nil {
			t.Errorf("%s: taken by a reader (%v, %v)", d, fw, err)
		}
	}
}

// TestCredit: ladder.yaml's credit reaches the framework, whichever
// reader reads it, Hugo level pages included.
func TestCredit(t *testing.T) {
	const credit = "Adapted from Example Ladder by Example Co., CC BY 4.0, https://example.com/ladder"
	cfg := &fstest.MapFile{Data: []byte("credit: \"  " + credit + "  \"\n")}
	tests := []struct {
		name, dir string
		fsys      fstest.MapFS
		want      string
	}{
		{"markdown", "fw/one.md", fstest.MapFS{"fw/one.md": {Data: []byte(md)}, "fw/ladder.yaml": cfg}, credit},
		{"markdown without config", "fw/one.md", fstest.MapFS{"fw/one.md": {Data: []byte(md)}}, ""},
		{"hugo", "eng", fstest.MapFS{"eng/junior.md": {Data: []byte("## Craft\n\n* Writes code.\n")}, "eng/ladder.yaml": cfg}, credit},
		{"hugo without config", "eng", fstest.MapFS{"eng/junior.md": {Data: []byte("## Craft\n\n* Writes code.\n")}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fw, err := framework.Load(tt.fsys, tt.dir, framework.WithReader(Reader{}))
			if err != nil {
				t.Fatal(err)
			}
			if len(fw.Levels) == 0 {
				t.Fatal("no levels")
			}
			if fw.Credit != tt.want {
				t.Errorf("Credit = %q, want %q", fw.Credit, tt.want)
			}
		})
	}
}

// TestCreditDepartments: the departments below a framework folder share
// the credit of its ladder.yaml.
func TestCreditDepartments(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("## Craft\n\n* Writes code.\n")}
	fsys := fstest.MapFS{"org/ladder.yaml": {Data: []byte("credit: Org credit\n")}, "org/ops/junior.md": page, "org/ops/senior.md": page}
	ld, err := framework.NewLoader(fsys, "org", framework.WithEmptyFolder(), framework.WithReader(Reader{}))
	if err != nil {
		t.Fatal(err)
	}
	sub, err := ld.Sub("ops")
	if err != nil {
		t.Fatal(err)
	}
	fw, err := sub.Framework()
	if err != nil {
		t.Fatal(err)
	}
	if fw.Credit != "Org credit" || len(fw.Levels) != 2 {
		t.Errorf("Credit = %q with %d levels", fw.Credit, len(fw.Levels))
	}
}
