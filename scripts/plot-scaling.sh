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
# Left: median wall time; right: user+system CPU time, which moves less
# with the other processes of a shared machine.
plot_panel() { # column of ladder, column of git, title
  local more=""
  [ -f "$before" ] && more=", \"$before\" using 1:$1 skip 1 with linespoints lw 1 pt 6 dt 3 lc \"dark-orange\" title \"ladder before (issue 12)\""
  cat <<P
set title "$3"
plot "$in" using 1:$1 skip 1 with linespoints lw 2 pt 7 title "ladder", "$in" using 1:$2 skip 1 with linespoints lw 2 pt 5 title "git", "$in" using 1:(\$$2*4) skip 1 with lines dt 3 lc "gray" title "4 × git", "$in" using 1:(\$$2*5) skip 1 with lines dt 2 lc "gray" title "5 × git"$more
P
}
gnuplot <<GP
set terminal pngcairo size 1100,480 noenhanced font ",10"
set output "$png"
set datafile separator "\t"
set key top left
set logscale xy
set grid
set xrange [700:60000]
set xlabel "items per level"
set xtics ("1k" 1000, "2k" 2000, "5k" 5000, "10k" 10000, "20k" 20000, "40k" 40000)
set multiplot layout 1,2 title "ladder compare --format json vs git diff --no-index --word-diff, one generated pillar"
set ylabel "s"
$(plot_panel 4 8 "wall time (median of hyperfine runs)")
$(plot_panel 5 9 "CPU time (user + system)")
unset multiplot
GP
echo "wrote $png" >&2
