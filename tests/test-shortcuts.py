#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The keyboard shortcuts window lists every shortcut the app has: each accelerator given to
an action (gtk_application_set_accels_for_action) and each key binding of a widget class
(gtk_widget_class_add_binding_action) appears in ui/pd-shortcuts-window.ui. Prints TAP.

usage: test-shortcuts.py SOURCE_ROOT
"""

import os
import re
import sys
import xml.etree.ElementTree as ET

MODS = {"primary": "ctrl", "control": "ctrl", "ctrl": "ctrl", "alt": "alt", "shift": "shift",
        "super": "super"}


def normalize(accel):
    mods = frozenset(MODS[m.lower()] for m in re.findall(r"<(\w+)>", accel))
    key = re.sub(r"<\w+>", "", accel).strip()
    return mods, key.lower()


def app_accels(root):
    found = set()
    for dirpath, _, files in os.walk(os.path.join(root, "src")):
        for name in files:
            if not name.endswith(".c"):
                continue
            text = open(os.path.join(dirpath, name), encoding="utf-8").read()
            for call in re.findall(r"set_accels_for_action\s*\((.*?)\);", text, re.S):
                for accel in re.findall(r'"(<[^"]*>[^"]*|[^"<.]+)"\s*,\s*NULL', call):
                    found.add((normalize(accel), f"{name}: {accel}"))
            for key, mask in re.findall(r"add_binding_action\s*\(\s*\w+\s*,\s*GDK_KEY_(\w+)\s*,\s*([\w| ]+?)\s*,",
                                        text):
                mods = frozenset(m for flag, m in (("CONTROL", "ctrl"), ("ALT", "alt"), ("SHIFT", "shift"))
                                 if flag in mask)
                found.add(((mods, key.lower()), f"{name}: {mask} {key}"))
    return found


def listed(root):
    tree = ET.parse(os.path.join(root, "ui", "pd-shortcuts-window.ui"))
    shown = set()
    for prop in tree.iter("property"):
        if prop.get("name") == "accelerator" and prop.text:
            for accel in prop.text.split():
                shown.add(normalize(accel))
    return shown


def main():
    root = sys.argv[1]
    accels = app_accels(root)
    shown = listed(root)
    n = 0
    ok = True
    print(f"# {len(accels)} shortcuts in the code, {len(shown)} accelerators in the window")
    n += 1
    if len(accels) >= 15:
        print(f"ok {n} - the code's shortcuts are found ({len(accels)})")
    else:
        ok = False
        print(f"not ok {n} - the code's shortcuts are found: only {len(accels)}")
    for accel, where in sorted(accels, key=lambda a: a[1]):
        n += 1
        if accel in shown:
            print(f"ok {n} - listed: {where}")
        else:
            ok = False
            print(f"not ok {n} - not in the shortcuts window: {where}")
    print(f"1..{n}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
