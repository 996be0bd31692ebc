package framework

import (
	"io/fs"
	"slices"
	"strings"
	"testing/fstest"
)

// Reader reads a framework in a shape other than the Hugo level pages
// (one Markdown file, HTML pages, a matrix, YAML data). The readers live
// in framework/read; the loader only calls them.
type Reader interface {
	// Read reads the framework at name in fsys, a file or a folder. A
	// nil Framework, or one without levels, and a nil error mean the
	// input is Hugo level pages, which the loader reads itself; it keeps
	// the Credit of a Framework without levels.
	Read(fsys fs.FS, name string, limits Limits) (*Framework, error)
}

// A FilesReader is a Reader that reads through the loader's Files: the
// pages it reads to tell the shape of a folder of Hugo level pages are
// then not read again by the loader.
type FilesReader interface {
	Reader
	// ReadFiles is Read, reading files.FS() through files.
	ReadFiles(files *Files, name string, limits Limits) (*Framework, error)
}

// WithReader makes the loader ask r first: when r reads the framework,
// the loader serves r's levels, already read, instead of listing pages.
func WithReader(r Reader) Option { return func(ld *Loader) { ld.reader = r } }

// fromReader asks the loader's reader for the framework. It reports
// whether the reader took it.
func (ld *Loader) fromReader() (bool, error) {
	var fw *Framework
	var err error
	if fr, ok := ld.reader.(FilesReader); ok {
		fw, err = fr.ReadFiles(ld.read, ld.dir, ld.limits)
	} else {
		fw, err = ld.reader.Read(ld.fsys, ld.dir, ld.limits)
	}
	if err != nil || fw == nil {
		return false, err
	}
	if len(fw.Levels) == 0 {
		ld.credit = fw.Credit // Hugo level pages, credited in ladder.yaml
		return false, nil
	}
	ld.preload(fw)
	if len(ld.order) > 0 {
		// The levels named first, the others after them as read.
		out, err := ld.orderRefs(true)
		if err != nil {
			return false, err
		}
		for _, s := range ld.slugs {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		ld.slugs, ld.orderBy = out, "flag"
	}
	return true, nil
}

// byName finds a level by its display name or title, in any case,
// parsing the levels not read yet (a page that does not parse is passed
// over).
func (ld *Loader) byName(ref string) (string, bool) {
	ref = strings.TrimSpace(ref)
	for _, s := range ld.slugs {
		lv, err := ld.Level(s)
		if err != nil {
			continue
		}
		if strings.EqualFold(lv.Name, ref) || strings.EqualFold(lv.Title, ref) {
			return s, true
		}
	}
	return "", false
}

// NewLoaderFromFramework returns a loader serving the levels of a
// framework another reader has read, in their order. Level references
// resolve by slug, name or title; "track/level" names a level of a track.
func NewLoaderFromFramework(fw *Framework) *Loader {
	ld := &Loader{fsys: fstest.MapFS{}, dir: fw.Dir, limits: DefaultLimits, inc: &includer{}, files: map[string]string{}, levels: map[string]*Level{},
		pages: map[string][]string{}, tried: map[string][]includeRef{}}
	ld.preload(fw)
	return ld
}

func (ld *Loader) preload(fw *Framework) {
	if fw.Dir != "" {
		ld.dir = fw.Dir
	}
	ld.shape, ld.credit = fw.Shape, fw.Credit
	ld.title, ld.orderBy, ld.sorted = fw.Title, fw.Order, true
	ld.slugs = nil
	for _, lv := range fw.Levels {
		ld.slugs = append(ld.slugs, lv.Slug)
		ld.files[lv.Slug] = lv.File
		ld.levels[lv.Slug] = lv
	}
	// A level of a track also answers to "track/slug".
	for _, lv := range fw.Levels {
		if lv.Track != "" && !strings.HasPrefix(lv.Slug, lv.Track+"/") {
			if _, taken := ld.files[lv.Track+"/"+lv.Slug]; !taken {
				ld.alias = append(ld.alias, [2]string{lv.Track + "/" + lv.Slug, lv.Slug})
			}
		}
	}
	// The department loader of a read framework lists an empty folder.
	ld.fsys = fstest.MapFS{}
	ld.read = NewFiles(ld.fsys)
}

// Shape is the shape the framework was read as ("markdown", "html",
// ...), or "" for Hugo level pages.
func (ld *Loader) Shape() string { return ld.shape }

// resolveAlias maps "track/level" to the level's slug.
func (ld *Loader) resolveAlias(ref string) (string, bool) {
	r := strings.ToLower(strings.TrimSpace(ref))
	for _, a := range ld.alias {
		if a[0] == r {
			return a[1], true
		}
	}
	return "", false
}
