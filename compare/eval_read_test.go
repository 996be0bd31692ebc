package compare

import (
	"errors"
	"os"
	"path/filepath"
	"slices"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/read"
)

// errNoReader is readFramework's answer for a shape whose reader is not
// on this branch yet.
var errNoReader = errors.New("no reader for this shape on this branch")

// readFramework loads the framework file or folder at path through the
// real reader of the shape, as --framework path --input shape does.
func readFramework(path, shape string) (*framework.Framework, error) {
	if !slices.Contains(read.Names(), shape) {
		return nil, errNoReader
	}
	fsys := os.DirFS(filepath.Dir(path))
	return framework.Load(fsys, filepath.Base(path), framework.WithReader(read.Reader{Input: shape}))
}
