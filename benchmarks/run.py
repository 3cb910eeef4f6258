"""Run every benchmark and print one table: ``python benchmarks/run.py``.

``--quick`` uses smaller counts (a smoke run of a few seconds each);
``--only 1,4`` runs some of them. Each benchmark also runs alone:
``python benchmarks/bench_sdk.py [--quick]`` and so on. Nothing here
asserts a time: the table says whether each aim is met in this run.
"""

from __future__ import annotations

import os
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks import (  # noqa: E402
    bench_console,
    bench_create,
    bench_durability,
    bench_ensure,
    bench_scale,
    bench_scheduler,
    bench_sdk,
    bench_server,
    bench_suite,
)
from benchmarks._common import Figure, parser, print_table  # noqa: E402

#: number -> module, in the issue's order (ensure and suite last)
BENCHMARKS = {
    "1": bench_sdk,
    "2": bench_server,
    "3": bench_create,
    "4": bench_scheduler,
    "5": bench_ensure,
    "6": bench_suite,
    "8": bench_console,
    "9": bench_durability,
    "10": bench_scale,
}


def main() -> int:
    """Run the chosen benchmarks, print the table; 1 if one crashed."""
    args = parser(__doc__.splitlines()[0])
    args.add_argument(
        "--only",
        default=",".join(BENCHMARKS),
        help="comma-separated benchmark numbers",
    )
    opts = args.parse_args()
    figures: list[Figure] = []
    crashed = False
    for number in opts.only.split(","):
        module = BENCHMARKS[number.strip()]
        begin = time.perf_counter()
        try:
            figures.extend(module.run(opts.quick))
        except Exception:  # report and go on with the others
            crashed = True
            traceback.print_exc()
        print(
            f"[{module.__name__}: {time.perf_counter() - begin:.1f} s]",
            file=sys.stderr,
            flush=True,
        )
    print_table(figures)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
