#!/bin/bash
# Benchmark: pain-diary --report for one year of the synthetic 10-year diary; target 1 s.
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: bench-report.sh PAIN-DIARY MAKE-DIARY
# Prints the median of 5 runs and its ratio to the target; never fails on speed.
set -eu

app="$1"
make_diary="$2"
. "$(dirname "$0")/tap.sh"
tap_setup

# 10 years, as the CSV benchmark: 3 entries, 4 doses (3 scheduled, 1 extra) and 1 activity a day.
"$make_diary" "$tmp/diary.db" 3650 3 4 1 >/dev/null
last=$(sqlite3 "$tmp/diary.db" 'SELECT max(local_date) FROM pain_entries' 2>/dev/null || true)
if [ -z "$last" ]; then
  last=$(date +%F)
fi
from=$(date -d "$last - 364 days" +%F)

times=()
for _ in 1 2 3 4 5; do
  start=$(date +%s.%N)
  "$app" -d "$tmp/diary.db" --report="$tmp/year.pdf" --from="$from" --to="$last" >"$tmp/out"
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc -l)")
done
median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 3p)
pages=$(sed -n 's/.*(\([0-9]*\) pages).*/\1/p' "$tmp/out")
ratio=$(echo "$median / 1.0" | bc -l)
verdict=$(echo "$median <= 1.0" | bc -l)
printf 'report, one year (%s to %s, %s pages) of a 10-year diary: median %.3f s over 5 runs, %.2f x the 1 s target' \
  "$from" "$last" "$pages" "$median" "$ratio"
if [ "$verdict" -eq 1 ]; then echo ' (ok)'; else echo ' (OVER TARGET)'; fi
