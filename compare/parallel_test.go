package compare

import (
	"reflect"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/ladder-cli/ladder/internal/gen"
)

func TestForEachCallsEveryIndexOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, n := range []int{0, 1, minParallel - 1, minParallel, 2 * minParallel, 4*minParallel + 3, 10007} {
		hits := make([]atomic.Int32, n)
		forEach(n, func(i int) { hits[i].Add(1) })
		for i := range hits {
			if h := hits[i].Load(); h != 1 {
				t.Fatalf("n=%d: f(%d) called %d times", n, i, h)
			}
		}
	}
}

// The word diffs run on every processor; the report must not depend on
// how many there are.
func TestLevelsSameOnAnyProcessorCount(t *testing.T) {
	from, to, err := gen.Levels(gen.Options{Pillars: 3, Items: 1500, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	one := Levels(from, to)
	runtime.GOMAXPROCS(4)
	four := Levels(from, to)
	if one.Summary.Reworded+one.Summary.Moved < minParallel {
		t.Fatalf("only %d reworded and moved items: the parallel path is not taken", one.Summary.Reworded+one.Summary.Moved)
	}
	if !reflect.DeepEqual(one, four) {
		t.Fatal("the report on 4 processors differs from the report on 1")
	}
}
