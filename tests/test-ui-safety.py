#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of the medication safety information, through AT-SPI.

On a diary with 4 Percocet 10/325 tablets (60 MME) and gabapentin today: Today points out
the opioid with the gabapentinoid and CDC 2022's "reassess" at 50 MME, that acetaminophen
logged in tablets is not counted (and how to fix it), and an emergency
warning sign asks to call emergency services; the dose editor shows an opioid with a
benzodiazepine live, before saving, while lorazepam is entered. Screenshots of Today and of the dose
editor are kept in the build folder. Prints TAP.
"""

import datetime
import os
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdui import App, Scenario, find, finish, key, press, query, tap, wait_for, window  # noqa: E402

HEADER = ("id,date,time,utc_offset,kind,pain,enjoyment_interference,activity_interference,"
          "locations,qualities,sleep_hours,sleep_quality,mood,red_flags,item,amount,unit,"
          "duration_min,intensity,note\n")


def prepare(program):
    def fill(db):
        now = datetime.datetime.now().astimezone()
        offset = now.strftime("%z")
        offset = offset[:3] + ":" + offset[3:]
        date = now.strftime("%Y-%m-%d")
        rows = [("Percocet 10/325", "2", "tablet", "00:05"),
                ("Percocet 10/325", "2", "tablet", "00:10"),
                ("Gabapentin", "300", "mg", "00:15"),
                # Acetaminophen in tablets: imported as written, not counted, and said so.
                ("Acetaminophen", "2", "tablet", "00:16")]
        csv = os.path.join(os.path.dirname(db), "today.csv")
        with open(csv, "w") as f:
            f.write(HEADER)
            for item, amount, unit, at in rows:
                f.write(f"{uuid.uuid4()},{date},{at},{offset},dose,,,,,,,,,,{item},{amount},{unit},,,\n")
            f.write(f"{uuid.uuid4()},{date},00:20,{offset},pain,6,,,,,,,,calf_breathless;night_pain,,,,,,\n")
        subprocess.run([os.path.abspath(program), "-d", db, f"--import-csv={csv}"], check=True,
                       env=dict(os.environ, XDG_DATA_HOME=os.path.dirname(db)),
                       stdout=subprocess.DEVNULL)  # what it imported is not TAP
    return fill


def screenshot(name):
    shot = os.path.join(os.environ.get("G_TEST_BUILDDIR", "."), name)
    subprocess.run(["import", "-window", "root", shot], check=False)
    return shot


def main():
    with Scenario("test-ui-safety") as scenario:
        app = scenario.start(App(sys.argv[1], prepare=prepare(sys.argv[1])))
        banner = wait_for(lambda: find(app.root, prefix="Call emergency services now.", role="label"),
                          "the emergency banner on Today")
        tap("Calf pain or swelling" in banner.get_name() and
            "Contact your surgeon, your doctor or an out-of-hours service now." in banner.get_name(),
            "Today tells to call emergency services for calf swelling or breathlessness, apart "
            "from 'contact your doctor now'", banner.get_name())
        combination = wait_for(lambda: find(app.root, prefix="An opioid (Oxycodone/acetaminophen 10/325) and a gabapentinoid"),
                               "the opioid and gabapentinoid information on Today")
        text = combination.get_name()
        tap("slowed breathing" in text and text.endswith("Ask your care team about this."),
            "Today points out an opioid with a gabapentinoid, with advice to ask the care team", text)
        mme = wait_for(lambda: find(app.root, prefix="Opioids today add up to 60 morphine"),
                       "the MME information on Today")
        tap("reassess" in mme.get_name() and "not a limit" in mme.get_name(),
            "Today gives CDC 2022's wording for 60 MME, not a limit", mme.get_name())
        uncounted = wait_for(lambda: find(app.root, prefix="Acetaminophen, 2 tablets, is not counted"),
                             "the dose not counted on Today")
        tap("today's acetaminophen total" in uncounted.get_name() and
            uncounted.get_name().endswith("Edit the dose to give the dose in mg."),
            "Today says acetaminophen logged in tablets is not counted, and how to fix it",
            uncounted.get_name())
        time.sleep(0.5)
        print(f"# screenshot: {screenshot('safety-today.png')}")

        press(wait_for(lambda: find(app.root, name="As Needed", role="toggle button") or
                       find(app.root, name="As Needed", role="push button"), "the As Needed menu"))
        press(wait_for(lambda: find(app.root, name="Other Medication…"), "Other Medication…"))
        editor = wait_for(lambda: window(app, "Log Dose"), "the dose editor")
        entry = wait_for(lambda: find(editor, name="Medication", role="text"), "the medication entry")
        print(f"# entry: {entry.get_role_name()} {entry.get_name()}")
        entry.get_editable_text_iface().set_text_contents("Lorazepam")
        live = wait_for(lambda: find(editor, prefix="An opioid (Oxycodone/acetaminophen 10/325) and a benzodiazepine (Lorazepam)"),
                        "the benzodiazepine information while typing")
        tap("CDC 2022" in live.get_name(), "the dose editor shows opioid + benzodiazepine before saving",
            live.get_name())
        tap(find(editor, prefix="Acetaminophen, 2 tablets, is not counted") is not None,
            "the dose editor shows the day's dose not counted")
        time.sleep(0.5)
        print(f"# screenshot: {screenshot('safety-dose-editor.png')}")
        key("Escape")
        wait_for(lambda: window(app, "Log Dose") is None, "the editor to close")
        doses = query(app.db, "SELECT count(*) FROM doses WHERE name = 'Lorazepam'")
        tap(doses == [(0,)], "nothing was saved", doses)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
