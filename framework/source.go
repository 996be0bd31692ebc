package framework

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Limits bound what the loader reads, so that no input can make it use
// unbounded memory or time.
type Limits struct {
	// MaxFileSize is the largest file the loader reads, in bytes.
	MaxFileSize int64
	// MaxIncludeDepth is how deep includes may nest.
	MaxIncludeDepth int
	// MaxExpandedSize is the largest a page may grow to once its includes
	// are expanded, in bytes.
	MaxExpandedSize int64
	// MaxItemLength is the longest an item's Markdown may be, in bytes.
	MaxItemLength int
	// MaxNesting is the deepest list nesting kept; deeper items are folded
	// into their parent at this depth.
	MaxNesting int
}

// DefaultLimits are the limits used when none are given.
var DefaultLimits = Limits{
	MaxFileSize:     16 << 20,
	MaxIncludeDepth: 32,
	MaxExpandedSize: 64 << 20,
	MaxItemLength:   64 << 10,
	MaxNesting:      16,
}

// readText reads a file and returns its text split into lines, with a byte
// order mark removed and CRLF/CR line ends made LF. It refuses files over
// the size limit, binary files and text that is not UTF-8.
func readText(fsys fs.FS, name, display string, max int64) ([]string, error) {
	data, err := ReadLimited(fsys, name, display, max)
	if err != nil {
		return nil, err
	}
	return splitText(data, display, true)
}

// ReadLimited reads the regular file name of fsys, at most max bytes (no
// limit when max <= 0), without blocking on a named pipe. Errors are
// *Error values naming display: "not-found", "unreadable",
// "is-directory", "not-regular" or "too-large". Every reader of a
// framework reads its files through it.
func ReadLimited(fsys fs.FS, name, display string, max int64) ([]byte, error) {
	src := Source{File: display}
	// Refuse what is not a regular file before opening it: opening a
	// named pipe would block until something writes to it. DirFS opens
	// without blocking, so there the check after opening is enough.
	if _, ok := fsys.(interface{ NeverBlocks() }); !ok {
		if st, err := fs.Stat(fsys, name); err != nil {
			return nil, openError(src, err)
		} else if !st.IsDir() && !st.Mode().IsRegular() {
			return nil, errorf(src, "not-regular", "not a regular file (%s)", st.Mode().Type())
		}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, openError(src, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, openError(src, err)
	}
	if st.IsDir() {
		return nil, errorf(src, "is-directory", "is a directory, not a Markdown file")
	}
	if !st.Mode().IsRegular() {
		return nil, errorf(src, "not-regular", "not a regular file (%s)", st.Mode().Type())
	}
	if max > 0 && st.Size() > max {
		return nil, errorf(src, "too-large", "file is %d bytes, over the %d byte limit (raise it with --max-file-size)", st.Size(), max)
	}
	// Read at most max+1 bytes: a file that grows, or reports no size,
	// still cannot get past the limit.
	var r io.Reader = f
	if max > 0 {
		r = io.LimitReader(f, max+1)
	}
	data := make([]byte, 0, st.Size()+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, openError(src, err)
		}
	}
	if max > 0 && int64(len(data)) > max {
		return nil, errorf(src, "too-large", "file is over the %d byte limit (raise it with --max-file-size)", max)
	}
	return data, nil
}

func openError(src Source, err error) *Error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Error{Source: src, Code: "not-found", Err: errors.New("file does not exist")}
	case errors.Is(err, fs.ErrPermission):
		return &Error{Source: src, Code: "unreadable", Err: errors.New("permission denied")}
	case strings.Contains(err.Error(), "escapes"):
		return &Error{Source: src, Code: "escapes-root", Err: errors.New("path escapes the site root (symbolic link?)")}
	}
	return &Error{Source: src, Code: "unreadable", Err: fmt.Errorf("cannot read: %v", err)}
}

// splitText validates and splits file content into lines. owned says
// data is the caller's own buffer, never written again: the lines then
// share its memory instead of a copy.
func splitText(data []byte, display string, owned bool) ([]string, error) {
	data, err := CheckText(data, display, "a Markdown file")
	if err != nil {
		return nil, err
	}
	var text string
	if owned && len(data) > 0 {
		text = unsafe.String(unsafe.SliceData(data), len(data))
	} else {
		text = string(data)
	}
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	text = strings.TrimSuffix(text, "\n")
	if text == "" {
		return nil, nil
	}
	return strings.Split(text, "\n"), nil
}

// CheckText is file content's check as text, shared by every reader: a
// UTF-8 byte-order mark is dropped; a NUL byte is the error "binary"
// ("binary data (NUL byte), not KIND"), and a byte that is not UTF-8 the
// error "not-utf8", each naming display and the line.
func CheckText(data []byte, display, kind string) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, errorf(Source{File: display, Line: lineAt(data, i)}, "binary", "binary data (NUL byte), not %s", kind)
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		return nil, errorf(Source{File: display, Line: lineAt(data, i)}, "not-utf8", "text is not valid UTF-8")
	}
	return data, nil
}

// lineAt is the 1-based line of byte offset i, counting LF, CRLF and a
// lone CR each as one line end, as splitText does.
func lineAt(data []byte, i int) int {
	line := 1
	for k := 0; k < i; k++ {
		if data[k] == '\n' || data[k] == '\r' && (k+1 >= len(data) || data[k+1] != '\n') {
			line++
		}
	}
	return line
}
