package gitfs

import (
	"container/list"
	"errors"
	"io"
	"os"
	"sync"

	"github.com/go-git/go-git/v5/plumbing/format/packfile"
)

// maxOpenPacks bounds the pack files of a repository (its alternates
// included) held open: past it, the least recently used is closed, and
// opened again when needed. A repository of thousands of packs would
// otherwise run out of file descriptors ("too many open files") where
// an object is merely not found. Their indexes stay in memory, as git
// keeps them mapped.
const maxOpenPacks = 64

// errClosed says a pack is read after its repository was closed.
var errClosed = errors.New("repository closed")

// packFiles are the pack files of a repository held open, most recently
// used first, and closed past max (see maxOpenPacks).
type packFiles struct {
	max int

	mu     sync.Mutex // guards what follows, and each pack's file field
	n      int        // files open, in use or idle
	idle   *list.List // of *packFile not in use, most recently used first
	closed bool
}

// newPackFiles returns a set of at most max idle open pack files.
func newPackFiles(max int) *packFiles {
	return &packFiles{max: max, idle: list.New()}
}

// packFile is an open pack file, its size, and a scanner over it for
// the reads of its pack made with the pack's lock held.
type packFile struct {
	p    *pack
	f    *os.File
	size int64
	sc   *packfile.Scanner
	refs int           // users, between acquire and release
	elem *list.Element // in idle, when refs is 0
}

// acquire returns the open file of pack p, opening it (and closing the
// least recently used idle one) if it is not. The caller must release
// it.
func (s *packFiles) acquire(p *pack) (*packFile, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, errClosed
	}
	if pf := p.file; pf != nil {
		s.use(pf)
		s.mu.Unlock()
		return pf, nil
	}
	s.n++ // counted while it opens, so that others make room for it
	victims := s.evict()
	s.mu.Unlock()
	closeAll(victims)

	pf, err := p.openFile()
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case err != nil || s.closed:
		s.n--
		if err == nil {
			pf.f.Close()
			err = errClosed
		}
		return nil, err
	case p.file != nil: // opened by another meanwhile
		s.n--
		pf.f.Close()
		pf = p.file
		s.use(pf)
		return pf, nil
	}
	pf.refs = 1
	p.file = pf
	return pf, nil
}

// use counts a user of the open file pf. It must be called with s.mu
// held.
func (s *packFiles) use(pf *packFile) {
	if pf.refs == 0 {
		s.idle.Remove(pf.elem)
		pf.elem = nil
	}
	pf.refs++
}

// evict takes out of the set the least recently used idle files while
// more than max are open, and returns them to close. It must be called
// with s.mu held.
func (s *packFiles) evict() []*packFile {
	var victims []*packFile
	for s.n > s.max && s.idle.Len() > 0 {
		pf := s.idle.Remove(s.idle.Back()).(*packFile)
		pf.elem = nil
		pf.p.file = nil
		s.n--
		victims = append(victims, pf)
	}
	return victims
}

// release ends a use of pf: unused, it stays open, idle, unless the set
// is closed or over max.
func (s *packFiles) release(pf *packFile) {
	s.mu.Lock()
	pf.refs--
	var victims []*packFile
	switch {
	case pf.refs > 0:
	case s.closed:
		pf.p.file = nil
		s.n--
		victims = []*packFile{pf}
	default:
		pf.elem = s.idle.PushFront(pf)
		victims = s.evict()
	}
	s.mu.Unlock()
	closeAll(victims)
}

// close closes the idle files, and those in use as they are released;
// acquiring one after is an error. It returns the first error of
// closing.
func (s *packFiles) close() error {
	s.mu.Lock()
	s.closed = true
	var idle []*packFile
	for s.idle.Len() > 0 {
		pf := s.idle.Remove(s.idle.Front()).(*packFile)
		pf.elem = nil
		pf.p.file = nil
		s.n--
		idle = append(idle, pf)
	}
	s.mu.Unlock()
	return closeAll(idle)
}

// closeAll closes the files of pfs, and returns the first error.
func closeAll(pfs []*packFile) error {
	var first error
	for _, pf := range pfs {
		if err := pf.f.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// section returns a reader of the whole pack file, for a scanner of its
// own.
func (pf *packFile) section() *io.SectionReader { return io.NewSectionReader(pf.f, 0, pf.size) }
