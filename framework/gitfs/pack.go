package gitfs

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
)

// maxDeltaDepth bounds a chain of deltas, so a corrupt pack whose deltas
// loop (a ref-delta naming itself, or A on B on A) ends in an error. Git
// writes chains of at most 4095 (pack.depth's ceiling).
const maxDeltaDepth = 5000

// The depth of a chain bounds its steps, not its work: a 64 MiB blob of
// zeros, then 100 deltas each copying the whole of the one before, then
// a delta keeping 100 bytes, fit in a 70 KB pack, and took 3.6 s and
// 11 GB of allocations to read 100 bytes. So reading an object of S
// bytes may make (inflate or patch) at most deltaWorkAllowance +
// deltaWorkFactor*S bytes along its chain, and never over maxDeltaWork:
// the whole object at its bottom, and each delta and its result. Chains
// git writes stay well inside: its deltas are of versions of one file,
// a base at most 32 times its result's size, and chains of 50 by
// default (250 with an old gc --aggressive).
const (
	deltaWorkAllowance = 64 << 20
	deltaWorkFactor    = 256
	maxDeltaWork       = 2 * maxInMemory
)

// deltaBudget is the bytes that may be made along the delta chain of an
// object of size bytes.
func deltaBudget(size int64) int64 {
	return min(maxDeltaWork, deltaWorkAllowance+deltaWorkFactor*min(size, maxDeltaWork))
}

// errOverBudget says a delta chain makes more than its budget.
var errOverBudget = errors.New("over the delta chain's budget")

const (
	packHeaderLen  = 12 // "PACK", version, object count
	packTrailerLen = 20 // checksum of the pack
)

// pack is a pack file and its index, read on first use. The index stays
// in memory; the pack file is held open only while it is among the
// repository's most recently used (see packFiles), and opened again
// when needed. Its scanner reads headers and small objects, with mu
// held; large objects are streamed through scanners of their own, so
// they can be read while others are.
type pack struct {
	path  string // without the .idx or .pack extension
	cache *objectCache
	files *packFiles
	file  *packFile // if open; guarded by files.mu

	mu     sync.Mutex // guards what follows, and the scanner's position
	loaded bool
	err    error // of loading, kept
	idx    *idxfile.MemoryIndex
	cur    *packFile // between use and done
}

// newPack reads the pack at path (without extension) on first use,
// keeping inflated objects in cache and its file among files.
func newPack(path string, cache *objectCache, files *packFiles) *pack {
	return &pack{path: path, cache: cache, files: files}
}

// name is the pack's file name, for errors.
func (p *pack) name() string { return filepath.Base(p.path) + ".pack" }

// load reads the index and checks the pack against it, once. It must be
// called with p.mu held.
func (p *pack) load() error {
	if p.loaded {
		return p.err
	}
	p.loaded = true
	p.idx, p.err = readIdx(p.path + ".idx")
	if p.err == nil {
		var pf *packFile
		if pf, p.err = p.files.acquire(p); p.err == nil {
			p.files.release(pf)
		}
	}
	if p.err != nil {
		p.err = fmt.Errorf("%s: %w", p.name(), p.err)
	}
	return p.err
}

// use opens the pack file for header, deltaTargetSize and readRaw, until
// done. It must be called with p.mu held.
func (p *pack) use() error {
	if err := p.load(); err != nil {
		return err
	}
	pf, err := p.files.acquire(p)
	if err != nil {
		return fmt.Errorf("%s: %w", p.name(), err)
	}
	p.cur = pf
	return nil
}

// done ends what use began.
func (p *pack) done() {
	p.files.release(p.cur)
	p.cur = nil
}

// readIdx reads a version 2 pack index. Its size is checked against the
// object count its fan-out table claims before the decoder allocates for
// that count, so a truncated or corrupt index is an error, not a crash.
func readIdx(path string) (*idxfile.MemoryIndex, error) {
	f, st, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	const fanoutEnd = 8 + 256*4
	var head [fanoutEnd]byte
	if _, err := f.ReadAt(head[:], 0); err != nil {
		return nil, fmt.Errorf("index %s: truncated (%d bytes)", filepath.Base(path), st.Size())
	}
	if !bytes.Equal(head[:4], []byte{0xff, 't', 'O', 'c'}) || binary.BigEndian.Uint32(head[4:8]) != 2 {
		return nil, fmt.Errorf("index %s: not a version 2 pack index", filepath.Base(path))
	}
	n := int64(binary.BigEndian.Uint32(head[fanoutEnd-4:]))
	least := fanoutEnd + n*(20+4+4) + 2*20
	most := least + max(n-1, 0)*8
	if st.Size() < least || st.Size() > most {
		return nil, fmt.Errorf("index %s: %d bytes, not what %d objects take (truncated?)", filepath.Base(path), st.Size(), n)
	}
	idx := idxfile.NewMemoryIndex()
	if err := idxfile.NewDecoder(bufio.NewReaderSize(f, 64<<10)).Decode(idx); err != nil {
		return nil, fmt.Errorf("index %s: %w", filepath.Base(path), err)
	}
	return idx, nil
}

// openFile opens the pack file and checks its header and trailer against
// the index, read already: same object count, same checksum.
func (p *pack) openFile() (*packFile, error) {
	f, st, err := openRegular(p.path + ".pack")
	if err != nil {
		return nil, err
	}
	if err := checkPack(f, st.Size(), p.idx); err != nil {
		f.Close()
		return nil, err
	}
	pf := &packFile{p: p, f: f, size: st.Size()}
	pf.sc = packfile.NewScanner(pf.section())
	return pf, nil
}

// checkPack checks a pack file's header and trailer against its index.
func checkPack(f *os.File, size int64, idx *idxfile.MemoryIndex) error {
	if size < packHeaderLen+packTrailerLen {
		return fmt.Errorf("truncated (%d bytes)", size)
	}
	var head [packHeaderLen]byte
	var sum [packTrailerLen]byte
	if _, err := f.ReadAt(head[:], 0); err != nil {
		return err
	}
	if _, err := f.ReadAt(sum[:], size-packTrailerLen); err != nil {
		return err
	}
	if v := binary.BigEndian.Uint32(head[4:8]); string(head[:4]) != "PACK" || v != 2 && v != 3 {
		return errors.New("not a version 2 or 3 pack")
	}
	if n, _ := idx.Count(); int64(binary.BigEndian.Uint32(head[8:])) != n {
		return fmt.Errorf("holds %d objects, its index %d", binary.BigEndian.Uint32(head[8:]), n)
	}
	if sum != idx.PackfileChecksum {
		return errors.New("checksum differs from its index's (truncated or replaced?)")
	}
	return nil
}

// find returns the offset of object h in the pack, if it is there.
func (p *pack) find(h plumbing.Hash) (int64, bool, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.findLocked(h)
}

// findLocked is find with p.mu held.
func (p *pack) findLocked(h plumbing.Hash) (int64, bool, error) {
	if err := p.load(); err != nil {
		return 0, false, err
	}
	off, err := p.idx.FindOffset(h)
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("%s: %w", p.name(), err)
	}
	return off, true, nil
}

// open finds object h in the pack and reads its type and size from the
// headers of its delta chain. Its content is inflated on first Read.
func (p *pack) open(h plumbing.Hash) (*object, error) {
	chain, size, err := p.locate(h)
	if err != nil {
		return nil, fmt.Errorf("object %s: %w", h, err)
	}
	lazy := &lazyReader{open: func() (io.ReadCloser, error) {
		rc, err := p.content(h, chain, size)
		if err != nil {
			return nil, fmt.Errorf("object %s: %w", h, err)
		}
		return rc, nil
	}}
	return &object{typ: chain[len(chain)-1].Type, size: size, ReadCloser: lazy}, nil
}

// locate finds object h in the pack, and returns its delta chain (see
// chain) and its size: a whole object's from its header, a delta's
// result's from the start of the delta.
func (p *pack) locate(h plumbing.Hash) ([]*packfile.ObjectHeader, int64, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	off, ok, err := p.findLocked(h)
	if err != nil {
		return nil, 0, err
	}
	if !ok {
		return nil, 0, errObjectNotFound
	}
	if err := p.use(); err != nil {
		return nil, 0, err
	}
	defer p.done()
	chain, err := p.chain(off)
	if err != nil {
		return nil, 0, err
	}
	if len(chain) == 1 {
		return chain, chain[0].Length, nil
	}
	size, err := p.deltaTargetSize(chain[0])
	return chain, size, err
}

// chain reads the header of the object at off and those of its delta
// bases, down to a whole object: the object first, the whole one last.
// It must be called between p.use and p.done.
func (p *pack) chain(off int64) ([]*packfile.ObjectHeader, error) {
	var chain []*packfile.ObjectHeader
	for {
		if len(chain) > maxDeltaDepth {
			return nil, fmt.Errorf("%s: delta chain deeper than %d (a loop?)", p.name(), maxDeltaDepth)
		}
		h, err := p.header(off)
		if err != nil {
			return nil, err
		}
		chain = append(chain, h)
		switch h.Type {
		case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
			return chain, nil
		case plumbing.OFSDeltaObject:
			off = h.OffsetReference // the scanner checks it lies before h
		case plumbing.REFDeltaObject:
			base, ok, err := p.findLocked(h.Reference)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, fmt.Errorf("%s: delta base %s of the object at offset %d is not in the pack", p.name(), h.Reference, h.Offset)
			}
			off = base
		default:
			return nil, fmt.Errorf("%s: object at offset %d has bad type %d", p.name(), h.Offset, h.Type)
		}
	}
}

// header reads the header of the object at off, leaving the scanner
// before its content. It must be called between p.use and p.done.
func (p *pack) header(off int64) (*packfile.ObjectHeader, error) {
	if off < packHeaderLen || off >= p.cur.size-packTrailerLen {
		return nil, fmt.Errorf("%s: object offset %d outside the pack", p.name(), off)
	}
	h, err := p.cur.sc.SeekObjectHeader(off)
	if err != nil {
		return nil, fmt.Errorf("%s: object at offset %d: %w", p.name(), off, noEOF(err))
	}
	if h.Length < 0 {
		return nil, fmt.Errorf("%s: object at offset %d: negative length", p.name(), off)
	}
	return h, nil
}

// deltaTargetSize reads the size of the object a delta makes, from the
// start of the delta's data. It must be called between p.use and p.done.
func (p *pack) deltaTargetSize(h *packfile.ObjectHeader) (int64, error) {
	if _, err := p.header(h.Offset); err != nil {
		return 0, err
	}
	rc, err := p.cur.sc.ReadObject()
	if err != nil {
		return 0, fmt.Errorf("%s: delta at offset %d: %w", p.name(), h.Offset, err)
	}
	defer rc.Close()
	_, target, err := deltaSizes(bufio.NewReaderSize(rc, 16))
	if err != nil {
		return 0, fmt.Errorf("%s: delta at offset %d: %w", p.name(), h.Offset, err)
	}
	return target, nil
}

// deltaSizes reads the two sizes a delta starts with: of its base and of
// the object it makes.
func deltaSizes(r io.ByteReader) (base, target int64, err error) {
	if base, err = readDeltaSize(r); err == nil {
		target, err = readDeltaSize(r)
	}
	return base, target, err
}

// readDeltaSize reads a size of a delta's header: 7 bits a byte, least
// significant first.
func readDeltaSize(r io.ByteReader) (int64, error) {
	var v uint64
	for shift := uint(0); shift < 63; shift += 7 {
		b, err := r.ReadByte()
		if err != nil {
			return 0, fmt.Errorf("malformed delta header: %w", noEOF(err))
		}
		v |= uint64(b&0x7f) << shift
		if b&0x80 == 0 {
			if v > 1<<62 {
				break
			}
			return int64(v), nil
		}
	}
	return 0, errors.New("malformed delta header: size too large")
}

// content returns a reader of the content of object h, whose delta
// chain is chain. Up to streamThreshold it is inflated whole and kept
// (for other deltas on the same bases, and the next read); above, a
// whole object is streamed from the pack, and a delta's result is
// streamed from its base.
func (p *pack) content(h plumbing.Hash, chain []*packfile.ObjectHeader, size int64) (io.ReadCloser, error) {
	if size <= streamThreshold {
		p.mu.Lock()
		err := p.use()
		var data []byte
		if err == nil {
			data, err = p.inflate(chain, size, deltaBudget(size))
			p.done()
		}
		p.mu.Unlock()
		if err != nil {
			return nil, err
		}
		p.cache.put(byHash(h), chain[len(chain)-1].Type, data)
		return io.NopCloser(bytes.NewReader(data)), nil
	}
	if len(chain) == 1 {
		return p.stream(h, chain[0])
	}
	return p.streamDelta(h, chain, size)
}

// stream reads a whole (undeltified) object through a scanner of its
// own, inflating it as it is read. The pack file stays open until the
// reader is closed.
func (p *pack) stream(h plumbing.Hash, e *packfile.ObjectHeader) (io.ReadCloser, error) {
	pf, err := p.files.acquire(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.name(), err)
	}
	sc := packfile.NewScanner(pf.section())
	if _, err := sc.SeekObjectHeader(e.Offset); err != nil {
		p.files.release(pf)
		return nil, fmt.Errorf("%s: object at offset %d: %w", p.name(), e.Offset, noEOF(err))
	}
	rc, err := sc.ReadObject()
	if err != nil {
		p.files.release(pf)
		return nil, fmt.Errorf("%s: object at offset %d: %w", p.name(), e.Offset, err)
	}
	return &sizedReader{r: rc, left: e.Length, name: "object " + h.String(), close: func() error {
		err := rc.Close()
		p.files.release(pf)
		return err
	}}, nil
}

// streamDelta applies the last delta of chain as the result is read:
// the base is inflated whole (a delta copies from anywhere in it), the
// result is not. The result is made as it is read, so it is not counted
// in the chain's budget; the base and the delta are.
func (p *pack) streamDelta(h plumbing.Hash, chain []*packfile.ObjectHeader, size int64) (io.ReadCloser, error) {
	p.mu.Lock()
	err := p.use()
	var base, delta []byte
	if err == nil {
		base, err = p.inflate(chain[1:], size, deltaBudget(size)-chain[0].Length)
		if err == nil {
			delta, err = p.readRaw(chain[0])
		}
		p.done()
	}
	p.mu.Unlock()
	if err != nil {
		return nil, err
	}
	obj := &plumbing.MemoryObject{}
	obj.SetType(chain[len(chain)-1].Type)
	obj.Write(base)
	rc, err := packfile.ReaderFromDelta(obj, bytes.NewReader(delta))
	if err != nil {
		return nil, fmt.Errorf("%s: delta at offset %d: %w", p.name(), chain[0].Offset, err)
	}
	return &sizedReader{r: rc, left: size, name: "object " + h.String(), close: rc.Close}, nil
}

// inflate returns the content of the object whose delta chain is chain,
// applying the deltas from the whole object up, and making at most
// budget bytes on the way (see deltaBudget) to read an object of size
// bytes (the result, or one streamed from it; for the error). It starts
// from the nearest object of the chain already in the cache. It must be
// called between p.use and p.done.
func (p *pack) inflate(chain []*packfile.ObjectHeader, size, budget int64) ([]byte, error) {
	start, data, cached := len(chain)-1, []byte(nil), false
	for i, h := range chain {
		if _, data, cached = p.cache.get(byOffset(p, h.Offset)); cached {
			start = i
			break
		}
	}
	overBudget := func() error {
		return fmt.Errorf("%s: its delta chain makes over %d bytes, to read an object of %d (built to be slow?)", p.name(), deltaBudget(size), size)
	}
	typ := chain[len(chain)-1].Type
	if !cached {
		if chain[start].Length > budget {
			return nil, overBudget()
		}
		d, err := p.readRaw(chain[start])
		if err != nil {
			return nil, err
		}
		data = d
		budget -= int64(len(data))
		p.cache.put(byOffset(p, chain[start].Offset), typ, data)
	}
	for i := start - 1; i >= 0; i-- {
		d, err := p.applyDelta(data, chain[i], budget)
		if errors.Is(err, errOverBudget) {
			return nil, overBudget()
		}
		if err != nil {
			return nil, err
		}
		data = d
		budget -= chain[i].Length + int64(len(data))
		p.cache.put(byOffset(p, chain[i].Offset), typ, data)
	}
	return data, nil
}

// applyDelta applies the delta h to base, failing with errOverBudget if
// the delta and its result are over budget bytes.
func (p *pack) applyDelta(base []byte, h *packfile.ObjectHeader, budget int64) ([]byte, error) {
	if h.Length > budget {
		return nil, errOverBudget
	}
	delta, err := p.readRaw(h)
	if err != nil {
		return nil, err
	}
	baseSize, target, err := deltaSizes(bytes.NewReader(delta))
	if err == nil && baseSize != int64(len(base)) {
		err = fmt.Errorf("delta for a base of %d bytes, on one of %d", baseSize, len(base))
	}
	if err == nil && target > maxInMemory {
		err = fmt.Errorf("delta makes %d bytes, over the %d read whole", target, maxInMemory)
	}
	if err == nil && h.Length+target > budget {
		return nil, errOverBudget
	}
	var out []byte
	if err == nil {
		out, err = packfile.PatchDelta(base, delta)
	}
	if err == nil && int64(len(out)) != target {
		err = fmt.Errorf("delta made %d bytes, not %d", len(out), target)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: delta at offset %d: %w", p.name(), h.Offset, err)
	}
	return out, nil
}

// readRaw inflates the data of the pack entry h: a whole object's
// content, or a delta. It must be called between p.use and p.done.
func (p *pack) readRaw(h *packfile.ObjectHeader) ([]byte, error) {
	if h.Length > maxInMemory {
		return nil, fmt.Errorf("%s: object at offset %d: %d bytes, over the %d read whole", p.name(), h.Offset, h.Length, maxInMemory)
	}
	if _, err := p.header(h.Offset); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(int(min(h.Length, streamThreshold)))
	n, _, err := p.cur.sc.NextObject(&buf)
	if err == nil && n != h.Length {
		err = fmt.Errorf("inflates to %d bytes, not the %d its header says", n, h.Length)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: object at offset %d: %w", p.name(), h.Offset, noEOF(err))
	}
	return buf.Bytes(), nil
}

// withPrefix adds to seen the objects of the pack whose hash starts with
// the hexadecimal prefix (at least 4 digits), from the index's sorted
// names.
func (p *pack) withPrefix(prefix string, seen map[plumbing.Hash]bool) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.load(); err != nil {
		return err
	}
	whole, nibble, odd := hexPrefix(prefix)
	k := p.idx.FanoutMapping[whole[0]]
	if k < 0 || k >= len(p.idx.Names) {
		return nil
	}
	names := p.idx.Names[k]
	n := len(names) / 20
	i := sort.Search(n, func(i int) bool { return bytes.Compare(names[i*20:i*20+20], whole) >= 0 })
	for ; i < n; i++ {
		name := names[i*20 : i*20+20]
		if !bytes.HasPrefix(name, whole) {
			break
		}
		if odd && name[len(whole)]>>4 != nibble>>4 {
			continue
		}
		seen[plumbing.Hash(name)] = true
	}
	return nil
}

// noEOF turns an end of file met inside a header or an object into
// io.ErrUnexpectedEOF: the pack is truncated.
func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// lazyReader opens a reader on first Read, so that opening an object
// costs only its header. Closed unread, it calls release, if set.
type lazyReader struct {
	open    func() (io.ReadCloser, error)
	release func() error
	rc      io.ReadCloser
	err     error
}

// Read implements io.Reader.
func (l *lazyReader) Read(b []byte) (int, error) {
	if l.rc == nil && l.err == nil {
		l.rc, l.err = l.open()
	}
	if l.err != nil {
		return 0, l.err
	}
	return l.rc.Read(b)
}

// Close closes the reader if it was opened, or releases what was held
// to open it.
func (l *lazyReader) Close() error {
	var err error
	switch {
	case l.rc != nil:
		err = l.rc.Close()
	case l.err == nil && l.release != nil:
		err = l.release()
	}
	l.rc, l.err = nil, errors.New("read after close")
	return err
}
