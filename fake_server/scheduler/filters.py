"""Plays manila/scheduler/filters: which pools may take a share.

Availability zone, capacity (reserved percentage, thin provisioning and
over-subscription), capabilities against share type extra specs
(with Manila's ``<is>``, ``<in>``, ``<or>`` and comparison operators),
create from snapshot, only-host, affinity and anti-affinity, and the
share service being up and enabled.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from fake_server.scheduler.host_manager import PoolState, RequestSpec

Check = Callable[[PoolState, RequestSpec], bool]

#: extra specs that are not matched against capabilities
_SCOPED_SKIP = ("provisioning:", "share_type_access:", "qos:")
_NOT_CAPABILITIES = {"availability_zones", "mount_point_name_support"}


def service_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """Only pools whose share service is up and enabled."""
    return pool.service_up and pool.service_enabled


def ignore_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """Skip backends already tried (Manila's RetryFilter)."""
    return pool.backend_host not in spec.ignore_hosts


def availability_zone_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """The requested zone, and the share type's ``availability_zones``."""
    if spec.availability_zone and (
        pool.availability_zone != spec.availability_zone
    ):
        return False
    allowed = spec.extra_specs.get("availability_zones")
    if allowed:
        zones = {z.strip() for z in str(allowed).split(",") if z.strip()}
        if pool.availability_zone not in zones:
            return False
    return True


def capacity_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """Room for ``spec.size`` GiB, as Manila's CapacityFilter reckons."""
    free_space = pool.cap("free_capacity_gb")
    total = pool.cap("total_capacity_gb")
    if free_space in (None, "unknown", "infinite") or total in (
        "unknown",
        "infinite",
    ):
        return True
    total = float(total)
    if total <= 0:
        return False
    reserved = float(pool.cap("reserved_percentage", 0) or 0) / 100.0
    free = math.floor(float(free_space) - total * reserved)
    requested = spec.size
    thin = _truthy(pool.cap("thin_provisioning", False)) and _spec_truthy(
        spec.extra_specs.get("thin_provisioning"), default=True
    )
    ratio = float(pool.cap("max_over_subscription_ratio", 1.0) or 1.0)
    if thin and ratio >= 1:
        provisioned = float(pool.cap("provisioned_capacity_gb", 0) or 0)
        if (provisioned + requested) / total > ratio:
            return False
        return free * ratio >= requested
    return free >= requested


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, list):
        return any(_truthy(v) for v in value)
    return str(value).strip().lower() in ("true", "1", "yes", "on")


def _spec_truthy(value: Any, default: bool) -> bool:
    if value is None:
        return default
    text = str(value).strip()
    if text.lower().startswith("<is>"):
        text = text[4:].strip()
    return text.lower() in ("true", "1", "yes", "on")


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": lambda a, b: float(a) >= float(b),
    "==": lambda a, b: float(a) == float(b),
    "!=": lambda a, b: float(a) != float(b),
    ">=": lambda a, b: float(a) >= float(b),
    "<=": lambda a, b: float(a) <= float(b),
    ">": lambda a, b: float(a) > float(b),
    "<": lambda a, b: float(a) < float(b),
    "s==": lambda a, b: str(a) == str(b),
    "s!=": lambda a, b: str(a) != str(b),
    "s>=": operator.ge,
    "s<=": operator.le,
    "s>": operator.gt,
    "s<": operator.lt,
}


def spec_matches(capability: Any, requirement: Any) -> bool:
    """Manila's ``extra_specs_ops.match`` for one capability."""
    if isinstance(capability, list):
        return any(spec_matches(c, requirement) for c in capability)
    if isinstance(capability, str):  # Manila compares case-insensitively
        capability = capability.lower()
    req = str(requirement).strip().lower()
    words = req.split()
    if not words:
        return str(capability) == req
    op = words[0]
    try:
        if op == "<is>":
            return _truthy(capability) == _spec_truthy(
                " ".join(words[1:]), default=False
            )
        if op == "<in>":
            return " ".join(words[1:]) in str(capability)
        if op == "<all-in>":
            return all(w in str(capability) for w in words[1:])
        if op == "<or>":
            options = [w for w in words if w != "<or>"]
            return str(capability) in options
        if op in _COMPARE and len(words) > 1:
            return bool(_COMPARE[op](capability, " ".join(words[1:])))
    except (TypeError, ValueError):
        return False
    if isinstance(capability, bool) or req.lower() in ("true", "false"):
        return _truthy(capability) == (req.lower() == "true")
    return str(capability) == req


def capabilities_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """Every capability extra spec of the share type is satisfied."""
    for key, requirement in spec.extra_specs.items():
        if key.startswith(_SCOPED_SKIP) or key in _NOT_CAPABILITIES:
            continue
        name = key
        if ":" in key:
            scope, _, rest = key.partition(":")
            if scope != "capabilities":
                continue
            name = rest
        if name == "storage_protocol":
            capability = pool.cap(name, "")
            wanted = str(requirement).replace("<in>", "").strip().upper()
            if wanted and wanted not in str(capability).upper().split("_"):
                return False
            continue
        if name not in pool.capabilities:
            if name == "driver_handles_share_servers":
                return False
            continue
        if not spec_matches(pool.capabilities[name], requirement):
            return False
    return True


def protocol_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """The backend serves the share's protocol."""
    protocols = str(pool.cap("storage_protocol", "")).upper().split("_")
    return spec.share_proto.upper() in protocols


def create_from_snapshot_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """A share from a snapshot goes to the snapshot's backend (or domain)."""
    if spec.snapshot_host is None:
        return True
    if pool.backend_host == spec.snapshot_host.partition("#")[0]:
        return True
    domain = spec.snapshot_replication_domain
    return bool(domain) and pool.cap("replication_domain") == domain


def only_host_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """The ``only_host`` scheduler hint (2.67)."""
    if not spec.only_host:
        return True
    wanted = spec.only_host
    if "#" in wanted:
        return pool.name == wanted
    return pool.backend_host == wanted or pool.host == wanted


def affinity_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """The ``same_host`` hint: on the backend of the given shares."""
    return not spec.same_host or pool.backend_host in spec.same_host


def anti_affinity_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """The ``different_host`` hint: not on those shares' backends."""
    return pool.backend_host not in spec.different_host


#: (name as Manila's user messages call it, check), in Manila's order
FILTERS: list[tuple[str, Check]] = [
    ("Service", service_filter),
    ("Retry", ignore_filter),
    ("OnlyHost", only_host_filter),
    ("AvailabilityZone", availability_zone_filter),
    ("Capacity", capacity_filter),
    ("Capabilities", capabilities_filter),
    ("ShareProtocol", protocol_filter),
    ("CreateFromSnapshot", create_from_snapshot_filter),
    ("Affinity", affinity_filter),
    ("AntiAffinity", anti_affinity_filter),
]
