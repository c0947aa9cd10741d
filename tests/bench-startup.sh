#!/bin/bash
# Time until the main window is shown, against GNOME Calculator started the same way.
# SPDX-License-Identifier: GPL-3.0-or-later
# Needs an X display (build-aux/test runs benchmarks under xvfb-run) and xdotool.
set -u

app="$1"
runs=${PD_STARTUP_RUNS:-7}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" GSETTINGS_BACKEND=memory

if [ -z "${DISPLAY:-}" ] || ! command -v xdotool >/dev/null; then
  echo "startup benchmark needs DISPLAY and xdotool; not measured"
  exit 77
fi
calculator=$(command -v gnome-calculator || true)

# time_window NAME_REGEX CMD...: milliseconds from exec until a visible window named NAME_REGEX.
time_window () {
  local name="$1"; shift
  local start end pid deadline
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  pid=$!
  # xdotool's own --sync polls twice a second; poll much faster than that.
  local deadline=$(( start + 30000000000 ))
  until xdotool search --onlyvisible --name "$name" >/dev/null 2>&1; do
    if [ "$(date +%s%N)" -gt "$deadline" ]; then
      kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
      echo "-1"; return
    fi
    sleep 0.005
  done
  end=$(date +%s%N)
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  # The next run starts once this window is gone.
  deadline=$(( $(date +%s%N) + 10000000000 ))
  while xdotool search --onlyvisible --name "$name" >/dev/null 2>&1; do
    if [ "$(date +%s%N)" -gt "$deadline" ]; then
      echo "-1"; return
    fi
    sleep 0.005
  done
  echo $(( (end - start) / 1000000 ))
}

. "$(dirname "$0")/bench.sh"

: >"$tmp/app"; : >"$tmp/calc"
"$app" -d "$tmp/warm.db" --log-pain=3 >/dev/null   # a diary with an entry, as a user has
for _ in $(seq "$runs"); do
  time_window '^Pain Diary$' "$app" -d "$tmp/warm.db" >>"$tmp/app"
  if [ -n "$calculator" ]; then
    time_window '^Calculator$' "$calculator" >>"$tmp/calc"
  fi
done

# A run that could not time its window (it never showed, or never went away) is left out of
# the median and reported; when fewer than half the runs of a side were timed the comparison
# means nothing, and the benchmark fails rather than print a median of -1.
failed=0
untimed () { grep -cx -- '-1' "$1"; }
for side in app calc; do
  [ "$side" = calc ] && [ -z "$calculator" ] && continue
  bad=$(untimed "$tmp/$side")
  if [ "$bad" -gt 0 ]; then
    echo "could not time the $([ "$side" = app ] && echo 'Pain Diary' || echo 'GNOME Calculator') window in $bad of $runs runs"
  fi
  if [ $((bad * 2)) -gt "$runs" ]; then
    failed=1
  fi
  grep -vx -- '-1' "$tmp/$side" >"$tmp/$side.timed" || true
  mv "$tmp/$side.timed" "$tmp/$side"
done
app_ms=$(median <"$tmp/app")
echo "main window shown (median of $(wc -l <"$tmp/app") timed runs): ${app_ms} ms"
if [ -n "$calculator" ]; then
  calc_ms=$(median <"$tmp/calc")
  echo "GNOME Calculator window shown (median of $(wc -l <"$tmp/calc") timed runs): ${calc_ms} ms"
  if [ "$app_ms" -gt 0 ] && [ "$calc_ms" -gt 0 ]; then
    ratio=$(awk -v a="$app_ms" -v c="$calc_ms" 'BEGIN { printf "%.2f", a / c }')
    verdict=$(awk -v a="$app_ms" -v c="$calc_ms" 'BEGIN { print (a <= c) ? "within target" : "OVER TARGET" }')
    echo "ratio Pain Diary / GNOME Calculator: ${ratio}  [target <= 1.00: $verdict]"
  fi
else
  echo "gnome-calculator not installed: no ratio"
fi
[ "$failed" -eq 0 ] && [ "$app_ms" -gt 0 ]
