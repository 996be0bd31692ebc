package compare

import (
	"fmt"
	"math"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/internal/gen"
)

// The reference implementations below are the straightforward versions
// that the fast paths in similarity.go replaced; the tests hold the fast
// paths to them.

func refNormalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsSpace(r) || refIsSentencePunct(r):
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

func refIsSentencePunct(r rune) bool {
	return strings.ContainsRune(".,;:!?'\"’‘“”()[]{}-–—…", r)
}

func refWords(s string) []string {
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

func refStem(w string) string { return refDerive(refInflect(w)) }

// refDerive is the reference of derive.
func refDerive(w string) string {
	for _, sfx := range []struct {
		from string
		min  int
	}{{"ment", 8}, {"ability", 8}, {"ibility", 8}, {"tion", 8}, {"able", 8}, {"ible", 8}, {"ive", 7}} {
		if len(w) >= sfx.min && strings.HasSuffix(w, sfx.from) {
			if sfx.from == "tion" {
				w = strings.TrimSuffix(w, "ion")
			} else {
				w = strings.TrimSuffix(w, sfx.from)
			}
			break
		}
	}
	if len(w) >= 5 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

func refInflect(w string) string {
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
				return w[:len(w)-1]
			}
			out := w[:len(w)-len(sfx.from)] + sfx.to
			if n := len(out); (sfx.from == "ing" || sfx.from == "ed") && n >= 2 && out[n-1] == out[n-2] && !strings.ContainsRune("lsz", rune(out[n-1])) {
				out = out[:n-1]
			}
			return out
		}
	}
	return w
}

var refStopWords = map[string]bool{
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

// refAdd is the reference of vocab.add: words, stop words, stems, with
// a map for the stems seen.
func refAdd(ids map[string]int, df *[]int, text string) (norm string, stems, set []int) {
	seen := map[int]bool{}
	for _, w := range refWords(text) {
		if refStopWords[w] {
			continue
		}
		st := refStem(w)
		id, ok := ids[st]
		if !ok {
			id = len(*df)
			ids[st] = id
			*df = append(*df, 0)
		}
		stems = append(stems, id)
		if !seen[id] {
			seen[id] = true
			set = append(set, id)
			(*df)[id]++
		}
	}
	return refNormalize(text), stems, set
}

// textCases are texts for the fast paths: ASCII, the typographic marks
// normalize drops, symbols it keeps, case that changes length in UTF-8,
// and bytes that are not UTF-8.
var textCases = []string{
	"",
	" ",
	"Owns small tasks to completion.",
	"  Ships   code,\tthen   reviews it; (mostly) [sometimes] {rarely}!  ",
	"Knows C++ and C#, < 80% of the time > 20%.",
	"Uses the team’s ‘runbooks’ and “playbooks” – always — mostly…",
	"on-call rota's, team's, teams’ work, 'quoted', -dash- --double--",
	"e.g. i.e. etc. eg ie",
	"ÉCOLE Ünïcödé ÀÉÎ straße İstanbul K KELVIN Ω",
	"日本語 の テキスト、句読点。",
	"a\u0301 b\u0301c \u0301x",
	"x\x00y \xff\xfe invalid \xe2\x80 cut",
	"\u00a0nbsp\u0085nel\u2003em\u3000ideographic",
	"It’s it's its -'’- ’s 's x’s's",
	"running planned buzzed called passes makes watches boxes flies tied studies quickly ties uses bus",
	"ALL CAPS SHOUTING AND Mixed Case",
	"12345 3rd 2x v1.2.3 $100 50%",
	"’’’ ''' --- ’a ’-a a’- a-’",
}

func TestNormalizeMatchesReference(t *testing.T) {
	for _, s := range textCases {
		if got, want := normalize(s), refNormalize(s); got != want {
			t.Errorf("normalize(%q) = %q, want %q", s, got, want)
		}
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isSentencePunct(r) != refIsSentencePunct(r) {
			t.Errorf("isSentencePunct(%q) = %v", r, isSentencePunct(r))
		}
	}
}

// TestByteClass checks the byte class table against the definitions
// it stands for.
func TestByteClass(t *testing.T) {
	for b := 0; b < 256; b++ {
		r := rune(b)
		var want uint8
		switch {
		case b >= utf8.RuneSelf:
			want = cx
		default:
			if unicode.IsUpper(r) {
				want |= cu
			}
			if unicode.IsLower(r) || unicode.IsDigit(r) {
				want |= cl
			}
			if unicode.IsSpace(r) {
				want |= cs
			}
			if unicode.IsSpace(r) || refIsSentencePunct(r) {
				want |= cn
			}
			if r == '-' || r == '\'' {
				want |= ci
			}
		}
		if got := byteClass[b]; got != want {
			t.Errorf("byteClass[%#x] = %#x, want %#x", b, got, want)
		}
	}
}

func TestSameNormalized(t *testing.T) {
	long := strings.Repeat("Owns the deploy pipeline, ", 30)
	cases := append(append([]string{}, textCases...), long, strings.ToUpper(long), long+"!")
	for _, a := range cases {
		for _, b := range cases {
			if got, want := sameNormalized(a, b), refNormalize(a) == refNormalize(b); got != want {
				t.Errorf("sameNormalized(%q, %q) = %v", a, b, got)
			}
		}
	}
}

func TestWordsMatchReference(t *testing.T) {
	for _, s := range textCases {
		if got, want := words(s), refWords(s); !slices.Equal(got, want) {
			t.Errorf("words(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestWordsAtMost(t *testing.T) {
	for _, s := range append(textCases, "one", "one two three four", "one two three four five", "a-b c’s d's 'e' -f-") {
		for n := 0; n <= 6; n++ {
			if got, want := wordsAtMost(s, n), len(refWords(s)) <= n; got != want {
				t.Errorf("wordsAtMost(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}

func TestStemMatchesReference(t *testing.T) {
	for _, w := range append(strings.Fields("a an the ties tied uses used runs runner running planned called buzzed kissed "+
		"passes makes watches wishes boxes flies studies carried quickly ly ing ed es s ss ies ied bus business yes "+
		"fixes fizzes misses addresses reaches pushing"), refWords(strings.Join(textCases, " "))...) {
		if got, want := stem(w), refStem(w); got != want {
			t.Errorf("stem(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestStopWords(t *testing.T) {
	for w := range refStopWords {
		if !isStopWord(w) || !isStopWordBytes([]byte(w)) {
			t.Errorf("%q is not a stop word", w)
		}
	}
	for _, w := range refWords(strings.Join(textCases, " ")) {
		if isStopWord(w) != refStopWords[w] {
			t.Errorf("isStopWord(%q) = %v", w, isStopWord(w))
		}
	}
}

// TestAddMatchesReference: a vocabulary built by add has the stems, sets,
// document frequencies and norms of the reference.
func TestAddMatchesReference(t *testing.T) {
	texts := append(append([]string{}, textCases...), textCases...)
	texts = append(texts, strings.Repeat("word ", 3000), strings.Repeat("Owned owning owns OWNER ", 50))
	checkAdd(t, texts)
	// Enough distinct stems for the stem table to grow a few times.
	var many []string
	for i := 0; i < 50; i++ {
		var b strings.Builder
		for j := 0; j < 100; j++ {
			fmt.Fprintf(&b, "stem%dx%d ", (i*37+j*11)%2000, j%3)
		}
		many = append(many, b.String())
	}
	checkAdd(t, many)
}

func checkAdd(t *testing.T, texts []string) {
	t.Helper()
	v := newVocab()
	ids := map[string]int{}
	var df []int
	var docs []*doc
	for _, s := range texts {
		d := v.add(s)
		docs = append(docs, d)
		norm, stems, set := refAdd(ids, &df, s)
		if d.norm != norm {
			t.Fatalf("add(%q).norm = %q, want %q", s, d.norm, norm)
		}
		if !slices.Equal(int32s(d.stems), stems) || !slices.Equal(int32s(d.set), set) {
			t.Fatalf("add(%q): stems %v set %v, want %v %v", s, d.stems, d.set, stems, set)
		}
	}
	if !slices.Equal(v.df, df) || v.ids.len() != len(ids) {
		t.Fatalf("df %v (%d stems), want %v (%d)", v.df, v.ids.len(), df, len(ids))
	}
	for st, id := range ids {
		if got, ok := v.ids.lookup(st); !ok || int(got) != id {
			t.Fatalf("id of %q = %d, want %d", st, got, id)
		}
	}
	v.finish(docs)
	for i, d := range docs {
		w := 0.0
		for _, id := range d.set {
			w += math.Log(1 + float64(len(texts))/float64(df[id]))
		}
		if d.weight != w {
			t.Fatalf("weight of %q = %v, want %v", texts[i], d.weight, w)
		}
	}
}

func int32s(xs []int32) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = int(x)
	}
	return out
}

// FuzzNormalize holds normalize, words, stem and add to the reference
// implementations on any text.
func FuzzNormalize(f *testing.F) {
	for _, s := range textCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normalize(s), refNormalize(s); got != want {
			t.Fatalf("normalize(%q) = %q, want %q", s, got, want)
		}
		ws := words(s)
		if want := refWords(s); !slices.Equal(ws, want) {
			t.Fatalf("words(%q) = %q, want %q", s, ws, want)
		}
		for n := max(0, len(ws)-1); n <= len(ws); n++ {
			if wordsAtMost(s, n) != (len(ws) <= n) {
				t.Fatalf("wordsAtMost(%q, %d) = %v with %d words", s, n, !(len(ws) <= n), len(ws))
			}
		}
		for _, w := range ws {
			if got, want := stem(w), refStem(w); got != want {
				t.Fatalf("stem(%q) = %q, want %q", w, got, want)
			}
			if isStopWord(w) != refStopWords[w] {
				t.Fatalf("isStopWord(%q) = %v", w, isStopWord(w))
			}
		}
		checkAdd(t, []string{s, strings.ToUpper(s), s + " " + s})
	})
}

// TestPairIdentical: both ways of pairing identical texts pair as a
// queue of b's items per text did.
func TestPairIdentical(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 300; round++ {
		mk := func(n int) []*doc {
			ds := make([]*doc, n)
			for i := range ds {
				ds[i] = &doc{norm: fmt.Sprint(rng.Intn(1 + round%12))}
			}
			return ds
		}
		a, b := mk(rng.Intn(60)), mk(rng.Intn(60))
		// The reference: a queue of b's items per text.
		wantTo := make([]int, len(a))
		byNorm := map[string][]int{}
		for j, d := range b {
			byNorm[d.norm] = append(byNorm[d.norm], j)
		}
		for i, d := range a {
			wantTo[i] = -1
			if js := byNorm[d.norm]; len(js) > 0 {
				wantTo[i] = js[0]
				byNorm[d.norm] = js[1:]
			}
		}
		for _, f := range []func(a, b []*doc, toB []int, scores []float64, usedB []bool){pairIdenticalScan, pairIdenticalIndex, pairIdentical} {
			toB, scores, usedB := make([]int, len(a)), make([]float64, len(a)), make([]bool, len(b))
			for i := range toB {
				toB[i] = -1
			}
			f(a, b, toB, scores, usedB)
			if !slices.Equal(toB, wantTo) {
				t.Fatalf("round %d: pairs %v, want %v", round, toB, wantTo)
			}
			for i, j := range toB {
				if (j >= 0) != (scores[i] == 1) || j >= 0 && !usedB[j] {
					t.Fatalf("round %d: item %d paired with %d: score %v, used %v", round, i, j, scores[i], usedB)
				}
			}
		}
	}
}

// TestScorerMatchesScoreAbove: the one-against-many scorer gives
// scoreAbove's result bit for bit, on generated items, on the real
// pages' shape of short and long items, and past 64 stems (where it
// hands over to scoreAbove).
func TestScorerMatchesScoreAbove(t *testing.T) {
	from, to, err := gen.Levels(gen.Options{Pillars: 2, Items: 80, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, lv := range []*framework.Level{from, to} {
		for _, p := range lv.Pillars {
			for _, it := range p.Items {
				texts = append(texts, it.Text)
			}
		}
	}
	long := strings.Repeat("Reviews the deploy pipeline and the billing queue again ", 9) // 63 stems
	texts = append(texts, "", "Team.", "Owns it.", "Owns the team team team roadmap.", long, long+"once more", long+"and more again",
		strings.Repeat("plans ", 64), strings.Repeat("plans ", 65), strings.Repeat("plans reviews ", 40))
	v := newVocab()
	docs := make([]*doc, len(texts))
	for k, s := range texts {
		docs[k] = v.add(s)
	}
	v.finish(docs)
	for _, a := range docs {
		sc := v.scorer(a)
		for _, b := range docs {
			for _, need := range []float64{0, 0.25, 0.5} {
				gs, gok := sc.scoreAbove(b, need)
				ws, wok := v.scoreAbove(a, b, need)
				if gs != ws || gok != wok {
					t.Fatalf("%q vs %q, need %v: scorer %v %v, scoreAbove %v %v", a.norm, b.norm, need, gs, gok, ws, wok)
				}
			}
		}
	}
}
