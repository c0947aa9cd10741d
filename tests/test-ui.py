#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test through AT-SPI, as a person (or a screen reader) uses the app.

On a temporary diary: choose a score, type a note, press Save and find the entry in the
diary file; delete it, press Undo and find it again. Needs an X display, a session bus and
Debian's python3-pyatspi; build-aux/test provides them. Prints TAP.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdui import (App, Atspi, Scenario, click, find, finish, key, poll, press, press_enabled,  # noqa: E402
                  query, tap, type_text, wait_for)


def rows(db, where=""):
    return query(db, f"SELECT pain, note, deleted FROM pain_entries {where}")


def main():
    with Scenario("test-ui") as scenario:
        app = scenario.start(App(sys.argv[1]))
        tap(app.root.get_process_id() == app.proc.pid, "the app is on the accessibility bus")

        score = wait_for(lambda: find(app.root, name="Pain 7, Severe pain", role="push button"),
                         "the score button 'Pain 7'")
        press(score)
        tap(poll(lambda: score.get_state_set().contains(Atspi.StateType.CHECKED)
                 or score.get_state_set().contains(Atspi.StateType.PRESSED)) is not None,
            "chose pain 7 with its accessible button")

        click(wait_for(lambda: find(app.root, name="Note", role="text"), "the Note field"))
        type_text("Stiff after sitting")

        save = wait_for(lambda: find(app.root, name="Save Entry", role="push button"), "the Save Entry button")
        press_enabled(save, "Save")
        stored = wait_for(lambda: rows(app.db, "WHERE deleted IS NULL"), "the entry in the diary")
        tap(stored == [(7, "Stiff after sitting", None)], "Save wrote the entry to the diary", stored)

        delete = wait_for(lambda: find(app.root, prefix="Delete entry of", role="push button"), "a Delete button")
        press(delete)
        wait_for(lambda: not rows(app.db, "WHERE deleted IS NULL"), "the entry to be deleted")
        tap(len(rows(app.db, "WHERE deleted IS NOT NULL")) == 1, "Delete removed the entry from the diary")

        # Ctrl+Z runs win.undo, as the toast's Undo button does: the toast is gone in 5 s,
        # sooner than a loaded machine walks the accessibility tree to find its button.
        key("ctrl+z")
        restored = poll(lambda: rows(app.db, "WHERE deleted IS NULL"))
        tap(restored == [(7, "Stiff after sitting", None)], "Undo (Ctrl+Z) restored the entry", restored)

        key("alt+4")
        chart = wait_for(lambda: find(app.root, name="Pain trend chart"), "the trend chart")
        summary = wait_for(lambda: "averaged 7" in (chart.get_description() or "") and chart.get_description(),
                           "the chart's text summary")
        tap("pain averaged 7" in summary, "the chart tells its summary to assistive technologies", summary)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
