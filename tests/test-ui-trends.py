#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of the Trends page through AT-SPI, as a person or a screen reader uses it.

On the 120-day demo diary (written by chart-diary): each range button and the chart's text
summary, day by day with the keyboard and the day's values, the table of daily values
following the chart when it pans, the sleep and mood overlays in the summary, before/after
a chosen treatment, and the "when it hurts" map's summary and a cell's values by keyboard;
every figure checked against the diary file with sqlite3. Prints TAP.
"""

import datetime
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdui  # noqa: E402
from pdui import App, Scenario, find, finish, key, press, tap, visible, wait_for, walk  # noqa: E402

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class DemoApp(App):
    """App on a diary written first by chart-diary (the demo story, ending today)."""

    def __init__(self, path, chart_diary):
        super().__init__(path, prepare=lambda db: subprocess.run([chart_diary, db, "demo"],
                                                                 check=True))


def query(db, sql, params=()):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def day_name(day):
    """As the window writes a date: "3 October 2026"."""
    return f"{day.day} {day.strftime('%B %Y')}"


def daily(db, day):
    """A local day's pain aggregates from the file: (entries, mean, min, max, sleep, mood)."""
    return query(db, "SELECT count(*), avg(pain), min(pain), max(pain), avg(sleep_hours), avg(mood) "
                     "FROM pain_entries WHERE deleted IS NULL AND local_date = ?", (day.isoformat(),))[0]


def mean_of_daily(db, column, first, last):
    """The mean of the daily means of column over first..last, and the number of days."""
    rows = query(db, f"SELECT avg({column}) FROM pain_entries WHERE deleted IS NULL AND "
                     f"{column} IS NOT NULL AND local_date BETWEEN ? AND ? GROUP BY local_date",
                 (first.isoformat(), last.isoformat()))
    values = [r[0] for r in rows]
    return (sum(values) / len(values) if values else None), len(values)


def fmt(value):
    return f"{value:.1f}"


def description(node):
    return node.get_description() or ""


def label_text(root, predicate):
    for node in walk(root):
        try:
            if node.get_role_name() == "label" and visible(node) and predicate(node.get_name() or ""):
                return node.get_name()
        except Exception:  # noqa: BLE001 - nodes come and go while the page updates
            continue
    return None


def pointer_away():
    # Keys go to the window under the pointer when there is no window manager: keep the
    # pointer off the day popover.
    # (xdotool returns once the X server has moved it; later keys are delivered after.)
    subprocess.run(["xdotool", "mousemove", "5", "300"], check=True)


def check_ranges(app, page, chart, today):
    first_record = query(app.db, "SELECT min(d) FROM (SELECT min(local_date) AS d FROM pain_entries "
                                 "WHERE deleted IS NULL UNION SELECT min(local_date) FROM doses "
                                 "WHERE deleted IS NULL UNION SELECT min(local_date) FROM activities "
                                 "WHERE deleted IS NULL)")[0][0]
    all_days = (today - datetime.date.fromisoformat(first_record)).days + 1
    for label, days in (("7 Days", 7), ("30 Days", 30), ("1 Year", None), ("All", None), ("90 Days", 90)):
        press(wait_for(lambda: find(page, name=label, role="push button"), f"the {label} button"))
        n = days if days is not None else all_days
        mean, _ = mean_of_daily(app.db, "pain", today - datetime.timedelta(days=n - 1), today)
        expected = f"Over the last {n} days pain averaged {fmt(mean)}"
        text = pdui.poll(lambda: description(chart).startswith(expected) and description(chart))
        tap(text is not None, f"{label}: the chart's description follows the range",
            text or f"expected {expected!r}, got {description(chart)!r}")
        summary = label_text(page, lambda t: t == description(chart))
        tap(summary is not None, f"{label}: the visible summary says the same")


def check_days(app, page, chart, today):
    pdui.click(chart)
    pointer_away()
    key("End")
    for back in (1, 2):
        key("Left")
        day = today - datetime.timedelta(days=back)
        n, mean, lo, hi, sleep, mood = daily(app.db, day)
        heading = f"{WEEKDAYS[day.weekday()]} {day_name(day)}"
        expected = f"{heading}\nPain {fmt(mean)} ({lo}–{hi}), {n} entries"
        text = wait_for(lambda: label_text(page, lambda t: t.startswith(heading + "\n")),
                        f"the values of {heading}")
        tap(text.startswith(expected), f"Left arrow: the popover shows {heading}'s values",
            f"expected {expected!r}, got {text!r}")
        if sleep is not None:
            tap(f"\nSleep {fmt(sleep)} hours" in text, f"{heading}: sleep in the popover", text)


def row_values(date_label):
    """The names of a table row's cells, from the cell holding its date."""
    row = date_label.get_parent().get_parent()
    names = []
    for node in walk(row):
        if node.get_role_name() == "label":
            names.append(node.get_name())
    return names


def check_table(app, page, chart, today):
    press(wait_for(lambda: find(page, name="Show daily values as a table"), "the Table button"))
    table = wait_for(lambda: find(page, name="Daily values"), "the table")
    day = today - datetime.timedelta(days=2)
    date_label = wait_for(lambda: find(table, name=day_name(day), role="label"), f"the row of {day}")
    n, mean, lo, hi, sleep, mood = daily(app.db, day)
    doses = query(app.db, "SELECT count(*) FROM doses WHERE deleted IS NULL AND status = 'taken' "
                          "AND local_date = ?", (day.isoformat(),))[0][0]
    expected = [f"Entries: {n}", f"Mean pain: {fmt(mean)}", f"Lowest: {lo}", f"Highest: {hi}",
                f"Doses: {doses}"]
    if sleep is not None:
        expected.append(f"Sleep (h): {fmt(sleep)}")
    if mood is not None:
        expected.append(f"Mood: {fmt(mood)}")
    values = row_values(date_label)
    missing = [e for e in expected if e not in values]
    tap(not missing, f"the table's row of {day} matches the diary", f"missing {missing} in {values}")

    # The table follows the chart: the first week of the diary after Home.
    press(find(page, name="7 Days", role="push button"))
    pdui.click(chart)
    pointer_away()
    # The keys go to the chart: a click may leave the focus in the day's popover.
    key("Escape")
    pdui.click(chart)
    pointer_away()
    key("Home")
    first = query(app.db, "SELECT min(local_date) FROM pain_entries WHERE deleted IS NULL")[0][0]
    first = datetime.date.fromisoformat(first)
    newest = first + datetime.timedelta(days=6)
    try:
        wait_for(lambda: find(table, name=day_name(newest), role="label"), "the table to follow")
        gone = find(table, name=day_name(today), role="label") is None
        tap(gone, "after panning to the start, the table shows the first week", day_name(newest))
    except TimeoutError:
        tap(False, "after panning to the start, the table shows the first week",
            f"no row {day_name(newest)}; chart says {description(chart)!r}")
    text = description(chart)
    expected = f"From {first.day} {first.strftime('%B')}"
    tap(text.startswith(expected) and f"to {day_name(newest)} pain averaged" in text,
        "the summary of a panned range names its dates", text)
    return first, newest


def check_overlays(app, page, chart, first, last):
    sleep, n_sleep = mean_of_daily(app.db, "sleep_hours", first, last)
    mood, n_mood = mean_of_daily(app.db, "mood", first, last)
    press(find(page, name="Show sleep"))
    text = wait_for(lambda: "Sleep averaged" in description(chart) and description(chart),
                    "sleep in the summary")
    tap(f"Sleep averaged {fmt(sleep)} hours on the {n_sleep} days" in text,
        "Sleep on: the summary gives the mean hours slept", text)
    press(find(page, name="Show mood"))
    text = wait_for(lambda: "Mood averaged" in description(chart) and description(chart),
                    "mood in the summary")
    tap(f"Mood averaged {fmt(mood)} on the {n_mood} days" in text,
        "Mood on: the summary gives the mean mood", text)
    press(find(page, name="Show sleep"))
    press(find(page, name="Show mood"))
    text = pdui.poll(lambda: "averaged" in description(chart) and "Sleep" not in description(chart)
                     and "Mood" not in description(chart) and description(chart))
    tap(text is not None, "both off again: the summary is pain only", text or description(chart))


def check_before_after(app, page):
    events = query(app.db, "SELECT local_date, title FROM events WHERE deleted IS NULL "
                           "ORDER BY at DESC")
    # The second newest: the newest is already chosen.
    date, title = events[1]
    event = datetime.date.fromisoformat(date)
    choice = f"{event.day} {event.strftime('%b %Y')} — {title}"
    combo = wait_for(lambda: find(page, name="Treatment", role="combo box"), "the Treatment row")
    # The map has the focus (check_heatmap); the Treatment row is next.
    key("Tab")
    wait_for(lambda: combo.get_state_set().contains(pdui.Atspi.StateType.FOCUSED), "the row's focus")
    # At once, while the page still scrolls to the row (GTK 4.8 would point the list off the
    # screen, where it finds no monitor): the row comes into view first, then its list opens.
    key("Return")
    wait_for(lambda: find(app.root, name=choice, role="label"), f"{choice} in the list")
    key("Down", "Return")
    before, n_before = mean_of_daily(app.db, "pain", event - datetime.timedelta(days=14),
                                     event - datetime.timedelta(days=1))
    after, n_after = mean_of_daily(app.db, "pain", event + datetime.timedelta(days=1),
                                   event + datetime.timedelta(days=14))
    verdict = wait_for(lambda: label_text(page, lambda t: "on average over" in t or
                                          "Not enough data" in t), "the verdict")
    if n_before < 5 or n_after < 5:
        ok = f"{n_before} days with entries before and {n_after} after" in verdict
    else:
        ok = (f"{fmt(after)} on average over {n_after} days" in verdict and
              f"{fmt(before)} over {n_before} days before" in verdict)
        lower = after <= before - 2 and after <= before * 0.7
        ok = ok and (verdict.startswith("Meaningful") or "meaningful change" in verdict) == lower
    tap(ok, f"before/after {title}: the verdict's means match the diary",
        f"before {before} ({n_before} days), after {after} ({n_after} days): {verdict!r}")


def heatmap_cells(db, first, last):
    rows = query(db, "SELECT at + utc_offset, pain FROM pain_entries WHERE deleted IS NULL AND "
                     "local_date BETWEEN ? AND ?", (first.isoformat(), last.isoformat()))
    cells = {}
    for local, pain in rows:
        moment = datetime.datetime.fromtimestamp(local, datetime.timezone.utc)
        cell = cells.setdefault((moment.weekday(), moment.hour // 3), [])
        cell.append(pain)
    return cells


def check_heatmap(app, page, today):
    press(find(page, name="All", role="push button"))
    first = datetime.date.fromisoformat(
        query(app.db, "SELECT min(local_date) FROM pain_entries WHERE deleted IS NULL")[0][0])
    cells = heatmap_cells(app.db, first, today)
    best = None
    for weekday in range(7):
        for b in range(8):
            values = cells.get((weekday, b), [])
            if len(values) >= 3 and (best is None or sum(values) / len(values) > best[0]):
                best = (sum(values) / len(values), weekday, b, len(values))
    mean, weekday, b, n = best
    expected = (f"Pain is highest on {WEEKDAYS[weekday]}, {b * 3:02d}:00–{b * 3 + 3:02d}:00 "
                f"(mean {fmt(mean)}, {n} entries)")
    area = wait_for(lambda: find(page, name="Pain by weekday and time of day"), "the map")
    text = wait_for(lambda: description(area).startswith("Pain is highest") and description(area),
                    "the map's summary")
    tap(text.startswith(expected), "the map's summary names the worst time, as in the diary",
        f"expected {expected!r}, got {text!r}")

    # From the Table button (which hides the table) to the map with the keyboard, which
    # also scrolls the page to it.
    pdui.click(find(page, name="Show daily values as a table"))
    pointer_away()

    # The table slides away (a revealer, still on the accessibility bus when hidden): while
    # it slides, Tab goes into it; Tab again until the map has the keyboard.
    def map_focused():
        if area.get_state_set().contains(pdui.Atspi.StateType.FOCUSED):
            return True
        key("Tab")
        return False
    wait_for(map_focused, "the map's focus")
    shown = []
    for _ in range(3):
        key("Right")
        shown.append(wait_for(lambda: label_text(page, lambda t: any(t.startswith(d + " ") and ":00: "
                                                                     in t for d in WEEKDAYS)),
                              "the cell's values"))
    ok = len(set(shown)) == 3
    for text in shown:
        name, rest = text.split(" ", 1)
        start = int(rest[:2])
        values = cells.get((WEEKDAYS.index(name), start // 3), [])
        if values:
            ok = ok and text.endswith(f"mean pain {fmt(sum(values) / len(values))}, {len(values)} "
                                      f"{'entry' if len(values) == 1 else 'entries'}")
        else:
            ok = ok and text.endswith("no entries")
    tap(ok, "arrow keys move through the map's cells, each with its values from the diary",
        "\n".join(shown))


def main():
    with Scenario("test-ui-trends") as scenario:
        app = scenario.start(DemoApp(sys.argv[1], sys.argv[2]))
        today = datetime.date.today()
        key("alt+4")
        page = wait_for(lambda: find(app.root, name="PdTrendsPage"), "the Trends page")
        chart = wait_for(lambda: find(page, name="Pain trend chart"), "the chart")
        check_ranges(app, page, chart, today)
        check_days(app, page, chart, today)
        first, last = check_table(app, page, chart, today)
        check_overlays(app, page, chart, first, last)
        check_heatmap(app, page, today)
        check_before_after(app, page)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
