"""Plays manila/api/v2/shares.py actions, share_manage.py,
share_unmanage.py and share_accesses.py / share_access_metadata.py
updates: parse, call the business rules, answer Manila's status codes."""

from __future__ import annotations

from typing import Any

from fake_server import errors
from fake_server.api import access, shares
from fake_server.api.views import render
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.share_api import share_actions as api


def _action(req: ApiRequest) -> tuple[str, Any]:
    """The action's name and value; other top-level keys are refused as
    Manila's schemas (``additionalProperties: false``) refuse them."""
    body = req.body()
    name = next(iter(body))
    extra = [key for key in body if key != name]
    if extra:
        verb = "was" if len(extra) == 1 else "were"
        listed = ", ".join(repr(key) for key in extra)
        raise errors.BadRequest(
            f"Additional properties are not allowed ({listed} {verb} "
            "unexpected)"
        )
    return name, body[name]


def extend(req: ApiRequest) -> Reply:
    """``extend`` (2.7) / ``os-extend`` (2.0-2.6): 202."""
    name, value = _action(req)
    size, force = api.parse_resize_body(
        name, value, allow_force=name == "extend" and req.at_least("2.64")
    )
    api.extend(req.cloud, req.ctx, req.params["share_id"], size, force)
    return Reply(202)


def shrink(req: ApiRequest) -> Reply:
    """``shrink`` (2.7) / ``os-shrink`` (2.0-2.6): 202."""
    name, value = _action(req)
    size, _ = api.parse_resize_body(name, value, allow_force=False)
    api.shrink(req.cloud, req.ctx, req.params["share_id"], size)
    return Reply(202)


def reset_status(req: ApiRequest) -> Reply:
    """``reset_status`` (2.7) / ``os-reset_status``: 202, admin."""
    name, value = _action(req)
    status = api.parse_reset_body(name, value, "status")
    api.reset_status(
        req.cloud,
        req.ctx,
        req.params["share_id"],
        status,
        legacy=name.startswith("os-"),
    )
    return Reply(202)


def reset_task_state(req: ApiRequest) -> Reply:
    """``reset_task_state`` (2.22; experimental until 2.95): 202."""
    name, value = _action(req)
    state = api.parse_reset_body(name, value, "task_state")
    api.reset_task_state(req.cloud, req.ctx, req.params["share_id"], state)
    return Reply(202)


def force_delete(req: ApiRequest) -> Reply:
    """``force_delete`` (2.7) / ``os-force_delete``: 202, admin."""
    _action(req)
    api.force_delete(req.cloud, req.ctx, req.params["share_id"])
    return Reply(202)


def soft_delete(req: ApiRequest) -> Reply:
    """``soft_delete`` (2.69): 202."""
    _action(req)
    api.soft_delete(req.cloud, req.ctx, req.params["share_id"])
    return Reply(202)


def restore(req: ApiRequest) -> Reply:
    """``restore`` (2.69): 202, or 200 when not in the recycle bin."""
    _action(req)
    status = api.restore(req.cloud, req.ctx, req.params["share_id"])
    return Reply(status)


def unmanage(req: ApiRequest) -> Reply:
    """``unmanage`` (2.7; DHSS True shares from 2.49): 202, admin."""
    _action(req)
    api.unmanage(
        req.cloud,
        req.ctx,
        req.params["share_id"],
        allow_dhss_true=req.at_least("2.49"),
    )
    return Reply(202)


def unmanage_legacy(req: ApiRequest) -> Reply:
    """POST /os-share-unmanage/{share_id}/unmanage (2.0-2.6): 202."""
    api.unmanage(
        req.cloud,
        req.ctx,
        req.params["share_id"],
        allow_dhss_true=False,
        legacy=True,
    )
    return Reply(202)


def _manage_body(req: ApiRequest) -> Any:
    body = req.body()
    if not isinstance(body, dict) or not isinstance(body.get("share"), dict):
        raise errors.Unprocessable("Share entity not found in request body")
    return dict(body["share"])


def manage(req: ApiRequest) -> Reply:
    """POST /shares/manage (2.7): 200 with the share, admin."""
    data = _manage_body(req)
    if not req.at_least("2.8"):
        data.pop("is_public", None)
    if not req.at_least("2.92"):
        data.pop("mount_point_name", None)
    record = api.manage(
        req.cloud, req.ctx, data, allow_dhss_true=req.at_least("2.49")
    )
    return Reply(200, {"share": shares.detail_view(record, req)})


def manage_legacy(req: ApiRequest) -> Reply:
    """POST /os-share-manage (2.0-2.6): 200 with the share, admin."""
    data = _manage_body(req)
    data.pop("is_public", None)
    data.pop("mount_point_name", None)
    record = api.manage(req.cloud, req.ctx, data, allow_dhss_true=False)
    return Reply(200, {"share": shares.detail_view(record, req)})


# -- access rules ------------------------------------------------------------


def update_access(req: ApiRequest) -> Reply:
    """PUT /share-access-rules/{access_id} (2.88): 200 with the rule."""
    rule = api.update_access_level(
        req.cloud, req.ctx, req.params["access_id"], req.body()
    )
    return Reply(200, {"access": render(rule, access.RULE, req.ctx)})


def update_access_metadata(req: ApiRequest) -> Reply:
    """PUT /share-access-rules/{access_id}/metadata (2.45): 200."""
    metadata = api.update_access_metadata(
        req.cloud, req.ctx, req.params["access_id"], req.body()
    )
    return Reply(200, {"metadata": metadata})


def delete_access_metadata(req: ApiRequest) -> Reply:
    """DELETE /share-access-rules/{access_id}/metadata/{key} (2.45)."""
    api.delete_access_metadata(
        req.cloud, req.ctx, req.params["access_id"], req.params["key"]
    )
    return Reply(200)
