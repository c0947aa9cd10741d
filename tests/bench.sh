# shellcheck shell=bash disable=SC2154  # $tmp comes from the sourcing benchmark
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the shell benchmarks share, sourced by each: . "$(dirname "$0")/bench.sh"
# They set $tmp (a scratch folder) first.

# median: the median of the numbers on standard input, one a line.
median () {
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# time_ms CMD...: wall-clock milliseconds from exec until the command has exited (its
# files written); -1, and the command and its error on standard error, when it failed.
time_ms () {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>"$tmp/err" || { echo "failed: $* $(cat "$tmp/err")" >&2; echo -1; return; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
