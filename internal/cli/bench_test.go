package cli

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkCompareReal runs `ladder compare associate intermediate
// --format markdown` in-process on the real Infrastructure pages.
func BenchmarkCompareReal(b *testing.B) {
	dir := "../../../shared/handbook/content/handbook/engineering/careers/matrix/infrastructure"
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("real handbook data not found at %s; skipping", dir)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var out, errb bytes.Buffer
		ios := &IOStreams{Out: &out, ErrOut: &errb, Getenv: func(string) string { return "" }}
		if code := Main(ios, []string{"compare", "associate", "intermediate", "--framework", dir, "--format", "markdown"}); code != 0 {
			b.Fatalf("exit %d: %s", code, errb.String())
		}
	}
}
