#!/bin/bash
# Command-line behaviour of pain-diary without a display (TAP).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

app="$1"

. "$(dirname "$0")/tap.sh"
tap_setup

count_entries () {
  sqlite3 "$1" "SELECT count(*) FROM pain_entries WHERE deleted IS NULL" 2>/dev/null || echo "none"
}

db="$tmp/diary.db"

run 0 "--version" --version
grep -qE '^pain-diary [0-9]+\.[0-9]+' "$tmp/out" && ok "--version prints the version" || not_ok "--version output" "$(cat "$tmp/out")"

for bad in 11 abc -1 7.5 ""; do
  run 1 "--log-pain='$bad' is refused" -d "$db" --log-pain="$bad"
  one_line_matching "pain score" "--log-pain='$bad' explains the score"
  [ ! -e "$db" ] && ok "--log-pain='$bad' wrote nothing" || not_ok "--log-pain='$bad' created $db"
done

run 1 "--at=yesterday-ish is refused" -d "$db" --log-pain=5 --at=yesterday-ish
one_line_matching "--at: .*yesterday-ish.*YYYY-MM-DD" "--at explains the format"
[ ! -e "$db" ] && ok "--at=yesterday-ish wrote nothing" || not_ok "--at=yesterday-ish created $db"

run 1 "a future --at is refused" -d "$db" --log-pain=5 --at=2999-01-01T10:00
one_line_matching "future" "a future --at says why"

run 0 "--log-pain=6 with a note and a time" -d "$db" --log-pain=6 --note="Walked 20 minutes" --at=2026-03-29T23:30
[ "$(count_entries "$db")" = "1" ] && ok "one entry stored" || not_ok "entries stored: $(count_entries "$db")"
row=$(sqlite3 "$db" "SELECT pain, note, utc_offset, local_date FROM pain_entries")
[ "$row" = "6|Walked 20 minutes|7200|2026-03-29" ] && ok "entry holds score, note, offset and local date" \
  || not_ok "stored row is '$row'"
mode=$(stat -c %a "$db")
[ "$mode" = "600" ] && ok "diary file mode is 0600" || not_ok "diary file mode is $mode"

run 0 "--log-pain with a space-separated time" -d "$db" --log-pain=3 --at="2026-03-30 08:15"
[ "$(count_entries "$db")" = "2" ] && ok "two entries stored" || not_ok "entries stored: $(count_entries "$db")"

run 0 "FILE argument and no --at" "$db" --log-pain=4
[ "$(count_entries "$db")" = "3" ] && ok "FILE argument selects the diary" || not_ok "entries stored: $(count_entries "$db")"

run 0 "default diary under XDG_DATA_HOME" --log-pain=2
[ -f "$XDG_DATA_HOME/pain-diary/diary.db" ] && ok "default diary created" || not_ok "no default diary"

run 2 "an unknown option is a usage error" --no-such-option
run 2 "--note without --log-pain is a usage error" -d "$db" --note=hello
run 2 "two diary files is a usage error" "$db" "$tmp/other.db"

printf 'this is not a diary\n' >"$tmp/notes.txt"
before=$(sha256sum <"$tmp/notes.txt")
run 1 "a file that is not a diary is refused" -d "$tmp/notes.txt" --log-pain=5
one_line_matching "notes.txt" "the message names the file"
[ "$(sha256sum <"$tmp/notes.txt")" = "$before" ] && ok "the foreign file is unchanged" || not_ok "the foreign file changed"

sqlite3 "$tmp/newer.db" "PRAGMA application_id=1348748409; PRAGMA user_version=99; CREATE TABLE t(x);"
before=$(sha256sum <"$tmp/newer.db")
run 1 "a diary from a newer version is refused" -d "$tmp/newer.db" --log-pain=5
one_line_matching "newer" "the message says it is newer"
[ "$(sha256sum <"$tmp/newer.db")" = "$before" ] && ok "the newer diary is unchanged" || not_ok "the newer diary changed"

# --review: a file that cannot be reviewed is one clear line and exit 1, before any window
# (no display here), and nothing is created or changed.
rv="$tmp/review"
mkdir "$rv"
printf 'this is not a diary\n' >"$rv/notes.txt"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >"$rv/scan.png"
printf '\xff\xfei\0d\0,\0d\0a\0t\0e\0\n\0' >"$rv/unicode.csv"
printf 'id,date,time,utc_offset,kind,pain,enjoyment_interference,activity_interference,locations,qualities,sleep_hours,sleep_quality,mood,red_flags,item,amount,unit,duration_min,intensity,note\n5f2b8c1e-7a4d-4c3b-9e21-000000000001,2026-03-01,08:30,+01:00,pain,12,,,,,,,,,,,,,,\n' >"$rv/bad.csv"
cp "$tmp/newer.db" "$rv/newer.db"
state () { (cd "$rv" && ls -A && sha256sum -- * && stat -c '%n %Y.%y' -- *); }
before=$(state)
# Each refusal: the file in $rv | what it is | the pattern of its one line | what that line does.
while IFS='|' read -r file what pattern does; do
  run 1 "--review of $what is refused" --review="$rv/$file"
  one_line_matching "$pattern" "--review $does"
done <<'REFUSALS'
missing.db|a missing file|missing.db.*No such file|names the missing file
notes.txt|a text file that is no diary CSV|notes.txt:1: header: |says where the CSV is wrong
scan.png|a binary file|scan.png.* neither a Pain Diary file nor a diary CSV|says what the file is not
unicode.csv|a CSV saved as UTF-16|unicode.csv:1: header: .*UTF-16.*save it as UTF-8|says to save it as UTF-8
bad.csv|a CSV with a bad row|bad.csv:2: pain: |names the CSV's file, line and field
newer.db|a diary from a newer version|newer|says the diary is newer
REFUSALS
run 2 "--review with another diary is a usage error" --review="$rv/notes.txt" -d "$db"
run 2 "--review with an export is a usage error" --review="$rv/notes.txt" --export-csv=-
run 2 "--review with --log-pain is a usage error" --review="$rv/notes.txt" --log-pain=3
run 2 "--review without a file name is a usage error" --review=
[ "$(state)" = "$before" ] && ok "--review created and changed nothing" \
  || not_ok "--review changed the folder" "before: $before" "after: $(state)"

tap_finish
