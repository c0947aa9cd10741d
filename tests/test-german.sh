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

# A spreadsheet typed by a German patient: ';' between fields, decimal commas, the window's
# German labels for places, qualities and warning signs, in any case and spacing.
printf '%s\n' \
  'id;date;time;utc_offset;kind;pain;enjoyment_interference;activity_interference;locations;qualities;sleep_hours;sleep_quality;mood;red_flags;item;amount;unit;duration_min;intensity;note' \
  '5b7e0c1d-2a3f-4b6c-9d8e-0000000000d1;2026-03-03;08:00;+01:00;pain;6;;;"unterer rücken;Linkes  Gesäß";"Brennend;elektrisierend, einschießend";6,5;;;Neue oder zunehmende Schwäche im Bein;;;;;;Nach dem Einkaufen' \
  '5b7e0c1d-2a3f-4b6c-9d8e-0000000000d2;2026-03-03;09:00;+01:00;dose;;;;;;;;;;Ibuprofen;400;mg;;;' \
  >"$tmp/de-labels.csv"
if "$app" -d "$tmp/de.db" --import-csv="$tmp/de-labels.csv" >"$tmp/out" 2>"$tmp/err"; then
  ok "a ';' spreadsheet with German labels imports"
else
  not_ok "a ';' spreadsheet with German labels imports" "$(cat "$tmp/err")"
fi
"$app" -d "$tmp/de.db" --export-csv="$tmp/de-out.csv" >/dev/null 2>&1
has "German place labels are read as their keys" ',low_back;buttock_left,' "$tmp/de-out.csv"
has "German quality labels are read as their keys" ',burning;electric,' "$tmp/de-out.csv"
has "a decimal comma is read as 6.5 hours of sleep" ',6.5,' "$tmp/de-out.csv"
has "a German warning sign is read as its key" ',leg_weakness,' "$tmp/de-out.csv"

tap_finish
