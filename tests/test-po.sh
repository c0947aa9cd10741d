#!/bin/bash
# Translations are complete: every file with a translatable string is in po/POTFILES.in (so
# its strings reach the template), and every language of po/LINGUAS translates every message
# of a freshly extracted template, none fuzzy, with matching formats (TAP).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

src="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; shift; printf '%s\n' "$@" | sed 's/^/# /'; }

listed=$(grep -vE '^\s*(#|$)' po/POTFILES.in | sort)
{
  grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|ngettext|g_dpgettext2)\s*\(' src --include='*.c' --include='*.h'
  grep -rl 'translatable="yes"' ui data --include='*.ui' --include='*.xml*'
  ls data/*.desktop.in data/*.metainfo.xml.in
} | sort -u >"$tmp/needed"
missing=$(comm -23 "$tmp/needed" <(echo "$listed"))
if [ -z "$missing" ]; then
  ok "every file with translatable strings is in po/POTFILES.in"
else
  not_ok "every file with translatable strings is in po/POTFILES.in" "missing:" $missing
fi
gone=$(for f in $listed; do [ -e "$f" ] || echo "$f"; done)
if [ -z "$gone" ]; then ok "every file of po/POTFILES.in exists"; else not_ok "every file of po/POTFILES.in exists" $gone; fi

# The template, extracted as meson's glib preset does.
xgettext --package-name=pain-diary --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
  --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_set_error:4:c-format --flag=g_printerr:1:c-format --flag=g_print:1:c-format \
  -f <(echo "$listed") -o "$tmp/template.pot" 2>"$tmp/xgettext.log"
if [ -s "$tmp/template.pot" ]; then
  ok "the template extracts ($(grep -c '^msgid ' "$tmp/template.pot") messages)"
else
  not_ok "the template extracts" "$(cat "$tmp/xgettext.log")"
fi

while read -r lang; do
  [ -n "$lang" ] || continue
  po="po/$lang.po"
  if ! msgmerge --quiet --no-fuzzy-matching "$po" "$tmp/template.pot" -o "$tmp/$lang.po" 2>"$tmp/merge.log"; then
    not_ok "$lang: merges with the template" "$(cat "$tmp/merge.log")"
    continue
  fi
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  if [[ $stats =~ ^[0-9]+\ translated\ messages?\.$ ]]; then
    ok "$lang: every message translated, none fuzzy ($stats)"
  else
    untranslated=$(LC_ALL=C msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$lang.po" | grep -A1 '^msgid ' | grep -v '^--' | head -30)
    fuzzy=$(LC_ALL=C msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/$lang.po" | grep -A1 '^msgid ' | grep -v '^--' | head -30)
    not_ok "$lang: every message translated, none fuzzy" "$stats" "untranslated: $untranslated" "fuzzy: $fuzzy"
  fi
done < <(grep -vE '^\s*(#|$)' po/LINGUAS)

echo "1..$n"
exit "$failed"
