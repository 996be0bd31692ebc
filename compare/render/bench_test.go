package render_test

import (
	"fmt"
	"io"
	"testing"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/compare/render"
	"github.com/ladder-cli/ladder/internal/gen"
)

// BenchmarkRender writes a comparison of two generated levels (5
// pillars of N items) in each format.
// Run: go test ./compare/render -run '^$' -bench Render -benchmem
func BenchmarkRender(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 10000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) { benchRender(b, n) })
	}
}

func benchRender(b *testing.B, n int) {
	{
		from, to, err := gen.Levels(gen.Options{Pillars: 5, Items: n, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		r := compare.Levels(from, to)
		o := render.CompareOptions{Options: render.Options{Width: 120}}
		for _, f := range []struct {
			name  string
			write func(io.Writer) error
		}{
			{"table", func(w io.Writer) error { return render.WriteCompareTable(w, r, o) }},
			{"markdown", func(w io.Writer) error { return render.WriteCompareMarkdown(w, r, o) }},
			{"json", func(w io.Writer) error { return render.WriteCompareJSON(w, r, o) }},
			{"html", func(w io.Writer) error { return render.WriteCompareHTML(w, r, o) }},
		} {
			b.Run(f.name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if err := f.write(io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
