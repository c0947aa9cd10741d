#!/bin/bash
# The command line where files and options go wrong: options that cannot go together,
# read-only diaries, a full disk, odd output targets and odd inputs (TAP).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

app="$1"
tmp=$(mktemp -d)
cleanup () {
  chmod -R u+w "$tmp" 2>/dev/null
  if [ -n "${full:-}" ] && mountpoint -q "$full"; then umount "$full"; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
unset DISPLAY WAYLAND_DISPLAY
export XDG_DATA_HOME="$tmp/data"

. "$(dirname "$0")/tap.sh"
run_with="timeout 20"
check () { local what="$1"; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }

stderr_matches () {
  if grep -qE -- "$1" "$tmp/err"; then
    ok "$2: $(head -1 "$tmp/err")"
  else
    not_ok "$2: stderr should match /$1/" "got: $(cat "$tmp/err")"
  fi
}

# state DIR: every file below DIR with its mode, size and hash.
state () { (cd "$1" && find . ! -name out ! -name err -printf '%p %m %s\n' | sort && find . -type f ! -name out ! -name err -exec sha256sum {} + | sort); }

db="$tmp/diary.db"
"$app" -d "$db" --log-pain=4 >/dev/null || not_ok "setting up the diary"
"$app" -d "$db" --log-pain=6 >/dev/null || not_ok "setting up the diary"
base_state=$(state "$tmp")

# Options that cannot go together
for combination in "--log-pain=3 --export-csv=-" \
                   "--export-csv=$tmp/a.csv --export-summary-csv=$tmp/b.csv" \
                   "--report=$tmp/a.pdf --chart=$tmp/a.png" \
                   "--import-csv=$tmp/x.csv --export-csv=-" \
                   "--log-pain=3 --import-csv=$tmp/x.csv" \
                   "--export-csv=- --width=300" \
                   "--log-pain=3 --from=2026-01-01"; do
  # shellcheck disable=SC2086
  run 2 "$combination is a usage error" -d "$db" $combination
  stderr_matches "cannot go together|go with" "$combination says why"
done
check "the refused combinations changed nothing" [ "$(state "$tmp")" = "$base_state" ]

# A read-only diary: refused for writing before anything is created, read as usual.
ro="$tmp/ro"
mkdir "$ro"
cp "$db" "$ro/diary.db"
chmod 0400 "$ro/diary.db"
before=$(state "$ro")
run 1 "--log-pain into a read-only diary is refused" -d "$ro/diary.db" --log-pain=5
stderr_matches "read-only" "the refusal says the diary is read-only"
run 1 "--import-csv into a read-only diary is refused" -d "$ro/diary.db" --import-csv=/dev/null
run 0 "--export-csv of a read-only diary works" -d "$ro/diary.db" --export-csv=-
check "the export has both entries" [ "$(grep -c ',pain,[0-9]' "$tmp/out")" -eq 2 ]
run 0 "--export-summary-csv of a read-only diary works" -d "$ro/diary.db" --export-summary-csv="$tmp/s.csv"
run 0 "--report of a read-only diary works" -d "$ro/diary.db" --report="$tmp/r.pdf"
run 0 "--chart of a read-only diary works" -d "$ro/diary.db" --chart="$tmp/c.png"
check "nothing was created beside the read-only diary (no -wal, -shm, backups)" [ "$(state "$ro")" = "$before" ]

chmod 0600 "$ro/diary.db"
chmod 0500 "$ro"
before=$(state "$ro")
run 1 "--log-pain into a diary in a read-only folder is refused" -d "$ro/diary.db" --log-pain=5
stderr_matches "folder .* cannot be written" "the refusal names the folder"
run 0 "--export-csv of a diary in a read-only folder works" -d "$ro/diary.db" --export-csv=-
check "nothing was created in the read-only folder" [ "$(state "$ro")" = "$before" ]
chmod 0700 "$ro"

# A folder given as the diary: refused, saying it is a folder, and left as it was.
mkdir "$tmp/folder.db"
before=$(state "$tmp/folder.db")
run 1 "--log-pain into a folder is refused" -d "$tmp/folder.db" --log-pain=5
stderr_matches "is a folder, not a Pain Diary file" "the refusal says the diary is a folder"
run 1 "--export-csv of a folder is refused" -d "$tmp/folder.db" --export-csv=-
check "nothing was created in the folder given as the diary" [ "$(state "$tmp/folder.db")" = "$before" ]
rmdir "$tmp/folder.db"

# Outputs: a new regular file of mode 0600, through a temporary file; a symbolic link is
# written through; a device, FIFO or folder is refused.
out="$tmp/outputs"
mkdir "$out"
mode () { stat -c '%a' "$1"; }
for target in export.csv summary.csv report.pdf chart.png chart.svg; do
  case "$target" in
    export.csv) option=--export-csv ;;
    summary.csv) option=--export-summary-csv ;;
    report.pdf) option=--report ;;
    chart.*) option=--chart ;;
  esac
  run 0 "$option writes $target" -d "$db" "$option=$out/$target"
  check "$target is mode 0600" [ "$(mode "$out/$target")" = 600 ]
  printf 'old' >"$out/real-$target"
  chmod 0644 "$out/real-$target"
  ln -s "real-$target" "$out/link-$target"
  run 0 "$option through a symbolic link" -d "$db" "$option=$out/link-$target"
  check "the link to $target is kept" [ -L "$out/link-$target" ]
  check "the link's target was replaced" [ "$(head -c 3 "$out/real-$target")" != old ]
  check "the link's target is mode 0600" [ "$(mode "$out/real-$target")" = 600 ]
  mkfifo "$out/fifo-$target"
  mkdir "$out/dir-$target"
  run 1 "$option into a FIFO is refused" -d "$db" "$option=$out/fifo-$target"
  stderr_matches "device or a pipe" "$option says a FIFO is no file"
  check "the FIFO is still a FIFO" [ -p "$out/fifo-$target" ]
  run 1 "$option into a folder is refused" -d "$db" "$option=$out/dir-$target"
  stderr_matches "folder" "$option says a folder is no file"
done
run 1 "--export-csv into a device is refused" -d "$db" --export-csv=/dev/full
stderr_matches "device or a pipe" "--export-csv says a device is no file"
run 0 "--export-csv=- still writes to standard output" -d "$db" --export-csv=-
check "standard output has the export" [ "$(grep -c ',pain,[0-9]' "$tmp/out")" -eq 2 ]
# Standard output on a full disk (/dev/full fails every write with ENOSPC).
timeout 20 "$app" -d "$db" --export-csv=- >/dev/full 2>"$tmp/err" </dev/null
status=$?
check "--export-csv=- onto a full disk fails (exit $status)" [ "$status" -eq 1 ]
stderr_matches "standard output: the disk is full.*free some space" "--export-csv=- says the disk is full"
leftovers=$(find "$out" \( -name '*.??????' -o -name '.*.part-*' \) | wc -l)
check "no temporary file is left behind" [ "$leftovers" -eq 0 ]
# What a killed export left (its hidden temporary) goes with the next export of the same
# file once stale; a fresh one (another export under way) and the user's own files stay.
touch -d '1 hour ago' "$out/.export.csv.part-Kd81Zq" "$out/export.csv.backup" "$out/.other.csv.part-Kd81Zq"
touch "$out/.export.csv.part-Fr3sh1"
run 0 "--export-csv again" -d "$db" "--export-csv=$out/export.csv"
check "a stale temporary of export.csv is removed" [ ! -e "$out/.export.csv.part-Kd81Zq" ]
check "a fresh one is kept" [ -e "$out/.export.csv.part-Fr3sh1" ]
check "the user's export.csv.backup is kept" [ -e "$out/export.csv.backup" ]
check "another file's temporary is kept" [ -e "$out/.other.csv.part-Kd81Zq" ]

# Inputs: only a regular file within the size limit, refused at once otherwise.
in="$tmp/inputs"
mkdir "$in"
mkfifo "$in/fifo.csv"
mkdir "$in/dir.csv"
for source in /dev/zero "$in/fifo.csv" "$in/dir.csv"; do
  run 1 "--import-csv of $source is refused" -d "$in/new.db" --import-csv="$source"
  stderr_matches "device or a pipe|folder" "--import-csv says what $source is"
  check "--import-csv of $source created no diary" [ ! -e "$in/new.db" ]
  run 1 "--review of $source is refused" --review="$source"
  stderr_matches "device or a pipe|folder" "--review says what $source is"
done
truncate -s 201M "$in/huge.csv"
run 1 "--import-csv of a 201 MB file is refused" -d "$in/new.db" --import-csv="$in/huge.csv"
stderr_matches "larger than" "--import-csv says the file is too large"
rm -f "$in/huge.csv"

# A full disk (a small tmpfs, where this may mount one).
full="$tmp/full"
mkdir "$full"
if mount -t tmpfs -o size=512k tmpfs "$full" 2>/dev/null; then
  "$app" -d "$full/diary.db" --log-pain=4 >/dev/null
  dd if=/dev/zero of="$full/filler" bs=4k >/dev/null 2>&1
  before=$("$app" -d "$full/diary.db" --export-csv=- | grep -c ',pain,[0-9]')
  run 1 "--log-pain on a full disk fails" -d "$full/diary.db" --log-pain=7 --note="$(head -c 6000 /dev/zero | tr '\0' x)"
  stderr_matches "disk is full" "a full disk is called full"
  if grep -q "I/O error" "$tmp/err"; then not_ok "a full disk is no I/O error" "$(cat "$tmp/err")"; else ok "a full disk is no I/O error"; fi
  rm -f "$full/filler"
  check "nothing was lost on the full disk" [ "$("$app" -d "$full/diary.db" --export-csv=- | grep -c ',pain,[0-9]')" -eq "$before" ]
  umount "$full"
else
  ok "# SKIP no tmpfs can be mounted here for the full-disk test"
fi

tap_finish
