"""Plays manila/api/v2/share_servers.py and views/share_servers.py."""

from __future__ import annotations

from typing import Any

from fake_server import errors, policy
from fake_server.api import common
from fake_server.api.views import F, render
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.context import Context
from fake_server.share_api import servers as servers_api

Rec = dict[str, Any]


def _first_subnet(record: Rec, ctx: Context) -> Any:
    ids = record.get("share_network_subnet_ids") or []
    return ids[0] if ids else None


def _subnet_ids(record: Rec, ctx: Context) -> Any:
    return sorted(record.get("share_network_subnet_ids") or [])


SUMMARY = (
    F("id"),
    F("project_id"),
    F("updated_at"),
    F("status"),
    F("host"),
    F("share_network_name"),
    F("share_network_id"),
    F("is_auto_deletable", "2.49"),
    F("identifier", "2.49"),
    F("share_network_subnet_id", "2.51", "2.69", source=_first_subnet),
    F("task_state", "2.57"),
    F("source_share_server_id", "2.57"),
    F("security_service_update_support", "2.63"),
    F("share_network_subnet_ids", "2.70", source=_subnet_ids),
    F("network_allocation_update_support", "2.70"),
    F("encryption_key_ref", "2.90"),
)
DETAIL = SUMMARY + (
    F("created_at"),
    F(
        "backend_details",
        source=lambda r, c: dict(r.get("backend_details") or {}),
    ),
)


def server_view(req: ApiRequest, server: Rec) -> Rec:
    """One share server, detailed, at the request's version."""
    record = servers_api.with_network_fields(req.cloud, server)
    return render(record, DETAIL, req.ctx)


def index(req: ApiRequest) -> Reply:
    """GET /share-servers (admin)."""
    rows = servers_api.list_servers(req.cloud, req.ctx, req.flat_query())
    return Reply(
        200, {"share_servers": [render(r, SUMMARY, req.ctx) for r in rows]}
    )


def show(req: ApiRequest) -> Reply:
    """GET /share-servers/{server_id} (admin)."""
    server = servers_api.show_server(
        req.cloud, req.ctx, req.params["server_id"]
    )
    return Reply(200, {"share_server": render(server, DETAIL, req.ctx)})


def details(req: ApiRequest) -> Reply:
    """GET /share-servers/{server_id}/details (admin)."""
    result = servers_api.details(req.cloud, req.ctx, req.params["server_id"])
    return Reply(200, {"details": result})


def delete(req: ApiRequest) -> Reply:
    """DELETE /share-servers/{server_id} (admin; 202)."""
    servers_api.delete_server(req.cloud, req.ctx, req.params["server_id"])
    return Reply(202)


def manage(req: ApiRequest) -> Reply:
    """POST /share-servers/manage (2.49; subnet 2.51; 202)."""
    policy.authorize(req.ctx, "share_server:manage_share_server")
    body = req.body()
    if not isinstance(body, dict) or not isinstance(
        body.get("share_server"), dict
    ):
        raise errors.Unprocessable(
            "Share Server entity not found in request body"
        )
    data = dict(body["share_server"])
    if not req.at_least("2.51"):
        data.pop("share_network_subnet_id", None)
    server = servers_api.manage_server(req.cloud, req.ctx, data)
    return Reply(202, {"share_server": server_view(req, server)})


def _action_body(req: ApiRequest, name: str) -> Any:
    body = req.body()
    return body.get(name) if isinstance(body, dict) else None


def reset_status(req: ApiRequest) -> Reply:
    """Action ``reset_status`` (2.49; 202)."""
    body = _action_body(req, "reset_status")
    common.admin_action(
        req,
        "share_server:reset_status",
        lambda: servers_api.reset_status(
            req.cloud, req.ctx, req.params["server_id"], body
        ),
    )
    return Reply(202)


def unmanage(req: ApiRequest) -> Reply:
    """Action ``unmanage`` (2.49; 202)."""
    servers_api.unmanage_server(
        req.cloud, req.ctx, req.params["server_id"], req.body()
    )
    return Reply(202)


def migration_check(req: ApiRequest) -> Reply:
    """Action ``migration_check`` (2.57, experimental; 200)."""
    result = servers_api.migration_check(
        req.cloud, req.ctx, req.params["server_id"], req.body()
    )
    return Reply(200, result)


def migration_start(req: ApiRequest) -> Reply:
    """Action ``migration_start`` (2.57, experimental; 202)."""
    servers_api.migration_start(
        req.cloud, req.ctx, req.params["server_id"], req.body()
    )
    return Reply(202)


def migration_complete(req: ApiRequest) -> Reply:
    """Action ``migration_complete`` (2.57, experimental; 200)."""
    result = servers_api.migration_complete(
        req.cloud, req.ctx, req.params["server_id"]
    )
    return Reply(200, result)


def migration_cancel(req: ApiRequest) -> Reply:
    """Action ``migration_cancel`` (2.57, experimental; 202)."""
    servers_api.migration_cancel(req.cloud, req.ctx, req.params["server_id"])
    return Reply(202)


def migration_get_progress(req: ApiRequest) -> Reply:
    """Action ``migration_get_progress`` (2.57, experimental; 200)."""
    result = servers_api.migration_get_progress(
        req.cloud, req.ctx, req.params["server_id"]
    )
    return Reply(200, result)


def reset_task_state(req: ApiRequest) -> Reply:
    """Action ``reset_task_state`` (2.57, experimental; 202)."""
    body = _action_body(req, "reset_task_state")
    common.authorize(req, "share_server:share_server_reset_task_state")
    common.admin_action(
        req,
        "share_server:reset_status",
        lambda: servers_api.reset_task_state(
            req.cloud, req.ctx, req.params["server_id"], body
        ),
    )
    return Reply(202)
