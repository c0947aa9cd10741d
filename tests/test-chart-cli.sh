#!/bin/bash
# pain-diary --chart without a display (TAP).
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: test-chart-cli.sh PAIN-DIARY MAKE-DIARY
set -u

app="$1"
chart_diary="$2"
. "$(dirname "$0")/tap.sh"
tap_setup
check () { if eval "$2"; then ok "$1"; else not_ok "$1" "$(cat "$tmp/err" 2>/dev/null)"; fi; }

db="$tmp/demo.db"
"$chart_diary" "$db" demo || { echo "Bail out! cannot make the demo diary"; exit 1; }
before=$(sha256sum "$db" | cut -d' ' -f1)

run 0 "PNG of the demo diary" -d "$db" --chart="$tmp/chart.png"
check "PNG signature" '[ "$(head -c 8 "$tmp/chart.png" | od -An -tx1 | tr -d " \n")" = 89504e470d0a1a0a ]'
check "default size 1600x900" '[ "$(od -An -tx1 -j16 -N8 "$tmp/chart.png" | tr -d " \n")" = 0000064000000384 ]'
check "prints the summary" 'grep -q "pain averaged" "$tmp/out"'
check "no temporary file left" '[ -z "$(temporaries "$tmp" chart.png)" ]'
check "the diary is unchanged" '[ "$(sha256sum "$db" | cut -d" " -f1)" = "$before" ]'

run 0 "SVG with a range and size" -d "$db" --chart="$tmp/chart.svg" --from=2020-01-01 \
  --to=2020-03-31 --width=800 --height=500
if command -v xmllint >/dev/null; then
  check "SVG parses as XML" 'xmllint --noout "$tmp/chart.svg" 2>"$tmp/err"'
  check "SVG root element is svg" \
    '[ "$(xmllint --xpath "local-name(/*)" "$tmp/chart.svg" 2>/dev/null)" = svg ]'
else
  check "SVG root element is svg" 'grep -q "<svg" "$tmp/chart.svg"'
fi

run 2 "unknown extension" -d "$db" --chart="$tmp/chart.jpg"
one_line "\.png or \.svg" "names the formats"
check "nothing written" '[ ! -e "$tmp/chart.jpg" ]'
run 2 "bad --from" -d "$db" --chart="$tmp/x.png" --from=2024-02-30
one_line "--from" "names the option"
run 2 "bad --to" -d "$db" --chart="$tmp/x.png" --to=yesterday
run 2 "from after to" -d "$db" --chart="$tmp/x.png" --from=2024-03-02 --to=2024-03-01
one_line "after" "says why"
run 2 "absurd size" -d "$db" --chart="$tmp/x.png" --width=5
mkdir "$tmp/locked" && chmod a-w "$tmp/locked"
if [ "$(id -u)" -ne 0 ]; then
  run 1 "unwritable file" -d "$db" --chart="$tmp/locked/x.png"
  one_line "locked/x.png" "names the file"
fi
run 1 "missing folder" -d "$db" --chart="$tmp/no/such/dir/x.png"
one_line "no/such/dir/x.png: " "names the file"
run 1 "missing diary" -d "$tmp/none.db" --chart="$tmp/x.png"
check "a missing diary is not created" '[ ! -e "$tmp/none.db" ]'
"$app" -d "$tmp/one.db" --log-pain=4 >/dev/null 2>&1
run 0 "a diary of one entry" -d "$tmp/one.db" --chart="$tmp/one.png"

# A damaged diary: an index page that reading the records does not need is overwritten,
# so that only the quick check (which runs while the records are read) finds it. Nothing
# may be written for it: no chart, no CSV, no report, no temporary file.
damaged="$tmp/damaged.db"
cp "$db" "$damaged"
page=$(sqlite3 "$damaged" "SELECT min(pageno) FROM dbstat WHERE name = 'sqlite_autoindex_pain_entries_1'")
size=$(sqlite3 "$damaged" "PRAGMA page_size")
head -c "$size" /dev/urandom | dd of="$damaged" bs="$size" seek=$((page - 1)) count=1 conv=notrunc status=none
check "the damaged copy fails its quick check" \
  '[ "$(sqlite3 "$damaged" "PRAGMA quick_check" | head -n 1)" != ok ]'
check "its records can still be read" \
  '[ "$(sqlite3 "$damaged" "SELECT count(pain) FROM pain_entries")" -gt 0 ]'
run 1 "--chart of a damaged diary" -d "$damaged" --chart="$tmp/damaged.png"
one_line "damaged.db.*damaged" "--chart of a damaged diary names it"
check "no chart written" '[ -z "$(ls "$tmp" | grep "^damaged.png")" ]'
run 1 "--export-csv of a damaged diary" -d "$damaged" --export-csv="$tmp/damaged.csv"
one_line "damaged.db.*damaged" "--export-csv of a damaged diary names it"
check "no CSV written" '[ -z "$(ls "$tmp" | grep "^damaged.csv")" ]'
run 1 "--export-csv of a damaged diary to standard output" -d "$damaged" --export-csv=-
check "nothing on standard output" '[ ! -s "$tmp/out" ]'
run 1 "--report of a damaged diary" -d "$damaged" --report="$tmp/damaged.pdf"
one_line "damaged.db.*damaged" "--report of a damaged diary names it"
check "no report written" '[ -z "$(ls "$tmp" | grep "^damaged.pdf")" ]'

tap_finish
