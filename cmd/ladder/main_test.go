package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ladder-cli/ladder/internal/cli"
)

// TestMain lets the test binary run as the ladder command inside the
// scripts (testscript.Main is the v1.16 API; RunMain is deprecated).
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"ladder": func() { os.Exit(cli.Main(cli.System(), os.Args[1:])) },
	})
}

// TestScripts runs testdata/script/*.txtar.
//
// Besides the standard commands and conditions, the scripts have:
//
//	exits CODE PROG [ARGS...]  run PROG and require exit status CODE; its
//	                           output goes to stdout/stderr as with exec
//	printbytes FILE TEXT...    write TEXT (Go string escapes such as \xff
//	                           allowed) to FILE
//	appendbytes FILE N TEXT... append TEXT (escapes as printbytes) N times
//	                           to FILE, so big inputs need not be stored
//	nestedlist FILE DEPTH      write a page whose one pillar holds a list
//	                           nested DEPTH deep (item i indented i spaces)
//	includechain DIR N         write DIR/chain1.md ... DIR/chainN.md, each
//	                           including the next ("includes/chainK.md"),
//	                           the last holding one item
//	jsonvalid FILE             FILE holds exactly one valid JSON value
//	mvbytes OLD NEW            rename OLD to NEW, where NEW may hold Go
//	                           string escapes (file names with control
//	                           characters)
//	[exists:PATH]              PATH exists
//	[root]                     the tests run as root (chmod 000 does not
//	                           stop root from reading a file)
//
// $SITES is the project's test sites (testdata/sites), which scripts
// copy before changing. $SHARED is the real handbook data in ../shared/handbook beside the
// project, which scripts check with [!exists:$SHARED] before use.
func TestScripts(t *testing.T) {
	shared, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "handbook"))
	if err != nil {
		t.Fatal(err)
	}
	sites, err := filepath.Abs(filepath.Join("..", "..", "testdata", "sites"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("SHARED", shared)
			env.Setenv("SITES", sites)
			env.Setenv("NO_COLOR", "1")
			env.Setenv("COLUMNS", "100")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch {
			case strings.HasPrefix(cond, "exists:"):
				_, err := os.Stat(strings.TrimPrefix(cond, "exists:"))
				return err == nil, nil
			case cond == "root":
				return os.Geteuid() == 0, nil
			}
			return false, errors.New("unknown condition " + strconv.Quote(cond))
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":        cmdExits,
			"printbytes":   cmdPrintBytes,
			"appendbytes":  cmdAppendBytes,
			"nestedlist":   cmdNestedList,
			"includechain": cmdIncludeChain,
			"jsonvalid":    cmdJSONValid,
			"mvbytes":      cmdMvBytes,
		},
	})
}

func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exits")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad code %q", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

func cmdPrintBytes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: printbytes FILE TEXT...")
	}
	var b strings.Builder
	for _, a := range args[1:] {
		s, err := strconv.Unquote(`"` + strings.ReplaceAll(a, `"`, `\"`) + `"`)
		if err != nil {
			ts.Fatalf("printbytes: bad text %q: %v", a, err)
		}
		b.WriteString(s)
	}
	name := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(name), 0o777))
	ts.Check(os.WriteFile(name, []byte(b.String()), 0o666))
}

func unquoteArgs(ts *testscript.TestScript, cmd string, args []string) string {
	var b strings.Builder
	for _, a := range args {
		s, err := strconv.Unquote(`"` + strings.ReplaceAll(a, `"`, `\"`) + `"`)
		if err != nil {
			ts.Fatalf("%s: bad text %q: %v", cmd, a, err)
		}
		b.WriteString(s)
	}
	return b.String()
}

func cmdAppendBytes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 {
		ts.Fatalf("usage: appendbytes FILE N TEXT...")
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n < 0 {
		ts.Fatalf("appendbytes: bad count %q", args[1])
	}
	text := unquoteArgs(ts, "appendbytes", args[2:])
	name := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(name), 0o777))
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o666)
	ts.Check(err)
	// Write in chunks of about 1 MiB so a large count stays cheap.
	chunk := strings.Repeat(text, max(1, min(n, (1<<20)/max(1, len(text)))))
	per := len(chunk) / max(1, len(text))
	for n > 0 && per > 0 {
		k := min(n, per)
		_, err := f.WriteString(chunk[:k*len(text)])
		ts.Check(err)
		n -= k
	}
	ts.Check(f.Close())
}

func cmdNestedList(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: nestedlist FILE DEPTH")
	}
	depth, err := strconv.Atoi(args[1])
	if err != nil || depth < 1 {
		ts.Fatalf("nestedlist: bad depth %q", args[1])
	}
	var b bytes.Buffer
	b.WriteString("## Ownership\n\n")
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat(" ", i))
		fmt.Fprintf(&b, "- item %d\n", i+1)
	}
	name := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(name), 0o777))
	ts.Check(os.WriteFile(name, b.Bytes(), 0o666))
}

func cmdIncludeChain(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: includechain DIR N")
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n < 1 {
		ts.Fatalf("includechain: bad count %q", args[1])
	}
	dir := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(dir, 0o777))
	for i := 1; i <= n; i++ {
		text := fmt.Sprintf("{{%% include \"includes/chain%d.md\" %%}}\n", i+1)
		if i == n {
			text = fmt.Sprintf("* Item at the end of a chain of %d includes.\n", n)
		}
		ts.Check(os.WriteFile(filepath.Join(dir, fmt.Sprintf("chain%d.md", i)), []byte(text), 0o666))
	}
}

func cmdJSONValid(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: jsonvalid FILE")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	dec := json.NewDecoder(bytes.NewReader(data))
	var v any
	err = dec.Decode(&v)
	if err == nil {
		if _, terr := dec.Token(); terr == nil {
			err = errors.New("more than one JSON value")
		}
	}
	if err == nil && !json.Valid(data) {
		err = errors.New("json.Valid reports invalid JSON")
	}
	if err == nil && !utf8.Valid(data) {
		err = errors.New("not valid UTF-8")
	}
	switch {
	case neg && err == nil:
		ts.Fatalf("%s is valid JSON", args[0])
	case !neg && err != nil:
		ts.Fatalf("%s is not valid JSON: %v", args[0], err)
	}
}

func cmdMvBytes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mvbytes OLD NEW")
	}
	ts.Check(os.Rename(ts.MkAbs(args[0]), ts.MkAbs(unquoteArgs(ts, "mvbytes", args[1:2]))))
}
