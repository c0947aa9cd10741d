#!/bin/bash
# pain-diary --body-map without a display (TAP).
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: test-body-map-cli.sh PAIN-DIARY
set -u

app="$1"
. "$(dirname "$0")/tap.sh"
tap_setup
check () { if eval "$2"; then ok "$1"; else not_ok "$1" "$(cat "$tmp/out" "$tmp/err" 2>/dev/null)"; fi; }


# February: the low back only. March 1-14: the low back every day, the outer left lower
# leg from the 10th: the pain now reaches below the knee.
csv="$tmp/diary.csv"
echo "id,date,time,utc_offset,kind,pain,enjoyment_interference,activity_interference,locations,qualities,sleep_hours,sleep_quality,mood,red_flags,item,amount,unit,duration_min,intensity,note" >"$csv"
i=0
row () { i=$((i + 1)); printf '5f2b8c1e-7a4d-4c3b-9e21-%012d,%s,08:30,+01:00,pain,%s,,,%s,,,,,,,,,,,\n' "$i" "$1" "$2" "$3" >>"$csv"; }
for d in 17 18 19 20 21 22; do row "2024-02-$d" 5 low_back; done
for d in 01 02 03 04 05 06 07 08 09; do row "2024-03-$d" 4 low_back; done
for d in 10 11 12 13 14; do row "2024-03-$d" 7 "low_back;lower_leg_outer_left"; done
db="$tmp/diary.db"
"$app" -d "$db" --import-csv="$csv" >/dev/null 2>"$tmp/err" || { echo "Bail out! cannot import: $(cat "$tmp/err")"; exit 1; }
before=$(sha256sum "$db" | cut -d' ' -f1)

run 0 "PNG of a fortnight" -d "$db" --body-map="$tmp/map.png" --from=2024-03-01 --to=2024-03-14
check "PNG signature" '[ "$(head -c 8 "$tmp/map.png" | od -An -tx1 | tr -d " \n")" = 89504e470d0a1a0a ]'
check "default size 900x1000" '[ "$(od -An -tx1 -j16 -N8 "$tmp/map.png" | tr -d " \n")" = 00000384000003e8 ]'
check "mode 0600" '[ "$(stat -c %a "$tmp/map.png")" = 600 ]'
check "summary: low back most often" 'grep -q "Most often: Low back, 14 of 14 days" "$tmp/out"'
check "summary: the outer left lower leg" 'grep -q "Outer side of left lower leg, 5 days" "$tmp/out"'
check "note: below the knee, new" 'grep -q "below the knee" "$tmp/out"'
check "no temporary file left" '[ -z "$(temporaries "$tmp" map.png)" ]'
check "the diary is unchanged" '[ "$(sha256sum "$db" | cut -d" " -f1)" = "$before" ]'

run 0 "February: no note" -d "$db" --body-map="$tmp/feb.png" --from=2024-02-15 --to=2024-02-28
check "no below-the-knee note in February" '! grep -q "below the knee" "$tmp/out"'

run 0 "SVG, narrow" -d "$db" --body-map="$tmp/map.svg" --from=2024-03-01 --to=2024-03-14 \
  --width=360 --height=900
if command -v xmllint >/dev/null; then
  check "SVG parses as XML" 'xmllint --noout "$tmp/map.svg" 2>"$tmp/err"'
  check "SVG root element is svg" \
    '[ "$(xmllint --xpath "local-name(/*)" "$tmp/map.svg" 2>/dev/null)" = svg ]'
else
  check "SVG root element is svg" 'grep -q "<svg" "$tmp/map.svg"'
fi
check "SVG mode 0600" '[ "$(stat -c %a "$tmp/map.svg")" = 600 ]'

run 0 "a period without data" -d "$db" --body-map="$tmp/empty.png" --from=2023-01-01 --to=2023-01-31
check "says there were no entries" 'grep -q "No pain entries in this period" "$tmp/out"'
check "still a picture" '[ -s "$tmp/empty.png" ]'

# The report has the same picture and words.
run 0 "the report of the fortnight" -d "$db" --report="$tmp/report.pdf" --from=2024-03-01 --to=2024-03-14
if command -v pdftotext >/dev/null; then
  pdftotext "$tmp/report.pdf" "$tmp/report.txt"
  check "the report has a Where it hurt section" 'grep -q "Where it hurt" "$tmp/report.txt"'
  check "the report says the pain reaches below the knee" 'grep -q "below the knee" "$tmp/report.txt"'
  check "the report names the low back" 'grep -q "Most often: Low back, 14 of 14 days" "$tmp/report.txt"'
fi

run 2 "unknown extension" -d "$db" --body-map="$tmp/map.jpg"
one_line "\.png or \.svg" "names the formats"
check "nothing written" '[ ! -e "$tmp/map.jpg" ]'
run 2 "bad --from" -d "$db" --body-map="$tmp/x.png" --from=2024-02-30
one_line "--from" "names the option"
run 2 "from after to" -d "$db" --body-map="$tmp/x.png" --from=2024-03-02 --to=2024-03-01
run 2 "absurd size" -d "$db" --body-map="$tmp/x.png" --width=5
run 1 "missing folder" -d "$db" --body-map="$tmp/no/such/dir/x.png"
one_line "no/such/dir/x.png: " "names the file"
run 1 "missing diary" -d "$tmp/none.db" --body-map="$tmp/x.png"
check "a missing diary is not created" '[ ! -e "$tmp/none.db" ]'

tap_finish
