//go:build !unix

package gitfs

import "os/exec"

// setGroup leaves cmd as it is: where there are no process groups,
// cancellation kills git itself (exec.CommandContext's default).
func setGroup(cmd *exec.Cmd) {}
