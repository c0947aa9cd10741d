#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of Preferences > Backup Folder (TAP): test-ui-backup-folder.py PAIN_DIARY

A real Secret Service (gnome-keyring-daemon, its login keyring unlocked with a password on
its standard input) runs on the test's session bus. In Preferences the patient chooses a
folder through the file chooser, is told that no passphrase is set, sets one (asked twice),
and sees "Last Backup" change from Never to the time the daily encrypted backup was written
there: a 0600 file without the diary's notes in clear, which --restore opens with that
passphrase. The passphrase is in no file but the keyring's (encrypted)."""

import os
import shutil
import stat
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdui  # noqa: E402
from pdui import App, click, find, finish, key, press, press_enabled, tap, type_text, wait_for, walk, window  # noqa: E402

PASSPHRASE = "blue heron 58 orchard"
NOTE = "Marker note: the knee after the long walk"


def start_keyring(folder):
    """gnome-keyring-daemon with its own data folder on this session bus; its process."""
    if shutil.which("gnome-keyring-daemon") is None:
        raise RuntimeError("gnome-keyring-daemon is missing: install gnome-keyring (build-aux/deps.sh)")
    data = os.path.join(folder, "keyring-data")
    os.makedirs(data, mode=0o700)
    env = dict(os.environ, XDG_DATA_HOME=data)
    daemon = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                              stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=env)
    daemon.stdin.write(b"pain-diary-test-login")
    daemon.stdin.close()
    subprocess.run(["gdbus", "wait", "--session", "--timeout", "30", "org.freedesktop.secrets"],
                   check=True, timeout=40)
    return daemon


def labels(root):
    return [pdui.name_of(node) for node in walk(root) if node.get_role_name() == "label"]


def files_holding(folders, text):
    """The files under folders whose bytes contain text."""
    needle = text.encode()
    found = []
    for folder in folders:
        for top, _, names in os.walk(folder):
            for name in names:
                path = os.path.join(top, name)
                try:
                    with open(path, "rb") as f:
                        if needle in f.read():
                            found.append(path)
                except OSError:
                    continue
    return found


def main():
    exe = sys.argv[1]
    app = None
    daemon = None
    try:
        def setup(db):
            subprocess.run([exe, "-d", db, "--log-pain=5", f"--note={NOTE}"], check=True,
                           capture_output=True, timeout=60,
                           env=dict(os.environ, XDG_DATA_HOME=os.path.join(os.path.dirname(db), "data")))
        app = App(exe, prepare=setup)
        daemon = start_keyring(app.tmp)
        sync = os.path.join(app.tmp, "Nextcloud")
        os.mkdir(sync, 0o700)
        wait_for(lambda: window(app, "Pain Diary"), "the diary window")
        wait_for(lambda: find(app.root, name="Save Entry", role="push button"), "the diary")

        key("ctrl+comma")
        prefs = wait_for(lambda: window(app, "Preferences"), "the Preferences window")
        choose = wait_for(lambda: find(prefs, name="Choose Backup Folder", role="push button"),
                          "Choose Backup Folder")
        tap(find(prefs, name="Not set: no encrypted daily backup") is not None
            and find(prefs, name="Last Backup") is None,
            "without a folder Preferences say there is no encrypted daily backup")
        press(choose)
        pdui.choose_file(app, sync, "Choose Backup Folder")
        wait_for(lambda: find(prefs, name=sync), "the folder in Preferences")
        problem = wait_for(lambda: find(prefs, prefix="No passphrase for the backup folder"),
                           "the missing passphrase told", timeout=30)
        tap(problem is not None and find(prefs, name="Never") is not None and not os.listdir(sync),
            "a folder without a passphrase: told so, Last Backup Never, nothing written")

        press(wait_for(lambda: find(prefs, name="Set…", role="push button"), "Set…"))
        dialog = wait_for(lambda: window(app, "Passphrase for the Backup Folder"), "the passphrase dialog")
        save = wait_for(lambda: find(dialog, name="Save", role="push button"), "Save")
        click(wait_for(lambda: find(dialog, name="Passphrase"), "Passphrase"))
        type_text(PASSPHRASE)
        click(wait_for(lambda: find(dialog, name="Passphrase Again"), "Passphrase Again"))
        type_text(PASSPHRASE)
        press_enabled(save, "Save")

        today = time.strftime("diary-%Y-%m-%d.pdbackup")
        backup = os.path.join(sync, today)
        wait_for(lambda: os.path.exists(backup), "the encrypted backup in the folder", timeout=90)
        stamp = time.strftime("%H:%M", time.localtime(os.stat(backup).st_mtime))
        shown = wait_for(lambda: next((text for text in labels(prefs) if text.endswith(", " + stamp)), None),
                         "Last Backup with the backup's time", timeout=30)
        tap(find(prefs, name="Never") is None and find(prefs, name="Kept in your keyring") is not None
            and find(prefs, name="Change…", role="push button") is not None,
            "Last Backup shows when it was written, and the passphrase is in the keyring", shown)
        tap(find(prefs, prefix="No passphrase") is None, "the problem is gone")

        mode = stat.S_IMODE(os.stat(backup).st_mode)
        tap(mode == 0o600 and os.listdir(sync) == [today], "one backup in the folder, mode 0600",
            f"{oct(mode)} {os.listdir(sync)}")
        with open(backup, "rb") as f:
            content = f.read()
        tap(content.startswith(b"PDBACKUP") and NOTE.encode() not in content and b"knee" not in content,
            "encrypted: the note is not in it")
        passfile = os.path.join(app.tmp, "pass")
        with open(passfile, "w", encoding="utf-8") as f:
            f.write(PASSPHRASE + "\n")
        restored = os.path.join(app.tmp, "restored.db")
        cli = subprocess.run([exe, "-d", restored, f"--restore={backup}", f"--passphrase-file={passfile}"],
                             env=dict(os.environ, XDG_DATA_HOME=os.path.join(app.tmp, "data")),
                             capture_output=True, text=True, timeout=120)
        tap(cli.returncode == 0 and NOTE in {row[0] for row in pdui.query(restored, "SELECT note FROM pain_entries")},
            "--restore opens it with the passphrase from Preferences", cli.stderr)
        os.remove(passfile)
        holders = files_holding([app.tmp, os.environ.get("XDG_CONFIG_HOME", app.tmp)], PASSPHRASE)
        tap(not holders, "the passphrase is in no file (the keyring's are encrypted)", holders)

        # Clearing the folder: no more daily backup there, and Preferences say so.
        press(wait_for(lambda: find(prefs, name="Stop Backing Up to the Folder", role="push button"),
                       "Stop Backing Up to the Folder"))
        wait_for(lambda: find(prefs, name="Not set: no encrypted daily backup"), "the folder cleared")
        tap(find(prefs, name="Last Backup") is None, "cleared: Last Backup is no longer shown")
        key("Escape")
        wait_for(lambda: window(app, "Preferences") is None, "Preferences to close")
    except Exception as e:  # noqa: BLE001 - any failure is a failed test with its reason
        if app is not None:
            app.fail("test-ui-backup-folder", e)
        else:
            tap(False, "backup folder UI scenario", repr(e))
    finally:
        if app is not None:
            app.close()
        if daemon is not None:
            daemon.terminate()
            daemon.wait(timeout=10)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
