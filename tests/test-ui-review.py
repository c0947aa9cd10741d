#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of the clinician's read-only review, through AT-SPI.

A patient's diary and a diary CSV are each opened with --review, browsed (History, Trends,
Today) and closed; the files, and every file beside them, keep their bytes and modification
times, nothing new appears beside them, and the reviewer's own diary is never created. Then
two patients' diaries are open side by side in one running instance: the second --review
joins the first. Prints TAP.
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdui import (App, Atspi, choose_file, find, finish, has_state, key, name_of, poll,  # noqa: E402
                  press, scratch_dir, tap, visible, walk, wait_for)

CSV = (
    "id,date,time,utc_offset,kind,pain,enjoyment_interference,activity_interference,locations,"
    "qualities,sleep_hours,sleep_quality,mood,red_flags,item,amount,unit,duration_min,intensity,note\n"
    "6a1d2c3e-7a4d-4c3b-9e21-000000000001,2026-03-01,08:30,+01:00,pain,6,5,4,low_back,aching,"
    "7.5,6,5,,,,,,,Stiff after the drive\n"
    "6a1d2c3e-7a4d-4c3b-9e21-000000000002,2026-03-01,09:00,+01:00,dose,,,,,,,,,,Ibuprofen,400,mg,,,\n"
    "6a1d2c3e-7a4d-4c3b-9e21-000000000003,2026-03-02,10:00,+01:00,activity,,,,,,,,,,Hydrotherapy,,,"
    "45,4,\n"
    "6a1d2c3e-7a4d-4c3b-9e21-000000000004,2026-02-20,11:00,+01:00,event,,,,,,,,,,"
    "Lumbar fusion L4-L5,,,,,\n"
)


def folder_state(folder):
    """Every file of the folder: its SHA-256 and modification time in nanoseconds."""
    state = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        state[name] = (digest, os.stat(path).st_mtime_ns)
    return state


def make_diary(make_diary_prog, path, patient, *shape):
    subprocess.run([make_diary_prog, path] + list(shape), check=True)
    con = sqlite3.connect(path)
    try:
        con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('patient_name', ?)", (patient,))
        con.commit()
    finally:
        con.close()


def frames(app):
    names = []
    for i in range(app.root.get_child_count()):
        child = app.root.get_child_at_index(i)
        if child is not None and child.get_role_name() == "frame" and visible(child):
            names.append(child.get_name())
    return sorted(names)


def show_page(app, title):
    tab = wait_for(lambda: find(app.root, name=title, role="page tab"), f"the {title} button")
    press(tab)
    wait_for(lambda: has_state(tab, Atspi.StateType.SELECTED), f"the {title} page")


def write_controls(app):
    """The visible controls that would write, by accessible name."""
    found = []
    for node in walk(app.root):
        try:
            name, role = name_of(node), node.get_role_name()
        except Exception:  # noqa: BLE001 - a node that went away meanwhile
            continue
        if not visible(node) or role not in ("push button", "toggle button", "menu item"):
            continue
        if (name in ("Add to the Diary", "Save", "Add Medication", "Log an Activity or Therapy")
                or name.startswith(("Delete ", "Edit ", "Take ", "Skip "))):
            found.append(f"{role} {name!r}")
    return found


def toplevels(app):
    """Every window of the app (frames, dialogs, file choosers; a file chooser is not
    always marked visible)."""
    found = []
    for i in range(app.root.get_child_count()):
        child = app.root.get_child_at_index(i)
        if child is not None:
            found.append(f"{child.get_role_name()} {child.get_name()!r}")
    return sorted(found)


def no_window_appears(app, before, seconds=2.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if toplevels(app) != before:
            return False
        time.sleep(0.2)
    return True


def start(prog, args):
    try:
        return App(prog, args)
    except Exception as e:  # noqa: BLE001 - the scenario cannot run: a failed test
        tap(False, f"pain-diary {' '.join(args)} starts", repr(e))
        return None


def review_scenario(prog, path, patient, history_item):
    """Opens path for review, browses it, tries the write shortcuts, closes the window."""
    folder = os.path.dirname(path)
    before = folder_state(folder)
    what = os.path.basename(path)
    app = start(prog, [f"--review={path}"])
    if app is None:
        return
    try:
        banner = wait_for(lambda: find(app.root, prefix="Reviewing ", role="label"), "the review banner")
        tap(name_of(banner) == f"Reviewing {patient} — read-only", f"{what}: the banner names {patient} "
            "and says read-only", name_of(banner))
        tap(frames(app) == [f"Review of {patient}"], f"{what}: the window title names the patient",
            frames(app))

        show_page(app, "History")
        item = poll(lambda: find(app.root, name=history_item))
        tap(item is not None, f"{what}: History shows {history_item}")
        tap(write_controls(app) == [], f"{what}: History has no control that writes", write_controls(app))

        show_page(app, "Trends")
        chart = poll(lambda: find(app.root, name="Pain trend chart"))
        tap(chart is not None, f"{what}: Trends shows the chart")

        show_page(app, "Medications")
        tap(write_controls(app) == [], f"{what}: Medications has no control that writes", write_controls(app))

        show_page(app, "Today")
        tap(find(app.root, prefix="Pain 7,", role="toggle button") is None and write_controls(app) == [],
            f"{what}: Today has no entry form and no control that writes", write_controls(app))

        # Every write's shortcut: new entry, save, undo, import, preferences.
        key("ctrl+n", "ctrl+s", "ctrl+z")
        alone = toplevels(app)
        key("ctrl+i")
        tap(no_window_appears(app, alone), f"{what}: Ctrl+I opens no import", toplevels(app))
        key("ctrl+comma")
        tap(no_window_appears(app, alone), f"{what}: Ctrl+, opens no Preferences", toplevels(app))

        key("ctrl+w")
        status = app.proc.wait(timeout=30)
        tap(status == 0, f"{what}: closing the window ends the review", f"exit status {status}")
    except Exception as e:  # noqa: BLE001 - any failure is a failed test with its reason
        app.fail("test-ui-review", e)
    finally:
        app.close()

    after = folder_state(folder)
    tap(after == before, f"{what}: the file and everything beside it are unchanged after the review",
        f"before {before}\nafter {after}")
    own = os.path.join(app.tmp, "data", "pain-diary")
    tap(not os.path.exists(own), f"{what}: the reviewer's own diary was not created", own)


def side_by_side_scenario(prog, first, first_patient, second, second_patient, csv):
    folder = os.path.dirname(first)
    before = folder_state(folder)
    app = start(prog, [f"--review={first}"])
    if app is None:
        return
    try:
        wait_for(lambda: frames(app) == [f"Review of {first_patient}"], "the first review window")
        # A second process joins the running instance and opens its window there.
        second_run = subprocess.run([prog, f"--review={second}"], env=app.env, timeout=60,
                                    capture_output=True, text=True)
        tap(second_run.returncode == 0, "a second --review joins the running instance",
            f"exit {second_run.returncode}: {second_run.stderr}")
        expected = sorted([f"Review of {first_patient}", f"Review of {second_patient}"])
        both = poll(lambda: frames(app) == expected and frames(app))
        tap(both == expected, "two patients' diaries are open side by side", both or frames(app))
        # Not into the lists: two diaries' History rows are thousands of AT-SPI calls.
        banners = sorted(name_of(node) for node in walk(app.root, prune={"list", "list box", "table", "tree table"})
                         if node.get_role_name() == "label" and name_of(node).startswith("Reviewing "))
        tap(banners == sorted([f"Reviewing {first_patient} — read-only",
                               f"Reviewing {second_patient} — read-only"]),
            "each window has its patient's banner", banners)

        # A missing file from a second process: one line, exit 1, the windows stay.
        missing = os.path.join(folder, "missing.db")
        bad = subprocess.run([prog, f"--review={missing}"], env=app.env, timeout=60,
                             capture_output=True, text=True)
        lines = bad.stderr.strip().splitlines()
        tap(bad.returncode == 1 and len(lines) == 1 and "missing.db" in lines[0],
            "a missing file is refused in one line, exit 1", f"exit {bad.returncode}: {bad.stderr}")
        tap(frames(app) == expected, "the open reviews are untouched", frames(app))

        # Open for Review (Ctrl+O): the file chooser, a path typed, Return.
        key("ctrl+o")
        choose_file(app, csv, "Open a Diary for Review")
        three = sorted(expected + ["Review of patient.csv"])
        shown = poll(lambda: frames(app) == three and frames(app))
        tap(shown == three, "Open for Review opens another patient's file beside the others",
            shown or frames(app))
    except Exception as e:  # noqa: BLE001 - any failure is a failed test with its reason
        app.fail("test-ui-review-two", e)
    finally:
        app.close()
    after = folder_state(folder)
    tap(after == before, "both diaries are unchanged after reviewing them side by side",
        f"before {before}\nafter {after}")


def main():
    prog, make_diary_prog = sys.argv[1], sys.argv[2]
    patients = scratch_dir("pd-review-patients-")
    alice = os.path.join(patients, "alice.db")
    bea = os.path.join(patients, "bea-diary")   # a diary is recognised by content, not name
    csv_folder = scratch_dir("pd-review-csv-")
    csv = os.path.join(csv_folder, "patient.csv")

    make_diary(make_diary_prog, alice, "Alice Example", "demo")
    make_diary(make_diary_prog, bea, "Bea Example", "30", "3", "2", "1")
    with open(csv, "w", encoding="utf-8") as f:
        f.write(CSV)

    review_scenario(prog, alice, "Alice Example", "Walking")
    review_scenario(prog, csv, "patient.csv", "Lumbar fusion L4-L5")
    side_by_side_scenario(prog, alice, "Alice Example", bea, "Bea Example", csv)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
