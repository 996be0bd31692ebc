package compare

import (
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/ladder-cli/ladder/framework"
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

func TestForBlocksGivesEachIndexToOneWorker(t *testing.T) {
	for _, workers := range []int{0, 1, 2, 3, 7} {
		for _, n := range []int{0, 1, eachBlock - 1, eachBlock, 3*eachBlock + 5, 1000} {
			hits := make([]atomic.Int32, n)
			var bad atomic.Int32
			forBlocks(workers, n, func(k, i int) {
				if k < 0 || k >= max(1, workers) {
					bad.Store(int32(k) + 1)
				}
				hits[i].Add(1)
			})
			if k := bad.Load(); k != 0 {
				t.Fatalf("workers=%d n=%d: f called with goroutine %d", workers, n, k-1)
			}
			for i := range hits {
				if h := hits[i].Load(); h != 1 {
					t.Fatalf("workers=%d n=%d: f(_, %d) called %d times", workers, n, i, h)
				}
			}
		}
	}
}

func TestSplitRunsCoverInOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, tc := range []struct{ n, runs int }{
		{0, 1}, {minParallel - 1, 1}, {minParallel, 1}, {2 * minParallel, 2}, {3*minParallel + 1, 3}, {100 * minParallel, 4},
	} {
		runs := splitRuns(tc.n)
		if len(runs) != tc.runs {
			t.Errorf("n=%d: %d runs, want %d", tc.n, len(runs), tc.runs)
		}
		at := 0
		for _, r := range runs {
			if r.lo != at || r.hi < r.lo {
				t.Fatalf("n=%d: runs %v do not follow each other", tc.n, runs)
			}
			at = r.hi
		}
		if at != tc.n {
			t.Fatalf("n=%d: runs %v end at %d", tc.n, runs, at)
		}
	}
}

// Candidate picking and word diffs run on every processor; the report
// must not depend on how many there are. The pillars of these levels
// have about 700 unpaired items each, so both take the parallel path.
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

// assignBestFirst must pair exactly as sorting every candidate best
// first and taking each pair whose items are both free.
func TestAssignBestFirstAsOneSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 500 {
		na, nb := 1+rng.IntN(40), 1+rng.IntN(40)
		var cands []pair
		for i := range na {
			if rng.IntN(4) == 0 {
				continue // an item without candidates
			}
			seen := map[int]bool{}
			for range 1 + rng.IntN(candidateCap) {
				j := rng.IntN(nb)
				if seen[j] {
					continue
				}
				seen[j] = true
				// Few distinct scores, so ties are common.
				cands = append(cands, pair{i, j, float64(rng.IntN(5)) / 4})
			}
		}
		want, wantScores, wantUsed := make([]int, na), make([]float64, na), make([]bool, nb)
		for i := range want {
			want[i] = -1
		}
		sorted := slices.Clone(cands)
		slices.SortFunc(sorted, bestFirst)
		for _, c := range sorted {
			if want[c.i] < 0 && !wantUsed[c.j] {
				want[c.i], wantScores[c.i], wantUsed[c.j] = c.j, c.score, true
			}
		}
		got, gotScores, gotUsed := make([]int, na), make([]float64, na), make([]bool, nb)
		for i := range got {
			got[i] = -1
		}
		assignBestFirst(slices.Clone(cands), got, gotScores, gotUsed)
		if !slices.Equal(got, want) || !slices.Equal(gotScores, wantScores) || !slices.Equal(gotUsed, wantUsed) {
			t.Fatalf("round %d: pairs %v, want %v (candidates %v)", round, got, want, cands)
		}
	}
}

// addAll, on several processors, must give every stem the id and count,
// and every text the doc, that adding the texts one by one gives: the
// scores, and the order in which candidates are proposed, depend on them.
func TestAddAllAsOneByOne(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	from, to, err := gen.Levels(gen.Options{Pillars: 2, Items: 1500, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	var sides [][]string
	for _, lv := range []*framework.Level{from, to} {
		var texts []string
		for _, p := range lv.Pillars {
			for _, it := range p.Items {
				texts = append(texts, it.Text)
			}
		}
		// Texts without stems, and a stem met first by the last run.
		texts = append(texts, "", "The and of.", "Zyzzyvas the quokka registry.")
		if len(splitRuns(len(texts))) < 2 {
			t.Fatalf("%d texts take one run: the parallel path is not taken", len(texts))
		}
		sides = append(sides, texts)
	}
	all, one := newVocab(), newVocab()
	for _, texts := range sides {
		docs := make([]doc, len(texts))
		all.addAll(docs, texts)
		for k, s := range texts {
			want := one.add(s)
			if got := docs[k]; got.norm != want.norm || !slices.Equal(got.stems, want.stems) || !slices.Equal(got.set, want.set) {
				t.Fatalf("text %d %q: addAll gives %q %v %v, one by one %q %v %v", k, s, got.norm, got.stems, got.set, want.norm, want.stems, want.set)
			}
		}
	}
	if !slices.Equal(all.ids.keys, one.ids.keys) || !slices.Equal(all.ids.hashes, one.ids.hashes) {
		t.Fatalf("stems: addAll has %d, one by one %d, or in another order", all.ids.len(), one.ids.len())
	}
	if !slices.Equal(all.df, one.df) || all.n != one.n {
		t.Fatalf("counts differ: addAll n=%d, one by one n=%d", all.n, one.n)
	}
	for id, key := range one.ids.keys {
		if got := lookup(&all.ids, key, one.ids.hashes[id]); got != int32(id) {
			t.Fatalf("stem %q: addAll's table finds id %d, want %d", key, got, id)
		}
	}
}
