#!/bin/bash
# What the walkthrough of issue 16 found in the files the app writes (TAP): a 360 px chart,
# and the report's notes with the date apart from the time.
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: test-walkthrough-cli.sh PAIN-DIARY CHART-DIARY
set -u

app="$1"
chart_diary="$2"

. "$(dirname "$0")/tap.sh"
tap_setup

db="$tmp/demo.db"
"$chart_diary" "$db" demo >/dev/null || { echo "Bail out! cannot make the demo diary"; exit 1; }
if ! command -v pdftotext >/dev/null; then
  echo "Bail out! pdftotext is missing: install poppler-utils (build-aux/test does)"
  exit 1
fi

# --chart --width=360: the window's narrowest chart, written whole (its legends are read
# back in test-chart's /chart/narrow-legends-and-events).
if "$app" -d "$db" --chart="$tmp/c.png" --width=360 --height=420 >"$tmp/out" 2>"$tmp/err" \
   && [ "$(od -An -tu1 -j16 -N8 "$tmp/c.png" | awk '{print $3 * 256 + $4, $7 * 256 + $8}')" = "360 420" ]; then
  ok "--chart --width=360 writes a 360 x 420 PNG"
else
  not_ok "--chart --width=360 writes a 360 x 420 PNG" "$(cat "$tmp/err")"
fi

# The report's notes: "17 Nov 2026 19:51 pain 4 ...", not "17 Nov 202619:51".
"$app" -d "$db" --report="$tmp/r.pdf" >"$tmp/out" 2>"$tmp/err"
pdftotext -layout -enc UTF-8 "$tmp/r.pdf" "$tmp/r.txt"
notes=$(grep -cE '^[0-9]{1,2} [A-Z][a-z]{2} [0-9]{4}[^0-9]+[0-9]{2}:[0-9]{2}[^0-9]+pain [0-9]+' "$tmp/r.txt")
joined=$(grep -cE ' [0-9]{4}[0-9]{2}:[0-9]{2}' "$tmp/r.txt")
if [ "$notes" -gt 0 ] && [ "$joined" -eq 0 ]; then
  ok "the report's notes part the date from the time ($notes notes)"
else
  not_ok "the report's notes part the date from the time" "$notes notes, $joined joined" \
    "$(grep -E ':[0-9]{2}.*pain' "$tmp/r.txt" | head -5)"
fi

# Dates as the locale writes them (issue 17): "17 Nov 2026" here, "17. Nov 2026" in German;
# no ISO date but the PEG table's ISO weeks ("2026-W47").
# dates_in_words LOCALE TEXT PATTERN SHOWN: TEXT has no ISO date and matches PATTERN; on
# failure, the lines matching SHOWN are shown.
dates_in_words () {
  local iso
  iso=$(grep -cE '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$2")
  if [ "$iso" -eq 0 ] && grep -qE -- "$3" "$2"; then
    ok "the report's dates are in the locale's words ($1)"
  else
    not_ok "the report's dates are in the locale's words ($1)" "$iso ISO dates" \
      "$(grep -E -- "$4" "$2" | head -5)"
  fi
}
dates_in_words C.UTF-8 "$tmp/r.txt" '^Period: [0-9]{1,2} [A-Z][a-z]{2} [0-9]{4} to ' \
  '^Period|[0-9]{4}-[0-9]{2}-[0-9]{2}'
if locale -a 2>/dev/null | grep -qiE '^de_DE\.utf-?8$'; then
  LANGUAGE=de LC_ALL=de_DE.UTF-8 "$app" -d "$db" --report="$tmp/de.pdf" >"$tmp/out" 2>"$tmp/err"
  pdftotext -layout -enc UTF-8 "$tmp/de.pdf" "$tmp/de.txt"
  dates_in_words de_DE.UTF-8 "$tmp/de.txt" '[0-9]{1,2}\. [A-Z][a-zä]{2,3}\.? [0-9]{4}' '[0-9]{4}'
else
  echo "# de_DE.UTF-8 is not generated: the German dates are not checked (build-aux/test generates it)"
fi

tap_finish
