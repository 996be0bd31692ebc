//go:build unix

package gitfs

import (
	"os/exec"
	"syscall"
)

// setGroup runs cmd in a process group of its own, and makes its
// cancellation kill the whole group: a partial clone's cat-file starts
// a fetch, which starts a transport, and none must outlive a deadline.
func setGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
}
