#!/usr/bin/env bash
# The scaling curve of docs/performance.md: `ladder compare --format json`
# against `git diff --no-index --word-diff` on the same two generated
# levels (internal/gen, one pillar of N items), side by side in one
# hyperfine run per size, and the peak resident set of each.
#
# Usage: bash scripts/scale.sh [N ...]   (default: 1000 2000 5000 10000 20000 40000)
# Writes a tab-separated table to $OUT (default docs/perf/scaling.tsv) with
# the columns n, ladder mean and stddev (s), git mean and stddev (s),
# ratio, ladder and git peak RSS (kB); scripts/plot-scaling.sh draws it.
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

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A static binary, as released.
CGO_ENABLED=0 go build -trimpath -o "$work/ladder" ./cmd/ladder
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

printf 'n\tladder_s\tladder_sd\tgit_s\tgit_sd\tratio\tladder_kb\tgit_kb\n' >"$out"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  "$work/gensite" -items "$n" -seed 42 -out "$site"
  dir="$site/content/careers/gen"
  ladder_cmd="$work/ladder compare intern associate --framework $dir --format json"
  git_cmd="git diff --no-index --word-diff $dir/intern.md $dir/associate.md"
  hyperfine -N -i -w 2 -r "$runs" --style basic --export-csv "$work/h.csv" "$ladder_cmd" "$git_cmd" >&2
  # CSV: command,mean,stddev,median,user,system,min,max
  read -r lm ls gm gs < <(awk -F, 'NR==2 {lm=$2; ls=$3} NR==3 {gm=$2; gs=$3} END {print lm, ls, gm, gs}' "$work/h.csv")
  lk=$(peak $ladder_cmd)
  gk=$(peak $git_cmd || true)
  awk -v n="$n" -v lm="$lm" -v ls="$ls" -v gm="$gm" -v gs="$gs" -v lk="$lk" -v gk="$gk" \
    'BEGIN {printf "%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.1f\t%d\t%d\n", n, lm, ls, gm, gs, lm/gm, lk, gk}' >>"$out"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# The same as a Markdown table, and the growth from 10,000 to 40,000.
awk -F'\t' 'NR==1 {print "| items per level | ladder compare --format json | git diff --no-index --word-diff | ratio | ladder peak RSS | git peak RSS |"; print "|---|---|---|---|---|---|"; next}
  {printf "| %\047d | %.3f s ± %.3f | %.3f s ± %.3f | %.1fx | %.0f MiB | %.0f MiB |\n", $1, $2, $3, $4, $5, $6, $7/1024, $8/1024
   t[$1] = $2; g[$1] = $4}
  END {if (t[10000] && t[40000]) printf "\n10,000 → 40,000: ladder ×%.2f (exponent %.2f), git ×%.2f (exponent %.2f)\n",
    t[40000]/t[10000], log(t[40000]/t[10000])/log(4), g[40000]/g[10000], log(g[40000]/g[10000])/log(4)}' "$out"
