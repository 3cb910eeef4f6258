"""Plays manila/api/v2/qos_types.py, qos_type_specs.py and
views/qos_types.py (2.94)."""

from __future__ import annotations

from fake_server.api.views import F, render, render_all
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.share_api import qos_types as qos_api

QOS_TYPE = (
    F("id"),
    F("name"),
    F("description"),
    F("specs", source=lambda r, c: dict(r.get("specs") or {})),
    F("created_at"),
    F("updated_at"),
)


def index(req: ApiRequest) -> Reply:
    """GET /qos-types"""
    rows = qos_api.list_types(req.cloud, req.ctx, req.flat_query())
    return Reply(200, {"qos_types": render_all(rows, QOS_TYPE, req.ctx)})


def show(req: ApiRequest) -> Reply:
    """GET /qos-types/{qos_type_id}"""
    record = qos_api.show_type(req.cloud, req.ctx, req.params["qos_type_id"])
    return Reply(200, {"qos_type": render(record, QOS_TYPE, req.ctx)})


def create(req: ApiRequest) -> Reply:
    """POST /qos-types (200)."""
    record = qos_api.create_type(req.cloud, req.ctx, req.body())
    return Reply(200, {"qos_type": render(record, QOS_TYPE, req.ctx)})


def update(req: ApiRequest) -> Reply:
    """PUT /qos-types/{qos_type_id}"""
    record = qos_api.update_type(
        req.cloud, req.ctx, req.params["qos_type_id"], req.body()
    )
    return Reply(200, {"qos_type": render(record, QOS_TYPE, req.ctx)})


def delete(req: ApiRequest) -> Reply:
    """DELETE /qos-types/{qos_type_id} (204)."""
    qos_api.delete_type(req.cloud, req.ctx, req.params["qos_type_id"])
    return Reply(204)


def specs_index(req: ApiRequest) -> Reply:
    """GET /qos-types/{qos_type_id}/specs"""
    specs = qos_api.get_specs(req.cloud, req.ctx, req.params["qos_type_id"])
    return Reply(200, {"specs": specs})


def specs_show(req: ApiRequest) -> Reply:
    """GET /qos-types/{qos_type_id}/specs/{key}"""
    key = req.params["key"]
    value = qos_api.get_spec(
        req.cloud, req.ctx, req.params["qos_type_id"], key
    )
    return Reply(200, {key: value})


def specs_create(req: ApiRequest) -> Reply:
    """POST /qos-types/{qos_type_id}/specs (200, echoes the body)."""
    specs = qos_api.set_specs(
        req.cloud, req.ctx, req.params["qos_type_id"], req.body()
    )
    return Reply(200, {"specs": specs})


def specs_update(req: ApiRequest) -> Reply:
    """PUT /qos-types/{qos_type_id}/specs/{key} (200, echoes the body)."""
    body = qos_api.set_spec(
        req.cloud,
        req.ctx,
        req.params["qos_type_id"],
        req.params["key"],
        req.body(),
    )
    return Reply(200, body)


def specs_delete(req: ApiRequest) -> Reply:
    """DELETE /qos-types/{qos_type_id}/specs/{key} (204)."""
    qos_api.delete_spec(
        req.cloud, req.ctx, req.params["qos_type_id"], req.params["key"]
    )
    return Reply(204)
