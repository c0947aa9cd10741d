#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""No network, ever: the window runs under strace, is used a little (an entry saved), and
any AF_INET or AF_INET6 socket fails the test. Needs the X display and session bus that
build-aux/test provides. Prints TAP."""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdui import (GLib, find, find_app, finish, poll, press, press_enabled, query, tap,  # noqa: E402
                  wait_for)

INET = re.compile(r"socket\(AF_INET6?\b")


def descendants(pid):
    """pid's child processes, their children and so on."""
    found = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        try:
            with open(f"/proc/{parent}/task/{parent}/children") as f:
                children = [int(c) for c in f.read().split()]
        except OSError:
            children = []
        found += children
        todo += children
    return found


def main():
    if shutil.which("strace") is None or subprocess.run(
            ["strace", "-f", "-qq", "-o", "/dev/null", "true"]).returncode != 0:
        print("1..0 # SKIP strace is missing or may not trace here")
        return 0

    tmp = tempfile.mkdtemp(prefix="pd-ui-net-")
    db = os.path.join(tmp, "diary.db")
    log = os.path.join(tmp, "strace.log")
    stderr = open(os.path.join(tmp, "stderr.log"), "w+")
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp, "data"),
               GSETTINGS_BACKEND="memory", GTK_A11Y="atspi", NO_AT_BRIDGE="0")
    proc = subprocess.Popen(["strace", "-f", "-qq", "-e", "trace=network", "-o", log,
                             os.path.abspath(sys.argv[1]), "-d", db], env=env, cwd=tmp,
                            stderr=stderr)
    app_pid = None
    try:
        def registered():
            if proc.poll() is not None:
                raise RuntimeError(f"strace pain-diary exited with status {proc.returncode}")
            for pid in descendants(proc.pid):
                root = find_app(pid)
                # Up: on the accessibility bus, with its window.
                try:
                    if root is not None and root.get_child_count() > 0:
                        return pid, root
                except GLib.Error:
                    continue
            return None
        up = poll(registered, timeout=90)
        if not tap(up is not None, "the window is up under strace"):
            raise TimeoutError("timed out waiting for the application's window on the accessibility bus")
        app_pid, root = up

        score = wait_for(lambda: find(root, name="Pain 5, Moderate pain", role="push button"),
                         "the score button 'Pain 5'")
        press(score)
        save = wait_for(lambda: find(root, name="Save Entry", role="push button"), "the Save Entry button")
        press_enabled(save, "Save")
        saved = poll(lambda: query(db, "SELECT pain FROM pain_entries") == [(5,)])
        tap(saved is not None, "an entry was saved in the traced window",
            "" if saved else query(db, "SELECT pain FROM pain_entries"))
    except Exception as error:  # noqa: BLE001
        stderr.seek(0)
        tap(False, "using the window under strace", f"{error!r}\n{stderr.read()[-2000:]}")
    finally:
        for pid in [app_pid] if app_pid else descendants(proc.pid):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    with open(log, errors="replace") as f:
        sockets = [line.strip() for line in f if INET.search(line)]
    tap(not sockets, "the window opened no Internet socket", "\n".join(sockets[:5]))
    stderr.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
