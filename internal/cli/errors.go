package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/ladder-cli/ladder/compare/render"
	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/gitfs"
)

// Exit codes.
const (
	exitOK      = 0
	exitChanges = 1 // differences found, only where --exit-code asks
	exitError   = 2 // usage or input errors
)

// usageError is a mistake on the command line; cmd is the command's
// path ("ladder compare"), which the hint names.
type usageError struct {
	err error
	cmd string
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// changesFound makes the process exit 1 without a message.
type changesFound struct{}

func (changesFound) Error() string { return "changes found" }

// errWithSite tells how to show a framework error's paths: they are
// relative to the site root, an absolute path.
type errWithSite struct {
	err  error
	site string
	abs  bool // --framework was given as an absolute path
}

func (e *errWithSite) Error() string { return e.err.Error() }
func (e *errWithSite) Unwrap() error { return e.err }

// exitCode maps an error to its message and exit code, in one place.
// Messages can quote framework text (file names, lines): they are made
// terminal-safe on the way out.
func exitCode(err error, stderr io.Writer, cwd string) int {
	stderr = safeWriter{stderr}
	if err == nil {
		return exitOK
	}
	var cf changesFound
	if errors.As(err, &cf) {
		return exitChanges
	}
	site := ""
	var ws *errWithSite
	if errors.As(err, &ws) {
		site = ws.site
	}
	show := shower(site, cwd)
	prefix := "ladder: "
	var re *revError
	if errors.As(err, &re) {
		prefix += "at revision " + re.rev + ": "
	}
	var fe *framework.Error
	var nf *framework.LevelNotFoundError
	var ue *usageError
	var se *gitfs.ShallowError
	switch {
	case errors.Is(err, gitfs.ErrNoGit):
		fmt.Fprintf(stderr, "ladder: diff with revisions needs git, which is not on PATH; install git, or compare two folders (ladder diff OLD_DIR NEW_DIR)\n")
	case errors.As(err, &se):
		fmt.Fprintf(stderr, "ladder: %s\nFetch more history: git fetch --deepen=N (N more commits), or git fetch --unshallow (all of it).\n", se.Error())
	case errors.As(err, &fe):
		fmt.Fprintf(stderr, "%s%s\n", prefix, fe.Format(show))
	case errors.As(err, &nf):
		fmt.Fprintf(stderr, "%s%s\n", prefix, nf.Error())
	case errors.As(err, &ue):
		cmd := ue.cmd
		if cmd == "" {
			cmd = "ladder"
		}
		fmt.Fprintf(stderr, "ladder: %s\nRun '%s --help' for usage.\n", strings.TrimPrefix(ue.Error(), "ladder: "), cmd)
	default:
		fmt.Fprintf(stderr, "ladder: %s\n", strings.TrimSpace(err.Error()))
	}
	return exitError
}

// shower shows site-relative positions as paths from the working
// directory cwd, given the site root's absolute path ("" for the built-in
// example, whose paths are shown as they are).
func shower(site, cwd string) func(framework.Source) string {
	return func(s framework.Source) string {
		if site == "" {
			return s.String()
		}
		p := filepath.Join(site, filepath.FromSlash(s.File))
		if cwd != "" {
			if r, err := filepath.Rel(cwd, p); err == nil {
				p = r
			}
		}
		s.File = filepath.ToSlash(p)
		return s.String()
	}
}

// safeWriter neutralizes control characters, except newlines, in what is
// written through it.
type safeWriter struct{ w io.Writer }

func (s safeWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(s.w, render.TermSafe(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
