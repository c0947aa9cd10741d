#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest, checked without building it (no runtime can be downloaded here):
a supported GNOME runtime, no network and no home or host filesystem, notifications and
files through portals, every library that meson.build asks for either in the GNOME runtime
or built as a module from a checksummed source, and the app module last. Prints TAP.

usage: test-flatpak-manifest.py MANIFEST MESON_BUILD SRC_MESON_BUILD
"""

import json
import re
import sys

results = []


def tap(ok, what, detail=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {what}")
    if detail and not ok:
        print(f"# {detail}")


# What org.gnome.Platform 50 provides of what we link (from the GNOME runtime's contents:
# GLib, GTK 4, libadwaita, SQLite, cairo, pango, json-glib, libpng, libsecret, libportal).
RUNTIME = {"glib-2.0", "gio-2.0", "gobject-2.0", "gmodule-2.0", "gtk4", "libadwaita-1", "sqlite3", "cairo",
           "pango", "pangocairo", "json-glib-1.0", "libpng", "libsecret-1", "libportal",
           "libportal-gtk4", "m"}
MODULE_PROVIDES = {"libsodium": {"libsodium"}, "libnotify": {"libnotify"}}


def main():
    manifest = json.load(open(sys.argv[1]))
    meson = "".join(open(p).read() for p in sys.argv[2:])

    tap(manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk",
        "GNOME runtime and SDK")
    version = manifest.get("runtime-version", "")
    tap(version.isdigit() and int(version) >= 50, "a supported runtime (50 or newer)", version)

    args = manifest.get("finish-args", [])
    tap("--share=network" not in args, "no network", args)
    tap(not any(a.startswith("--filesystem") for a in args), "no home or host filesystem", args)
    tap(not any("org.freedesktop.Notifications" in a for a in args),
        "notifications go through the portal (libnotify uses it in a sandbox)", args)
    tap(not any(a.startswith("--talk-name=org.freedesktop.portal") for a in args),
        "portals need no extra bus names", args)
    tap("--socket=wayland" in args and "--socket=fallback-x11" in args, "Wayland, X11 as fallback")

    modules = manifest.get("modules", [])
    names = [m.get("name") for m in modules]
    tap(names and names[-1] == "pain-diary", "the app module is built last", names)
    for m in modules[:-1]:
        sources = m.get("sources", [])
        tap(all(s.get("type") in ("archive", "file") and re.fullmatch(r"[0-9a-f]{64}", s.get("sha256", ""))
                or s.get("type") == "git" and s.get("commit") for s in sources) and sources,
            f"module {m.get('name')} is pinned by a checksum", sources)

    deps = set(re.findall(r"dependency\('([^']+)'", meson))
    provided = set(RUNTIME)
    for name in names:
        provided |= MODULE_PROVIDES.get(name, set())
    missing = sorted(deps - provided)
    tap(not missing, "every dependency of meson.build is in the runtime or a module", missing)

    print(f"1..{len(results)}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
