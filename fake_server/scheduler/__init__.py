"""Plays manila-scheduler's FilterScheduler: filter, then weigh, the pools.

:func:`schedule` is a pure function of the pools' states and a request
spec; it returns the ordered candidate list (best first).

With Manila's filter list (:data:`filters.FILTERS` untouched) it runs a
fused pass over the pools: the filters that read only a pool's static
capabilities (zone, capabilities) are evaluated once per
distinct set of the values they read, the filters a spec does not use
are skipped, and capacity and weight are computed together. The result
is the same list, in the same order, as filtering pool by pool.
"""

from __future__ import annotations

import math
import operator
from typing import Any

from fake_server.scheduler import filters, weighers
from fake_server.scheduler.host_manager import PoolState, RequestSpec

__all__ = ["PoolState", "RequestSpec", "schedule", "explain"]

#: the filter list the fused pass reproduces
_DEFAULT_FILTERS = tuple(filters.FILTERS)
_MISSING = object()
_first = operator.itemgetter(0)
_by_name = operator.attrgetter("name")
#: what the inline capacity check reads (all must be present)
_CAPACITY_VALUES = operator.itemgetter(
    "total_capacity_gb",
    "free_capacity_gb",
    "reserved_percentage",
    "thin_provisioning",
    "max_over_subscription_ratio",
    "provisioned_capacity_gb",
)


def schedule(spec: RequestSpec, pools: list[PoolState]) -> list[PoolState]:
    """The pools that pass every filter, best weighed first."""
    if tuple(filters.FILTERS) != _DEFAULT_FILTERS:
        passing = [
            pool
            for pool in pools
            if all(check(pool, spec) for _, check in filters.FILTERS)
        ]
        return weighers.order(passing, spec)
    return _fused(spec, pools)


def _static_names(specs: dict[str, Any]) -> tuple[str, ...]:
    """The capabilities the static filters read for ``specs``."""
    names = []
    if specs.get("default_qos_type"):
        names.append("qos_type_support")
    for key in specs:
        if key in filters.IGNORED_SPECS:
            continue
        scope = str(key).split(":")
        if len(scope) > 1 and scope[0] != "capabilities":
            continue
        if scope[0] == "capabilities":
            del scope[0]
        if scope and scope[0] not in names:
            names.append(scope[0])
    return tuple(names) or ("storage_protocol",)


def _fused(spec: RequestSpec, pools: list[PoolState]) -> list[PoolState]:
    # per-pool filters that the spec makes trivially true are skipped
    host_checks = [
        check
        for active, check in (
            (bool(spec.ignore_hosts), filters.ignore_filter),
            (bool(spec.only_host), filters.only_host_filter),
            (
                spec.snapshot_host is not None,
                filters.create_from_snapshot_filter,
            ),
            # per pool, as the zone filter's memo does not key on it
            (
                bool(spec.multiple_subnet_zones),
                filters.multiple_subnet_filter,
            ),
            (spec.same_host is not None, filters.affinity_filter),
            (
                spec.different_host is not None,
                filters.anti_affinity_filter,
            ),
        )
        if active
    ]
    specs = filters.scheduler_specs(spec)
    names = _static_names(specs)
    capabilities_pass = filters.capabilities_pass
    missing = (_MISSING,) * len(names)
    static: dict[Any, bool] = {}
    size = spec.size
    spec_thin = filters._spec_truthy(
        spec.extra_specs.get("thin_provisioning"), default=True
    )
    capacity_filter = filters.capacity_filter
    capacity_weight = weighers.capacity_weight
    get_static = static.get
    # (names[0] twice, so a single name still gives a tuple)
    static_values = operator.itemgetter(*names, names[0])
    capacity_values = _CAPACITY_VALUES
    keyed: list[tuple[float, PoolState]] = []
    for pool in pools:
        if not (pool.service_up and pool.service_enabled):
            continue
        if host_checks and not all(c(pool, spec) for c in host_checks):
            continue
        caps = pool.capabilities
        try:
            values = static_values(caps)
        except KeyError:
            values = tuple(map(caps.get, names, missing))
        # the types too: True == 1 == 1.0, but "s==" compares strings
        key: Any = (pool.availability_zone, values, tuple(map(type, values)))
        try:
            ok = get_static(key)
        except TypeError:  # an unhashable capability: no memo
            ok = None
            key = None
        if ok is None:
            ok = filters.availability_zone_filter(
                pool, spec
            ) and capabilities_pass(caps, specs)
            if key is not None and type(pool.availability_zone) is str:
                static[key] = ok
        if not ok:
            continue
        # capacity filter and weigher, inline for plain numbers (bool,
        # int, float): anything else raises TypeError here and goes the
        # long way, through the filter and weigher themselves
        weight = None
        try:
            total, free_space, reserved, thin, ratio, provisioned = (
                capacity_values(caps)
            )
            if type(thin) is bool and total > 0:
                reserve = total * ((reserved or 0) / 100.0)
                free_floor = math.floor(free_space - reserve)
                ratio = ratio or 1.0
                if thin and spec_thin and ratio >= 1:
                    if (
                        provisioned + size
                    ) / total > ratio or free_floor * ratio < size:
                        continue
                elif free_floor < size:
                    continue
                if thin:
                    weight = total * ratio - provisioned - reserve
                else:
                    weight = free_space - reserve
        except (KeyError, TypeError):
            weight = None
        if weight is None:
            if not capacity_filter(pool, spec):
                continue
            weight = capacity_weight(pool)
        keyed.append((-weight, pool))
    keyed.sort(key=_first)  # stable: equal weights keep the pools' order
    result = [item[1] for item in keyed]
    # ties on weight break on the pool name, as weighers.order does
    start = 0
    count = len(keyed)
    while start < count:
        end = start + 1
        while end < count and keyed[end][0] == keyed[start][0]:
            end += 1
        if end - start > 1:
            result[start:end] = sorted(result[start:end], key=_by_name)
        start = end
    return result


def explain(spec: RequestSpec, pools: list[PoolState]) -> str:
    """Name the first filter that left no pool, for the user message."""
    remaining = list(pools)
    for name, check in filters.FILTERS:
        remaining = [pool for pool in remaining if check(pool, spec)]
        if not remaining:
            return name
    return ""
