#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reminders end to end, against python-dbusmock's notification server on a private session
bus: tests/reminder-driver runs the PdReminderService of a temporary diary with a clock the
test sets, so snoozing 15 minutes takes no time. Prints TAP.

usage: test-notify.py REMINDER-DRIVER
"""

import contextlib
import hashlib
import os
import sqlite3
import stat
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


@contextlib.contextmanager
def session(driver_path, db, caps="body actions"):
    """A notification server with caps and a driver on db; both closed at the end."""
    bus = Bus(caps)
    driver = Driver(driver_path, db, bus.env)
    try:
        yield bus, driver
    finally:
        driver.close()
        bus.close()


def prepare(driver_path, db, env, *commands):
    """Sends commands (a regimen, settings) to a driver on db that then quits."""
    setup = Driver(driver_path, db, env)
    for command in commands:
        setup.send(command)
    setup.close()


def show_at(driver, bus, now, shown_before, what):
    """Runs the reminders at now; the notifications shown after the first shown_before."""
    driver.send(f"now {now}")
    driver.send("run")
    return wait_for(lambda: bus.notifications()[shown_before:], what)


def with_actions(driver_path, tmp):
    db = os.path.join(tmp, "actions.db")
    with session(driver_path, db) as (bus, driver):
        driver.send("medication Gabapentin 300 mg 08:00;20:00")
        driver.send("caps")
        shown = show_at(driver, bus, MORNING, 0, "a Notify call")
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

        evening = show_at(driver, bus, EVENING, 1, "the evening reminder")[0]
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
        check_in = show_at(driver, bus, EVENING + 3600, 3, "the check-in")[0]
        tap(check_in["summary"] == "Pain diary check-in" and
            check_in["actions"] == {"default": "Open", "log-pain": "Log Pain"},
            "a check-in offers Log Pain", check_in)
        bus.invoke(check_in["id"], "log-pain")
        try:
            seen = driver.expect("open 1")
            opened = True
        except (TimeoutError, RuntimeError) as e:
            seen, opened = e, False
        tap(opened, "Log Pain asks the application to open Today with the score focused", seen)


def without_actions(driver_path, tmp):
    db = os.path.join(tmp, "plain.db")
    with session(driver_path, db, "body") as (bus, driver):
        driver.send("medication Ibuprofen 400 mg 08:00")
        out = driver.send("caps")
        tap(out == ["actions no"], "the notifier reads the server's capabilities", out)
        shown = show_at(driver, bus, MORNING + 60, 0, "a Notify call")
        tap(len(shown) == 1 and shown[0]["summary"] == "Time for Ibuprofen 400 mg",
            "a server without actions gets the reminder", shown)
        tap(shown[0]["actions"] == {}, "… as a plain notification without actions", shown[0]["actions"])
        tap(str(shown[0]["hints"].get("desktop-entry")) == "io.github.paindiary.PainDiary",
            "… whose desktop-entry hint lets the shell open the application", shown[0]["hints"])


DAY = 24 * 3600
CHECK_IN_0830 = "settings {'check-ins': <[(uint32 510, uint32 127)]>}"


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def run_once(driver_path, db, env, now, *args):
    """One start of the program: a driver that runs once at now and quits."""
    driver = Driver(driver_path, db, env, *args)
    try:
        driver.send(f"now {now}")
        driver.send("run")
    finally:
        driver.close()


def caught_up_after_restart(driver_path, tmp):
    """The last run is kept outside the diary: reminders missed while the program was not
    running come as one catch-up per kind on the next start, never a flood."""
    bus = Bus("body actions")
    env = bus.env
    state = os.path.join(tmp, "state", "pain-diary", "reminders.ini")
    try:
        db = os.path.join(tmp, "restart.db")
        prepare(driver_path, db, env, "medication Gabapentin 300 mg 08:00", CHECK_IN_0830)

        # Sunday 07:00, then nothing runs until Monday 09:00.
        run_once(driver_path, db, env, MORNING - DAY - 3600)
        tap(bus.notifications() == [], "nothing is due on Sunday at 07:00", bus.notifications())
        tap(os.path.exists(state) and stat.S_IMODE(os.stat(state).st_mode) == 0o600,
            "the last run is recorded in the user's state folder, mode 0600",
            os.path.exists(state) and oct(os.stat(state).st_mode))
        run_once(driver_path, db, env, MORNING + 3600)
        shown = bus.notifications()
        bodies = sorted(n["body"] for n in shown)
        tap(len(shown) == 2, "after a start on Monday 09:00: one catch-up per kind", shown)
        tap(bodies == ["You missed your 08:00 Gabapentin dose and 1 other scheduled dose",
                       "You missed your 08:30 check-in and 1 earlier one"],
            "… “You missed your 08:00 Gabapentin dose”, naming the other missed one", bodies)
        tap(any(n["summary"] == "Missed dose: Gabapentin 300 mg" and "taken" in n["actions"]
                for n in shown), "the missed dose can still be marked Taken", shown)
        run_once(driver_path, db, env, MORNING + 3600 + 60)
        tap(len(bus.notifications()) == 2, "the next start a minute later shows nothing again",
            bus.notifications())

        # A week and a day without running, on a diary opened read-only: still one per kind,
        # and the diary file is not touched.
        week = os.path.join(tmp, "week.db")
        prepare(driver_path, week, env, "medication Gabapentin 300 mg 08:00", CHECK_IN_0830)
        before = digest(week)
        run_once(driver_path, week, env, MORNING - 8 * DAY + 3600, "--read-only")
        run_once(driver_path, week, env, MORNING + 3600, "--read-only")
        later = bus.notifications()[2:]
        tap(len(later) == 2 and sorted(n["body"] for n in later) == [
            "You missed your 08:00 Gabapentin dose and 6 other scheduled doses",
            "You missed your 08:30 check-in and 6 earlier ones"],
            "after 8 days off: one catch-up per kind for the last 7 days", later)
        tap(digest(week) == before, "a read-only diary is not written to keep the last run")
    finally:
        bus.close()


def missed_dose_of_yesterday(driver_path, tmp):
    """A catch-up on Monday morning for Sunday's 20:00 dose: Taken logs a dose taken now that
    answers no slot of today (Monday's 20:00 reminder still comes); Skip records Sunday's
    20:00 dose as skipped."""
    for action in ("taken", "skip"):
        bus = Bus("body actions")
        db = os.path.join(tmp, f"yesterday-{action}.db")
        try:
            prepare(driver_path, db, bus.env, "medication Gabapentin 300 mg 20:00")
            run_once(driver_path, db, bus.env, EVENING - DAY - 3600)   # Sunday 19:00
            driver = Driver(driver_path, db, bus.env)
            try:
                shown = show_at(driver, bus, MORNING - 3600, 0, "the catch-up")  # Monday 07:00
                tap(len(shown) == 1 and shown[0]["body"] == "You missed your 20:00 Gabapentin dose",
                    f"{action}: on Monday morning, one catch-up for Sunday's 20:00 dose", shown)
                bus.invoke(shown[0]["id"], action)
                driver.expect("diary-changed")
                logged = doses(db)
                if action == "taken":
                    tap(logged == [("Gabapentin", 300.0, "mg", "taken", None, MORNING - 3600, 1)],
                        "Taken on it logs a dose taken now, answering no scheduled time of today",
                        logged)
                    driver.send(f"now {EVENING}")
                    driver.send("run")
                    tonight = bus.notifications()[1:]
                    tap(len(tonight) == 1 and tonight[0]["summary"] == "Time for Gabapentin 300 mg",
                        "… and Monday's own 20:00 dose is still reminded", tonight)
                else:
                    tap(logged == [("Gabapentin", 300.0, "mg", "skipped", "20:00", EVENING - DAY, 1)],
                        "Skip on it records Sunday's 20:00 dose as skipped, at its time", logged)
            finally:
                driver.close()
        finally:
            bus.close()


def zone_change(driver_path, tmp):
    """The service looks the zone up on every run: after a change the reminders follow the
    new wall clock."""
    db = os.path.join(tmp, "zone.db")
    with session(driver_path, db) as (bus, driver):
        driver.send("settings {'check-ins': <[(uint32 480, uint32 127)]>}")
        driver.send("zone Europe/Berlin")
        driver.send(f"now {MORNING - 3600}")   # 07:00 in Berlin
        driver.send("run")
        driver.send("zone America/New_York")   # 01:00 there
        driver.send(f"now {MORNING + 30}")     # 08:00 in Berlin, 02:00 in New York
        driver.send("run")
        tap(bus.notifications() == [], "after the change 08:00 in Berlin no longer fires",
            bus.notifications())
        driver.send(f"now {MORNING + 6 * 3600 + 30}")   # 08:00 in New York
        driver.send("run")
        shown = bus.notifications()
        tap(len(shown) == 1 and shown[0]["body"] == "How is your pain right now?",
            "the 08:00 check-in comes at 08:00 New York time, on time", shown)


def main():
    driver_path = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="pd-notify-") as tmp:
        # The last runs the service records go to a folder of the test's own.
        os.environ["XDG_STATE_HOME"] = os.path.join(tmp, "state")
        for scenario in (with_actions, without_actions, caught_up_after_restart,
                         missed_dose_of_yesterday, zone_change):
            try:
                scenario(driver_path, tmp)
            except Exception as e:  # noqa: BLE001 - any failure is a failed test with its reason
                tap(False, f"{scenario.__name__} ran to the end", f"{type(e).__name__}: {e}")
    return finish()


if __name__ == "__main__":
    sys.exit(main())
