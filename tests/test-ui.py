#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test through AT-SPI, as a person (or a screen reader) uses the app.

On a temporary diary: choose a score, type a note, press Save and find the entry in the
diary file; delete it, press Undo and find it again. Needs an X display, a session bus and
Debian's python3-pyatspi; build-aux/test provides them. Prints TAP.
"""

import os
import sqlite3
import subprocess
import sys
import tempfile
import time

import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

APP = sys.argv[1]
TIMEOUT = 20
results = []


def tap(ok, what, detail=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {what}")
    if detail:
        for line in str(detail).splitlines():
            print(f"# {line}")
    sys.stdout.flush()


def wait_for(predicate, what, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise TimeoutError(f"timed out waiting for {what}")


def find_app(pid):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except gi.repository.GLib.Error:
            continue
    return None


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        n = node.get_child_count()
    except gi.repository.GLib.Error:
        return
    for i in range(n):
        try:
            child = node.get_child_at_index(i)
        except gi.repository.GLib.Error:
            continue
        yield from walk(child, depth + 1)


def showing(node):
    try:
        return node.get_state_set().contains(Atspi.StateType.VISIBLE)
    except gi.repository.GLib.Error:
        return False


def find(app, name=None, role=None, prefix=None):
    for node in walk(app):
        try:
            node_name = node.get_name() or ""
            node_role = node.get_role_name()
        except gi.repository.GLib.Error:
            continue
        if role and node_role != role:
            continue
        # GTK 4.8 names a button whose label uses mnemonics twice ("Undo Undo").
        if node_name and node_name == " ".join([node_name[: len(node_name) // 2]] * 2):
            node_name = node_name[: len(node_name) // 2]
        if name is not None and node_name != name:
            continue
        if prefix is not None and not node_name.startswith(prefix):
            continue
        if showing(node):
            return node
    return None


def press(node):
    action = node.get_action_iface()
    for i in range(action.get_n_actions()):
        if action.get_action_name(i) in ("click", "activate", "press"):
            return action.do_action(i)
    return action.do_action(0)


def rows(db, where=""):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(f"SELECT pain, note, deleted FROM pain_entries {where}").fetchall()
    finally:
        con.close()


def main():
    tmp = tempfile.mkdtemp(prefix="pd-ui-")
    db = os.path.join(tmp, "diary.db")
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp, "data"), GSETTINGS_BACKEND="memory",
               GTK_A11Y="atspi", NO_AT_BRIDGE="0")
    proc = subprocess.Popen([APP, "-d", db], env=env)
    try:
        app = wait_for(lambda: find_app(proc.pid), "the application on the accessibility bus")
        tap(True, "the app is on the accessibility bus")

        score = wait_for(lambda: find(app, name="Pain 7, Severe pain", role="push button"),
                         "the score button 'Pain 7'")
        press(score)
        wait_for(lambda: score.get_state_set().contains(Atspi.StateType.CHECKED)
                 or score.get_state_set().contains(Atspi.StateType.PRESSED), "score 7 chosen")
        tap(True, "chose pain 7 with its accessible button")

        note = wait_for(lambda: find(app, name="Note", role="text"), "the Note field")
        # Click into the field and type, as a person would. Without a window manager the
        # window sits at the screen's origin, so window coordinates are screen coordinates.
        box = note.get_extents(Atspi.CoordType.WINDOW)
        subprocess.run(["xdotool", "mousemove", str(box.x + box.width // 2),
                        str(box.y + box.height // 2), "click", "1"], check=True)
        time.sleep(0.3)
        subprocess.run(["xdotool", "type", "--delay", "20", "Stiff after sitting"], check=True)
        time.sleep(0.5)

        save = wait_for(lambda: find(app, name="Save Entry", role="push button"), "the Save Entry button")
        wait_for(lambda: save.get_state_set().contains(Atspi.StateType.SENSITIVE), "Save enabled")
        press(save)
        stored = wait_for(lambda: rows(db, "WHERE deleted IS NULL"), "the entry in the diary")
        tap(stored == [(7, "Stiff after sitting", None)], "Save wrote the entry to the diary", stored)

        delete = wait_for(lambda: find(app, prefix="Delete entry of", role="push button"), "a Delete button")
        press(delete)
        wait_for(lambda: not rows(db, "WHERE deleted IS NULL"), "the entry to be deleted")
        tap(len(rows(db, "WHERE deleted IS NOT NULL")) == 1, "Delete removed the entry from the diary")

        undo = wait_for(lambda: find(app, name="Undo", role="push button"), "the Undo button in the toast")
        press(undo)
        restored = wait_for(lambda: rows(db, "WHERE deleted IS NULL"), "the entry to come back")
        tap(restored == [(7, "Stiff after sitting", None)], "Undo restored the entry", restored)
    except Exception as e:  # noqa: BLE001 - any failure is a failed test with its reason
        shot = os.path.join(os.environ.get("G_TEST_BUILDDIR", tmp), "test-ui-failure.png")
        subprocess.run(["import", "-window", "root", shot], check=False)
        tap(False, "UI scenario", f"{e!r}; screenshot: {shot}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    print(f"1..{len(results)}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
