package spaces

import (
	"strings"
	"testing"
)

func TestCollapse(t *testing.T) {
	tests := []string{
		"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\r\nb",
		"a\u00a0b", "a\u2003b", "a\u0085b", "\u3000a", "a\u200bb", // U+200B is not a space
		"Owns the on-call rotation.", "  leading and trailing  ",
		"é è", "\xff \xfe", "a \xff  b",
	}
	for _, s := range tests {
		want := strings.Join(strings.Fields(s), " ")
		if got := Collapse(s); got != want {
			t.Errorf("Collapse(%q) = %q; want %q", s, got, want)
		}
	}
}

// FuzzCollapse holds Collapse to its definition.
func FuzzCollapse(f *testing.F) {
	for _, s := range []string{"", " a  b ", "a\u00a0b\u2003c", "x\xffy", "[a](b) *c*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(strings.Fields(s), " ")
		if got := Collapse(s); got != want {
			t.Fatalf("Collapse(%q) = %q; want %q", s, got, want)
		}
	})
}
