package cli

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkDiffRevisions runs `ladder diff HEAD~1 HEAD` in-process on a
// repository given by LADDER_BENCH_REPO (skipped without it; see
// scripts/perf.sh for one built from the real pages).
func BenchmarkDiffRevisions(b *testing.B) {
	repo := os.Getenv("LADDER_BENCH_REPO")
	if repo == "" {
		b.Skip("set LADDER_BENCH_REPO to a repository whose last commit edits the framework")
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(repo); err != nil {
		b.Fatal(err)
	}
	defer os.Chdir(wd)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var out, errb bytes.Buffer
		ios := &IOStreams{Out: &out, ErrOut: &errb, Getenv: func(string) string { return "" }}
		if code := Main(ios, []string{"diff", "HEAD~1", "HEAD", "--framework", "content/handbook/engineering/careers/matrix/infrastructure", "--format", "markdown"}); code != 0 {
			b.Fatalf("exit %d: %s", code, errb.String())
		}
	}
}
