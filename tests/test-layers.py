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
pages and dialogs receive the diary model, never the window. Only the window
(pd-window.c) includes pd-window.h or calls pd_window_*: the parts it is split into
(backup, exchange, record actions) receive what they need as arguments, and the window
does not call its own public functions (it uses its actions or static helpers); no
widget includes pd-application.h; the row of an entry (pd-entry-row.c) does not use the
row of any record (pd-record-row.c), which builds it. No two files of src/widgets
and pd-application.c call each other (A a function defined in B, and B one
defined in A). Each rule is also checked against a probe that breaks it, so a rule
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
WINDOW_FILE = re.compile(r"^pd-window\.[ch]$")


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


def own_calls(text):
    """The window's public pd_window_* functions that pd-window.c calls itself: every use
    but a definition (at the start of a line, GNU style), static ones and GObject's."""
    code = strip_comments(text)
    used = set(re.findall(r"(?<=[^\w\n])(pd_window_[a-z_]+)\s*\(", code))
    static = set(re.findall(r"^static[^;{]*\n(pd_window_[a-z_]+)\s*\(", code, flags=re.M))
    return sorted(used - static - {"pd_window_get_type"})


def defined_functions(text):
    """The functions a .c file defines for other files: a name at the start of a line
    followed by its parameters, the line before (its type) not static."""
    names = set()
    lines = strip_comments(text).split("\n")
    for i, line in enumerate(lines):
        m = re.match(r"^([a-z_][a-z0-9_]*)\s*\(", line)
        if m and i > 0 and lines[i - 1].strip() and not re.match(r"^\s*(static|#)", lines[i - 1]) \
                and not (i > 1 and lines[i - 2].startswith("static")):
            names.add(m.group(1))
    return names


def called_functions(text):
    return set(re.findall(r"\b([a-z_][a-z0-9_]*)\s*\(", strip_comments(text)))


def circles(sources):
    """The pairs of files that call each other: {name: text} in, sentences out."""
    defined = {name: defined_functions(text) for name, text in sources.items()}
    called = {name: called_functions(text) for name, text in sources.items()}
    found = []
    names = sorted(sources)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            ab = sorted(called[a] & defined[b])
            ba = sorted(called[b] & defined[a])
            if ab and ba:
                found.append(f"{a} calls {', '.join(ab)} of {b}, which calls {', '.join(ba)} of {a}")
    return found


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
    if name == "pd-window.c" and own_calls(text):
        broken.append(f"{name} calls its own public {', '.join(own_calls(text))} "
                      "(a static helper or an action instead)")
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
    ("pd-backup-commands.c", '#include "pd-window.h"\n'),
    ("pd-record-actions.c", "  settings = pd_window_get_settings (window);\n"),
    ("pd-window.c", "void\npd_window_reload (PdWindow *self)\n{\n}\n\n"
                    "static void\nf (void)\n{\n  pd_window_reload (self);\n}\n"),
]
ALLOWED_PROBES = [
    ("pd-window.c", "void\npd_window_reload (PdWindow *self)\n{\n  reload (self);\n}\n"),
    ("pd-today-page.c", "/* pd_window_diary_changed (w) was called here */\n"),
    ("pd-record-row.c", "return pd_entry_row_new (entry, editable);\n"),
]


# Two files that call each other, and two that call one way only.
CIRCLE_PROBE = {
    "a.c": "void\npd_a_one (void)\n{\n  pd_b_two ();\n}\n",
    "b.c": "void\npd_b_two (void)\n{\n}\n\nstatic void\nthree (void)\n{\n  pd_a_one ();\n}\n",
    "c.c": "static void\npd_c_four (void)\n{\n  pd_a_one ();\n}\n",
}


def check_circles():
    paths = sorted(glob.glob(os.path.join(SOURCE_ROOT, "widgets", "**", "*.c"), recursive=True))
    paths.append(os.path.join(SOURCE_ROOT, "pd-application.c"))
    sources = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            sources[os.path.relpath(path, SOURCE_ROOT)] = f.read()
    found = circles(sources)
    tap(len(sources) > 40 and not found,
        f"widgets: no two of {len(sources)} files of src/widgets and pd-application.c call each other",
        "\n".join(found))
    probe = circles(CIRCLE_PROBE)
    tap(len(probe) == 1 and probe[0].startswith("a.c calls pd_b_two of b.c"),
        "window: a probe of two files that call each other is seen, one that calls one way is not",
        "\n".join(probe))


def check_sources():
    files = sorted(glob.glob(os.path.join(SOURCE_ROOT, "widgets", "**", "*.[ch]"), recursive=True))
    tap(len(files) > 20, f"widgets: {len(files)} source files read", SOURCE_ROOT)
    broken = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            broken += source_rules(os.path.basename(path), f.read())
    tap(not broken, "widgets: only pd-window.c includes pd-window.h or calls pd_window_*, and not "
        "its own public ones; none includes pd-application.h; the record rows do not call each other",
        "\n".join(broken))
    missed = [f"{name}: {text.strip()}" for name, text in PROBES if not source_rules(name, text)]
    tap(not missed, f"widgets: each of {len(PROBES)} probes that break a rule is seen",
        "\n".join(missed))
    wrong = [f"{name}: {text.strip()}" for name, text in ALLOWED_PROBES if source_rules(name, text)]
    tap(not wrong, f"widgets: {len(ALLOWED_PROBES)} probes that keep the rules pass",
        "\n".join(wrong))


N_SOURCE_CHECKS = 6


def main():
    build_root = sys.argv[1]
    with open(os.path.join(build_root, "compile_commands.json"), encoding="utf-8") as f:
        commands = json.load(f)
    print(f"1..{sum(len(rules) for rules in RULES.values()) + N_SOURCE_CHECKS}")
    check_sources()
    check_circles()
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
