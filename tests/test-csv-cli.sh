#!/bin/bash
# CSV export and import on the command line (TAP): test-csv-cli.sh PAIN_DIARY MAKE_DIARY CORPUS_DIR
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

app="$1"
make_diary="$2"
corpus="$3"

. "$(dirname "$0")/tap.sh"
tap_setup

header='id,date,time,utc_offset,kind,pain,enjoyment_interference,activity_interference,locations,qualities,sleep_hours,sleep_quality,mood,red_flags,item,amount,unit,duration_min,intensity,note,back_pain,leg_pain,event_kind,end_date'
summary_header='date,entries,pain_mean,pain_min,pain_max,enjoyment_interference_mean,activity_interference_mean,sleep_hours,mood_mean,doses,opioid_mme,activity_min,events,back_pain_mean,leg_pain_mean,psfs_mean,acetaminophen_mg,safety_flags'

db="$tmp/demo.db"
"$make_diary" "$db" demo || { echo "Bail out! make-diary failed"; exit 1; }
cp "$db" "$tmp/demo-before.db"

run 0 "--export-csv to a file" -d "$db" --export-csv="$tmp/a.csv"
check "[ \"\$(head -n 1 '$tmp/a.csv')\" = \"$header\"\$'\\r' ]" "the file starts with the header and CRLF"
check_quiet_export "$tmp/a.csv" "$db" "$tmp/demo-before.db"
rows=$(($(grep -c $'^[0-9a-f]\\{8\\}-' "$tmp/a.csv")))
check "[ $rows -gt 500 ]" "the demo diary exports $rows records"

run 0 "--export-csv=- writes to standard output" -d "$db" --export-csv=-
check "cmp -s '$tmp/out' '$tmp/a.csv'" "standard output holds the same bytes"

LC_ALL=de_DE.UTF-8 "$app" -d "$db" --export-csv="$tmp/de.csv" 2>"$tmp/err"
check "cmp -s '$tmp/de.csv' '$tmp/a.csv'" "LC_ALL=de_DE.UTF-8 exports the same bytes"

run 0 "--import-csv into a new diary" -d "$tmp/copy.db" --import-csv="$tmp/a.csv"
check "grep -qxF 'Imported $rows records (0 already present) from $tmp/a.csv into $tmp/copy.db' '$tmp/out'" \
  "the import says what it did: $(cat "$tmp/out")"
run 0 "--export-csv of the copy" -d "$tmp/copy.db" --export-csv="$tmp/b.csv"
check "cmp -s '$tmp/a.csv' '$tmp/b.csv'" "export, import, export gives the same bytes"

cp "$tmp/copy.db" "$tmp/copy-before.db"
run 0 "importing the same file again" -d "$tmp/copy.db" --import-csv="$tmp/a.csv"
check "grep -qxF 'Imported 0 records ($rows already present) from $tmp/a.csv into $tmp/copy.db' '$tmp/out'" \
  "the second import adds nothing: $(cat "$tmp/out")"
check "cmp -s '$tmp/copy.db' '$tmp/copy-before.db'" "the second import leaves the diary file unchanged"

run 0 "--export-summary-csv" -d "$db" --export-summary-csv="$tmp/s.csv"
check "[ \"\$(head -n 1 '$tmp/s.csv')\" = \"$summary_header\"\$'\\r' ]" "the summary starts with its header"
check "[ \$(wc -l <'$tmp/s.csv') -gt 100 ]" "the summary has a row per day of the demo"
check "tail -n +2 '$tmp/s.csv' | cut -d, -f1 | sort -c -u" "one row per date, ascending"

run 0 "--from/--to limit the export" -d "$db" --export-csv=- --from=2026-03-01 --to=2026-03-07
check "! grep -vE '^(id,|[0-9a-f-]{36},2026-03-0[1-7],)' '$tmp/out' | grep -q ," "only rows dated 2026-03-01..07"
run 0 "--from/--to limit the summary" -d "$db" --export-summary-csv=- --from=2026-03-01 --to=2026-03-07
check "[ \$(wc -l <'$tmp/out') -eq 8 ]" "seven days in the summary"

run 2 "--from=2026-02-30 is a usage error" -d "$db" --export-csv=- --from=2026-02-30
one_line_matching "--from: .*2026-02-30.*YYYY-MM-DD" "a bad --from says why"
run 2 "--to=tomorrow is a usage error" -d "$db" --export-csv=- --to=tomorrow
one_line_matching "--to: .*tomorrow" "a bad --to says why"
run 2 "--from after --to is a usage error" -d "$db" --export-csv=- --from=2026-03-07 --to=2026-03-01
one_line_matching "after" "from after to says why"

run 1 "exporting a missing diary fails" -d "$tmp/none.db" --export-csv="$tmp/x.csv"
one_line_matching "none.db" "the missing diary is named"
check "[ ! -e '$tmp/none.db' ] && [ ! -e '$tmp/x.csv' ]" "nothing was created"

printf 'this is not a diary, just text%.0s\n' $(seq 200) >"$tmp/foreign.db"
cp "$tmp/foreign.db" "$tmp/foreign-before.db"
run 1 "exporting a foreign file fails" -d "$tmp/foreign.db" --export-csv="$tmp/x.csv"
one_line_matching "foreign.db" "the foreign file is named"
run 1 "importing into a foreign file fails" -d "$tmp/foreign.db" --import-csv="$tmp/a.csv"
one_line_matching "foreign.db" "the foreign file is named"
check "cmp -s '$tmp/foreign.db' '$tmp/foreign-before.db'" "the foreign file is untouched"

run 1 "exporting into a missing folder fails" -d "$db" --export-csv="$tmp/no/such/dir/x.csv"
one_line_matching "x.csv" "the export file is named"

for bad in unknown-kind.csv date-feb-30.csv bad-row-after-multiline.csv invalid-utf8.csv; do
  run 1 "importing $bad fails" -d "$tmp/copy.db" --import-csv="$corpus/$bad"
  one_line_matching "^pain-diary: $corpus/$bad:[0-9]+: [a-z_]+: " "$bad names file, line and field"
  check "cmp -s '$tmp/copy.db' '$tmp/copy-before.db'" "$bad leaves the diary unchanged"
done
run 1 "importing a bad file into a new diary fails" -d "$tmp/fresh.db" --import-csv="$corpus/unknown-kind.csv"
check "[ ! -e '$tmp/fresh.db' ]" "no empty diary is left behind"
run 1 "importing a missing file fails" -d "$tmp/copy.db" --import-csv="$tmp/missing.csv"
one_line_matching "missing.csv" "the missing file is named"

# Files as people and other tools write them: each imports into an empty diary, and its
# export imports into another empty diary and exports the same bytes.
for good in ok-labels-english.csv ok-semicolon-spreadsheet.csv ok-v1-events.csv ok-v2.csv \
            ok-cr-only.csv ok-blank-last-line.csv ok-bom.csv ok-spine.csv ok-as-people-write.csv \
            ok-blank-line-between.csv ok-hand-written.csv ok-no-note-column.csv ok-tab-separated.csv \
            ok-spaces-around-quotes.csv ok-iso-offsets.csv ok-excel-sep-line.csv; do
  rm -f "$tmp/g1.db" "$tmp/g2.db"
  run 0 "importing $good" -d "$tmp/g1.db" --import-csv="$corpus/$good"
  run 0 "exporting what $good gave" -d "$tmp/g1.db" --export-csv="$tmp/g1.csv"
  run 0 "importing that export" -d "$tmp/g2.db" --import-csv="$tmp/g1.csv"
  run 0 "exporting again" -d "$tmp/g2.db" --export-csv="$tmp/g2.csv"
  check "cmp -s '$tmp/g1.csv' '$tmp/g2.csv'" "$good: export, import, export gives the same bytes"
done
rm -f "$tmp/g1.db"
"$app" -d "$tmp/g1.db" --import-csv="$corpus/ok-labels-english.csv" >/dev/null 2>&1
"$app" -d "$tmp/g1.db" --export-csv="$tmp/g1.csv" >/dev/null 2>&1
check "grep -q ',pain,7,,,low_back;buttock_right;Pins in my hip,electric;Like ants crawling,' '$tmp/g1.csv'" \
  "labels come back as keys, own values exactly as written"
rm -f "$tmp/g1.db"
"$app" -d "$tmp/g1.db" --import-csv="$corpus/ok-v1-events.csv" >/dev/null 2>&1
"$app" -d "$tmp/g1.db" --export-csv="$tmp/g1.csv" >/dev/null 2>&1
check "grep -q ',Lumbar fusion L4-L5,,,,,St. Mary.s,,,surgery,' '$tmp/g1.csv'" "a version 1 fusion is a surgery"
check "grep -q ',Started physio,,,,,Twice a week,,,other,' '$tmp/g1.csv'" "an unknown title is other"

# A damaged page among the doses, which the export reads (test-chart-cli damages an index
# it does not read): the reading fails, and the quick check says why.
damaged="$tmp/damaged.db"
cp "$db" "$damaged"
page=$(sqlite3 "$damaged" "SELECT max(pageno) FROM dbstat WHERE name = 'doses' AND pagetype = 'leaf'")
size=$(sqlite3 "$damaged" "PRAGMA page_size")
head -c "$size" /dev/zero | tr '\0' '\377' | dd of="$damaged" bs="$size" seek=$((page - 1)) count=1 \
  conv=notrunc status=none
run 1 "--export-csv of a diary with a damaged table" -d "$damaged" --export-csv="$tmp/damaged.csv"
one_line_matching "damaged.db.* is damaged" "it says the diary is damaged"
check "[ ! -e '$tmp/damaged.csv' ] && [ -z \"\$(temporaries '$tmp' damaged.csv)\" ]" \
  "no CSV and no temporary file written"
run 1 "--export-csv of it to standard output" -d "$damaged" --export-csv=-
check "[ ! -s '$tmp/out' ]" "nothing on standard output"
# With a good daily backup beside it, the message names the backup and how to restore it.
mkdir -p "$tmp/backups"
sqlite3 "$db" ".backup '$tmp/backups/damaged-2026-01-01.db'"
run 1 "--export-csv of a damaged diary with a good backup" -d "$damaged" --export-csv="$tmp/damaged.csv"
one_line_matching "damaged.db.* is damaged.*backup exists: .*damaged-2026-01-01.db.*open the diary in the window \(pain-diary -d .*damaged.db.?\) and choose Restore Newest Backup" \
  "it names the backup and how to restore it"

for bad in unknown-red-flag-label.csv bad-event-kind.csv semicolon-bad-decimal.csv \
           function-amount-11.csv impression-unknown-event.csv; do
  run 1 "importing $bad fails" -d "$tmp/copy.db" --import-csv="$corpus/$bad"
  one_line_matching "^pain-diary: $corpus/$bad:[0-9]+: [a-z_]+: " "$bad names file, line and field"
  check "cmp -s '$tmp/copy.db' '$tmp/copy-before.db'" "$bad leaves the diary unchanged"
done

tap_finish
