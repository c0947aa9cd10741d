#!/bin/bash
# Start-up and memory against GNOME Calculator, side by side in one run (issue 11):
#  - time until the main window is shown, with a one-entry diary and with the 10-year diary,
#    against the time until Calculator's window is shown (target: at most 0.8x);
#  - peak memory (VmHWM) of the window holding the 10-year diary on the Trends page, once it
#    has settled, against Calculator's once its window has settled (target: at most 1.2x).
# Prints every figure and ratio. A side that could not be measured (no Calculator, a window
# that never showed or never went away, a page that did not change) fails the benchmark.
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: bench-startup.sh PAIN-DIARY MAKE-DIARY
# Needs an X display (build-aux/test runs benchmarks under xvfb-run), xdotool and
# ImageMagick's import.
set -u

app="$1"
make_diary="$2"
runs=${PD_STARTUP_RUNS:-7}
mem_runs=${PD_MEMORY_RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" GSETTINGS_BACKEND=memory

. "$(dirname "$0")/bench.sh"
. "$(dirname "$0")/bench-window.sh"

need_window_tools
calculator=$(command -v gnome-calculator) ||
  not_measured "gnome-calculator (the reference, build-aux/deps.sh) is not installed"

# time_window NAME_REGEX CMD...: milliseconds from exec until a visible window named
# NAME_REGEX; -1 when it never showed or never went away.
time_window () {
  local name="$1" start end pid
  shift
  start=$(now_ns)
  "$@" >/dev/null 2>&1 &
  pid=$!
  if ! window_of "$name" >/dev/null; then
    stop "$pid" "$name"
    echo -1
    return
  fi
  end=$(now_ns)
  stop "$pid" "$name" || { echo -1; return; }
  echo $(( (end - start) / 1000000 ))
}

# peak_memory NAME_REGEX PAGE_KEY CMD...: the process's peak resident memory in kB once its
# window has settled, after PAGE_KEY (a key to press in the window, or "") has changed what
# the window shows and that has settled too; -1 when it could not be measured.
peak_memory () {
  local name="$1" key="$2" pid wid before kb
  shift 2
  "$@" >/dev/null 2>&1 &
  pid=$!
  if ! wid=$(window_of "$name") || ! settle "$pid"; then
    stop "$pid" "$name"
    echo -1
    return
  fi
  if [ -n "$key" ]; then
    before=$(window_hash "$wid")
    xdotool windowfocus --sync "$wid" 2>/dev/null
    xdotool key --clearmodifiers "$key"
    if ! settle "$pid" || [ "$(window_hash "$wid")" = "$before" ]; then
      echo "the key $key did not change the window" >&2
      stop "$pid" "$name"
      echo -1
      return
    fi
  fi
  kb=$(peak_kb "$pid")
  stop "$pid" "$name" || { echo -1; return; }
  echo "${kb:--1}"
}

"$app" -d "$tmp/one.db" --log-pain=3 >/dev/null || not_measured "the one-entry diary was not made"
"$make_diary" "$tmp/ten.db" 3650 6 8 3 >/dev/null || not_measured "the 10-year diary was not made"

# One run of each, not counted: the files in the page cache, the day's backup made.
time_window '^Pain Diary$' "$app" -d "$tmp/one.db" >/dev/null
time_window '^Pain Diary$' "$app" -d "$tmp/ten.db" >/dev/null
time_window '^Calculator$' "$calculator" >/dev/null

: >"$tmp/one"; : >"$tmp/ten"; : >"$tmp/calc"; : >"$tmp/mem_ten"; : >"$tmp/mem_calc"
# timed_run FILE NAME_REGEX CMD...: one timed start-up into FILE; an attempt that could not be
# timed (on a loaded machine a window may come too late, or linger) is written to FILE.missed
# and tried again, up to three times; a run with no timed attempt counts as -1.
timed_run () {
  local file="$1" ms
  shift
  for _ in 1 2 3; do
    ms=$(time_window "$@")
    [ "$ms" != -1 ] && break
    echo -1 >>"$file.missed"
  done
  echo "$ms" >>"$file"
}
for _ in $(seq "$runs"); do
  timed_run "$tmp/one" '^Pain Diary$' "$app" -d "$tmp/one.db"
  timed_run "$tmp/ten" '^Pain Diary$' "$app" -d "$tmp/ten.db"
  timed_run "$tmp/calc" '^Calculator$' "$calculator"
done
for _ in $(seq "$mem_runs"); do
  peak_memory '^Pain Diary$' alt+4 "$app" -d "$tmp/ten.db" >>"$tmp/mem_ten"
  peak_memory '^Calculator$' '' "$calculator" >>"$tmp/mem_calc"
done

# A run that could not be measured is reported and left out of the median; when fewer than
# half the runs of a side were measured, the comparison means nothing and the benchmark fails.
failed=0
declare -A label=(
  [one]="Pain Diary (one entry) start-up" [ten]="Pain Diary (10-year diary) start-up"
  [calc]="GNOME Calculator start-up" [mem_ten]="Pain Diary (10-year diary, Trends) memory"
  [mem_calc]="GNOME Calculator memory"
)
declare -A med
for side in one ten calc mem_ten mem_calc; do
  total=$(wc -l <"$tmp/$side")
  bad=$(grep -cx -- '-1' "$tmp/$side")
  [ "$bad" -gt 0 ] && echo "could not measure ${label[$side]} in $bad of $total runs"
  [ -s "$tmp/$side.missed" ] &&
    echo "${label[$side]}: $(wc -l <"$tmp/$side.missed") attempts could not be timed and were tried again"
  grep -vx -- '-1' "$tmp/$side" >"$tmp/$side.ok"
  if [ $((bad * 2)) -gt "$total" ] || [ ! -s "$tmp/$side.ok" ]; then
    echo "FAIL: ${label[$side]}: too few runs measured"
    failed=1
    med[$side]=0
  else
    med[$side]=$(median <"$tmp/$side.ok")
  fi
done
[ "$failed" -eq 0 ] || exit 1

# ratio A B TARGET: A / B, and whether it is within TARGET.
ratio () {
  awk -v a="$1" -v b="$2" -v t="$3" \
    'BEGIN { r = a / b; printf "%.2f  [target <= %.2f: %s]", r, t, (r <= t) ? "within target" : "OVER TARGET" }'
}
echo "main window shown, one entry (median of $(wc -l <"$tmp/one.ok") runs): ${med[one]} ms"
echo "main window shown, 10-year diary (median of $(wc -l <"$tmp/ten.ok") runs): ${med[ten]} ms"
echo "GNOME Calculator window shown (median of $(wc -l <"$tmp/calc.ok") runs): ${med[calc]} ms"
echo "start-up ratio Pain Diary / GNOME Calculator, one entry: $(ratio "${med[one]}" "${med[calc]}" 0.8)"
echo "start-up ratio Pain Diary / GNOME Calculator, 10-year diary: $(ratio "${med[ten]}" "${med[calc]}" 0.8)"
echo "peak memory, 10-year diary on the Trends page (median of $(wc -l <"$tmp/mem_ten.ok") runs):" \
     "$(( ${med[mem_ten]} / 1024 )) MB"
echo "peak memory, GNOME Calculator (median of $(wc -l <"$tmp/mem_calc.ok") runs):" \
     "$(( ${med[mem_calc]} / 1024 )) MB"
echo "memory ratio Pain Diary / GNOME Calculator: $(ratio "${med[mem_ten]}" "${med[mem_calc]}" 1.2)"
