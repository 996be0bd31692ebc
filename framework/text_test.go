package framework

import (
	"strings"
	"testing"
)

func TestCollapseSpace(t *testing.T) {
	tests := []string{
		"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\r\nb",
		"a\u00a0b", "a\u2003b", "a\u0085b", "\u3000a", "a\u200bb", // U+200B is not a space
		"Owns the on-call rotation.", "  leading and trailing  ",
		"é è", "\xff \xfe", "a \xff  b",
	}
	for _, s := range tests {
		want := strings.Join(strings.Fields(s), " ")
		if got := collapseSpace(s); got != want {
			t.Errorf("collapseSpace(%q) = %q; want %q", s, got, want)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ md, want string }{
		{"Owns the rotation.", "Owns the rotation."},
		{"Owns  the\trotation. ", "Owns the rotation."},
		{"**Owns** the [rotation](https://x.test/a).", "Owns the rotation."},
		{"Uses `kubectl` and _care_ with snake_case.", "Uses kubectl and care with snake_case."},
		{"A &amp; B &mdash; C", "A & B — C"},
		{"See <https://x.test> and <b>bold</b>.", "See https://x.test and bold."},
		{`Escaped \* star and \[bracket\]`, "Escaped * star and [bracket]"},
		{"![logo](x.png) text", "logo text"},
		{"[ref][1] text", "ref text"},
	}
	for _, tt := range tests {
		if got := plainText(tt.md); got != tt.want {
			t.Errorf("plainText(%q) = %q; want %q", tt.md, got, tt.want)
		}
	}
}

// FuzzCollapseSpace checks collapseSpace against its definition, and that
// plain text without inline markup is the text with spaces collapsed.
func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"", " a  b ", "a\u00a0b\u2003c", "x\xffy", "[a](b) *c*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(strings.Fields(s), " ")
		if got := collapseSpace(s); got != want {
			t.Fatalf("collapseSpace(%q) = %q; want %q", s, got, want)
		}
		if !hasInlineMarkup(s) {
			if got := plainText(s); got != want {
				t.Fatalf("plainText(%q) = %q; want %q", s, got, want)
			}
		}
	})
}
