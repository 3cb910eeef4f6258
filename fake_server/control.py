"""The control API under ``/_fake``: what an operator or a test changes.

No Manila equivalent. Endpoints (JSON in, JSON out; the HTTP layer asks
for an admin token or the control token first):

- ``POST /_fake/reset``: forget everything, restore the seeded defaults.
- ``GET /_fake/state``: dump every table (secrets redacted).
- ``GET|DELETE /_fake/notifications``: the notification log.
- ``GET|DELETE /_fake/requests``: the request log (newest 2,000 kept).
- ``GET /_fake/backends``; ``PATCH /_fake/backends/{name}`` with any of
  ``export_address``, ``secondary_export_address``,
  ``admin_export_address`` (null: none), ``protocols``, ``delays``,
  ``failures``,
  ``capabilities``, ``pools`` (``{"pool": {"total_capacity_gb": ...}}``).
- ``POST /_fake/backends/{name}/stop`` and ``/start``: stop the share
  service (it goes ``down`` after ``service_down_time``) or (re)start it
  (ensure shares runs if the backend info changed).
- ``GET|POST /_fake/backends/{name}/storage``: what the backend holds
  that Manila does not manage (shares, snapshots and share servers it
  let go of); POST ``{"export_path": ..., "size": N}``,
  ``{"provider_location": ..., "size": N}`` or ``{"share_server":
  "<identifier>"}`` plants storage there, for manage to adopt.
- ``GET|PUT /_fake/config``: ``service_down_time``,
  ``update_shares_status_on_ensure``, ``progression``,
  ``max_share_size_gb`` and the backup ``*_continue_update_interval``
  settings.
- ``POST /_fake/advance``: manual progression; ``{"steps": N}``,
  ``{"seconds": S}`` or ``{}`` for everything queued.
- ``POST /_fake/wait``: background progression; wait (bounded by
  ``timeout``, default and at most 10 s) until no work is queued. Only
  half the HTTP threads may wait at once; further calls answer at once.
- ``GET /_fake/quota-drift``: the quota consistency check: usage counted
  again from the records against the usage rows (``drift``, empty when
  they agree) and the open reservations.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from fake_server import errors, jsonbody
from fake_server.drivers import private_data
from fake_server.guard import redact, same_token
from fake_server.share_api import quota_usages

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

#: the header the console's forms carry the control token in (the control
#: API also reads ``X-Auth-Token``)
TOKEN_HEADER = "X-Fake-Control-Token"


def check_credential(cloud: Cloud, credential: str | None) -> None:
    """Refuse a caller without the control token or an admin's token.

    :raises errors.Unauthorized: neither the control token nor a valid
        Keystone token.
    :raises errors.Forbidden: a valid token without the admin role.
    """
    if same_token(credential, cloud.control_token):
        return
    try:
        caller = cloud.identity.validate(credential)
    except errors.Unauthorized as exc:
        raise errors.Unauthorized(
            "The control API needs an admin token or the control "
            "token (X-Auth-Token)."
        ) from exc
    if "admin" not in caller.role_names:
        raise errors.Forbidden(
            "The control API needs an admin token or the control token."
        )


def credential_ok(cloud: Cloud, credential: str | None) -> bool:
    """Whether ``credential`` is the control token or an admin's token."""
    try:
        check_credential(cloud, credential)
    except errors.Fault:
        return False
    return True


DB_MAX_INT = 0x7FFFFFFF
#: longest a single ``/_fake/wait`` call waits (clients loop for more)
WAIT_MAX = 10.0


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


#: run-time settings: name -> (type check, what it must be)
_CONFIG_KEYS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "service_down_time": (_is_number, "a number of seconds"),
    "update_shares_status_on_ensure": (
        lambda v: isinstance(v, bool),
        "true or false",
    ),
    "driver_backup_continue_update_interval": (
        lambda v: _is_number(v) and v >= 0,
        "a number of seconds (0 or more)",
    ),
    "driver_restore_continue_update_interval": (
        lambda v: _is_number(v) and v >= 0,
        "a number of seconds (0 or more)",
    ),
    "max_share_size_gb": (
        lambda v: _is_int(v) and 1 <= v <= DB_MAX_INT,
        f"an integer from 1 to {DB_MAX_INT}",
    ),
}


def _number(body: dict[str, Any], key: str, default: Any) -> Any:
    """``body[key]``: a finite number of 0 or more (or the default)."""
    value = body.get(key, default)
    if value is default:
        return value
    if not _is_number(value) or value < 0:
        raise errors.BadRequest(f"{key} must be a number (0 or more).")
    return value


def _only(body: dict[str, Any], *keys: str) -> None:
    unknown = sorted(set(body) - set(keys))
    if unknown:
        raise errors.BadRequest(f"Unknown setting {unknown[0]}.")


def _body(raw: bytes) -> dict[str, Any]:
    if not raw.strip():
        return {}
    try:
        body = jsonbody.loads(raw)
    except ValueError as exc:
        raise errors.BadRequest("Malformed request body") from exc
    if not isinstance(body, dict):
        raise errors.BadRequest("The body must be a JSON object.")
    return body


def backend_view(cloud: Cloud, name: str) -> dict[str, Any]:
    """A backend's live configuration and service state."""
    manager = cloud.managers.get(f"{cloud.config.host}@{name}")
    if manager is None:
        raise errors.NotFound(f"Backend {name} not found.")
    backend = manager.backend
    return {
        "name": backend.name,
        "host": manager.host,
        "running": manager.running,
        "driver_handles_share_servers": backend.driver_handles_share_servers,
        "export_address": backend.export_address,
        "secondary_export_address": backend.secondary_export_address,
        "admin_export_address": backend.admin_export_address,
        "protocols": list(backend.protocols),
        "delays": dict(backend.delays),
        "failures": dict(backend.failures),
        "capabilities": dict(backend.capabilities),
        "pools": [
            {
                "name": p.name,
                "total_capacity_gb": p.total_capacity_gb,
                "reserved_percentage": p.reserved_percentage,
                "thin_provisioning": p.thin_provisioning,
                "max_over_subscription_ratio": p.max_over_subscription_ratio,
                "capabilities": dict(p.capabilities),
            }
            for p in backend.pools
        ],
    }


#: pool settings the control API may change, and their types
_POOL_SETTINGS: dict[str, tuple[type, ...]] = {
    "total_capacity_gb": (int, float),
    "reserved_percentage": (int, float),
    "max_over_subscription_ratio": (int, float),
    "thin_provisioning": (bool,),
    "capabilities": (dict,),
}


#: per-operation maps of a backend: (value check, what it must be)
_BACKEND_MAPS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "delays": (
        lambda v: _is_number(v) and v >= 0,
        "a number of seconds (0 or more)",
    ),
    "failures": (
        lambda v: _is_int(v) and -1 <= v <= DB_MAX_INT,
        "a count of failing calls (-1: always)",
    ),
    "capabilities": (lambda v: True, "any JSON value"),
}


def _patch_backend(cloud: Cloud, name: str, body: dict[str, Any]) -> None:
    """Check every change first, then apply them all (or none)."""
    manager = cloud.managers.get(f"{cloud.config.host}@{name}")
    if manager is None:
        raise errors.NotFound(f"Backend {name} not found.")
    backend = manager.backend
    changes: list[tuple[Any, str, Any]] = []
    for key, value in body.items():
        if key == "export_address" and isinstance(value, str):
            changes.append((backend, key, value))
        elif key in (
            "secondary_export_address",
            "admin_export_address",
        ) and (value is None or isinstance(value, str)):
            changes.append((backend, key, value))
        elif (
            key == "protocols"
            and isinstance(value, list)
            and all(isinstance(v, str) for v in value)
        ):
            changes.append((backend, key, list(value)))
        elif key in ("delays", "failures", "capabilities") and isinstance(
            value, Mapping
        ):
            check, what = _BACKEND_MAPS[key]
            for name, item in value.items():
                if not check(item):
                    raise errors.BadRequest(
                        f"Invalid value for {key}.{name}: {what}."
                    )
            changes.append((backend, key, {**getattr(backend, key), **value}))
        elif key == "pools" and isinstance(value, Mapping):
            pools = {pool.name: pool for pool in backend.pools}
            for pool_name, settings in value.items():
                pool = pools.get(pool_name)
                if pool is None or not isinstance(settings, Mapping):
                    raise errors.BadRequest(f"Unknown pool {pool_name}.")
                for attr, new in settings.items():
                    kinds = _POOL_SETTINGS.get(attr)
                    if kinds is None:
                        raise errors.BadRequest(
                            f"Unknown pool setting {attr}."
                        )
                    if (
                        not isinstance(new, kinds)
                        or (bool not in kinds and isinstance(new, bool))
                        or (
                            isinstance(new, (int, float))
                            and not isinstance(new, bool)
                            and not (math.isfinite(new) and new >= 0)
                        )
                    ):
                        raise errors.BadRequest(
                            f"Invalid value for pool setting {attr}."
                        )
                    changes.append((pool, attr, new))
        else:
            raise errors.BadRequest(f"Unknown or invalid setting {key}.")
    for target, attr, new in changes:
        setattr(target, attr, new)
    manager.driver.config_changed()


def storage_view(record: dict[str, Any]) -> dict[str, Any]:
    """One piece of held storage as the control API shows it."""
    if record["kind"] == private_data.SERVER:
        return {"kind": record["kind"], "identifier": record["location"]}
    key = "export_path" if record["kind"] == "share" else "provider_location"
    return {
        "kind": record["kind"],
        key: record["location"],
        "size": record["size"],
    }


#: what a plant body names -> the kind of held storage
_PLANTED = {
    "export_path": private_data.SHARE,
    "provider_location": private_data.SNAPSHOT,
    "share_server": private_data.SERVER,
}


def plant_storage(
    cloud: Cloud, name: str, body: dict[str, Any]
) -> dict[str, Any]:
    """Put a share (``export_path``), a snapshot (``provider_location``)
    or a share server (``share_server``: its identifier) on a backend's
    storage, as if it was there before Manila; manage then adopts it.

    :raises errors.NotFound: no such backend.
    :raises errors.BadRequest: not exactly one of the three, a location
        that is not a non-empty string, or a size that is not an integer
        from 1 up.
    """
    manager = cloud.managers.get(f"{cloud.config.host}@{name}")
    if manager is None:
        raise errors.NotFound(f"Backend {name} not found.")
    _only(body, *_PLANTED, "size")
    given = [k for k in _PLANTED if k in body]
    if len(given) != 1:
        raise errors.BadRequest(
            "Give either export_path (a share), provider_location "
            "(a snapshot) or share_server (a share server's identifier)."
        )
    location = body[given[0]]
    if not isinstance(location, str) or not location.strip():
        raise errors.BadRequest(f"{given[0]} must be a non-empty string.")
    size = body.get("size", 1)
    if not _is_int(size) or not 1 <= size <= DB_MAX_INT:
        raise errors.BadRequest(
            f"size must be an integer from 1 to {DB_MAX_INT}."
        )
    kind = _PLANTED[given[0]]
    record = manager.driver.private_data.hold(kind, location, size)
    return storage_view(record)


def quota_drift(cloud: Cloud) -> dict[str, Any]:
    """The quota consistency check (``GET /_fake/quota-drift``).

    :returns: ``drift``: each usage row whose ``in_use`` differs from a
        recount of the records or whose ``reserved`` differs from the
        open reservations (empty when consistent); ``reservations``:
        how many reservations are open.
    """
    with cloud.store.lock:
        return {
            "drift": quota_usages.drift(cloud.quota_book),
            "reservations": len(cloud.quota_book.reservations),
        }


def handle(
    cloud: Cloud,
    method: str,
    path: str,
    raw: bytes,
    query: Mapping[str, Any],
) -> tuple[int, Any]:
    """Serve one control request; return status and JSON body."""
    parts = [p for p in path.split("/") if p]
    if parts == ["reset"] and method == "POST":
        cloud.reset()
        return 200, {"reset": True}
    if parts == ["state"] and method == "GET":
        return 200, redact(cloud.store.dump())
    if parts == ["notifications"]:
        if method == "GET":
            return 200, {"notifications": list(cloud.notifications)}
        if method == "DELETE":
            cloud.notifications.clear()
            return 204, None
    if parts == ["requests"]:
        if method == "GET":
            return 200, {
                "requests": [e.as_dict() for e in cloud.requests.entries()]
            }
        if method == "DELETE":
            cloud.requests.clear()
            return 204, None
    if parts == ["config"]:
        if method == "PUT":
            body = _body(raw)
            for key, value in body.items():  # check all, then apply
                if key == "progression":
                    if value not in ("background", "manual"):
                        raise errors.BadRequest(
                            "progression must be 'background' or 'manual'."
                        )
                elif key in _CONFIG_KEYS:
                    check, what = _CONFIG_KEYS[key]
                    if not check(value):
                        raise errors.BadRequest(f"{key} must be {what}.")
                else:
                    raise errors.BadRequest(f"Unknown setting {key}.")
            for key, value in body.items():
                if key == "progression":
                    cloud.bus.set_policy(value)
                setattr(cloud.config, key, value)
        if method in ("GET", "PUT"):
            return 200, {
                "progression": cloud.bus.policy,
                "pending": cloud.bus.pending(),
                "clock": cloud.bus.clock,
                **{k: getattr(cloud.config, k) for k in _CONFIG_KEYS},
            }
    if parts == ["advance"] and method == "POST":
        body = _body(raw)
        _only(body, "steps", "seconds")
        steps = body.get("steps")
        if steps is not None and (not _is_int(steps) or steps < 0):
            raise errors.BadRequest("steps must be an integer (0 or more).")
        ran = cloud.bus.advance(
            steps=steps, seconds=_number(body, "seconds", None)
        )
        return 200, {
            "ran": ran,
            "pending": cloud.bus.pending(),
            "clock": cloud.bus.clock,
        }
    if parts == ["quota-drift"] and method == "GET":
        return 200, quota_drift(cloud)
    if parts == ["wait"] and method == "POST":
        body = _body(raw)
        _only(body, "timeout")
        timeout = min(float(_number(body, "timeout", WAIT_MAX)), WAIT_MAX)
        # a bounded number of waits at once, so that waiting never takes
        # the threads API calls need; the others answer at once
        if cloud.wait_slots.acquire(blocking=False):
            try:
                idle = cloud.bus.wait_idle(timeout)
            finally:
                cloud.wait_slots.release()
        else:
            idle = cloud.bus.wait_idle(0.0)
        return 200, {"idle": idle, "pending": cloud.bus.pending()}
    if parts and parts[0] == "backends":
        if len(parts) == 1 and method == "GET":
            return 200, {
                "backends": [
                    backend_view(cloud, b.name) for b in cloud.config.backends
                ]
            }
        if len(parts) == 2:
            if method == "GET":
                return 200, {"backend": backend_view(cloud, parts[1])}
            if method in ("PATCH", "PUT", "POST"):
                _patch_backend(cloud, parts[1], _body(raw))
                return 200, {"backend": backend_view(cloud, parts[1])}
        if len(parts) == 3 and parts[2] == "storage":
            manager = cloud.managers.get(f"{cloud.config.host}@{parts[1]}")
            if manager is None:
                raise errors.NotFound(f"Backend {parts[1]} not found.")
            if method == "GET":
                held = manager.driver.private_data.held()
                return 200, {"storage": [storage_view(r) for r in held]}
            if method == "POST":
                return 200, {
                    "storage": plant_storage(cloud, parts[1], _body(raw))
                }
        if (
            len(parts) == 3
            and method == "POST"
            and parts[2] in ("stop", "start", "restart")
        ):
            manager = cloud.managers.get(f"{cloud.config.host}@{parts[1]}")
            if manager is None:
                raise errors.NotFound(f"Backend {parts[1]} not found.")
            if parts[2] in ("stop", "restart"):
                manager.stop()
            if parts[2] in ("start", "restart"):
                manager.start()
            return 200, {"backend": backend_view(cloud, parts[1])}
    raise errors.NotFound(f"No control endpoint {method} /_fake{path}.")
