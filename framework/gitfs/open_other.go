//go:build !unix

package gitfs

// openFlags are the flags of openRegular: none where there are no named
// pipes to wait on.
const openFlags = 0
