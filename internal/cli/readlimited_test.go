package cli

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// lyingFS serves one file whose Stat claims a terabyte.
type lyingFS struct{ fstest.MapFS }

type lyingFile struct{ fs.File }

type lyingInfo struct{ fs.FileInfo }

func (l lyingFS) Open(name string) (fs.File, error) {
	f, err := l.MapFS.Open(name)
	if err != nil {
		return nil, err
	}
	return lyingFile{f}, nil
}

func (f lyingFile) Stat() (fs.FileInfo, error) {
	st, err := f.File.Stat()
	return lyingInfo{st}, err
}

func (lyingInfo) Size() int64        { return 1 << 40 }
func (lyingInfo) ModTime() time.Time { return time.Time{} }

// TestReadLimited checks the limit, and that a file's claimed size is not
// believed: fs.ReadFile would try to allocate the terabyte lyingFS claims.
func TestReadLimited(t *testing.T) {
	fsys := lyingFS{fstest.MapFS{
		"small.md": {Data: []byte("- one\n")},
		"big.md":   {Data: []byte(strings.Repeat("x", 2000))},
	}}
	tests := []struct {
		name    string
		max     int64
		want    string
		wantErr string
	}{
		{"small.md", 100, "- one\n", ""},
		{"small.md", 6, "- one\n", ""},
		{"small.md", 5, "", "over the 5 byte limit"},
		{"big.md", 1000, "", "over the 1000 byte limit"},
		{"missing.md", 1000, "", "not exist"},
	}
	for _, tt := range tests {
		got, err := readLimited(fsys, tt.name, tt.max)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("readLimited(%s, %d) error = %v; want %q", tt.name, tt.max, err, tt.wantErr)
			}
			continue
		}
		if err != nil || string(got) != tt.want {
			t.Errorf("readLimited(%s, %d) = %q, %v; want %q", tt.name, tt.max, got, err, tt.want)
		}
	}
}
