#!/usr/bin/env bash
# Whole-process timings of ladder against git on the real handbook pages
# in ../shared, with hyperfine. Usage: bash scripts/perf.sh
# Needs: Go, git, hyperfine (Debian: apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared/handbook}
[ -d "$shared" ] || { echo "no real handbook pages at $shared" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A static binary, as released: no dynamic loader at start-up.
CGO_ENABLED=0 go build -trimpath -o "$work/ladder" ./cmd/ladder
# The floor for any Go program on this machine: one that prints "hi".
mkdir "$work/hello"
printf 'package main\n\nimport "os"\n\nfunc main() { os.Stdout.WriteString("hi\\n") }\n' >"$work/hello/main.go"
printf 'module hello\n\ngo 1.21\n' >"$work/hello/go.mod"
(cd "$work/hello" && CGO_ENABLED=0 go build -trimpath -o "$work/hi" .)
# The floor for ladder's dependencies: every package ladder links, no work.
CGO_ENABLED=0 go build -trimpath -o "$work/floor" ./internal/perf/floor

infra=content/handbook/engineering/careers/matrix/infrastructure
echo "== compare associate intermediate vs git diff --no-index --word-diff"
(cd "$shared/$infra" && hyperfine -N -w 10 -r 100 -i \
  "$work/ladder compare associate intermediate --framework . --format markdown" \
  "git diff --no-index --word-diff associate.md intermediate.md" \
  "$work/ladder compare associate intermediate --framework ." \
  "$work/floor" \
  "$work/hi")

echo "== ladder diff REV1 REV2 vs git diff --word-diff REV1 REV2 -- DIR"
repo="$work/repo"
mkdir -p "$repo"
cp -r "$shared/." "$repo/"
(
  cd "$repo"
  git init -q
  git add -A
  git -c user.email=perf@example.com -c user.name=perf commit -qm base
  # An edit touching a page and a shared include.
  sed -i 's/^## Credibility/## Trust/' "$infra/senior.md"
  inc=assets/includes/engineering-careers/associate-leadership-competency.md
  sed -i '0,/^\* /s/^\* \(.*\)\.$/* \1, in writing./' "$inc"
  git -c user.email=perf@example.com -c user.name=perf commit -qam edit
  hyperfine -N -w 10 -r 100 -i \
    "$work/ladder diff HEAD~1 HEAD --framework $infra --format markdown" \
    "git diff --word-diff HEAD~1 HEAD -- $infra assets/includes"
)

echo "== start-up: package init (GODEBUG=inittrace=1), top 8 and total"
GODEBUG=inittrace=1 "$work/ladder" --version 2>&1 >/dev/null | sort -k5 -nr | head -8
GODEBUG=inittrace=1 "$work/ladder" --version 2>&1 >/dev/null |
  awk '{ms += $5; kb += $8} END {printf "total: %.2f ms, %.0f kB in %d packages\n", ms, kb/1024, NR}'

if command -v perf >/dev/null && perf stat -e page-faults true >/dev/null 2>&1; then
  echo "== page faults (perf stat -r 30): each new page of memory a process touches"
  (cd "$shared/$infra" && for cmd in \
    "$work/ladder compare associate intermediate --framework . --format markdown" \
    "git diff --no-index --word-diff associate.md intermediate.md" \
    "$work/ladder compare associate intermediate --framework ." \
    "$work/ladder --version" \
    "$work/floor" \
    "$work/hi"; do
    printf '%-70s %s\n' "${cmd#"$work/"}" "$(perf stat -r 30 -x, -e page-faults $cmd 2>&1 >/dev/null | cut -d, -f1)"
  done)
fi
