#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of the body map through AT-SPI, as a person (or a screen reader) uses it.

On a temporary diary: mark the low back and the outer side of the left lower leg with two
real clicks on the figure, a third region with the keyboard (an arrow key, then Space) and
a fourth through its accessible action; unmark one again; every region is a toggle named by
its label. Save and find exactly those locations in the diary. Prints TAP.
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdui import (App, Atspi, Scenario, click, find, finish, key, poll, press, press_enabled,  # noqa: E402
                  query, tap, wait_for, walk)


# GTK 4.8 exposes a toggle button as a push button with a checked (pressed) state.
TOGGLE_ROLES = ("toggle button", "push button")


def checked(node):
    states = node.get_state_set()
    return states.contains(Atspi.StateType.CHECKED) or states.contains(Atspi.StateType.PRESSED)


def focused(node):
    return node.get_state_set().contains(Atspi.StateType.FOCUSED)


def visible_chip(node):
    return node.get_state_set().contains(Atspi.StateType.VISIBLE)


def locations(db):
    return query(db, "SELECT locations FROM pain_entries WHERE deleted IS NULL")


def late_step(*steps):
    """Does steps, (action, predicate, what) each, in order: the action, then a wait for its
    predicate. Stops at the first whose predicate is not true in time and returns its what;
    None when every step came true (for one TAP line over several steps)."""
    for action, predicate, what in steps:
        action()
        if poll(predicate) is None:
            return what
    return None


def timed_out(what):
    return f"timed out waiting for {what}" if what else ""


def main():
    with Scenario("test-ui-body-map") as scenario:
        app = scenario.start(App(sys.argv[1]))
        figure = wait_for(lambda: find(app.root, name="Body map"), "the body map")
        toggles = [n for n in walk(figure) if n.get_role_name() in TOGGLE_ROLES]
        names = {n.get_name() for n in toggles}
        expected = {"Low back", "Outer side of left lower leg", "Left calf", "Right shin",
                    "Sole of left foot", "Top of right foot", "Groin", "Left hip", "Neck",
                    "Left hand", "Right knee", "Left ankle", "Back of right thigh"}
        tap(len(toggles) >= 30 and expected <= names,
            f"the figure has {len(toggles)} region toggles named by their labels",
            sorted(expected - names))
        tap("Left thigh" not in names and "Other" not in names,
            "wholes (older diaries' words) and Other are not regions of their own")

        def region(name):
            return wait_for(lambda: next((n for n in walk(figure) if n.get_name() == name
                                          and n.get_role_name() in TOGGLE_ROLES), None),
                            f"the region '{name}'")

        low_back = region("Low back")
        outer_calf = region("Outer side of left lower leg")
        # The keyboard: from the note, Tab reaches the figure's first region (scrolling the
        # form to it); an arrow key moves to a neighbour; Space toggles.
        click(wait_for(lambda: find(app.root, name="Note", role="text"), "the Note field"))

        def focused_region():
            return next((n for n in walk(figure) if n.get_role_name() in TOGGLE_ROLES
                         and focused(n)), None)
        first = None
        for _ in range(8):
            key("Tab")
            first = focused_region()
            if first is not None:
                break
        if not tap(first is not None, "Tab reaches the figure", first.get_name() if first else ""):
            raise TimeoutError("no region of the figure has the focus after 8 Tabs")
        first_name = first.get_name()
        key("Down")
        moved = poll(lambda: (lambda n: n if n is not None and n.get_name() != first_name else None)
                     (focused_region()))
        moved_name = moved.get_name() if moved is not None else "another region"
        if not tap(moved is not None, f"Down moved the focus from '{first_name}' to '{moved_name}'",
                   "" if moved is not None else "no other region has the focus"):
            raise TimeoutError("another region focused after Down")
        key("space")
        marked = tap(poll(lambda: checked(moved)) is not None, f"Space marked '{moved_name}'")
        key("space")
        tap(marked and poll(lambda: not checked(moved)) is not None,
            f"Space again unmarked '{moved_name}'")

        window = app.root.get_child_at_index(0).get_extents(Atspi.CoordType.WINDOW)

        def box(node):
            extents = node.get_extents(Atspi.CoordType.WINDOW)
            return (extents.x, extents.y, extents.width, extents.height)

        def on_screen(node):
            """Scrolls the form with the mouse wheel until node is in view."""
            for _ in range(40):
                x, y, w, h = box(node)
                if y > 60 and y + h < window.height - 90:
                    return node
                before = box(node)
                subprocess.run(["xdotool", "mousemove", str(window.width // 2), str(window.height // 2),
                                "click", "5" if y + h >= window.height - 90 else "4"], check=True)
                wait_for(lambda: box(node) != before, "the form to scroll", timeout=3)
            raise TimeoutError(f"'{node.get_name()}' never scrolled into view")

        # Two clicks of the pointer on the figure itself.
        late = late_step((lambda: click(on_screen(low_back)), lambda: checked(low_back),
                          "the low back marked"),
                         (lambda: click(on_screen(outer_calf)),
                          lambda: checked(outer_calf) and checked(low_back),
                          "the outer left lower leg marked, the low back still marked"))
        tap(late is None, "two clicks marked the low back and the outer side of the left lower leg",
            timed_out(late))

        # The chips (in the collapsed list of places, so of no size yet) say the same.
        def chip(name):
            return next((n for n in walk(app.root, sized=False) if n.get_name() == name
                         and n.get_role_name() in TOGGLE_ROLES
                         and n.get_parent().get_name() != "Body map"), None)
        follow = poll(lambda: all(chip(name) is not None and checked(chip(name))
                                  for name in ("Low back", "Outer side of left lower leg")))
        tap(chip("Groin") is not None and not checked(chip("Groin")), "an unmarked region's chip is off")
        tap(follow is not None, "the location chips follow the figure")

        # A chip marks the figure too.
        places = wait_for(lambda: find(app.root, name="Places by Name", role="list item"),
                          "the list of places")
        click(on_screen(places))
        neck_chip = wait_for(lambda: (lambda c: c if c is not None and visible_chip(c) else None)(chip("Neck")),
                             "the Neck chip shown")
        late = late_step((lambda: press(neck_chip), lambda: checked(region("Neck")),
                          "the figure's neck marked by its chip"),
                         (lambda: press(neck_chip), lambda: not checked(region("Neck")),
                          "the figure's neck unmarked by its chip"))
        tap(late is None, "the figure follows the chips", timed_out(late))

        # An assistive technology presses a region through its action.
        hip = region("Left hip")
        sole = region("Sole of left foot")
        late = late_step((lambda: press(hip), lambda: checked(hip),
                          "the left hip marked through AT-SPI"),
                         (lambda: press(hip), lambda: not checked(hip),
                          "the left hip unmarked through AT-SPI"),
                         (lambda: press(sole), lambda: checked(sole),
                          "the left sole marked through AT-SPI"))
        tap(late is None, "regions are pressed through their accessible action", timed_out(late))

        score = wait_for(lambda: find(app.root, name="Pain 6, Severe pain", role="push button")
                         or find(app.root, prefix="Pain 6", role="push button"), "the score button 6")
        press(score)
        save = wait_for(lambda: find(app.root, name="Save Entry", role="push button"), "Save Entry")
        press_enabled(save, "Save")
        stored = wait_for(lambda: locations(app.db), "the entry in the diary")
        tap(stored == [("low_back;lower_leg_outer_left;foot_sole_left",)],
            "the diary has the marked locations, by key", stored)
        # After saving the form is empty again, the figure too: none of the marked regions is.
        tap(poll(lambda: not any(checked(n) for n in (low_back, outer_calf, sole))) is not None,
            "the figure is cleared for the next entry",
            [n.get_name() for n in (low_back, outer_calf, sole) if checked(n)])

        # Trends: the period's map tells where it hurt, for screen readers too.
        key("alt+4")
        period = wait_for(lambda: find(app.root, name="Body map of the period"), "the period's body map")
        text = wait_for(lambda: (period.get_description() or "").startswith("Most often")
                        and period.get_description(), "the period map's summary")
        tap("Low back, 1 of 1 day" in text and "Sole of left foot" in text,
            "Trends: the body map's text alternative names the places", text)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
