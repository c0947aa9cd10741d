#!/bin/bash
# `pain-diary --chart out.png` from process start to file written, against gnuplot
# (pngcairo, the same size) plotting the same daily means from a data file.
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: bench-chart.sh PAIN-DIARY MAKE-DIARY
set -u

app="$1"
chart_diary="$2"
runs=${PD_CHART_RUNS:-9}

# The shell tests' scratch folder, no display and data folder (tap_setup); no TAP is printed.
. "$(dirname "$0")/tap.sh"
tap_setup

if ! command -v gnuplot >/dev/null; then
  echo "gnuplot is not installed (gnuplot-nox); not compared"
  exit 77
fi

. "$(dirname "$0")/bench.sh"

# compare LABEL DAYS: a 10-year diary, charted over its last DAYS days
compare () {
  local label="$1" days="$2"; shift 2
  MEANS_DAYS=$days "$chart_diary" "$tmp/diary-$days.db" 10 "$tmp/means-$days.dat" || exit 1
  cat >"$tmp/plot-$days.gp" <<GP
set terminal pngcairo size 1600,900
set output '$tmp/gnuplot.png'
set xdata time
set timefmt '%Y-%m-%d'
set yrange [0:10]
plot '$tmp/means-$days.dat' using 1:3:4 with filledcurves lc rgb '#400072b2' title 'range', \
     '' using 1:2 with points pt 7 lc rgb '#0072b2' title 'daily mean'
GP
  local -a range=()
  if [ "$days" != 90 ]; then   # 90: the command's default range, the last 90 days with data
    range=(--from="$(head -n 1 "$tmp/means-$days.dat" | cut -d' ' -f1)"
           --to="$(tail -n 1 "$tmp/means-$days.dat" | cut -d' ' -f1)")
  fi
  : >"$tmp/app"; : >"$tmp/gnuplot"
  for _ in $(seq "$runs"); do
    time_ms "$app" -d "$tmp/diary-$days.db" --chart="$tmp/out.png" "${range[@]}" >>"$tmp/app"
    time_ms gnuplot "$tmp/plot-$days.gp" >>"$tmp/gnuplot"
  done
  local app_ms gp_ms
  app_ms=$(median <"$tmp/app")
  gp_ms=$(median <"$tmp/gnuplot")
  echo "$label: pain-diary --chart (median of $runs): ${app_ms} ms; gnuplot pngcairo: ${gp_ms} ms"
  awk -v a="$app_ms" -v g="$gp_ms" -v l="$label" 'BEGIN {
    if (a <= 0 || g <= 0) { print l ": not measured"; exit }
    printf "%s: ratio %.2f (target < 1) %s\n", l, a / g, (a < g) ? "within target" : "OVER TARGET" }'
}

compare "last 90 days of a 10-year diary" 90
compare "all 10 years (3650 days)" 3650
exit 0
