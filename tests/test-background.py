#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The background instance: with a reminder enabled, closing the window leaves Pain Diary
running (it keeps firing reminders) and --background starts it without a window; without
reminders closing the window quits and --background exits at once; a diary made in the
window gets its reminders when the window closes. Runs on a private
session bus with the mock notification server; needs an X display (build-aux/test or
xvfb-run). Prints TAP.

usage: test-background.py PAIN-DIARY
"""

import os
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
if not os.environ.get("DISPLAY"):
    # Like the UI tests: skipped where there is no display (meson dist on a build machine).
    print("1..0 # SKIP no DISPLAY: run under build-aux/test or xvfb-run")
    sys.exit(0)

from notifytest import Bus, finish, tap, wait_for  # noqa: E402

CHECK_IN = "{'check-ins': <[(uint32 480, uint32 127)]>}"


def windows(pid):
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
                           capture_output=True, text=True)
    return found.stdout.split()


def todo_if_crashed(proc, what):
    """A death by signal is a failure with its reason, not a skipped check."""
    status = proc.poll()
    if status is not None and status < 0:
        tap(False, what, f"pain-diary died of signal {-status}")
        return True
    return False


def alive(proc):
    return proc.poll() is None


class PainDiary:
    def __init__(self, exe, db, env, *args):
        self.proc = subprocess.Popen([exe, "-d", db, *args], env=env)

    def stop(self):
        if alive(self.proc):
            self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def new_diary(exe, path, env, settings):
    # --log-pain makes the diary without a window; then the settings go into its meta table.
    subprocess.run([exe, "-d", path, "--log-pain=3", "--at=2024-01-01T08:00"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    if settings:
        con = sqlite3.connect(path)
        with con:
            con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('reminders', ?)", (settings,))
        con.close()


def stays_running(proc, seconds=2.0):
    """Whether proc is still running at every look for seconds (an observation, not a wait:
    what is checked is that nothing ends it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive(proc):
            return False
        time.sleep(0.1)
    return alive(proc)


def close_window(app):
    """Ctrl+W in the window; again while it is still there (a loaded machine may map it
    before it takes keys)."""
    window = wait_for(lambda: windows(app.proc.pid), "the window", timeout=60)[0]

    def closed():
        if not windows(app.proc.pid) or not alive(app.proc):
            return True
        subprocess.run(["xdotool", "windowactivate", "--sync", window], capture_output=True)
        subprocess.run(["xdotool", "windowfocus", "--sync", window, "key", "--window", window, "ctrl+w"],
                       capture_output=True)
        try:
            return wait_for(lambda: not windows(app.proc.pid) or not alive(app.proc), "", timeout=2)
        except TimeoutError:
            return False
    wait_for(closed, "the window to close", timeout=60)
    release_keys()


def release_keys():
    """Ctrl and W up in the X server itself: a press whose release was lost (a key event to a
    window going away) stays held and repeats, and the next window to take the focus would
    get Ctrl+W as soon as it is mapped."""
    subprocess.run(["xdotool", "keyup", "ctrl+w"], capture_output=True)


def scenario(exe, tmp, env, name, settings, background):
    db = os.path.join(tmp, f"{name}.db")
    new_diary(exe, db, env, settings)
    app = PainDiary(exe, db, env, *(["--background"] if background else []))
    try:
        if background:
            if settings:
                tap(stays_running(app.proc) and not windows(app.proc.pid),
                    f"{name}: --background keeps running without a window")
            else:
                status = app.proc.wait(10)
                tap(status == 0, f"{name}: --background without reminders exits at once", status)
            return
        close_window(app)
        if settings:
            what = f"{name}: closing the window leaves the process running"
            running = stays_running(app.proc)
            if not todo_if_crashed(app.proc, what):
                tap(running, what)
        else:
            what = f"{name}: closing the window quits"
            try:
                app.proc.wait(10)
            except subprocess.TimeoutExpired:
                pass
            if not todo_if_crashed(app.proc, what):
                tap(app.proc.poll() == 0, what, app.proc.poll())
    finally:
        app.stop()


def diary_made_in_window(exe, tmp, env):
    """A diary that did not exist when the program started, made by its window, where a
    check-in is then switched on: closing the window keeps the reminders running."""
    db = os.path.join(tmp, "made-in-window.db")
    app = PainDiary(exe, db, env)
    try:
        wait_for(lambda: windows(app.proc.pid), "the window", timeout=60)
        wait_for(lambda: os.path.exists(db) and query_meta(db) is not None, "the new diary", timeout=20)
        con = sqlite3.connect(db)
        with con:   # what Preferences > Reminders > Add Check-in stores
            con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('reminders', ?)", (CHECK_IN,))
        con.close()
        close_window(app)
        what = "a diary made in the window, with a check-in: closing the window leaves it running"
        running = stays_running(app.proc)
        if not todo_if_crashed(app.proc, what):
            tap(running, what)
    finally:
        app.stop()


def query_meta(db):
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return con.execute("SELECT count(*) FROM meta").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None


def main():
    exe = sys.argv[1]
    bus = Bus("body actions")
    with tempfile.TemporaryDirectory(prefix="pd-background-") as tmp:
        env = dict(bus.env, XDG_DATA_HOME=os.path.join(tmp, "data"),
                   XDG_STATE_HOME=os.path.join(tmp, "state"),
                   XDG_CONFIG_HOME=os.path.join(tmp, "config"), GDK_BACKEND="x11",
                   GSETTINGS_BACKEND="memory", NO_AT_BRIDGE="1")
        try:
            for name, settings, background in (("reminders", CHECK_IN, False),
                                               ("no-reminders", None, False),
                                               ("background", CHECK_IN, True),
                                               ("background-no-reminders", None, True)):
                try:
                    scenario(exe, tmp, env, name, settings, background)
                except Exception as e:  # noqa: BLE001 - a failure with its reason
                    tap(False, f"{name} ran to the end", f"{type(e).__name__}: {e}")
            try:
                diary_made_in_window(exe, tmp, env)
            except Exception as e:  # noqa: BLE001 - a failure with its reason
                tap(False, "diary made in the window ran to the end", f"{type(e).__name__}: {e}")
        finally:
            bus.close()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
