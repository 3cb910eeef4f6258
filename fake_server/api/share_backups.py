"""Plays manila/api/v2/share_backups.py and views/share_backups.py (2.80,
experimental at every version)."""

from __future__ import annotations

from typing import Any

from fake_server.api import common
from fake_server.api.views import F, render, render_all
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.share_api import backups as backups_api

SUMMARY = (F("id"), F("name"), F("share_id"), F("status"))
DETAIL = (
    *SUMMARY,
    F("description"),
    F("size"),
    F("created_at"),
    F("updated_at"),
    F("availability_zone"),
    F("progress"),
    F("restore_progress"),
    F("backup_type", "2.85"),
    F("host", admin=True),
    F("topic", admin=True),
)


def _list(req: ApiRequest, detailed: bool) -> Reply:
    rows = backups_api.list_backups(req.cloud, req.ctx, req.flat_query())
    table = DETAIL if detailed else SUMMARY
    body: dict[str, Any] = {"share_backups": render_all(rows, table, req.ctx)}
    links = common.collection_links(req, rows, "share-backups")
    if links:
        body["share_backup_links"] = links
    return Reply(200, body)


def index(req: ApiRequest) -> Reply:
    """GET /share-backups"""
    return _list(req, False)


def detail(req: ApiRequest) -> Reply:
    """GET /share-backups/detail"""
    return _list(req, True)


def show(req: ApiRequest) -> Reply:
    """GET /share-backups/{backup_id}"""
    common.authorize(req, "share_backup:get")
    backup = backups_api.get_backup(
        req.cloud, req.ctx, req.params["backup_id"]
    )
    return Reply(200, {"share_backup": render(backup, DETAIL, req.ctx)})


def create(req: ApiRequest) -> Reply:
    """POST /share-backups (202)."""
    backup = backups_api.create_backup(req.cloud, req.ctx, req.body())
    # Manila answers with the model read before host and topic are
    # written; only host is copied onto it (with backup_options)
    shown = {**backup, "topic": None}
    return Reply(202, {"share_backup": render(shown, DETAIL, req.ctx)})


def update(req: ApiRequest) -> Reply:
    """PUT /share-backups/{backup_id}"""
    backup = backups_api.update_backup(
        req.cloud, req.ctx, req.params["backup_id"], req.body()
    )
    return Reply(200, {"share_backup": render(backup, DETAIL, req.ctx)})


def delete(req: ApiRequest) -> Reply:
    """DELETE /share-backups/{backup_id} (202)."""
    backups_api.delete_backup(req.cloud, req.ctx, req.params["backup_id"])
    return Reply(202)


def restore(req: ApiRequest) -> Reply:
    """Action ``restore`` (202; 2.91 takes a target share id)."""
    summary = backups_api.restore_backup(
        req.cloud, req.ctx, req.params["backup_id"], req.body()
    )
    return Reply(202, {"restore": summary})


def reset_status(req: ApiRequest) -> Reply:
    """Action ``reset_status`` (admin, 202)."""
    body = req.body()
    common.admin_action(
        req,
        "share_backup:reset_status",
        lambda: backups_api.reset_status(
            req.cloud, req.ctx, req.params["backup_id"], body
        ),
    )
    return Reply(202)
