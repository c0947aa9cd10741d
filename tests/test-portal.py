#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Start at login inside a Flatpak sandbox goes through the Background portal: against a
mock portal on a private session bus, the request carries autostart, the command line that
--background needs and a handle token; without a portal it fails with an error instead of
hanging. Prints TAP.

usage: test-portal.py PORTAL-DRIVER
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dbus  # noqa: E402
from notifytest import Bus, finish, tap, wait_for  # noqa: E402

PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
BACKGROUND = "org.freedesktop.portal.Background"
MOCK_IFACE = "org.freedesktop.DBus.Mock"


def main():
    driver = sys.argv[1]
    bus = Bus("body")
    try:
        run = subprocess.run([driver, "on"], env=bus.env, capture_output=True, text=True, timeout=30)
        tap(run.returncode == 1 and PORTAL in run.stderr,
            "without a portal the request fails with a message naming it", run.stderr)

        mock = subprocess.Popen(["/usr/bin/python3", "-m", "dbusmock", "--session",
                                 PORTAL, PORTAL_PATH, BACKGROUND],
                                env=bus.env, stdout=subprocess.DEVNULL)
        try:
            wait_for(lambda: bus.conn.name_has_owner(PORTAL), "the mock portal")
            portal = bus.conn.get_object(PORTAL, PORTAL_PATH)
            portal.AddMethod(BACKGROUND, "RequestBackground", "sa{sv}", "o",
                             "ret = dbus.ObjectPath('/org/freedesktop/portal/desktop/request/1_1/t')",
                             dbus_interface=MOCK_IFACE)

            run = subprocess.run([driver, "on", "--background", "-d", "/home/p/My diary.db"],
                                 env=bus.env, capture_output=True, text=True, timeout=30)
            tap(run.returncode == 0, "the request is made", run.stderr)
            calls = portal.GetMethodCalls("RequestBackground", dbus_interface=MOCK_IFACE)
            tap(len(calls) == 1, "one RequestBackground call", calls)
            options = calls[-1][1][1] if calls else {}
            tap(bool(options.get("autostart")) is True, "autostart is asked for", options)
            tap([str(a) for a in options.get("commandline", [])]
                == ["pain-diary", "--background", "-d", "/home/p/My diary.db"],
                "the command line starts the background instance on the diary, as one argument",
                options.get("commandline"))
            tap(str(options.get("handle_token", "")).startswith("pain_diary_"),
                "a handle token names the request", options.get("handle_token"))

            run = subprocess.run([driver, "off", "--background"], env=bus.env,
                                 capture_output=True, text=True, timeout=30)
            calls = portal.GetMethodCalls("RequestBackground", dbus_interface=MOCK_IFACE)
            tap(run.returncode == 0 and len(calls) == 2 and calls[-1][1][1].get("autostart") == dbus.Boolean(False),
                "turning it off asks for no autostart", calls[-1] if calls else None)
        finally:
            mock.terminate()
            mock.wait(10)
    finally:
        bus.close()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
