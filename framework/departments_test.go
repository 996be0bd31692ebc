package framework

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestFindDepartments(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("### Technical\n\n- One item.\n")}
	mem := fstest.MapFS{
		"m/senior.md":              page,
		"m/staff.md":               page,
		"m/a/b/c/one.md":           page,
		"m/a/b/c/two.md":           page,
		"m/a/b/c/_index.md":        page,
		"m/a/only.md":              page, // one page: not a department
		"m/a/_index.md":            page,
		"m/_drafts/x/one.md":       page, // below a "_" folder: skipped
		"m/_drafts/x/two.md":       page,
		"m/.git/y/one.md":          page,
		"m/.git/y/two.md":          page,
		"m/q/index.md":             page, // index and README are not levels
		"m/q/README.md":            page,
		"m/q/sdet/intermediate.md": page,
		"m/q/sdet/senior.md":       page,
		// ladder docs output below the framework: never a department.
		"m/docs/.ladder-docs-manifest": page,
		"m/docs/levels/senior.md":      page,
		"m/docs/levels/staff.md":       page,
		"m/docs/compare/a-vs-b.md":     page,
		"m/docs/compare/b-vs-c.md":     page,
	}
	tests := []struct {
		name string
		fsys fstest.MapFS
		dir  string
		want []string
	}{
		{"nested", mem, "m", []string{"a/b/c", "q/sdet"}},
		{"below a department", mem, "m/q", []string{"sdet"}},
		{"none", mem, "m/a/b/c", nil},
	}
	if _, err := os.Stat("../testdata/sites/nested"); err == nil {
		tests = append(tests, struct {
			name string
			fsys fstest.MapFS
			dir  string
			want []string
		}{"test site", nil, "content/careers/matrix", []string{"development/dev/backend", "infrastructure/core-platform/distribution", "quality/software-engineer-in-test", "support"}})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			var err error
			if tt.fsys == nil {
				got, err = FindDepartments(os.DirFS("../testdata/sites/nested"), tt.dir)
			} else {
				got, err = FindDepartments(tt.fsys, tt.dir)
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("FindDepartments(%q) = %q, want %q", tt.dir, got, tt.want)
			}
		})
	}
	if _, err := FindDepartments(mem, "missing"); err == nil {
		t.Error("FindDepartments of a missing folder: no error")
	}
}

func TestDepartmentNotFound(t *testing.T) {
	depts := []string{"development/dev/backend", "quality/software-engineer-in-test", "support"}
	tests := []struct{ ref, closest string }{
		{"develpment/dev/backend", "development/dev/backend"},
		{"backend", "development/dev/backend"},
		{"suport", "support"},
		{"marketing", ""},
	}
	for _, tt := range tests {
		e := NewDepartmentNotFound(tt.ref, depts)
		if e.Closest != tt.closest {
			t.Errorf("%q: closest %q, want %q", tt.ref, e.Closest, tt.closest)
		}
		if !slices.Equal(e.Departments, depts) {
			t.Errorf("%q: departments %q", tt.ref, e.Departments)
		}
	}
}

func TestSubLoader(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("### Technical\n\n- One item.\n")}
	mem := fstest.MapFS{"m/_index.md": page, "m/d/e/senior.md": page, "m/d/e/staff.md": page}
	if _, err := NewLoader(mem, "m"); err == nil {
		t.Fatal("a folder without pages loaded without WithEmptyFolder")
	}
	ld, err := NewLoader(mem, "m", WithEmptyFolder())
	if err != nil {
		t.Fatal(err)
	}
	sub, err := ld.Sub("d/e")
	if err != nil {
		t.Fatal(err)
	}
	slugs, _ := sub.Slugs()
	if !slices.Equal(slugs, []string{"senior", "staff"}) {
		t.Errorf("slugs %q", slugs)
	}
	if _, err := ld.Sub("../x"); err == nil {
		t.Error("Sub(../x): no error")
	}
}

func TestLevelOrderAndNames(t *testing.T) {
	fm := func(front, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\n" + front + "\n---\n\n" + body + "\n\n### Technical\n\n- Fixes bugs.\n")}
	}
	tests := []struct {
		name      string
		fsys      fstest.MapFS
		wantOrder string
		wantBy    string
		wantNames string
	}{
		{"weight beats names", fstest.MapFS{
			"d/packager.md":  fm("title: \"Distribution: Packaging Engineer\"\nweight: 10", ""),
			"d/architect.md": fm("linkTitle: Distribution Architect\nweight: 30", ""),
			"d/release.md":   fm("title: Release Engineer - Distribution\nweight: 20", ""),
		}, "packager release architect", "weight", "Packaging Engineer|Release Engineer|Distribution Architect"},
		{"pages without weight follow", fstest.MapFS{
			"d/senior.md": fm("title: x", ""),
			"d/staff.md":  fm("weight: 1", ""),
		}, "staff senior", "weight", "Staff|x"},
		{"index beats weight", fstest.MapFS{
			"d/_index.md": {Data: []byte("- [Staff](staff/)\n- [Senior](senior/)\n")},
			"d/senior.md": fm("weight: 1", ""),
			"d/staff.md":  fm("weight: 2", ""),
		}, "staff senior", "index", "Staff|Senior"},
		{"usual ladder order", fstest.MapFS{
			"d/staff.md":  fm("title: \"Engineering Career Framework: Staff\"", ""),
			"d/senior.md": fm("title: \"Senior - Platform Career Framework\"", ""),
		}, "senior staff", "builtin", "Senior|Staff"},
		{"title and heading names", fstest.MapFS{
			"d/csr.md":              fm("title: Customer Support Representative", ""),
			"d/support-engineer.md": fm("description: x", "# Support Engineer"),
		}, "csr support-engineer", "filename", "Customer Support Representative|Support Engineer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fw, err := Load(tt.fsys, "d")
			if err != nil {
				t.Fatal(err)
			}
			var order, names []string
			for _, lv := range fw.Levels {
				order = append(order, lv.Slug)
				names = append(names, lv.Name)
			}
			if got := strings.Join(order, " "); got != tt.wantOrder || fw.Order != tt.wantBy {
				t.Errorf("order %q by %s, want %q by %s", got, fw.Order, tt.wantOrder, tt.wantBy)
			}
			if got := strings.Join(names, "|"); got != tt.wantNames {
				t.Errorf("names %q, want %q", got, tt.wantNames)
			}
		})
	}
}

func TestIsLevelPage(t *testing.T) {
	for name, want := range map[string]bool{
		"senior.md": true, "Staff.md": true, "senior-staff.md": true,
		"_index.md": false, "index.md": false, ".draft.md": false, "senior.html": false,
		"README.md": false, "readme.md": false, "LICENSE.md": false, "Licence.md": false,
		"CONTRIBUTING.md": false, "CHANGELOG.md": false, "CODE_OF_CONDUCT.md": false, "SECURITY.md": false,
	} {
		if got := isLevelPage(name); got != want {
			t.Errorf("isLevelPage(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestNoLevelsNamesWhereTheFrameworkMayBe(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("# x\n")}
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
		want string // the hint after ErrNoLevels's text, "" for none
	}{
		{"one file below", fstest.MapFS{"repo/LICENSE.md": page, "repo/careers/ladder.md": page},
			"; it holds what may be the framework: careers/ladder.md (give it to --framework)"},
		{"a page per level in a folder", fstest.MapFS{"repo/README.md": page, "repo/docs/ic1.html": page, "repo/docs/ic2.html": page, "repo/docs/style.css": page},
			"; it holds what may be the framework: docs/ (give it to --framework)"},
		{"YAML two folders down", fstest.MapFS{"repo/LICENSE": page, "repo/data/families/eng.yml": page, "repo/test/schema.json": page},
			"; it holds what may be the framework: data/families/eng.yml (give it to --framework)"},
		{"too deep, hidden or the repository's own", fstest.MapFS{"repo/a/b/c/deep.md": page, "repo/.github/x.md": page, "repo/CONTRIBUTING.md": page, "repo/_index.md": page},
			""},
		{"at most three places", fstest.MapFS{"repo/x/a.md": page, "repo/y/b.yml": page, "repo/z/c.html": page, "repo/w/d.md": page},
			"; it holds what may be the framework: w/d.md, x/a.md, y/b.yml (give it to --framework)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewLoader(tc.fsys, "repo")
			if !errors.Is(err, ErrNoLevels) {
				t.Fatalf("error %v, want ErrNoLevels", err)
			}
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is no *Error", err)
			}
			if got := strings.TrimPrefix(fe.Err.Error(), ErrNoLevels.Error()); got != tc.want {
				t.Errorf("hint %q, want %q", got, tc.want)
			}
		})
	}
}
