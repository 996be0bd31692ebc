#!/usr/bin/env bash
# ladder diff against git diff on revisions, on a small repository (the
# real handbook pages of ../shared in two commits) and a large one (the
# same, under a generated history of 100,000 commits made with
# git fast-import), with hyperfine. Usage: bash scripts/perf-diff-git.sh [OLD_COMMIT]
# With OLD_COMMIT (say, the main branch before issue 11), that version of
# ladder is built too and timed beside this one.
# Needs: Go, git, hyperfine (Debian: apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared/handbook}
[ -d "$shared" ] || { echo "no real handbook pages at $shared" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CGO_ENABLED=0 go build -trimpath -o "$work/ladder" ./cmd/ladder
old=""
if [ $# -gt 0 ]; then
  mkdir "$work/old-src"
  git archive "$1" | tar -x -C "$work/old-src"
  (cd "$work/old-src" && CGO_ENABLED=0 go build -trimpath -o "$work/ladder-old" ./cmd/ladder)
  old="$work/ladder-old"
fi

infra=content/handbook/engineering/careers/matrix/infrastructure
inc=assets/includes/engineering-careers/associate-leadership-competency.md
export GIT_AUTHOR_NAME=perf GIT_AUTHOR_EMAIL=perf@example.com GIT_COMMITTER_NAME=perf GIT_COMMITTER_EMAIL=perf@example.com

# make_repo DIR N: the handbook in one commit, N generated commits (each
# editing one of 1,000 files outside the handbook), then an edit of one
# level page and one shared include.
make_repo() {
  local repo=$1 n=$2
  mkdir -p "$repo"
  cp -r "$shared/." "$repo/"
  (
    cd "$repo"
    git init -q -b main
    git add -A
    git commit -qm base
    if [ "$n" -gt 0 ]; then
      awk -v n="$n" 'BEGIN {
        for (i = 1; i <= n; i++) {
          data = "change " i "\n"
          printf "commit refs/heads/main\ncommitter perf <perf@example.com> %d +0000\ndata 9\ngenerated\n", 1700000000 + i
          if (i == 1) printf "from refs/heads/main^0\n"
          printf "M 100644 inline history/f%03d.txt\ndata %d\n%s\n", i % 1000, length(data), data
        }
      }' | git fast-import --quiet
      git reset -q --hard main
    fi
    sed -i 's/^## Credibility/## Trust/' "$infra/senior.md"
    sed -i '0,/^\* /s/^\* \(.*\)\.$/* \1, in writing./' "$inc"
    git commit -qam edit
    git gc -q
  )
}

for size in small large; do
  repo="$work/$size"
  n=0
  [ "$size" = large ] && n=100000
  make_repo "$repo" "$n"
  echo "== $size repository: $(git -C "$repo" rev-list --count HEAD) commits, $(git -C "$repo" count-objects -v | awk '/^size-pack/ {print $2}') KiB packed"
  cmds=(
    "$work/ladder diff HEAD~1 HEAD --framework $infra --format markdown"
    "git diff --word-diff HEAD~1 HEAD -- $infra assets/includes"
    "git rev-parse HEAD~1"
  )
  [ -n "$old" ] && cmds+=("$old diff HEAD~1 HEAD --framework $infra --format markdown")
  (cd "$repo" && hyperfine -N -w 5 -r 50 "${cmds[@]}")
  # The working tree against HEAD, as git diff HEAD.
  (cd "$repo" && sed -i 's/^## Trust/## Credibility/' "$infra/senior.md" &&
    hyperfine -N -w 5 -r 50 "$work/ladder diff --framework $infra --format markdown" "git diff --word-diff HEAD -- $infra assets/includes" &&
    git checkout -q -- "$infra/senior.md")
done
