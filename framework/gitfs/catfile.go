package gitfs

import (
	"bufio"
	"container/list"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// maxBlob is the largest content gitfs reads into memory. A larger
// file reports its size (the loader refuses it by its size) and fails
// when read. A variable for tests.
var maxBlob int64 = 64 << 20

// catFile is a running `git cat-file --batch`: object names go in, one a
// line; each answer is "NAME TYPE SIZE\n", the content and "\n".
type catFile struct {
	cmd    *exec.Cmd
	cancel context.CancelFunc
	in     io.WriteCloser
	out    io.ReadCloser
	br     *bufio.Reader
	stderr *syncBuffer
}

// syncBuffer is a limitedBuffer written by exec's copying goroutine and
// read by gitfs.
type syncBuffer struct {
	mu sync.Mutex
	b  limitedBuffer
}

// Write implements io.Writer.
func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns what was written.
func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startCat starts the cat-file process at the top of the work tree.
func (r *Repo) startCat() (*catFile, error) {
	ctx, cancel := context.WithCancel(context.Background())
	cmd := r.command(ctx, r.Root, "cat-file", "--batch")
	in, err := cmd.StdinPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	c := &catFile{cmd: cmd, cancel: cancel, in: in, out: out, br: bufio.NewReaderSize(out, 64<<10), stderr: &syncBuffer{b: limitedBuffer{max: 64 << 10}}}
	cmd.Stderr = c.stderr
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	return c, nil
}

// kill stops the process at once and unblocks a read waiting on it.
func (c *catFile) kill() {
	c.cancel()
	c.out.Close()
}

// close ends the process: it exits when its input ends; if it has not
// within a few seconds, it is killed.
func (c *catFile) close() error {
	c.in.Close()
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case err := <-done:
		c.cancel()
		return err
	case <-time.After(5 * time.Second):
		c.kill()
		<-done
		return errors.New("git cat-file did not exit; killed")
	}
}

// errMissing says cat-file does not have an object.
var errMissing = errors.New("object missing from the repository")

// read asks for one object and reads its answer: its type and size, and
// its content unless it is over maxBlob (then the process must be
// stopped: its content is still in the pipe).
func (c *catFile) read(name string) (typ string, size int64, data []byte, err error) {
	if _, err := io.WriteString(c.in, name+"\n"); err != nil {
		return "", 0, nil, err
	}
	line, err := c.br.ReadSlice('\n')
	if err != nil {
		return "", 0, nil, err
	}
	f := strings.Fields(string(line))
	switch {
	case len(f) == 2 && f[1] == "missing":
		return "", 0, nil, errMissing
	case len(f) != 3 || f[0] != name:
		return "", 0, nil, fmt.Errorf("unexpected answer %q", clip(string(line), 100))
	}
	size, err = strconv.ParseInt(f[2], 10, 64)
	if err != nil || size < 0 {
		return "", 0, nil, fmt.Errorf("unexpected answer %q", clip(string(line), 100))
	}
	if size > maxBlob {
		return f[1], size, nil, nil
	}
	data = make([]byte, size+1)
	if _, err := io.ReadFull(c.br, data); err != nil {
		return "", 0, nil, err
	}
	if data[size] != '\n' {
		return "", 0, nil, errors.New("answer not ended by a newline")
	}
	return f[1], size, data[:size], nil
}

// object reads an object through the cat-file process, starting it if
// need be. Past Timeout the process is killed and the read fails; the
// next read starts a new process. data is nil when size is over maxBlob.
func (r *Repo) object(name string) (typ string, size int64, data []byte, err error) {
	if typ, data, ok := r.blobs.get(name); ok {
		return typ, int64(len(data)), data, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return "", 0, nil, errors.New("repository closed")
	}
	if r.cat == nil {
		if r.cat, err = r.startCat(); err != nil {
			return "", 0, nil, err
		}
	}
	c := r.cat
	timer := time.AfterFunc(Timeout, c.kill)
	typ, size, data, err = c.read(name)
	if !timer.Stop() {
		err = fmt.Errorf("git cat-file did not answer within %v", Timeout)
	}
	if err != nil && !errors.Is(err, errMissing) || data == nil && err == nil {
		// The process is of no more use: a failed or timed-out read
		// leaves its answer half read; a large object's is unread.
		if err != nil {
			if msg := strings.TrimSpace(c.stderr.String()); msg != "" {
				err = fmt.Errorf("%w (git: %s)", err, clip(msg, 300))
			}
		}
		c.kill()
		c.close()
		r.cat = nil
	}
	if err != nil {
		return "", 0, nil, fmt.Errorf("object %s: %w", name, err)
	}
	if data != nil && typ == "blob" {
		// Trees are kept parsed (Repo.tree): their bytes would only take
		// the room of file contents here.
		r.blobs.put(name, typ, data)
	}
	return typ, size, data, nil
}

// blobCacheBytes bounds the contents kept, least recently used dropped
// first: the two revisions of a diff share most files, and the loader
// reads an include file once per level that includes it.
const blobCacheBytes = 32 << 20

// blobCache keeps object contents by name. Kept slices are never
// written to.
type blobCache struct {
	mu    sync.Mutex
	used  int
	order list.List // of *cached, most recent first
	byKey map[string]*list.Element
}

// cached is a kept object.
type cached struct {
	name string
	typ  string
	data []byte
}

// get returns a kept object.
func (c *blobCache) get(name string) (string, []byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[name]
	if !ok {
		return "", nil, false
	}
	c.order.MoveToFront(e)
	ce := e.Value.(*cached)
	return ce.typ, ce.data, true
}

// put keeps an object if it fits, dropping the least recently used.
func (c *blobCache) put(name, typ string, data []byte) {
	if len(data) > blobCacheBytes/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil {
		c.byKey = map[string]*list.Element{}
	}
	if _, ok := c.byKey[name]; ok {
		return
	}
	for c.used+len(data) > blobCacheBytes {
		old := c.order.Remove(c.order.Back()).(*cached)
		delete(c.byKey, old.name)
		c.used -= len(old.data)
	}
	c.byKey[name] = c.order.PushFront(&cached{name: name, typ: typ, data: data})
	c.used += len(data)
}
