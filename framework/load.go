package framework

import (
	"errors"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// Option configures a Loader.
type Option func(*Loader)

// WithLimits sets the loader's limits.
func WithLimits(l Limits) Option { return func(ld *Loader) { ld.limits = l } }

// WithIncludes sets where include files are read from: "includes/X"
// resolves to path.Join(root, X) in fsys, shown as path.Join(display, X).
// Without it, the loader walks up from the framework folder to the first
// folder holding assets/includes.
func WithIncludes(fsys fs.FS, root, display string) Option {
	return func(ld *Loader) {
		ld.inc = &includer{fsys: fsys, root: root, display: display}
	}
}

// WithBaseline lets the loader reuse the levels another loader (of
// another version of the same framework) has parsed: a level whose page
// and every include it tried to read have the same text here is the
// baseline's *Level itself, not parsed again. ladder diff parses each
// unchanged level once this way, and can tell it unchanged by identity.
func WithBaseline(base *Loader) Option { return func(ld *Loader) { ld.base = base } }

// WithOrder sets the level order: slugs or names, lowest level first.
// Levels not named follow in their default order.
func WithOrder(order []string) Option { return func(ld *Loader) { ld.order = order } }

// WithEmptyFolder lets the framework folder have no level pages of its
// own (its departments, in folders below it, have them): the loader then
// has no levels instead of failing with ErrNoLevels.
func WithEmptyFolder() Option { return func(ld *Loader) { ld.allowEmpty = true } }

// Loader reads the level pages of one framework folder. It lists the
// pages up front and parses each page on first use, so a command that
// needs two levels reads two pages. The level order, which may come from
// the folder's _index.md, is worked out when first asked for.
type Loader struct {
	fsys    fs.FS
	dir     string
	limits  Limits
	inc     *includer
	order   []string
	slugs   []string          // in level order once sorted is set
	files   map[string]string // slug -> path in fsys
	title   string
	orderBy string
	levels  map[string]*Level
	// sorted says slugs are in level order; sortErr is why they could
	// not be put in order.
	sorted  bool
	sortErr error
	// allowEmpty says a folder without level pages is no error
	// (WithEmptyFolder).
	allowEmpty bool
	// unlisted are the levels _index.md's list leaves out, when the order
	// comes from it.
	unlisted []string
	// base is the loader whose levels may be reused (WithBaseline);
	// pages and tried record, for a loader used as one, the lines of
	// each page read and the include files each level tried to read.
	base  *Loader
	pages map[string][]string
	tried map[string][]includeRef
	// reader reads other shapes (WithReader); shape is the shape it read
	// and alias maps "track/level" names to slugs (reader.go).
	reader Reader
	shape  string
	alias  [][2]string
	// credit is the framework's Credit (ladder.yaml's credit field).
	credit string
	// read reads fsys; the reader's reads are kept there for the pages.
	read *Files
}

// NewLoader lists the level pages of the framework folder dir in fsys.
// Their order is worked out when first needed (see Slugs).
func NewLoader(fsys fs.FS, dir string, opts ...Option) (*Loader, error) {
	dir = path.Clean(dir)
	ld := &Loader{fsys: fsys, dir: dir, limits: DefaultLimits, files: map[string]string{}, levels: map[string]*Level{},
		pages: map[string][]string{}, tried: map[string][]includeRef{}, read: NewFiles(fsys)}
	for _, o := range opts {
		o(ld)
	}
	if ld.reader != nil {
		if ok, err := ld.fromReader(); err != nil || ok {
			if err != nil {
				return nil, err
			}
			return ld, nil
		}
	}
	if ld.inc == nil {
		ld.inc = &includer{}
		if root := findIncludes(fsys, dir); root != "" {
			ld.inc = &includer{fsys: fsys, root: root, display: root}
		}
	}
	ld.inc.limits = ld.limits
	if err := ld.list(); err != nil {
		return nil, err
	}
	return ld, nil
}

// Load reads every level page of the framework folder dir.
func Load(fsys fs.FS, dir string, opts ...Option) (*Framework, error) {
	ld, err := NewLoader(fsys, dir, opts...)
	if err != nil {
		return nil, err
	}
	return ld.Framework()
}

// findIncludes walks up from dir to the first folder with assets/includes.
func findIncludes(fsys fs.FS, dir string) string {
	for d := dir; ; d = path.Dir(d) {
		cand := path.Join(d, "assets", "includes")
		if st, err := fs.Stat(fsys, cand); err == nil && st.IsDir() {
			return cand
		}
		if d == "." || d == "/" {
			return ""
		}
	}
}

// Dir is the framework folder in the loader's FS.
func (ld *Loader) Dir() string { return ld.dir }

// FS is the file system the loader reads.
func (ld *Loader) FS() fs.FS { return ld.fsys }

// Limits are the limits the loader reads within.
func (ld *Loader) Limits() Limits { return ld.limits }

// Slugs returns the level slugs in level order. The error is a problem
// reading the order from _index.md.
func (ld *Loader) Slugs() ([]string, error) {
	if err := ld.ensureOrder(); err != nil {
		return nil, err
	}
	return append([]string(nil), ld.slugs...), nil
}

// ensureOrder puts the slugs in level order, once.
func (ld *Loader) ensureOrder() error {
	if !ld.sorted {
		ld.sorted = true
		ld.sortErr = ld.sortLevels()
	}
	return ld.sortErr
}

// Department returns a loader for a sibling framework folder (another
// department under the same parent), sharing include files and options.
func (ld *Loader) Department(name string) (*Loader, error) {
	dir := path.Join(path.Dir(ld.dir), name)
	if !fs.ValidPath(dir) || strings.HasPrefix(name, "..") {
		return nil, &Error{Code: "bad-ref", Err: errors.New("department " + name + " is outside the site")}
	}
	return ld.derive(dir)
}

func (ld *Loader) list() error {
	entries, err := fs.ReadDir(ld.fsys, ld.dir)
	if err != nil {
		e := openError(Source{File: ld.dir}, err)
		if e.Code == "not-found" {
			e.Err = errors.New("framework folder does not exist")
		} else if strings.Contains(err.Error(), "not a directory") {
			e.Code, e.Err = "not-a-folder", errors.New("not a folder")
		}
		return e
	}
	lower := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !isLevelPage(name) {
			continue
		}
		base := name[:len(name)-3]
		slug := strings.ToLower(base)
		if prev, ok := lower[slug]; ok {
			return errorf(Source{File: path.Join(ld.dir, name)}, "duplicate-level", "level %q is also defined by %s", slug, prev)
		}
		lower[slug] = path.Join(ld.dir, name)
		ld.files[slug] = path.Join(ld.dir, name)
		ld.slugs = append(ld.slugs, slug)
	}
	if len(ld.slugs) == 0 && !ld.allowEmpty {
		return &Error{Source: Source{File: ld.dir}, Code: "no-levels", Err: noLevels(ld.fsys, ld.dir)}
	}
	if len(ld.order) > 0 {
		// A bad --order is an error whatever the command.
		return ld.ensureOrder()
	}
	return nil
}

// builtinOrder ranks common level names.
var builtinOrder = []string{"intern", "apprentice", "junior", "associate", "intermediate", "mid", "senior", "lead", "staff", "senior staff", "principal", "senior principal", "distinguished", "fellow", "engineering fellow"}

func builtinRank(slug string) int {
	name := strings.ToLower(slugName(slug))
	for i, n := range builtinOrder {
		if n == name {
			return i
		}
	}
	return len(builtinOrder)
}

// orderRefs resolves the level order's references (WithOrder) to slugs,
// each once, in order: by slug or name (lookup), and with names set also
// by the display name or title of a level read (byName: the levels of a
// framework a reader read are all read up front).
func (ld *Loader) orderRefs(names bool) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, ref := range ld.order {
		if strings.TrimSpace(ref) == "" {
			continue
		}
		slug, ok := ld.lookup(ref)
		if !ok && names {
			slug, ok = ld.byName(ref)
		}
		if !ok {
			e := ld.notFound(strings.TrimSpace(ref))
			e.Where = "in the level order"
			return nil, e
		}
		if !seen[slug] {
			seen[slug] = true
			out = append(out, slug)
		}
	}
	return out, nil
}

func (ld *Loader) sortLevels() error {
	sort.SliceStable(ld.slugs, func(i, j int) bool {
		ri, rj := builtinRank(ld.slugs[i]), builtinRank(ld.slugs[j])
		if ri != rj {
			return ri < rj
		}
		return ld.slugs[i] < ld.slugs[j]
	})
	ld.orderBy = "filename"
	for _, s := range ld.slugs {
		if builtinRank(s) < len(builtinOrder) {
			ld.orderBy = "builtin"
		}
	}
	var wanted []string
	if len(ld.order) > 0 {
		var err error
		if wanted, err = ld.orderRefs(false); err != nil {
			return err
		}
		ld.orderBy = "flag"
	} else {
		idx, title, err := ld.indexOrder()
		if err != nil {
			return err
		}
		ld.title = title
		if len(idx) > 0 {
			wanted = idx
			ld.orderBy = "index"
			for _, s := range ld.slugs {
				if !slices.Contains(idx, s) {
					ld.unlisted = append(ld.unlisted, s)
				}
			}
		} else if ld.sortByWeight() {
			ld.orderBy = "weight"
		}
	}
	if len(wanted) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, s := range wanted {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	// Levels the order does not name go where their built-in rank puts
	// them: before the first named level that ranks above them.
	for _, s := range ld.slugs {
		if seen[s] {
			continue
		}
		at := len(out)
		if r := builtinRank(s); r < len(builtinOrder) {
			for i, o := range out {
				if builtinRank(o) > r && builtinRank(o) < len(builtinOrder) {
					at = i
					break
				}
			}
		}
		out = append(out[:at], append([]string{s}, out[at:]...)...)
	}
	ld.slugs = out
	return nil
}

// sortByWeight orders the levels by their pages' Hugo weight front
// matter, as Hugo lists them: pages with a weight first, by weight, then
// the others in the order they had. It reports false, leaving the order
// alone, when no page sets a weight. A page whose front matter does not
// read has no weight here; parsing it reports the error.
func (ld *Loader) sortByWeight() bool {
	weight := map[string]float64{}
	for _, s := range ld.slugs {
		lines, err := ld.readLines(ld.files[s])
		if err != nil {
			continue
		}
		ld.pages[ld.files[s]] = lines // read once: readPage takes them
		if fm, _, _, err := splitFrontMatter(lines, ld.files[s]); err == nil && fm.HasWeight {
			weight[s] = fm.Weight
		}
	}
	if len(weight) == 0 {
		return false
	}
	sort.SliceStable(ld.slugs, func(i, j int) bool {
		wi, oki := weight[ld.slugs[i]]
		wj, okj := weight[ld.slugs[j]]
		if oki != okj {
			return oki
		}
		return oki && wi < wj
	})
	return true
}

// indexOrder reads the level order from the folder's _index.md: the level
// pages its lists name, by link or by plain name, in order.
func (ld *Loader) indexOrder() ([]string, string, error) {
	name := path.Join(ld.dir, "_index.md")
	if _, err := fs.Stat(ld.fsys, name); err != nil {
		return nil, "", nil
	}
	lines, err := ld.readLines(name)
	if err != nil {
		return nil, "", err
	}
	fm, body, first, err := splitFrontMatter(lines, name)
	if err != nil {
		return nil, "", err
	}
	fr := &frame{file: name}
	ls := make([]line, len(body))
	for i, t := range body {
		ls[i] = line{text: t, src: Source{File: name, Line: first + i}, frame: fr}
	}
	var order []string
	seen := map[string]bool{}
	var walk func(items []*rawItem)
	walk = func(items []*rawItem) {
		for _, it := range items {
			md := strings.Join(it.lines, " ")
			slug := ""
			if _, target, ok := firstLink(md); ok && !strings.HasPrefix(target, "#") {
				if s := slugFromLink(target); ld.files[s] != "" {
					slug = s
				}
			}
			if slug == "" {
				if s, ok := ld.lookup(plainText(md)); ok {
					slug = s
				}
			}
			if slug != "" && !seen[slug] {
				seen[slug] = true
				order = append(order, slug)
			}
			walk(it.children)
		}
	}
	for _, b := range parseBlocks(ls, ld.limits.MaxNesting) {
		if b.kind == blockList {
			walk(b.items)
		}
	}
	return order, fm.Title, nil
}

// firstLink finds the first [text](target) in Markdown.
func firstLink(md string) (text, target string, ok bool) {
	i := strings.Index(md, "](")
	if i < 0 {
		return "", "", false
	}
	j := strings.LastIndexByte(md[:i], '[')
	k := strings.IndexByte(md[i+2:], ')')
	if j < 0 || k < 0 {
		return "", "", false
	}
	return md[j+1 : i], md[i+2 : i+2+k], true
}

// slugName turns a slug into a display name: "senior-staff" -> "Senior Staff".
func slugName(slug string) string {
	words := strings.FieldsFunc(slug, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// lookup matches a reference against slugs and slug-derived names
// without parsing pages.
func (ld *Loader) lookup(ref string) (string, bool) {
	r := strings.ToLower(strings.TrimSpace(ref))
	r = strings.TrimSuffix(r, ".md")
	if _, ok := ld.files[r]; ok {
		return r, true
	}
	if s, ok := ld.resolveAlias(r); ok {
		return s, true
	}
	norm := strings.Join(strings.FieldsFunc(r, func(c rune) bool { return c == '-' || c == '_' || c == ' ' }), " ")
	match := func() (string, int) {
		first, n := "", 0
		for _, s := range ld.slugs {
			if strings.ToLower(slugName(s)) == norm {
				if n == 0 {
					first = s
				}
				n++
			}
		}
		return first, n
	}
	s, n := match()
	if n > 1 && !ld.sorted {
		// Two pages share the name ("senior-eng", "senior_eng"): the
		// first in level order wins, so the order is needed after all.
		ld.ensureOrder()
		s, _ = match()
	}
	return s, n > 0
}

func (ld *Loader) notFound(ref string) *LevelNotFoundError {
	ld.ensureOrder() // for the list of levels; a broken order is not this error
	e := &LevelNotFoundError{Ref: ref, Levels: append([]string(nil), ld.slugs...)}
	best, bestD := "", 1<<30
	r := strings.ToLower(ref)
	for _, s := range ld.slugs {
		d := editDistance(r, s)
		if d < bestD {
			best, bestD = s, d
		}
	}
	if best != "" && bestD <= max(2, len(best)/3) {
		e.Closest = best
	}
	return e
}

// Resolve finds the slug of a level reference: a slug or a name, in any
// case. Names from the pages' titles are tried when slugs and slug-derived
// names do not match.
func (ld *Loader) Resolve(ref string) (string, error) {
	if slug, ok := ld.lookup(ref); ok {
		return slug, nil
	}
	if err := ld.ensureOrder(); err != nil {
		return "", err
	}
	if slug, ok := ld.byName(ref); ok {
		return slug, nil
	}
	return "", ld.notFound(ref)
}

// Level parses (once) and returns the level with the given slug.
func (ld *Loader) Level(slug string) (*Level, error) {
	lvs, err := ld.Levels(slug)
	if err != nil {
		return nil, err
	}
	return lvs[0], nil
}

// Levels parses (once) and returns the levels with the given slugs, in
// that order, or the error of the first that cannot be read or have its
// includes expanded (the Markdown parse itself cannot fail). Pages are
// read and their includes expanded one after the other, as those share
// the loader's caches; each page's Markdown, most of the time a large
// page takes and touching nothing but the page's own lines, is parsed on
// a goroutine of its own while the next page is read, so two levels of
// 10,000 items load in little more than the time of one on two
// processors.
func (ld *Loader) Levels(slugs ...string) ([]*Level, error) {
	var wg sync.WaitGroup
	var parsed []*expanded
	// finish waits for the parses and keeps their levels. It runs on an
	// error too: no parse outlives the call, and a caller going on level
	// by level does not parse those levels again.
	finish := func() {
		wg.Wait()
		for _, e := range parsed {
			ld.levels[e.lv.Slug] = e.lv
		}
	}
	defer finish()
	// At most one page per processor at a time, and never more than
	// maxParsing: each page's Markdown tree (about five times the page)
	// is garbage once built, and a framework of many large levels need
	// not hold all their trees at once, however many processors there are.
	slots := make(chan struct{}, min(runtime.GOMAXPROCS(0), maxParsing))
	queued := map[string]bool{}
	for _, slug := range slugs {
		if _, ok := ld.levels[slug]; ok || queued[slug] {
			continue
		}
		file, ok := ld.files[slug]
		if !ok {
			return nil, ld.notFound(slug)
		}
		lv, e, err := ld.readPage(slug, file)
		if err != nil {
			return nil, err
		}
		if lv != nil {
			ld.levels[slug] = lv
			continue
		}
		queued[slug] = true
		parsed = append(parsed, e)
		if e.size < parseAlone {
			// A page of the usual size parses in less time than a
			// goroutine on another thread takes to start.
			e.build(ld.limits)
			continue
		}
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			e.build(ld.limits)
		}()
	}
	finish()
	out := make([]*Level, len(slugs))
	for i, slug := range slugs {
		out[i] = ld.levels[slug]
	}
	return out, nil
}

// parseAlone is the expanded size under which Levels parses a page on
// the calling goroutine: real level pages (a few kB to a few dozen, with
// their includes) parse in well under a millisecond, less than starting
// another thread costs a fresh process (about 80 more pages of memory).
const parseAlone = 64 << 10

// maxParsing is how many pages Levels parses at once at most: the
// memory a load can take is bounded by that many pages at the size limit
// (Limits.MaxFileSize), not by the machine's processor count.
const maxParsing = 4

// header is the framework without its levels, once the order is known.
func (ld *Loader) header() *Framework {
	return &Framework{Dir: ld.dir, Title: ld.title, Order: ld.orderBy, Shape: ld.shape, Credit: ld.credit, Unlisted: append([]string{}, ld.unlisted...)}
}

// Title is the framework's title (from _index.md), once the level order
// is known: the error is the order's.
func (ld *Loader) Title() (string, error) {
	if err := ld.ensureOrder(); err != nil {
		return "", err
	}
	return ld.title, nil
}

// Framework parses every level page.
func (ld *Loader) Framework() (*Framework, error) {
	if err := ld.ensureOrder(); err != nil {
		return nil, err
	}
	f := ld.header()
	lvs, err := ld.Levels(ld.slugs...)
	if err != nil {
		return nil, err
	}
	f.Levels = lvs
	return f, nil
}

// FrameworkLenient parses every level page it can: a page that does not
// parse is left out of the framework and its error is returned, with the
// others', in level order. ladder lint reports them and goes on.
func (ld *Loader) FrameworkLenient() (*Framework, []error, error) {
	if err := ld.ensureOrder(); err != nil {
		return nil, nil, err
	}
	f := ld.header()
	var errs []error
	for _, s := range ld.slugs {
		lv, err := ld.Level(s)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		f.Levels = append(f.Levels, lv)
	}
	return f, errs, nil
}

// ParsePage parses one page's content as a level page; file names it in
// positions. Includes are not resolved. It is the parser's entry point for
// tests and fuzzing.
func ParsePage(content []byte, file string) (*Level, error) {
	ld := &Loader{limits: DefaultLimits, inc: &includer{limits: DefaultLimits}}
	slug := strings.ToLower(strings.TrimSuffix(path.Base(file), ".md"))
	return ld.parseContent(slug, file, content, nil)
}

// readLines reads a page of the framework folder (taking what the
// reader read of it) and splits it into lines.
func (ld *Loader) readLines(file string) ([]string, error) {
	data, err := ld.read.Take(file, file, ld.limits.MaxFileSize)
	if err != nil {
		return nil, err
	}
	return splitText(data, file, true)
}

// readPage reads a level page and expands its includes: it returns the
// baseline's level when that can be reused (WithBaseline), else the page
// ready for its Markdown to be parsed.
func (ld *Loader) readPage(slug, file string) (*Level, *expanded, error) {
	lines, ok := ld.pages[file] // read already when the order came from weights
	if !ok {
		var err error
		if lines, err = ld.readLines(file); err != nil {
			return nil, nil, err
		}
		ld.pages[file] = lines
	}
	if lv := ld.reuse(slug, file, lines); lv != nil {
		return lv, nil, nil
	}
	e, err := ld.expandContent(slug, file, nil, lines)
	return nil, e, err
}

// reuse returns the baseline's level for slug if parsing it here would
// give the same level: same page file with the same lines, the same
// limits and include folder, and every include the baseline's parse
// tried to read reads the same here (the same lines, or missing in both).
func (ld *Loader) reuse(slug, file string, lines []string) *Level {
	b := ld.base
	if b == nil {
		return nil
	}
	prev, ok := b.levels[slug]
	if !ok || prev.File != file || b.limits != ld.limits ||
		b.inc.root != ld.inc.root || b.inc.display != ld.inc.display || (b.inc.fsys == nil) != (ld.inc.fsys == nil) ||
		!slices.Equal(b.pages[file], lines) {
		return nil
	}
	tried := b.tried[slug]
	for _, ref := range tried {
		was, ok := b.inc.cache[ref.name]
		if !ok {
			return nil
		}
		now, err := ld.inc.read(ref.name, ref.display)
		if !sameRead(was.lines, was.err, now, err) {
			return nil
		}
	}
	ld.tried[slug] = tried
	return prev
}

// sameRead reports whether two reads of an include file gave the same
// lines, or both found no file.
func sameRead(a []string, aErr error, b []string, bErr error) bool {
	if aErr != nil || bErr != nil {
		var ae, be *Error
		return errors.As(aErr, &ae) && errors.As(bErr, &be) && ae.Code == "not-found" && be.Code == "not-found"
	}
	return slices.Equal(a, b)
}

// parseContent parses a level page's content (or its lines) whole.
func (ld *Loader) parseContent(slug, file string, content []byte, lines []string) (*Level, error) {
	e, err := ld.expandContent(slug, file, content, lines)
	if err != nil {
		return nil, err
	}
	e.build(ld.limits)
	return e.lv, nil
}

// expanded is a level page read, with its front matter and includes
// expanded; build parses its Markdown into the level's pillars.
type expanded struct {
	lv   *Level
	name string // the level's name for itself, from the page (levelName)
	out  []line // the expanded lines
	size int64  // their size, as the expansion counts it
}

// expandContent reads a level page's front matter and expands its
// includes, through the loader's include cache.
func (ld *Loader) expandContent(slug, file string, content []byte, lines []string) (*expanded, error) {
	if content != nil {
		var err error
		if lines, err = splitText(content, file, false); err != nil {
			return nil, err
		}
	}
	fm, body, first, err := splitFrontMatter(lines, file)
	if err != nil {
		return nil, err
	}
	lv := &Level{Slug: slug, Name: slugName(slug), Title: fm.Title, Description: fm.Description, File: file,
		Inherits: []string{}, TOC: []TOCEntry{}, Warnings: []Warning{}, Pillars: []*Pillar{}}
	if lv.Name == "" {
		lv.Name = slug
	}
	// Room for the page's own lines; includes grow it.
	exp := &expansion{inc: ld.inc, out: make([]line, 0, len(body))}
	if err := exp.expand(body, first, &frame{file: file}); err != nil {
		return nil, err
	}
	if ld.tried != nil {
		ld.tried[slug] = exp.tried
	}
	lv.Warnings = append(lv.Warnings, exp.warnings...)
	lv.Includes = append([]string{}, exp.includes...)
	return &expanded{lv: lv, name: levelName(slug, fm, body), out: exp.out, size: exp.size}, nil
}

// build parses the expanded page's Markdown into its level's pillars and
// items, then lets the page's lines go. It touches only the page's own
// level and lines, so the pages of several levels build at once (Levels).
func (e *expanded) build(limits Limits) {
	lv := e.lv
	buildLevel(lv, parseBlocks(e.out, limits.MaxNesting), limits)
	e.out = nil
	// Pillar names are cut with the slug-derived name above; the level is
	// shown with the page's own name for itself.
	if !strings.EqualFold(e.name, lv.Name) {
		lv.Name = e.name
	}
	for _, p := range lv.Pillars {
		if p.Items == nil {
			p.Items = []*Item{}
		}
	}
}

// editDistance is the Levenshtein distance between two strings.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// levelName is a level's display name: the page's own name for itself —
// front matter linkTitle, else its title, else its first heading — with
// the framework's name cut off ("Engineering Career Framework: Senior",
// "Senior - Platform Engineering Career Framework" → "Senior"); the slug
// as words when the page names itself nowhere. So support's csr.md is
// "Customer Support Representative", not "Csr".
func levelName(slug string, fm frontMatter, body []string) string {
	if fm.LinkTitle != "" {
		return fm.LinkTitle
	}
	own := slugName(slug)
	if n := nameFromTitle(fm.Title, own); n != "" {
		return n
	}
	for _, l := range body {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "{{") {
			continue
		}
		if h, ok := strings.CutPrefix(t, "# "); ok {
			if n := nameFromTitle(plainText(strings.TrimSpace(h)), own); n != "" {
				return n
			}
		}
		break // the page starts with something other than its title
	}
	if own == "" {
		return slug
	}
	return own
}

// nameFromTitle cuts a level's name out of a page title split at ": "
// and " - ": the part that spells the slug-derived name own, else the
// part after the last ": ", else the first; a title without separators
// is the name. Titles too long to be a name give "".
func nameFromTitle(title, own string) string {
	title = strings.TrimSpace(title)
	var parts []string
	for _, p := range strings.Split(title, ": ") {
		parts = append(parts, strings.Split(p, " - ")...)
	}
	name := ""
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if own != "" && strings.Contains(strings.ToLower(p), strings.ToLower(own)) {
			name = p
			break
		}
	}
	if name == "" {
		name = parts[0]
		if i := strings.LastIndex(title, ": "); i >= 0 {
			name, _, _ = strings.Cut(title[i+2:], " - ")
		}
		name = strings.TrimSpace(name)
	}
	if name == "" || len([]rune(name)) > 60 {
		return ""
	}
	return name
}
