# shellcheck shell=bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by build-aux/run and build-aux/test: the one list of the Debian 12
# packages this project needs, and the steps both scripts share.

# shellcheck disable=SC2034  # used by the scripts that source this file
PD_BUILD_PACKAGES=(
  meson ninja-build pkg-config gcc libpng-dev
  libgtk-4-dev libadwaita-1-dev libsqlite3-dev sqlite3 libnotify-dev
  libjson-glib-dev libcairo2-dev libpango1.0-dev libsodium-dev libsecret-1-dev
  gettext desktop-file-utils appstream libglib2.0-bin libxml2-utils groff-base
)

# A real display, session bus and accessibility bus for the UI tests, an
# application to compare against, and the fonts, icons and locales the
# rendering and formatting tests expect.
# shellcheck disable=SC2034
PD_TEST_PACKAGES=(
  strace
  xvfb xauth dbus dbus-x11 at-spi2-core python3-pyatspi gir1.2-atspi-2.0
  python3-dbusmock gnome-keyring xdotool gnome-calculator imagemagick fonts-cantarell
  adwaita-icon-theme locales gnuplot-nox poppler-utils time
  clang libclang-rt-14-dev libfuzzer-14-dev
)

PD_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PD_BUILD_DIR=$PD_SOURCE_DIR/_build
# The second build: clang with AddressSanitizer, UndefinedBehaviorSanitizer and
# the libFuzzer harnesses (tests/fuzz).
PD_SAN_BUILD_DIR=$PD_SOURCE_DIR/_build-san

pd_log () {
  printf '%s: %s\n' "${0##*/}" "$*" >&2
}

# Runs a command as root: directly when we are root, through sudo otherwise.
pd_as_root () {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    pd_log "need root to run '$*', and sudo is not installed"
    return 1
  fi
}

# Prints the packages among the arguments that are not installed.
pd_missing_packages () {
  local pkg
  for pkg in "$@"; do
    if [[ $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null) != 'install ok installed' ]]; then
      printf '%s\n' "$pkg"
    fi
  done
}

# Installs the packages among the arguments that are missing; touches apt
# only when something is missing.
pd_install_packages () {
  local -a missing
  if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    pd_log "not a Debian system: install the equivalents of these yourself: $*"
    return 0
  fi
  mapfile -t missing < <(pd_missing_packages "$@")
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  pd_log "installing ${missing[*]}"
  pd_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  pd_as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

pd_has_locale () {
  local want=${1,,} name
  want=${want//-/}
  while IFS= read -r name; do
    name=${name,,}
    if [[ ${name//-/} == "$want" ]]; then
      return 0
    fi
  done < <(locale -a 2>/dev/null)
  return 1
}

# Generates a locale such as de_DE.UTF-8 unless it is already available.
pd_ensure_locale () {
  local loc=$1 line
  if pd_has_locale "$loc"; then
    return 0
  fi
  pd_install_packages locales
  line="$loc ${loc##*.}"
  pd_log "generating locale $loc"
  if grep -Eq "^#? *${line//./\\.}\$" /etc/locale.gen 2>/dev/null; then
    pd_as_root sed -i -E "s/^# *(${line//./\\.})\$/\\1/" /etc/locale.gen
  else
    printf '%s\n' "$line" | pd_as_root tee -a /etc/locale.gen >/dev/null
  fi
  pd_as_root locale-gen
}

# Configures (or reconfigures) and builds the project in $PD_BUILD_DIR, with
# every warning an error as CI builds it.
pd_configure_and_build () {
  local -a reconfigure=()
  if [[ -f $PD_BUILD_DIR/meson-private/coredata.dat ]]; then
    reconfigure=(--reconfigure)
  fi
  meson setup "${reconfigure[@]}" -Dwerror=true "$PD_BUILD_DIR" "$PD_SOURCE_DIR" || return
  ninja -C "$PD_BUILD_DIR"
}

# Configures (or reconfigures) and builds the sanitizer build in
# $PD_SAN_BUILD_DIR: clang, -Db_sanitize=address,undefined, the fuzzers. Not
# with -Dwerror: the warning set is checked by the main build (gcc).
pd_configure_and_build_sanitized () {
  local -a reconfigure=()
  if [[ -f $PD_SAN_BUILD_DIR/meson-private/coredata.dat ]]; then
    reconfigure=(--reconfigure)
  fi
  CC=clang meson setup "${reconfigure[@]}" -Db_sanitize=address,undefined -Db_lundef=false \
    -Dfuzzing=true "$PD_SAN_BUILD_DIR" "$PD_SOURCE_DIR" || return
  ninja -C "$PD_SAN_BUILD_DIR"
}
