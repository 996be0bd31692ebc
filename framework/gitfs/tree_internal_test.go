package gitfs

import (
	"strings"
	"testing"
)

// FuzzParseTree: no tree content makes parseTree panic, and what it
// accepts has names that are path elements and well-formed object names.
func FuzzParseTree(f *testing.F) {
	f.Add([]byte("100644 a.md\x00"+strings.Repeat("\x01", 20)+"40000 sub\x00"+strings.Repeat("\x02", 20)), 20)
	f.Add([]byte("120000 link\x00"+strings.Repeat("\xff", 32)), 32)
	f.Add([]byte("100644 ..\x00"+strings.Repeat("\x01", 20)), 20)
	f.Add([]byte("100644 a\x00short"), 20)
	f.Fuzz(func(t *testing.T, data []byte, hashLen int) {
		if hashLen != 20 && hashLen != 32 {
			return
		}
		es, err := parseTree(data, hashLen)
		if err != nil {
			return
		}
		for _, e := range es {
			if e.name == "" || e.name == "." || e.name == ".." || strings.Contains(e.name, "/") || !isObjectName(e.obj) {
				t.Errorf("accepted entry %+v", e)
			}
		}
	})
}

func TestParseTree(t *testing.T) {
	h := strings.Repeat("\xab", 20)
	tests := []struct {
		data string
		want string // names and objects, or the error's start
	}{
		{"100644 a.md\x00" + h + "40000 sub\x00" + h, "a.md sub"},
		{"", ""},
		{"100644 ..\x00" + h, "bad name"},
		{"100644 a/b\x00" + h, "bad name"},
		{"100644 a\x00" + h[:10], "malformed entry"},
		{"10x644 a\x00" + h, "malformed mode"},
		{"100644a\x00" + h, "malformed entry"},
	}
	for _, tt := range tests {
		es, err := parseTree([]byte(tt.data), 20)
		var got []string
		for _, e := range es {
			got = append(got, e.name)
			if e.obj != strings.Repeat("ab", 20) {
				t.Errorf("%q: object %s", tt.data, e.obj)
			}
		}
		s := strings.Join(got, " ")
		if err != nil {
			s = err.Error()
		}
		if !strings.HasPrefix(s, tt.want) || tt.want == "" && s != "" {
			t.Errorf("parseTree(%q) = %q, want %q", tt.data, s, tt.want)
		}
	}
}
