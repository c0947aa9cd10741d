#!/bin/bash
# Pain Diary in German (LANGUAGE=de, LC_ALL=de_DE.UTF-8): --help, a refused CSV's message and
# the clinician report are German, numbers use a decimal comma and the paper is A4 (TAP).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

app="$1"
chart_diary="$2"

. "$(dirname "$0")/tap.sh"
tap_setup
has () { if grep -qF -- "$2" "$3"; then ok "$1"; else not_ok "$1" "no “$2” in:" "$(head -20 "$3")"; fi; }

if ! locale -a 2>/dev/null | grep -qiE '^de_DE\.utf-?8$'; then
  echo "1..0 # SKIP de_DE.UTF-8 is not generated (build-aux/test generates it)"
  exit 0
fi
export LANGUAGE=de LC_ALL=de_DE.UTF-8

"$app" --help >"$tmp/help" 2>&1
has "--help is German" "Zu verwendende Tagebuchdatei" "$tmp/help"
has "--help's usage line is German" "[DATEI]" "$tmp/help"

"$chart_diary" "$tmp/demo.db" demo >/dev/null
printf 'id,date\nx,y\n' >"$tmp/bad.csv"
"$app" -d "$tmp/demo.db" --import-csv="$tmp/bad.csv" >"$tmp/out" 2>"$tmp/err"
has "a refused CSV is explained in German" "die Spalte „time“ fehlt" "$tmp/err"

"$app" -d "$tmp/demo.db" --report="$tmp/report.pdf" >"$tmp/out" 2>&1
has "the report command says what it wrote, in German" "Der Bericht wurde nach" "$tmp/out"
pdftotext "$tmp/report.pdf" "$tmp/report.txt"
has "the report's title is German" "Bericht aus dem Schmerztagebuch" "$tmp/report.txt"
has "the report's summary is German" "Mittlerer Schmerz" "$tmp/report.txt"
if grep -qE 'Mittlerer Schmerz [0-9]+,[0-9]' "$tmp/report.txt"; then
  ok "the report writes numbers with a decimal comma"
else
  not_ok "the report writes numbers with a decimal comma" "$(grep -m3 'Mittlerer' "$tmp/report.txt")"
fi
if pdfinfo "$tmp/report.pdf" | grep -q 'Page size:.*(A4)'; then
  ok "the report is A4 in Germany"
else
  not_ok "the report is A4 in Germany" "$(pdfinfo "$tmp/report.pdf" | grep 'Page size')"
fi

tap_finish
