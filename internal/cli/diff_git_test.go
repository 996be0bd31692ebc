package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/internal/gittest"
)

// platform is the example framework's folder in the test repositories.
const platform = "site/content/careers/platform"

// requireGit skips a test that needs the git binary when it is absent.
func requireGit(t testing.TB) {
	t.Helper()
	if !gittest.Available() {
		t.Skip("git is not on PATH: this test builds repositories with the git command")
	}
}

// mustGit runs git in the repository, failing the test on error.
func mustGit(t *testing.T, r *gittest.Repo, args ...string) string {
	t.Helper()
	out, err := r.Git(args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Edits of the example, each touching one level.
var (
	editSenior = func(t testing.TB, files map[string]string) {
		edit(t, files, platform+"/senior.md", "## Judgement", "## Decision making")
	}
	editStaff = func(t testing.TB, files map[string]string) {
		edit(t, files, platform+"/staff.md", "## Judgement", "## Sound judgement")
	}
	addDistinguished = func(t testing.TB, files map[string]string) {
		files[platform+"/distinguished.md"] = "---\ntitle: \"Distinguished\"\n---\n\n## Distinguished\n\nDistinguished engineers set the platform's technical strategy.\n\n## Ownership\n\n1. Owns the technical strategy of the data platform for years ahead.\n"
	}
)

// historyRepo builds a repository (git init with initArgs) of three
// commits on master: "base" (the example, tagged v1 with an annotated
// tag), "edit senior" (platform/senior changed) and "add distinguished"
// (platform/distinguished added).
func historyRepo(t testing.TB, initArgs ...string) *gittest.Repo {
	t.Helper()
	requireGit(t)
	r, err := gittest.Init(t.TempDir(), initArgs...)
	if err != nil {
		t.Fatal(err)
	}
	files := exampleFiles(t)
	commit := func(msg string, change func(testing.TB, map[string]string)) string {
		if change != nil {
			change(t, files)
		}
		h, err := r.Commit(msg, files)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	base := commit("base", nil)
	if err := r.Tag("v1", base, true); err != nil {
		t.Fatal(err)
	}
	commit("edit senior", editSenior)
	commit("add distinguished", addDistinguished)
	return r
}

// changedLevels runs ladder diff (JSON) in dir and returns its changed
// levels as "ref:status", sorted, with the exit code and error output.
func changedLevels(t *testing.T, dir string, args ...string) ([]string, int, string) {
	t.Helper()
	out, errOut, code := runCLI(t, dir, append(append([]string{"diff"}, args...), "--format", "json")...)
	if code != 0 {
		return nil, code, errOut
	}
	var got struct {
		Levels []struct{ Ref, Status string }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("diff %v: %v\n%s", args, err, out)
	}
	var changed []string
	for _, l := range got.Levels {
		if l.Status != "unchanged" {
			changed = append(changed, l.Ref+":"+l.Status)
		}
	}
	sort.Strings(changed)
	return changed, code, errOut
}

// checkChanged checks the levels ladder diff reports changed.
func checkChanged(t *testing.T, dir string, args []string, want ...string) {
	t.Helper()
	got, code, errOut := changedLevels(t, dir, args...)
	sort.Strings(want)
	if code != 0 || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("diff %s: exit %d, changed %v; want %v\n%s", strings.Join(args, " "), code, got, want, errOut)
	}
}

// checkFails checks that ladder diff exits 2 with a message holding each
// of wants, and no Go trace.
func checkFails(t *testing.T, dir string, args []string, wants ...string) {
	t.Helper()
	_, errOut, code := runCLI(t, dir, append([]string{"diff"}, args...)...)
	if code != 2 || strings.Contains(errOut, "goroutine") {
		t.Errorf("diff %s: exit %d, stderr %q; want 2", strings.Join(args, " "), code, errOut)
	}
	for _, w := range wants {
		if !strings.Contains(errOut, w) {
			t.Errorf("diff %s: stderr %q lacks %q", strings.Join(args, " "), errOut, w)
		}
	}
}

const (
	senior        = "platform/senior:changed"
	staff         = "platform/staff:changed"
	distinguished = "platform/distinguished:added"
)

// TestDiffRevisionForms: each form of revision git accepts names the
// commit git names, so the levels reported changed are those the
// commits between changed.
func TestDiffRevisionForms(t *testing.T) {
	r := historyRepo(t)
	// @{-1} is the branch checked out before; @{u} the upstream.
	mustGit(t, r, "checkout", "-q", "-b", "side", "HEAD~1")
	mustGit(t, r, "checkout", "-q", "master")
	mustGit(t, r, "branch", "-q", "--set-upstream-to=side", "master")
	fw := []string{"--framework", platform}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"HEAD~2", "HEAD"}, []string{senior, distinguished}},
		{[]string{"HEAD~2..HEAD"}, []string{senior, distinguished}},
		{[]string{"HEAD~2.."}, []string{senior, distinguished}},
		{[]string{"@~1", "@"}, []string{distinguished}},
		{[]string{"@^", "@"}, []string{distinguished}},
		{[]string{"HEAD@{1}", "HEAD"}, []string{distinguished}}, // the checkout of side, then master: HEAD@{1} is side
		{[]string{"@{-1}", "HEAD"}, []string{distinguished}},
		{[]string{"@{u}", "HEAD"}, []string{distinguished}},
		{[]string{"@{u}..@"}, []string{distinguished}},
		{[]string{":/edit senior", "HEAD"}, []string{distinguished}},
		{[]string{":/base", ":/edit senior"}, []string{senior}},
		{[]string{"v1^{}", "HEAD"}, []string{senior, distinguished}},
		{[]string{"v1", "master"}, []string{senior, distinguished}},
		{[]string{"HEAD~1...HEAD"}, []string{distinguished}},
		{[]string{"v1...side"}, []string{senior}},
		{[]string{mustGit(t, r, "rev-parse", "--short", "HEAD~2"), mustGit(t, r, "rev-parse", "HEAD")}, []string{senior, distinguished}},
		{[]string{"HEAD", "HEAD"}, nil},
	}
	for _, tt := range tests {
		checkChanged(t, r.Dir, append(tt.args, fw...), tt.want...)
	}
	checkFails(t, r.Dir, append([]string{"nope", "HEAD"}, fw...), `revision "nope": unknown revision`)
	checkFails(t, r.Dir, append([]string{"HEAD~5", "HEAD"}, fw...), `revision "HEAD~5"`)
	checkFails(t, r.Dir, append([]string{"HEAD@{99}", "HEAD"}, fw...), `revision "HEAD@{99}"`, "only has")
	checkFails(t, r.Dir, append([]string{"--", "HEAD"}, fw...), "")
	checkFails(t, r.Dir, append([]string{"side@{u}", "HEAD"}, fw...), "no upstream configured")
	checkFails(t, r.Dir, append([]string{"nope...HEAD"}, fw...), `revision "nope"`)
}

// TestDiffMergeRequest: the target branch moved on after the merge
// request's branch left it. A...B reports the merge request's own edit
// only; A..B also reports the target's later edit, reversed.
func TestDiffMergeRequest(t *testing.T) {
	requireGit(t)
	r, err := gittest.Init(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	files := exampleFiles(t)
	if _, err := r.Commit("base", files); err != nil {
		t.Fatal(err)
	}
	mustGit(t, r, "checkout", "-q", "-b", "feature")
	editSenior(t, files)
	if _, err := r.Commit("feature: edit senior", files); err != nil {
		t.Fatal(err)
	}
	mustGit(t, r, "checkout", "-q", "master")
	target := exampleFiles(t)
	addDistinguished(t, target)
	if _, err := r.Commit("target moves on", target); err != nil {
		t.Fatal(err)
	}
	fw := []string{"--framework", platform}
	checkChanged(t, r.Dir, append([]string{"master...feature"}, fw...), senior)
	base := mustGit(t, r, "merge-base", "master", "feature")
	checkChanged(t, r.Dir, append([]string{base, "feature"}, fw...), senior)
	checkChanged(t, r.Dir, append([]string{"master..feature"}, fw...), senior, "platform/distinguished:removed")
	// Unrelated histories have no merge base.
	mustGit(t, r, "checkout", "-q", "--orphan", "lone")
	if _, err := r.Commit("lone", exampleFiles(t)); err != nil {
		t.Fatal(err)
	}
	checkFails(t, r.Dir, append([]string{"master...lone"}, fw...), "no merge base")
}

// TestDiffWorkingTree: one revision compares it with the working tree,
// no revision compares HEAD with it, from the framework folder or a
// folder above it.
func TestDiffWorkingTree(t *testing.T) {
	r := historyRepo(t)
	if err := r.Write(map[string]string{}); err != nil {
		t.Fatal(err)
	}
	files := exampleFiles(t)
	editSenior(t, files)
	addDistinguished(t, files)
	editStaff(t, files)
	if err := r.Write(map[string]string{platform + "/staff.md": files[platform+"/staff.md"]}); err != nil {
		t.Fatal(err)
	}
	fw := []string{"--framework", platform}
	checkChanged(t, r.Dir, fw, staff)
	checkChanged(t, r.Dir, append([]string{"HEAD"}, fw...), staff)
	checkChanged(t, r.Dir, append([]string{"HEAD~1"}, fw...), staff, distinguished)
	checkChanged(t, r.Dir, append([]string{"v1"}, fw...), staff, senior, distinguished)
	// From the framework folder itself, and from a folder between.
	checkChanged(t, filepath.Join(r.Dir, platform), nil, staff)
	checkChanged(t, filepath.Join(r.Dir, platform), []string{"HEAD~2..HEAD"}, senior, distinguished)
	checkChanged(t, filepath.Join(r.Dir, "site", "content"), []string{"HEAD~1", "--framework", "careers/platform"}, staff, distinguished)
	out, _, _ := runCLI(t, r.Dir, append([]string{"diff", "HEAD~1", "--format", "markdown"}, fw...)...)
	if !strings.Contains(out, "→ working tree") {
		t.Errorf("the working tree side is not named:\n%s", out)
	}
	// A folder alone is not a revision.
	checkFails(t, r.Dir, []string{platform}, "is a folder")
}

// TestDiffObjectFormatsAndLayouts: SHA-256 repositories, packed by git
// gc or loose, read as SHA-1 ones do.
func TestDiffObjectFormatsAndLayouts(t *testing.T) {
	for _, format := range []string{"sha1", "sha256"} {
		for _, gc := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, gc=%v", format, gc), func(t *testing.T) {
				r := historyRepo(t, "--object-format="+format)
				if gc {
					mustGit(t, r, "gc", "-q", "--prune=now")
				}
				if got := mustGit(t, r, "rev-parse", "--show-object-format"); got != format {
					t.Fatalf("object format %s, want %s", got, format)
				}
				checkChanged(t, r.Dir, []string{"HEAD~2", "HEAD", "--framework", platform}, senior, distinguished)
				checkChanged(t, r.Dir, []string{"@~1...@", "--framework", platform}, distinguished)
			})
		}
	}
}

// TestDiffReftable: a repository whose refs are in a reftable, which
// ladder never reads itself. Needs git 2.45 or later.
func TestDiffReftable(t *testing.T) {
	requireGit(t)
	r, err := gittest.Init(t.TempDir(), "--ref-format=reftable")
	if err != nil {
		t.Skipf("this git does not make reftable repositories (git 2.45 or later does): %v", err)
	}
	files := exampleFiles(t)
	if _, err := r.Commit("base", files); err != nil {
		t.Fatal(err)
	}
	editSenior(t, files)
	if _, err := r.Commit("edit senior", files); err != nil {
		t.Fatal(err)
	}
	checkChanged(t, r.Dir, []string{"master~1", "master", "--framework", platform}, senior)
}

// clone clones src (a file:// URL of it) into a new folder with the
// given arguments.
func clone(t *testing.T, src *gittest.Repo, args ...string) *gittest.Repo {
	t.Helper()
	dst := &gittest.Repo{Dir: filepath.Join(t.TempDir(), "clone")}
	if out, err := src.Git(append(append([]string{"clone", "-q"}, args...), "file://"+src.Dir, dst.Dir)...); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return dst
}

// TestDiffShallowClone: a revision beyond a shallow clone's history is
// an error saying the clone is shallow and how to deepen it; within it,
// and against the working tree, diff works; deepened, the revision is
// found.
func TestDiffShallowClone(t *testing.T) {
	src := historyRepo(t)
	r := clone(t, src, "--depth=1")
	if got := mustGit(t, r, "rev-parse", "--is-shallow-repository"); got != "true" {
		t.Fatalf("the clone is not shallow: %s", got)
	}
	fw := []string{"--framework", platform}
	checkFails(t, r.Dir, append([]string{"HEAD~1", "HEAD"}, fw...), `revision "HEAD~1"`, "shallow", "git fetch --deepen=N", "git fetch --unshallow")
	checkFails(t, r.Dir, append([]string{"HEAD~2..HEAD"}, fw...), "shallow")
	checkChanged(t, r.Dir, fw)
	mustGit(t, r, "fetch", "-q", "--deepen=1")
	checkChanged(t, r.Dir, append([]string{"HEAD~1", "HEAD"}, fw...), distinguished)
}

// TestDiffPartialClone: in a blob-less clone, the blobs of older
// revisions are not there; git cat-file fetches them from the remote.
func TestDiffPartialClone(t *testing.T) {
	src := historyRepo(t)
	mustGit(t, src, "config", "uploadpack.allowFilter", "true")
	r := clone(t, src, "--filter=blob:none")
	missing := func() int {
		out := mustGit(t, r, "rev-list", "--objects", "--all", "--missing=print")
		return strings.Count(out, "\n?") + strings.Count(out[:min(1, len(out))], "?")
	}
	before := missing()
	if before == 0 {
		t.Fatal("the partial clone lacks no blob; the test would not fetch any")
	}
	checkChanged(t, r.Dir, []string{"HEAD~2", "HEAD", "--framework", platform}, senior, distinguished)
	if after := missing(); after >= before {
		t.Errorf("missing blobs %d before, %d after: git fetched none", before, after)
	}
}

// TestDiffWorktree: from a linked worktree, its own HEAD and the main
// repository's branches resolve.
func TestDiffWorktree(t *testing.T) {
	r := historyRepo(t)
	wt := &gittest.Repo{Dir: filepath.Join(t.TempDir(), "wt")}
	mustGit(t, r, "worktree", "add", "-q", "-b", "side", wt.Dir, "HEAD~1")
	files := exampleFiles(t)
	editSenior(t, files)
	editStaff(t, files)
	if _, err := wt.Commit("side: edit staff", files); err != nil {
		t.Fatal(err)
	}
	fw := []string{"--framework", platform}
	checkChanged(t, wt.Dir, append([]string{"HEAD~1", "HEAD"}, fw...), staff)
	checkChanged(t, wt.Dir, append([]string{"master...side"}, fw...), staff)
	checkChanged(t, wt.Dir, append([]string{"side", "master"}, fw...), "platform/staff:changed", distinguished)
	checkChanged(t, wt.Dir, fw)
}

// TestDiffSymlinks: a framework folder reached through a symbolic link
// is read where it is; a committed symbolic link to a page is followed,
// as folder mode follows it on disk; one leading out of the repository,
// or round in a loop, is an error naming the page.
func TestDiffSymlinks(t *testing.T) {
	r := historyRepo(t)
	fw := []string{"--framework", "fw"}
	if err := os.Symlink(platform, filepath.Join(r.Dir, "fw")); err != nil {
		t.Fatal(err)
	}
	checkChanged(t, r.Dir, append([]string{"HEAD~2", "HEAD"}, fw...), senior, distinguished)
	// The link itself committed: the same.
	mustGit(t, r, "add", "fw")
	mustGit(t, r, "commit", "-qm", "link")
	checkChanged(t, r.Dir, append([]string{"HEAD~3", "HEAD"}, fw...), senior, distinguished)

	// A page that is a committed link to a file elsewhere in the tree.
	page := exampleFiles(t)[platform+"/staff.md"]
	page = strings.Replace(page, "## Judgement", "## Principled judgement", 1)
	if err := r.Write(map[string]string{"pages/fellow.md": strings.Replace(page, "## Staff", "## Fellow", 1)}); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../../../pages/fellow.md", filepath.Join(r.Dir, platform, "fellow.md")); err != nil {
		t.Fatal(err)
	}
	mustGit(t, r, "add", "-A")
	mustGit(t, r, "commit", "-qm", "fellow through a link")
	checkChanged(t, r.Dir, []string{"HEAD~1", "HEAD", "--framework", platform}, "platform/fellow:added")
	// Folder mode reads the same on disk: the working tree agrees.
	checkChanged(t, r.Dir, []string{"--framework", platform})

	for name, target := range map[string]string{
		"outside": "../../../../../../../../etc/hostname",
		"loop":    "loop.md",
	} {
		t.Run(name, func(t *testing.T) {
			link := filepath.Join(r.Dir, platform, name+".md")
			if err := os.Symlink(target, link); err != nil {
				t.Fatal(err)
			}
			mustGit(t, r, "add", "-A")
			mustGit(t, r, "commit", "-qm", name)
			want := map[string]string{"outside": "escapes", "loop": "symbolic links"}[name]
			checkFails(t, r.Dir, []string{"HEAD~1", "HEAD", "--framework", platform}, name+".md", want)
			mustGit(t, r, "rm", "-q", link)
			mustGit(t, r, "commit", "-qm", "no "+name)
		})
	}
}

// TestDiffWithoutGit: with no git on PATH, revisions are an error saying
// diff needs git for them; folders still compare.
func TestDiffWithoutGit(t *testing.T) {
	dir := t.TempDir()
	for _, side := range []string{"old", "new"} {
		files := exampleFiles(t)
		if side == "new" {
			editSenior(t, files)
		}
		for p, c := range files {
			full := filepath.Join(dir, side, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Setenv("PATH", t.TempDir())
	checkFails(t, dir, []string{"HEAD~1", "HEAD", "--framework", filepath.Join("new", platform)}, "needs git", "not on PATH")
	checkFails(t, dir, []string{"--framework", filepath.Join("new", platform)}, "needs git")
	checkChanged(t, dir, []string{filepath.Join("old", platform), filepath.Join("new", platform)}, senior)
}

// BenchmarkDiffExampleHistory runs `ladder diff HEAD~2 HEAD --format
// markdown` in-process on the example's history: git rev-parse, one
// git cat-file --batch, the load and the comparison.
func BenchmarkDiffExampleHistory(b *testing.B) {
	r := historyRepo(b)
	wd, _ := os.Getwd()
	if err := os.Chdir(r.Dir); err != nil {
		b.Fatal(err)
	}
	defer os.Chdir(wd)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var out, errb strings.Builder
		ios := &IOStreams{Out: &out, ErrOut: &errb, Getenv: func(string) string { return "" }, Dir: r.Dir, Width: 100}
		if code := Main(ios, []string{"diff", "HEAD~2", "HEAD", "--framework", platform, "--format", "markdown"}); code != 0 {
			b.Fatalf("exit %d: %s", code, errb.String())
		}
	}
}
