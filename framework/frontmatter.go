package framework

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"gopkg.in/yaml.v3"
)

// frontMatter is what the loader uses of a page's front matter.
type frontMatter struct {
	Title       string
	Description string
	// LinkTitle is Hugo's short name of the page (linkTitle).
	LinkTitle string
	// Weight is Hugo's page weight; HasWeight says the page sets one.
	Weight    float64
	HasWeight bool
}

// splitFrontMatter separates YAML (---) or TOML (+++) front matter at the
// start of a page from its body. It returns the body lines and the line
// number of the first body line.
func splitFrontMatter(lines []string, file string) (fm frontMatter, body []string, first int, err error) {
	if len(lines) == 0 {
		return fm, nil, 1, nil
	}
	delim := strings.TrimRight(lines[0], " \t")
	if delim != "---" && delim != "+++" {
		return fm, lines, 1, nil
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t") == delim {
			end = i
			break
		}
	}
	if end < 0 {
		return fm, nil, 0, errorf(Source{File: file, Line: 1}, "front-matter", "front matter opened with %q is never closed", delim)
	}
	block := lines[1:end]
	if delim == "---" && !looksLikeYAML(block) {
		// A page that opens with a "---" rule and no "key:" lines (the
		// handbook's nav block) has no front matter: it is all body.
		return fm, lines, 1, nil
	}
	text := strings.Join(block, "\n")
	if d := nestingDepth(text); d > maxFrontMatterDepth {
		return fm, nil, 0, errorf(Source{File: file, Line: 1}, "front-matter", "front matter nests %d levels deep, over the limit of %d", d, maxFrontMatterDepth)
	}
	raw := map[string]any{}
	if delim == "---" {
		if err := yaml.Unmarshal([]byte(text), &raw); err != nil {
			return fm, nil, 0, &Error{Source: Source{File: file, Line: 1 + yamlLine(err)}, Code: "front-matter", Err: fmt.Errorf("invalid YAML front matter: %s", fileLines(cleanYAMLError(err), 1))}
		}
	} else {
		if err := toml.Unmarshal([]byte(text), &raw); err != nil {
			line := 1
			var de *toml.DecodeError
			if errors.As(err, &de) {
				row, _ := de.Position()
				line += row
			}
			return fm, nil, 0, &Error{Source: Source{File: file, Line: line}, Code: "front-matter", Err: fmt.Errorf("invalid TOML front matter: %s", firstLine(err.Error()))}
		}
	}
	fm.Title = scalar(raw["title"])
	fm.Description = scalar(raw["description"])
	fm.LinkTitle = scalar(raw["linkTitle"])
	if fm.LinkTitle == "" {
		fm.LinkTitle = scalar(raw["linktitle"])
	}
	switch w := raw["weight"].(type) {
	case int:
		fm.Weight, fm.HasWeight = float64(w), true
	case int64:
		fm.Weight, fm.HasWeight = float64(w), true
	case uint64:
		fm.Weight, fm.HasWeight = float64(w), true
	case float64:
		fm.Weight, fm.HasWeight = w, true
	}
	return fm, lines[end+1:], end + 2, nil
}

func scalar(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(x)
	default:
		return strings.TrimSpace(fmt.Sprint(x))
	}
}

// yamlLine finds the 1-based line inside the front matter that a yaml.v3
// error names, or 0.
func yamlLine(err error) int {
	m := yamlRefRE.FindStringSubmatch(err.Error())
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// yamlRefRE finds "line N" inside a yaml.v3 message, and yamlTypeRE
// the Go types its decoding errors name.
var (
	yamlRefRE  = regexp.MustCompile(`\bline (\d+)\b`)
	yamlTypeRE = regexp.MustCompile(`cannot unmarshal !!(\w+)(?: ` + "`" + `[^` + "`" + `]*` + "`" + `)? into [^;]+`)
)

// fileLines makes a cleaned yaml.v3 message speak of the page: "line N"
// inside it counts from the front matter's first line, so it becomes the
// file's line N+offset; and a decoding error names what the front matter
// holds instead of Go types ("cannot unmarshal !!seq into
// map[string]interface {}").
func fileLines(msg string, offset int) string {
	msg = yamlRefRE.ReplaceAllStringFunc(msg, func(m string) string {
		n, _ := strconv.Atoi(yamlRefRE.FindStringSubmatch(m)[1])
		return "line " + strconv.Itoa(n+offset)
	})
	return yamlTypeRE.ReplaceAllStringFunc(msg, func(m string) string {
		kind := yamlTypeRE.FindStringSubmatch(m)[1]
		what := map[string]string{"seq": "a list", "str": "a text", "int": "a number", "float": "a number", "bool": "true or false", "null": "empty", "map": "a mapping"}[kind]
		if what == "" {
			what = "a " + kind
		}
		return "front matter must be key: value pairs, not " + what
	})
}

// cleanYAMLError turns a yaml.v3 error into one line without its
// "yaml:" and "line N:" prefixes (the position is reported separately).
func cleanYAMLError(err error) string {
	var parts []string
	for _, l := range strings.Split(err.Error(), "\n") {
		l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "yaml: "))
		if strings.HasPrefix(l, "line ") {
			if j := strings.Index(l, ": "); j > 0 {
				l = l[j+2:]
			}
		}
		if l != "" && l != "unmarshal errors:" {
			parts = append(parts, l)
		}
	}
	if len(parts) == 0 {
		return firstLine(err.Error())
	}
	return strings.Join(parts, "; ")
}

// looksLikeYAML reports whether a block has at least one "key:" line.
func looksLikeYAML(block []string) bool {
	for _, l := range block {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if i := strings.IndexByte(t, ':'); i > 0 && !strings.ContainsAny(t[:i], " []()|") || strings.HasPrefix(t, "- ") {
			return true
		}
	}
	return false
}

// maxFrontMatterDepth bounds nesting in front matter: parsers take time
// that grows fast with depth, and no real page nests more than a few.
const maxFrontMatterDepth = 64

// nestingDepth is the deepest nesting of brackets and braces in text,
// ignoring quoted strings.
func nestingDepth(text string) int {
	depth, deepest := 0, 0
	var quote byte
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '{' || c == '[':
			depth++
			deepest = max(deepest, depth)
		case c == '}' || c == ']':
			depth--
		case c == '\n':
			quote = 0
		}
	}
	return deepest
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
