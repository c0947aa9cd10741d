#!/bin/bash
# CSV export and import against the sqlite3 shell on the synthetic 10-year diary (about
# 62,000 records: 6 entries, 8 doses and 3 activities a day). Prints figures and ratios; a
# slow run says OVER TARGET but never fails.
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: bench-csv.sh PAIN-DIARY MAKE-DIARY
set -u

app="$1"
make_diary="$2"
runs=${PD_CSV_RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset DISPLAY WAYLAND_DISPLAY
export XDG_DATA_HOME="$tmp/data"

if ! command -v sqlite3 >/dev/null; then
  echo "sqlite3 is not installed; not compared"
  exit 77
fi

. "$(dirname "$0")/bench.sh"

# report LABEL OURS THEIRS TARGET
report () {
  awk -v l="$1" -v a="$2" -v b="$3" -v t="$4" 'BEGIN {
    if (a <= 0 || b <= 0) { print l ": not measured"; exit }
    r = a / b
    printf "%s: ratio %.2f x (target <= %.1f x)%s\n", l, r, t, r <= t ? "" : " OVER TARGET"
  }'
}

db="$tmp/diary.db"
"$make_diary" "$db" 3650 6 8 3 || { echo "make-diary failed"; exit 1; }
records=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM pain_entries) + (SELECT count(*) FROM doses)
                         + (SELECT count(*) FROM activities) + (SELECT count(*) FROM events)")
echo "diary: $records records, $(($(stat -c %s "$db") / 1024)) KiB"

dump () {
  sqlite3 -csv "$db" "SELECT * FROM pain_entries; SELECT * FROM doses;
                      SELECT * FROM activities; SELECT * FROM events" >"$tmp/dump.csv"
}

# Export
: >"$tmp/t-app"; : >"$tmp/t-sql"
for _ in $(seq "$runs"); do
  time_ms "$app" -d "$db" --export-csv="$tmp/export.csv" >>"$tmp/t-app"
  time_ms dump >>"$tmp/t-sql"
done
app_ms=$(median <"$tmp/t-app"); sql_ms=$(median <"$tmp/t-sql")
rows=$(($(wc -l <"$tmp/export.csv") - 1))
echo "export: pain-diary --export-csv (median of $runs): ${app_ms} ms for $rows rows," \
     "$(($(stat -c %s "$tmp/export.csv") / 1024)) KiB; sqlite3 -csv dump: ${sql_ms} ms"
report "export" "$app_ms" "$sql_ms" 1.5

# Import: the same rows into an empty diary, against .import into a table of 20 text columns.
columns=$(head -n 1 "$tmp/export.csv" | tr -d '\r' | sed 's/\([a-z_]*\)/"\1" TEXT/g')
: >"$tmp/t-app"; : >"$tmp/t-sql"
for i in $(seq "$runs"); do
  rm -f "$tmp/import.db"* "$tmp/sql.db"
  time_ms "$app" -d "$tmp/import.db" --import-csv="$tmp/export.csv" >>"$tmp/t-app"
  sqlite3 "$tmp/sql.db" "CREATE TABLE rows ($columns)"
  time_ms sqlite3 "$tmp/sql.db" ".import --csv --skip 1 $tmp/export.csv rows" >>"$tmp/t-sql"
done
app_ms=$(median <"$tmp/t-app"); sql_ms=$(median <"$tmp/t-sql")
imported=$(sqlite3 "$tmp/import.db" "SELECT (SELECT count(*) FROM pain_entries) + (SELECT count(*) FROM doses)
                                      + (SELECT count(*) FROM activities) + (SELECT count(*) FROM events)")
echo "import: pain-diary --import-csv (median of $runs): ${app_ms} ms for $imported records;" \
     "sqlite3 .import: ${sql_ms} ms for $(sqlite3 "$tmp/sql.db" "SELECT count(*) FROM rows") rows"
report "import" "$app_ms" "$sql_ms" 3
exit 0
