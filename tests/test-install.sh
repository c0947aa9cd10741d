#!/bin/bash
# `meson install` into a DESTDIR puts everything in place, and what it installs is valid:
# the binary, desktop file, metainfo, icons, GSettings schema, translations and the man
# page, which documents every option that --help shows (TAP).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

build_dir="$1"
source_dir="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest="$tmp/dest"

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check () { local what="$1"; shift; if "$@" >"$tmp/log" 2>&1; then ok "$what"; else not_ok "$what" "$(cat "$tmp/log")"; fi; }

if ! meson install -C "$build_dir" --no-rebuild --quiet --destdir "$dest" >"$tmp/install.log" 2>&1; then
  not_ok "meson install into a DESTDIR" "$(tail -20 "$tmp/install.log")"
  echo "1..$n"
  exit 1
fi
ok "meson install into a DESTDIR"

prefix=$(meson introspect "$build_dir" --buildoptions | /usr/bin/python3 -c \
  'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
root="$dest$prefix"
id=io.github.paindiary.PainDiary

for f in bin/pain-diary \
         "share/applications/$id.desktop" \
         "share/metainfo/$id.metainfo.xml" \
         "share/icons/hicolor/scalable/apps/$id.svg" \
         "share/icons/hicolor/symbolic/apps/$id-symbolic.svg" \
         "share/glib-2.0/schemas/$id.gschema.xml" \
         share/man/man1/pain-diary.1; do
  check "installs $f" test -s "$root/$f"
done
while read -r lang; do
  [ -n "$lang" ] || continue
  check "installs the $lang translation" test -s "$root/share/locale/$lang/LC_MESSAGES/pain-diary.mo"
done < <(grep -v '^#' "$source_dir/po/LINGUAS")

check "the installed desktop file is valid" desktop-file-validate "$root/share/applications/$id.desktop"
check "the installed metainfo passes appstreamcli validate --pedantic" \
  appstreamcli validate --pedantic --no-net "$root/share/metainfo/$id.metainfo.xml"
check "the installed schema compiles" glib-compile-schemas --strict --dry-run "$root/share/glib-2.0/schemas"
check "the man page formats without warnings" \
  bash -c "groff -man -Tutf8 -ww '$root/share/man/man1/pain-diary.1' 2>&1 >/dev/null | (! grep .)"

# Every long option of --help is in the man page.
GSETTINGS_SCHEMA_DIR="$build_dir/data" "$root/bin/pain-diary" --help-all >"$tmp/help" 2>&1
missing=()
while read -r opt; do
  grep -qF -- "${opt//-/\\-}" "$root/share/man/man1/pain-diary.1" || missing+=("$opt")
done < <(grep -oE -- '--[a-z][a-z-]*' "$tmp/help" | sort -u | grep -vE -- '--(help-all|help-gapplication|gapplication-service)$')
if [ ${#missing[@]} -eq 0 ]; then
  ok "the man page documents every option of --help"
else
  not_ok "the man page documents every option of --help" "missing: ${missing[*]}"
fi

# --help shows the usage once: "[FILE]", not "[FILE] [FILE]".
if grep -qE '^  pain-diary \[OPTION…\] \[FILE\]$' "$tmp/help"; then
  ok "--help names [FILE] once"
else
  not_ok "--help names [FILE] once" "$(head -3 "$tmp/help")"
fi

echo "1..$n"
exit "$failed"
