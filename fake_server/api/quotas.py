"""Plays manila/api/v2/quota_sets.py, quota_class_sets.py and their views.

``/quota-sets`` and ``/quota-class-sets`` from 2.7, ``/os-quota-sets``
and ``/os-quota-class-sets`` for 2.0 to 2.6. The keys shown grow with
the microversion (2.40 share groups, 2.53 replicas, 2.62
per_share_gigabytes, 2.80 backups, 2.90 encryption keys).
"""

from __future__ import annotations

from typing import Any

from fake_server import errors
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.context import Context
from fake_server.share_api import quotas as quota_api

Rec = dict[str, Any]

#: keys added to quota views, by microversion
_VERSIONED_KEYS = (
    ("2.40", ("share_groups", "share_group_snapshots")),
    ("2.53", ("share_replicas", "replica_gigabytes")),
    ("2.62", ("per_share_gigabytes",)),
    ("2.80", ("backups", "backup_gigabytes")),
    ("2.90", ("encryption_keys",)),
)
#: body keys refused before a microversion, as Manila's update checks
_UPDATE_GATES = (
    ("2.40", ("share_groups", "share_group_snapshots")),
    ("2.53", ("share_replicas", "replica_gigabytes")),
    ("2.62", ("per_share_gigabytes",)),
    ("2.80", ("backups", "backup_gigabytes")),
    ("2.90", ("encryption_keys",)),
)
#: keys the quota class update schema types as integers, by version
_CLASS_SCHEMA = (
    (
        "2.0",
        (
            "gigabytes",
            "shares",
            "share_networks",
            "share_groups",
            "snapshot_gigabytes",
            "snapshots",
        ),
    ),
    ("2.53", ("share_replicas", "replica_gigabytes")),
    ("2.62", ("per_share_gigabytes",)),
    ("2.80", ("backups", "backup_gigabytes")),
    ("2.90", ("encryption_keys",)),
)


def _view(
    ctx: Context,
    values: Rec,
    project_id: str | None,
    share_type_id: str | None = None,
    *,
    networks: bool = True,
) -> Rec:
    view = {
        key: values.get(key)
        for key in ("shares", "gigabytes", "snapshots", "snapshot_gigabytes")
    }
    if project_id:
        view["id"] = project_id
    type_scoped = share_type_id is not None
    if networks and not type_scoped:
        view["share_networks"] = values.get("share_networks")
    for since, keys in _VERSIONED_KEYS:
        if ctx.version < since:
            continue
        for key in keys:
            if since == "2.40" and (type_scoped or values.get(key) is None):
                continue
            view[key] = values.get(key)
    return view


def _param(req: ApiRequest, name: str) -> str | None:
    values = req.query.get(name)
    return values[0] if values and values[0] else None


def _no_share_type_before_239(req: ApiRequest) -> None:
    if not req.at_least("2.39") and _param(req, "share_type"):
        raise errors.BadRequest(
            "'share_type' key is not supported by this microversion. Use "
            "2.39 or greater microversion to be able to use 'share_type' "
            "quotas."
        )


def _quota_body(req: ApiRequest) -> Rec:
    body = req.body()
    if not isinstance(body, dict):
        raise errors.BadRequest("Malformed request body")
    inner = body.get("quota_set", {})
    if not isinstance(inner, dict):
        raise errors.BadRequest("Malformed request body")
    return inner


def _gate(inner: Rec, keys: tuple[str, ...], version: str) -> None:
    for key in keys:
        if inner.get(key):
            raise errors.BadRequest(
                f"'{key}' key is not supported by this microversion. Use "
                f"{version} or greater microversion to be able to use "
                f"'{key}' quotas."
            )


def _show(req: ApiRequest, detail: bool) -> Reply:
    _no_share_type_before_239(req)
    project_id = req.params["project_id"]
    values, type_id = quota_api.show(
        req.cloud,
        req.ctx,
        project_id,
        user_id=_param(req, "user_id"),
        share_type=_param(req, "share_type"),
        detail=detail,
    )
    return Reply(
        200, {"quota_set": _view(req.ctx, values, project_id, type_id)}
    )


def show(req: ApiRequest) -> Reply:
    """GET /quota-sets/{project_id} (and /os-quota-sets until 2.6)."""
    return _show(req, False)


def detail(req: ApiRequest) -> Reply:
    """GET /quota-sets/{project_id}/detail (2.25): limit/in_use/reserved."""
    return _show(req, True)


def defaults(req: ApiRequest) -> Reply:
    """GET /quota-sets/{project_id}/defaults."""
    project_id = req.params["project_id"]
    values = quota_api.defaults(req.cloud, req.ctx, project_id)
    return Reply(200, {"quota_set": _view(req.ctx, values, project_id)})


def update(req: ApiRequest) -> Reply:
    """PUT /quota-sets/{project_id} (200; the view has no ``id``)."""
    _no_share_type_before_239(req)
    inner = _quota_body(req)
    # Manila tests only the newest gate below the request's version.
    if not req.at_least("2.7"):
        _gate(inner, ("share_groups", "share_group_snapshots"), "2.40")
        _gate(inner, ("share_replicas", "replica_gigabytes"), "2.53")
    elif req.at_least("2.39"):
        for version, keys in _UPDATE_GATES:
            if not req.at_least(version):
                _gate(inner, keys, version)
                break
    values, type_id = quota_api.update(
        req.cloud,
        req.ctx,
        req.params["project_id"],
        inner,
        user_id=_param(req, "user_id"),
        share_type=_param(req, "share_type"),
    )
    return Reply(200, {"quota_set": _view(req.ctx, values, None, type_id)})


def delete(req: ApiRequest) -> Reply:
    """DELETE /quota-sets/{project_id} (202)."""
    _no_share_type_before_239(req)
    quota_api.delete(
        req.cloud,
        req.ctx,
        req.params["project_id"],
        user_id=_param(req, "user_id"),
        share_type=_param(req, "share_type"),
    )
    return Reply(202)


def class_show(req: ApiRequest) -> Reply:
    """GET /quota-class-sets/{class_name}."""
    name = req.params["class_name"]
    values = quota_api.show_class(req.cloud, req.ctx, name)
    return Reply(200, {"quota_class_set": _view(req.ctx, values, name)})


def class_update(req: ApiRequest) -> Reply:
    """PUT /quota-class-sets/{class_name} (200; no ``id`` in the view)."""
    body = req.body()
    if not isinstance(body, dict) or "quota_class_set" not in body:
        raise errors.BadRequest("'quota_class_set' is a required property")
    inner = body["quota_class_set"]
    if not isinstance(inner, dict):
        raise errors.BadRequest(
            "Invalid input for field/attribute quota_class_set. Value: "
            f"{inner}. {inner!r} is not of type 'object'"
        )
    for since, keys in _CLASS_SCHEMA:
        if req.ctx.version < since:
            continue
        for key in keys:
            value = inner.get(key)
            if key in inner and (
                isinstance(value, bool) or not isinstance(value, int)
            ):
                raise errors.BadRequest(
                    f"Invalid input for field/attribute {key}. Value: "
                    f"{value}. {value!r} is not of type 'integer'"
                )
    values = quota_api.update_class(
        req.cloud, req.ctx, req.params["class_name"], inner
    )
    return Reply(200, {"quota_class_set": _view(req.ctx, values, None)})
