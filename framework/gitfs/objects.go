package gitfs

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	gogitsync "github.com/go-git/go-git/v5/utils/sync"
)

const (
	// streamThreshold is the size over which an object's content is
	// streamed as it is read, not inflated whole first, so a huge blob
	// costs nothing when the loader refuses it by its size.
	streamThreshold = 1 << 20
	// maxInMemory bounds an object (or delta base) read whole into
	// memory, so a corrupt size in a header cannot exhaust memory.
	maxInMemory = 512 << 20
	// maxAlternatesDepth bounds chains of objects/info/alternates, as
	// in git, which ignores alternates nested deeper.
	maxAlternatesDepth = 5
	// maxAlternates bounds the alternate object folders of a repository,
	// all alternates files together: each is read once, however many
	// times it is named, but a repository of thousands could still
	// make each missing object a walk through thousands of folders.
	maxAlternates = 64
)

// errObjectNotFound says an object is in none of the object folders.
var errObjectNotFound = errors.New("object not found")

// object is an object found in the database: its type and size come
// from its header, and its content is inflated only as it is read.
// Close releases it, whether or not it was read.
type object struct {
	typ  plumbing.ObjectType
	size int64
	io.ReadCloser
}

// objectDB reads the objects of an objects folder: loose objects, packs,
// and the object folders its info/alternates file names.
type objectDB struct {
	dir       string
	depth     int          // of alternates: 0 for the repository's own folder
	cache     *objectCache // shared with the alternates
	folders   *folderSet   // shared with the alternates
	packFiles *packFiles   // shared with the alternates

	mu         sync.Mutex // guards what follows
	packs      []*pack    // listed on first use
	listed     bool
	alternates []*objectDB // read on first miss
	altsRead   bool
	altsErr    error // of reading the alternates file, kept
}

// newObjectDB reads the objects folder dir.
func newObjectDB(dir string) *objectDB {
	folders := &folderSet{seen: map[string]bool{filepath.Clean(dir): true}}
	return &objectDB{dir: dir, cache: newObjectCache(objectCacheBytes), folders: folders, packFiles: newPackFiles(maxOpenPacks)}
}

// folderSet is the object folders of a repository met so far: its own
// and its alternates, by cleaned absolute path, so that each is read
// once however many alternates files name it, and how many of them
// there are is bounded.
type folderSet struct {
	mu   sync.Mutex
	seen map[string]bool
}

// add records the object folder dir, reporting whether it is new: an
// alternate folder named again, or the repository's own, is not. Over
// maxAlternates folders, it is an error.
func (s *folderSet) add(dir string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen[dir] {
		return false, nil
	}
	if len(s.seen) > maxAlternates {
		return false, fmt.Errorf("more than %d alternate object folders", maxAlternates)
	}
	s.seen[dir] = true
	return true, nil
}

// read returns the type and whole content of object h, which the
// caller must not change: it may be kept in the cache.
func (db *objectDB) read(h plumbing.Hash) (plumbing.ObjectType, []byte, error) {
	if typ, data, ok := db.cache.get(byHash(h)); ok {
		return typ, data, nil
	}
	o, err := db.open(h)
	if err != nil {
		return 0, nil, err
	}
	defer o.Close()
	if o.size > maxInMemory {
		return 0, nil, fmt.Errorf("object %s: %d bytes, over the %d bytes read whole", h, o.size, maxInMemory)
	}
	data, err := readAllSized(o, o.size, h)
	if err != nil {
		return 0, nil, err
	}
	db.cache.put(byHash(h), o.typ, data)
	return o.typ, data, nil
}

// readAllSized reads the content of object h from r to its end,
// expecting size bytes. The buffer grows with what is read, not with the
// size claimed. Errors of r name the object already.
func readAllSized(r io.Reader, size int64, h plumbing.Hash) ([]byte, error) {
	buf := make([]byte, 0, min(size, streamThreshold)+1)
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if int64(len(buf)) > size {
			return nil, fmt.Errorf("object %s: content longer than the %d bytes its header says", h, size)
		}
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, min(len(buf), int(size)-len(buf)+1))
		}
	}
	if int64(len(buf)) != size {
		return nil, fmt.Errorf("object %s: content of %d bytes, not the %d its header says", h, len(buf), size)
	}
	return buf, nil
}

// open finds object h and reads its header (or finds it in the cache).
// The caller must close it.
func (db *objectDB) open(h plumbing.Hash) (*object, error) {
	if typ, data, ok := db.cache.get(byHash(h)); ok {
		return &object{typ: typ, size: int64(len(data)), ReadCloser: io.NopCloser(bytes.NewReader(data))}, nil
	}
	o, err := db.openHere(h)
	if !errors.Is(err, errObjectNotFound) {
		return o, err
	}
	alts, err := db.alternateDBs()
	if err != nil {
		return nil, fmt.Errorf("object %s: %w", h, err)
	}
	for _, alt := range alts {
		if o, err := alt.open(h); !errors.Is(err, errObjectNotFound) {
			return o, err
		}
	}
	return nil, fmt.Errorf("object %s: %w", h, errObjectNotFound)
}

// openHere finds object h in this folder: in packs first if there are
// any, as most objects of a packed repository are there, then loose.
func (db *objectDB) openHere(h plumbing.Hash) (*object, error) {
	packs, err := db.packList()
	if err != nil {
		return nil, err
	}
	for _, p := range packs {
		o, err := p.open(h)
		if !errors.Is(err, errObjectNotFound) {
			return o, err
		}
	}
	return db.openLoose(h)
}

// has reports whether object h exists, without reading it.
func (db *objectDB) has(h plumbing.Hash) (bool, error) {
	packs, err := db.packList()
	if err != nil {
		return false, err
	}
	for _, p := range packs {
		if _, ok, err := p.find(h); ok || err != nil {
			return ok, err
		}
	}
	if _, err := os.Stat(db.loosePath(h)); err == nil {
		return true, nil
	}
	alts, err := db.alternateDBs()
	if err != nil {
		return false, fmt.Errorf("object %s: %w", h, err)
	}
	for _, alt := range alts {
		if ok, err := alt.has(h); ok || err != nil {
			return ok, err
		}
	}
	return false, nil
}

// withPrefix returns the objects whose hash starts with the lower-case
// hexadecimal prefix (4 to 39 digits), loose or packed, each once.
func (db *objectDB) withPrefix(prefix string) ([]plumbing.Hash, error) {
	seen := map[plumbing.Hash]bool{}
	if err := db.collectPrefix(prefix, seen); err != nil {
		return nil, err
	}
	found := make([]plumbing.Hash, 0, len(seen))
	for h := range seen {
		found = append(found, h)
	}
	slices.SortFunc(found, func(a, b plumbing.Hash) int { return bytes.Compare(a[:], b[:]) })
	return found, nil
}

// collectPrefix adds to seen the objects of this folder and its
// alternates whose hash starts with prefix.
func (db *objectDB) collectPrefix(prefix string, seen map[plumbing.Hash]bool) error {
	packs, err := db.packList()
	if err != nil {
		return err
	}
	for _, p := range packs {
		if err := p.withPrefix(prefix, seen); err != nil {
			return err
		}
	}
	if err := db.looseWithPrefix(prefix, seen); err != nil {
		return err
	}
	alts, err := db.alternateDBs()
	if err != nil {
		return err
	}
	for _, alt := range alts {
		if err := alt.collectPrefix(prefix, seen); err != nil {
			return err
		}
	}
	return nil
}

// loosePath is where the loose object h would be.
func (db *objectDB) loosePath(h plumbing.Hash) string {
	hx := h.String()
	return filepath.Join(db.dir, hx[:2], hx[2:])
}

// openLoose opens the loose object h and reads its header.
func (db *objectDB) openLoose(h plumbing.Hash) (*object, error) {
	f, _, err := openRegular(db.loosePath(h))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("object %s: %w", h, errObjectNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("object %s: %w", h, err)
	}
	o, err := db.looseObject(f, h)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("object %s: loose object %s: %w", h, f.Name(), err)
	}
	return o, nil
}

// looseObject reads the header of the loose object h in f. Its content
// is inflated as it is read and checked against its hash at the end; an
// object up to streamThreshold is read whole on the first Read, and kept.
func (db *objectDB) looseObject(f *os.File, h plumbing.Hash) (*object, error) {
	z, err := gogitsync.GetZlibReader(bufio.NewReader(f))
	if err != nil {
		gogitsync.PutZlibReader(z)
		return nil, err
	}
	typ, size, err := readLooseHeader(z.Reader)
	if err != nil {
		gogitsync.PutZlibReader(z)
		return nil, err
	}
	hasher := plumbing.NewHasher(typ, size)
	zr := io.TeeReader(z.Reader, hasher)
	sr := &sizedReader{r: zr, left: size, name: "object " + h.String(), check: func() error {
		if got := hasher.Sum(); got != h {
			return fmt.Errorf("content hashes to %s", got)
		}
		return nil
	}, close: func() error {
		gogitsync.PutZlibReader(z)
		return f.Close()
	}}
	if size > streamThreshold {
		return &object{typ: typ, size: size, ReadCloser: sr}, nil
	}
	whole := &lazyReader{release: sr.Close, open: func() (io.ReadCloser, error) {
		defer sr.Close()
		data, err := readAllSized(sr, size, h)
		if err != nil {
			return nil, err
		}
		db.cache.put(byHash(h), typ, data)
		return io.NopCloser(bytes.NewReader(data)), nil
	}}
	return &object{typ: typ, size: size, ReadCloser: whole}, nil
}

// maxLooseHeader bounds the header of a loose object, "TYPE SIZE\0":
// "commit" and a size of 19 digits take 27 bytes.
const maxLooseHeader = 32

// readLooseHeader reads the header of a loose object, "TYPE SIZE\0",
// from its inflated stream: at most maxLooseHeader bytes, so that an
// object whose header never ends costs nothing.
func readLooseHeader(r io.Reader) (plumbing.ObjectType, int64, error) {
	var buf [maxLooseHeader]byte
	for n := range buf {
		if _, err := io.ReadFull(r, buf[n:n+1]); err != nil {
			return 0, 0, fmt.Errorf("header: %w", noEOF(err))
		}
		if buf[n] == 0 {
			return parseLooseHeader(buf[:n])
		}
	}
	return 0, 0, fmt.Errorf("header longer than %d bytes: %q", maxLooseHeader, buf[:])
}

// parseLooseHeader decodes "TYPE SIZE" (without its NUL): a commit,
// tree, blob or tag, and a size in decimal.
func parseLooseHeader(hdr []byte) (plumbing.ObjectType, int64, error) {
	t, sz, _ := bytes.Cut(hdr, []byte(" "))
	typ, err := plumbing.ParseObjectType(string(t))
	if err != nil || typ == plumbing.OFSDeltaObject || typ == plumbing.REFDeltaObject {
		return 0, 0, fmt.Errorf("malformed header %q: bad type", hdr)
	}
	size := int64(0)
	for _, c := range sz {
		if c < '0' || c > '9' || size > (1<<62)/10 {
			return 0, 0, fmt.Errorf("malformed header %q: bad size", hdr)
		}
		size = size*10 + int64(c-'0')
	}
	if len(sz) == 0 {
		return 0, 0, fmt.Errorf("malformed header %q: no size", hdr)
	}
	return typ, size, nil
}

// looseWithPrefix adds to seen the loose objects whose hash starts with
// prefix: the names in the folder named by its first two digits.
func (db *objectDB) looseWithPrefix(prefix string, seen map[plumbing.Hash]bool) error {
	names, err := os.ReadDir(filepath.Join(db.dir, prefix[:2]))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range names {
		if h, ok := parseHash(prefix[:2] + e.Name()); ok && strings.HasPrefix(h.String(), prefix) {
			seen[h] = true
		}
	}
	return nil
}

// packList lists the packs of this folder once: each .idx with its .pack.
func (db *objectDB) packList() ([]*pack, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.listed {
		return db.packs, nil
	}
	db.listed = true
	dir := filepath.Join(db.dir, "pack")
	names, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	for _, e := range names {
		base, ok := strings.CutSuffix(e.Name(), ".idx")
		if !ok || !strings.HasPrefix(base, "pack-") {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, base+".pack")); err == nil {
			db.packs = append(db.packs, newPack(filepath.Join(dir, base), db.cache, db.packFiles))
		}
	}
	return db.packs, nil
}

// alternateDBs returns the object folders objects/info/alternates
// names, read on first use: those not met before in the repository (see
// folderSet). An alternate folder that does not exist is skipped, as in
// git; an alternates file that cannot be read, or that takes the
// repository over maxAlternates folders, is an error naming it, every
// time it is needed.
func (db *objectDB) alternateDBs() ([]*objectDB, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.altsRead || db.depth >= maxAlternatesDepth {
		return db.alternates, db.altsErr
	}
	db.altsRead = true
	name := filepath.Join(db.dir, "info", "alternates")
	data, err := readSmall(name, maxAlternatesFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		db.altsErr = err
		return nil, err
	}
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if !filepath.IsAbs(line) {
			line = filepath.Join(db.dir, line) // relative to the objects folder
		}
		line = filepath.Clean(line)
		added, err := db.folders.add(line)
		if err != nil {
			db.altsErr = fmt.Errorf("%s: %w", name, err)
			return db.alternates, db.altsErr
		}
		if !added {
			continue
		}
		if st, err := os.Stat(line); err != nil || !st.IsDir() {
			continue
		}
		db.alternates = append(db.alternates, &objectDB{dir: line, depth: db.depth + 1, cache: db.cache, folders: db.folders, packFiles: db.packFiles})
	}
	return db.alternates, nil
}

// sizedReader reads an object's content, which must be exactly left
// bytes long; at its end it runs check (for a hash). Its errors start
// with name, the object's.
type sizedReader struct {
	r     io.Reader
	left  int64
	name  string
	check func() error
	close func() error
	err   error // sticky, once the end or a failure is reached
}

// Read implements io.Reader.
func (s *sizedReader) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.left == 0 {
		s.err = s.atEnd()
		if s.err != io.EOF {
			s.err = fmt.Errorf("%s: %w", s.name, s.err)
		}
		return 0, s.err
	}
	if int64(len(p)) > s.left {
		p = p[:s.left]
	}
	n, err := s.r.Read(p)
	s.left -= int64(n)
	switch {
	case err == io.EOF && s.left > 0:
		s.err = fmt.Errorf("content ends %d bytes short of its size: %w", s.left, io.ErrUnexpectedEOF)
	case err != nil && err != io.EOF:
		s.err = err
	}
	if s.err != nil {
		s.err = fmt.Errorf("%s: %w", s.name, s.err)
		return n, s.err
	}
	return n, nil
}

// atEnd checks, once size bytes have been read, that the content ends
// there and passes check.
func (s *sizedReader) atEnd() error {
	var one [1]byte
	n, err := io.ReadAtLeast(s.r, one[:], 1)
	if n > 0 {
		return errors.New("content longer than its header says")
	}
	if err != io.EOF {
		return err
	}
	if s.check != nil {
		if err := s.check(); err != nil {
			return err
		}
	}
	return io.EOF
}

// Close releases what reading held; reading after is an error.
func (s *sizedReader) Close() error {
	s.err = fmt.Errorf("%s: read after close", s.name)
	if s.close == nil {
		return nil
	}
	err := s.close()
	s.close = nil
	return err
}

// hexPrefix splits a lower-case hexadecimal prefix into its whole bytes
// and, for an odd length, the high nibble of the next byte.
func hexPrefix(prefix string) (whole []byte, nibble byte, odd bool) {
	even := prefix[:len(prefix)&^1]
	whole, _ = hex.DecodeString(even)
	if len(prefix)%2 == 1 {
		b, _ := hex.DecodeString(prefix[len(prefix)-1:] + "0")
		return whole, b[0], true
	}
	return whole, 0, false
}
