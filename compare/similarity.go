package compare

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// doc is an item's text prepared for scoring.
type doc struct {
	norm   string  // normalized text: lower case, punctuation dropped
	stems  []int32 // content-word stem ids in order
	set    []int   // distinct stem ids
	weight float64 // sum of the idf of set
}

// vocab assigns ids and document frequencies to stems.
type vocab struct {
	ids map[string]int
	df  []int
	idf []float64
	n   int
}

func newVocab() *vocab { return &vocab{ids: map[string]int{}} }

func (v *vocab) id(s string) int {
	if id, ok := v.ids[s]; ok {
		return id
	}
	id := len(v.df)
	v.ids[s] = id
	v.df = append(v.df, 0)
	return id
}

// add prepares a text and counts its stems.
func (v *vocab) add(text string) *doc {
	ws := words(text)
	d := &doc{norm: normalize(text)}
	seen := map[int]bool{}
	for _, w := range ws {
		if stopWords[w] {
			continue
		}
		id := v.id(stem(w))
		d.stems = append(d.stems, int32(id))
		if !seen[id] {
			seen[id] = true
			d.set = append(d.set, id)
			v.df[id]++
		}
	}
	v.n++
	return d
}

// finish computes idf weights once every text is added.
func (v *vocab) finish(docs ...[]*doc) {
	v.idf = make([]float64, len(v.df))
	for i, df := range v.df {
		v.idf[i] = math.Log(1 + float64(v.n)/float64(df))
	}
	for _, ds := range docs {
		for _, d := range ds {
			d.weight = 0
			for _, id := range d.set {
				d.weight += v.idf[id]
			}
		}
	}
}

// score is the similarity of two items, in [0, 1]: an idf-weighted Dice
// coefficient over content-word stems (what the items talk about),
// combined with the longest common subsequence of their stems relative
// to the longer item (whether they say it in the same order, and how much
// of each is shared). Shared topic words alone score low because the
// other, distinguishing words weigh in the denominator.
func (v *vocab) score(a, b *doc) float64 {
	s, _ := v.scoreAbove(a, b, 0)
	return s
}

// scoreAbove is score, computed only as far as needed: it reports false
// (and no score) as soon as an upper bound shows the pair cannot reach
// need, before the costly subsequence part.
func (v *vocab) scoreAbove(a, b *doc, need float64) (float64, bool) {
	if a.norm == b.norm {
		return 1, true
	}
	shared, n := 0.0, 0
	// Sets are small; a nested loop beats building maps.
	for _, x := range a.set {
		for _, y := range b.set {
			if x == y {
				shared += v.idf[x]
				n++
				break
			}
		}
	}
	// The subsequence is at most as long as the shorter item.
	lcsMax := float64(min(len(a.stems), len(b.stems))) / float64(max(1, len(a.stems), len(b.stems)))
	if need > 0 && v.combine(shared, n, a, b, lcsMax) < need {
		return 0, false
	}
	return v.combine(shared, n, a, b, lcsRatio(a.stems, b.stems)), true
}

// containment is the shared weight relative to the smaller item: high
// when one item says all the other does and more (a strengthened item).
func containment(shared float64, a, b *doc) float64 {
	m := min(a.weight, b.weight)
	if m == 0 {
		return 0
	}
	return min(1, shared/m)
}

// combine mixes the parts of the score. n is the number of shared
// stems: one shared word between items of more than two content words is
// a shared topic, not a shared expectation, and scores half.
func (v *vocab) combine(shared float64, n int, a, b *doc, lcs float64) float64 {
	s := wDice*v.dice(shared, a, b) + wCont*containment(shared, a, b) + wLCS*lcs
	if n < 2 && min(len(a.set), len(b.set)) > 2 {
		s /= 2
	}
	if s > 0.999 {
		s = 0.999 // only identical texts score 1
	}
	return s
}

// rare reports whether a stem is specific enough to propose a pairing:
// one that more than 1,000 items and more than 5% of all items use
// (think "team", "work") says little about which expectation an item is.
// Pairs that share only such stems are not candidates. Below 1,000 items
// no stem is excluded.
func (v *vocab) rare(id int) bool { return v.df[id] <= max(1000, v.n/20) }

// shareRare reports whether two items share a rare stem.
func (v *vocab) shareRare(a, b *doc) bool {
	for _, x := range a.set {
		if !v.rare(x) {
			continue
		}
		for _, y := range b.set {
			if x == y {
				return true
			}
		}
	}
	return false
}

func (v *vocab) dice(shared float64, a, b *doc) float64 {
	if a.weight+b.weight == 0 {
		return 0
	}
	return 2 * shared / (a.weight + b.weight)
}

// Weights of the parts of the score, chosen with the threshold by
// measuring against labelled real pages (docs/alignment.md).
const (
	wDice = 0.6
	wCont = 0.2
	wLCS  = 0.2
)

// lcsRatio is |LCS(a, b)| / max(|a|, |b|) over stem sequences.
func lcsRatio(a, b []int32) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	var buf [2 * 48]int32
	var prev, cur []int32
	if len(b) < 48 {
		prev, cur = buf[:len(b)+1], buf[48:48+len(b)+1]
	} else {
		prev, cur = make([]int32, len(b)+1), make([]int32, len(b)+1)
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return float64(prev[len(b)]) / float64(len(a))
}

// normalize prepares text for the identical-text test: lower case,
// sentence punctuation dropped (see isSentencePunct), whitespace
// collapsed.
func normalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsSpace(r) || isSentencePunct(r):
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isSentencePunct reports the punctuation that does not make two texts
// different: . , ; : ! ? quotes, brackets and dashes. Symbols do ("C++"
// is not "C#", "< 80%" is not "> 80%").
func isSentencePunct(r rune) bool {
	return strings.ContainsRune(".,;:!?'\"’‘“”()[]{}-–—…", r)
}

// words splits text into lower-case words; hyphenated and apostrophe
// words stay whole ("on-call", "team's" -> "team").
func words(s string) []string {
	out := make([]string, 0, len(s)/6+1)
	var buf []byte
	flush := func() {
		if len(buf) == 0 {
			return
		}
		w := strings.Trim(string(buf), "-'’")
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if w != "" {
			out = append(out, w)
		}
		buf = buf[:0]
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				buf = append(buf, c)
			case c >= 'A' && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			case (c == '-' || c == '\'') && len(buf) > 0:
				buf = append(buf, c)
			default:
				flush()
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		case r == '’' && len(buf) > 0:
			buf = utf8.AppendRune(buf, r)
		default:
			flush()
		}
		i += size
	}
	flush()
	return out
}

// stem reduces an English word to a rough stem, enough that "owns",
// "owning" and "owned" meet.
func stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	for _, sfx := range []struct{ from, to string }{
		{"ies", "y"}, {"ied", "y"}, {"ing", ""}, {"ed", ""}, {"es", ""}, {"s", ""}, {"ly", ""},
	} {
		if strings.HasSuffix(w, sfx.from) && len(w)-len(sfx.from)+len(sfx.to) >= 3 {
			if sfx.from == "s" && strings.HasSuffix(w, "ss") {
				return w
			}
			if sfx.from == "es" && !strings.HasSuffix(w, "sses") && !strings.HasSuffix(w, "ches") && !strings.HasSuffix(w, "shes") && !strings.HasSuffix(w, "xes") {
				// "makes" -> "make": drop only the s.
				return w[:len(w)-1]
			}
			out := w[:len(w)-len(sfx.from)] + sfx.to
			// "planned" -> "plan", "running" -> "run".
			if n := len(out); (sfx.from == "ing" || sfx.from == "ed") && n >= 2 && out[n-1] == out[n-2] && !strings.ContainsRune("lsz", rune(out[n-1])) {
				out = out[:n-1]
			}
			return out
		}
	}
	return w
}

// stopWords carry no expectation of their own.
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "to": true, "in": true,
	"on": true, "for": true, "with": true, "by": true, "as": true, "at": true, "from": true, "into": true,
	"is": true, "are": true, "be": true, "been": true, "being": true, "was": true, "were": true,
	"it": true, "its": true, "this": true, "that": true, "these": true, "those": true, "their": true,
	"they": true, "them": true, "who": true, "which": true, "when": true, "where": true, "while": true,
	"how": true, "what": true, "such": true, "so": true, "than": true, "then": true, "also": true,
	"can": true, "will": true, "would": true, "should": true, "may": true, "all": true, "any": true,
	"each": true, "other": true, "others": true, "own": true, "e.g": true, "eg": true, "etc": true,
	"i.e": true, "ie": true, "via": true, "about": true, "up": true, "out": true, "if": true, "not": true,
	"do": true, "does": true, "has": true, "have": true, "our": true, "your": true, "you": true, "we": true,
	"he": true, "she": true, "his": true, "her": true, "there": true, "both": true, "more": true, "most": true,
}
