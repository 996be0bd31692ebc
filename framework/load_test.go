package framework

import (
	"io/fs"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// recordFS records which files are opened.
type recordFS struct {
	fs.FS
	opened []string
}

func (r *recordFS) Open(name string) (fs.File, error) {
	r.opened = append(r.opened, name)
	return r.FS.Open(name)
}

func lazySite() fstest.MapFS {
	page := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"site/fw/_index.md":              page("---\ntitle: Platform\n---\n\n- [Senior](senior.md)\n- [Staff](staff.md)\n"),
		"site/fw/senior.md":              page("## Craft\n\n- Reviews code.\n\n{{% include \"includes/shared.md\" %}}\n"),
		"site/fw/staff.md":               page("## Craft\n\n- Sets direction.\n"),
		"site/fw/lead.md":                page("## Craft\n\n- Leads a team.\n"),
		"site/assets/includes/shared.md": page("- Writes tests.\n"),
		"site/assets/includes/unused.md": page("- Not read.\n"),
		"site/other/_index.md":           page("---\ntitle: [unclosed\n---\n"),
		"site/other/junior.md":           page("## Craft\n\n- Learns.\n"),
		"site/other/senior.md":           page("## Craft\n\n- Teaches.\n"),
	}
}

// TestLoaderReadsWhatItNeeds checks that a command reads only the pages it
// uses: two levels need their own pages and includes, not _index.md,
// while the level order needs _index.md.
func TestLoaderReadsWhatItNeeds(t *testing.T) {
	tests := []struct {
		name string
		use  func(*Loader) error
		want []string
	}{
		{"two levels", func(ld *Loader) error {
			for _, s := range []string{"senior", "staff"} {
				if _, err := ld.Level(s); err != nil {
					return err
				}
			}
			return nil
		}, []string{"site/assets/includes/shared.md", "site/fw/senior.md", "site/fw/staff.md"}},
		{"resolve by slug", func(ld *Loader) error {
			_, err := ld.Resolve("Staff")
			return err
		}, nil},
		{"order", func(ld *Loader) error {
			got, err := ld.Slugs()
			if err == nil && !slices.Equal(got, []string{"senior", "lead", "staff"}) {
				t.Errorf("Slugs() = %v; want the _index.md order with lead placed by its rank", got)
			}
			return err
		}, []string{"site/fw/_index.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recordFS{FS: lazySite()}
			ld, err := NewLoader(rec, "site/fw")
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.use(ld); err != nil {
				t.Fatal(err)
			}
			got := slices.Clone(rec.opened)
			sort.Strings(got)
			got = slices.Compact(got)
			// Only pages count: ReadDir and the search for assets/includes
			// open folders.
			got = slices.DeleteFunc(got, func(s string) bool { return !strings.HasSuffix(s, ".md") })
			if !slices.Equal(got, tt.want) {
				t.Errorf("opened %v; want %v", got, tt.want)
			}
		})
	}
}

// TestLoaderBrokenIndex checks that a broken _index.md fails the commands
// that need the level order, with its file and line, and not the others.
func TestLoaderBrokenIndex(t *testing.T) {
	ld, err := NewLoader(lazySite(), "site/other")
	if err != nil {
		t.Fatalf("NewLoader: %v", err)
	}
	if _, err := ld.Level("junior"); err != nil {
		t.Errorf("Level(junior): %v", err)
	}
	for name, f := range map[string]func() error{
		"Slugs":     func() error { _, err := ld.Slugs(); return err },
		"Framework": func() error { _, err := ld.Framework(); return err },
	} {
		err := f()
		e, ok := err.(*Error)
		if !ok || e.Source.File != "site/other/_index.md" || e.Code != "front-matter" || e.Source.Line < 1 {
			t.Errorf("%s: error %#v; want a front-matter error in site/other/_index.md", name, err)
		}
	}
	// A bad --order is an error up front, whatever the command.
	if _, err := NewLoader(lazySite(), "site/fw", WithOrder([]string{"senior", "nobody"})); err == nil {
		t.Error("NewLoader with an unknown level in the order: no error")
	}
}

// TestWithBaseline checks that a loader reuses the baseline's level
// exactly when parsing it again would give the same level.
func TestWithBaseline(t *testing.T) {
	base := fstest.MapFS{
		"site/fw/senior.md":         {Data: []byte("## Craft\n\n- Reviews code.\n\n{{% include \"includes/a.md\" %}}\n{{% include \"includes/gone.md\" %}}\n")},
		"site/fw/staff.md":          {Data: []byte("## Craft\n\n- Sets direction.\n")},
		"site/assets/includes/a.md": {Data: []byte("- Writes tests.\n\n{{% include \"includes/b.md\" %}}\n")},
		"site/assets/includes/b.md": {Data: []byte("- Pairs with others.\n")},
		"site/assets/includes/c.md": {Data: []byte("- Unused.\n")},
	}
	edit := func(changes map[string]string) fstest.MapFS {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = v
		}
		for k, v := range changes {
			if v == "" {
				delete(m, k)
			} else {
				m[k] = &fstest.MapFile{Data: []byte(v)}
			}
		}
		return m
	}
	tests := []struct {
		name   string
		fsys   fstest.MapFS
		opts   []Option
		reused bool
	}{
		{"same files", edit(nil), nil, true},
		{"another include changed", edit(map[string]string{"site/assets/includes/c.md": "- Changed.\n"}), nil, true},
		{"CRLF line ends only", edit(map[string]string{"site/fw/senior.md": "## Craft\r\n\r\n- Reviews code.\r\n\r\n{{% include \"includes/a.md\" %}}\r\n{{% include \"includes/gone.md\" %}}\r\n"}), nil, true},
		{"page changed", edit(map[string]string{"site/fw/senior.md": "## Craft\n\n- Reviews all code.\n\n{{% include \"includes/a.md\" %}}\n"}), nil, false},
		{"include changed", edit(map[string]string{"site/assets/includes/a.md": "- Writes more tests.\n\n{{% include \"includes/b.md\" %}}\n"}), nil, false},
		{"nested include changed", edit(map[string]string{"site/assets/includes/b.md": "- Pairs.\n"}), nil, false},
		{"include removed", edit(map[string]string{"site/assets/includes/b.md": ""}), nil, false},
		{"missing include added", edit(map[string]string{"site/assets/includes/gone.md": "- Back.\n"}), nil, false},
		{"other limits", edit(nil), []Option{WithLimits(Limits{MaxFileSize: 1 << 20, MaxIncludeDepth: 4, MaxExpandedSize: 1 << 20, MaxNesting: 8, MaxItemLength: 1 << 16})}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, err := NewLoader(base, "site/fw")
			if err != nil {
				t.Fatal(err)
			}
			was, err := old.Level("senior")
			if err != nil {
				t.Fatal(err)
			}
			ld, err := NewLoader(tt.fsys, "site/fw", append(tt.opts, WithBaseline(old))...)
			if err != nil {
				t.Fatal(err)
			}
			now, err := ld.Level("senior")
			if err != nil {
				t.Fatal(err)
			}
			if got := now == was; got != tt.reused {
				t.Errorf("reused = %v; want %v", got, tt.reused)
			}
			// Reused or not, the level is what a fresh parse gives.
			fresh, err := NewLoader(tt.fsys, "site/fw", tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			want, err := fresh.Level("senior")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(now, want) {
				t.Errorf("level differs from a fresh parse:\n got %+v\nwant %+v", now, want)
			}
		})
	}
}

// TestLookupSharedName checks that when two pages share a name the first
// in level order answers, as it did when the order was worked out up front.
func TestLookupSharedName(t *testing.T) {
	page := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		"fw/_index.md":     page("- [Senior](senior_eng.md)\n- [Other](senior-eng.md)\n"),
		"fw/senior-eng.md": page("## Craft\n\n- One.\n"),
		"fw/senior_eng.md": page("## Craft\n\n- Two.\n"),
	}
	ld, err := NewLoader(fsys, "fw")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ld.Resolve("senior eng")
	if err != nil || got != "senior_eng" {
		t.Errorf(`Resolve("senior eng") = %q, %v; want senior_eng, first in _index.md`, got, err)
	}
}
