# SPDX-License-Identifier: GPL-3.0-or-later
"""What the UI tests share: driving Pain Diary through AT-SPI, as a person or a screen
reader does, and printing TAP."""

import atexit
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback

from waits import poll_every


def skip_without_session():
    """UI tests need an X display and a session bus (build-aux/test provides both). Where
    there are none, as in `meson dist` on a build machine, they are skipped, not crashed."""
    missing = [name for name in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS") if not os.environ.get(name)]
    if missing:
        print(f"1..0 # SKIP no {' and no '.join(missing)}: run the UI tests under build-aux/test")
        sys.exit(0)


skip_without_session()

import gi  # noqa: E402
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, Gio, GLib  # noqa: E402

TIMEOUT = 60  # one state; a loaded machine (both cores busy) can take this long
results = []


def tap(ok, what, detail=""):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {what}")
    if not ok:   # also on stderr: meson --print-errorlogs shows that in a CI log
        print(f"not ok {len(results)} - {what}", *[f"# {line}" for line in str(detail).splitlines()],
              sep="\n", file=sys.stderr)
    if detail:
        for line in str(detail).splitlines():
            print(f"# {line}")
    sys.stdout.flush()
    return ok


def wait_for(predicate, what, timeout=TIMEOUT):
    value = poll(predicate, timeout)
    if value is None:
        raise TimeoutError(f"timed out waiting for {what}")
    return value


def poll(predicate, timeout=TIMEOUT):
    """What predicate returns once it is true, or None after timeout: for a check that
    must be able to fail (tap(poll(...) is not None, ...)) rather than stop the test."""
    return poll_every(0.2, predicate, timeout)


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


def walk(node, depth=0, prune=frozenset(), sized=True):
    """node and everything below it, depth first; not below a node whose role is in prune,
    nor (when sized) into widgets with no size (see shown)."""
    if node is None or depth > 60:
        return
    yield node
    try:
        if prune and node.get_role_name() in prune:
            return
        n = node.get_child_count()
    except GLib.Error:
        return
    for i in range(n):
        try:
            child = node.get_child_at_index(i)
        except GLib.Error:
            continue
        if child is not None and (not sized or shown(child)):
            yield from walk(child, depth + 1, prune, sized)


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


def has_state(node, state):
    try:
        return node.get_state_set().contains(state)
    except GLib.Error:
        return False


def press_enabled(node, what):
    """Presses node once it can be pressed, as a person waits for a greyed-out button (Save
    stays insensitive until the diary is open and the form holds a score)."""
    wait_for(lambda: has_state(node, Atspi.StateType.SENSITIVE), f"{what} enabled")
    press(node)


def focused(root, nodes=None):
    """The node below root that has the keyboard focus, or None (nodes: how to walk)."""
    for node in (nodes or walk)(root):
        if has_state(node, Atspi.StateType.FOCUSED):
            return node
    return None


BLIND = object()   # typed into whatever has the keyboard focus; the outcome is checked
LISTS = {"table", "tree table"}   # GtkColumnView: the chooser's list of files


def walk_controls(node):
    """walk() without going into lists and tables: a file chooser's list of files can be
    thousands of nodes, each an AT-SPI call. Widgets with no size are walked too: GTK 4.8
    reports none for some of the file chooser's (its location entry among them)."""
    return walk(node, prune=LISTS, sized=False)


def settle(node):
    """Waits until the application that owns node has answered two AT-SPI calls: its main
    loop has run since the input sent before (X and D-Bus arrive on the same loop)."""
    for _ in range(2):
        try:
            node.get_child_count()
        except GLib.Error:
            pass


def toplevels(app):
    return [child for child in (app.root.get_child_at_index(i)
                                for i in range(app.root.get_child_count()))
            if child is not None]


def window(app, title):
    """The application's toplevel titled title (the newest of that name), or None."""
    found = None
    for child in toplevels(app):
        try:
            if child.get_name() == title:
                found = child
        except GLib.Error:
            continue
    return found


def toplevel_of(node):
    while node is not None:
        parent = node.get_parent()
        if parent is None or parent.get_role_name() == "application":
            return node
        node = parent
    return None


def screen_origin(node):
    """Where node's toplevel window sits on the screen: the X window of this process with
    the toplevel's title (window managers, and GTK itself, may place it anywhere)."""
    top = toplevel_of(node)
    pid = node.get_process_id()
    title = top.get_name() if top is not None else ""
    ids = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
                         capture_output=True, text=True).stdout.split()
    chosen = None
    for wid in ids:
        name = subprocess.run(["xdotool", "getwindowname", wid], capture_output=True,
                              text=True).stdout.strip()
        if name == title or chosen is None:
            chosen = wid
            if name == title:
                break
    if chosen is None:
        raise RuntimeError(f"no X window of process {pid} for {title!r}")
    geometry = dict(line.split("=", 1) for line in subprocess.run(
        ["xdotool", "getwindowgeometry", "--shell", chosen], capture_output=True, text=True,
        check=True).stdout.split())
    return int(geometry["X"]), int(geometry["Y"])


def click(node):
    """A real pointer click in the middle of node, at its place on the screen: its window's
    origin on the screen plus its place in the window."""
    box = node.get_extents(Atspi.CoordType.WINDOW)
    x, y = screen_origin(node)
    subprocess.run(["xdotool", "mousemove", str(x + box.x + box.width // 2),
                    str(y + box.y + box.height // 2), "click", "1"], check=True)
    settle(node)


def scroll_into_view(node, window=None, margin_top=60, margin_bottom=90):
    """Scrolls window (by default the toplevel under node) with the mouse wheel until node is
    in view, clear of the header bar and the bottom bar; returns node."""
    top = (window or toplevel_of(node)).get_extents(Atspi.CoordType.WINDOW)
    x, y = screen_origin(node)

    def box():
        extents = node.get_extents(Atspi.CoordType.WINDOW)
        return extents.y, extents.height

    for _ in range(40):
        at, height = box()
        if at > margin_top and at + height < top.height - margin_bottom:
            return node
        before = box()
        subprocess.run(["xdotool", "mousemove", str(x + top.width // 2), str(y + top.height // 2),
                        "click", "5" if at + height >= top.height - margin_bottom else "4"],
                       check=True)
        wait_for(lambda: box() != before, "the window to scroll", timeout=5)
    raise TimeoutError(f"'{node.get_name()}' never scrolled into view")


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "20", text], check=True)


def key(*keys):
    for k in keys:
        subprocess.run(["xdotool", "key", k], check=True)


def editable(node):
    """Whether node is a text field (GTK 4.8 offers no EditableText interface)."""
    try:
        return node is not None and node.get_role_name() in ("text", "entry")
    except GLib.Error:
        return False


def text_of(node):
    try:
        text = node.get_text_iface()
        return text.get_text(0, text.get_character_count()) if text is not None else None
    except GLib.Error:
        return None


def choose_file(app, path, title=None):
    """In the file chooser that is opening (titled title, or any window when None): its
    location entry (Ctrl+L) takes the whole path, then its accept button. Each step waits for its
    state: the chooser has the focus, the entry has it, the entry holds the path."""
    def chooser():
        # The chooser is the newest toplevel (of that title) with a Cancel button; one with a
        # text field first, as the dialog that opened it may still be there, with the same
        # title and a Cancel of its own.
        roots = [root for root in reversed(toplevels(app))
                 if title is None or name_of(root) == title]
        found = []
        for root in roots:
            try:
                nodes = list(walk_controls(root))
                if any(node.get_role_name() == "push button" and name_of(node) == "Cancel"
                       and visible(node) for node in nodes):
                    found.append((any(editable(node) for node in nodes), root))
            except GLib.Error:   # a window going away while it is read (the one that opened it)
                continue
        with_text = [root for has_text, root in found if has_text]
        return (with_text or [root for _, root in found] or [None])[0]
    root = wait_for(chooser, f"the file chooser {title or ''}")

    tried = []

    def location():
        try:
            node = focused(root, walk_controls)
            if editable(node):
                return node
            fields = [n for n in walk_controls(root) if editable(n) and visible(n)]
        except GLib.Error:
            fields = []
        # GTK 4.8 does not always report the focus of the chooser's entry: after Ctrl+L its
        # one text field is the entry.
        if tried and len(fields) == 1:
            return fields[0]
        if len(tried) >= 3:
            return BLIND
        key("ctrl+l")
        tried.append(True)
        settle(root)
        return None
    entry = wait_for(location, "the file chooser's location entry")
    key("ctrl+a")
    type_text(path)
    if entry is not BLIND:
        wait_for(lambda: text_of(entry) == path, f"{path} in the location entry")
    # The accept button through its action: a Return could land in the entry's completion.
    # (In whichever toplevel holds it now: the dialog that opened the chooser may be gone.)
    def accept_button():
        try:
            tops = [root] + list(reversed(toplevels(app)))
        except GLib.Error:
            tops = [root]
        for top in tops:
            try:
                for node in walk_controls(top):
                    if (node.get_role_name() == "push button" and visible(node)
                            and name_of(node) in ("Open", "Save", "Export", "Select")):
                        return node
            except GLib.Error:
                continue
        return None
    # Pressed until the chooser closes: on a loaded machine the press can come before the
    # chooser has taken the typed path in (and the button then does nothing).
    for _ in range(4):
        accept = accept_button()
        try:
            if accept is not None:
                press(accept)
            else:
                key("Return")
        except GLib.Error:
            pass   # the chooser closed meanwhile
        if poll(lambda: not visible(root), timeout=TIMEOUT / 4) is not None:
            return
    raise TimeoutError(f"the file chooser did not take {path}")


def query(db, sql):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


NOTIFY_NAME = "org.freedesktop.Notifications"


def notification_server_running():
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reply = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "NameHasOwner", GLib.Variant("(s)", (NOTIFY_NAME,)),
                          GLib.VariantType("(b)"), Gio.DBusCallFlags.NONE, -1, None)
    return reply.unpack()[0]


def ensure_notification_server():
    """A desktop session has a notification server, so the test session gets one too
    (python-dbusmock's): a medication reminder that falls due while a UI test runs is then
    shown as on a desktop, instead of failing the test with libnotify's warning that there
    is no server. One for the session bus, started by the first test that finds none; it
    ends with the bus. (The reminder tests have private buses of their own: notifytest.)"""
    if not notification_server_running():
        # Two tests may start one at once: the second cannot own the name and exits.
        subprocess.Popen(["/usr/bin/python3", "-m", "dbusmock", "--session",
                          "--template", "notification_daemon"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
        wait_for(notification_server_running, "a notification server on the session bus")


def scratch_dir(prefix):
    """A new private temporary folder, removed when the test ends."""
    path = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


class App:
    """The app on a temporary diary; a screenshot is kept when a scenario fails."""

    def __init__(self, path, args=None, prepare=None):
        """args: the command line after the program; by default a new diary in a
        temporary folder (self.db). prepare, when given, is called with self.db before
        the app starts."""
        ensure_notification_server()
        self.tmp = scratch_dir("pd-ui-")
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
        where = "".join(traceback.format_exception(error)[-3:]) if isinstance(error, BaseException) else ""
        tap(False, "UI scenario", f"{error!r}; screenshot: {shot}\n{where}")

    def close(self):
        """Ends the app as the session does (SIGTERM): it must quit as from its menu, closing
        its diary, so that no write-ahead log is left beside it (the file alone, copied by
        hand, holds every record)."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        left = [self.db + suffix for suffix in ("-wal", "-shm") if os.path.exists(self.db + suffix)]
        tap(self.proc.returncode == 0 and not left,
            "SIGTERM quits the app and closes its diary",
            f"exit status {self.proc.returncode}; left beside the diary: {left}")
        check_stderr(self.stderr_path)


class Scenario:
    """A UI test's scenario: `with Scenario(name) as scenario:` and `app =
    scenario.start(App(...))`. Any exception in it is a failed test with its reason (and a
    screenshot once the app runs); the app is closed, and its stderr checked, at the end."""

    def __init__(self, name):
        self.name = name
        self.app = None

    def start(self, app):
        self.app = app
        return app

    def close(self):
        """Closes the app now (its stderr checked); the scenario goes on without it."""
        app, self.app = self.app, None
        app.close()

    def __enter__(self):
        return self

    def __exit__(self, kind, error, tb):
        failed = isinstance(error, Exception)
        if failed:
            if self.app is not None:
                self.app.fail(self.name, error)
            else:
                tap(False, f"{self.name}: the scenario failed before the app ran", repr(error))
        if self.app is not None:
            self.close()
        return failed


# What GTK, GLib and pixman print when the program is wrong: every one fails the test.
# (GTK under Xvfb has a monitor; a popover placed off its window finds none and says so.)
BAD_OUTPUT = re.compile(r"-(CRITICAL|WARNING) \*\*|\*\*\* BUG \*\*\*|assertion .* failed")
# Patterns a test names as a known, open defect (with the issue that tracks it); each is
# printed as a comment, and every other line still fails.
KNOWN_OUTPUT = []


def check_stderr(path):
    """One TAP line: no critical, warning or bug report in the program's standard error
    at path, which is copied to this test's own standard error for the log."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    sys.stderr.write(text)
    bad = [line for line in text.splitlines() if BAD_OUTPUT.search(line)]
    known = [line for line in bad if any(re.search(k, line) for k in KNOWN_OUTPUT)]
    for line in known[:5]:
        print(f"# known, open: {line}")
    bad = [line for line in bad if line not in known]
    return tap(not bad, "no GTK critical or warning on standard error",
               "\n".join(bad[:20]) + (f"\n... and {len(bad) - 20} more" if len(bad) > 20 else ""))


def finish():
    print(f"1..{len(results)}")
    return 0 if results and all(results) else 1
