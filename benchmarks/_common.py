"""Helpers shared by the benchmarks: timing, percentiles, the fake cloud.

Benchmarks print figures; none of them asserts a time. Every figure is
measured next to its reference in the same run and reported as a ratio,
because absolute times drift from one machine (and one minute) to the
next.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:  # pragma: no cover - when run as a script
    sys.path.insert(0, ROOT)

#: the microversion the benchmarks speak (openstack_sfs negotiates it)
MICROVERSION = "2.99"
MV_HEADER = "X-OpenStack-Manila-API-Version"


@dataclass
class Figure:
    """One measured figure, its reference, and the aim it is held to."""

    bench: str
    name: str
    value: float
    unit: str
    reference: float | None = None
    reference_name: str = ""
    #: "ratio<=1.5", "ratio>=0.5", "value<20" ... or "" for none
    aim: str = ""

    @property
    def ratio(self) -> float | None:
        """``value / reference`` (None without a reference)."""
        if not self.reference:
            return None
        return self.value / self.reference

    @property
    def met(self) -> bool | None:
        """Whether the aim holds (None when there is no aim)."""
        if not self.aim:
            return None
        what, _, rest = self.aim.partition(":")
        op = rest[:2] if rest[:2] in ("<=", ">=") else rest[:1]
        bound = float(rest[len(op) :])
        subject = self.ratio if what == "ratio" else self.value
        if subject is None:
            return None
        return {
            "<": subject < bound,
            "<=": subject <= bound,
            ">": subject > bound,
            ">=": subject >= bound,
        }[op]


def fmt(value: float | None, unit: str = "") -> str:
    """A number with three significant figures and its unit."""
    if value is None:
        return "-"
    if abs(value) >= 1000:
        text = f"{value:,.0f}"
    elif abs(value) >= 100:
        text = f"{value:.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.3g}"
    return f"{text} {unit}".strip()


def print_table(figures: Iterable[Figure], out: Any = None) -> None:
    """Print the figures as an aligned text table."""
    out = out or sys.stdout
    rows = [("bench", "figure", "value", "reference", "ratio", "aim", "met")]
    for f in figures:
        met = f.met
        rows.append(
            (
                f.bench,
                f.name,
                fmt(f.value, f.unit),
                (
                    f"{fmt(f.reference, f.unit)} ({f.reference_name})"
                    if f.reference is not None
                    else "-"
                ),
                fmt(f.ratio) if f.ratio is not None else "-",
                f.aim.replace(":", " ") or "-",
                "-" if met is None else ("yes" if met else "NO"),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print(
            "  ".join(
                c.ljust(w) for c, w in zip(row, widths, strict=True)
            ).rstrip(),
            file=out,
        )
        if index == 0:
            print("  ".join("-" * w for w in widths), file=out)
    out.flush()


def percentile(samples: list[float], pct: float) -> float:
    """The ``pct`` percentile (nearest rank) of ``samples``."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    rank = math.ceil(pct / 100.0 * len(ordered)) - 1
    return ordered[max(0, min(len(ordered) - 1, rank))]


def per_call(fn: Callable[[], Any], calls: int) -> float:
    """Seconds per call of ``fn`` over ``calls`` calls (GC paused)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        return (time.perf_counter() - start) / calls
    finally:
        if enabled:
            gc.enable()


def interleaved(
    candidates: dict[str, Callable[[], Any]], calls: int, rounds: int
) -> dict[str, float]:
    """Median seconds per call of each candidate, measured in turns.

    Each round times ``calls`` calls of every candidate one after the
    other, so drift hits all of them alike; the median over rounds is
    kept.
    """
    samples: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(rounds):
        for name, fn in candidates.items():
            samples[name].append(per_call(fn, calls))
    return {name: statistics.median(s) for name, s in samples.items()}


def parser(description: str) -> argparse.ArgumentParser:
    """The command line every benchmark takes (``--quick``)."""
    result = argparse.ArgumentParser(description=description)
    result.add_argument(
        "--quick", action="store_true", help="smaller counts, for a smoke run"
    )
    return result


def bench_config(
    progression: str = "background", capacity_gb: float = 1_000_000.0
) -> Any:
    """The default cloud with quotas lifted and roomy pools."""
    from fake_server import config

    cfg = config.from_dict(
        {
            "server": {"progression": progression},
            # the default type replicates: its shares also count as
            # replicas, as in Manila
            "quotas": {
                "shares": -1,
                "gigabytes": -1,
                "share_replicas": -1,
                "replica_gigabytes": -1,
            },
        }
    )
    for backend in cfg.backends:
        for pool in backend.pools:
            pool.total_capacity_gb = capacity_gb
    return cfg


def demo_context(cloud: Any, user: str = "demo") -> Any:
    """A request context for ``user`` at :data:`MICROVERSION`."""
    from fake_server.context import Context
    from fake_server.microversion import Version

    account = cloud.identity.account_by_name(user)
    return Context(
        user_id=account.user_id,
        project_id=account.project_id,
        roles=frozenset(account.roles),
        user_name=account.name,
        project_name=account.project_name,
        version=Version.parse(MICROVERSION),
    )


def seed_shares(cloud: Any, count: int, user: str = "demo") -> list[str]:
    """Create ``count`` available shares through the business rules.

    Creates go through ``share_api.create`` (no HTTP), then the bus runs
    them to ``available``.

    :returns: Their ids.
    """
    from fake_server.share_api import shares as share_api

    ctx = demo_context(cloud, user)
    ids = []
    for index in range(count):
        record = share_api.create(
            cloud,
            ctx,
            {
                "share_proto": "NFS",
                "size": 1,
                "name": f"bench-{index}",
            },
        )
        ids.append(record["id"])
    if cloud.bus.policy == "manual":
        cloud.bus.advance()
    else:
        cloud.bus.wait_idle(timeout=60)
    return ids


def run_main(run: Callable[[bool], list[Figure]], description: str) -> None:
    """``main()`` of a benchmark module: parse, run, print the table."""
    args = parser(description).parse_args()
    print_table(run(args.quick))
