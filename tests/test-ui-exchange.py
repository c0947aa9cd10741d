#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of Export (Ctrl+E) and Import CSV through AT-SPI, as a person uses them.

Exports a diary from the window and compares it with the command line's export of the
same diary; imports another diary's CSV after the summary dialog and finds its records.
Prints TAP.
"""

import csv
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdui import (App, Scenario, choose_file, find, finish, key, press, press_enabled, query, tap,  # noqa: E402
                  wait_for, walk, window)


def main():
    exe = sys.argv[1]
    with Scenario("test-ui-exchange") as scenario:
        # Two diaries made on the command line: the one the window opens, and a source
        # whose CSV is imported.
        app = scenario.start(App(exe))
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(app.tmp, "data"))
        source = os.path.join(app.tmp, "source.db")
        source_csv = os.path.join(app.tmp, "source.csv")
        for score, note, at in ((4, "Source one", "2026-10-01T08:00"), (6, "Source two", "2026-10-02T09:30")):
            subprocess.run([exe, "-d", source, f"--log-pain={score}", f"--note={note}", f"--at={at}"],
                           check=True, env=env, capture_output=True)
        subprocess.run([exe, "-d", source, f"--export-csv={source_csv}"], check=True, env=env)
        # The patient's own words for where it hurts, beside a label, as a person types them.
        with open(source_csv, newline="") as f:
            table = list(csv.reader(f))
        table[1][table[0].index("locations")] = "Low back;Pins in my hip"
        with open(source_csv, "w", newline="") as f:
            csv.writer(f, lineterminator="\r\n").writerows(table)

        press(wait_for(lambda: find(app.root, name="Pain 5, Moderate pain", role="push button"), "Pain 5"))
        press_enabled(wait_for(lambda: find(app.root, name="Save Entry", role="push button"), "Save Entry"),
                      "Save Entry")
        wait_for(lambda: query(app.db, "SELECT count(*) FROM pain_entries")[0][0] == 1, "the entry")

        key("ctrl+e")
        dialog = wait_for(lambda: window(app, "Export"), "the Export dialog")
        press(wait_for(lambda: find(dialog, name="Choose File…", role="push button"), "Choose File"))
        exported = os.path.join(app.tmp, "from-window.csv")
        choose_file(app, exported, "Export")
        # Written through a temporary file and a rename: there, it is whole.
        wait_for(lambda: os.path.exists(exported) and os.path.getsize(exported) > 0, "the exported file")
        expected = subprocess.run([exe, "-d", app.db, "--export-csv=-"], check=True, env=env,
                                  capture_output=True).stdout
        with open(exported, "rb") as f:
            got = f.read()
        tap(got == expected, "Export from the window writes what --export-csv writes",
            f"{len(got)} bytes vs {len(expected)}")
        tap(oct(os.stat(exported).st_mode & 0o777) == "0o600", "the exported file is readable only by its owner")

        key("ctrl+i")
        choose_file(app, source_csv, "Import Diary CSV")
        confirm = wait_for(lambda: window(app, "Import Records?"), "the import summary")
        body = [n.get_name() for n in walk(confirm) if "To add:" in (n.get_name() or "")]
        tap(len(body) == 1 and "To add: 2 pain entries." in body[0]
            and "Own words for where it hurts: Pins in my hip" in body[0],
            "the preview lists what will be added and the own values it found", body)
        tap(query(app.db, "SELECT count(*) FROM pain_entries")[0][0] == 1,
            "nothing is written while the preview is open")
        press(wait_for(lambda: find(confirm, name="Import", role="push button"), "the Import button"))
        rows = wait_for(lambda: query(app.db, "SELECT note FROM pain_entries ORDER BY at") if
                        query(app.db, "SELECT count(*) FROM pain_entries")[0][0] == 3 else None,
                        "the imported records")
        tap([r[0] for r in rows][:2] == ["Source one", "Source two"], "Import added the file's records",
            f"{rows} {body}")
        own = query(app.db, "SELECT locations FROM pain_entries WHERE note = 'Source one'")
        tap(own == [("low_back;Pins in my hip",)], "the own value arrived after the key", own)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
