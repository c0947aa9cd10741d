#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UI test of the clinician report (Export > Clinician report, Print Report with Ctrl+P)
through AT-SPI, as a person uses them, on the --demo story made by make-diary.

Saves the report with every section and compares it with --report's for the same days;
saves it again with fewer sections; prints it through GTK's own print dialog to its
"Print to File" printer and compares the printed PDF with the saved one; checks a custom
period and a wrong date; and that the diary file never changed. Prints TAP.
"""

import datetime
import hashlib
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdui import (App, Scenario, choose_file, click, find, finish, focused, key, name_of, press, query,  # noqa: E402
                  settle, tap, toplevel_of, type_text, wait_for, walk, window)

from gi.repository import Atspi  # noqa: E402


def choose_in_combo(row, downs):
    """Opens an AdwComboRow's list and moves down that many items from the first."""
    click(row)
    # The list has the keyboard once the popover is open.
    wait_for(lambda: (node := focused(toplevel_of(row))) is not None and node != row
             and node.get_role_name() in ("list item", "list", "table row", "label"),
             "the open list")
    key(*(["Home"] + ["Down"] * downs + ["Return"]))
    settle(row)


def digest(path):
    h = hashlib.sha256()
    for suffix in ("", "-wal"):
        if os.path.exists(path + suffix):
            with open(path + suffix, "rb") as f:
                h.update(f.read())
    return h.hexdigest()


def pdf_pages(path):
    out = subprocess.run(["pdfinfo", path], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def pdf_text(path):
    text = subprocess.run(["pdftotext", "-layout", path, "-"], check=True, capture_output=True,
                          text=True).stdout
    # The minute the report was made is the one thing that may differ.
    return re.sub(r"Generated \d{1,2} \w{3} \d{4} \d\d:\d\d", "Generated", text)


def first_difference(a, b):
    """Where two texts part, with a little of each around it."""
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"{len(a)} vs {len(b)} characters; at {at}: {a[at - 40:at + 40]!r} vs {b[at - 40:at + 40]!r}"


def average_of(text):
    """The figure under "Average pain (0–10)" on the summary page."""
    found = re.search(r"Average pain \(0–10\)[^\n]*\n\s*(\d+\.\d)\s", text)
    return found.group(1) if found else None


def complete_pdf(path):
    try:
        return os.path.getsize(path) > 0 and pdf_pages(path) > 0
    except (OSError, subprocess.CalledProcessError, AttributeError):
        return False


def is_on(switch):
    return switch.get_state_set().contains(Atspi.StateType.CHECKED)


def report_dialog(app):
    return wait_for(lambda: window(app, "Clinician Report"), "the Clinician Report dialog")


def export_report(app):
    """Export (Ctrl+E), Contents: Clinician report (PDF), Continue…: the report dialog."""
    key("ctrl+e")
    dialog = wait_for(lambda: window(app, "Export"), "the Export dialog")
    choose_in_combo(wait_for(lambda: find(dialog, name="Contents"), "Contents"), 2)
    press(wait_for(lambda: find(dialog, name="Continue…", role="push button"), "Continue"))
    return report_dialog(app)


def save(app, dialog, path):
    press(wait_for(lambda: find(dialog, name="Save…", role="push button"), "Save…"))
    choose_file(app, path, "Save Report")
    wait_for(lambda: complete_pdf(path), f"the report in {path}", timeout=60)
    # The dialog closes once the file is written whole.
    wait_for(lambda: window(app, "Clinician Report") is None, "the dialog to close", timeout=60)


def main():
    exe = sys.argv[1]
    make_diary = os.path.join(os.environ["G_TEST_BUILDDIR"], "make-diary")
    with Scenario("test-ui-report") as scenario:
        app = scenario.start(App(exe, prepare=lambda db: subprocess.run(
            [make_diary, db, "demo"], check=True, capture_output=True)))
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(app.tmp, "data"))
        # The diary shown, and what opening it writes done (that is not what is checked):
        # the file the same before and after the application has answered.
        wait_for(lambda: find(app.root, name="Save Entry", role="push button"), "the diary")

        def settled_digest():
            first = digest(app.db)
            settle(app.root)
            return first if digest(app.db) == first else None
        before = wait_for(settled_digest, "the diary file at rest")

        # 1. Every section, all the diary's days, from Export.
        dialog = export_report(app)
        switches = ["Charts", "Before and After Treatments", "Notes", "Daily Table"]
        tap(all(is_on(wait_for(lambda s=s: find(dialog, name=s, role="check box"), s)) for s in switches),
            "every section is on at first")
        full = os.path.join(app.tmp, "full.pdf")
        save(app, dialog, full)
        text = pdf_text(full)
        period = re.search(r"(\d{1,2} \w{3} \d{4}) to (\d{1,2} \w{3} \d{4}) \((\d+) days\)", text)
        tap(period is not None and period.group(2) == "15 Mar 2026",
            "All time reaches the diary's last day", period and period.group(0))
        tap("Alex Demo" in text, "the patient's name from Preferences is in the text")
        tap(oct(os.stat(full).st_mode & 0o777) == "0o600", "the report is readable only by its owner")
        cli = os.path.join(app.tmp, "cli.pdf")
        first, last = (datetime.datetime.strptime(period.group(i), "%d %b %Y").date().isoformat()
                       for i in (1, 2))
        subprocess.run([exe, "-d", app.db, f"--report={cli}", f"--from={first}", f"--to={last}"],
                       check=True, env=env, capture_output=True)
        full_pages = pdf_pages(full)
        cli_text = pdf_text(cli)
        tap(full_pages == pdf_pages(cli) and text.split() == cli_text.split(),
            f"the window's report is --report's for the same days ({full_pages} pages)",
            f"{full_pages} vs {pdf_pages(cli)} pages; " + first_difference(text, cli_text))

        # 2. Fewer sections.
        dialog = export_report(app)
        for name in ("Notes", "Daily Table"):
            press(wait_for(lambda n=name: find(dialog, name=n, role="check box"), name))
        wait_for(lambda: not is_on(find(dialog, name="Daily Table", role="check box")), "Daily Table off")
        fewer = os.path.join(app.tmp, "fewer.pdf")
        save(app, dialog, fewer)
        fewer_text = pdf_text(fewer)
        fewer_pages = pdf_pages(fewer)
        tap(fewer_pages < full_pages, "fewer sections, fewer pages", f"{fewer_pages} vs {full_pages}")
        tap(period.group(0) in fewer_text and "Alex Demo" in fewer_text and
            average_of(fewer_text) == average_of(text) is not None,
            "the summary is still there, with the same average", average_of(fewer_text))

        # 3. Print (Ctrl+P): the choices are remembered, and GTK's print dialog prints to
        # a file through its "Print to File" printer.
        key("ctrl+p")
        dialog = report_dialog(app)
        tap(not is_on(find(dialog, name="Notes", role="check box")) and
            is_on(find(dialog, name="Charts", role="check box")),
            "the dialog remembers the sections chosen last")
        press(wait_for(lambda: find(dialog, name="Print…", role="push button"), "Print…"))
        printer = wait_for(lambda: window(app, "Print"), "the print dialog", timeout=60)
        click(wait_for(lambda: find(printer, name="Print to File", role="label"), "Print to File"))
        file_button = wait_for(lambda: next((n for n in walk(printer) if n.get_role_name() == "push button"
                                             and name_of(n).endswith(".pdf")), None), "the output file button")
        tap(os.path.basename(name_of(file_button)).startswith("pain-report-"),
            "Print to File names the file after the report", name_of(file_button))
        click(file_button)
        printed = os.path.join(app.tmp, "printed.pdf")
        choose_file(app, printed, "Select a filename")   # GTK's print dialog's chooser
        wait_for(lambda: next((n for n in walk(printer) if n.get_role_name() == "push button"
                               and name_of(n).endswith("printed.pdf")), None), "the chosen file")
        press(wait_for(lambda: find(printer, name="Print", role="push button"), "the Print button"))
        wait_for(lambda: complete_pdf(printed), "the printed file", timeout=60)
        wait_for(lambda: window(app, "Clinician Report") is None, "the dialog to close", timeout=60)
        printed_pages = pdf_pages(printed)
        printed_text = pdf_text(printed)
        tap(printed_pages == fewer_pages, "the printed report has the saved report's pages",
            f"{printed_pages} vs {fewer_pages}")
        # -layout turns the chart's axis labels into lines by their heights, which the printed
        # copy's rounding may move by a blank line: the words and their order must be the same.
        tap(printed_text.split() == fewer_text.split(), "and the same text, as text",
            first_difference(printed_text, fewer_text))
        size = subprocess.run(["pdfinfo", printed], check=True, capture_output=True, text=True).stdout
        tap(re.search(r"Page size:\s+595\.\d* x 841\.\d*", size) is not None, "on A4 in C.UTF-8",
            re.search(r"Page size:.*", size).group(0))

        # 4. A custom period, after a wrong date that changes nothing.
        dialog = export_report(app)
        choose_in_combo(wait_for(lambda: find(dialog, name="Days", role="combo box"), "Days"), 4)
        from_row = wait_for(lambda: find(dialog, name="From (YYYY-MM-DD)"), "the From row")
        to_row = wait_for(lambda: find(dialog, name="To (YYYY-MM-DD)"), "the To row")
        click(from_row)
        key("ctrl+a")
        type_text("2026-02-30")
        press(find(dialog, name="Save…", role="push button"))
        problem = wait_for(lambda: next((n for n in walk(dialog) if n.get_role_name() == "label" and
                                         "is not a date" in (n.get_name() or "")), None), "the problem")
        tap("2026-02-30" in problem.get_name() and window(app, "Save Report") is None,
            "a wrong date is named, and no file is asked for", problem.get_name())
        click(from_row)
        key("ctrl+a")
        type_text("2026-02-01")
        click(to_row)
        key("ctrl+a")
        type_text("2026-02-28")
        custom = os.path.join(app.tmp, "custom.pdf")
        save(app, dialog, custom)
        custom_text = pdf_text(custom)
        tap("1 Feb 2026 to 28 Feb 2026 (28 days)" in custom_text, "the custom period is the report's")
        expected = query(app.db, "SELECT avg(m) FROM (SELECT avg(pain) AS m FROM pain_entries "
                                 "WHERE deleted IS NULL AND local_date BETWEEN '2026-02-01' AND '2026-02-28' "
                                 "GROUP BY local_date)")[0][0]
        tap(average_of(custom_text) == f"{expected:.1f}",
            "its average pain is the mean of February's daily means",
            f"{average_of(custom_text)} vs {expected:.1f}")

        settle(app.root)
        tap(digest(app.db) == before, "the diary file is unchanged by the reports")
    return finish()


if __name__ == "__main__":
    sys.exit(main())
