package framework

import (
	"os"
	"slices"
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
