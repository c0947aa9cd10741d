#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reminders in the real application, through AT-SPI and python-dbusmock's notification
server on a private session bus (the accessibility bus is the outer session's).

- pain-diary --background fires two check-ins due now; "Log Pain" on the first opens the
  window on Today with the score focused: a number key and Save log the entry.
- A click on the second's body (from History) brings Today back with the score focused.
- Preferences > Reminders: a custom reminder with its text and without Saturday and Sunday
  reaches the diary's settings, and the scheduler (reminder-driver) honours its days.
- Quit in the main menu really quits although reminders are enabled.

Needs an X display and a session bus with the accessibility bus (build-aux/test). Prints
TAP.

usage: test-ui-reminders.py PAIN-DIARY REMINDER-DRIVER
"""

import os
import sqlite3
import subprocess
import sys
import time

import dbus

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdui  # noqa: E402
from notifytest import Bus, Driver  # noqa: E402
from pdui import Atspi, GLib, find, find_app, finish, key, poll, press, press_enabled, query, tap, wait_for, walk  # noqa: E402

TIMEOUT = 30


def a11y_bus_address():
    """The accessibility bus of the outer session, for an application on another bus."""
    outer = dbus.SessionBus()
    bus = outer.get_object("org.a11y.Bus", "/org/a11y/bus")
    return str(bus.GetAddress(dbus_interface="org.a11y.Bus"))


def new_diary(exe, path, env, settings):
    subprocess.run([exe, "-d", path, "--log-pain=3", "--at=2024-01-01T08:00"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('reminders', ?)", (settings,))
    con.close()


def has_state(node, state):
    try:
        return node.get_state_set().contains(state)
    except Exception:  # noqa: BLE001 - a node that went away has no state
        return False


def first_with_state(root, role, matches, state):
    """The first node below root of role whose name matches and that has state, or None."""
    for node in walk(root):
        try:
            if node.get_role_name() == role and matches(node) and has_state(node, state):
                return node
        except Exception:  # noqa: BLE001 - a node that went away matches nothing
            continue
    return None


def focused_score(root):
    return first_with_state(root, "push button", lambda node: (node.get_name() or "").startswith("Pain "),
                            Atspi.StateType.FOCUSED)


def chosen(node):
    return has_state(node, Atspi.StateType.CHECKED) or has_state(node, Atspi.StateType.PRESSED)


def today_selected(root):
    """The view switcher's Today tab is the selected one."""
    return first_with_state(root, "page tab", lambda node: pdui.name_of(node) == "Today",
                            Atspi.StateType.SELECTED) is not None


def frames(root):
    found = []
    for i in range(root.get_child_count()):
        child = root.get_child_at_index(i)
        if child is not None and child.get_role_name() == "frame":
            found.append(child)
    return found


def check_ins(bus):
    return [n for n in bus.notifications() if n["summary"] == "Pain diary check-in"]


def log_pain_from_notification(exe, app, bus, db):
    shown = wait_for(lambda: len(check_ins(bus)) >= 2 and check_ins(bus), "two check-in notifications",
                     timeout=TIMEOUT)
    tap(all(n["actions"].get("log-pain") == "Log Pain" for n in shown),
        "pain-diary --background shows the check-ins due now, with Log Pain", shown)
    tap(find_app(app.pid) is None or not frames(find_app(app.pid)), "… without a window")

    bus.invoke(shown[0]["id"], "log-pain")
    root = wait_for(lambda: find_app(app.pid), "the application on the accessibility bus", timeout=60)
    window = wait_for(lambda: frames(root), "a window", timeout=TIMEOUT)[0]
    score = poll(lambda: focused_score(window), timeout=TIMEOUT)
    tap(score is not None, "Log Pain opens the window with the pain score focused",
        score.get_name() if score else "no score button has the focus")
    tap(today_selected(window), "… on Today")

    key("6")
    wait_for(lambda: chosen(find(window, prefix="Pain 6,", role="push button")),
             "score 6 chosen by its number key")
    save = wait_for(lambda: find(window, name="Save Entry", role="push button"), "the Save Entry button")
    press_enabled(save, "Save")
    logged = wait_for(lambda: query(db, "SELECT pain FROM pain_entries WHERE at > 1700000000 "
                                        "AND pain = 6"), "the entry in the diary")
    tap(logged == [(6,)], "the number key 6 and Save logged pain 6 in the diary", logged)

    # From another page, a click on the second check-in's body.
    key("alt+2")
    wait_for(lambda: not today_selected(window), "History")
    bus.invoke(shown[1]["id"], "default")
    wait_for(lambda: today_selected(window), "Today again", timeout=TIMEOUT)
    score = poll(lambda: focused_score(window), timeout=TIMEOUT)
    tap(score is not None, "a click on a check-in's body brings Today back with the score focused",
        score.get_name() if score else "no score button has the focus")
    return root


def custom_weekdays(app, root, db, driver_path):
    key("ctrl+comma")
    prefs = wait_for(lambda: next((f for f in frames(root) if f.get_name() == "Preferences"), None),
                     "the Preferences window", timeout=TIMEOUT)
    tab = wait_for(lambda: find(prefs, name="Reminders", role="page tab"), "the Reminders page's tab")
    pdui.click(tab)
    wait_for(lambda: has_state(tab, Atspi.StateType.SELECTED), "the Reminders page")
    press(wait_for(lambda: find(prefs, name="Add Reminder", role="push button"), "Add Reminder"))
    # Adding the row gives its text field the keyboard at once (pd-reminders-page.c).
    row = wait_for(lambda: find(prefs, name="Reminder Text"), "the new reminder's text field")
    pdui.settle(row)
    pdui.type_text("Stretch your back")
    key("Return")
    days = wait_for(lambda: find(prefs, name="Reminder days"), "the new reminder's days")
    names = [pdui.name_of(days.get_child_at_index(i)) for i in range(days.get_child_count())]
    tap(names == ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        "a custom reminder has seven weekday toggles named by their day, from the locale's "
        "first weekday (Sunday in C)", names)
    toggles = [days.get_child_at_index(i) for i in range(days.get_child_count())]
    tap(all(chosen(t) and has_state(t, Atspi.StateType.FOCUSABLE) for t in toggles),
        "… all on at first, each reachable with the keyboard")
    for name in ("Saturday", "Sunday"):
        toggle = find(days, name=name, role="push button")
        press(toggle)
        wait_for(lambda: not chosen(toggle), f"{name} off")

    def stored():
        text = query(db, "SELECT value FROM meta WHERE key = 'reminders'")[0][0]
        custom = GLib.Variant.parse(None, text, None, None).unpack()["custom"]
        return custom if custom and custom[0][1] == "Stretch your back" and custom[0][3] == 0x1f else None
    custom = poll(stored, timeout=10)
    tap(custom is not None, "the text and the days Monday to Friday are saved in the diary",
        query(db, "SELECT value FROM meta WHERE key = 'reminders'"))

    # Start in the background at login: an XDG autostart entry, written and removed.
    entry = os.path.join(os.environ["XDG_CONFIG_HOME"], "autostart", "io.github.paindiary.PainDiary.desktop")
    # GTK 4.8 shows a GtkSwitch as a check box, named by its row.
    switch = wait_for(lambda: find(prefs, name="Start in the Background at Login", role="check box"),
                      "the start at login switch")
    press(switch)
    wait_for(lambda: os.path.exists(entry), "the autostart entry")
    desktop = GLib.KeyFile()
    desktop.load_from_file(entry, GLib.KeyFileFlags.NONE)
    command = desktop.get_string("Desktop Entry", "Exec")
    argv = GLib.shell_parse_argv(command)[1]
    tap(argv == ["pain-diary", "--background", "-d", db]
        and desktop.get_string("Desktop Entry", "Type") == "Application",
        "“Start in the Background at Login” writes an autostart entry for pain-diary --background "
        "on this diary", command)
    press(switch)
    tap(poll(lambda: not os.path.exists(entry)) is not None, "… and switching it off removes it")

    # The scheduler on that diary: the 12:00 reminder on Friday, not on Saturday.
    bus = Bus("body actions")
    driver = Driver(driver_path, db, bus.env)
    try:
        friday, saturday = 1715335200, 1715421600   # 10 and 11 May 2024, 12:00 in Berlin
        for now in (saturday, friday):
            driver.send(f"now {now - 30}")
            driver.send("run")
            driver.send(f"now {now + 30}")
            driver.send("run")
        shown = [n for n in bus.notifications() if n["summary"] == "Stretch your back"]
        tap(len(shown) == 1 and shown[0]["body"] == "Reminder for 12:00",
            "the scheduler reminds of it on Friday at 12:00 and not on Saturday", bus.notifications())
    finally:
        driver.close()
        bus.close()
    key("Escape")


def main():
    exe, driver_path = sys.argv[1], sys.argv[2]
    bus = Bus("body actions")
    tmp = pdui.scratch_dir("pd-ui-reminders-")
    env = dict(bus.env, XDG_DATA_HOME=os.path.join(tmp, "data"), XDG_CONFIG_HOME=os.path.join(tmp, "config"),
               XDG_STATE_HOME=os.path.join(tmp, "state"), GSETTINGS_BACKEND="memory", GDK_BACKEND="x11",
               GTK_A11Y="atspi", NO_AT_BRIDGE="0", AT_SPI_BUS_ADDRESS=a11y_bus_address())
    # The driver's runs later record their own last runs in the same folder.
    os.environ["XDG_STATE_HOME"] = env["XDG_STATE_HOME"]
    os.environ["XDG_CONFIG_HOME"] = env["XDG_CONFIG_HOME"]
    # A name to quote in the autostart entry.
    db = os.path.join(tmp, "Pain diary's \"2024\" $HOME.db")
    # Two check-ins due now (this minute and the one before; TZ is the tests' zone).
    local = time.localtime()
    minute = local.tm_hour * 60 + local.tm_min
    new_diary(exe, db, env, "{'check-ins': <[(uint32 %d, uint32 127), (uint32 %d, uint32 127)]>}"
              % (minute, (minute - 1) % 1440))
    app = subprocess.Popen([exe, "-d", db, "--background"], env=env)
    try:
        root = log_pain_from_notification(exe, app, bus, db)
        custom_weekdays(app, root, db, driver_path)
        window = frames(root)[0]
        # Real clicks: GTK 4.8 offers no AT-SPI action on a menu button.
        pdui.click(wait_for(lambda: find(window, name="Main Menu"), "the main menu"))
        wait_for(lambda: find(root, name="Quit"), "Quit in the main menu")
        key("q")   # its mnemonic
        try:
            status = app.wait(15)
        except subprocess.TimeoutExpired:
            status = None
        tap(status == 0, "Quit in the main menu really quits, although reminders are enabled", status)
    except Exception as e:  # noqa: BLE001 - any failure is a failed test with its reason
        shot = os.path.join(os.environ.get("G_TEST_BUILDDIR", tmp), "test-ui-reminders-failure.png")
        subprocess.run(["import", "-window", "root", shot], check=False)
        tap(False, "reminders UI scenario", f"{type(e).__name__}: {e}; screenshot: {shot}")
    finally:
        if app.poll() is None:
            app.terminate()
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
        bus.close()
        subprocess.run(["rm", "-rf", tmp], check=False)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
