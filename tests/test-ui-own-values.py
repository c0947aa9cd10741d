#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test through AT-SPI: the patient's own words for where it hurts.

On a temporary diary: choose a score, open "Places by Name", type an own value and a
label into "Add your own", save, and find the own value stored after the keys; then find
the entry's row naming it. Prints TAP.
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdui import (App, Atspi, GLib, Scenario, click, find, finish, key, poll, press, press_enabled,  # noqa: E402
                  query, tap, type_text, wait_for, walk)


def ticked(button):
    states = button.get_state_set()
    return states.contains(Atspi.StateType.CHECKED) or states.contains(Atspi.StateType.PRESSED)


def scroll_into_view(node, bottom=600):
    """Scrolls the page with the mouse wheel, as a person does, until node is on screen."""
    def shown():
        box = node.get_extents(Atspi.CoordType.WINDOW)
        if 0 < box.y and box.y + box.height < bottom:
            return True
        subprocess.run(["xdotool", "mousemove", "450", "400", "click", "5"], check=True)
        return False
    wait_for(shown, "the field scrolled into view")


def add_own(field, text):
    scroll_into_view(field)
    click(field)
    type_text(text)
    key("Return")


def main():
    with Scenario("test-ui-own-values") as scenario:
        app = scenario.start(App(sys.argv[1]))
        score = wait_for(lambda: find(app.root, name="Pain 5, Moderate pain", role="push button"),
                         "the score button 'Pain 5'")
        press(score)

        # The location chips, "Add your own" among them, are in the collapsed list of places
        # under the body map.
        where = wait_for(lambda: find(app.root, name="Places by Name", role="list item"),
                         "the list of places by name")
        scroll_into_view(where)
        click(where)
        field = wait_for(lambda: find(app.root, name="Add your own", role="text"),
                         "the Add your own field")
        add_own(field, "Pins in my hip")
        chip = wait_for(lambda: find(app.root, name="Pins in my hip", role="push button"),
                        "a chip for the own value")
        tap(ticked(chip), "the new chip is ticked")
        # A label typed as one's own ticks the list's chip instead.
        add_own(field, "low back")
        low_back = wait_for(lambda: find(app.root, name="Low back", role="push button"),
                            "the Low back chip")
        tap(poll(lambda: ticked(low_back)) is not None, "typing a label ticks its chip")

        save = wait_for(lambda: find(app.root, name="Save Entry", role="push button"), "Save")
        press_enabled(save, "Save")
        stored = wait_for(lambda: query(app.db, "SELECT locations FROM pain_entries"),
                          "the entry in the diary")
        tap(stored == [("low_back;Pins in my hip",)], "the own value is stored after the keys",
            stored)

        def described():
            for node in walk(app.root):
                try:
                    text = (node.get_name() or "") + " " + (node.get_description() or "")
                except GLib.Error:
                    continue
                if "Low back, Pins in my hip" in text:
                    return node
            return None
        tap(poll(described) is not None, "the saved entry's row names its own value")
    return finish()


if __name__ == "__main__":
    sys.exit(main())
