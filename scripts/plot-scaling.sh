#!/usr/bin/env bash
# Draws docs/perf/scaling.png from the table scripts/scale.sh writes:
# time against items per level, both axes logarithmic, ladder and git.
# Usage: bash scripts/plot-scaling.sh [TSV [PNG [BEFORE-TSV]]]
# BEFORE-TSV (default docs/perf/scaling-before.tsv, if present) adds the
# curve of an earlier version measured on the same inputs.
# Needs: gnuplot (Debian: apt-get install gnuplot-nox).
set -euo pipefail
cd "$(dirname "$0")/.."
in=${1:-docs/perf/scaling.tsv}
png=${2:-docs/perf/scaling.png}
before=${3:-docs/perf/scaling-before.tsv}
extra=""
[ -f "$before" ] && extra=", \"$before\" using 1:4 skip 1 with linespoints lw 1 pt 6 dt 3 title \"ladder before (issue 12)\""
command -v gnuplot >/dev/null || { echo "gnuplot not installed (apt-get install gnuplot-nox)" >&2; exit 2; }
gnuplot <<GP
set terminal pngcairo size 800,500 noenhanced font ",10"
set output "$png"
set datafile separator "\t"
set key top left
set logscale xy
set grid
set title "ladder compare --format json vs git diff --no-index --word-diff (one pillar, generated)"
set xlabel "items per level"
set ylabel "wall time, s (median of hyperfine runs)"
set xtics ("1k" 1000, "2k" 2000, "5k" 5000, "10k" 10000, "20k" 20000, "40k" 40000)
plot "$in" using 1:4 skip 1 with linespoints lw 2 pt 7 title "ladder", \
     "$in" using 1:8 skip 1 with linespoints lw 2 pt 5 title "git", \
     "$in" using 1:(\$8*5) skip 1 with lines dt 2 lc "gray" title "5 × git"$extra
GP
echo "wrote $png" >&2
