// Package cli is ladder's command line: one NewCmdX constructor per
// command with an XOptions struct and an xRun function, all I/O through
// IOStreams so tests run on buffers.
package cli

import (
	"io"
	"os"
	"strconv"

	"golang.org/x/term"
)

// IOStreams is where a command reads and writes, and what it knows about
// the terminal. Commands never touch os.Stdout directly.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutTTY says Out is a terminal (colour and width default from it).
	OutTTY bool
	// ErrTTY says ErrOut is a terminal (progress goes there only then).
	ErrTTY bool
	// Width is the terminal width in columns, 0 when unknown.
	Width int
	// Getenv reads the environment (NO_COLOR, COLUMNS).
	Getenv func(string) string
	// Dir is the working directory paths are shown relative to.
	Dir string
}

// System returns the process's real streams.
func System() *IOStreams {
	s := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Getenv: os.Getenv}
	s.OutTTY = term.IsTerminal(int(os.Stdout.Fd()))
	s.ErrTTY = term.IsTerminal(int(os.Stderr.Fd()))
	if s.OutTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
			s.Width = w
		}
	}
	if s.Width == 0 {
		if c, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && c > 0 {
			s.Width = c
		}
	}
	s.Dir, _ = os.Getwd()
	return s
}
