#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of a damaged diary, as a person meets it: the window says the diary is damaged
and offers its newest good backup; Restore Newest Backup puts the backup in place, keeps
the damaged file beside it under another name, and shows the backup's entries.

Needs an X display, a session bus and Debian's python3-pyatspi; build-aux/test provides
them. Prints TAP.
"""

import glob
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdui import (App, Scenario, find, finish, poll, press, query, tap, toplevel_of,  # noqa: E402
                  wait_for)

NOTE = "Before the damage"


def damaged_diary_with_backup(exe):
    def prepare(db):
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(os.path.dirname(db), "data"))
        # The first run makes the diary with one entry (and a backup of it new, empty, which
        # goes); the second makes the day's backup, of that entry, when it opens the diary,
        # then logs another.
        for note in (NOTE, "After the backup"):
            shutil.rmtree(os.path.join(os.path.dirname(db), "backups"), ignore_errors=True)
            subprocess.run([exe, "-d", db, "--log-pain=4", f"--note={note}"], env=env, check=True,
                           capture_output=True)
        if not glob.glob(os.path.join(os.path.dirname(db), "backups", "*.db")):
            raise RuntimeError("no backup was made beside the diary")
        # A damaged page in the middle, past the header: a diary, damaged.
        size = os.path.getsize(db)
        with open(db, "r+b") as f:
            f.seek(4096)
            f.write(b"\xab" * min(4096, size - 4096))
    return prepare


def main():
    exe = sys.argv[1]
    with Scenario("test-ui-damaged") as scenario:
        app = scenario.start(App(exe, prepare=damaged_diary_with_backup(exe)))
        restore = wait_for(lambda: find(app.root, name="Restore Newest Backup", role="push button"),
                           "the Restore Newest Backup button")
        with open(app.db, "rb") as f:
            damaged_bytes = f.read()
        press(restore)
        kept = wait_for(lambda: [k for k in glob.glob(app.db + ".damaged-*")
                                 if not k.endswith(("-wal", "-shm", "-journal"))],
                        "the damaged diary kept beside it")
        tap(len(kept) == 1, "the damaged diary is kept beside it, once", kept)
        with open(kept[0], "rb") as f:
            tap(f.read() == damaged_bytes, "the kept file is the damaged diary, unchanged")
        def notes():
            return query(app.db, "SELECT note FROM pain_entries WHERE deleted IS NULL")
        # The damaged diary gets its second name a moment before the copy takes its place.
        tap(poll(lambda: notes() == [(NOTE,)]) is not None, "the diary holds the backup's entry", notes())
        said = poll(lambda: find(app.root, prefix="The damaged diary was kept as"))
        tap(said is not None and os.path.basename(kept[0]) in said.get_name(),
            "a dialog names the kept file, whole", said and said.get_name())
        dialog = said and toplevel_of(said)
        close = dialog and find(dialog, name="Close", role="push button")
        tap(close is not None, "the dialog has a Close button")
        if close is not None:
            press(close)
            tap(poll(lambda: find(app.root, prefix="The damaged diary was kept as") is None)
                is not None, "Close closes the dialog")
        tap(oct(os.stat(app.db).st_mode & 0o777) == "0o600", "the restored diary is private")
        tap(poll(lambda: find(app.root, prefix="Pain 4")) is not None,
            "the window shows the restored diary's entry on Today")
        leftovers = [n for n in os.listdir(app.tmp) if ".restore-" in n]
        tap(not leftovers, "no copy of the backup is left beside the diary", leftovers)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
