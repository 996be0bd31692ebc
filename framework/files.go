package framework

import (
	"io/fs"
	"sync"
)

// Files reads the files of one file system, each within a size limit
// (ReadLimited), and keeps what it read until it is taken: the readers
// that tell a framework's shape read a folder's pages, and the loader
// then takes them instead of reading them again. A loader has one, which
// its readers use (FilesReader) and its departments share; what is read
// and never taken (a README, the page of a level never parsed) is kept
// as long as the loader.
type Files struct {
	fsys fs.FS
	mu   sync.Mutex
	kept map[string]keptFile
}

// keptFile is a file read whole under the limit max.
type keptFile struct {
	data []byte
	max  int64
}

// NewFiles reads through fsys.
func NewFiles(fsys fs.FS) *Files { return &Files{fsys: fsys, kept: map[string]keptFile{}} }

// FS is the file system the files are read from.
func (f *Files) FS() fs.FS { return f.fsys }

// Read is ReadLimited(f.FS(), name, display, max); the bytes are kept
// for Take, and must not be written to. A failed read keeps nothing: it
// is tried again, and says again why it fails, naming its own display.
func (f *Files) Read(name, display string, max int64) ([]byte, error) {
	f.mu.Lock()
	k, ok := f.kept[name]
	f.mu.Unlock()
	if ok && k.max == max {
		return k.data, nil
	}
	data, err := ReadLimited(f.fsys, name, display, max)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	f.kept[name] = keptFile{data, max}
	f.mu.Unlock()
	return data, nil
}

// Take is Read for the file's last reader: the bytes read before, if
// any, are returned and no longer kept. Earlier readers may still hold
// them: like Read's, they must never be written to.
func (f *Files) Take(name, display string, max int64) ([]byte, error) {
	f.mu.Lock()
	k, ok := f.kept[name]
	delete(f.kept, name)
	f.mu.Unlock()
	if ok && k.max == max {
		return k.data, nil
	}
	return ReadLimited(f.fsys, name, display, max)
}
