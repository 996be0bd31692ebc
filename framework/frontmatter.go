package framework

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// frontMatter is what the loader uses of a page's front matter.
type frontMatter struct {
	Title       string
	Description string
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
	text := strings.Join(lines[1:end], "\n")
	raw := map[string]any{}
	if delim == "---" {
		if err := yaml.Unmarshal([]byte(text), &raw); err != nil {
			return fm, nil, 0, &Error{Source: Source{File: file, Line: 1 + yamlLine(err)}, Code: "front-matter", Err: fmt.Errorf("invalid YAML front matter: %s", cleanYAMLError(err))}
		}
	} else {
		if _, err := toml.Decode(text, &raw); err != nil {
			line := 1
			var pe toml.ParseError
			if errors.As(err, &pe) {
				line += pe.Position.Line
			}
			return fm, nil, 0, &Error{Source: Source{File: file, Line: line}, Code: "front-matter", Err: fmt.Errorf("invalid TOML front matter: %s", firstLine(err.Error()))}
		}
	}
	fm.Title = scalar(raw["title"])
	fm.Description = scalar(raw["description"])
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

var yamlLineRE *regexp.Regexp

// yamlLine finds the 1-based line inside the front matter that a yaml.v3
// error names, or 0.
func yamlLine(err error) int {
	if yamlLineRE == nil {
		yamlLineRE = regexp.MustCompile(`line (\d+)`)
	}
	m := yamlLineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func cleanYAMLError(err error) string {
	s := firstLine(err.Error())
	s = strings.TrimPrefix(s, "yaml: ")
	if i := strings.Index(s, "line "); i == 0 {
		if j := strings.Index(s, ": "); j > 0 {
			s = s[j+2:]
		}
	}
	return s
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
