# SPDX-License-Identifier: GPL-3.0-or-later
"""What the notification tests share: a private session bus with python-dbusmock's
notification server on it, bounded waits and TAP."""

import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

import dbus

from waits import poll_every

MOCK_IFACE = "org.freedesktop.DBus.Mock"
NOTIFY_NAME = "org.freedesktop.Notifications"
NOTIFY_PATH = "/org/freedesktop/Notifications"

results = []


def tap(ok, what, detail=""):
    results.append(bool(ok))
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {what}")
    if not ok:   # also on stderr: meson --print-errorlogs shows that in a CI log
        print(f"not ok {len(results)} - {what}", *[f"# {line}" for line in str(detail).splitlines()],
              sep="\n", file=sys.stderr)
    if detail and not ok:
        for line in str(detail).splitlines():
            print(f"# {line}")
    sys.stdout.flush()
    return ok


def finish():
    print(f"1..{len(results)}")
    return 0 if results and all(results) else 1


def wait_for(predicate, what, timeout=10):
    value = poll_every(0.05, predicate, timeout)
    if value is None:
        raise TimeoutError(f"timed out after {timeout} s waiting for {what}")
    return value


class Bus:
    """A private session bus (only our services on it) and a mock notification server.
    caps: the server's capabilities, e.g. "body actions"."""

    def __init__(self, caps):
        self.dir = tempfile.mkdtemp(prefix="pd-notify-bus-")
        conf = os.path.join(self.dir, "session.conf")
        with open(conf, "w") as f:
            f.write(f"""<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={self.dir}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
""")
        out = subprocess.check_output(["dbus-daemon", "--fork", "--print-address=1", "--print-pid=1",
                                       f"--config-file={conf}"], text=True).split()
        self.address, self.pid = out[0], int(out[1])
        self.env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=self.address)
        self.mock = subprocess.Popen(["/usr/bin/python3", "-m", "dbusmock", "--session",
                                      "--template", "notification_daemon",
                                      "-p", json.dumps({"capabilities": caps})],
                                     env=self.env, stdout=subprocess.DEVNULL)
        self.conn = dbus.bus.BusConnection(self.address)
        wait_for(lambda: self.conn.name_has_owner(NOTIFY_NAME), "the mock notification server")
        self.server = self.conn.get_object(NOTIFY_NAME, NOTIFY_PATH)
        # The name is owned before the template is loaded: wait for its methods.
        wait_for(self._ready, "the notification template")

    def _ready(self):
        try:
            self.server.GetCapabilities(dbus_interface=NOTIFY_NAME)
            return True
        except dbus.exceptions.DBusException:
            return False

    def notifications(self):
        """The Notify calls so far: dicts with id (the mock numbers them from 1), summary,
        body, actions (a name -> label dict) and hints."""
        calls = self.server.GetMethodCalls("Notify", dbus_interface=MOCK_IFACE)
        shown = []
        for number, (_, args) in enumerate(calls, start=1):
            actions = [str(a) for a in args[5]]
            shown.append({"id": int(args[1]) or number, "summary": str(args[3]), "body": str(args[4]),
                          "actions": dict(zip(actions[::2], actions[1::2])),
                          "hints": {str(k): v for k, v in args[6].items()}})
        return shown

    def invoke(self, notification_id, action):
        self.server.EmitSignal(NOTIFY_NAME, "ActionInvoked", "us",
                               [dbus.UInt32(notification_id), action], dbus_interface=MOCK_IFACE)

    def close(self):
        self.mock.terminate()
        try:
            self.mock.wait(5)
        except subprocess.TimeoutExpired:
            self.mock.kill()
        try:
            os.kill(self.pid, 15)
        except ProcessLookupError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


class Driver:
    """tests/reminder-driver on a diary: send a command, wait for its "ok"."""

    def __init__(self, path, db, env, *args):
        self.proc = subprocess.Popen([path, db, *args], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.expect("ready")

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def expect(self, wanted, timeout=10):
        """Lines up to the one equal to wanted (or starting with "error")."""
        seen = []
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise TimeoutError(f"reminder-driver: no “{wanted}” within {timeout} s; got {seen}")
            if line is None:
                raise RuntimeError(f"reminder-driver exited (status {self.proc.wait()}); got {seen}")
            if line.startswith("error"):
                raise RuntimeError(f"reminder-driver: {line}")
            if line == wanted:
                return seen
            seen.append(line)

    def send(self, command, timeout=10):
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.expect("ok " + command, timeout)

    def close(self):
        try:
            self.send("quit")
            self.proc.wait(5)
        except Exception:  # noqa: BLE001 - it is going away in any case
            self.proc.kill()
            self.proc.wait()
