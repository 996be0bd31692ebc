package framework_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/internal/gen"
)

// BenchmarkLoadReal loads every level of the real Infrastructure pages.
// Run: go test ./framework -run '^$' -bench Load -benchmem
func BenchmarkLoadReal(b *testing.B) {
	root := "../../shared/handbook"
	if _, err := os.Stat(root); err != nil {
		b.Skipf("real handbook data not found at %s; skipping", root)
	}
	fsys := os.DirFS(root)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := framework.Load(fsys, "content/handbook/engineering/careers/matrix/infrastructure"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadGenerated loads a generated framework of 6 levels and 5
// pillars with N items per pillar.
func BenchmarkLoadGenerated(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 10000} {
		fsys := gen.Site(gen.Options{Levels: 6, Pillars: 5, Items: n, Seed: 1})
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := framework.Load(fsys, gen.Dir); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
