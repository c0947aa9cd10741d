#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes the AppStream screenshots in data/screenshots/ from the --demo diary under Xvfb:
# Today (light and dark), Trends and the first page of the clinician report.
#   build-aux/screenshots.sh            (after build-aux/run or build-aux/test built _build)
# Needs xvfb, dbus, xdotool, imagemagick and poppler-utils (build-aux/deps.sh's test packages).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
out="$PD_SOURCE_DIR/data/screenshots"
app="$PD_BUILD_DIR/src/pain-diary"
[[ -x $app ]] || { pd_log "build first (build-aux/run or build-aux/test)"; exit 1; }

if [[ -z ${PD_SCREENSHOT_SESSION:-} ]]; then
  export PD_SCREENSHOT_SESSION=1
  exec xvfb-run -a -s "-screen 0 1280x900x24 -noreset" dbus-run-session -- "$0" "$@"
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_STATE_HOME="$scratch/state"
export XDG_CACHE_HOME="$scratch/cache" GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$PD_BUILD_DIR/data"
export GSK_RENDERER=cairo LC_ALL=C.UTF-8 LANGUAGE=en
mkdir -p "$out"

# Waits (up to a minute) for the window of pid $1 and prints its X id.
window_of () {
  local id
  for _ in $(seq 600); do
    id=$(xdotool search --onlyvisible --pid "$1" 2>/dev/null | tail -1 || true)
    [[ -n $id ]] && { echo "$id"; return 0; }
    sleep 0.1
  done
  return 1
}

# shoot SCHEME NAME [KEYS...]: starts the demo, presses KEYS, saves NAME.png.
shoot () {
  local scheme=$1 name=$2; shift 2
  ADW_DEBUG_COLOR_SCHEME=$scheme "$app" --demo &
  local pid=$! win
  win=$(window_of "$pid")
  xdotool windowsize "$win" 1000 720 windowmove "$win" 0 0
  xdotool windowfocus --sync "$win" 2>/dev/null || true
  for k in "$@"; do xdotool key "$k"; sleep 0.5; done
  # Let the page finish drawing after the resize and the keys.
  sleep 2
  import -window "$win" "$out/$name.png"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  pd_log "wrote $out/$name.png"
}

shoot prefer-light today 6
shoot prefer-dark today-dark
shoot prefer-light trends alt+4

# The report's first page, from the same demo story.
"$PD_BUILD_DIR/tests/chart-diary" "$scratch/demo.db" demo
"$app" -d "$scratch/demo.db" --report="$scratch/report.pdf"
pdftoppm -png -r 90 -f 1 -l 1 -singlefile "$scratch/report.pdf" "$out/report"
pd_log "wrote $out/report.png"
