"""Plays manila/api/v2/shares.py and views/shares.py: the share API."""

from __future__ import annotations

from typing import Any

from fake_server import errors
from fake_server.api import common
from fake_server.api.views import F, render
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.context import Context
from fake_server.share_api import shares as share_api

Rec = dict[str, Any]


def _share_type(record: Rec, ctx: Context) -> Any:
    if ctx.version < "2.6":
        return record.get("share_type_name") or record.get("share_type_id")
    return record.get("share_type_id")


def _status(record: Rec, ctx: Context) -> Any:
    status = record.get("status")
    if status == "creating_from_snapshot" and ctx.version < "2.54":
        return "creating"
    return status


def _rules_status(record: Rec, ctx: Context) -> Any:
    status = record.get("access_rules_status")
    if status == "syncing" and ctx.version < "2.28":
        return "out_of_sync"
    return status


def _export_location(record: Rec, ctx: Context) -> Any:
    locations = record.get("export_locations") or []
    return locations[0]["path"] if locations else None


def _export_locations(record: Rec, ctx: Context) -> Any:
    return [el["path"] for el in record.get("export_locations") or []]


def _volume_type(record: Rec, ctx: Context) -> Any:
    return record.get("share_type_name") or record.get("share_type_id")


def _metadata(record: Rec, ctx: Context) -> Any:
    return dict(record.get("metadata") or {})


def _is_public(record: Rec, ctx: Context) -> bool:
    return bool(record.get("is_public"))


SUMMARY = (F("id"), F("name"), F("links", source=common.links("shares")))

DETAIL = (
    F("id"),
    F("size"),
    F("availability_zone"),
    F("created_at"),
    F("status", source=_status),
    F("name"),
    F("description"),
    F("project_id"),
    F("snapshot_id"),
    F("share_network_id"),
    F("share_proto"),
    F("export_location", "2.0", "2.8", source=_export_location),
    F("export_locations", "2.0", "2.8", source=_export_locations),
    F("metadata", source=_metadata),
    F("share_type", source=_share_type),
    F("volume_type", source=_volume_type),
    F("links", source=common.links("shares")),
    F("is_public", source=_is_public),
    F("snapshot_support", "2.2"),
    F("task_state", "2.5"),
    F("share_type_name", "2.6"),
    F("access_rules_status", "2.10", source=_rules_status),
    F("replication_type", "2.11"),
    F("has_replicas", "2.11"),
    F("user_id", "2.16"),
    F("create_share_from_snapshot_support", "2.24"),
    F("revert_to_snapshot_support", "2.27"),
    F("share_group_id", "2.31"),
    F("source_share_group_snapshot_member_id", "2.31"),
    F("mount_snapshot_support", "2.32"),
    F("progress", "2.54"),
    F("is_soft_deleted", "2.69"),
    F("scheduled_to_be_deleted_at", "2.69"),
    F("source_backup_id", "2.80"),
    F("encryption_key_ref", "2.90"),
    F("snapshot_inherit_share_access_support", "2.99"),
    F("share_server_id", admin=True),
    F("host", admin=True),
)


def detail_view(record: Rec, req: ApiRequest) -> Rec:
    """One share, detailed, at the request's version."""
    return render(record, DETAIL, req.ctx)


def _list(req: ApiRequest, table: Any) -> Reply:
    query = req.flat_query()
    if not req.at_least("2.35"):
        query.pop("export_location_id", None)
        query.pop("export_location_path", None)
    if not req.at_least("2.36"):
        for key in ("name~", "description~", "description"):
            query.pop(key, None)
    with_count = False
    if "with_count" in query:
        value = query.pop("with_count")
        # Manila drops with_count before 2.42 from GET /shares only; the
        # detailed list honours it at every version
        if req.at_least("2.42") or table is DETAIL:
            with_count = _api_bool(value, "with_count")
    if not req.at_least("2.69"):
        query.pop("is_soft_deleted", None)
    if not req.at_least("2.97"):
        query.pop("availability_zone", None)
    query.pop("marker", None)  # Manila's share list does not page by marker
    rows, total = share_api.list_shares(req.cloud, req.ctx, query, with_count)
    body: Rec = {
        "shares": [render(r, table, req.ctx) for r in rows],
    }
    links = common.collection_links(req, rows, "shares")
    if with_count:
        body["count"] = total
    if links:
        body["shares_links"] = links
    return Reply(200, body)


def _api_bool(value: str, name: str) -> bool:
    """A boolean query parameter read as Manila's get_bool_from_api_params."""
    text = value.strip().lower()
    if text in ("1", "t", "true", "on", "y", "yes"):
        return True
    if text in ("0", "f", "false", "off", "n", "no"):
        return False
    raise errors.BadRequest(
        f"Invalid value {value} for {name}. Expecting a boolean."
    )


def index(req: ApiRequest) -> Reply:
    """GET /shares"""
    return _list(req, SUMMARY)


def detail(req: ApiRequest) -> Reply:
    """GET /shares/detail"""
    return _list(req, DETAIL)


def show(req: ApiRequest) -> Reply:
    """GET /shares/{share_id}"""
    # Manila checks share:get against the caller's own project; another
    # project's share is then visible only when public (share/api.py get)
    common.authorize(req, "share:get")
    # Manila's controller turns every NotFound into a bare HTTPNotFound
    try:
        share = share_api.get(req.cloud, req.ctx, req.params["share_id"])
    except errors.NotFound as exc:
        raise errors.NotFound() from exc
    return Reply(200, {"share": detail_view(share, req)})


_CREATE_KEYS = {
    "2.0": {
        "share_proto",
        "size",
        "name",
        "description",
        "display_name",
        "display_description",
        "snapshot_id",
        "share_network_id",
        "share_type",
        "volume_type",
        "availability_zone",
        "metadata",
        "is_public",
        "consistency_group_id",
    },
}


def create(req: ApiRequest) -> Reply:
    """POST /shares (answers 200, as Manila)."""
    body = req.body()
    if not isinstance(body, dict) or not isinstance(body.get("share"), dict):
        raise common.unprocessable()
    share = dict(body["share"])
    if not req.at_least("2.31"):
        share.pop("share_group_id", None)
    if not req.at_least("2.65"):
        share.pop("scheduler_hints", None)
    elif not req.at_least("2.67") and isinstance(
        share.get("scheduler_hints"), dict
    ):
        share["scheduler_hints"].pop("only_host", None)
    if not req.at_least("2.84"):
        share.pop("mount_point_name", None)
    if not req.at_least("2.90"):
        share.pop("encryption_key_ref", None)
    record = share_api.create(req.cloud, req.ctx, share)
    return Reply(200, {"share": detail_view(record, req)})


def update(req: ApiRequest) -> Reply:
    """PUT /shares/{share_id}"""
    raw = req.body()
    if not raw or not isinstance(raw, dict) or "share" not in raw:
        raise common.unprocessable()
    body = req.body_of("share")
    try:
        record = share_api.update(
            req.cloud, req.ctx, req.params["share_id"], body
        )
    except errors.NotFound as exc:
        raise errors.NotFound() from exc
    return Reply(200, {"share": detail_view(record, req)})


def delete(req: ApiRequest) -> Reply:
    """DELETE /shares/{share_id} (202)."""
    # Controller.authorize: share:delete on the caller's own project
    common.authorize(req, "share:delete")
    try:
        share_api.delete(
            req.cloud,
            req.ctx,
            req.params["share_id"],
            req.q("share_group_id"),
        )
    except errors.NotFound as exc:
        raise errors.NotFound() from exc
    return Reply(202)
