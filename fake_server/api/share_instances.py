"""Plays manila/api/v2/share_instances.py, share_instance_export_locations.py
and views/share_instance.py (admin only; instances derive from shares)."""

from __future__ import annotations

from typing import Any

from fake_server.api import common, export_locations
from fake_server.api.views import F, render
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.context import Context
from fake_server.share_api import share_actions as api

Rec = dict[str, Any]


def _status(record: Rec, ctx: Context) -> Any:
    status = record.get("status")
    if status == "creating_from_snapshot" and ctx.version < "2.54":
        return "creating"
    return status


def _export_location(record: Rec, ctx: Context) -> Any:
    locations = record.get("export_locations") or []
    return locations[0]["path"] if locations else None


def _export_locations(record: Rec, ctx: Context) -> Any:
    return [el["path"] for el in record.get("export_locations") or []]


INSTANCE = (
    F("id"),
    F("share_id"),
    F("availability_zone"),
    F("created_at"),
    F("host"),
    F("status", source=_status),
    F("share_network_id"),
    F("share_server_id"),
    F("export_location", "2.0", "2.8", source=_export_location),
    F("export_locations", "2.0", "2.8", source=_export_locations),
    F("access_rules_status", "2.10"),
    F("replica_state", "2.11"),
    F("share_type_id", "2.22"),
    F("cast_rules_to_readonly", "2.30"),
    F("progress", "2.54"),
    F("updated_at", "2.71"),
)


def _list(req: ApiRequest, rows: list[Rec]) -> Reply:
    return Reply(
        200, {"share_instances": [render(r, INSTANCE, req.ctx) for r in rows]}
    )


def index(req: ApiRequest) -> Reply:
    """GET /share_instances (2.3; filters from 2.35 and 2.69)."""
    query = req.flat_query()
    if not req.at_least("2.35"):
        query.pop("export_location_id", None)
        query.pop("export_location_path", None)
    if not req.at_least("2.69"):
        query.pop("is_soft_deleted", None)
    return _list(req, api.list_instances(req.cloud, req.ctx, query))


def of_share(req: ApiRequest) -> Reply:
    """GET /shares/{share_id}/instances (2.3)."""
    return _list(
        req, api.instances_of_share(req.cloud, req.ctx, req.params["share_id"])
    )


def show(req: ApiRequest) -> Reply:
    """GET /share_instances/{instance_id} (2.3)."""
    instance = api.get_instance(req.cloud, req.ctx, req.params["instance_id"])
    return Reply(200, {"share_instance": render(instance, INSTANCE, req.ctx)})


def reset_status(req: ApiRequest) -> Reply:
    """``reset_status`` (2.7) / ``os-reset_status`` (2.3-2.6): 202."""
    body = req.body()
    value = body.get("reset_status", body.get("os-reset_status"))
    common.admin_action(
        req,
        "share_instance:reset_status",
        lambda: api.reset_instance_status(
            req.cloud, req.ctx, req.params["instance_id"], value
        ),
    )
    return Reply(202)


def force_delete(req: ApiRequest) -> Reply:
    """``force_delete`` (2.7) / ``os-force_delete`` (2.3-2.6): 202."""
    common.admin_action(
        req,
        "share_instance:force_delete",
        lambda: api.force_delete_instance(
            req.cloud, req.ctx, req.params["instance_id"]
        ),
    )
    return Reply(202)


def export_locations_index(req: ApiRequest) -> Reply:
    """GET /share_instances/{instance_id}/export_locations (2.9)."""
    rows = api.instance_export_locations(
        req.cloud, req.ctx, req.params["instance_id"]
    )
    return Reply(
        200,
        {
            "export_locations": [
                render(r, export_locations.SUMMARY, req.ctx) for r in rows
            ]
        },
    )


def export_location_show(req: ApiRequest) -> Reply:
    """GET /share_instances/{instance_id}/export_locations/{el_id}."""
    record = api.instance_export_location(
        req.cloud,
        req.ctx,
        req.params["instance_id"],
        req.params["export_location_id"],
    )
    return Reply(
        200,
        {"export_location": render(record, export_locations.DETAIL, req.ctx)},
    )
