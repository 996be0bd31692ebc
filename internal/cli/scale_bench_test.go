package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/ladder-cli/ladder/internal/gen"
)

// BenchmarkCompareGenerated runs `ladder compare intern associate --format
// json` in-process on generated one-pillar levels of the sizes of
// scripts/scale.sh, so a profile (-cpuprofile) shows where a whole
// command's time goes: reading, parsing, aligning, word diffs and writing.
func BenchmarkCompareGenerated(b *testing.B) {
	for _, n := range []int{1000, 10000, 40000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			for name, f := range gen.Site(gen.Options{Levels: 2, Pillars: 1, Items: n, Seed: 42}) {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					b.Fatal(err)
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					b.Fatal(err)
				}
			}
			fw := filepath.Join(dir, "content", "careers", "gen")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				var errb bytes.Buffer
				ios := &IOStreams{Out: io.Discard, ErrOut: &errb, Getenv: func(string) string { return "" }}
				if code := Main(ios, []string{"compare", "intern", "associate", "--framework", fw, "--format", "json"}); code != 0 {
					b.Fatalf("exit %d: %s", code, errb.String())
				}
			}
		})
	}
}
