"""Plays manila/api/v2/share_transfer.py and views/transfers.py (2.77)."""

from __future__ import annotations

from typing import Any

from fake_server.api import common
from fake_server.api.views import F, render, render_all
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.share_api import transfers as transfers_api

Rec = dict[str, Any]

SUMMARY = (
    F("id"),
    F("name"),
    F("resource_type"),
    F("resource_id"),
    F("links", source=common.links("share-transfers")),
)
DETAIL = (
    F("id"),
    F("created_at"),
    F("name"),
    F("resource_type"),
    F("resource_id"),
    F("source_project_id"),
    F("destination_project_id"),
    F("accepted"),
    F("expires_at"),
    F("links", source=common.links("share-transfers")),
)


def _list(req: ApiRequest, detailed: bool) -> Reply:
    rows = transfers_api.list_transfers(req.cloud, req.ctx, req.flat_query())
    table = DETAIL if detailed else SUMMARY
    body: dict[str, Any] = {"transfers": render_all(rows, table, req.ctx)}
    links = common.collection_links(req, rows, "share-transfers")
    if links:
        body["transfers_links"] = links
    return Reply(200, body)


def index(req: ApiRequest) -> Reply:
    """GET /share-transfers"""
    return _list(req, False)


def detail(req: ApiRequest) -> Reply:
    """GET /share-transfers/detail"""
    return _list(req, True)


def show(req: ApiRequest) -> Reply:
    """GET /share-transfers/{transfer_id}"""
    transfer = transfers_api.get_transfer(
        req.cloud, req.ctx, req.params["transfer_id"]
    )
    return Reply(200, {"transfer": render(transfer, DETAIL, req.ctx)})


def create(req: ApiRequest) -> Reply:
    """POST /share-transfers (202; the only view with ``auth_key``)."""
    transfer, auth_key = transfers_api.create_transfer(
        req.cloud, req.ctx, req.body()
    )
    view = render(transfer, DETAIL, req.ctx)
    view["auth_key"] = auth_key
    return Reply(202, {"transfer": view})


def accept(req: ApiRequest) -> Reply:
    """POST /share-transfers/{transfer_id}/accept (202, no body)."""
    transfers_api.accept_transfer(
        req.cloud, req.ctx, req.params["transfer_id"], req.body()
    )
    return Reply(202)


def delete(req: ApiRequest) -> Reply:
    """DELETE /share-transfers/{transfer_id} (200)."""
    transfers_api.delete_transfer(
        req.cloud, req.ctx, req.params["transfer_id"]
    )
    return Reply(200)
