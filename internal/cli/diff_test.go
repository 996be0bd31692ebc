package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/framework/example"
	"github.com/ladder-cli/ladder/internal/gittest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// exampleFiles reads the embedded example site as path -> content.
func exampleFiles(t testing.TB) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := fs.WalkDir(example.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(example.FS(), p)
		files["site/"+p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// edit applies replacements to one file of a file set, failing when the
// text to replace is missing (so the test cannot silently test nothing).
func edit(t testing.TB, files map[string]string, name string, pairs ...string) {
	t.Helper()
	s, ok := files[name]
	if !ok {
		t.Fatalf("no file %s", name)
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("%s does not contain %q", name, pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	files[name] = s
}

// editedExample returns the example before and after an edit that
// rewords an include item, renames a pillar, adds a level page, and
// makes a whitespace-only and a link-only change.
func editedExample(t *testing.T) (before, after map[string]string) {
	before = exampleFiles(t)
	after = map[string]string{}
	for k, v := range before {
		after[k] = v
	}
	const dir = "site/content/careers/platform/"
	edit(t, after, "site/assets/includes/careers/values.md",
		"Shows the [Write it down](/handbook/values/#write-it-down) behaviours described for their level.",
		"Shows the [Write it down](/handbook/values/#write-it-down) behaviours expected at their level, in writing first.")
	edit(t, after, dir+"senior.md", "## Judgement", "## Decision making",
		"Owns multi-week projects from design through rollout", "Owns  multi-week projects from design through rollout")
	edit(t, after, dir+"staff.md", "(/handbook/platform/", "(/handbook/platform-engineering/")
	edit(t, after, dir+"_index.md", "1. Distinguished", "1. [Distinguished](/careers/platform/distinguished/)")
	after[dir+"distinguished.md"] = "---\ntitle: \"Distinguished - Platform Engineering Career Framework\"\n---\n\n## Distinguished\n\nDistinguished engineers set Tidewater's technical strategy.\n\n## Ownership\n\n1. Owns the technical strategy of the data platform for several years ahead.\n"
	return before, after
}

func runCLI(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	ios := &IOStreams{Out: &out, ErrOut: &errb, Getenv: func(string) string { return "" }, Dir: dir, Width: 100}
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	code := Main(ios, args)
	return out.String(), errb.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("..", "..", "testdata", "golden", "diff", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run with -update if intended):\n--- got ---\n%s", name, got)
	}
}

func TestDiffRevisions(t *testing.T) {
	before, after := editedExample(t)
	repo, err := gittest.Init(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := repo.Commit("example", before); err != nil {
		t.Fatal(err)
	}
	if _, err := repo.Commit("readme only", map[string]string{"README.md": "not the framework\n"}); err != nil {
		t.Fatal(err)
	}
	if _, err := repo.Commit("edit the framework", after); err != nil {
		t.Fatal(err)
	}
	fw := filepath.Join("site", "content", "careers", "platform")
	for _, format := range []string{"table", "markdown", "json"} {
		out, errOut, code := runCLI(t, repo.Dir, "diff", "HEAD~2", "HEAD", "--framework", fw, "--format", format)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", format, code, errOut)
		}
		golden(t, "revisions."+map[string]string{"table": "txt", "markdown": "md", "json": "json"}[format], out)
		// Same revisions written as A..B give the same bytes.
		again, _, _ := runCLI(t, repo.Dir, "diff", "HEAD~2..HEAD", "--framework", fw, "--format", format)
		if again != out {
			t.Errorf("%s: HEAD~2..HEAD differs from HEAD~2 HEAD", format)
		}
	}
	// The expected levels, and nothing else, are named as changed.
	out, _, _ := runCLI(t, repo.Dir, "diff", "HEAD~2", "HEAD", "--framework", fw, "--format", "markdown")
	for _, want := range []string{
		"| platform/senior | changed (includes) |", "| platform/staff | changed (includes) |", "| platform/distinguished | added |",
		"Decision making (renamed from Judgement)", "1 whitespace-only change", "1 link-only change",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown diff lacks %q", want)
		}
	}
	// --exit-code: 1 with changes, 0 without (a commit that does not touch the framework).
	if _, _, code := runCLI(t, repo.Dir, "diff", "HEAD~2", "HEAD", "--framework", fw, "--exit-code"); code != 1 {
		t.Errorf("--exit-code with changes: exit %d, want 1", code)
	}
	if _, _, code := runCLI(t, repo.Dir, "diff", "HEAD~2", "HEAD~1", "--framework", fw, "--exit-code"); code != 0 {
		t.Errorf("--exit-code without changes: exit %d, want 0", code)
	}
}

func TestDiffFolders(t *testing.T) {
	before, after := editedExample(t)
	root := t.TempDir()
	for name, files := range map[string]map[string]string{"old": before, "new": after} {
		for p, content := range files {
			full := filepath.Join(root, name, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	out, errOut, code := runCLI(t, root, "diff", "old/site/content/careers/platform", "new/site/content/careers/platform", "--format", "markdown")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden(t, "folders.md", out)
	out2, _, _ := runCLI(t, root, "diff", "old/site/content/careers/platform", "new/site/content/careers/platform", "--format", "markdown", "--ignore-links")
	if strings.Contains(out2, "Link targets changed") || !strings.Contains(out2, "(hidden)") {
		t.Errorf("--ignore-links still shows link changes")
	}
}

func TestDiffErrors(t *testing.T) {
	before, _ := editedExample(t)
	repo, err := gittest.Init(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := repo.Commit("example", before); err != nil {
		t.Fatal(err)
	}
	fw := filepath.Join("site", "content", "careers", "platform")
	tests := []struct {
		name string
		dir  string
		args []string
		want string
	}{
		{"unknown revision", repo.Dir, []string{"diff", "nope", "HEAD", "--framework", fw}, `revision "nope": unknown revision`},
		{"path missing at revision", repo.Dir, []string{"diff", "HEAD", "HEAD", "--framework", "site/content/careers/data"}, "does not exist at this revision"},
		{"not a repository", t.TempDir(), []string{"diff", "HEAD~1", "HEAD"}, "not inside a git repository"},
		{"three arguments", repo.Dir, []string{"diff", "HEAD", "HEAD", "HEAD"}, "diff takes OLD NEW"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "path missing at revision" {
				if err := os.MkdirAll(filepath.Join(repo.Dir, "site", "content", "careers", "data"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			_, errOut, code := runCLI(t, tt.dir, tt.args...)
			if code != 2 || !strings.Contains(errOut, tt.want) || strings.Contains(errOut, "goroutine") {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.want)
			}
		})
	}
}

// copyTree copies a folder.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func replaceInFile(t *testing.T, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	if err := os.WriteFile(name, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDiffRealHandbookEdits edits copies of the real handbook pages (an
// include item reworded, a pillar renamed, a level page added) and checks
// that the diff names exactly the affected levels.
func TestDiffRealHandbookEdits(t *testing.T) {
	shared, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "handbook"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("real handbook data not found at %s; skipping", shared)
	}
	root := t.TempDir()
	copyTree(t, shared, filepath.Join(root, "old"))
	copyTree(t, shared, filepath.Join(root, "new"))
	matrix := filepath.Join("content", "handbook", "engineering", "careers", "matrix")
	inc := filepath.Join(root, "new", "assets", "includes", "engineering-careers", "associate-leadership-competency.md")
	// Reword the second item of the include, whatever its text: append words.
	data, _ := os.ReadFile(inc)
	lines := strings.Split(string(data), "\n")
	n := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "* ") {
			if n++; n == 2 {
				lines[i] = strings.TrimSuffix(l, ".") + ", with written notes."
			}
		}
	}
	if err := os.WriteFile(inc, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	replaceInFile(t, filepath.Join(root, "new", matrix, "infrastructure", "senior.md"), "## Credibility", "## Trust")
	if err := os.WriteFile(filepath.Join(root, "new", matrix, "infrastructure", "distinguished.md"),
		[]byte("---\ntitle: Distinguished\n---\n\n## Distinguished\n\nOur own test text.\n\n## Accountability\n\n1. Sets direction for the department.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, root, "diff", filepath.Join("old", matrix), filepath.Join("new", matrix), "--format", "json", "--exit-code")
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, errOut)
	}
	var got struct {
		Levels []struct {
			Ref, Status string
			Pillars     []struct {
				Key         string
				RenamedFrom string `json:"renamed_from"`
			}
		}
		Includes []struct {
			Path    string
			Affects []string
			Changes []struct{ Kind string }
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	changed := map[string]string{}
	for _, l := range got.Levels {
		if l.Status != "unchanged" {
			changed[l.Ref] = l.Status
		}
		if l.Ref == "infrastructure/senior" {
			found := false
			for _, p := range l.Pillars {
				found = found || p.Key == "trust" && p.RenamedFrom == "Credibility"
			}
			if !found {
				t.Errorf("infrastructure/senior: no pillar trust renamed from Credibility")
			}
		}
	}
	want := map[string]string{"matrix/associate": "changed", "infrastructure/associate": "changed", "infrastructure/senior": "changed", "infrastructure/distinguished": "added"}
	if len(changed) != len(want) {
		t.Errorf("changed levels %v, want %v", changed, want)
	}
	for ref, st := range want {
		if changed[ref] != st {
			t.Errorf("%s: %q, want %q", ref, changed[ref], st)
		}
	}
	if len(got.Includes) != 1 || strings.Join(got.Includes[0].Affects, ",") != "matrix/associate,infrastructure/associate" ||
		len(got.Includes[0].Changes) != 1 || got.Includes[0].Changes[0].Kind != "reworded" {
		t.Errorf("includes = %+v; want the one edited include, affecting the two associate pages, one reworded item", got.Includes)
	}
}
