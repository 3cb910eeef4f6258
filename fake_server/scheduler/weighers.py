"""Plays manila/scheduler/weighers: the capacity weigher.

Free space after the reserved part (virtual free space on thin pools);
most free first. Ties break on the pool name, so placement is stable.
"""

from __future__ import annotations

from fake_server.scheduler.host_manager import PoolState, RequestSpec


def capacity_weight(pool: PoolState) -> float:
    """Manila's CapacityWeigher value for a pool."""
    total = pool.cap("total_capacity_gb")
    free = pool.cap("free_capacity_gb")
    if total in (None, "unknown", "infinite") or free in (
        None,
        "unknown",
        "infinite",
    ):
        return float("inf")
    total = float(total)
    reserved = float(pool.cap("reserved_percentage", 0) or 0) / 100.0
    if pool.cap("thin_provisioning"):
        ratio = float(pool.cap("max_over_subscription_ratio", 1.0) or 1.0)
        provisioned = float(pool.cap("provisioned_capacity_gb", 0) or 0)
        return total * ratio - provisioned - total * reserved
    return float(free) - total * reserved


def order(pools: list[PoolState], spec: RequestSpec) -> list[PoolState]:
    """Pools best first."""
    return sorted(pools, key=lambda p: (-capacity_weight(p), p.name))
