package framework_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/framework"
)

// siteExpectation is the shape of testdata/sites/<name>/expected.json.
type siteExpectation struct {
	Framework string `json:"framework"`
	Levels    []struct {
		Slug     string   `json:"slug"`
		Name     string   `json:"name"`
		Inherits []string `json:"inherits"`
		Pillars  []struct {
			Name   string `json:"name"`
			Items  int    `json:"items"`
			Nested int    `json:"nested"`
			Note   bool   `json:"note"`
		} `json:"pillars"`
	} `json:"levels"`
}

const sitesDir = "../testdata/sites"

func TestSites(t *testing.T) {
	names, err := filepath.Glob(filepath.Join(sitesDir, "*", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatalf("no %s/*/expected.json", sitesDir)
	}
	for _, exp := range names {
		site := filepath.Dir(exp)
		t.Run(filepath.Base(site), func(t *testing.T) {
			data, err := os.ReadFile(exp)
			if err != nil {
				t.Fatal(err)
			}
			var want siteExpectation
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&want); err != nil {
				t.Fatalf("%s: %v", exp, err)
			}
			f, err := framework.Load(os.DirFS(site), want.Framework)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if f.Dir != want.Framework {
				t.Errorf("Dir = %q, want %q", f.Dir, want.Framework)
			}
			var got, wantSlugs []string
			for _, lv := range f.Levels {
				got = append(got, lv.Slug)
			}
			for _, lv := range want.Levels {
				wantSlugs = append(wantSlugs, lv.Slug)
			}
			if !reflect.DeepEqual(got, wantSlugs) {
				t.Fatalf("levels = %v, want %v", got, wantSlugs)
			}
			var warnings []framework.Warning
			for i, wl := range want.Levels {
				lv := f.Levels[i]
				warnings = append(warnings, lv.Warnings...)
				if lv.Name != wl.Name {
					t.Errorf("%s: Name = %q, want %q", lv.Slug, lv.Name, wl.Name)
				}
				inh := wl.Inherits
				if inh == nil {
					inh = []string{}
				}
				if !reflect.DeepEqual(lv.Inherits, inh) {
					t.Errorf("%s: Inherits = %q, want %q", lv.Slug, lv.Inherits, inh)
				}
				var gp, wp []string
				for _, p := range lv.Pillars {
					top, nested := p.Count()
					gp = append(gp, pillarLine(p.Name, top, nested, p.Note != ""))
				}
				for _, p := range wl.Pillars {
					wp = append(wp, pillarLine(p.Name, p.Items, p.Nested, p.Note))
				}
				if !reflect.DeepEqual(gp, wp) {
					t.Errorf("%s: pillars\n got: %s\nwant: %s", lv.Slug, strings.Join(gp, "; "), strings.Join(wp, "; "))
				}
			}
			if filepath.Base(site) == "broken" {
				checkBrokenWarnings(t, site, want.Framework, warnings)
			} else if len(warnings) != 0 {
				t.Errorf("warnings: %v", warnings)
			}
		})
	}
}

func pillarLine(name string, items, nested int, note bool) string {
	s := name + " " + itoa(items) + "+" + itoa(nested)
	if note {
		s += " (note)"
	}
	return s
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

var includeRE = regexp.MustCompile(`\{\{% include "includes/([^"]+)" %\}\}`)

// checkBrokenWarnings expects exactly two warnings from the broken site:
// the "{{$" typo in associate.md and the include of a file that does not
// exist in senior.md, each at the line the test finds by scanning.
func checkBrokenWarnings(t *testing.T, site, dir string, got []framework.Warning) {
	t.Helper()
	typo := scanLine(t, filepath.Join(site, dir, "associate.md"), func(s string) bool {
		return strings.HasPrefix(strings.TrimSpace(s), "{{$")
	})
	missing := scanLine(t, filepath.Join(site, dir, "senior.md"), func(s string) bool {
		m := includeRE.FindStringSubmatch(s)
		if m == nil {
			return false
		}
		_, err := os.Stat(filepath.Join(site, "assets", "includes", filepath.FromSlash(m[1])))
		return err != nil
	})
	want := []framework.Warning{
		{Source: framework.Source{File: path.Join(dir, "associate.md"), Line: typo}, Code: "bad-shortcode"},
		{Source: framework.Source{File: path.Join(dir, "senior.md"), Line: missing}, Code: "missing-include"},
	}
	sort.Slice(got, func(i, j int) bool { return got[i].Source.File < got[j].Source.File })
	if len(got) != len(want) {
		t.Fatalf("warnings = %v, want 2: %v", got, want)
	}
	for i := range want {
		if got[i].Source != want[i].Source || got[i].Code != want[i].Code {
			t.Errorf("warning %d = %v (%s), want %v (%s)", i, got[i].Source, got[i].Code, want[i].Source, want[i].Code)
		}
		if got[i].Message == "" {
			t.Errorf("warning %d has no message", i)
		}
	}
	if !strings.Contains(got[1].Message, "missing.md") && !strings.Contains(got[1].Message, "not found") {
		t.Errorf("missing-include message %q names neither the file nor the problem", got[1].Message)
	}
}

// scanLine returns the 1-based number of the one line of file that
// matches.
func scanLine(t *testing.T, file string, match func(string) bool) int {
	t.Helper()
	fh, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	found := 0
	sc := bufio.NewScanner(fh)
	for n := 1; sc.Scan(); n++ {
		if match(sc.Text()) {
			if found != 0 {
				t.Fatalf("%s: lines %d and %d both match", file, found, n)
			}
			found = n
		}
	}
	if found == 0 {
		t.Fatalf("%s: no line matches", file)
	}
	return found
}
