package framework_test

import (
	"reflect"
	"runtime"
	"testing"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/internal/gen"
)

// Pages over the size Levels parses alone go to goroutines of their own;
// what comes back must be what parsing them one by one gives, on any
// number of processors (run with -race, this is the concurrent path's
// race test).
func TestLevelsOfLargePagesAsLevelByLevel(t *testing.T) {
	fsys := gen.Site(gen.Options{Levels: 4, Pillars: 3, Items: 600, Seed: 3})
	const dir = gen.Dir
	one, err := framework.NewLoader(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	slugs, err := one.Slugs()
	if err != nil {
		t.Fatal(err)
	}
	var want []*framework.Level
	for _, s := range slugs {
		lv, err := one.Level(s)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, lv)
	}
	for _, s := range slugs {
		if n := len(fsys[dir+"/"+s+".md"].Data); n < 64<<10 {
			t.Fatalf("%s.md is %d bytes: under the size Levels parses alone", s, n)
		}
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	at, err := framework.NewLoader(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := at.Levels(slugs...)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("Levels on 4 processors differs from Level one by one")
	}
}
