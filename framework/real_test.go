package framework_test

import (
	"bufio"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/framework"
)

// The real GitLab handbook pages live beside the project, in
// ../shared/handbook (CC BY-SA 4.0): the tests read them by path and never
// copy their sentences. The expected values below were worked out by
// reading the pages and their include files: the number of "1." and "*"
// list lines of each section once its includes are expanded.
const (
	handbookRel = "../../shared/handbook"
	matrixDir   = "content/handbook/engineering/careers/matrix"
	includesDir = "assets/includes/engineering-careers"
)

// handbookRoot returns the real handbook site root, or skips the test.
func handbookRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(handbookRel)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(filepath.Join(root, filepath.FromSlash(matrixDir))); err != nil || !st.IsDir() {
		t.Skipf("real handbook data not found at %s (want the GitLab handbook subset in ../shared/handbook beside the project): %v", root, err)
	}
	return root
}

type wantPillar struct {
	name   string
	items  int
	nested int
	note   bool
}

type wantLevel struct {
	slug     string
	inherits []string
	pillars  []wantPillar
}

// Pillar names of the three framework folders.
var (
	lead   = "Leadership Competencies"
	tech   = "Technical Competencies"
	values = "Values Alignment"
)

func engineering(l, t, v int, leadNote bool) []wantPillar {
	return []wantPillar{{lead, l, 0, leadNote}, {tech, t, 0, false}, {values, v, 0, false}}
}

func infrastructure(acc, cred, auto, team, l, t, v int, leadNote bool) []wantPillar {
	return append([]wantPillar{
		{"Accountability", acc, 0, false},
		{"Credibility", cred, 0, false},
		{"Autonomy", auto, 0, false},
		{"Team building", team, 0, false},
	}, engineering(l, t, v, leadNote)...)
}

var realFrameworks = []struct {
	dept   string // folder under the matrix, "" for the generic pages
	title  string
	order  string
	levels []wantLevel
}{
	{
		dept:  "",
		title: "Engineering Career Framework",
		order: "index",
		levels: []wantLevel{
			{"intern", nil, engineering(6, 3, 6, false)},
			{"associate", nil, engineering(6, 4, 6, false)},
			{"intermediate", nil, engineering(6, 5, 6, false)},
			{"senior", []string{"intermediate"}, engineering(5, 4, 6, false)},
			{"staff", []string{"senior"}, engineering(8, 7, 6, true)},
			// The real principal page links "All competencies exhibited by
			// a Principal" to itself.
			{"principal", []string{"principal"}, engineering(8, 7, 6, true)},
		},
	},
	{
		dept:  "infrastructure",
		title: "Infrastructure Department Career Framework",
		order: "index",
		levels: []wantLevel{
			{"intern", nil, infrastructure(2, 3, 2, 3, 6, 3, 6, false)},
			{"associate", nil, infrastructure(2, 4, 4, 4, 6, 4, 6, false)},
			{"intermediate", nil, infrastructure(4, 4, 6, 5, 6, 5, 6, false)},
			{"senior", nil, infrastructure(5, 6, 6, 6, 5, 4, 6, false)},
			{"staff", nil, infrastructure(6, 6, 6, 8, 8, 7, 6, true)},
			{"principal", nil, infrastructure(7, 9, 6, 5, 8, 7, 6, true)},
		},
	},
	{
		// Each section holds the generic include and the Development one.
		// _index.md does not list intern: built-in rank puts it first.
		dept:  "development",
		title: "Development Department Career Framework",
		order: "index",
		levels: []wantLevel{
			{"intern", nil, engineering(6+3, 3+6, 6+6, false)},
			{"intermediate", nil, engineering(6+15, 5+14, 6+15, false)},
			{"senior", nil, engineering(5+1, 4+15, 6+17, false)},
			{"staff", nil, engineering(8+1, 7+18, 6+7, true)},
			{"principal", nil, engineering(8+1, 7+18, 6+7, true)},
		},
	},
}

func TestRealHandbookLevels(t *testing.T) {
	root := handbookRoot(t)
	fsys := os.DirFS(root)
	for _, fw := range realFrameworks {
		dir := path.Join(matrixDir, fw.dept)
		name := fw.dept
		if name == "" {
			name = "engineering"
		}
		t.Run(name, func(t *testing.T) {
			f, err := framework.Load(fsys, dir)
			if err != nil {
				t.Fatalf("Load(%s): %v", dir, err)
			}
			if f.Dir != dir {
				t.Errorf("Dir = %q, want %q", f.Dir, dir)
			}
			if f.Title != fw.title {
				t.Errorf("Title = %q, want %q", f.Title, fw.title)
			}
			if f.Order != fw.order {
				t.Errorf("Order = %q, want %q", f.Order, fw.order)
			}
			var gotSlugs, wantSlugs []string
			for _, lv := range f.Levels {
				gotSlugs = append(gotSlugs, lv.Slug)
			}
			for _, lv := range fw.levels {
				wantSlugs = append(wantSlugs, lv.slug)
			}
			if !reflect.DeepEqual(gotSlugs, wantSlugs) {
				t.Fatalf("level order = %v, want %v", gotSlugs, wantSlugs)
			}
			for i, want := range fw.levels {
				lv := f.Levels[i]
				t.Run(want.slug, func(t *testing.T) {
					checkRealLevel(t, dir, lv, want)
				})
			}
		})
	}
}

func checkRealLevel(t *testing.T, dir string, lv *framework.Level, want wantLevel) {
	t.Helper()
	if wantFile := path.Join(dir, want.slug+".md"); lv.File != wantFile {
		t.Errorf("File = %q, want %q", lv.File, wantFile)
	}
	if wantName := strings.ToUpper(want.slug[:1]) + want.slug[1:]; lv.Name != wantName {
		t.Errorf("Name = %q, want %q", lv.Name, wantName)
	}
	if len(lv.Warnings) != 0 {
		t.Errorf("warnings: %v", lv.Warnings)
	}
	inherits := want.inherits
	if inherits == nil {
		inherits = []string{}
	}
	if !reflect.DeepEqual(lv.Inherits, inherits) {
		t.Errorf("Inherits = %q, want %q", lv.Inherits, inherits)
	}
	var gotNames, wantNames []string
	for _, p := range lv.Pillars {
		gotNames = append(gotNames, p.Name)
	}
	for _, p := range want.pillars {
		wantNames = append(wantNames, p.name)
	}
	if !reflect.DeepEqual(gotNames, wantNames) {
		t.Fatalf("pillars = %q, want %q", gotNames, wantNames)
	}
	for i, wp := range want.pillars {
		p := lv.Pillars[i]
		top, nested := p.Count()
		if top != wp.items || nested != wp.nested {
			t.Errorf("pillar %q: %d items, %d nested; want %d, %d", p.Name, top, nested, wp.items, wp.nested)
		}
		if (p.Note != "") != wp.note {
			t.Errorf("pillar %q: note %q, want a note: %v", p.Name, p.Note, wp.note)
		}
		if p.Key != strings.ToLower(wp.name) {
			t.Errorf("pillar %q: key %q", p.Name, p.Key)
		}
		if p.Source.File != lv.File || p.Source.Line <= 0 {
			t.Errorf("pillar %q: source %v, want a line of %s", p.Name, p.Source, lv.File)
		}
		for _, it := range p.Items {
			if it.Text == "" || it.Markdown == "" || it.Source.Line <= 0 {
				t.Errorf("pillar %q: incomplete item %+v", p.Name, it)
			}
		}
	}
	// In the Infrastructure pages the engineering pillars stand under an
	// "Engineering alignment" heading.
	if len(want.pillars) == 7 {
		for _, p := range lv.Pillars[4:] {
			if len(p.Path) != 2 || p.Path[0] != "Engineering alignment" {
				t.Errorf("pillar %q: path %q, want it under Engineering alignment", p.Name, p.Path)
			}
		}
	}
}

// includeLine reads line n (1-based) of a file under the real site root.
func includeLine(t *testing.T, root, file string, n int) string {
	t.Helper()
	fh, err := os.Open(filepath.Join(root, filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for i := 1; sc.Scan(); i++ {
		if i == n {
			return sc.Text()
		}
	}
	t.Fatalf("%s has no line %d", file, n)
	return ""
}

var mdLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// plain is the test's own reading of a simple Markdown line as text.
func plain(md string) string {
	s := mdLink.ReplaceAllString(md, "$1")
	s = strings.ReplaceAll(s, "**", "")
	return strings.Join(strings.Fields(s), " ")
}

// TestRealHandbookItems checks single items of the Development intern
// page against the lines of the include files they come from.
func TestRealHandbookItems(t *testing.T) {
	root := handbookRoot(t)
	ld, err := framework.NewLoader(os.DirFS(root), path.Join(matrixDir, "development"))
	if err != nil {
		t.Fatal(err)
	}
	lv, err := ld.Level("intern")
	if err != nil {
		t.Fatal(err)
	}
	tech := lv.Pillar("technical competencies")
	vals := lv.Pillar("Values Alignment")
	if tech == nil || vals == nil {
		t.Fatalf("pillars missing: %v", lv.Pillars)
	}
	for _, tc := range []struct {
		name  string
		item  *framework.Item
		file  string
		line  int
		group string
	}{
		// The first Technical item comes from the generic include, the
		// fourth from the Development one (a line with a link).
		{"engineering", tech.Items[0], includesDir + "/intern-technical-competency.md", 3, "Engineering"},
		{"development", tech.Items[3], includesDir + "/development-intern-technical-competency.md", 3, "Development"},
		{"gitlab values", vals.Items[0], includesDir + "/values-competency.md", 3, "GitLab"},
		{"development values", vals.Items[10], includesDir + "/development-intern-values-competency.md", 7, "Development"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw := includeLine(t, root, tc.file, tc.line)
			md, ok := strings.CutPrefix(raw, "* ")
			if !ok {
				t.Fatalf("%s:%d is not a list line", tc.file, tc.line)
			}
			md = strings.TrimSpace(md)
			it := tc.item
			if want := (framework.Source{File: tc.file, Line: tc.line}); it.Source != want {
				t.Errorf("Source = %v, want %v", it.Source, want)
			}
			if it.Group != tc.group {
				t.Errorf("Group = %q, want %q", it.Group, tc.group)
			}
			if it.Markdown != md {
				t.Errorf("Markdown = %q, want %q", it.Markdown, md)
			}
			if want := plain(md); it.Text != want {
				t.Errorf("Text = %q, want %q", it.Text, want)
			}
			if strings.Contains(it.Text, "](") || strings.Contains(it.Text, "**") || strings.Contains(it.Text, "/handbook") || strings.Contains(it.Text, "https:") {
				t.Errorf("Text %q keeps Markdown syntax or a link target", it.Text)
			}
			if len(it.Children) != 0 {
				t.Errorf("unexpected children: %v", it.Children)
			}
		})
	}
	// The link lines do keep their link text.
	if it := tech.Items[3]; !strings.Contains(it.Markdown, "](") || !strings.Contains(it.Text, "tests") {
		t.Errorf("development item: Markdown %q / Text %q, want a link in the Markdown and its text in Text", it.Markdown, it.Text)
	}
}
