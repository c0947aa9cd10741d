#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of quitting as the session does (TAP): test-ui-quit.py PAIN_DIARY MAKE_DIARY

The app is sent SIGTERM at moments spread over its start-up on the 10-year diary: while
it opens the diary, loads it, shows the window and starts the reminders. Each time it must
end as from its menu: exit status 0 and no write-ahead log (-wal) or index (-shm) left
beside the diary, which then opens with every record. A signal that comes before start-up
has installed the handler ends it the default way (status -15, said as a comment): the
diary must then open whole too. Needs an X display and a session bus (build-aux/test provides them).
"""

import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdui import check_stderr, finish, query, tap  # noqa: E402

# Seconds after exec. The moments are spread, not synchronised: a kill at any moment must
# be survived, so none of them needs the app to have reached a given state.
MOMENTS = (0.1, 0.3, 0.5, 0.7, 0.9, 1.2, 1.6, 2.5)


def count_records(db):
    return query(db, "SELECT (SELECT count(*) FROM pain_entries) + (SELECT count(*) FROM doses)")[0][0]


def main():
    exe, make_diary = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="pd-quit-") as tmp:
        os.chmod(tmp, 0o700)
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp, "data"),
                   XDG_CONFIG_HOME=os.path.join(tmp, "config"))
        original = os.path.join(tmp, "ten.db")
        subprocess.run([make_diary, original, "3650", "6", "8", "3"], check=True,
                       capture_output=True, timeout=300)
        expected = count_records(original)
        db = os.path.join(tmp, "diary.db")
        for moment in MOMENTS:
            with open(original, "rb") as src, open(db, "wb") as dst:
                dst.write(src.read())
            os.chmod(db, 0o600)
            stderr_path = os.path.join(tmp, "stderr.txt")
            with open(stderr_path, "w", encoding="utf-8") as err:
                proc = subprocess.Popen([exe, "-d", db], stdout=subprocess.DEVNULL, stderr=err,
                                        env=env)
                time.sleep(moment)
                proc.send_signal(signal.SIGTERM)
                try:
                    status = proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    status = proc.wait()
            left = [db + s for s in ("-wal", "-shm") if os.path.exists(db + s)]
            if status == -signal.SIGTERM:
                # Before start-up has installed its handler: the default way, which SQLite
                # survives; the diary must still open whole.
                print(f"# SIGTERM after {moment} s came before start-up: status {status}")
            else:
                tap(status == 0 and not left, f"SIGTERM after {moment} s: exit 0, nothing left "
                    "beside the diary", f"status {status}; left: {left}")
            tap(count_records(db) == expected, f"SIGTERM after {moment} s: the diary opens "
                f"with all {expected} records")
            check_stderr(stderr_path)
            for suffix in ("-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
