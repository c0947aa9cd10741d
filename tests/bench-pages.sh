#!/bin/bash
# How long the window holding the 10-year diary stops responding: the longest main-loop
# stall while it starts and loads the diary, and while each page is shown for the first
# time (History, Medications, Trends, then Today again), with how many stalls there were and
# how long they lasted together. The program notes every time its main loop ran more than a
# frame (16 ms at 60 Hz) late when G_MESSAGES_DEBUG names pd-stall-watch
# (src/widgets/common/pd-stall-watch.c). The reference is that frame: a stall longer than
# it is a frame the window could not draw. A run that could not be measured (no window, no
# note that the main loop is watched, a key that did not change the page) fails the
# benchmark.
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: bench-pages.sh PAIN-DIARY MAKE-DIARY
# Needs an X display (build-aux/test runs benchmarks under xvfb-run), xdotool and
# ImageMagick's import.
set -u

app="$1"
make_diary="$2"
runs=${PD_PAGES_RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" GSETTINGS_BACKEND=memory
export G_MESSAGES_DEBUG=pd-stall-watch

. "$(dirname "$0")/bench.sh"
. "$(dirname "$0")/bench-window.sh"

need_window_tools

"$make_diary" "$tmp/ten.db" 3650 6 8 3 >/dev/null || not_measured "the 10-year diary was not made"

# stalls FROM: the stalls noted in the log after its line FROM, in ms, one a line.
stalls () {
  tail -n +"$(($1 + 1))" "$tmp/log" | sed -n 's/.*main loop stalled \([0-9.]*\) ms.*/\1/p'
}

# The steps, in order, each with the key that leads to it ("" for the start).
steps=(start history medications trends today)
declare -A key=([start]="" [history]=alt+2 [medications]=alt+3 [trends]=alt+4 [today]=alt+1)
declare -A label=(
  [start]="start-up and load" [history]="History shown first" [medications]="Medications shown first"
  [trends]="Trends shown first" [today]="Today shown again"
)
for step in "${steps[@]}"; do : >"$tmp/$step"; done

for run in $(seq "$runs"); do
  "$app" -d "$tmp/ten.db" >"$tmp/log" 2>&1 &
  pid=$!
  # The heartbeat costs a little CPU time: a tick of slack in half a second.
  if ! wid=$(window_of '^Pain Diary$') || ! settle "$pid" 1; then
    cat "$tmp/log" >&2
    stop "$pid" '^Pain Diary$'
    not_measured "run $run: the window did not show or did not settle"
  fi
  grep -q 'watching the main loop' "$tmp/log" ||
    not_measured "run $run: the program did not watch its main loop (pd-stall-watch)"
  from=0
  for step in "${steps[@]}"; do
    if [ -n "${key[$step]}" ]; then
      from=$(wc -l <"$tmp/log")
      before=$(window_hash "$wid")
      xdotool windowfocus --sync "$wid" 2>/dev/null
      xdotool key --clearmodifiers "${key[$step]}"
      if ! settle "$pid" 1 || [ "$(window_hash "$wid")" = "$before" ]; then
        stop "$pid" '^Pain Diary$'
        not_measured "run $run: ${key[$step]} did not change the window"
      fi
    fi
    stalls "$from" | awk -v run="$run" '
      { n++; sum += $1; if ($1 > max) max = $1 }
      END { printf "%s %.1f %d %.1f\n", run, max, n, sum }' >>"$tmp/$step"
  done
  stop "$pid" '^Pain Diary$' || not_measured "run $run: the window did not close"
done

echo "main-loop stalls over a 16 ms frame, 10-year diary, median of $runs runs:"
for step in "${steps[@]}"; do
  longest=$(cut -d' ' -f2 "$tmp/$step" | median)
  count=$(cut -d' ' -f3 "$tmp/$step" | median)
  total=$(cut -d' ' -f4 "$tmp/$step" | median)
  printf '  %-24s longest %6.1f ms  (%.1f frames)  %3d stalls, %6.1f ms together\n' \
    "${label[$step]}:" "$longest" "$(awk -v l="$longest" 'BEGIN { print l / 16 }')" "$count" "$total"
done
