"""Benchmark 6: the whole test suite's wall time.

Runs ``stestr --test-path ./openstack_sfs/tests run`` once (its default
parallelism, one worker per core) and reads stestr's own summary. The
reference is the sum of the tests' own run times as stestr reports it,
so the ratio shows what start-up and imperfect parallelism add (under 1
when the workers overlap well).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks._common import ROOT, Figure, run_main  # noqa: E402

BENCH = "6 suite"
#: a bound on the run (seconds), not an expectation
TIMEOUT = 900


def run(quick: bool = False) -> list[Figure]:
    """Run the suite once and return the figures.

    :param quick: Run only the unit tests.
    """
    stestr = os.path.join(os.path.dirname(sys.executable), "stestr")
    path = "./openstack_sfs/tests/unit" if quick else "./openstack_sfs/tests"
    begin = time.perf_counter()
    done = subprocess.run(
        [stestr, "--test-path", path, "run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    wall = time.perf_counter() - begin
    out = done.stdout + done.stderr
    summed = re.search(r"Sum of execute time for each test: ([\d.]+)", out)
    ran = re.search(r"Ran: (\d+) tests", out)
    passed = re.search(r"- Passed: (\d+)", out)
    failed = re.search(r"- Failed: (\d+)", out)
    label = "suite" if not quick else "unit tests"
    label += (
        f" ({ran.group(1) if ran else '?'} tests, "
        f"{passed.group(1) if passed else '?'} passed, "
        f"{failed.group(1) if failed else '?'} failed)"
    )
    return [
        Figure(
            BENCH,
            f"{label} wall time",
            wall,
            "s",
            float(summed.group(1)) if summed else None,
            "sum of test times",
        )
    ]


if __name__ == "__main__":
    run_main(run, __doc__.splitlines()[0])
