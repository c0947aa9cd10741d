# shellcheck shell=bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the benchmarks that start the program's window share, sourced after bench.sh:
# . "$(dirname "$0")/bench-window.sh". They need an X display, xdotool and ImageMagick's import.

now_ns () { date +%s%N; }

# not_measured WHY...: fails the benchmark, saying what could not be measured.
not_measured () {
  echo "FAIL: not measured: $*"
  exit 1
}

# need_window_tools: fails the benchmark unless there is an X display, xdotool and import.
need_window_tools () {
  [ -n "${DISPLAY:-}" ] || not_measured "no X display (run it under xvfb-run)"
  for tool in xdotool import; do
    command -v "$tool" >/dev/null || not_measured "$tool is not installed"
  done
}

# window_of NAME_REGEX: the id of the first visible window named so, once there is one
# (polled far faster than xdotool's own --sync); nothing after 30 s.
window_of () {
  local deadline=$(( $(now_ns) + 30000000000 )) wid
  until wid=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n 1) && [ -n "$wid" ]; do
    [ "$(now_ns)" -gt "$deadline" ] && return 1
    sleep 0.005
  done
  echo "$wid"
}

# stop PID NAME_REGEX: ends the process and waits until its window is gone (the next run
# starts only then); fails when it stays 10 s.
stop () {
  local deadline
  kill "$1" 2>/dev/null
  wait "$1" 2>/dev/null
  deadline=$(( $(now_ns) + 10000000000 ))
  while xdotool search --onlyvisible --name "$2" >/dev/null 2>&1; do
    [ "$(now_ns)" -gt "$deadline" ] && return 1
    sleep 0.005
  done
}

# settle PID [SLACK]: waits until the process has used no more than SLACK clock ticks (0
# unless given; a tick is 10 ms) of CPU time in half a second (its load, layout and drawing
# are done); fails when it dies or is still busy after 60 s.
settle () {
  local deadline=$(( $(now_ns) + 60000000000 )) slack=${2:-0} first=-1 ticks quiet=0
  while [ "$quiet" -lt 5 ]; do
    ticks=$(awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null) || return 1
    if [ "$first" -ge 0 ] && [ $((ticks - first)) -le "$slack" ]; then
      quiet=$((quiet + 1))
    else
      first=$ticks
      quiet=0
    fi
    [ "$(now_ns)" -gt "$deadline" ] && return 1
    sleep 0.1
  done
}

peak_kb () { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }

# window_hash WID: a hash of what the window shows.
window_hash () { import -window "$1" rgb:- 2>/dev/null | md5sum | cut -d' ' -f1; }
