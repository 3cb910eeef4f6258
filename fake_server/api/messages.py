"""Plays manila/api/v2/messages.py and views/messages.py (2.37)."""

from __future__ import annotations

from typing import Any

from fake_server.api import common
from fake_server.api.views import F, render, render_all
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.context import Context
from fake_server.share_api import messages as message_api

Rec = dict[str, Any]


def _expires_at(record: Rec, ctx: Context) -> Any:
    return record.get("expires_at") or message_api.expires_at(
        record["created_at"]
    )


MESSAGE = (
    F("id"),
    F("project_id"),
    F("action_id"),
    F("detail_id"),
    F("message_level"),
    F("created_at"),
    F("expires_at", source=_expires_at),
    F("request_id"),
    F("links", source=common.links("messages")),
    F("resource_type"),
    F("resource_id"),
    F("user_message"),
)


def index(req: ApiRequest) -> Reply:
    """GET /messages."""
    records = message_api.list_messages(req.cloud, req.ctx, req.flat_query())
    items = render_all(records, MESSAGE, req.ctx)
    body: Rec = {"messages": items}
    links = common.collection_links(req, items, "messages")
    if links:
        body["messages_links"] = links
    return Reply(200, body)


def show(req: ApiRequest) -> Reply:
    """GET /messages/{message_id}."""
    record = message_api.get(req.cloud, req.ctx, req.params["message_id"])
    return Reply(200, {"message": render(record, MESSAGE, req.ctx)})


def delete(req: ApiRequest) -> Reply:
    """DELETE /messages/{message_id} (204)."""
    message_api.delete(req.cloud, req.ctx, req.params["message_id"])
    return Reply(204)
