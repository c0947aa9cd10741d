# shellcheck shell=bash disable=SC2154  # $app and $tmp come from the sourcing test
# SPDX-License-Identifier: GPL-3.0-or-later
#
# TAP for the shell tests, sourced by each: . "$(dirname "$0")/tap.sh"
# They set $app (the program that run starts) and call tap_setup (or set $tmp, a scratch
# folder, themselves) first, and end with tap_finish. bench-chart.sh sources it for
# tap_setup alone.

n=0
failed=0

# tap_setup: a scratch folder $tmp, removed on exit (made writable first), no display, and
# the app's data folder inside $tmp.
tap_setup () {
  tmp=$(mktemp -d)
  trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
  unset DISPLAY WAYLAND_DISPLAY
  export XDG_DATA_HOME="$tmp/data"
}

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

# not_ok DESCRIPTION [DETAIL...]: each detail becomes a comment line.
not_ok () {
  n=$((n + 1))
  failed=1
  echo "not ok $n - $1"
  # Also on stderr: meson --print-errorlogs shows that, not the TAP diagnostics, in a CI log.
  echo "not ok $n - $1" >&2
  shift
  local line
  for line in "$@"; do
    printf '%s\n' "$line" | sed 's/^/# /' | tee /dev/stderr
  done
}

# check COMMAND DESCRIPTION: ok when COMMAND (evaluated) succeeds.
check () {
  if eval "$1"; then ok "$2"; else not_ok "$2" "failed: $1"; fi
}

# temporaries DIR NAME: the temporary files that writing DIR/NAME uses (".NAME.part-XXXXXX")
# or used ("NAME.XXXXXX"), one a line; none when nothing was left behind.
temporaries () {
  ls -A "$1" | grep -E "^(\.$2\.part-.{6}|$2\..{6})\$"
}

# check_quiet_export FILE DIARY COPY: after an export to FILE, FILE has mode 0600, nothing
# was printed and DIARY still equals its COPY from before.
check_quiet_export () {
  check "[ \"\$(stat -c %a '$1')\" = 600 ]" "the export has mode 0600"
  check "[ ! -s '$tmp/out' ] && [ ! -s '$tmp/err' ]" "a file export prints nothing"
  check "cmp -s '$2' '$3'" "exporting leaves the diary unchanged"
}

# run EXPECTED_STATUS DESCRIPTION ARGS...: runs $app with ARGS, stdin from /dev/null, and
# checks its exit status; its stdout and stderr are left in $tmp/out and $tmp/err.
# $run_with (words, such as "setsid" or "timeout 20") goes before $app when set.
run () {
  local expected="$1" what="$2" status
  shift 2
  # shellcheck disable=SC2086  # $run_with is words
  ${run_with-} "$app" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
  status=$?
  if [ "$status" -eq "$expected" ]; then
    ok "$what (exit $status)"
  else
    not_ok "$what: exit $status, expected $expected" "stdout: $(head -c 2000 "$tmp/out")" \
      "stderr: $(cat "$tmp/err")"
  fi
}

# one_line_matching PATTERN DESCRIPTION: stderr is exactly one line and matches PATTERN.
one_line_matching () {
  local lines
  lines=$(wc -l <"$tmp/err")
  if [ "$lines" -eq 1 ] && grep -qE -- "$1" "$tmp/err"; then
    ok "$2: $(cat "$tmp/err")"
  else
    not_ok "$2: stderr should be one line matching /$1/" "got $lines lines: $(cat "$tmp/err")"
  fi
}

one_line () {
  one_line_matching "$@"
}

# The plan, and the exit status: 1 when any check failed.
tap_finish () {
  echo "1..$n"
  exit "$failed"
}
