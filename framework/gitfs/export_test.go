package gitfs

// SetMaxBlob sets the largest content read into memory, for a test, and
// returns a function that restores it.
func SetMaxBlob(n int64) func() {
	old := maxBlob
	maxBlob = n
	return func() { maxBlob = old }
}
