package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

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
//	[exists:PATH]              PATH exists
//	[root]                     the tests run as root (chmod 000 does not
//	                           stop root from reading a file)
//
// $SHARED is the real handbook data in ../shared/handbook beside the
// project, which scripts check with [!exists:$SHARED] before use.
func TestScripts(t *testing.T) {
	shared, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "handbook"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("SHARED", shared)
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
			"exits":      cmdExits,
			"printbytes": cmdPrintBytes,
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
