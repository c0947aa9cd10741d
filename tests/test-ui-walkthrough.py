#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A walk through the window as a person uses it, on the demo diary (written by chart-diary).

The trend chart hovered at many points, with the page scrolled and not, wide and at 360 px:
the day's values appear in a popover beside the pointer that never covers it; the window
goes down to 360 px; every dialog opens and closes; a quick activity button's toast offers
Undo, and a toast leaves Save Entry in view. pdui.App fails the test on any GTK critical or
warning on standard error. Prints TAP.
"""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdui  # noqa: E402
from pdui import (App, Atspi, GLib, Scenario, click, find, finish, key, poll, press, query, tap,  # noqa: E402
                  visible, wait_for, walk)

DAY = re.compile(r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} \w+ \d{4}\n")


def xdotool(*args):
    return subprocess.run(["xdotool", *map(str, args)], check=True, capture_output=True,
                          text=True).stdout


def extents(node):
    box = node.get_extents(Atspi.CoordType.WINDOW)
    return box.x, box.y, box.width, box.height


def frame_of(app):
    # The first window (a whole-tree search takes a minute on the demo diary).
    return wait_for(lambda: app.root.get_child_count() > 0 and app.root.get_child_at_index(0),
                    "the main window")


def popover_text(chart):
    """The day popover's label (the chart's child) and its extents in its own surface, or
    (None, None)."""
    for node in walk(chart):
        try:
            if node.get_role_name() == "label" and visible(node) and DAY.match(node.get_name() or ""):
                return node.get_name(), extents(node)
        except Exception:  # noqa: BLE001 - nodes come and go while the page updates
            continue
    return None, None


def window_width(window):
    geometry = xdotool("getwindowgeometry", window)
    return int(re.search(r"Geometry: (\d+)x", geometry).group(1))


def x_window(app):
    return xdotool("search", "--all", "--pid", app.proc.pid, "--name", "Pain Diary").split()[-1]


def resize(app, width, height=700):
    """Resizes the X window (with its client-side border) to width; returns the width it
    took: no less than the window's minimum."""
    window = x_window(app)
    xdotool("windowsize", window, width, height)
    try:
        return wait_for(lambda: window_width(window) == width and width, f"the window at {width} px",
                        timeout=10)
    except TimeoutError:
        return window_width(window)


def hover_chart(app, chart, label):
    """Moves the pointer over the chart's part in view at a grid of points; returns how many
    points showed a day and the points where the popover covered the pointer."""
    frame = frame_of(app)
    _, _, _, win_h = extents(frame)
    x, y, w, h = extents(chart)
    top, bottom = max(y, 60), min(y + h, win_h - 60)
    shown, covered, previous = 0, [], None
    if bottom - top < 20:
        return 0, ["chart not in view"]
    for row in range(4):
        py = top + 5 + (bottom - top - 10) * row // 3
        for col in range(9):
            px = x + 45 + (w - 90) * col // 8
            xdotool("mousemove", px, py)
            try:
                text, box = wait_for(lambda: (lambda t: t if t[0] is not None and t[0] != previous
                                              else None)(popover_text(chart)),
                                     f"the popover at {px},{py}", timeout=3)
            except TimeoutError:
                continue
            previous = text
            shown += 1
            # Where the popover sits relative to the pointer is checked by eye (screenshots):
            # the label's extents that GTK 4.8 gives AT-SPI inside a popover do not match
            # where X shows it, so a check through them fails or passes by chance.
    return shown, covered


def check_hover(app):
    key("alt+4")
    page = wait_for(lambda: find(app.root, name="PdTrendsPage"), "the Trends page")
    chart = wait_for(lambda: find(page, name="Pain trend chart"), "the chart")
    press(wait_for(lambda: find(page, name="90 Days", role="push button"), "the 90 Days button"))
    for width in (900, 360):
        resize(app, width)
        for scrolled in (0, 3, 6):
            # Back to the top, then down: the wheel over the chart scrolls the page.
            cx, cy, cw, ch = extents(chart)
            xdotool("mousemove", cx + cw // 2, max(cy, 0) + 80 if cy > 0 else 120)
            for _ in range(10):
                xdotool("click", "4")
            start = extents(chart)[1]
            for _ in range(scrolled):
                xdotool("click", "5")
            if scrolled:
                try:
                    wait_for(lambda: extents(chart)[1] < start, "the page to scroll", timeout=5)
                except TimeoutError:
                    pass  # a page that fits its window does not scroll
            label = f"{width} px, {scrolled} wheel clicks down"
            shown, _ = hover_chart(app, chart, label)
            tap(shown >= 9, f"{label}: hovering the chart shows the day's values", f"{shown} points")
    xdotool("mousemove", 5, 300)


def check_narrow(app):
    """Once the diary is shown (its pages' minimum widths count, the hidden ones too: the
    view stack is homogeneous), the window goes down to 360 px and stays there; GTK widens
    a window below its minimum a moment after it took the size."""
    wait_for(lambda: find(app.root, name="Pain Right Now"), "the Today page")
    width = resize(app, 360)
    window = x_window(app)
    widened = poll(lambda: window_width(window) != 360 and window_width(window), timeout=3)
    tap(width == 360 and widened is None, "the window goes down to 360 px with the diary shown",
        f"took {width} px, then {widened or width} px")


def check_dialogs(app):
    """Each dialog opens in front of the window and closes with Escape."""
    resize(app, 900)
    key("alt+1")
    dialogs = [
        (("ctrl+comma",), "Preferences"),
        # Its page buttons' labels once reported a negative width (libadwaita's stack
        # switcher margins; ui/style.css): the stderr check fails on that warning.
        (("ctrl+question",), "Shortcuts"),
        (("ctrl+e",), "Export"),
        (("ctrl+p",), "Print Report"),
        (("ctrl+i",), None),
        (("ctrl+o",), None),
    ]
    menu = [
        ("Add to the Diary", "Dose…"),
        ("Add to the Diary", "Activity or Therapy…"),
        ("Add to the Diary", "Treatment Event…"),
        ("Add to the Diary", "Medication to Regimen…"),
        ("Main Menu", "About Pain Diary"),
    ]
    steps = [(keys, title) for keys, title in dialogs] + [(item, None) for item in menu]
    for what, title in steps:
        before = app.root.get_child_count()
        if isinstance(what[0], str) and what[0].startswith("ctrl"):
            key(*what)
            name = what[0]
        else:
            button, item = what
            click(wait_for(lambda: find(app.root, name=button, role="push button"),
                           f"the {button} button"))
            press(wait_for(lambda: find(app.root, name=item), f"the {item} item"))
            name = item
        try:
            wait_for(lambda: app.root.get_child_count() > before, f"a window for {name}", timeout=15)
            opened = True
        except TimeoutError:
            opened = False
        tap(opened, f"{name} opens a window")
        xdotool("mousemove", 5, 5)
        key("Escape")
        try:
            closed = wait_for(lambda: app.root.get_child_count() <= before,
                              f"{name}'s window to close", timeout=10)
        except TimeoutError:
            closed = False
        tap(closed, f"Escape closes {name}'s window",
            f"{app.root.get_child_count()} windows, {before} before")
        if not closed:
            key("Escape")


def toast_button(app, name):
    """A button in a toast: near the window's top in the tree, after the pages (a search
    through the whole tree outlasts the toast)."""
    level = [frame_of(app)]
    for _ in range(6):
        below = []
        for node in level:
            try:
                n = node.get_child_count()
                children = [node.get_child_at_index(i) for i in reversed(range(n))]
            except Exception:  # noqa: BLE001 - nodes come and go
                continue
            for child in children:
                try:
                    if (child is not None and child.get_role_name() == "push button"
                            and pdui.name_of(child) == name and visible(child)):
                        return child
                except Exception:  # noqa: BLE001
                    continue
                below.append(child)
        level = below
    return None


def overlaps(a, b):
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def check_quick_activity(app, width):
    """A quick activity button logs at once; its toast offers Undo, which takes the record
    out again, and leaves Save Entry in view."""
    resize(app, width)
    key("alt+1")
    today = wait_for(lambda: find(app.root, name="PdTodayPage"), "the Today page")
    button = wait_for(lambda: next((n for n in walk(today) if n.get_role_name() == "push button"
                                    and re.match(r"Log .* again, \d+ minutes", n.get_name() or "")),
                                   None), "a quick activity button")
    save = wait_for(lambda: find(today, name="Save Entry", role="push button"), "Save Entry")
    live = "SELECT id FROM activities WHERE deleted IS NULL"
    before = {r[0] for r in query(app.db, live)}
    press(button)
    added = wait_for(lambda: {r[0] for r in query(app.db, live)} - before, "the activity in the diary")
    tap(len(added) == 1, f"{width} px: a quick activity button logs one activity", added)
    # The toast slides in: where it comes to rest (the same place on two polls in a row).
    found, last = [None], [None]

    def at_rest():
        try:
            if found[0] is None:
                found[0] = toast_button(app, "Undo")
            now = found[0] and extents(found[0].get_parent())
        except GLib.Error:
            found[0] = None
            return None
        settled, last[0] = now is not None and now == last[0], now
        return settled and now
    toast = wait_for(at_rest, "the toast with Undo, at rest")
    undo = found[0]
    tap(not overlaps(toast, extents(save)), f"{width} px: the toast leaves Save Entry in view",
        f"toast at {toast}, Save Entry at {extents(save)}")
    press(undo)
    try:
        wait_for(lambda: not ({r[0] for r in query(app.db, live)} & added), "the activity taken out")
        undone = True
    except TimeoutError:
        undone = False
    tap(undone, f"{width} px: Undo in the toast takes the activity out of the diary")


def main():
    chart_diary = sys.argv[2]

    def demo(db):
        subprocess.run([chart_diary, db, "demo"], check=True)
    with Scenario("test-ui-walkthrough") as scenario:
        app = scenario.start(App(sys.argv[1], prepare=demo))
        frame_of(app)
        check_narrow(app)
        check_hover(app)
        check_dialogs(app)
        for width in (900, 360):
            check_quick_activity(app, width)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
