#!/bin/bash
# CSV export and import against the sqlite3 shell, side by side in one run, on the synthetic
# 10-year diary (about 62,000 records: 6 entries, 8 doses and 3 activities a day), and the
# peak memory of a 1,000,000-row import.
# Prints figures and ratios; fails when a figure cannot be measured, a memory limit is
# passed or a speed target is missed. The export's CPU time includes the quick check of
# the whole file that every opening runs (in a thread of its own) before anything is read;
# the program starts without loading GTK for it (main.c).
#   --import-csv   <= 1.5 x  sqlite3 .import of the same file (goal 1.0 x)
#   --export-csv   <= 1.0 x  sqlite3 -csv dump of every table (goal 0.5 x)
#   1,000,000-row --import-csv: peak RSS < 200 MB
#   1,000,000-row --export-csv: peak anonymous memory < 50 MB (it streams; its RSS is
#   mostly the diary's pages, mapped by the quick check and by the reader)
# The same work on both sides (printed with the figures):
# - import: sqlite3 .import of the same CSV file into one table that keeps what the diary
#   keeps of every record: the id unique (PRIMARY KEY) and an index by time with the id, as
#   the diary's tables (id PRIMARY KEY, INDEX (at, created, id DESC)). The diary checks
#   every field as well and writes through its WAL; sqlite3 checks nothing. A plain .import
#   into a table without keys (half the work: no index at all) is printed too, as the
#   lower bound.
# - export: sqlite3 itself (no shell around it) writes the CSV of every table of the diary
#   to a file, as the app does (which sorts the rows and checks the file meanwhile).
# Times are medians of runs (9) that alternate between the two sides, so that the load of a
# shared machine falls on both; 5 were too few: a slow phase of the machine moved their
# median (export CPU 1.04x in one run, 0.72x to 0.85x in the three before it). Each ratio is given for wall-clock time and for CPU time
# (user + system, from wait4() to the millisecond: /usr/bin/time rounds to 10 ms, a tenth
# of an export); the target applies to CPU time, which other processes on the machine do
# not inflate (wall-clock waits for a core are theirs, not ours).
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: bench-csv.sh PAIN-DIARY MAKE-DIARY
set -u

app="$1"
make_diary="$2"
runs=${PD_CSV_RUNS:-9}
big_rows=${PD_CSV_BIG_ROWS:-1000000}
# tap_setup: $tmp, removed on exit, no display, the data folder in $tmp; $failed is 0.
. "$(dirname "$0")/tap.sh"
tap_setup

for tool in sqlite3 /usr/bin/python3 awk; do
  if ! command -v "$tool" >/dev/null; then
    echo "FAIL: $tool is not installed; nothing can be measured"
    exit 1
  fi
done

median () { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print -1; else print v[int((NR + 1) / 2)] }'; }

# run.py [--anon] CMD...: runs the command (its output discarded) and prints "wall_ms cpu_ms
# max_rss_kb", with --anon also the peak of its anonymous memory (RssAnon, looked at every
# 5 ms: pages of mapped files, which RSS counts too, are not the program's own); fails as
# the command does.
cat >"$tmp/run.py" <<'EOF'
import os, subprocess, sys, time
anon = sys.argv[1] == "--anon"
start = time.monotonic()
child = subprocess.Popen(sys.argv[2 if anon else 1:], stdout=subprocess.DEVNULL)
peak_anon = 0
while True:
    pid, status, usage = os.wait4(child.pid, os.WNOHANG if anon else 0)
    if pid != 0:
        break
    try:
        with open("/proc/%d/status" % child.pid) as f:
            for line in f:
                if line.startswith("RssAnon:"):
                    peak_anon = max(peak_anon, int(line.split()[1]))
    except OSError:
        pass
    time.sleep(0.005)
wall = (time.monotonic() - start) * 1000
if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
    sys.exit(1)
print("%d %d %d %d" % (wall, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss, peak_anon))
EOF

# measure NAME CMD...: appends "wall_ms cpu_ms max_rss_kb" of one run to $tmp/NAME; a failed
# command fails the benchmark.
measure () {
  local name="$1" figures; shift
  if ! figures=$(/usr/bin/python3 "$tmp/run.py" "$@" 2>"$tmp/err"); then
    echo "FAIL: $* : $(head -c 300 "$tmp/err")"
    failed=1
    return
  fi
  echo "$figures" >>"$tmp/$name"
}

column_median () { awk -v c="$2" '{ print $c }' "$tmp/$1" 2>/dev/null | median; }

# report LABEL OURS_MS THEIRS_MS TARGET TARGETED: TARGETED 0 prints the ratio only, 1 also
# the target, and fails on a miss.
report () {
  awk -v l="$1" -v a="$2" -v b="$3" -v t="$4" -v e="$5" 'BEGIN {
    if (a <= 0 || b <= 0) { print "FAIL: " l ": not measured"; exit 1 }
    r = a / b
    printf "%s: ratio %.2f x%s\n", l, r, e ? sprintf(" (target <= %.1f x)%s", t, r <= t ? "" : " OVER TARGET") : ""
    exit (e && r > t) ? 1 : 0
  }' || failed=1
}

db="$tmp/diary.db"
"$make_diary" "$db" 3650 6 8 3 || { echo "FAIL: make-diary failed"; exit 1; }
records=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM pain_entries) + (SELECT count(*) FROM doses)
                         + (SELECT count(*) FROM activities) + (SELECT count(*) FROM events)")
echo "diary: $records records, $(($(stat -c %s "$db") / 1024)) KiB"

# Every table of the diary, one SELECT each.
dump_sql=$(sqlite3 "$db" "SELECT group_concat('SELECT * FROM \"' || name || '\"', '; ')
                         FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
[ -n "$dump_sql" ] || { echo "FAIL: no tables in the diary"; exit 1; }
echo "export reference: sqlite3 -csv writing every table to a file: $dump_sql"

# Export
for _ in $(seq "$runs"); do
  measure export-app "$app" -d "$db" --export-csv="$tmp/export.csv"
  measure export-sql sqlite3 -csv -cmd ".output $tmp/dump.csv" "$db" "$dump_sql"
done
rows=$(($(wc -l <"$tmp/export.csv") - 1))
echo "export: pain-diary --export-csv (median of $runs): $(column_median export-app 1) ms wall," \
     "$(column_median export-app 2) ms CPU for $rows rows, $(($(stat -c %s "$tmp/export.csv") / 1024)) KiB;" \
     "sqlite3 -csv dump: $(column_median export-sql 1) ms wall, $(column_median export-sql 2) ms CPU"
report "export (wall)" "$(column_median export-app 1)" "$(column_median export-sql 1)" 1.0 0
report "export (CPU)" "$(column_median export-app 2)" "$(column_median export-sql 2)" 1.0 1

# Import: the same rows into an empty diary, against .import of the same file into a table
# with the diary's keys (the target), and into one without keys (for information).
columns=$(head -n 1 "$tmp/export.csv" | tr -d '\r' | sed 's/\([a-z_]*\)/"\1" TEXT/g')
keyed="${columns/\"id\" TEXT/\"id\" TEXT PRIMARY KEY NOT NULL}"
[ "$keyed" != "$columns" ] || { echo "FAIL: no id column in the export"; exit 1; }
echo "import reference: sqlite3 .import into CREATE TABLE rows (... id TEXT PRIMARY KEY ...);" \
     "CREATE INDEX rows_at ON rows (date, time, id DESC); lower bound: the same without keys"
for _ in $(seq "$runs"); do
  rm -f "$tmp/import.db"* "$tmp/sql.db" "$tmp/plain.db"
  measure import-app "$app" -d "$tmp/import.db" --import-csv="$tmp/export.csv"
  sqlite3 "$tmp/sql.db" "CREATE TABLE rows ($keyed); CREATE INDEX rows_at ON rows (date, time, id DESC)"
  measure import-sql sqlite3 "$tmp/sql.db" ".import --csv --skip 1 $tmp/export.csv rows"
  sqlite3 "$tmp/plain.db" "CREATE TABLE rows ($columns)"
  measure import-plain sqlite3 "$tmp/plain.db" ".import --csv --skip 1 $tmp/export.csv rows"
done
imported=$(sqlite3 "$tmp/import.db" "SELECT (SELECT count(*) FROM pain_entries) + (SELECT count(*) FROM doses)
                                      + (SELECT count(*) FROM activities) + (SELECT count(*) FROM events)")
echo "import: pain-diary --import-csv (median of $runs): $(column_median import-app 1) ms wall," \
     "$(column_median import-app 2) ms CPU for $imported records; sqlite3 .import with keys:" \
     "$(column_median import-sql 1) ms wall, $(column_median import-sql 2) ms CPU for" \
     "$(sqlite3 "$tmp/sql.db" "SELECT count(*) FROM rows") rows; without keys:" \
     "$(column_median import-plain 1) ms wall, $(column_median import-plain 2) ms CPU for" \
     "$(sqlite3 "$tmp/plain.db" "SELECT count(*) FROM rows") rows"
[ "$imported" -eq "$rows" ] || { echo "FAIL: imported $imported of $rows rows"; failed=1; }
report "import (wall)" "$(column_median import-app 1)" "$(column_median import-sql 1)" 1.5 0
report "import (CPU)" "$(column_median import-app 2)" "$(column_median import-sql 2)" 1.5 1
report "import (CPU, against .import without keys)" "$(column_median import-app 2)" \
       "$(column_median import-plain 2)" 1.5 0

# check_memory WHAT GOT EXPECTED MEMORY KB LIMIT_MB: fails when WHAT did not handle EXPECTED
# records (GOT) or its MEMORY (KB) is unknown, or reaches LIMIT_MB.
check_memory () {
  if [ "$2" -ne "$3" ] || [ "$5" -le 0 ]; then
    echo "FAIL: $1 was not measured"
    failed=1
  elif [ "$5" -ge $(($6 * 1024)) ]; then
    echo "FAIL: $4 over $6 MB"
    failed=1
  fi
}

# Memory: a 1,000,000-row import (pain rows as a spreadsheet might hold them).
awk -v n="$big_rows" 'BEGIN {
  print "id,date,time,utc_offset,kind,pain,enjoyment_interference,activity_interference," \
        "locations,qualities,sleep_hours,sleep_quality,mood,red_flags,item,amount,unit," \
        "duration_min,intensity,note,back_pain,leg_pain,event_kind,end_date"
  for (i = 0; i < n; i++) {
    d = int(i / 100)
    printf "%08x-1c3f-4a5b-8d6e-%012x,%04d-%02d-%02d,%02d:%02d,+01:00,pain,%d,,,low_back;Pins in my hip," \
           "burning,7.5,,,,,,,,,Row %d,%d,,,\r\n", i, i, 2000 + int(d / 336), 1 + int(d % 336 / 28),
           1 + d % 28, int(i % 100 / 5), (i * 7) % 60, i % 11, i, i % 11
  }
}' >"$tmp/big.csv"
rm -f "$tmp/big.db"*
measure big "$app" -d "$tmp/big.db" --import-csv="$tmp/big.csv"
big_count=$(sqlite3 "$tmp/big.db" "SELECT count(*) FROM pain_entries" 2>/dev/null || echo 0)
peak_kb=$(column_median big 3)
echo "memory: --import-csv of $big_rows rows ($(($(stat -c %s "$tmp/big.csv") / 1048576)) MB):" \
     "$big_count records, peak RSS $((peak_kb / 1024)) MB (limit 200 MB)," \
     "$(column_median big 1) ms wall, $(column_median big 2) ms CPU"
check_memory "the big import" "$big_count" "$big_rows" "peak RSS" "$peak_kb" 200

# And its export, streamed.
measure big-export --anon "$app" -d "$tmp/big.db" --export-csv="$tmp/big-export.csv"
big_exported=$(($(wc -l <"$tmp/big-export.csv" 2>/dev/null || echo 1) - 1))
anon_kb=$(column_median big-export 4)
echo "memory: --export-csv of those $big_count records (diary" \
     "$(($(stat -c %s "$tmp/big.db") / 1048576)) MB): $big_exported rows, peak anonymous" \
     "memory $((anon_kb / 1024)) MB (limit 50 MB), peak RSS $(($(column_median big-export 3) / 1024))" \
     "MB (with the diary's mapped pages), $(column_median big-export 1) ms wall," \
     "$(column_median big-export 2) ms CPU"
check_memory "the big export" "$big_exported" "$big_count" "peak anonymous memory of the export" \
  "$anon_kb" 50
exit $failed
