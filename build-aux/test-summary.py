#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Count the results in meson's JSON test logs (one JSON object per line).

usage: test-summary.py TESTLOG TEST_STATUS [BENCHMARKLOG BENCHMARK_STATUS
                       [LABEL:TESTLOG STATUS]...]

TEST_STATUS and BENCHMARK_STATUS are the exit statuses of the two
`meson test` runs. Each further LABEL:TESTLOG STATUS is another run counted
as tests (the sanitizer build and its fuzzers), its names prefixed by LABEL.
Prints the failed tests by name, each with what it said of its failure (a CI
log keeps only its tail), then, as its last line,
'N passed, M failed' (', K skipped' when some were skipped). Benchmarks
count only when they fail. A run that exited non-zero without any failed test
in its log (the build broke, meson itself failed) counts as one
failure. Exits 1 when anything failed.
"""

import json
import sys

PASSED = {'OK', 'EXPECTEDFAIL'}
SKIPPED = {'SKIP'}
# Everything else fails: FAIL, TIMEOUT, ERROR, UNEXPECTEDPASS, INTERRUPT.


def read_results(path):
    try:
        with open(path, encoding='utf-8') as log:
            return [json.loads(line) for line in log if line.strip()]
    except FileNotFoundError:
        return []


def last_lines(test, count=12):
    """What a failed test said of its failure: its lines that say FAIL, 'not ok' or OVER TARGET,
    and the last lines of its stderr, at most COUNT of each."""
    if test is None:
        return []
    flagged = [line for line in (test.get('stdout') or '').splitlines()
               if any(word in line for word in ('FAIL', 'not ok', 'OVER TARGET'))]
    said = (test.get('stderr') or '').strip().splitlines()[-count:]
    return [line for line in flagged[-count:] if line not in said] + said


def main(argv):
    if len(argv) < 2 or len(argv) % 2 != 0:
        sys.exit(__doc__)

    passed = skipped = 0
    failures = []

    runs = [('', argv[0], argv[1])]
    for i in range(4, len(argv), 2):
        label, _, path = argv[i].partition(':')
        runs.append((label + ': ', path, argv[i + 1]))
    for prefix, path, status in runs:
        run_failures = []
        for test in read_results(path):
            result = test.get('result')
            if result in PASSED:
                passed += 1
            elif result in SKIPPED:
                skipped += 1
            else:
                run_failures.append((f"{prefix}{test.get('name')} ({result})", test))
        if int(status) != 0 and not run_failures:
            run_failures.append((f'{prefix}meson test exited with status {status}', None))
        failures += run_failures

    if len(argv) >= 4:
        bench_failures = [(f"benchmark {bench.get('name')} ({bench.get('result')})", bench)
                          for bench in read_results(argv[2])
                          if bench.get('result') not in PASSED | SKIPPED]
        if int(argv[3]) != 0 and not bench_failures:
            bench_failures.append((f'meson test --benchmark exited with status {argv[3]}', None))
        failures += bench_failures

    for failure, test in failures:
        print(f'failed: {failure}')
        for line in last_lines(test):
            print(f'  | {line}')
    summary = f'{passed} passed, {len(failures)} failed'
    if skipped:
        summary += f', {skipped} skipped'
    print(summary)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
