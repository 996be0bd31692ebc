package framework

import (
	"strings"
	"testing"
)

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

// FuzzPlainTextNoMarkup checks that plain text without inline markup is
// the text with spaces collapsed.
func FuzzPlainTextNoMarkup(f *testing.F) {
	for _, s := range []string{"", " a  b ", "a\u00a0b\u2003c", "x\xffy", "[a](b) *c*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(strings.Fields(s), " ")
		if !hasInlineMarkup(s) {
			if got := plainText(s); got != want {
				t.Fatalf("plainText(%q) = %q; want %q", s, got, want)
			}
		}
	})
}
