package render

import "testing"

func TestEscaping(t *testing.T) {
	tests := []struct {
		name string
		f    func(string) string
		in   string
		want string
	}{
		{"termSafe keeps text", termSafe, "Owns the on-call rota", "Owns the on-call rota"},
		{"termSafe neutralizes CSI", termSafe, "a\x1b[31mred", "a�[31mred"},
		{"termSafe neutralizes OSC", termSafe, "\x1b]0;title\x07x", "�]0;title�x"},
		{"termSafe neutralizes bidi override", termSafe, "a\u202eb", "a�b"},
		{"termSafe keeps newline and tab", termSafe, "a\n\tb", "a\n\tb"},
		{"mdText escapes HTML", mdText, "<script>x</script> & co", "&lt;script&gt;x&lt;/script&gt; &amp; co"},
		{"mdPlain escapes markup", mdPlain, "**bold** [x] _y_ |", `\*\*bold\*\* \[x\] \_y\_ \|`},
		{"mdPlain folds newlines", mdPlain, "Senior\nStaff", "Senior Staff"},
		{"mdPlain escapes a leading dash", mdPlain, "- not a list", `\- not a list`},
		{"mdCell folds and trims", mdCell, " a|b\nc ", `a\|b c`},
		{"mdSource keeps entities, stops HTML", mdSource, "R&amp;D <b>x</b> **y**", "R&amp;D &lt;b&gt;x&lt;/b&gt; **y**"},
		{"mdSource disarms javascript links", mdSource, "[x](javascript:alert(1)) [y](/ok/)", "[x](#unsafe-link-javascript:alert(1)) [y](/ok/)"},
		{"dropAnchorLinks keeps text", dropAnchorLinks, "Embraces the [lead role](#lead) and [docs](/x/)", "Embraces the lead role and [docs](/x/)"},
		{"dropAnchorLinks without anchors", dropAnchorLinks, "[a](b)", "[a](b)"},
	}
	for _, tt := range tests {
		if got := tt.f(tt.in); got != tt.want {
			t.Errorf("%s: %q -> %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
