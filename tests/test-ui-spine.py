#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of the spine outcomes through AT-SPI, as a person uses the app.

On a diary with a stimulator trial running (its 3rd of 7 days), an injection 14 days ago
and three activities of the Patient-Specific Functional Scale: Today shows the trial's day
and asks the two questions; back and leg pain are recorded with the entry; the impression
of change and the weekly ratings are answered from Today. Prints TAP.
"""

import datetime
import os
import sqlite3
import subprocess
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdui import (App, Scenario, click, find, finish, key, poll, press, press_enabled, query, tap,  # noqa: E402
                  wait_for, window)

import gi  # noqa: E402
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402


def prepare(program):
    def run(db):
        # The app creates the diary at its schema; the test adds what a patient set up.
        subprocess.run([program, "-d", db, "--log-pain=5",
                        "--at=" + (datetime.datetime.now() - datetime.timedelta(days=20))
                        .strftime("%Y-%m-%dT09:00:00")], check=True, capture_output=True)
        today = datetime.date.today()
        now = int(datetime.datetime.now().timestamp())
        con = sqlite3.connect(db)
        start = today - datetime.timedelta(days=2)
        con.execute("INSERT INTO events (id, kind, title, at, utc_offset, local_date, note,"
                    " created, updated, end_date) VALUES (?, 'stimulator_trial',"
                    " 'Stimulator trial', ?, 3600, ?, '', ?, ?, ?)",
                    (str(uuid.uuid4()), now - 2 * 86400, start.isoformat(), now, now,
                     (start + datetime.timedelta(days=6)).isoformat()))
        injection = today - datetime.timedelta(days=14)
        con.execute("INSERT INTO events (id, kind, title, at, utc_offset, local_date, note,"
                    " created, updated) VALUES (?, 'injection', 'Epidural injection', ?, 3600,"
                    " ?, '', ?, ?)",
                    (str(uuid.uuid4()), now - 14 * 86400, injection.isoformat(), now, now))
        for name in ("Putting on socks", "Sitting through a film", "Walking to the shop"):
            con.execute("INSERT INTO function_activities (id, name, added_date, created, updated)"
                        " VALUES (?, ?, ?, ?, ?)",
                        (str(uuid.uuid4()), name, injection.isoformat(), now, now))
        con.commit()
        con.close()
    return run


def set_value(node, value):
    Atspi.Value.set_current_value(node, float(value))


def main():
    with Scenario("test-ui-spine") as scenario:
        app = scenario.start(App(sys.argv[1], prepare=prepare(sys.argv[1])))
        tap(app.root.get_process_id() == app.proc.pid, "the app is on the accessibility bus")
        tap(poll(lambda: find(app.root, name="Trial day 3 of 7")) is not None,
            "Today shows the trial's day")
        tap(poll(lambda: find(app.root, name="Rate", role="push button")
                 and find(app.root, name="Answer", role="push button")) is not None,
            "Today asks for the weekly ratings and the impression of change")

        # Back and leg pain with an entry.
        press(wait_for(lambda: find(app.root, name="Pain 5, Moderate pain", role="push button"),
                       "the score button 'Pain 5'"))
        switch = wait_for(lambda: find(app.root, name="Record back and leg pain"),
                          "the back and leg pain switch")
        press(switch)
        back = wait_for(lambda: find(app.root, name="Back pain", role="spin button"),
                        "the back pain spin button")
        leg = wait_for(lambda: find(app.root, name="Leg pain", role="spin button"),
                       "the leg pain spin button")
        set_value(back, 3)
        set_value(leg, 7)
        save = wait_for(lambda: find(app.root, name="Save Entry", role="push button"), "Save Entry")
        press_enabled(save, "Save")
        stored = wait_for(lambda: query(app.db, "SELECT pain, back_pain, leg_pain FROM pain_entries"
                                                " WHERE back_pain IS NOT NULL"),
                          "the entry with back and leg pain")
        tap(stored == [(5, 3, 7)], "back and leg pain were saved with the entry", stored)

        # The impression of change about the injection.
        # Found again: saving the entry reloaded Today.
        press(wait_for(lambda: find(app.root, name="Answer", role="push button"), "Answer"))
        dialog = wait_for(lambda: window(app, "Impression of Change"), "the impression dialog")
        # A check button offers no action over AT-SPI in GTK 4.8: a pointer click.
        click(wait_for(lambda: find(dialog, name="Much improved", role="check box")
                       or find(dialog, name="Much improved", role="radio button"),
                       "the answer 'Much improved'"))
        key("ctrl+s")
        wait_for(lambda: window(app, "Impression of Change") is None, "the dialog to close")
        answers = wait_for(lambda: query(app.db, "SELECT i.score, e.title FROM impressions i"
                                                 " JOIN events e ON e.id = i.event_id"),
                           "the impression in the diary")
        tap(answers == [(2, "Epidural injection")], "the impression is about the injection",
            answers)

        # The weekly ratings: three activities, rated 5 each (the default of a first rating).
        press(wait_for(lambda: find(app.root, name="Rate", role="push button"), "Rate"))
        editor = wait_for(lambda: window(app, "Rate Your Activities"), "the rating dialog")
        socks = wait_for(lambda: find(editor, name="Putting on socks", role="spin button"),
                         "the spin button of 'Putting on socks'")
        set_value(socks, 2)
        key("ctrl+s")
        wait_for(lambda: window(app, "Rate Your Activities") is None, "the dialog to close")
        ratings = wait_for(lambda: query(app.db, "SELECT a.name, r.score FROM function_ratings r"
                                                 " JOIN function_activities a"
                                                 " ON a.id = r.activity_id ORDER BY a.name"),
                           "the ratings in the diary")
        tap(ratings == [("Putting on socks", 2), ("Sitting through a film", 5),
                        ("Walking to the shop", 5)], "the ratings were saved", ratings)
        # Today shown again (its trial's day) without the rating question.
        tap(poll(lambda: find(app.root, name="Rate", role="push button") is None
                 and find(app.root, name="Trial day 3 of 7") is not None) is not None,
            "rated this week: Today no longer asks")
    return finish()


if __name__ == "__main__":
    sys.exit(main())
