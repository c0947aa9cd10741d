#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The layers as the build enforces them, and the rules of the UI floor (TAP).

usage: test-layers.py BUILD_ROOT

For each layer's static library (src/meson.build) this takes the compiler
command that built one of its files (from compile_commands.json), so the same
include folders and dependencies, and compiles a two-line file with it: an
allowed header (the layer's own or a lower one's) must compile, a forbidden one
(a higher layer's, GTK, libadwaita, libnotify below the notifier, cairo below
the chart, libsecret below the services; for the diary model, GTK and the chart,
exchange and widget headers)
must fail because the compiler cannot find it.

The widgets share one include folder, so their rules are read from the sources:
pages and dialogs receive the diary model, never the window. Only the window's own
files (pd-window*.c) include pd-window.h or call pd_window_*; no widget includes
pd-application.h; the row of an entry (pd-entry-row.c) does not use the row of any
record (pd-record-row.c), which builds it. Each rule is also checked against a probe that breaks it, so a rule
that could not see a violation fails.
"""

import glob
import json
import os
import re
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


SOURCE_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
WINDOW_FILE = re.compile(r"^pd-window(-[a-z-]+)?\.[ch]$")


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)


def includes(text):
    return re.findall(r'^\s*#\s*include\s+"([^"]+)"', text, flags=re.M)


def window_calls(text):
    """The pd_window_* functions called (not declared or defined)."""
    code = strip_comments(text)
    return sorted(set(re.findall(r"\b(pd_window_[a-z_]+)\s*\(", code)))


def source_rules(name, text):
    """The UI-floor rules that one file of src/widgets breaks, as sentences."""
    broken = []
    own = WINDOW_FILE.match(name) is not None
    incs = includes(text)
    if not own and "pd-window.h" in incs:
        broken.append(f"{name} includes pd-window.h (pages and dialogs receive the model)")
    if not own and "pd-window-private.h" in incs:
        broken.append(f"{name} includes pd-window-private.h")
    if "pd-application.h" in incs:
        broken.append(f"{name} includes pd-application.h")
    if not own and window_calls(text):
        broken.append(f"{name} calls {', '.join(window_calls(text))}")
    # pd-record-row.c builds the row of any record, an entry's too: never the other way.
    if name == "pd-entry-row.c" and ("pd-record-row.h" in incs or
                                     re.search(r"\bpd_record_row_[a-z_]+\s*\(",
                                               strip_comments(text))):
        broken.append(f"{name} uses pd-record-row (the rows must not call each other)")
    return broken


# Probes that break each rule: the checker must see every one.
PROBES = [
    ("pd-today-page.c", '#include "pd-window.h"\n'),
    ("pd-today-page.c", "static void f (void) { pd_window_diary_changed (w); }\n"),
    ("pd-report-dialog.c", '#include "pd-application.h"\n'),
    ("pd-window.c", '#include "pd-application.h"\n'),
    ("pd-entry-row.c", '#include "pd-record-row.h"\n'),
    ("pd-entry-row.c", "pd_record_row_new (record, TRUE);\n"),
    ("pd-window.h", '#include "pd-application.h"\n'),
]
ALLOWED_PROBES = [
    ("pd-window-exchange.c", '#include "pd-window.h"\n'),
    ("pd-today-page.c", "/* pd_window_diary_changed (w) was called here */\n"),
    ("pd-record-row.c", "return pd_entry_row_new (entry, editable);\n"),
]


def check_sources():
    files = sorted(glob.glob(os.path.join(SOURCE_ROOT, "widgets", "**", "*.[ch]"), recursive=True))
    tap(len(files) > 20, f"widgets: {len(files)} source files read", SOURCE_ROOT)
    broken = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            broken += source_rules(os.path.basename(path), f.read())
    tap(not broken, "widgets: only pd-window*.c include pd-window.h or call pd_window_*; "
        "none includes pd-application.h; the record rows do not call each other",
        "\n".join(broken))
    missed = [f"{name}: {text.strip()}" for name, text in PROBES if not source_rules(name, text)]
    tap(not missed, f"widgets: each of {len(PROBES)} probes that break a rule is seen",
        "\n".join(missed))
    wrong = [f"{name}: {text.strip()}" for name, text in ALLOWED_PROBES if source_rules(name, text)]
    tap(not wrong, f"widgets: {len(ALLOWED_PROBES)} probes that keep the rules pass",
        "\n".join(wrong))


N_SOURCE_CHECKS = 4


def main():
    build_root = sys.argv[1]
    with open(os.path.join(build_root, "compile_commands.json"), encoding="utf-8") as f:
        commands = json.load(f)
    print(f"1..{sum(len(rules) for rules in RULES.values()) + N_SOURCE_CHECKS}")
    check_sources()
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
