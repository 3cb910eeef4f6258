"""Plays manila/api/v2/share_types.py, share_types_extra_specs.py and
views/types.py: share types, their extra specs and access lists.

Every type answer carries both ``share_type`` and ``volume_type`` (lists:
``share_types`` and ``volume_types``).
"""

from __future__ import annotations

from typing import Any

from fake_server import errors
from fake_server.api.views import F, render
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.context import Context
from fake_server.share_api import types as type_api

Rec = dict[str, Any]


def _visible_specs(specs: dict[str, Any], ctx: Context) -> dict[str, Any]:
    if ctx.is_admin:
        return dict(specs)
    return {k: v for k, v in specs.items() if k in type_api.TENANT_VISIBLE}


def _extra_specs(record: Rec, ctx: Context) -> Any:
    specs = _visible_specs(record.get("extra_specs") or {}, ctx)
    if not ctx.is_admin:
        if ctx.version >= "2.24":
            for key, value in type_api.INFERRED.items():
                specs.setdefault(key, value)
        if ctx.version >= "2.99":
            for key, value in type_api.INFERRED_299.items():
                specs.setdefault(key, value)
    return specs


def _required_specs(record: Rec, ctx: Context) -> Any:
    required = record.get("required_extra_specs")
    if required is None:  # not just created: from the stored specs
        required = type_api.shown_required_specs(
            record.get("extra_specs") or {}
        )
    return _visible_specs(required, ctx)


def _is_public(record: Rec, ctx: Context) -> Any:
    return record.get("is_public", True)


TYPE = (
    F("id"),
    F("name"),
    F("extra_specs", source=_extra_specs),
    F("required_extra_specs", source=_required_specs),
    F("os-share-type-access:is_public", "2.0", "2.6", source=_is_public),
    F("share_type_access:is_public", "2.7", source=_is_public),
    F("description", "2.41"),
    F("is_default", "2.46"),
)


def _render(req: ApiRequest, record: Rec) -> Rec:
    default_name = req.cloud.config.default_share_type
    shown = dict(
        record,
        is_default=bool(default_name) and record.get("name") == default_name,
    )
    return render(shown, TYPE, req.ctx)


def _one(req: ApiRequest, record: Rec, status: int = 200) -> Reply:
    view = _render(req, record)
    return Reply(status, {"share_type": view, "volume_type": view})


def index(req: ApiRequest) -> Reply:
    """GET /types."""
    records = type_api.list_types(req.cloud, req.ctx, req.flat_query())
    views = [_render(req, r) for r in records]
    return Reply(200, {"share_types": views, "volume_types": views})


def show(req: ApiRequest) -> Reply:
    """GET /types/{type_id}."""
    return _one(
        req, type_api.get_type(req.cloud, req.ctx, req.params["type_id"])
    )


def default(req: ApiRequest) -> Reply:
    """GET /types/default."""
    return _one(req, type_api.default_type(req.cloud, req.ctx))


def create(req: ApiRequest) -> Reply:
    """POST /types (200)."""
    return _one(req, type_api.create_type(req.cloud, req.ctx, req.body()))


def update(req: ApiRequest) -> Reply:
    """PUT /types/{type_id} (2.50)."""
    return _one(
        req,
        type_api.update_type(
            req.cloud, req.ctx, req.params["type_id"], req.body()
        ),
    )


def delete(req: ApiRequest) -> Reply:
    """DELETE /types/{type_id} (202)."""
    type_api.delete_type(req.cloud, req.ctx, req.params["type_id"])
    return Reply(202)


def access_list(req: ApiRequest) -> Reply:
    """GET /types/{type_id}/share_type_access (and os-share-type-access)."""
    record = type_api.access_list(req.cloud, req.ctx, req.params["type_id"])
    return Reply(
        200,
        {
            "share_type_access": [
                {"share_type_id": record["id"], "project_id": project}
                for project in record.get("projects", [])
            ]
        },
    )


def add_access(req: ApiRequest) -> Reply:
    """POST /types/{type_id}/action {"addProjectAccess": ...} (202)."""
    type_api.add_access(req.cloud, req.ctx, req.params["type_id"], req.body())
    return Reply(202)


def remove_access(req: ApiRequest) -> Reply:
    """POST /types/{type_id}/action {"removeProjectAccess": ...} (202)."""
    type_api.remove_access(
        req.cloud, req.ctx, req.params["type_id"], req.body()
    )
    return Reply(202)


def specs_index(req: ApiRequest) -> Reply:
    """GET /types/{type_id}/extra_specs."""
    specs = type_api.get_specs(req.cloud, req.ctx, req.params["type_id"])
    return Reply(200, {"extra_specs": specs})


def specs_show(req: ApiRequest) -> Reply:
    """GET /types/{type_id}/extra_specs/{key}."""
    return Reply(
        200,
        type_api.get_spec(
            req.cloud, req.ctx, req.params["type_id"], req.params["key"]
        ),
    )


def specs_create(req: ApiRequest) -> Reply:
    """POST /types/{type_id}/extra_specs (200, echoes the body)."""
    return Reply(
        200,
        type_api.set_specs(
            req.cloud, req.ctx, req.params["type_id"], req.body()
        ),
    )


def specs_update(req: ApiRequest) -> Reply:
    """PUT /types/{type_id}/extra_specs/{key} (200)."""
    return Reply(
        200,
        type_api.set_spec(
            req.cloud,
            req.ctx,
            req.params["type_id"],
            req.params["key"],
            req.body(),
        ),
    )


def specs_delete(req: ApiRequest) -> Reply:
    """DELETE /types/{type_id}/extra_specs/{key} (202)."""
    type_api.delete_spec(
        req.cloud, req.ctx, req.params["type_id"], req.params["key"]
    )
    return Reply(202)


def no_method(req: ApiRequest) -> Reply:
    """GET /types/detail: routed by Manila, but its controller has no
    ``detail``, so wsgi.Resource answers a bare 404."""
    raise errors.NotFound()
