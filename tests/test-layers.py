#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The layers as the build enforces them (TAP).

usage: test-layers.py BUILD_ROOT

For each layer's static library (src/meson.build) this takes the compiler
command that built one of its files (from compile_commands.json), so the same
include folders and dependencies, and compiles a two-line file with it: an
allowed header (the layer's own or a lower one's) must compile, a forbidden one
(a higher layer's, GTK, libadwaita, libnotify below the notifier, cairo below
the chart, libsecret below the services; for the diary model, GTK and the chart,
exchange and widget headers)
must fail because the compiler cannot find it.
"""

import json
import os
import shlex
import subprocess
import sys
import tempfile

ALLOWED = "allowed"
FORBIDDEN = "forbidden"

# layer: [(header, ALLOWED or FORBIDDEN), ...]
RULES = {
    "core": [
        ('"pd-database.h"', ALLOWED),
        ('"pd-daily.h"', FORBIDDEN),
        ('"pd-diary-model.h"', FORBIDDEN),
        ('"pd-chart.h"', FORBIDDEN),
        ('"pd-csv.h"', FORBIDDEN),
        ('"pd-scheduler.h"', FORBIDDEN),
        ('"pd-application.h"', FORBIDDEN),
        ('"pd-window.h"', FORBIDDEN),
        ("<cairo.h>", FORBIDDEN),
        ("<libnotify/notify.h>", FORBIDDEN),
        ("<gtk/gtk.h>", FORBIDDEN),
        ("<adwaita.h>", FORBIDDEN),
    ],
    "analysis": [
        ('"pd-daily.h"', ALLOWED),
        ('"pd-database.h"', ALLOWED),
        ('"pd-chart.h"', FORBIDDEN),
        ('"pd-report.h"', FORBIDDEN),
        ('"pd-diary-model.h"', FORBIDDEN),
        ("<cairo.h>", FORBIDDEN),
        ("<gtk/gtk.h>", FORBIDDEN),
    ],
    "chart": [
        ('"pd-chart.h"', ALLOWED),
        ('"pd-heatmap.h"', ALLOWED),
        ('"pd-csv.h"', FORBIDDEN),
        ('"pd-report.h"', FORBIDDEN),
        ('"pd-scheduler.h"', FORBIDDEN),
        ("<gtk/gtk.h>", FORBIDDEN),
    ],
    "exchange": [
        ('"pd-report.h"', ALLOWED),
        ('"pd-chart.h"', ALLOWED),
        ('"pd-csv.h"', ALLOWED),
        ('"pd-scheduler.h"', FORBIDDEN),
        ('"pd-cli.h"', FORBIDDEN),
        ('"pd-window.h"', FORBIDDEN),
        ('"pd-keyring.h"', FORBIDDEN),
        ("<libsecret/secret.h>", FORBIDDEN),
        ("<libnotify/notify.h>", FORBIDDEN),
        ("<gtk/gtk.h>", FORBIDDEN),
    ],
    "reminders": [
        ('"pd-scheduler.h"', ALLOWED),
        ('"pd-reminder-service.h"', ALLOWED),
        ('"pd-spine.h"', ALLOWED),
        ('"pd-report.h"', FORBIDDEN),
        ('"pd-chart.h"', FORBIDDEN),
        ("<libnotify/notify.h>", FORBIDDEN),
        ("<gtk/gtk.h>", FORBIDDEN),
    ],
    "model": [
        ('"pd-diary-model.h"', ALLOWED),
        ('"pd-day-group.h"', ALLOWED),
        ('"pd-medication-checks.h"', ALLOWED),
        ('"pd-database.h"', ALLOWED),
        ('"pd-chart.h"', FORBIDDEN),
        ('"pd-csv.h"', FORBIDDEN),
        ('"pd-report.h"', FORBIDDEN),
        ('"pd-scheduler.h"', FORBIDDEN),
        ('"pd-window.h"', FORBIDDEN),
        ('"pd-today-page.h"', FORBIDDEN),
        ('"pd-application.h"', FORBIDDEN),
        ("<cairo.h>", FORBIDDEN),
        ("<gtk/gtk.h>", FORBIDDEN),
        ("<adwaita.h>", FORBIDDEN),
    ],
    "services": [
        ('"pd-backup-folder.h"', ALLOWED),
        ('"pd-keyring.h"', ALLOWED),
        ('"pd-backup.h"', ALLOWED),
        ("<libsecret/secret.h>", ALLOWED),
        ('"pd-window.h"', FORBIDDEN),
        ('"pd-preferences-window.h"', FORBIDDEN),
        ('"pd-application.h"', FORBIDDEN),
        ('"pd-scheduler.h"', FORBIDDEN),
        ("<libnotify/notify.h>", FORBIDDEN),
        ("<gtk/gtk.h>", FORBIDDEN),
        ("<adwaita.h>", FORBIDDEN),
    ],
    "notifier": [
        ("<libnotify/notify.h>", ALLOWED),
        ('"pd-notifier.h"', ALLOWED),
        ('"pd-chart.h"', FORBIDDEN),
        ("<gtk/gtk.h>", FORBIDDEN),
    ],
}

NOT_FOUND = ("No such file or directory", "file not found")

count = 0
failed = False


def tap(ok, what, detail=""):
    global count, failed
    count += 1
    failed |= not ok
    print(f"{'ok' if ok else 'not ok'} {count} - {what}")
    for line in detail.splitlines()[:12]:
        print(f"# {line}")


def layer_command(commands, layer):
    """The compiler command of one file of libpd-LAYER.a, as a list, and its folder."""
    marker = f"libpd-{layer}.a.p"
    for entry in commands:
        if marker in entry["command"]:
            return shlex.split(entry["command"]), entry["directory"]
    return None, None


def compile_with(argv, directory, header, scratch):
    source = os.path.join(scratch, "probe.c")
    with open(source, "w", encoding="utf-8") as f:
        f.write(f'#include "config.h"\n#include {header}\nint pd_probe (void);\n'
                "int pd_probe (void) { return 0; }\n")
    cmd = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in ("-o", "-MQ", "-MF", "-c"):
            skip = True
            continue
        if arg in ("-MD", "-Werror") or arg.startswith("-fdiagnostics-color"):
            continue
        cmd.append(arg)
    cmd += ["-fsyntax-only", "-c", source]
    return subprocess.run(cmd, cwd=directory, capture_output=True, text=True)


def main():
    build_root = sys.argv[1]
    with open(os.path.join(build_root, "compile_commands.json"), encoding="utf-8") as f:
        commands = json.load(f)
    print(f"1..{sum(len(rules) for rules in RULES.values())}")
    with tempfile.TemporaryDirectory() as scratch:
        for layer, rules in RULES.items():
            argv, directory = layer_command(commands, layer)
            for header, rule in rules:
                what = f"{layer}: {header} is {rule}"
                if argv is None:
                    tap(False, what, f"no compiler command for libpd-{layer}.a")
                    continue
                result = compile_with(argv, directory, header, scratch)
                if rule == ALLOWED:
                    tap(result.returncode == 0, what, result.stderr)
                else:
                    missing = any(m in result.stderr for m in NOT_FOUND)
                    tap(result.returncode != 0 and missing, what,
                        result.stderr or "it compiled")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
