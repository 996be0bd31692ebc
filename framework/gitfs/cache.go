package gitfs

import (
	"container/list"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
)

const (
	// objectCacheBytes bounds the inflated objects kept, least recently
	// used dropped first: the two revisions of a diff share most trees
	// and files, the loader reads an include file once per level that
	// includes it, and a pack's deltas share bases.
	objectCacheBytes = 32 << 20
	// maxCachedObject is the largest object kept.
	maxCachedObject = streamThreshold
)

// objectCache keeps inflated objects, by hash or, for the delta bases
// of a pack, by pack and offset. Kept slices are never written to.
type objectCache struct {
	mu    sync.Mutex
	max   int
	used  int
	order *list.List // of *cacheEntry, most recent first
	byKey map[cacheKey]*list.Element
}

// cacheKey names a kept object: by hash, or by pack and offset.
type cacheKey struct {
	hash plumbing.Hash
	p    *pack
	off  int64
}

// byHash is the key of object h.
func byHash(h plumbing.Hash) cacheKey { return cacheKey{hash: h} }

// byOffset is the key of the object at off in p.
func byOffset(p *pack, off int64) cacheKey { return cacheKey{p: p, off: off} }

// cacheEntry is a kept object.
type cacheEntry struct {
	key  cacheKey
	typ  plumbing.ObjectType
	data []byte
}

// newObjectCache returns a cache of up to max bytes.
func newObjectCache(max int) *objectCache {
	return &objectCache{max: max, order: list.New(), byKey: map[cacheKey]*list.Element{}}
}

// get returns a kept object's type and content.
func (c *objectCache) get(k cacheKey) (plumbing.ObjectType, []byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[k]
	if !ok {
		return 0, nil, false
	}
	c.order.MoveToFront(e)
	ce := e.Value.(*cacheEntry)
	return ce.typ, ce.data, true
}

// put keeps an object, if it is small enough, dropping the least
// recently used objects to make room. The caller must not change data.
func (c *objectCache) put(k cacheKey, typ plumbing.ObjectType, data []byte) {
	if len(data) > maxCachedObject || len(data) > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[k]; ok {
		return
	}
	for c.used+len(data) > c.max {
		old := c.order.Remove(c.order.Back()).(*cacheEntry)
		delete(c.byKey, old.key)
		c.used -= len(old.data)
	}
	c.byKey[k] = c.order.PushFront(&cacheEntry{key: k, typ: typ, data: data})
	c.used += len(data)
}
