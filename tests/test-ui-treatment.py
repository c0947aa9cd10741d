#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of the treatment diary through AT-SPI, as a person uses the app.

On a temporary diary: add gabapentin (scheduled) and tramadol (as needed) from the
catalogue, take the scheduled dose from Today, log an as-needed dose and an activity, and
find them all in History and in the diary file. Prints TAP.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdui import (App, Scenario, find, finish, focused, key, poll, press, query, tap, type_text,  # noqa: E402
                  wait_for, window)


def add_from_catalogue(app, search):
    key("alt+3")
    press(wait_for(lambda: find(app.root, name="Add Medication", role="push button"), "Add Medication"))
    editor = wait_for(lambda: window(app, "Add Medication"), "the medication editor")
    entry = wait_for(lambda: find(editor, name="Search medicines and supplements"), "the catalogue search")
    wait_for(lambda: focused(entry), "the catalogue search to have the keyboard")
    type_text(search)

    # The search entry filters the list a moment after the typing (search-changed), and
    # names the search in the custom row's subtitle then: Return picks the first row shown.
    wait_for(lambda: find(editor, name=f"Named “{search}”"), f"the catalogue filtered to {search}")
    key("Return")
    # Choosing the first match moves the keyboard on to its details.
    wait_for(lambda: focused(editor) and not focused(entry), "the chosen medicine's details")
    key("ctrl+s")
    wait_for(lambda: window(app, "Add Medication") is None, "the editor to close")


def main():
    with Scenario("test-ui-treatment") as scenario:
        app = scenario.start(App(sys.argv[1]))
        add_from_catalogue(app, "gabapentin")
        meds = wait_for(lambda: query(app.db, "SELECT name, schedule, amount, unit FROM medications"),
                        "gabapentin in the regimen")
        tap(meds == [("Gabapentin", "08:00", 300.0, "mg")], "added gabapentin from the catalogue", meds)

        add_from_catalogue(app, "tramadol")
        meds = wait_for(lambda: len(query(app.db, "SELECT 1 FROM medications")) == 2 and
                        query(app.db, "SELECT name, schedule FROM medications WHERE name = 'Tramadol'"),
                        "tramadol in the regimen")
        tap(meds == [("Tramadol", "")], "added tramadol, as needed", meds)

        key("alt+1")
        take = wait_for(lambda: find(app.root, name="Take Gabapentin at 08:00", role="push button"),
                        "the Take button of the 08:00 gabapentin dose")
        press(take)
        doses = wait_for(lambda: query(app.db, "SELECT name, amount, unit, status, scheduled_time FROM doses"),
                         "the dose in the diary")
        tap(doses == [("Gabapentin", 300.0, "mg", "taken", "08:00")], "Take logged the scheduled dose", doses)

        press(wait_for(lambda: find(app.root, name="As Needed", role="toggle button") or
                       find(app.root, name="As Needed", role="push button"), "the As Needed menu"))
        item = wait_for(lambda: find(app.root, name="Tramadol 50 mg"), "Tramadol in the As Needed menu")
        press(item)
        doses = wait_for(lambda: query(app.db, "SELECT name, amount, status, scheduled_time FROM doses "
                                               "WHERE name = 'Tramadol'"), "the as-needed dose")
        tap(doses == [("Tramadol", 50.0, "taken", None)], "two clicks logged an as-needed dose", doses)

        press(wait_for(lambda: find(app.root, name="Log an Activity or Therapy", role="push button"),
                       "the Log activity button"))
        editor = wait_for(lambda: window(app, "Log Activity"), "the activity editor")
        wait_for(lambda: focused(editor), "the activity editor to have the keyboard")
        key("ctrl+s")
        activities = wait_for(lambda: query(app.db, "SELECT name, duration_min FROM activities"), "the activity")
        tap(len(activities) == 1 and activities[0][1] == 30, "logged an activity", activities)
        activity = activities[0][0]

        key("alt+2")
        for name in ("Gabapentin", "Tramadol", activity):
            row = poll(lambda: find(app.root, prefix=f"Delete {name} at", role="push button"))
            tap(row is not None, f"History lists {name}")
    return finish()


if __name__ == "__main__":
    sys.exit(main())
