"""Plays manila/scheduler/filters: which pools may take a share.

The default filters of Manila 23 (``scheduler_default_filters``) and the
check of the share service that its host manager makes: only-host,
availability zone (the requested zone and the zones the API put in the
request from the share type's ``availability_zones``), capacity
(reserved percentage, thin provisioning and over-subscription),
capabilities against the share type's extra specs (``extra_specs_ops``
and ``scheduler.utils.capabilities_satisfied``, read as Manila reads
them; the share protocol is matched as the ``storage_protocol``
capability, which Manila's scheduler driver adds to the specs), create
from snapshot, and affinity and anti-affinity on pools.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from fake_server.scheduler.host_manager import PoolState, RequestSpec

Check = Callable[[PoolState, RequestSpec], bool]

#: extra specs that are never capabilities (scheduler/utils.py)
IGNORED_SPECS = frozenset(
    {
        "availability_zones",
        "capabilities:availability_zones",
        "default_qos_type",
    }
)
#: constants.ExtraSpecs.BOOLEAN, read as ``<is> value`` by the scheduler
BOOLEAN_SPECS = (
    "driver_handles_share_servers",
    "snapshot_support",
    "create_share_from_snapshot_support",
    "revert_to_snapshot_support",
    "mount_snapshot_support",
    "snapshot_inherit_share_access_support",
)
#: oslo strutils.bool_from_string's words
_TRUE_WORDS = frozenset({"1", "t", "true", "on", "y", "yes"})
_FALSE_WORDS = frozenset({"0", "f", "false", "off", "n", "no"})


def bool_from_string(subject: Any, default: Any = False) -> Any:
    """oslo's ``strutils.bool_from_string`` (not strict)."""
    if isinstance(subject, bool):
        return subject
    text = str(subject).strip().lower()
    if text in _TRUE_WORDS:
        return True
    if text in _FALSE_WORDS:
        return False
    return default


# -- extra_specs_ops ----------------------------------------------------------

_OPS: dict[str, Callable[[Any, str], bool]] = {
    "=": lambda x, y: float(x) >= float(y),
    "<in>": lambda x, y: y in x,
    "<is>": lambda x, y: bool_from_string(x) is bool_from_string(y),
    "==": lambda x, y: float(x) == float(y),
    "!=": lambda x, y: float(x) != float(y),
    ">=": lambda x, y: float(x) >= float(y),
    "<=": lambda x, y: float(x) <= float(y),
    "s==": operator.eq,
    "s!=": operator.ne,
    "s<": operator.lt,
    "s<=": operator.le,
    "s>": operator.gt,
    "s>=": operator.ge,
}


def match(value: Any, requirement: Any) -> bool:
    """Manila's ``extra_specs_ops.match`` of one capability value.

    Both sides are lowercased; the first word may be an operator
    (``<is>``, ``<in>``, ``<or>``, ``=`` (at least), ``==``, ``!=``,
    ``>=``, ``<=``, ``s==``, ``s!=``, ``s<``, ``s<=``, ``s>``, ``s>=``),
    which then reads only the next word (``<or>`` reads them all);
    without one the whole value is compared (a boolean capability with
    ``bool_from_string``). Where Manila's scheduler would raise on a
    value its operator cannot take, the pool simply does not match.
    """
    if isinstance(value, str):
        value = value.lower()
    req = str(requirement).lower()
    words = req.split()
    op = None
    method = None
    if words:
        op = words.pop(0)
        method = _OPS.get(op)
    if op != "<or>" and method is None:
        if type(value) is bool:
            return bool(value == bool_from_string(req, default=req))
        return bool(value == req)
    if value is None:
        return False
    if op == "<or>":  # <or> v1 <or> v2 <or> v3
        while words:
            if words.pop(0) == value:
                return True
            if not words:
                break
            words.pop(0)  # the next "<or>"
        return False
    assert method is not None
    try:
        return bool(words and method(value, words[0]))
    except (ValueError, TypeError):
        return False


def capabilities_satisfied(
    capabilities: dict[str, Any], specs: dict[str, Any]
) -> bool:
    """Manila's ``scheduler.utils.capabilities_satisfied``.

    Keys in another scope than ``capabilities:`` are not capabilities;
    a key the pool does not report (``a:b`` walks nested dicts) fails
    it; a list capability passes when one of its values matches.
    """
    for key, requirement in specs.items():
        if key in IGNORED_SPECS:
            continue
        scope = str(key).split(":")
        if len(scope) > 1 and scope[0] != "capabilities":
            continue
        if scope[0] == "capabilities":
            del scope[0]
        cap: Any = capabilities
        for part in scope:
            cap = cap.get(part) if isinstance(cap, dict) else None
            if cap is None:
                return False
        values = cap if isinstance(cap, list) else [cap]
        if not any(match(value, requirement) for value in values):
            return False
    return True


def scheduler_specs(spec: RequestSpec) -> dict[str, Any]:
    """The extra specs as Manila's filter scheduler hands them on.

    Boolean specs are read as ``<is> value``; a type without a
    ``storage_protocol`` spec asks ``<in> <share protocol>`` (a backend
    reports its protocols in one value, e.g. ``NFS_CIFS``); and for a
    replica or a share from a snapshot ``share_backend_name`` is
    dropped, so another back end may take it.
    """
    specs = dict(spec.extra_specs)
    for name in BOOLEAN_SPECS:
        value = specs.get(name)
        if value is not None and not str(value).startswith("<is>"):
            specs[name] = f"<is> {value}"
    if specs.get("storage_protocol") is None and spec.share_proto:
        specs["storage_protocol"] = f"<in> {spec.share_proto}"
    if spec.snapshot_host or spec.active_replica_host:
        specs.pop("share_backend_name", None)
    return specs


def capabilities_pass(
    capabilities: dict[str, Any], specs: dict[str, Any]
) -> bool:
    """CapabilitiesFilter on already prepared specs."""
    if specs.get("default_qos_type") and not capabilities.get(
        "qos_type_support", False
    ):
        return False
    return capabilities_satisfied(capabilities, specs)


# -- filters ------------------------------------------------------------------


def service_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """Only pools whose share service is up and enabled."""
    return pool.service_up and pool.service_enabled


def ignore_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """Skip backends already tried (Manila's RetryFilter)."""
    return pool.backend_host not in spec.ignore_hosts


def availability_zone_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """The requested zone, and the zones the request allows.

    ``spec.availability_zones`` is what Manila's API put in the request:
    the share type's ``availability_zones`` (2.48+), or the zones of the
    share network's subnets.
    """
    if spec.availability_zone and (
        pool.availability_zone != spec.availability_zone
    ):
        return False
    if spec.availability_zones and (
        pool.availability_zone not in spec.availability_zones
    ):
        return False
    return multiple_subnet_filter(pool, spec)


def multiple_subnet_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """The availability zone filter's second half: in a zone where the
    share network has several subnets, only a backend reporting
    ``share_server_multiple_subnet_support`` can set up the server."""
    return not (
        spec.multiple_subnet_zones
        and pool.availability_zone in spec.multiple_subnet_zones
        and not pool.cap("share_server_multiple_subnet_support")
    )


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


def capabilities_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """Manila's CapabilitiesFilter: the pool satisfies every extra spec.

    Includes the share's protocol (``storage_protocol``), QoS support
    for a type with ``default_qos_type`` and ``share_backend_name``.
    """
    return capabilities_pass(pool.capabilities, scheduler_specs(spec))


def create_from_snapshot_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """A share from a snapshot goes to the snapshot's backend (or domain)."""
    if spec.snapshot_host is None:
        return True
    if pool.backend_host == spec.snapshot_host.partition("#")[0]:
        return True
    domain = spec.snapshot_replication_domain
    return bool(domain) and pool.cap("replication_domain") == domain


def only_host_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """The ``only_host`` scheduler hint (2.67): Manila's OnlyHostFilter
    compares the whole pool name (``host@backend#pool``), so a back end
    or a host name alone matches no pool."""
    return not spec.only_host or pool.name == spec.only_host


def affinity_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """The ``same_host`` hint: a pool holding every given share.

    As Manila's AffinityFilter, pools (``host@backend#pool``) are
    compared, and an empty list (a given share has no host) lets none.
    """
    return spec.same_host is None or pool.name in spec.same_host


def anti_affinity_filter(pool: PoolState, spec: RequestSpec) -> bool:
    """The ``different_host`` hint: no pool holding a given share."""
    return spec.different_host is None or pool.name not in spec.different_host


#: (name as Manila's user messages call it, check), in Manila's order
FILTERS: list[tuple[str, Check]] = [
    ("Service", service_filter),
    ("Retry", ignore_filter),
    ("OnlyHost", only_host_filter),
    ("AvailabilityZone", availability_zone_filter),
    ("Capacity", capacity_filter),
    ("Capabilities", capabilities_filter),
    ("CreateFromSnapshot", create_from_snapshot_filter),
    ("Affinity", affinity_filter),
    ("AntiAffinity", anti_affinity_filter),
]
