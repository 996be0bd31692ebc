package framework

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"
)

// countingFS counts the opens of each file.
type countingFS struct {
	fstest.MapFS
	opens map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.opens[name]++
	return c.MapFS.Open(name)
}

func TestFilesKeepUntilTaken(t *testing.T) {
	c := &countingFS{MapFS: fstest.MapFS{"a.md": {Data: []byte("# A\n")}}, opens: map[string]int{}}
	f := NewFiles(c)
	for range 2 {
		if data, err := f.Read("a.md", "a.md", 100); err != nil || string(data) != "# A\n" {
			t.Fatalf("Read = %q, %v", data, err)
		}
	}
	if c.opens["a.md"] != 1 {
		t.Fatalf("two Reads opened the file %d times, want once", c.opens["a.md"])
	}
	if data, err := f.Take("a.md", "a.md", 100); err != nil || string(data) != "# A\n" || c.opens["a.md"] != 1 {
		t.Fatalf("Take after Read = %q, %v, %d opens; want the kept bytes, no open", data, err, c.opens["a.md"])
	}
	if _, err := f.Take("a.md", "a.md", 100); err != nil || c.opens["a.md"] != 2 {
		t.Fatalf("a second Take opened the file %d times in all (err %v); want it read again", c.opens["a.md"], err)
	}
	// Under another limit the file is read again, and the limit holds.
	f.Read("a.md", "a.md", 100)
	var fe *Error
	if _, err := f.Take("a.md", "shown.md", 2); !errors.As(err, &fe) || fe.Code != "too-large" || fe.Source.File != "shown.md" {
		t.Fatalf("Take under a 2-byte limit: %v; want too-large naming shown.md", err)
	}
	// A failed read keeps nothing and names each caller's display.
	for _, display := range []string{"one.md", "two.md"} {
		if _, err := f.Read("missing.md", display, 100); !errors.As(err, &fe) || fe.Code != "not-found" || fe.Source.File != display {
			t.Fatalf("Read of a missing file: %v; want not-found naming %s", err, display)
		}
	}
}

// filesReader reads nothing but the folder's pages, through the loader's
// Files, as detection does, and answers that they are Hugo pages.
type filesReader struct{ read int }

func (r *filesReader) Read(fsys fs.FS, name string, limits Limits) (*Framework, error) {
	return r.ReadFiles(NewFiles(fsys), name, limits)
}

func (r *filesReader) ReadFiles(files *Files, name string, limits Limits) (*Framework, error) {
	entries, err := fs.ReadDir(files.FS(), name)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if _, err := files.Read(name+"/"+e.Name(), e.Name(), limits.MaxFileSize); err != nil {
			return nil, err
		}
		r.read++
	}
	return nil, nil
}

// The pages a FilesReader read to tell the shape are not read again.
func TestLoaderTakesWhatTheReaderRead(t *testing.T) {
	c := &countingFS{MapFS: fstest.MapFS{
		"c/_index.md": {Data: []byte("# Ladder\n\n- [Junior](junior.md)\n- [Senior](senior.md)\n")},
		"c/junior.md": {Data: []byte("# Junior\n\n## Craft\n\n- Writes tests.\n")},
		"c/senior.md": {Data: []byte("# Senior\n\n## Craft\n\n- Designs tests.\n")},
	}, opens: map[string]int{}}
	r := &filesReader{}
	fw, err := Load(c, "c", WithReader(r))
	if err != nil {
		t.Fatal(err)
	}
	if r.read != 3 || len(fw.Levels) != 2 || fw.Levels[1].Pillars[0].Items[0].Text != "Designs tests." {
		t.Fatalf("reader read %d files; levels %d", r.read, len(fw.Levels))
	}
	for _, p := range []string{"c/junior.md", "c/senior.md"} {
		if c.opens[p] != 1 {
			t.Errorf("%s opened %d times, want once", p, c.opens[p])
		}
	}
}
