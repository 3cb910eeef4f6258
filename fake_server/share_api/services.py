"""Plays manila/api/v2/services.py's rules, services/api.py, and the lookups
behind availability zones and scheduler-stats pools.

Services: list with Manila's filters, enable/disable, ensure shares (which
casts ``ensure_driver_resources`` to the back end's share manager).
Availability zones: those with an enabled service. Pools: the scheduler's
view of every back end, with Manila's regex and capability filters.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fake_server import errors, policy
from fake_server.context import Context
from fake_server.scheduler.filters import capabilities_satisfied
from fake_server.share_api import common
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

SHARE_BINARY = "manila-share"
GENERIC_BAD_REQUEST = errors.WEBOB_BAD_REQUEST

# -- services -----------------------------------------------------------------


def service_view_record(cloud: Cloud, record: Record) -> Record:
    """A copy of a service record with its live ``state``/``updated_at``.

    ``state`` (``up``/``down``) and ``updated_at`` come from the share
    manager's heartbeats; ``status`` from the ``disabled`` flag.
    """
    view = dict(record)
    view["state"] = cloud.service_state(record)
    view["updated_at"] = cloud.service_updated_at(record)
    view["status"] = "disabled" if record.get("disabled") else "enabled"
    return view


def _zone_name(cloud: Cloud, ref: str) -> str | None:
    for zone in cloud.store.select("availability_zones"):
        if ref in (zone["id"], zone["name"]):
            return str(zone["name"])
    return None


def list_services(
    cloud: Cloud,
    ctx: Context,
    query: dict[str, str],
    *,
    ensuring_filter: bool,
) -> list[Record]:
    """Services matching Manila's filters (``GET /services``).

    :param query: ``host``, ``binary``, ``topic``, ``zone``, ``state``,
        ``status`` and ``ensuring``; other keys are ignored. An invalid
        ``status`` or ``ensuring`` value, or an unknown zone, gives an
        empty list (Manila keeps that for compatibility).
    :param ensuring_filter: Whether ``ensuring`` is honoured (2.93).
        Below it a non-empty ``ensuring`` is dropped; an empty one is
        kept and, as in Manila, makes the list empty.
    :returns: Service records with live ``state`` and ``status``.
    :raises errors.Forbidden: For non-admins.
    """
    policy.authorize(ctx, "service:index")
    filters = dict(query)
    if not ensuring_filter and filters.get("ensuring"):
        filters.pop("ensuring")
    ensuring: bool | None = None
    if "ensuring" in filters:
        ensuring = common.strict_bool(filters["ensuring"])
        if ensuring is None:
            return []
    status = filters.get("status")
    if status and status not in ("disabled", "enabled"):
        return []
    zone = None
    if filters.get("zone"):
        zone = _zone_name(cloud, filters["zone"])
        if zone is None:
            return []
    rows = [
        service_view_record(cloud, r) for r in cloud.store.select("services")
    ]
    exact = {
        "host": filters.get("host"),
        "binary": filters.get("binary"),
        "topic": filters.get("topic"),
        "state": filters.get("state"),
    }
    result = []
    for row in rows:
        if any(
            value is not None
            and str(row.get("binary" if key == "topic" else key)) != value
            for key, value in exact.items()
        ):
            continue
        if zone is not None and row.get("zone") != zone:
            continue
        if status and row["status"] != status:
            continue
        if ensuring is not None and bool(row.get("ensuring")) != ensuring:
            continue
        result.append(row)
    return sorted(
        result, key=lambda r: int(r["id"]) if str(r["id"]).isdigit() else 0
    )


def update_service(
    cloud: Cloud,
    ctx: Context,
    action: str,
    body: Any,
    *,
    support_disabled_reason: bool,
) -> dict[str, Any]:
    """Enable or disable a service (``PUT /services/{enable|disable}``).

    :param action: ``enable`` or ``disable`` (else 404, as Manila).
    :param body: ``{"host": ..., "binary": ..., "disabled_reason": ...}``.
    :param support_disabled_reason: Whether ``disabled_reason`` is
        accepted (2.83); below it, enable leaves a stored reason alone.
    :returns: Manila's summary data: host, binary, status and
        disabled_reason.
    :raises errors.Forbidden: For non-admins.
    :raises errors.NotFound: For an unknown action or host/binary pair.
    :raises errors.BadRequest: For a body without host and binary, or a
        bad or unsupported ``disabled_reason``.
    """
    policy.authorize(ctx, "service:update")
    changes: dict[str, Any] = {}
    data: dict[str, Any] = {}
    if action == "enable":
        data["disabled"] = False
        if support_disabled_reason:
            changes["disabled_reason"] = None
    elif action == "disable":
        data["disabled"] = True
        reason = (
            body.get("disabled_reason") if isinstance(body, dict) else None
        )
        if reason and not support_disabled_reason:
            raise errors.BadRequest(
                "'disabled_reason' option is not supported by this "
                "microversion. Use 2.83 or greater microversion to be able "
                "to set 'disabled_reason'."
            )
        if reason:
            if not isinstance(reason, str) or not (
                1 <= len(reason.strip()) <= 255
            ):
                raise errors.BadRequest(
                    "Disabled reason contains invalid characters or is too "
                    "long"
                )
            changes["disabled_reason"] = reason.strip()
            data["disabled_reason"] = reason.strip()
    else:
        raise errors.NotFound()
    if (
        not isinstance(body, dict)
        or "host" not in body
        or "binary" not in body
    ):
        raise errors.BadRequest(GENERIC_BAD_REQUEST)
    data["host"] = body["host"]
    data["binary"] = body["binary"]
    with cloud.store.lock:
        record = None
        for row in cloud.store.select("services"):
            if row["host"] == data["host"] and row["binary"] == data["binary"]:
                record = row
                break
        if record is None:
            raise errors.NotFound(
                "HostBinaryNotFound: Could not find binary "
                f"{data['binary']} on host {data['host']}."
            )
        changes["disabled"] = data["disabled"]
        cloud.store.update("services", record["id"], **changes)
    data["status"] = "disabled" if action == "disable" else "enabled"
    return data


def _validate_ensure_body(body: Any) -> str:
    """jsonschema's first error for Manila's ensure shares schema."""
    if not isinstance(body, dict):
        raise errors.BadRequest(f"{_py_repr(body)} is not of type 'object'")
    inner = body.get("ensure_shares")
    if "ensure_shares" in body:
        prefix = (
            "Invalid input for field/attribute ensure_shares. Value: "
            f"{inner}. "
        )
        if not isinstance(inner, dict):
            raise errors.BadRequest(
                prefix + f"{_py_repr(inner)} is not of type 'object'"
            )
        if "host" in inner and not isinstance(inner["host"], str):
            host = inner["host"]
            raise errors.BadRequest(
                f"Invalid input for field/attribute host. Value: {host}. "
                f"{_py_repr(host)} is not of type 'string'"
            )
        if "host" not in inner:
            raise errors.BadRequest(prefix + "'host' is a required property")
        extra = sorted((k for k in inner if k != "host"), key=str)
        if extra:
            raise errors.BadRequest(prefix + _unexpected(extra))
    else:
        raise errors.BadRequest("'ensure_shares' is a required property")
    extra = sorted((k for k in body if k != "ensure_shares"), key=str)
    if extra:
        raise errors.BadRequest(_unexpected(extra))
    return str(inner["host"])


def _py_repr(value: Any) -> str:
    """How Python prints a JSON value (jsonschema messages use repr)."""
    return repr(value)


def _unexpected(extra: list[str]) -> str:
    verb = "was" if len(extra) == 1 else "were"
    names = ", ".join(repr(k) for k in extra)
    return f"Additional properties are not allowed ({names} {verb} unexpected)"


def ensure_shares(cloud: Cloud, ctx: Context, body: Any) -> str:
    """Start ensure shares on a back end (``POST /services/ensure-shares``).

    Checks policy, then the body against Manila's JSON schema, finds the
    ``manila-share`` service of that exact host and casts
    ``ensure_driver_resources(skip_backend_info_check=True)`` to it.

    :param body: Exactly ``{"ensure_shares": {"host": "host@backend"}}``.
    :returns: The host ensure shares was cast to.
    :raises errors.Forbidden: For non-admins.
    :raises errors.BadRequest: For any other body (jsonschema's message).
    :raises errors.NotFound: When no share service has that host (webob's
        generic text, as Manila).
    :raises errors.Conflict: When that service is not up (generic text).
    """
    policy.authorize(ctx, "service:ensure_shares")
    host = _validate_ensure_body(body)
    record = cloud.service_record(host)
    manager = cloud.managers.get(host)
    if record is None or manager is None:
        raise errors.NotFound()
    if cloud.service_state(record) != "up":
        raise errors.Conflict()
    manager.cast(
        "ensure_driver_resources", manager.ensure_driver_resources, True
    )
    return host


# -- availability zones -------------------------------------------------------


def availability_zones(cloud: Cloud, ctx: Context) -> list[Record]:
    """Zones with at least one enabled service (Manila's db query).

    :raises errors.Forbidden: Without the reader role.
    """
    policy.authorize(ctx, "availability_zone:index")
    used = {
        s.get("zone")
        for s in cloud.store.select("services")
        if not s.get("disabled")
    }
    return [
        z
        for z in cloud.store.select("availability_zones")
        if z["name"] in used
    ]


# -- storage pools ------------------------------------------------------------


def pool_records(cloud: Cloud) -> list[Record]:
    """Every pool as Manila's host manager lists it: the pools of share
    services that are up and enabled (its ``_update_host_state_map`` drops
    down and disabled hosts)."""
    return [
        {
            "name": pool.name,
            "host": pool.host,
            "backend": pool.backend,
            "pool": pool.pool,
            "capabilities": dict(pool.capabilities),
        }
        for pool in cloud.pools()
        if pool.service_up and pool.service_enabled
    ]


def _type_specs(cloud: Cloud, ref: str) -> dict[str, Any]:
    for share_type in cloud.store.select("share_types"):
        if ref in (share_type["id"], share_type["name"]):
            return dict(share_type.get("extra_specs") or {})
    raise errors.BadRequest(f"Share type {ref} not found.")


def list_pools(
    cloud: Cloud,
    ctx: Context,
    query: dict[str, str],
    *,
    detail: bool,
    share_type_filter: bool,
) -> list[Record]:
    """Pools passing Manila's filters (``GET /scheduler-stats/pools``).

    Every query key must name a pool field (``name``, ``host``,
    ``backend``, ``pool``, ``capabilities``) whose value matches it as a
    regular expression from the start, else the pool is left out (so an
    unknown key gives an empty list, as in Manila). ``capabilities`` is a
    dict literal matched like share type extra specs; ``share_type``
    (2.23) filters by that type's extra specs.

    :raises errors.Forbidden: For non-admins.
    :raises errors.BadRequest: For an unknown share type, a bad regular
        expression or a capabilities value that is not a dict.
    """
    policy.authorize(
        ctx,
        "scheduler_stats:pools:detail"
        if detail
        else "scheduler_stats:pools:index",
    )
    filters: dict[str, Any] = dict(query)
    if share_type_filter:
        type_ref = filters.pop("share_type", None)
        if type_ref:
            filters["capabilities"] = _type_specs(cloud, type_ref)
    if isinstance(filters.get("capabilities"), str):
        filters["capabilities"] = common.parse_dict_param(
            filters["capabilities"], "capabilities"
        )
    patterns: dict[str, re.Pattern[str]] = {}
    for key, value in filters.items():
        if key == "capabilities":
            continue
        try:
            patterns[key] = re.compile(str(value))
        except re.error as exc:
            raise errors.BadRequest(
                f"Invalid regular expression for {key}: {value}"
            ) from exc
    result = []
    for pool in pool_records(cloud):
        keep = True
        for key in filters:
            if key not in pool:
                keep = False
            elif key == "capabilities":
                keep = capabilities_satisfied(
                    pool["capabilities"], filters["capabilities"]
                )
            else:
                keep = patterns[key].match(str(pool[key])) is not None
            if not keep:
                break
        if keep:
            result.append(pool)
    return result
