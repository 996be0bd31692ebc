package compare

// Functions only the tests use: string-returning forms of what the
// aligner does in place.

// words splits text into lower-case words; hyphenated and apostrophe
// words stay whole ("on-call", "team's" -> "team").
func words(s string) []string {
	var out []string
	var arr [64]byte
	for i := 0; ; {
		w, _, next := nextWord(s, i, arr[:0])
		if next < 0 {
			return out
		}
		out = append(out, string(w))
		i = next
	}
}

// stem reduces an English word to a rough stem, enough that "owns",
// "owning" and "owned" meet.
func stem(w string) string {
	return string(stemBytes([]byte(w)))
}

// isStopWord reports the words that carry no expectation of their own.
func isStopWord(w string) bool { return isStopWordBytes([]byte(w)) }

// lookup is find for a string.
func (t *stemTable) lookup(w string) (int32, bool) {
	id, _ := t.find([]byte(w))
	return id, id >= 0
}

// tokenize splits text into words, runs of whitespace and single
// punctuation marks; joined back they give the text unchanged.
func tokenize(s string) []string {
	var out []string
	start := 0
	for _, end := range appendTokenEnds(nil, s) {
		out = append(out, s[start:end])
		start = end
	}
	return out
}
