#!/bin/bash
# No network, ever: every command-line operation runs under strace, and any AF_INET or
# AF_INET6 socket fails the test (TAP).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

app="$1"

. "$(dirname "$0")/tap.sh"
tap_setup

if ! command -v strace >/dev/null || ! strace -f -qq -o /dev/null true 2>/dev/null; then
  echo "1..0 # SKIP strace is missing or may not trace here"
  exit 0
fi

trace () { strace -f -qq -e trace=network -o "$tmp/strace.log" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; }
inet_sockets () { grep -E 'socket\(AF_INET6?\b' "$tmp/strace.log"; }

# traced DESCRIPTION COMMAND...: runs COMMAND under strace; fails on an Internet socket.
traced () {
  local what="$1"; shift
  trace "$@"
  local status=$?
  if inet_sockets >/dev/null; then
    not_ok "$what opens no Internet socket" "$(inet_sockets | head -5)"
  else
    ok "$what opens no Internet socket (exit $status)"
  fi
}

# The detector itself: bash's /dev/tcp to 127.0.0.1 must be seen.
trace bash -c 'exec 3<>/dev/tcp/127.0.0.1/9'
if inet_sockets >/dev/null; then
  ok "the detector sees an Internet socket"
else
  not_ok "the detector sees an Internet socket" "$(cat "$tmp/strace.log")"
fi

db="$tmp/diary.db"
traced "--version" "$app" --version
traced "--log-pain (creating the diary)" "$app" -d "$db" --log-pain=5 --note="no network"
traced "--log-pain" "$app" -d "$db" --log-pain=6 --at=2026-01-02T10:00
traced "--export-csv" "$app" -d "$db" --export-csv="$tmp/export.csv"
traced "--export-summary-csv" "$app" -d "$db" --export-summary-csv="$tmp/summary.csv"
traced "--import-csv" "$app" -d "$tmp/other.db" --import-csv="$tmp/export.csv"
traced "--report" "$app" -d "$db" --report="$tmp/report.pdf"
traced "--chart PNG" "$app" -d "$db" --chart="$tmp/chart.png"
traced "--chart SVG" "$app" -d "$db" --chart="$tmp/chart.svg"
traced "a refused option" "$app" -d "$db" --log-pain=3 --export-csv=-
[ -s "$tmp/report.pdf" ] && [ -s "$tmp/chart.png" ] && [ -s "$tmp/other.db" ] \
  && ok "the traced operations did their work" || not_ok "the traced operations did their work"

tap_finish
