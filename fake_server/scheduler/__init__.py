"""Plays manila-scheduler's FilterScheduler: filter, then weigh, the pools.

:func:`schedule` is a pure function of the pools' states and a request
spec; it returns the ordered candidate list (best first).
"""

from __future__ import annotations

from fake_server.scheduler import filters, weighers
from fake_server.scheduler.host_manager import PoolState, RequestSpec

__all__ = ["PoolState", "RequestSpec", "schedule", "explain"]


def schedule(spec: RequestSpec, pools: list[PoolState]) -> list[PoolState]:
    """The pools that pass every filter, best weighed first."""
    passing = [
        pool
        for pool in pools
        if all(check(pool, spec) for _, check in filters.FILTERS)
    ]
    return weighers.order(passing, spec)


def explain(spec: RequestSpec, pools: list[PoolState]) -> str:
    """Name the first filter that left no pool, for the user message."""
    remaining = list(pools)
    for name, check in filters.FILTERS:
        remaining = [pool for pool in remaining if check(pool, spec)]
        if not remaining:
            return name
    return ""
