package compare

import (
	"math"
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"
)

// doc is an item's text prepared for scoring.
type doc struct {
	norm   string  // normalized text: lower case, punctuation dropped
	stems  []int32 // content-word stem ids in order
	set    []int32 // distinct stem ids
	weight float64 // sum of the idf of set
}

// vocab assigns ids and document frequencies to stems.
type vocab struct {
	ids stemTable
	df  []int
	idf []float64
	n   int

	// Scratch space reused from one add to the next.
	word  []byte  // the word being read
	stems []int32 // the text's stem ids
	set   []int32 // the text's distinct stem ids
	mark  []int32 // per stem id: the add (v.n+1) that last saw it
	pool  []int32 // where docs' stems and sets are carved from
	chunk int     // the size of the last pool allocated

	// Scratch space of matcher.indexedPairs (see postings); picks[k] is
	// the scratch of its goroutine k.
	postHead    []int32
	postStamp   []int32
	postGen     int32
	postEntries []postingEntry
	picks       []*pickScratch

	// marks is scorer's scratch space when one item is scored at a time.
	marks marks
}

// marks is a scorer's scratch space: per stem id, whether the item being
// scored has it (stamp == gen), its index in the item's set and the
// positions where it stands in the item's stems. Scorers running at once
// each have their own.
type marks struct {
	stamp   []int32
	gen     int32
	setIdx  []uint8
	posMask []uint64
}

func newVocab() *vocab { return &vocab{} }

// reserve sizes the vocabulary for the texts to come. Real pages have a
// distinct stem per 24 to 40 bytes of text; as texts grow, fewer of
// their words are new (the real pages, and generated levels up to 1.8 MB,
// have 1.5 to 4 times the square root of their bytes).
func (v *vocab) reserve(texts ...[]string) {
	n := 0
	for _, ts := range texts {
		for _, t := range ts {
			n += len(t)
		}
	}
	stems := min(n/24, int(4*math.Sqrt(float64(n)))) + 8
	v.ids.reserve(stems)
	v.df = slices.Grow(v.df, stems)
	v.mark = slices.Grow(v.mark, stems)
	v.chunk = max(v.chunk, min(n/4, 4096)/2) // the first pool: n/4 int32s
}

// stemTable gives the vocabulary's stems their ids, 0, 1, 2... in order
// of arrival: an open-addressing hash table, cheaper than a map for the
// short keys of stems, which it looks up from bytes.
type stemTable struct {
	slots  []int32  // id+1 of the stem in each slot, 0 if none; at most half full
	keys   []string // by id
	hashes []uint32 // by id
}

// stemHash is FNV-1a.
func stemHash(w []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range w {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// find is the id of stem w, or -1; h is w's hash, for add.
func (t *stemTable) find(w []byte) (id int32, h uint32) {
	h = stemHash(w)
	return lookup(t, w, h), h
}

// lookup is the id of stem key, of hash h, or -1.
func lookup[K string | []byte](t *stemTable, key K, h uint32) int32 {
	if len(t.slots) == 0 {
		return -1
	}
	mask := uint32(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		p := t.slots[i]
		if p == 0 {
			return -1
		}
		if t.hashes[p-1] == h && t.keys[p-1] == string(key) {
			return p - 1
		}
	}
}

// add gives a new stem, of hash h, the next id.
func (t *stemTable) add(key string, h uint32) int32 {
	id := int32(len(t.keys))
	t.keys = append(t.keys, key)
	t.hashes = append(t.hashes, h)
	if 2*len(t.keys) > len(t.slots) {
		t.rehash(max(64, 2*len(t.slots)))
	} else {
		t.put(id)
	}
	return id
}

// reserve makes room for n stems.
func (t *stemTable) reserve(n int) {
	t.keys = slices.Grow(t.keys, n)
	t.hashes = slices.Grow(t.hashes, n)
	size := 64
	for size < 2*n {
		size *= 2
	}
	if size > len(t.slots) {
		t.rehash(size)
	}
}

func (t *stemTable) rehash(size int) {
	t.slots = make([]int32, size)
	for id := range t.keys {
		t.put(int32(id))
	}
}

func (t *stemTable) put(id int32) {
	mask := uint32(len(t.slots) - 1)
	i := t.hashes[id] & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = id + 1
}

// len is the number of stems.
func (t *stemTable) len() int { return len(t.keys) }

// add prepares a text and counts its stems.
func (v *vocab) add(text string) *doc {
	d := &doc{norm: normalize(text)}
	v.addTo(d, text)
	return d
}

// addTo is add, into a doc the caller allocated with its norm set
// (addAll fills a pillar's docs, normalizing and adding each run of
// texts on a processor of its own).
func (v *vocab) addTo(d *doc, text string) {
	stamp := int32(v.n + 1)
	stems, set, word := v.stems[:0], v.set[:0], v.word[:0]
	for i := 0; ; {
		w, start, next := nextWord(text, i, word)
		word = w[:0] // as grown
		if next < 0 {
			break
		}
		i = next
		if isStopWordBytes(w) {
			continue
		}
		st := stemBytes(w)
		id, h := v.ids.find(st)
		if id < 0 {
			// The stem is most often spelled as is in the text (lower
			// case, no "y" put back): then the text holds it already.
			key := ""
			if end := start + len(st); end <= len(text) && text[start:end] == string(st) {
				key = text[start:end]
			} else {
				key = string(st)
			}
			id = v.ids.add(key, h)
			v.df = append(v.df, 0)
			v.mark = append(v.mark, 0)
		}
		stems = append(stems, id)
		if v.mark[id] != stamp {
			v.mark[id] = stamp
			set = append(set, id)
			v.df[id]++
		}
	}
	v.stems, v.set, v.word = stems, set, word
	// One carve for both lists, from a shared pool: most texts have a
	// handful of stems, not worth an allocation each.
	need := len(stems) + len(set)
	if need > len(v.pool) {
		// Chunks grow with use: small comparisons stay small.
		v.chunk = min(max(2*v.chunk, 256), 4096)
		v.pool = make([]int32, max(need, v.chunk))
	}
	buf := v.pool[:need:need]
	v.pool = v.pool[need:]
	copy(buf, stems)
	copy(buf[len(stems):], set)
	if len(stems) > 0 {
		d.stems = buf[:len(stems):len(stems)]
	}
	if len(set) > 0 {
		d.set = buf[len(stems):]
	}
	v.n++
}

// addAll normalizes texts and adds them, in order, into docs (one per
// text). On large pillars the texts are split into runs (splitRuns),
// each read into a vocabulary of its own at once (forRuns); the runs'
// stems then join v in run order, each run's new stems in the order it
// met them, which gives every stem the id, and every doc the stems, that
// adding the texts one by one gives (TestAddAllAsOneByOne).
func (v *vocab) addAll(docs []doc, texts []string) {
	runs := splitRuns(len(texts))
	if len(runs) == 1 {
		for k, t := range texts {
			docs[k].norm = normalize(t)
			v.addTo(&docs[k], t)
		}
		return
	}
	locals := make([]*vocab, len(runs))
	forRuns(runs, func(k, lo, hi int) {
		lv := newVocab()
		lv.reserve(texts[lo:hi])
		for i := lo; i < hi; i++ {
			docs[i].norm = normalize(texts[i])
			lv.addTo(&docs[i], texts[i])
		}
		locals[k] = lv
	})
	// ids[k] maps run k's stem ids to v's.
	ids := make([][]int32, len(runs))
	for k, lv := range locals {
		ids[k] = make([]int32, lv.ids.len())
		for id, key := range lv.ids.keys {
			h := lv.ids.hashes[id]
			g := lookup(&v.ids, key, h)
			if g < 0 {
				g = v.ids.add(key, h)
				v.df = append(v.df, 0)
				v.mark = append(v.mark, 0)
			}
			ids[k][id] = g
			v.df[g] += lv.df[id]
		}
		v.n += lv.n
	}
	forRuns(runs, func(k, lo, hi int) {
		to := ids[k]
		for i := lo; i < hi; i++ {
			for x, id := range docs[i].stems {
				docs[i].stems[x] = to[id]
			}
			for x, id := range docs[i].set {
				docs[i].set[x] = to[id]
			}
		}
	})
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
// one that more than commonDF items use (think "team", "work") says
// little about which expectation an item is. Pairs that share only such
// stems are not candidates. Below commonDF items no stem is excluded.
// The cut-off is fixed, not a share of the items: a share lets ever more
// stems through as the input grows, and the candidates grow with its
// square.
func (v *vocab) rare(id int32) bool { return v.df[id] <= commonDF }

// commonDF is the most items a rare stem is used by.
const commonDF = 1000

// rarer orders stems by the number of items using them, then by id.
func (v *vocab) rarer(x, y int32) bool {
	if v.df[x] != v.df[y] {
		return v.df[x] < v.df[y]
	}
	return x < y
}

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
	var arr [256]byte
	b := appendNormalized(arr[:0], s)
	if string(b) == s {
		return s
	}
	return string(b)
}

// sameNormalized reports whether normalize(a) == normalize(b), without
// making strings of them.
func sameNormalized(a, b string) bool {
	var x, y [256]byte
	return string(appendNormalized(x[:0], a)) == string(appendNormalized(y[:0], b))
}

// appendNormalized appends normalize(s) to dst. Each rune of s is
// lowered (unicode.ToLower, as strings.ToLower does; a byte that is not
// UTF-8 stands for U+FFFD), then spaces and sentence punctuation
// separate words, which are joined by one space.
func appendNormalized(dst []byte, s string) []byte {
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		k := byteClass[c]
		if k&cx == 0 {
			if k&cn != 0 {
				space = len(dst) > start
				i++
				continue
			}
			if k&cu != 0 {
				c += 'a' - 'A'
			}
			if space {
				dst = append(dst, ' ')
				space = false
			}
			// c, then the run of bytes that go in as they are.
			j := i + 1
			for j < len(s) && byteClass[s[j]]&(cx|cu|cn) == 0 {
				j++
			}
			dst = append(dst, c)
			dst = append(dst, s[i+1:j]...)
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		r = unicode.ToLower(r)
		if unicode.IsSpace(r) || isSentencePunct(r) {
			space = len(dst) > start
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// isSentencePunct reports the punctuation that does not make two texts
// different: . , ; : ! ? quotes, brackets and dashes. Symbols do ("C++"
// is not "C#", "< 80%" is not "> 80%").
func isSentencePunct(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '\'', '"', '’', '‘', '“', '”', '(', ')', '[', ']', '{', '}', '-', '–', '—', '…':
		return true
	}
	return false
}

// wordsAtMost reports whether s has at most n words (as words counts).
func wordsAtMost(s string, n int) bool {
	var arr [64]byte
	for i := 0; ; n-- {
		_, _, next := nextWord(s, i, arr[:0])
		if next < 0 {
			return true
		}
		if n == 0 {
			return false
		}
		i = next
	}
}

// nextWord reads the next word of s from byte i, as words splits them:
// letters, digits and combining marks, lowered, with inner hyphens and
// apostrophes; then trailing hyphens and apostrophes and a final "'s"
// dropped. The word is appended to buf[:0]; start is where it begins in
// s and next where to read on, -1 at the end of s.
func nextWord(s string, i int, buf []byte) (w []byte, start, next int) {
	buf = buf[:0]
	start = -1
	for i < len(s) {
		c := s[i]
		if k := byteClass[c]; k&cx == 0 {
			switch {
			case k&cl != 0 || k&ci != 0 && len(buf) > 0:
				// A run of bytes that go in as they are.
				j := i + 1
				for j < len(s) && byteClass[s[j]]&(cl|ci) != 0 {
					j++
				}
				if len(buf) == 0 {
					start = i
				}
				buf = append(buf, s[i:j]...)
				i = j
			case k&cu != 0:
				if len(buf) == 0 {
					start = i
				}
				buf = append(buf, c+'a'-'A')
				i++
			default:
				i++
				if len(buf) > 0 {
					if w, off := trimWord(buf); len(w) > 0 {
						return w, start + off, i
					}
					buf = buf[:0]
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if len(buf) == 0 {
				start = i
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		case r == '’' && len(buf) > 0:
			buf = utf8.AppendRune(buf, r)
		default:
			if len(buf) > 0 {
				if w, off := trimWord(buf); len(w) > 0 {
					return w, start + off, i + size
				}
				buf = buf[:0]
			}
		}
		i += size
	}
	if len(buf) > 0 {
		if w, off := trimWord(buf); len(w) > 0 {
			return w, start + off, i
		}
	}
	return buf[:0], -1, -1
}

// trimWord is strings.Trim(w, "-'’") then strings.TrimSuffix of "'s"
// and of "’s", on bytes; off is how many bytes were cut at the front.
func trimWord(w []byte) (_ []byte, off int) {
	for {
		if n := len(w); n > 0 && (w[n-1] == '-' || w[n-1] == '\'') {
			w = w[:n-1]
		} else if n >= 3 && w[n-3] == 0xE2 && w[n-2] == 0x80 && w[n-1] == 0x99 { // ’
			w = w[:n-3]
		} else {
			break
		}
	}
	for {
		if len(w) > 0 && (w[0] == '-' || w[0] == '\'') {
			w, off = w[1:], off+1
		} else if len(w) >= 3 && w[0] == 0xE2 && w[1] == 0x80 && w[2] == 0x99 {
			w, off = w[3:], off+3
		} else {
			break
		}
	}
	if n := len(w); n >= 2 && w[n-2] == '\'' && w[n-1] == 's' {
		w = w[:n-2]
	}
	if n := len(w); n >= 4 && w[n-4] == 0xE2 && w[n-3] == 0x80 && w[n-2] == 0x99 && w[n-1] == 's' {
		w = w[:n-4]
	}
	return w, off
}

// stemBytes is stem on a word it may change in place. The first rule
// that fits applies: -ies, -ied -> -y; -ing, -ed dropped (and a doubled
// last consonant undone); -es, -s dropped; -ly dropped; none that would
// leave fewer than three letters.
func stemBytes(w []byte) []byte { return derive(inflect(w)) }

// inflect takes an inflectional ending off a word, in place.
func inflect(w []byte) []byte {
	n := len(w)
	if n <= 3 {
		return w
	}
	switch {
	case n >= 5 && hasSuffix(w, "ies"), n >= 5 && hasSuffix(w, "ied"):
		return append(w[:n-3], 'y')
	case n >= 6 && hasSuffix(w, "ing"):
		return undouble(w[:n-3])
	case n >= 5 && hasSuffix(w, "ed"):
		return undouble(w[:n-2])
	case n >= 5 && hasSuffix(w, "es"):
		if !hasSuffix(w, "sses") && !hasSuffix(w, "ches") && !hasSuffix(w, "shes") && !hasSuffix(w, "xes") {
			// "makes" -> "make": drop only the s.
			return w[:n-1]
		}
		return w[:n-2]
	case w[n-1] == 's':
		if w[n-2] == 's' {
			return w
		}
		return w[:n-1]
	case n >= 5 && hasSuffix(w, "ly"):
		return w[:n-2]
	}
	return w
}

// derive takes a few derivational endings off an inflected stem, so that
// the forms of one word meet: "deployment" and "deploys" -> "deploy";
// "communication", "communicates" and "communicating" -> "communicat";
// "scalability", "scalable" and "scale" -> "scal"; "collaborative" ->
// "collaborat". A final "e" goes last ("manage", "managing" ->
// "manag"). None leaves fewer than four letters.
func derive(w []byte) []byte {
	n := len(w)
	switch {
	case n >= 8 && hasSuffix(w, "ment"):
		w = w[:n-4]
	case n >= 8 && hasSuffix(w, "ability"), n >= 8 && hasSuffix(w, "ibility"):
		w = w[:n-7]
	case n >= 8 && hasSuffix(w, "tion"):
		w = w[:n-3]
	case n >= 8 && hasSuffix(w, "able"), n >= 8 && hasSuffix(w, "ible"):
		w = w[:n-4]
	case n >= 7 && hasSuffix(w, "ive"):
		w = w[:n-3]
	}
	if n := len(w); n >= 5 && w[n-1] == 'e' {
		w = w[:n-1]
	}
	return w
}

// undouble undoes a doubled last consonant: "planned" -> "plan",
// "running" -> "run" ("ll", "ss", "zz" stay).
func undouble(w []byte) []byte {
	if n := len(w); n >= 2 && w[n-1] == w[n-2] && w[n-1] != 'l' && w[n-1] != 's' && w[n-1] != 'z' {
		return w[:n-1]
	}
	return w
}

func hasSuffix(w []byte, sfx string) bool {
	return len(w) >= len(sfx) && string(w[len(w)-len(sfx):]) == sfx
}

// isStopWordBytes is isStopWord on bytes. A switch, not a map: nothing
// to build when the program starts, and the compiler compares the bytes
// as they are.
func isStopWordBytes(w []byte) bool {
	switch string(w) {
	case "a", "an", "the", "and", "or", "of", "to", "in",
		"on", "for", "with", "by", "as", "at", "from", "into",
		"is", "are", "be", "been", "being", "was", "were",
		"it", "its", "this", "that", "these", "those", "their",
		"they", "them", "who", "which", "when", "where", "while",
		"how", "what", "such", "so", "than", "then", "also",
		"can", "will", "would", "should", "may", "all", "any",
		"each", "other", "others", "own", "e.g", "eg", "etc",
		"i.e", "ie", "via", "about", "up", "out", "if", "not",
		"do", "does", "has", "have", "our", "your", "you", "we",
		"he", "she", "his", "her", "there", "both", "more", "most":
		return true
	}
	return false
}

// scorer scores one item against many: it marks the item's stems once,
// so each pair costs a pass over the other item's stems, and the
// subsequence is computed a machine word at a time (Hyyrö's bit-parallel
// LCS) instead of cell by cell. Its scores are scoreAbove's, bit for bit:
// the shared weight is summed in the same order, and the subsequence
// length is the same integer.
type scorer struct {
	v  *vocab
	mk *marks
	a  *doc
	// fast is false when a has more than 64 stems: then scoreAbove does
	// the work.
	fast bool
}

// scorer prepares a for scoring against other items; the marks live in
// the vocabulary's scratch space until the next call.
func (v *vocab) scorer(a *doc) scorer { return v.scorerIn(&v.marks, a) }

// scorerIn is scorer with its marks in mk, until the next call with mk.
func (v *vocab) scorerIn(mk *marks, a *doc) scorer {
	if len(a.stems) > 64 || len(a.set) > 64 {
		return scorer{v: v, a: a}
	}
	if len(mk.stamp) < len(v.df) {
		mk.stamp = make([]int32, len(v.df))
		mk.setIdx = make([]uint8, len(v.df))
		mk.posMask = make([]uint64, len(v.df))
	}
	mk.gen++
	g := mk.gen
	for k, id := range a.set {
		mk.stamp[id], mk.setIdx[id], mk.posMask[id] = g, uint8(k), 0
	}
	for p, id := range a.stems {
		mk.posMask[id] |= 1 << p
	}
	return scorer{v: v, mk: mk, a: a, fast: true}
}

// scoreAbove is vocab.scoreAbove(s.a, b, need).
func (s scorer) scoreAbove(b *doc, need float64) (float64, bool) {
	v, mk, a := s.v, s.mk, s.a
	if !s.fast {
		return v.scoreAbove(a, b, need)
	}
	if a.norm == b.norm {
		return 1, true
	}
	// Which of a's distinct stems b has, as bits in a.set's order.
	var in uint64
	g := mk.gen
	for _, id := range b.set {
		if mk.stamp[id] == g {
			in |= 1 << mk.setIdx[id]
		}
	}
	shared, n := 0.0, bits.OnesCount64(in)
	for m := in; m != 0; m &= m - 1 {
		shared += v.idf[a.set[bits.TrailingZeros64(m)]]
	}
	lcsMax := float64(min(len(a.stems), len(b.stems))) / float64(max(1, len(a.stems), len(b.stems)))
	if need > 0 && v.combine(shared, n, a, b, lcsMax) < need {
		return 0, false
	}
	lcs := 0.0
	if len(a.stems) > 0 && len(b.stems) > 0 {
		// Hyyrö (2004): a zero bit of row marks a position of a where the
		// LCS so far grows.
		row := ^uint64(0)
		for _, id := range b.stems {
			if mk.stamp[id] != g {
				continue
			}
			match := mk.posMask[id]
			u := row & match
			row = (row + u) | (row - u)
		}
		var used uint64 = 1<<len(a.stems) - 1
		if len(a.stems) == 64 {
			used = ^uint64(0)
		}
		lcs = float64(bits.OnesCount64(^row&used)) / float64(max(len(a.stems), len(b.stems)))
	}
	return v.combine(shared, n, a, b, lcs), true
}
