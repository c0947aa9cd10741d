#!/bin/bash
# Runs one libFuzzer harness for a bounded time (TAP): a crash, a leak, undefined
# behaviour or a broken invariant fails, and the input that did it is printed.
# usage: run-fuzzer.sh FUZZER SECONDS SEED_DIR...
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

fuzzer="$1" seconds="$2"
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/corpus" "$tmp/crash"

echo "1..1"
# New inputs go to a scratch corpus; the seed folders in the source tree are only read.
"$fuzzer" -max_total_time="$seconds" -max_len=4096 -timeout=20 -rss_limit_mb=2560 \
  -print_final_stats=1 -artifact_prefix="$tmp/crash/" "$tmp/corpus" "$@" >"$tmp/log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/log")
name=${fuzzer##*/}
if [ "$status" -eq 0 ]; then
  echo "ok 1 - $name: ${runs:-?} runs in ${seconds} s, no crash, leak or broken invariant"
  echo "# $name: ${runs:-?} runs, corpus $(find "$tmp/corpus" -type f | wc -l) new inputs"
  exit 0
fi
echo "not ok 1 - $name: exit $status after ${runs:-?} runs"
grep -v '^#\|^INFO\|^\s*$' "$tmp/log" | tail -60 | sed 's/^/# /'
for input in "$tmp"/crash/*; do
  [ -f "$input" ] || continue
  echo "# input $input (base64): $(base64 -w0 "$input")"
  # Again with full stacks (through libraries built without frame pointers).
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:fast_unwind_on_malloc=0" "$fuzzer" "$input" 2>&1 \
    | grep -E '^\s+#[0-9]+ .* in (pd_|_pd|[a-z_]+ .*/(src|tests)/)|ERROR|SUMMARY|invariant' \
    | head -40 | sed 's/^/# /'
done
exit 1
