//go:build unix

package gitfs

import "syscall"

// openFlags are the flags of openRegular: opening a named pipe does not
// wait for a writer.
const openFlags = syscall.O_NONBLOCK
