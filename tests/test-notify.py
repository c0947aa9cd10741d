#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reminders end to end, against python-dbusmock's notification server on a private session
bus: tests/reminder-driver runs the PdReminderService of a temporary diary with a clock the
test sets, so snoozing 15 minutes takes no time. Prints TAP.

usage: test-notify.py REMINDER-DRIVER
"""

import os
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from notifytest import Bus, Driver, finish, tap, wait_for  # noqa: E402

# Monday 6 May 2024, 08:00 in Europe/Berlin (the tests' TZ).
MORNING = 1714975200
EVENING = MORNING + 12 * 3600


def doses(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT d.name, d.amount, d.unit, d.status, d.scheduled_time, d.at, "
                           "d.medication_id = m.id FROM doses d LEFT JOIN medications m "
                           "ON m.name = d.name ORDER BY d.at").fetchall()
    finally:
        con.close()


def with_actions(driver_path, tmp):
    bus = Bus("body actions")
    db = os.path.join(tmp, "actions.db")
    driver = Driver(driver_path, db, bus.env)
    try:
        driver.send("medication Gabapentin 300 mg 08:00;20:00")
        driver.send("caps")
        driver.send(f"now {MORNING}")
        driver.send("run")
        shown = wait_for(lambda: bus.notifications(), "a Notify call")
        first = shown[0]
        tap(len(shown) == 1, "a dose due now makes one Notify call", shown)
        tap(first["summary"] == "Time for Gabapentin 300 mg", "the notification's title", first["summary"])
        tap(first["body"] == "Scheduled for 08:00", "the notification's body", first["body"])
        tap(first["actions"] == {"default": "Open", "taken": "Taken", "skip": "Skip",
                                 "snooze": "Snooze 15 min"},
            "a dose offers Taken, Skip and Snooze 15 min (and a default action)", first["actions"])
        tap(str(first["hints"].get("desktop-entry")) == "io.github.paindiary.PainDiary",
            "the notification names the application's desktop entry", first["hints"])

        driver.send("run")
        tap(len(bus.notifications()) == 1, "a second run in the same minute shows nothing again")

        driver.send("advance 30")
        bus.invoke(first["id"], "taken")
        driver.expect("diary-changed")
        logged = doses(db)
        tap(logged == [("Gabapentin", 300.0, "mg", "taken", "08:00", MORNING + 30, 1)],
            "Taken logs the dose in the diary: the regimen medication, its amount, the scheduled "
            "time, now", logged)

        driver.send(f"now {EVENING}")
        driver.send("run")
        evening = wait_for(lambda: bus.notifications()[1:], "the evening reminder")[0]
        tap(evening["body"] == "Scheduled for 20:00", "the evening dose is reminded", evening)
        bus.invoke(evening["id"], "snooze")
        driver.expect("action snooze")
        driver.send("advance 60")
        driver.send("run")
        driver.send("advance 839")
        driver.send("run")
        tap(len(bus.notifications()) == 2, "nothing is shown again before 15 minutes have passed",
            bus.notifications())
        driver.send("advance 1")
        driver.send("run")
        again = wait_for(lambda: bus.notifications()[2:], "the snoozed reminder")[0]
        tap(again["summary"] == evening["summary"] and "snooze" in again["actions"],
            "Snooze 15 min shows the reminder again 15 minutes later", again)
        driver.send("advance 120")
        driver.send("run")
        tap(len(bus.notifications()) == 3, "a snoozed reminder fires once")

        driver.send("advance 60")
        bus.invoke(again["id"], "skip")
        driver.expect("diary-changed")
        last = doses(db)[-1]
        tap(last[3:5] == ("skipped", "20:00") and last[5] == EVENING + 18 * 60,
            "Skip on the snoozed reminder logs the 20:00 dose as skipped", last)

        # A check-in: its Log Pain action and its body ask to open the diary.
        driver.send("settings {'check-ins': <[(uint32 1260, uint32 127)]>}")
        driver.send(f"now {EVENING + 3600}")
        driver.send("run")
        check_in = wait_for(lambda: bus.notifications()[3:], "the check-in")[0]
        tap(check_in["summary"] == "Pain diary check-in" and
            check_in["actions"] == {"default": "Open", "log-pain": "Log Pain"},
            "a check-in offers Log Pain", check_in)
        bus.invoke(check_in["id"], "log-pain")
        driver.expect("open 1")
        tap(True, "Log Pain asks the application to open Today with the score focused")
    finally:
        driver.close()
        bus.close()


def without_actions(driver_path, tmp):
    bus = Bus("body")
    db = os.path.join(tmp, "plain.db")
    driver = Driver(driver_path, db, bus.env)
    try:
        driver.send("medication Ibuprofen 400 mg 08:00")
        out = driver.send("caps")
        tap(out == ["actions no"], "the notifier reads the server's capabilities", out)
        driver.send(f"now {MORNING + 60}")
        driver.send("run")
        shown = wait_for(lambda: bus.notifications(), "a Notify call")
        tap(len(shown) == 1 and shown[0]["summary"] == "Time for Ibuprofen 400 mg",
            "a server without actions gets the reminder", shown)
        tap(shown[0]["actions"] == {}, "… as a plain notification without actions", shown[0]["actions"])
        tap(str(shown[0]["hints"].get("desktop-entry")) == "io.github.paindiary.PainDiary",
            "… whose desktop-entry hint lets the shell open the application", shown[0]["hints"])
    finally:
        driver.close()
        bus.close()


def main():
    driver_path = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="pd-notify-") as tmp:
        for scenario in (with_actions, without_actions):
            try:
                scenario(driver_path, tmp)
            except Exception as e:  # noqa: BLE001 - any failure is a failed test with its reason
                tap(False, f"{scenario.__name__} ran to the end", f"{type(e).__name__}: {e}")
    return finish()


if __name__ == "__main__":
    sys.exit(main())
