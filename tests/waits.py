# SPDX-License-Identifier: GPL-3.0-or-later
"""The bounded wait the Python test helpers share (pdui for the UI tests, notifytest for the
notification tests)."""

import time


def poll_every(interval, predicate, timeout):
    """What predicate returns once it is true, asked every interval seconds, or None after
    timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return None
