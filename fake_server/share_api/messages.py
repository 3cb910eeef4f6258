"""Plays manila.message.api and its DB queries: user messages.

Messages are written by :meth:`fake_server.cloud.Cloud.user_message`
when an asynchronous operation fails; this module lists, shows and
deletes them with Manila's filters, sorting and project scoping.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from fake_server import errors, policy
from fake_server.context import Context
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

#: Manila's default ``message_ttl`` (seconds)
MESSAGE_TTL = 2592000
#: filters Manila matches exactly (plus the two time filters)
EXACT_FILTERS = (
    "request_id",
    "resource_type",
    "resource_id",
    "action_id",
    "detail_id",
    "message_level",
)
#: columns of Manila's messages table (valid sort keys)
SORT_KEYS = (
    "id",
    "project_id",
    "request_id",
    "resource_type",
    "resource_id",
    "action_id",
    "detail_id",
    "message_level",
    "expires_at",
    "created_at",
    "updated_at",
    "deleted_at",
    "deleted",
)


def _parse_time(value: str) -> datetime.datetime:
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    parsed = datetime.datetime.fromisoformat(text)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(datetime.UTC).replace(tzinfo=None)
    return parsed


def expires_at(created_at: str) -> str:
    """``created_at`` plus Manila's default message TTL (30 days)."""
    created = _parse_time(created_at)
    expiry = created + datetime.timedelta(seconds=MESSAGE_TTL)
    return expiry.isoformat(timespec="microseconds")


def stamp_expiry(record: Record) -> Record:
    """Set a new message's ``expires_at`` from its ``created_at``."""
    record["expires_at"] = expires_at(record["created_at"])
    return record


def _visible(ctx: Context, record: Record) -> bool:
    return ctx.is_admin or record.get("project_id") == ctx.project_id


def get(cloud: Cloud, ctx: Context, message_id: str) -> Record:
    """GET /messages/{id}: the caller's project's message (admins: any)."""
    policy.authorize(ctx, "message:get")
    record = cloud.store.get("messages", message_id)
    if record is None or not _visible(ctx, record):
        raise errors.NotFound(f"Message {message_id} could not be found.")
    return record


def delete(cloud: Cloud, ctx: Context, message_id: str) -> None:
    """DELETE /messages/{id} (204)."""
    policy.authorize(ctx, "message:delete")
    with cloud.store.lock:
        record = cloud.store.get("messages", message_id)
        if record is None or not _visible(ctx, record):
            raise errors.NotFound(f"Message {message_id} could not be found.")
        cloud.store.delete("messages", message_id)


def _non_negative(query: dict[str, str], name: str) -> int | None:
    if name not in query:
        return None
    value = query[name]
    if not value.isdigit():
        raise errors.BadRequest(
            f"Invalid input for query parameters {name}. Value: {value}. "
            f"'{value}' does not match '^[0-9]*$'"
        )
    return int(value)


def list_messages(
    cloud: Cloud, ctx: Context, query: dict[str, str]
) -> list[Record]:
    """GET /messages with Manila's filters, sort and limit/offset."""
    policy.authorize(ctx, "message:get_all")
    query = dict(query)
    limit = _non_negative(query, "limit")
    offset = _non_negative(query, "offset")
    sort_key = query.pop("sort_key", "created_at")
    sort_dir = query.pop("sort_dir", "desc")
    since = before = None
    if ctx.version < "2.52":
        query.pop("created_since", None)
        query.pop("created_before", None)
    else:
        for name in ("created_since", "created_before"):
            if name in query:
                try:
                    parsed = _parse_time(query[name])
                except ValueError as exc:
                    raise errors.BadRequest(
                        f"Invalid value specified for the query key: {name}"
                    ) from exc
                if name == "created_since":
                    since = parsed
                else:
                    before = parsed
    if sort_key not in SORT_KEYS:
        raise errors.BadRequest(
            f"Invalid input received: Invalid sort key {sort_key}."
        )

    def keep(record: Record) -> bool:
        if not _visible(ctx, record):
            return False
        for name in EXACT_FILTERS:
            if name in query and str(record.get(name)) != query[name]:
                return False
        created = _parse_time(record["created_at"])
        if since is not None and created < since:
            return False
        return not (before is not None and created > before)

    records = cloud.store.select("messages", keep)

    def sort_value(record: Record) -> tuple[bool, Any]:
        value = record.get(sort_key)
        return (value is None, "" if value is None else str(value))

    records.sort(key=sort_value, reverse=sort_dir == "desc")
    if offset:
        records = records[offset:]
    if limit is not None:
        records = records[: min(limit, 1000)]
    return records
