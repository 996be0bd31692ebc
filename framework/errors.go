package framework

import (
	"errors"
	"fmt"
	"strings"
)

// Error is a problem with the framework's input, at a file and line.
// Every error the loader returns for bad input is an *Error, so callers can
// map it to a message and an exit code with errors.As.
type Error struct {
	// Source is the file (relative to the site root) and line (0 when the
	// problem is with the file as a whole).
	Source Source
	// Code is a short stable identifier, e.g. "include-cycle".
	Code string
	// Err is the underlying problem.
	Err error
	// Via are the include lines through which the page reached Source,
	// outermost first (empty when Source is in the page itself).
	Via []Source
	// Target is the file an include line names, when the problem is
	// with that file as a whole (it is a folder, too large, unreadable).
	Target *Source
	// Chain lists the files of an include cycle, in include order.
	Chain []Source
}

func (e *Error) Error() string { return e.Format(Source.String) }

// Format writes the error with every file position shown by show (the
// CLI shows them relative to the working directory):
// "page.md:5: in assets/includes/a.md:2: text is not valid UTF-8".
func (e *Error) Format(show func(Source) string) string {
	var b strings.Builder
	for _, v := range e.Via {
		b.WriteString(show(v))
		b.WriteString(": in ")
	}
	if e.Source.File != "" {
		b.WriteString(show(e.Source))
		b.WriteString(": ")
	}
	if e.Target != nil {
		b.WriteString("include ")
		b.WriteString(show(*e.Target))
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	if len(e.Chain) > 0 {
		names := make([]string, len(e.Chain))
		for i, c := range e.Chain {
			names[i] = show(c)
		}
		b.WriteString(": ")
		b.WriteString(strings.Join(names, " -> "))
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

func errorf(src Source, code, format string, args ...any) *Error {
	return &Error{Source: src, Code: code, Err: fmt.Errorf(format, args...)}
}

// LevelNotFoundError says that a level reference matched no level.
type LevelNotFoundError struct {
	// Ref is the reference as given.
	Ref string
	// Levels are the slugs the framework has.
	Levels []string
	// Closest is the nearest slug by edit distance, empty if none is near.
	Closest string
	// Where says where the reference was given, e.g. "in the level
	// order"; empty for a level named on its own.
	Where string
}

func (e *LevelNotFoundError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "unknown level %q", e.Ref)
	if e.Where != "" {
		b.WriteString(" " + e.Where)
	}
	if e.Closest != "" {
		fmt.Fprintf(&b, " (did you mean %q?)", e.Closest)
	}
	if len(e.Levels) > 0 {
		fmt.Fprintf(&b, "; levels: %s", strings.Join(e.Levels, ", "))
	}
	return b.String()
}

// ErrNoLevels is returned for a framework folder without level pages.
var ErrNoLevels = errors.New("no level pages (*.md other than _index.md)")
