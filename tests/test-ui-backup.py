#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of Back Up… and Restore Backup… in the main menu, and of Export > FHIR R4 bundle
(TAP): test-ui-backup.py PAIN_DIARY

The backup the window writes is opened by the command line's --restore; a wrong passphrase
in the window changes nothing; the right one replaces the open diary and keeps the one it
replaced in the backup folder."""

import glob
import json
import os
import stat
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdui  # noqa: E402
from pdui import Atspi  # noqa: E402
from pdui import (App, Scenario, choose_file, click, find, finish, key, press, query, tap,  # noqa: E402
                  type_text, wait_for, walk, window)

PASSPHRASE = "plum tree 42 lantern"


def open_in_chooser(app, title, path):
    """The chooser titled title opens path (its Open button pressed: the second time GTK's
    chooser shows Recent, where Return only searches)."""
    choose_file(app, path, title)


def choose_in_combo(row, downs):
    """Opens an AdwComboRow's list and moves down that many items from the first."""
    click(row)
    time.sleep(0.5)
    key(*(["Home"] + ["Down"] * downs + ["Return"]))
    time.sleep(0.3)


def export_fhir(app, path, n_entries):
    """Export (Ctrl+E), Contents: FHIR R4 bundle, Choose File…: a Bundle with an Observation
    per pain entry."""
    key("ctrl+e")
    dialog = wait_for(lambda: window(app, "Export"), "the Export dialog")
    choose_in_combo(wait_for(lambda: find(dialog, name="Contents"), "Contents"), 3)
    press(wait_for(lambda: find(dialog, name="Choose File…", role="push button"), "Choose File…"))
    wait_for(lambda: window(app, "Export") is not None and window(app, "Export") != dialog,
             "the Export file chooser")
    choose_file(app, path, "Export")
    wait_for(lambda: os.path.exists(path), "the FHIR file", timeout=60)
    with open(path, encoding="utf-8") as f:
        bundle = json.load(f)
    pain = [e for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
            and e["resource"]["code"]["coding"][0]["code"] == "72514-3"
            and "bodySite" not in e["resource"]]   # back and leg pain carry their site
    tap(bundle["resourceType"] == "Bundle" and len(pain) == n_entries,
        f"Export > FHIR R4 bundle writes a Bundle with {n_entries} pain Observations", len(pain))
    mode = stat.S_IMODE(os.stat(path).st_mode)
    tap(mode == 0o600, "the FHIR file has mode 0600", oct(mode))


def sensitive(node):
    return node.get_state_set().contains(Atspi.StateType.SENSITIVE)


def menu_item(app, frame, label, mnemonic):
    # Real clicks: GTK 4.8 offers no AT-SPI action on a menu button.
    button = wait_for(lambda: find(frame, name="Main Menu"), "the main menu")
    # A click that lands while the last dialog is still closing can be lost: the menu is
    # clicked again when it did not open.
    for _ in range(3):
        click(button)
        if pdui.poll(lambda: find(app.root, name=label), timeout=10) is not None:
            break
    wait_for(lambda: find(app.root, name=label), f"{label} in the main menu")
    key(mnemonic)


def type_into(dialog, row_name, text):
    click(wait_for(lambda: find(dialog, name=row_name), row_name))
    type_text(text)


def notes(db):
    return {row[0] for row in query(db, "SELECT note FROM pain_entries WHERE deleted IS NULL")}


def prepare(db, make_diary, exe, passfile, cli_backup):
    """Before the app starts (another process touching the open diary is not what is
    tested): the demo diary, a backup of it, then one entry more."""
    with open(passfile, "w", encoding="utf-8") as f:
        f.write(PASSPHRASE + "\n")
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(os.path.dirname(db), "data"))
    subprocess.run([make_diary, db, "demo"], check=True, capture_output=True)
    subprocess.run([exe, "-d", db, f"--backup={cli_backup}", f"--passphrase-file={passfile}"],
                   env=env, check=True, capture_output=True, timeout=120)
    subprocess.run([exe, "-d", db, "--log-pain=9", "--note=after the backup"], env=env,
                   check=True, capture_output=True, timeout=60)


def main():
    exe = sys.argv[1]
    make_diary = os.path.join(os.environ["G_TEST_BUILDDIR"], "make-diary")
    with Scenario("test-ui-backup") as scenario:
        holder = {}

        def setup(db):
            folder = os.path.dirname(db)
            holder["pass"] = os.path.join(folder, "pass")
            holder["cli"] = os.path.join(folder, "cli.pdbackup")
            prepare(db, make_diary, exe, holder["pass"], holder["cli"])
            holder["entries"] = len(query(db, "SELECT id FROM pain_entries WHERE deleted IS NULL"))
        app = scenario.start(App(exe, prepare=setup))
        passfile, cli_backup = holder["pass"], holder["cli"]
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(app.tmp, "data"))
        frame = wait_for(lambda: window(app, "Pain Diary"), "the diary window")
        wait_for(lambda: find(app.root, name="Save Entry", role="push button"), "the diary")
        backup = os.path.join(app.tmp, "window.pdbackup")

        export_fhir(app, os.path.join(app.tmp, "diary.json"), holder["entries"])

        # Back Up…: where, then the passphrase twice.
        menu_item(app, frame, "Back Up…", "b")
        wait_for(lambda: window(app, "Back Up Diary"), "the Back Up file chooser")
        choose_file(app, backup, "Back Up Diary")
        dialog = wait_for(lambda: window(app, "Choose a Passphrase"), "the passphrase dialog")
        button = wait_for(lambda: find(dialog, name="Back Up", role="push button"), "Back Up")
        type_into(dialog, "Passphrase", PASSPHRASE)
        type_into(dialog, "Passphrase Again", PASSPHRASE[:-1])
        tap(not sensitive(button), "Back Up waits until the passphrase is typed the same twice")
        key("End")
        type_text(PASSPHRASE[-1])
        wait_for(lambda: sensitive(button), "Back Up to become possible")
        press(button)
        wait_for(lambda: os.path.exists(backup) or window(app, "No Backup Was Written"),
                 "the backup file", timeout=60)
        problem = window(app, "No Backup Was Written")
        if problem is not None:
            raise RuntimeError(" ".join(n.get_name() or "" for n in walk(problem)))
        mode = stat.S_IMODE(os.stat(backup).st_mode)
        tap(mode == 0o600, "the backup has mode 0600", oct(mode))
        with open(backup, "rb") as f:
            content = f.read()
        tap(content.startswith(b"PDBACKUP") and b"Alex Demo" not in content
            and b"after the backup" not in content,
            "it is an encrypted backup without the patient's name or notes in it")
        restored = os.path.join(app.tmp, "restored.db")
        cli = subprocess.run([exe, "-d", restored, f"--restore={backup}", f"--passphrase-file={passfile}"],
                             env=env, capture_output=True, text=True, timeout=120)
        tap(cli.returncode == 0 and "after the backup" in notes(restored),
            "--restore opens the window's backup, with the diary's records", cli.stderr)

        # Restore Backup… with a wrong passphrase: nothing changes.
        menu_item(app, frame, "Restore Backup…", "r")
        open_in_chooser(app, "Restore Backup", cli_backup)
        dialog = wait_for(lambda: window(app, "Replace the Diary?"), "the confirmation")
        type_into(dialog, "Passphrase", "not the passphrase")
        press(wait_for(lambda: find(dialog, name="Replace", role="push button"), "Replace"))
        problem = wait_for(lambda: window(app, "Nothing Was Restored"), "the refusal", timeout=60)
        text = " ".join(node.get_name() or "" for node in walk(problem))
        tap("Wrong passphrase" in text, "a wrong passphrase is refused with a message", text)
        press(wait_for(lambda: find(problem, name="Close", role="push button"), "Close"))
        kept_pattern = os.path.join(app.tmp, "backups", "diary-before-restore-*.db")
        tap(not glob.glob(kept_pattern), "nothing was backed up or replaced")

        # The right passphrase replaces the open diary, keeping the one it replaced.
        menu_item(app, frame, "Restore Backup…", "r")
        open_in_chooser(app, "Restore Backup", cli_backup)
        dialog = wait_for(lambda: window(app, "Replace the Diary?"), "the confirmation")
        type_into(dialog, "Passphrase", PASSPHRASE)
        press(wait_for(lambda: find(dialog, name="Replace", role="push button"), "Replace"))
        # The replaced diary is backed up first; then the toast says it is done (a toast may
        # be gone before a loaded machine reads it: its absence is no failure).
        wait_for(lambda: glob.glob(kept_pattern) or window(app, "Nothing Was Restored"),
                 "the restore", timeout=60)
        problem = window(app, "Nothing Was Restored")
        if problem is not None:
            raise RuntimeError(" ".join(n.get_name() or "" for n in walk(problem)))
        try:
            wait_for(lambda: find(app.root, prefix="Backup restored"), "the toast", timeout=10)
        except TimeoutError:
            pass
        scenario.close()
        app_closed = app
        tap("after the backup" not in notes(app_closed.db) and len(notes(app_closed.db)) > 1,
            "Restore Backup replaced the open diary with the backup's records")
        kept = glob.glob(kept_pattern)
        tap(len(kept) == 1 and "after the backup" in notes(kept[0]),
            "the replaced diary is kept in the backup folder", kept)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
