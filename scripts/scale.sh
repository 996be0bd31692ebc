#!/usr/bin/env bash
# The scaling curve of docs/performance.md: `ladder compare --format json`
# against `git diff --no-index --word-diff` on the same two generated
# levels (internal/gen, one pillar of N items), side by side in one
# hyperfine run per size, and the peak resident set of each.
#
# Usage: bash scripts/scale.sh [N ...]   (default: 1000 2000 5000 10000 20000 40000)
# Writes a tab-separated table to $OUT (default docs/perf/scaling.tsv) with
# the columns n; ladder's mean, stddev, median and user+system CPU time
# (s); the same for git; the ratio of the medians (the mean moves with
# every other process on a shared machine; the median less); ladder's and
# git's peak RSS (kB). scripts/plot-scaling.sh draws it.
# TABLE=1 only prints $OUT as the Markdown table, measuring nothing.
# LADDER=path times that binary instead of building the worktree's (to
# measure an older version on the same inputs).
# Needs: Go, git, hyperfine, GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine not installed (apt-get install hyperfine)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time not installed (apt-get install time)" >&2; exit 2; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 2000 5000 10000 20000 40000)
out=${OUT:-docs/perf/scaling.tsv}
runs=${RUNS:-10}
mkdir -p "$(dirname "$out")"

# table prints $out as a Markdown table, with the growth from 10,000 to
# 40,000 items.
table() {
  awk -F'\t' 'NR==1 {print "| items per level | ladder compare --format json: median (mean ± σ), CPU | git diff --no-index --word-diff: median (mean ± σ), CPU | ratio of medians (of CPU times) | ladder peak RSS | git peak RSS |"; print "|---|---|---|---|---|---|"; next}
    {printf "| %d | %.3f s (%.3f ± %.3f), %.3f s | %.3f s (%.3f ± %.3f), %.3f s | %.1fx (CPU %.1fx) | %.0f MiB | %.0f MiB |\n", $1, $4, $2, $3, $5, $8, $6, $7, $9, $10, $5/$9, $11/1024, $12/1024
     t[$1] = $4; g[$1] = $8; tc[$1] = $5; gc[$1] = $9}
    END {if (t[10000] && t[40000]) {
      printf "\n10,000 → 40,000, median wall: ladder ×%.2f (exponent %.2f), git ×%.2f (exponent %.2f)\n",
        t[40000]/t[10000], log(t[40000]/t[10000])/log(4), g[40000]/g[10000], log(g[40000]/g[10000])/log(4)
      printf "10,000 → 40,000, CPU time: ladder ×%.2f (exponent %.2f), git ×%.2f (exponent %.2f)\n",
        tc[40000]/tc[10000], log(tc[40000]/tc[10000])/log(4), gc[40000]/gc[10000], log(gc[40000]/gc[10000])/log(4)}}' "$out"
}
if [ -n "${TABLE:-}" ]; then
  table
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A static binary, as released.
if [ -n "${LADDER:-}" ]; then
  cp "$LADDER" "$work/ladder"
else
  CGO_ENABLED=0 go build -trimpath -o "$work/ladder" ./cmd/ladder
fi
go build -o "$work/gensite" ./internal/gen/gensite

# Peak resident set in kB of a command, the most of three runs' (the
# kernel's accounting moves by a few hundred kB).
peak() {
  local best=0 kb
  for _ in 1 2 3; do
    kb=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)
    [ "$kb" -gt "$best" ] && best=$kb
  done
  echo "$best"
}

printf 'n\tladder_s\tladder_sd\tladder_median\tladder_cpu\tgit_s\tgit_sd\tgit_median\tgit_cpu\tratio\tladder_kb\tgit_kb\n' >"$out"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  "$work/gensite" -items "$n" -seed 42 -out "$site"
  dir="$site/content/careers/gen"
  ladder_cmd="$work/ladder compare intern associate --framework $dir --format json"
  git_cmd="git diff --no-index --word-diff $dir/intern.md $dir/associate.md"
  hyperfine -N -i -w 2 -r "$runs" --style basic --export-csv "$work/h.csv" "$ladder_cmd" "$git_cmd" >&2
  # CSV: command,mean,stddev,median,user,system,min,max
  read -r lm ls lmed lcpu gm gs gmed gcpu < <(awk -F, 'NR==2 {l=$2" "$3" "$4" "$5+$6} NR==3 {g=$2" "$3" "$4" "$5+$6} END {print l, g}' "$work/h.csv")
  lk=$(peak $ladder_cmd)
  gk=$(peak $git_cmd || true)
  printf '%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.1f\t%d\t%d\n' \
    "$n" "$lm" "$ls" "$lmed" "$lcpu" "$gm" "$gs" "$gmed" "$gcpu" "$(awk -v a="$lmed" -v b="$gmed" 'BEGIN {print a/b}')" "$lk" "$gk" >>"$out"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

table
