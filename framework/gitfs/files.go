package gitfs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// The most gitfs reads of each small file of a repository: a ref, a
// .git or commondir file hold a name or a hash; an alternates file a few
// paths. packed-refs holds every ref, so it may be large, but not that
// large (a million refs take about 80 MB).
const (
	maxSmallFile      = 4 << 10
	maxAlternatesFile = 64 << 10
	maxPackedRefsFile = 64 << 20
)

// errNotRegular says a file of the repository is not a regular file.
var errNotRegular = errors.New("not a regular file")

// openRegular opens the file name for reading, failing unless it is a
// regular file: a ref, an object or a pack that is a named pipe, a
// device such as /dev/zero, or a folder is an error naming it, not a
// hang or an endless read. Opening does not block on a named pipe.
func openRegular(name string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = fmt.Errorf("%s: %w (%s)", name, errNotRegular, kindOf(st.Mode()))
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

// kindOf names the kind of a file that is not a regular one.
func kindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "mode " + m.String()
}

// readPrefix reads up to limit bytes of the regular file name, and
// reports whether it holds more.
func readPrefix(name string, limit int) (data []byte, more bool, err error) {
	f, st, err := openRegular(name)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	data = make([]byte, 0, min(st.Size(), int64(limit))+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // the file grew since its stat
		}
		n, err := f.Read(data[len(data):min(cap(data), limit+1)])
		data = data[:len(data)+n]
		switch {
		case len(data) > limit:
			return data[:limit], true, nil
		case err == io.EOF:
			return data, false, nil
		case err != nil:
			return nil, false, err
		}
	}
}

// readSmall reads the regular file name whole, failing if it is over
// limit bytes.
func readSmall(name string, limit int) ([]byte, error) {
	data, more, err := readPrefix(name, limit)
	if err == nil && more {
		err = fmt.Errorf("%s: over %d bytes", name, limit)
	}
	return data, err
}
