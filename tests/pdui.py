# SPDX-License-Identifier: GPL-3.0-or-later
"""What the UI tests share: driving Pain Diary through AT-SPI, as a person or a screen
reader does, and printing TAP."""

import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

TIMEOUT = 60  # one state; a loaded machine (both cores busy) can take this long
results = []


def tap(ok, what, detail=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {what}")
    if detail:
        for line in str(detail).splitlines():
            print(f"# {line}")
    sys.stdout.flush()
    return ok


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
        except GLib.Error:
            continue
    return None


def shown(node):
    """False for a widget with no size: the pages of a stack that are not shown and what
    is in them. GTK 4.8 offers no cache to AT-SPI, so every question is a round trip to the
    program: leaving those out makes a search through the window ten times faster, which
    is what keeps these tests within their time on a loaded machine."""
    try:
        box = node.get_extents(Atspi.CoordType.WINDOW)
    except GLib.Error:
        return True
    return box.width > 0 or box.height > 0


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        n = node.get_child_count()
    except GLib.Error:
        return
    for i in range(n):
        try:
            child = node.get_child_at_index(i)
        except GLib.Error:
            continue
        if child is not None and shown(child):
            yield from walk(child, depth + 1)


def visible(node):
    # GTK 4.8 does not set SHOWING; VISIBLE is what it offers.
    try:
        return node.get_state_set().contains(Atspi.StateType.VISIBLE)
    except GLib.Error:
        return False


def name_of(node):
    name = node.get_name() or ""
    # GTK 4.8 names a button whose label uses mnemonics twice: "Undo Undo", or with the
    # raw label first, "_Import Import".
    for cut in range(1, len(name)):
        first, second = name[:cut], name[cut + 1:]
        if name[cut] == " " and first.replace("_", "") == second:
            return second
    return name


def find(root, name=None, role=None, prefix=None):
    for node in walk(root):
        try:
            node_name = name_of(node)
            node_role = node.get_role_name()
        except GLib.Error:
            continue
        if role and node_role != role:
            continue
        if name is not None and node_name != name:
            continue
        if prefix is not None and not node_name.startswith(prefix):
            continue
        if visible(node):
            return node
    return None


def press(node):
    action = node.get_action_iface()
    for i in range(action.get_n_actions()):
        if action.get_action_name(i) in ("click", "activate", "press"):
            return action.do_action(i)
    return action.do_action(0)


def click(node):
    """A real pointer click in the middle of node. Without a window manager the window
    sits at the screen's origin, so window coordinates are screen coordinates."""
    box = node.get_extents(Atspi.CoordType.WINDOW)
    subprocess.run(["xdotool", "mousemove", str(box.x + box.width // 2),
                    str(box.y + box.height // 2), "click", "1"], check=True)
    time.sleep(0.3)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "20", text], check=True)
    time.sleep(0.3)


def key(*keys):
    for k in keys:
        subprocess.run(["xdotool", "key", k], check=True)
        time.sleep(0.4)


def query(db, sql):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


class App:
    """The app on a temporary diary; a screenshot is kept when a scenario fails."""

    def __init__(self, path, args=None, prepare=None):
        """args: the command line after the program; by default a new diary in a
        temporary folder (self.db). prepare, when given, is called with self.db before
        the app starts."""
        self.tmp = tempfile.mkdtemp(prefix="pd-ui-")
        self.db = os.path.join(self.tmp, "diary.db")
        if prepare is not None:
            prepare(self.db)
        self.env = dict(os.environ, XDG_DATA_HOME=os.path.join(self.tmp, "data"),
                        GSETTINGS_BACKEND="memory", GTK_A11Y="atspi", NO_AT_BRIDGE="0")
        # Started in its temporary folder: files it writes by default (a print to a file)
        # land there. Its standard error is kept to be checked when it closes.
        self.stderr_path = os.path.join(self.tmp, "stderr.log")
        with open(self.stderr_path, "wb") as stderr:
            self.proc = subprocess.Popen([os.path.abspath(path)]
                                         + (args if args is not None else ["-d", self.db]),
                                         env=self.env, cwd=self.tmp, stderr=stderr)

        def registered():
            if self.proc.poll() is not None:
                with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
                    stderr = f.read()[-2000:]
                raise RuntimeError(f"pain-diary exited with status {self.proc.returncode} before its "
                                   "window appeared (another instance on this session bus?)\n"
                                   + stderr)
            return find_app(self.proc.pid)
        # Starting the accessibility bus and GTK can be slow on a loaded machine.
        self.root = wait_for(registered, "the application on the accessibility bus", timeout=60)

    def fail(self, name, error):
        shot = os.path.join(os.environ.get("G_TEST_BUILDDIR", self.tmp), f"{name}-failure.png")
        subprocess.run(["import", "-window", "root", shot], check=False)
        tap(False, "UI scenario", f"{error!r}; screenshot: {shot}")

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        check_stderr(self.stderr_path)


# What GTK, GLib and pixman print when the program is wrong: every one fails the test.
# (GTK under Xvfb has a monitor; a popover placed off its window finds none and says so.)
BAD_OUTPUT = re.compile(r"-(CRITICAL|WARNING) \*\*|\*\*\* BUG \*\*\*|assertion .* failed")


def check_stderr(path):
    """One TAP line: no critical, warning or bug report in the program's standard error
    at path, which is copied to this test's own standard error for the log."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    sys.stderr.write(text)
    bad = [line for line in text.splitlines() if BAD_OUTPUT.search(line)]
    return tap(not bad, "no GTK critical or warning on standard error",
               "\n".join(bad[:20]) + (f"\n... and {len(bad) - 20} more" if len(bad) > 20 else ""))


def finish():
    print(f"1..{len(results)}")
    return 0 if results and all(results) else 1
