#!/bin/bash
# Encrypted backup and restore on the command line (TAP), without a display:
# test-backup-cli.sh PAIN_DIARY MAKE_DIARY
# A terminal, where the program must ask, is script(1)'s pseudo-terminal.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

app="$1"
make_diary="$2"
. "$(dirname "$0")/tap.sh"
tap_setup
run_with=setsid  # no terminal

# on_terminal INPUT EXPECTED_STATUS DESCRIPTION ARGS...: typed INPUT on a pseudo-terminal.
on_terminal () {
  local input="$1" expected="$2" what="$3"; shift 3
  local command
  command=$(printf '%q ' "$app" "$@")
  printf '%b' "$input" | script -qec "$command" /dev/null >"$tmp/out" 2>&1
  local status=$?
  if [ "$status" -eq "$expected" ]; then
    ok "$what (exit $status)"
  else
    not_ok "$what: exit $status, expected $expected" "output: $(cat "$tmp/out")"
  fi
}

err_matches () {
  if [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -qE -- "$1" "$tmp/err"; then
    ok "$2: $(cat "$tmp/err")"
  else
    not_ok "$2: stderr should be one line matching /$1/" "got: $(cat "$tmp/err")"
  fi
}

records () { "$app" -d "$1" --export-csv=- 2>/dev/null; }

db="$tmp/demo.db"
"$make_diary" "$db" demo || { echo "Bail out! make-diary failed"; exit 1; }
records "$db" >"$tmp/demo.csv"
printf 'correct horse battery staple\nthe second line is not part of it\n' >"$tmp/pass"
printf 'correct horse battery staple' >"$tmp/pass-no-newline"
printf 'Tr0ub4dor&3\n' >"$tmp/wrong"

run 0 "--backup with --passphrase-file" -d "$db" --backup="$tmp/b.pdbackup" --passphrase-file="$tmp/pass"
check "[ \"\$(stat -c %a '$tmp/b.pdbackup')\" = 600 ]" "the backup has mode 0600"
check "[ \"\$(head -c 8 '$tmp/b.pdbackup')\" = PDBACKUP ]" "the backup starts with its magic"
check "! ls '$tmp' | grep -q 'b.pdbackup.'" "no temporary file is left beside it"

# Nothing readable: not the patient's name, not a note, not SQLite's own header.
note=$(sqlite3 "$db" "SELECT note FROM pain_entries WHERE note <> '' LIMIT 1")
check "[ -n \"\$note\" ]" "the demo diary has notes ($note)"
check "! grep -aqF 'Alex Demo' '$tmp/b.pdbackup'" "the patient's name is not in the backup"
check "! grep -aqF \"\$note\" '$tmp/b.pdbackup'" "no note is in the backup"
check "! grep -aqF 'SQLite format 3' '$tmp/b.pdbackup' && ! grep -aqF 'Gabapentin' '$tmp/b.pdbackup'" \
  "no SQLite header or medication name is in the backup"

run 0 "--restore into a new diary" -d "$tmp/new.db" --restore="$tmp/b.pdbackup" --passphrase-file="$tmp/pass-no-newline"
check "[ \"\$(stat -c %a '$tmp/new.db')\" = 600 ]" "the restored diary has mode 0600"
records "$tmp/new.db" >"$tmp/new.csv"
check "[ -s '$tmp/new.csv' ] && cmp -s '$tmp/new.csv' '$tmp/demo.csv'" "the restored diary holds the same records"
check "[ \"\$(sqlite3 '$tmp/new.db' \"SELECT value FROM meta WHERE key = 'patient_name'\")\" = 'Alex Demo' ]" \
  "and the same settings (the patient's name)"
check "! ls -a '$tmp' | grep -q restore" "no temporary file is left beside the diary"

# Refusals: the diary (absent, or there) is left as it was.
run 1 "a wrong passphrase is refused" -d "$tmp/none.db" --restore="$tmp/b.pdbackup" --passphrase-file="$tmp/wrong"
err_matches "Wrong passphrase.*b.pdbackup" "the message says so and names the file"
check "[ ! -e '$tmp/none.db' ] && ! ls -a '$tmp' | grep -q restore" "nothing was created"

size=$(stat -c %s "$tmp/b.pdbackup")
head -c $((size - 1000)) "$tmp/b.pdbackup" >"$tmp/cut.pdbackup"
run 1 "a truncated backup is refused" -d "$tmp/none.db" --restore="$tmp/cut.pdbackup" --passphrase-file="$tmp/pass"
err_matches "incomplete" "the message says it is incomplete"
head -c $((72 + 65553 * 3)) "$tmp/b.pdbackup" >"$tmp/cut2.pdbackup"
run 1 "a backup cut at a chunk's end is refused" -d "$tmp/none.db" --restore="$tmp/cut2.pdbackup" --passphrase-file="$tmp/pass"
err_matches "incomplete" "the message says it is incomplete"
head -c 40 "$tmp/b.pdbackup" >"$tmp/cut3.pdbackup"
run 1 "a backup cut in its header is refused" -d "$tmp/none.db" --restore="$tmp/cut3.pdbackup" --passphrase-file="$tmp/pass"
err_matches "incomplete" "the message says it is incomplete"
{ cat "$tmp/b.pdbackup"; printf 'x'; } >"$tmp/long.pdbackup"
run 1 "a lengthened backup is refused" -d "$tmp/none.db" --restore="$tmp/long.pdbackup" --passphrase-file="$tmp/pass"
err_matches "changed|damaged" "the message says it was changed"
check "[ ! -e '$tmp/none.db' ]" "nothing was created"

# One flipped byte: in the header's limits, the salt, the stream header, the first chunk,
# a middle chunk and the very last byte.
for offset in 20 40 60 100 $((size / 2)) $((size - 1)); do
  cp "$tmp/b.pdbackup" "$tmp/flip.pdbackup"
  byte=$(od -An -tu1 -j "$offset" -N1 "$tmp/flip.pdbackup" | tr -d ' ')
  printf "$(printf '\\%03o' $((byte ^ 1)))" | dd of="$tmp/flip.pdbackup" bs=1 seek="$offset" conv=notrunc status=none
  run 1 "a backup with byte $offset flipped is refused" -d "$tmp/none.db" --restore="$tmp/flip.pdbackup" --passphrase-file="$tmp/pass"
  err_matches "changed|damaged" "the message says it was changed or damaged"
done
check "[ ! -e '$tmp/none.db' ]" "nothing was created"
printf 'not a backup at all\n' >"$tmp/text.pdbackup"
run 1 "a file that is no backup is refused" -d "$tmp/none.db" --restore="$tmp/text.pdbackup" --passphrase-file="$tmp/pass"
err_matches "not a Pain Diary backup" "the message says what it is not"

# Restoring over a diary that holds records asks first, and backs it up.
"$app" -d "$tmp/new.db" --log-pain=9 --note="after the backup" >/dev/null
cp "$tmp/new.db" "$tmp/new-before.db"
records "$tmp/new.db" >"$tmp/new-before.csv"
run 1 "without a terminal, restoring over a diary with records is refused" -d "$tmp/new.db" --restore="$tmp/b.pdbackup" --passphrase-file="$tmp/pass"
err_matches "not empty" "the message says why"
check "cmp -s '$tmp/new.db' '$tmp/new-before.db'" "the diary is unchanged"
on_terminal 'n\n' 1 "answering no restores nothing" -d "$tmp/new.db" --restore="$tmp/b.pdbackup" --passphrase-file="$tmp/pass"
check "cmp -s '$tmp/new.db' '$tmp/new-before.db'" "the diary is unchanged"
on_terminal 'y\n' 1 "yes, then a wrong passphrase, restores nothing" -d "$tmp/new.db" --restore="$tmp/b.pdbackup" --passphrase-file="$tmp/wrong"
check "records '$tmp/new.db' | cmp -s - '$tmp/new-before.csv'" "the diary still holds its records"
rm -rf "$tmp/backups"
on_terminal 'y\n' 0 "yes restores" -d "$tmp/new.db" --restore="$tmp/b.pdbackup" --passphrase-file="$tmp/pass"
check "grep -q 'holds [0-9]* records' '$tmp/out'" "the question says what the diary holds"
check "records '$tmp/new.db' | cmp -s - '$tmp/demo.csv'" "the diary now holds the backup's records"
previous=$(ls "$tmp"/backups/new-before-restore-*.db 2>/dev/null | head -n 1)
check "[ -n '$previous' ] && [ \"\$(stat -c %a '$previous')\" = 600 ]" "the replaced diary was backed up first (0600): $previous"
check "[ -n '$previous' ] && records '$previous' | cmp -s - '$tmp/new-before.csv'" "that backup holds the replaced records"

# The passphrase on the terminal: twice when creating.
on_terminal 'secret words\nsecret words\n' 0 "--backup asks for the passphrase twice on a terminal" -d "$db" --backup="$tmp/t.pdbackup"
on_terminal 'secret words\nother words\n' 1 "two different passphrases write nothing" -d "$db" --backup="$tmp/t2.pdbackup"
check "[ ! -e '$tmp/t2.pdbackup' ]" "no backup was written"
on_terminal 'secret words\n' 0 "--restore asks once" -d "$tmp/t.db" --restore="$tmp/t.pdbackup"
check "records '$tmp/t.db' | cmp -s - '$tmp/demo.csv'" "and restores the records"

run 2 "no passphrase and no terminal is a usage error" -d "$db" --backup="$tmp/x.pdbackup"
check "[ ! -e '$tmp/x.pdbackup' ]" "no backup was written"
run 2 "--passphrase-file alone is a usage error" -d "$db" --passphrase-file="$tmp/pass"
run 1 "backing up a missing diary fails" -d "$tmp/missing.db" --backup="$tmp/x.pdbackup" --passphrase-file="$tmp/pass"
check "[ ! -e '$tmp/missing.db' ] && [ ! -e '$tmp/x.pdbackup' ]" "nothing was created"

tap_finish
