package render

import (
	"encoding/json"
	"io"
	"math"
	"runtime"
	"strconv"
	"unicode/utf8"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/framework"
)

// CompareJSON is the documented JSON shape of a comparison
// (docs/json.md).
type CompareJSON struct {
	From      string          `json:"from"`
	To        string          `json:"to"`
	Threshold float64         `json:"threshold"`
	Pillars   []PillarJSON    `json:"pillars"`
	Summary   compare.Summary `json:"summary"`
}

// PillarJSON is one pillar of CompareJSON.
type PillarJSON struct {
	Key    string   `json:"key"`
	Name   string   `json:"name"`
	Path   []string `json:"path"`
	Status string   `json:"status"`
	// RenamedFrom is the lower level's name of a renamed pillar, else "".
	RenamedFrom string          `json:"renamed_from,omitempty"`
	Summary     compare.Summary `json:"summary"`
	Changes     []ChangeJSON    `json:"changes"`
}

// ChangeJSON is one change of PillarJSON; From and To are the items'
// plain texts, null where absent.
type ChangeJSON struct {
	Kind       string            `json:"kind"`
	From       *string           `json:"from"`
	To         *string           `json:"to"`
	FromPillar *string           `json:"from_pillar"`
	ToPillar   *string           `json:"to_pillar"`
	Score      float64           `json:"score"`
	Diff       []compare.Op      `json:"diff"`
	FromSource *framework.Source `json:"from_source"`
	ToSource   *framework.Source `json:"to_source"`
}

func strp(s string, ok bool) *string {
	if !ok {
		return nil
	}
	return &s
}

// CompareToJSON converts a report to its JSON shape, keeping only the
// kinds the options select (all kinds when none are named, same items
// included).
func CompareToJSON(r *compare.Report, o CompareOptions) CompareJSON {
	out := CompareJSON{From: r.FromRef, To: r.ToRef, Threshold: r.Threshold, Pillars: []PillarJSON{}, Summary: r.Summary}
	o.ShowSame = true
	for _, p := range r.Pillars {
		pj := PillarJSON{Key: p.Key, Name: p.Name, Path: p.Path, Status: string(p.Status), RenamedFrom: p.RenamedFrom, Summary: p.Summary, Changes: []ChangeJSON{}}
		if pj.Path == nil {
			pj.Path = []string{}
		}
		for _, c := range p.Changes {
			if !o.keep(c.Kind) {
				continue
			}
			pj.Changes = append(pj.Changes, changeJSON(c))
		}
		if len(o.Kinds) > 0 && len(pj.Changes) == 0 {
			continue // --only left nothing of this pillar
		}
		out.Pillars = append(out.Pillars, pj)
	}
	return out
}

func changeJSON(c compare.Change) ChangeJSON {
	cj := ChangeJSON{Kind: string(c.Kind), Score: round3(c.Score), Diff: c.Diff,
		From: strp(compare.ItemText(c.From), c.From != nil), To: strp(compare.ItemText(c.To), c.To != nil),
		FromPillar: strp(c.FromPillar, c.From != nil), ToPillar: strp(c.ToPillar, c.To != nil)}
	if cj.Diff == nil {
		cj.Diff = []compare.Op{}
	}
	if c.From != nil {
		s := c.From.Source
		cj.FromSource = &s
	}
	if c.To != nil {
		s := c.To.Source
		cj.ToSource = &s
	}
	return cj
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// WriteCompareJSON writes a comparison as JSON: the bytes
// json.Encoder with a two-space indent writes for CompareToJSON's value
// (docs/json.md), written change by change as the Markdown is, without
// building the document first. TestCompareJSONStreamsSameBytes holds it
// to the encoder's output.
func WriteCompareJSON(w io.Writer, r *compare.Report, o CompareOptions) error {
	if math.IsInf(r.Threshold, 0) || math.IsNaN(r.Threshold) {
		// What the encoder says, before any byte is written.
		return &json.UnsupportedValueError{Str: strconv.FormatFloat(r.Threshold, 'g', -1, 64)}
	}
	o.ShowSame = true
	j := &jsonWriter{w: w, b: make([]byte, 0, jsonFlushSize+4<<10)}
	j.raw("{\n  \"from\": ")
	j.str(r.FromRef)
	j.raw(",\n  \"to\": ")
	j.str(r.ToRef)
	j.raw(",\n  \"threshold\": ")
	j.float(r.Threshold)
	j.raw(",\n  \"pillars\": [")
	first := true
	for i := range r.Pillars {
		p := &r.Pillars[i]
		if len(o.Kinds) > 0 && !keepsAny(p, o) {
			continue // --only left nothing of this pillar
		}
		if first {
			j.raw("\n    {")
		} else {
			j.raw(",\n    {")
		}
		first = false
		j.pillar(p, o)
		j.raw("\n    }")
		j.flushIfFull()
	}
	if !first {
		j.raw("\n  ")
	}
	j.raw("],\n  \"summary\": ")
	j.summary(r.Summary, "  ")
	j.raw("\n}\n")
	j.flush()
	return j.err
}

// keepsAny reports whether the options keep any change of a pillar.
func keepsAny(p *compare.PillarReport, o CompareOptions) bool {
	for _, c := range p.Changes {
		if o.keep(c.Kind) {
			return true
		}
	}
	return false
}

// jsonWriter writes the indented JSON of a comparison piece by piece:
// each piece is appended to b, which goes to w whenever it holds
// jsonFlushSize bytes; the first error of w is kept, and nothing is
// written after it.
type jsonWriter struct {
	w     io.Writer
	b     []byte
	err   error
	spare [][]byte // the chunk buffers of changes, for the next pillar
}

// jsonFlushSize is how much output jsonWriter gathers before writing it.
const jsonFlushSize = 64 << 10

func (j *jsonWriter) raw(s string) { j.b = append(j.b, s...) }

// str writes s as writeJSON's encoder does (no HTML escaping, see
// appendJSONString).
func (j *jsonWriter) str(s string) { j.b = appendJSONString(j.b, s) }

// strOrNull writes s, or null when !ok.
func (j *jsonWriter) strOrNull(s string, ok bool) {
	if !ok {
		j.raw("null")
		return
	}
	j.str(s)
}

func (j *jsonWriter) int(n int) { j.b = strconv.AppendInt(j.b, int64(n), 10) }

// float writes a finite f as the encoder does: like ES6's number to
// string, 'f' format unless tiny or huge.
func (j *jsonWriter) float(f float64) {
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		b := strconv.AppendFloat(j.b, f, 'e', -1, 64)
		// e-09 -> e-9, as the encoder does.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
		j.b = b
		return
	}
	j.b = strconv.AppendFloat(j.b, f, 'f', -1, 64)
}

// write writes out, after what b holds.
func (j *jsonWriter) write(out []byte) {
	if len(j.b)+len(out) > jsonFlushSize {
		j.flush()
	}
	if len(out) >= jsonFlushSize {
		j.put(out)
		return
	}
	j.b = append(j.b, out...)
}

// flushIfFull writes b out once it holds jsonFlushSize bytes.
func (j *jsonWriter) flushIfFull() {
	if len(j.b) >= jsonFlushSize {
		j.flush()
	}
}

func (j *jsonWriter) flush() {
	j.put(j.b)
	j.b = j.b[:0]
}

func (j *jsonWriter) put(out []byte) {
	if j.err != nil || len(out) == 0 {
		return
	}
	n, err := j.w.Write(out)
	if err == nil && n < len(out) {
		err = io.ErrShortWrite // as bufio.Writer says it
	}
	j.err = err
}

// summary writes a compare.Summary object whose closing brace is
// indented by ind.
func (j *jsonWriter) summary(s compare.Summary, ind string) {
	j.raw("{\n" + ind + "  \"same\": ")
	j.int(s.Same)
	j.raw(",\n" + ind + "  \"reworded\": ")
	j.int(s.Reworded)
	j.raw(",\n" + ind + "  \"added\": ")
	j.int(s.Added)
	j.raw(",\n" + ind + "  \"removed\": ")
	j.int(s.Removed)
	j.raw(",\n" + ind + "  \"moved\": ")
	j.int(s.Moved)
	j.raw(",\n" + ind + "  \"inherited\": ")
	j.int(s.Inherited)
	j.raw("\n" + ind + "}")
}

// pillar writes the fields of a PillarJSON at depth 3.
func (j *jsonWriter) pillar(p *compare.PillarReport, o CompareOptions) {
	j.raw("\n      \"key\": ")
	j.str(p.Key)
	j.raw(",\n      \"name\": ")
	j.str(p.Name)
	j.raw(",\n      \"path\": [")
	for k, s := range p.Path {
		if k > 0 {
			j.raw(",")
		}
		j.raw("\n        ")
		j.str(s)
	}
	if len(p.Path) > 0 {
		j.raw("\n      ")
	}
	j.raw("],\n      \"status\": ")
	j.str(string(p.Status))
	if p.RenamedFrom != "" {
		j.raw(",\n      \"renamed_from\": ")
		j.str(p.RenamedFrom)
	}
	j.raw(",\n      \"summary\": ")
	j.summary(p.Summary, "      ")
	j.raw(",\n      \"changes\": [")
	kept := make([]*compare.Change, 0, len(p.Changes))
	for k := range p.Changes {
		if c := &p.Changes[k]; o.keep(c.Kind) {
			kept = append(kept, c)
		}
	}
	j.changes(kept)
	if len(kept) > 0 {
		j.raw("\n      ")
	}
	j.raw("]")
}

// changes writes the changes of a pillar's list. The changes of a large
// pillar (minJSONParallel or more, a fifth of such a comparison's time) are encoded
// in chunks on goroutines, one per processor and maxJSONWorkers at most,
// each chunk written in order as soon as it and those before it are
// done; a chunk starts only when one of the workers' buffers is free, so
// no more of the document is held than one chunk per worker. The bytes
// are those of the sequential path. Once the writer has failed, no
// later pillar's changes are encoded (the chunks under way finish).
func (j *jsonWriter) changes(cs []*compare.Change) {
	if j.err != nil {
		return
	}
	workers := min(runtime.GOMAXPROCS(0), maxJSONWorkers)
	if workers == 1 || len(cs) < minJSONParallel {
		for k, c := range cs {
			j.change(c, k == 0)
			j.flushIfFull()
		}
		return
	}
	n := (len(cs) + jsonChunk - 1) / jsonChunk
	done := make([]chan []byte, n)
	for k := range done {
		done[k] = make(chan []byte, 1)
	}
	// A buffer from free starts a chunk; a chunk written gives it back.
	// The buffers are kept for the next pillar.
	free := make(chan []byte, workers)
	for w := range workers {
		if w < len(j.spare) {
			free <- j.spare[w]
		} else {
			free <- nil
		}
	}
	go func() {
		for k := range n {
			buf := <-free
			go func() {
				e := &jsonWriter{b: buf[:0]}
				for i := k * jsonChunk; i < min((k+1)*jsonChunk, len(cs)); i++ {
					e.change(cs[i], i == 0)
				}
				done[k] <- e.b
			}()
		}
	}()
	for k := range n {
		out := <-done[k]
		j.write(out)
		free <- out
	}
	j.spare = j.spare[:0]
	for range workers {
		j.spare = append(j.spare, <-free)
	}
}

// jsonChunk is how many changes a chunk of changes holds; maxJSONWorkers
// how many chunks are encoded at once at most; minJSONParallel the fewest
// changes encoded in chunks. A change takes about half a microsecond to
// encode, so below a few thousand the chunks would save less than waking
// another thread costs a fresh process (1,000 changes: 0.5 ms of
// encoding, and 1 ms slower in chunks).
const (
	jsonChunk       = 256
	maxJSONWorkers  = 4
	minJSONParallel = 16 * jsonChunk
)

// change writes a change of a pillar's list, a ChangeJSON at depth 5,
// after its separator (none before the first).
func (j *jsonWriter) change(c *compare.Change, first bool) {
	if first {
		j.raw("\n        {")
	} else {
		j.raw(",\n        {")
	}
	j.raw("\n          \"kind\": ")
	j.str(string(c.Kind))
	j.raw(",\n          \"from\": ")
	j.strOrNull(compare.ItemText(c.From), c.From != nil)
	j.raw(",\n          \"to\": ")
	j.strOrNull(compare.ItemText(c.To), c.To != nil)
	j.raw(",\n          \"from_pillar\": ")
	j.strOrNull(c.FromPillar, c.From != nil)
	j.raw(",\n          \"to_pillar\": ")
	j.strOrNull(c.ToPillar, c.To != nil)
	j.raw(",\n          \"score\": ")
	j.float(round3(c.Score))
	j.raw(",\n          \"diff\": [")
	for k, op := range c.Diff {
		if k > 0 {
			j.raw(",")
		}
		j.raw("\n            {\n              \"op\": ")
		j.str(op.Op)
		j.raw(",\n              \"text\": ")
		j.str(op.Text)
		j.raw("\n            }")
	}
	if len(c.Diff) > 0 {
		j.raw("\n          ")
	}
	j.raw("],\n          \"from_source\": ")
	j.source(c.From)
	j.raw(",\n          \"to_source\": ")
	j.source(c.To)
	j.raw("\n        }")
}

// source writes an item's Source at depth 5, or null for no item.
func (j *jsonWriter) source(it *framework.Item) {
	if it == nil {
		j.raw("null")
		return
	}
	j.raw("{\n            \"file\": ")
	j.str(it.Source.File)
	j.raw(",\n            \"line\": ")
	j.int(it.Source.Line)
	j.raw("\n          }")
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it with SetEscapeHTML(false), as writeJSON does: quote,
// backslash and control characters, U+2028 and U+2029; <, > and & stay
// as written; an invalid UTF-8 byte becomes \ufffd.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
