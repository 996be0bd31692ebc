// Package gittest builds small git repositories for tests, with the git
// binary, as users make them.
package gittest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Repo is a repository being built.
type Repo struct {
	// Dir is the work tree's top folder.
	Dir string
	n   int
}

// Available reports whether the git binary is on PATH; tests that need
// it skip with a clear message when it is not.
func Available() bool {
	_, err := exec.LookPath("git")
	return err == nil
}

// Init creates an empty repository in dir, on branch master, with the
// given extra `git init` arguments (such as --object-format=sha256).
func Init(dir string, initArgs ...string) (*Repo, error) {
	r := &Repo{Dir: dir}
	if _, err := r.Git(append([]string{"init", "-q", "-b", "master"}, initArgs...)...); err != nil {
		return nil, err
	}
	if _, err := r.Git("config", "gc.auto", "0"); err != nil {
		return nil, err
	}
	return r, nil
}

// Env is the environment of the git commands gittest runs: no user or
// system configuration, a fixed identity, no prompts.
func Env(home string) []string {
	return append(os.Environ(),
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull, "HOME="+home,
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com",
		"GIT_TERMINAL_PROMPT=0",
	)
}

// Git runs git in the repository and returns its trimmed output; the
// error holds git's own output.
func (r *Repo) Git(args ...string) (string, error) {
	return r.gitAt(time.Date(2026, 1, 1, 12, r.n, 0, 0, time.UTC), args...)
}

func (r *Repo) gitAt(when time.Time, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Dir
	date := when.Format(time.RFC3339)
	cmd.Env = append(Env(r.Dir), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out)), nil
}

// Write writes files (path -> content) under the work tree.
func (r *Repo) Write(files map[string]string) error {
	for name, content := range files {
		p := filepath.Join(r.Dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Commit writes files (path -> content), removes the paths in remove,
// and commits everything, returning the commit's object name. Each
// commit is a minute after the one before.
func (r *Repo) Commit(msg string, files map[string]string, remove ...string) (string, error) {
	if err := r.Write(files); err != nil {
		return "", err
	}
	for _, name := range remove {
		if err := os.RemoveAll(filepath.Join(r.Dir, filepath.FromSlash(name))); err != nil {
			return "", err
		}
	}
	if _, err := r.Git("add", "-A"); err != nil {
		return "", err
	}
	r.n++
	if _, err := r.Git("commit", "-q", "--allow-empty", "-m", msg); err != nil {
		return "", err
	}
	return r.Git("rev-parse", "HEAD")
}

// Tag makes an annotated tag (with a message) or a lightweight one.
func (r *Repo) Tag(name, hash string, annotated bool) error {
	args := []string{"tag", name, hash}
	if annotated {
		args = []string{"tag", "-a", "-m", name, name, hash}
	}
	_, err := r.Git(args...)
	return err
}

// Branch creates a branch at a commit.
func (r *Repo) Branch(name, hash string) error {
	_, err := r.Git("branch", name, hash)
	return err
}
