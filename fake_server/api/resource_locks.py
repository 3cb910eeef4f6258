"""Plays manila/api/v2/resource_locks.py and views/resource_locks.py."""

from __future__ import annotations

from typing import Any

from fake_server.api import common
from fake_server.api.views import F, render, render_all
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.share_api import resource_locks as locks_api

LOCK = (
    F("id"),
    F("user_id"),
    F("project_id"),
    F("lock_context"),
    F("resource_type"),
    F("resource_id"),
    F("resource_action"),
    F("lock_reason"),
    F("created_at"),
    F("updated_at"),
    F("links", source=common.links("resource-locks")),
)


def index(req: ApiRequest) -> Reply:
    """GET /resource-locks"""
    common.authorize(req, "resource_lock:get_all")
    locks_api.check_index_query(req.query)
    rows, count = locks_api.list_locks(req.cloud, req.ctx, req.flat_query())
    body: dict[str, Any] = {"resource_locks": render_all(rows, LOCK, req.ctx)}
    if count:
        body["count"] = count
    links = common.collection_links(req, rows, "resource-locks")
    if links:
        body["resource_locks_links"] = links
    return Reply(200, body)


def show(req: ApiRequest) -> Reply:
    """GET /resource-locks/{lock_id}"""
    lock = locks_api.show_lock(req.cloud, req.ctx, req.params["lock_id"])
    return Reply(200, {"resource_lock": render(lock, LOCK, req.ctx)})


def create(req: ApiRequest) -> Reply:
    """POST /resource-locks (200)."""
    common.authorize(req, "resource_lock:create")
    locks_api.check_body_schema(req.body())
    lock = locks_api.create_lock(req.cloud, req.ctx, req.body())
    return Reply(200, {"resource_lock": render(lock, LOCK, req.ctx)})


def update(req: ApiRequest) -> Reply:
    """PUT /resource-locks/{lock_id}"""
    locks_api.check_body_schema(req.body(), update=True)
    lock = locks_api.update_lock(
        req.cloud, req.ctx, req.params["lock_id"], req.body()
    )
    return Reply(200, {"resource_lock": render(lock, LOCK, req.ctx)})


def delete(req: ApiRequest) -> Reply:
    """DELETE /resource-locks/{lock_id} (204)."""
    locks_api.delete_lock(req.cloud, req.ctx, req.params["lock_id"])
    return Reply(204)
