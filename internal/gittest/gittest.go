// Package gittest builds small git repositories for tests, with go-git.
// Only tests import it, so go-git's porcelain never reaches the binary.
package gittest

import (
	"os"
	"path/filepath"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Repo is a repository being built.
type Repo struct {
	Dir  string
	repo *git.Repository
	n    int
}

// Init creates an empty repository in dir.
func Init(dir string) (*Repo, error) {
	r, err := git.PlainInit(dir, false)
	if err != nil {
		return nil, err
	}
	return &Repo{Dir: dir, repo: r}, nil
}

// Commit writes files (path -> content; an empty content... removes the
// file when remove is set) and commits everything, returning the hash.
func (r *Repo) Commit(msg string, files map[string]string, remove ...string) (string, error) {
	for name, content := range files {
		p := filepath.Join(r.Dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return "", err
		}
	}
	for _, name := range remove {
		if err := os.RemoveAll(filepath.Join(r.Dir, filepath.FromSlash(name))); err != nil {
			return "", err
		}
	}
	wt, err := r.repo.Worktree()
	if err != nil {
		return "", err
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		return "", err
	}
	r.n++
	when := time.Date(2026, 1, 1, 12, r.n, 0, 0, time.UTC)
	sig := &object.Signature{Name: "Test", Email: "test@example.com", When: when}
	h, err := wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig, AllowEmptyCommits: true})
	if err != nil {
		return "", err
	}
	return h.String(), nil
}

// Tag makes an annotated tag (with a message) or a lightweight one.
func (r *Repo) Tag(name, hash string, annotated bool) error {
	var opts *git.CreateTagOptions
	if annotated {
		opts = &git.CreateTagOptions{Message: name, Tagger: &object.Signature{Name: "Test", Email: "test@example.com", When: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}}
	}
	_, err := r.repo.CreateTag(name, plumbing.NewHash(hash), opts)
	return err
}

// Branch creates a branch at a commit.
func (r *Repo) Branch(name, hash string) error {
	return r.repo.Storer.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName(name), plumbing.NewHash(hash)))
}
