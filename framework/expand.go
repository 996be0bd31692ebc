package framework

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// frame is one file in the include chain of a page: the page itself
// (parent nil) or an included file.
type frame struct {
	file   string // display path
	parent *frame
	depth  int
}

// line is one line of a page after include expansion.
type line struct {
	text  string
	src   Source
	frame *frame
}

// includer expands include shortcodes. It caches include files, which
// many pages of a framework share.
type includer struct {
	fsys    fs.FS  // FS holding the include files
	root    string // folder in fsys that "includes/" names
	display string // how root is shown in sources
	limits  Limits
	cache   map[string]cachedFile
}

type cachedFile struct {
	lines []string
	err   error
}

// expansion is the state of expanding one page.
type expansion struct {
	inc      *includer
	out      []line
	size     int64
	warnings []Warning
	includes []string // include files read, in first-use order
	// tried are the include files the page tried to read, found or
	// not, in first-use order: what its parse depends on.
	tried []includeRef
}

// includeRef names an include file in the include FS, and as shown.
type includeRef struct{ name, display string }

func (e *expansion) warn(src Source, code, format string, args ...any) {
	e.warnings = append(e.warnings, Warning{Source: src, Code: code, Message: fmt.Sprintf(format, args...)})
}

// expand appends the lines of a file to the output, expanding includes.
// first is the line number of lines[0].
// lineCost is what one expanded line costs in memory beyond its text;
// the expansion limit counts it so that many short lines (an include
// bomb) hit the limit as soon as long ones do.
const lineCost = 64

// maxShortcodeLines is how many lines a shortcode may span.
const maxShortcodeLines = 10

func (e *expansion) expand(lines []string, first int, fr *frame) error {
	for i := 0; i < len(lines); i++ {
		text := lines[i]
		src := Source{File: fr.file, Line: first + i}
		e.size += int64(len(text)) + lineCost
		if max := e.inc.limits.MaxExpandedSize; max > 0 && e.size > max {
			return errorf(src, "too-large", "page grows over %d bytes once includes are expanded", max)
		}
		if !strings.Contains(text, "{{") {
			e.out = append(e.out, line{text: text, src: src, frame: fr})
			continue
		}
		// Hugo lets a shortcode's arguments run over several lines: join
		// them when a lone opening finds its closing "}}" a few lines on.
		if t := strings.TrimSpace(text); strings.HasPrefix(t, "{{") && !strings.Contains(t, "}}") {
			for j := i + 1; j < len(lines) && j <= i+maxShortcodeLines; j++ {
				if strings.Contains(lines[j], "{{") {
					break // another shortcode starts: this one is unterminated
				}
				if strings.Contains(lines[j], "}}") {
					for k := i + 1; k <= j; k++ {
						text += " " + strings.TrimSpace(lines[k])
						e.out = append(e.out, line{text: "", src: Source{File: fr.file, Line: first + k}, frame: fr})
					}
					i = j
					break
				}
			}
		}
		sc, ok := parseShortcode(text)
		if !ok {
			// Shortcode-like text inside a line: drop the shortcode spans,
			// keep the rest, and say so.
			cleaned, found := stripShortcodes(text)
			if found {
				e.warn(src, "unknown-shortcode", "shortcode not understood, left out: %s", strings.TrimSpace(text))
			}
			if strings.TrimSpace(cleaned) != "" {
				e.out = append(e.out, line{text: cleaned, src: src, frame: fr})
			} else {
				e.out = append(e.out, line{text: "", src: src, frame: fr})
			}
			continue
		}
		if sc.malformed != "" {
			e.warn(src, "bad-shortcode", "%s: %s", sc.malformed, strings.TrimSpace(text))
			e.out = append(e.out, line{text: "", src: src, frame: fr})
			continue
		}
		if sc.name == "comment" {
			// {{</* ... */>}}: a Hugo comment, nothing to say.
			e.out = append(e.out, line{text: "", src: src, frame: fr})
			continue
		}
		if sc.name != "include" {
			// Paired shortcodes such as {{% details %}} wrap content we keep;
			// the shortcode line itself carries no expectation.
			e.warn(src, "unknown-shortcode", "shortcode %q not understood, left out", sc.name)
			e.out = append(e.out, line{text: "", src: src, frame: fr})
			continue
		}
		if err := e.include(sc.arg, src, fr); err != nil {
			return err
		}
		// A blank line after the included text ends its blocks.
		e.out = append(e.out, line{text: "", src: src, frame: fr})
	}
	return nil
}

func (e *expansion) include(arg string, src Source, fr *frame) error {
	name, display, err := e.inc.resolve(arg)
	if err != nil {
		return &Error{Source: src, Code: "include-escapes", Err: err}
	}
	for f := fr; f != nil; f = f.parent {
		if f.file == display {
			chain := []Source{{File: display}}
			for g := fr; g != nil; g = g.parent {
				chain = append([]Source{{File: g.file}}, chain...)
			}
			return &Error{Source: src, Code: "include-cycle", Err: errors.New("include cycle"), Chain: chain}
		}
	}
	if fr.depth+1 > e.inc.limits.MaxIncludeDepth {
		return errorf(src, "include-depth", "includes nest deeper than %d", e.inc.limits.MaxIncludeDepth)
	}
	if ref := (includeRef{name, display}); !slices.Contains(e.tried, ref) {
		e.tried = append(e.tried, ref)
	}
	lines, err := e.inc.read(name, display)
	if err != nil {
		if fe, ok := err.(*Error); ok && fe.Code == "not-found" {
			if e.inc.fsys == nil {
				e.warn(src, "missing-include", "include %q not found (no assets/includes folder above the framework; use --includes)", arg)
			} else {
				e.warn(src, "missing-include", "include %q not found", arg)
			}
			return nil
		}
		if fe, ok := err.(*Error); ok && fe.Source.Line == 0 {
			// A problem with the file as a whole belongs to the include line.
			c := *fe
			c.Target, c.Source = &Source{File: fe.Source.File}, src
			return &c
		}
		return via(src, err)
	}
	child := &frame{file: display, parent: fr, depth: fr.depth + 1}
	if !slices.Contains(e.includes, display) {
		e.includes = append(e.includes, display)
	}
	return via(src, e.expand(lines, 1, child))
}

// via records that an error inside an included file came through the
// include line at src.
func via(src Source, err error) error {
	fe, ok := err.(*Error)
	if !ok {
		return err
	}
	c := *fe
	c.Via = append([]Source{src}, fe.Via...)
	return &c
}

// resolve maps an include argument ("includes/x/y.md") to a path in the
// include FS and a display path. "includes/X" names X in the includes
// folder; any other path is taken relative to the assets folder above it.
// A path that would leave the FS root (the site root) is refused.
func (inc *includer) resolve(arg string) (name, display string, err error) {
	rel, ok := strings.CutPrefix(strings.TrimPrefix(arg, "/"), "includes/")
	base, dispBase := inc.root, inc.display
	if !ok {
		base, dispBase = path.Dir(inc.root), path.Dir(inc.display)
	}
	name = path.Join(base, rel)
	if !fs.ValidPath(name) || strings.HasPrefix(path.Join(base, rel), "..") || strings.ContainsRune(arg, 0) {
		return "", "", fmt.Errorf("include %q leaves the site root", arg)
	}
	return name, path.Join(dispBase, rel), nil
}

func (inc *includer) read(name, display string) ([]string, error) {
	if inc.fsys == nil {
		return nil, &Error{Source: Source{File: display}, Code: "not-found", Err: fs.ErrNotExist}
	}
	if c, ok := inc.cache[name]; ok {
		return c.lines, c.err
	}
	lines, err := readText(inc.fsys, name, display, inc.limits.MaxFileSize)
	if inc.cache == nil {
		inc.cache = map[string]cachedFile{}
	}
	if err != nil {
		inc.cache[name] = cachedFile{err: err}
		return nil, err
	}
	inc.cache[name] = cachedFile{lines: lines}
	return lines, nil
}

// shortcode is a parsed {{% name "arg" %}} or {{< name "arg" >}} line.
type shortcode struct {
	name      string
	arg       string
	malformed string
}

// parseShortcode parses a line that holds only a shortcode. ok is false
// when the line is not a lone shortcode.
func parseShortcode(text string) (sc shortcode, ok bool) {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "{{") {
		return sc, false
	}
	if !strings.HasSuffix(t, "}}") {
		if strings.Count(t, "{{") == 1 && !strings.Contains(t, "}}") {
			sc.malformed = "unterminated shortcode"
			return sc, true
		}
		return sc, false
	}
	inner := t[2 : len(t)-2]
	if strings.Contains(inner, "{{") || strings.Contains(inner, "}}") {
		return sc, false
	}
	inner = strings.TrimSpace(inner)
	var open, close byte
	if inner != "" {
		open = inner[0]
	}
	switch open {
	case '%':
		close = '%'
	case '<':
		close = '>'
	default:
		sc.malformed = "malformed shortcode (expected {{% ... %}} or {{< ... >}})"
		return sc, true
	}
	if len(inner) < 2 || inner[len(inner)-1] != close {
		sc.malformed = "malformed shortcode (delimiters do not match)"
		return sc, true
	}
	body := strings.TrimSpace(inner[1 : len(inner)-1])
	if strings.HasPrefix(body, "/*") {
		sc.name = "comment"
		return sc, true
	}
	fields := strings.Fields(body)
	if len(fields) == 0 {
		sc.malformed = "empty shortcode"
		return sc, true
	}
	sc.name = fields[0]
	if sc.name == "include" {
		rest := strings.TrimSpace(strings.TrimPrefix(body, "include"))
		if len(rest) >= 2 && (rest[0] == '"' || rest[0] == '`') && rest[len(rest)-1] == rest[0] {
			sc.arg = rest[1 : len(rest)-1]
		} else {
			sc.malformed = "include needs one quoted path"
		}
		if sc.arg == "" && sc.malformed == "" {
			sc.malformed = "include of an empty path"
		}
	}
	return sc, true
}

// stripShortcodes removes {{ ... }} spans from a line of text.
func stripShortcodes(text string) (string, bool) {
	if !strings.Contains(text, "{{") {
		return text, false
	}
	var b strings.Builder
	for {
		i := strings.Index(text, "{{")
		if i < 0 {
			b.WriteString(text)
			return b.String(), true
		}
		b.WriteString(text[:i])
		j := strings.Index(text[i:], "}}")
		if j < 0 {
			return b.String(), true
		}
		text = text[i+j+2:]
	}
}
