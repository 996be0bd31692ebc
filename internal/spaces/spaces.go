// Package spaces collapses white space in text without copying text that
// needs no change.
package spaces

import (
	"unicode"
	"unicode/utf8"
)

// Collapse is strings.Join(strings.Fields(s), " "): runs of white space
// (as unicode.IsSpace) become one space, none at the ends. Text that is
// already so, as most is, comes back as it is, without a copy.
func Collapse(s string) string {
	if !needsCollapse(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		size, isSpace := 1, asciiSpace[c] != 0
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			isSpace = unicode.IsSpace(r)
		}
		if isSpace {
			space = len(b) > 0
		} else {
			if space {
				b = append(b, ' ')
				space = false
			}
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}

// needsCollapse reports whether s has white space other than single
// spaces between words.
func needsCollapse(s string) bool {
	prevSpace := true // a space at the start needs collapsing
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] != 0 {
				if c != ' ' || prevSpace {
					return true
				}
				prevSpace = true
			} else {
				prevSpace = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return true
		}
		prevSpace = false
		i += size
	}
	return prevSpace && s != "" // a space at the end
}

var asciiSpace = [256]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}
