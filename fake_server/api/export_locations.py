"""Plays manila/api/v2/share_export_locations.py and its view."""

from __future__ import annotations

from typing import Any

from fake_server import errors
from fake_server.api import common
from fake_server.api.views import F, render
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.context import Context
from fake_server.share_api import replicas as replicas_api
from fake_server.share_api import shares as share_api

Rec = dict[str, Any]


def _metadata(record: Rec, ctx: Context) -> Any:
    # the view leaves ``preferred`` out of the metadata (its own field)
    metadata = dict(record.get("metadata") or {})
    metadata.pop("preferred", None)
    return metadata


SUMMARY = (
    F("id"),
    F("path"),
    F("preferred", "2.14"),
    F("metadata", "2.87", source=_metadata),
    F("share_instance_id", admin=True),
    F("is_admin_only", admin=True),
)
DETAIL = SUMMARY + (F("created_at"), F("updated_at"))


def _visible(record: Rec, ctx: Context) -> bool:
    return ctx.is_admin or not record.get("is_admin_only")


def _share(req: ApiRequest) -> Rec:
    share_id = req.params["share_id"]
    try:
        share = share_api.get(req.cloud, req.ctx, share_id)
    except errors.NotFound as exc:
        raise errors.NotFound(f"Share '{share_id}' not found.") from exc
    # Manila lists a soft-deleted share's export locations too
    return share


def _all_instances(req: ApiRequest, share: Rec) -> list[Rec]:
    """The export locations of every instance of ``share`` the request
    sees, ordered by ``updated_at`` as Manila's query orders them.

    From 2.47 Manila leaves out those of secondary replicas (replica
    state other than ``active``); before, every replica's are listed.
    The share record holds the active instance's; a migration's
    destination instance is never listed (and is not a replica).
    """
    rows = list(share.get("export_locations", []))
    if req.ctx.version < "2.47" and share.get("replication_type"):
        for replica in replicas_api.replicas_of(req.cloud, share["id"]):
            if replica["id"] != share.get("instance_id"):
                rows.extend(replica.get("export_locations") or [])
        rows.sort(key=lambda r: str(r.get("updated_at") or ""))
    return rows


def index(req: ApiRequest) -> Reply:
    """GET /shares/{share_id}/export_locations (2.9)."""
    share = _share(req)
    common.authorize(req, "share_export_location:index", share["project_id"])
    rows = [r for r in _all_instances(req, share) if _visible(r, req.ctx)]
    return Reply(
        200, {"export_locations": [render(r, SUMMARY, req.ctx) for r in rows]}
    )


def find(
    share: Rec, el_id: str, ctx: Context, rows: list[Rec] | None = None
) -> Rec:
    """An export location of a share (among ``rows``, by default the
    active instance's): 404 if none, 403 if admin-only."""
    if rows is None:
        rows = share.get("export_locations", [])
    for record in rows:
        if record["id"] == el_id:
            if not _visible(record, ctx):
                # Manila finds it, then refuses it to non-admins
                raise errors.Forbidden()
            return record
    raise errors.NotFound(f"Export location '{el_id}' not found.")


def show(req: ApiRequest) -> Reply:
    """GET /shares/{share_id}/export_locations/{export_location_id}."""
    share = _share(req)
    common.authorize(req, "share_export_location:show", share["project_id"])
    record = find(
        share,
        req.params["export_location_id"],
        req.ctx,
        _all_instances(req, share),
    )
    return Reply(200, {"export_location": render(record, DETAIL, req.ctx)})
