#!/usr/bin/env bash
# The whole handbook's docs against git, side by side (docs/performance.md):
# `ladder docs` on every department of ../shared/handbook's career matrix
# against a shell loop of `git diff --no-index --word-diff` on every
# adjacent pair of level pages of every department, in one hyperfine run.
# Both run under `bash -c`, so both pay for one shell.
#
# `ladder docs` runs once per department, as it had to before it covered
# every department in one process; LADDER_ALL=1 also times the one run on
# the matrix root, the figure docs/performance.md gives since.
#
# Each run writes into a fresh folder: the one before is moved aside, not
# removed, and the script waits SETTLE seconds (default 35) after building
# before it measures. On ext4, creating a file scans past every inode of
# its group freed in the last 30 seconds (the kernel's recently_deleted):
# with the output removed before each run, that scan was most of the
# system time of writing 38 files (perf: __ext4_new_inode, 24% of a run),
# and it measured the script's own deletions, not ladder.
# Usage: bash scripts/handbook.sh        Needs: Go, git, hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared/handbook}
matrix="$(cd "$shared" && pwd)/content/handbook/engineering/careers/matrix"
[ -d "$matrix" ] || { echo "no career matrix at $matrix" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CGO_ENABLED=0 go build -trimpath -o "$work/ladder" ./cmd/ladder

# Departments: the matrix root (the generic pages) and every folder under
# it with level pages; levels in the order of the generic ladder.
order="intern associate intermediate senior staff principal"
depts=()
for d in "$matrix" "$matrix"/*/; do
  d=${d%/}
  ls "$d"/*.md >/dev/null 2>&1 && depts+=("$d")
done
ladder_loop=""
git_loop=""
pairs=0
for d in "${depts[@]}"; do
  name=$(basename "$d")
  ladder_loop+="$work/ladder docs --framework $d --out $work/out/$name >/dev/null; "
  prev=""
  for l in $order; do
    [ -f "$d/$l.md" ] || continue
    if [ -n "$prev" ]; then
      git_loop+="git diff --no-index --word-diff $d/$prev.md $d/$l.md >/dev/null; "
      pairs=$((pairs + 1))
    fi
    prev=$l
  done
done
echo "departments: ${#depts[@]} (${depts[*]#"$matrix"}), adjacent pairs: $pairs" >&2
sleep "${SETTLE:-35}" # past ext4's 30 s for inodes freed by the build
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cmds=("bash -c '$ladder_loop true'" "bash -c '$git_loop true'")
[ -n "${LADDER_ALL:-}" ] && cmds+=("bash -c '$work/ladder docs --framework $matrix --out $work/out/all >/dev/null'")
mkdir "$work/aside"
hyperfine -N -i -w 3 -r "${RUNS:-30}" --prepare "bash -c '[ ! -e $work/out ] || mv $work/out $work/aside/\$(date +%s%N)'" --export-csv "$work/h.csv" "${cmds[@]}"
# CSV: command,mean,stddev,median,user,system,min,max
awk -F, 'NR > 1 {name = NR == 2 ? "ladder docs, per department" : NR == 3 ? "git diff loop" : "ladder docs, one run"
  printf "%-28s median %.1f ms, mean %.1f ± %.1f ms, min %.1f ms, CPU %.1f ms\n", name, $4*1000, $2*1000, $3*1000, $7*1000, ($5+$6)*1000}' "$work/h.csv"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
