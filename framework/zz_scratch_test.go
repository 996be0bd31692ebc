package framework_test

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/ladder-cli/ladder/framework"
)

func TestScratch(t *testing.T) {
	data, _ := os.ReadFile(os.Getenv("F"))
	lv, err := framework.ParsePage(data, os.Getenv("N"))
	if err != nil {
		fmt.Printf("ERR %T %#v\n", err, err)
		var fe *framework.Error
		if e, ok := err.(*framework.Error); ok { fe = e; fmt.Println(fe.Code, fe.Source, fe.Err) }
		return
	}
	b, _ := json.MarshalIndent(lv, "", " ")
	fmt.Println(string(b))
}
