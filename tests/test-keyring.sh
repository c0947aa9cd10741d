#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test-keyring.sh TEST-KEYRING
#
# Runs the keyring test (TAP) against a real Secret Service: its own session bus
# (dbus-run-session) with gnome-keyring-daemon, whose login keyring is created and
# unlocked with a password given on its standard input, in a private home, so the
# user's own keyring is never touched. No skipping: without gnome-keyring-daemon
# (Debian package gnome-keyring, build-aux/deps.sh) the test fails.
set -euo pipefail
# Before the bus starts: services it activates (the keyring's unlock prompter, gcr-prompter)
# inherit its environment, and with a display a prompt would wait for a person forever.
unset DISPLAY WAYLAND_DISPLAY

if [[ -z ${PD_KEYRING_BUS:-} ]]; then
  for program in dbus-run-session gnome-keyring-daemon gdbus; do
    if ! command -v "$program" >/dev/null; then
      echo "1..1"
      echo "not ok 1 - $program is missing: install gnome-keyring and dbus (build-aux/deps.sh)"
      exit 1
    fi
  done
  exec env PD_KEYRING_BUS=1 dbus-run-session -- "$0" "$@"
fi

home=$(mktemp -d)
daemon=
cleanup () {
  if [[ -n $daemon ]]; then
    kill "$daemon" 2>/dev/null || true
    wait "$daemon" 2>/dev/null || true
  fi
  rm -rf "$home"
}
trap cleanup EXIT
mkdir -m 700 "$home/data" "$home/config" "$home/run" "$home/cache"
export HOME=$home XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config \
  XDG_RUNTIME_DIR=$home/run XDG_CACHE_HOME=$home/cache

printf 'pain-diary-test-login' |
  gnome-keyring-daemon --foreground --unlock --components=secrets >"$home/daemon.log" 2>&1 &
daemon=$!
if ! gdbus wait --session --timeout 30 org.freedesktop.secrets; then
  echo "1..1"
  echo "not ok 1 - gnome-keyring-daemon did not start"
  sed 's/^/# /' "$home/daemon.log"
  exit 1
fi
"$1" --tap
