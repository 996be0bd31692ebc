package framework_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ladder-cli/ladder/framework"
)

func TestZZSlow(t *testing.T) {
	for _, fm := range []string{
		strings.Repeat("[", 5000),
		strings.Repeat("{", 5000),
		"a: " + strings.Repeat("[", 5000),
		strings.Repeat("- ", 5000),
		"a: &a [x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
		strings.Repeat("a = [", 2000),
		"a = " + strings.Repeat("[", 5000),
		"a = " + strings.Repeat("{b=", 5000),
	} {
		for _, d := range []string{"---", "+++"} {
			start := time.Now()
			_, err := framework.ParsePage([]byte(d+"\n"+fm+"\n"+d+"\n"), "senior.md")
			el := time.Since(start)
			e := ""
			if err != nil { e = err.Error(); if len(e) > 80 { e = e[:80] } }
			t.Logf("%s %-20.20q %v %s", d, fm, el, e)
		}
	}
}
