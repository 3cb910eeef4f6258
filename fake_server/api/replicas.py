"""Plays manila/api/v2/share_replicas.py, share_replica_export_locations.py
and views/share_replicas.py: the share replica API (2.11; experimental
until 2.55)."""

from __future__ import annotations

from typing import Any

from fake_server.api import common
from fake_server.api import export_locations as el_views
from fake_server.api.share_actions import _action
from fake_server.api.views import F, render
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.context import Context
from fake_server.share_api import replicas as api

Rec = dict[str, Any]


def _metadata(record: Rec, ctx: Context) -> Any:
    return dict(record.get("metadata") or {})


def _cast_rules(record: Rec, ctx: Context) -> Any:
    return bool(record.get("cast_rules_to_readonly", False))


SUMMARY = (F("id"), F("share_id"), F("status"), F("replica_state"))

DETAIL = (
    F("id"),
    F("share_id"),
    F("availability_zone"),
    F("created_at"),
    F("status"),
    F("share_network_id"),
    F("replica_state"),
    F("updated_at"),
    F("share_server_id", admin=True),
    F("host", admin=True),
    F("cast_rules_to_readonly", "2.30", admin=True, source=_cast_rules),
    F("metadata", "2.95", source=_metadata),
)

#: a replica export location (views/export_locations.py, replica=True)
EL_SUMMARY = el_views.SUMMARY + (
    F("replica_state", source="_replica_state"),
    F("availability_zone", source="_availability_zone"),
)
EL_DETAIL = el_views.SUMMARY + (
    F("created_at"),
    F("updated_at"),
    F("replica_state", source="_replica_state"),
    F("availability_zone", source="_availability_zone"),
)


def detail_view(record: Rec, req: ApiRequest) -> Rec:
    """One replica, detailed, at the request's version."""
    return render(record, DETAIL, req.ctx)


def _list(req: ApiRequest, table: Any) -> Reply:
    rows = api.list_replicas(req.cloud, req.ctx, req.flat_query())
    body: Rec = {"share_replicas": [render(r, table, req.ctx) for r in rows]}
    links = common.collection_links(req, rows, "share-replicas")
    if links:
        body["share_replica_links"] = links
    return Reply(200, body)


def index(req: ApiRequest) -> Reply:
    """GET /share-replicas"""
    return _list(req, SUMMARY)


def detail(req: ApiRequest) -> Reply:
    """GET /share-replicas/detail"""
    return _list(req, DETAIL)


def show(req: ApiRequest) -> Reply:
    """GET /share-replicas/{replica_id}"""
    record = api.show(req.cloud, req.ctx, req.params["replica_id"])
    return Reply(200, {"share_replica": detail_view(record, req)})


def create(req: ApiRequest) -> Reply:
    """POST /share-replicas (202)."""
    record = api.create(
        req.cloud,
        req.ctx,
        req.body(),
        allow_hints=req.at_least("2.67"),
        allow_metadata=req.at_least("2.95"),
        allow_network=req.at_least("2.72"),
    )
    return Reply(202, {"share_replica": detail_view(record, req)})


def delete(req: ApiRequest) -> Reply:
    """DELETE /share-replicas/{replica_id} (202)."""
    api.delete(req.cloud, req.ctx, req.params["replica_id"])
    return Reply(202)


# -- actions --------------------------------------------------------------


def promote(req: ApiRequest) -> Reply:
    """``promote``: 202 with the replica, 200 if it is already active."""
    _, value = _action(req)
    quiesce = api.parse_quiesce(value, req.at_least("2.75"))
    record = api.promote(req.cloud, req.ctx, req.params["replica_id"], quiesce)
    if record is None:
        return Reply(200)
    return Reply(202, {"share_replica": detail_view(record, req)})


def resync(req: ApiRequest) -> Reply:
    """``resync`` (admin): 202, 200 if the replica is active."""
    _action(req)
    started = api.resync(req.cloud, req.ctx, req.params["replica_id"])
    return Reply(202 if started else 200)


def reset_status(req: ApiRequest) -> Reply:
    """``reset_status`` (admin): 202."""
    _, value = _action(req)
    common.admin_action(
        req,
        "share_replica:reset_status",
        lambda: api.reset_status(
            req.cloud, req.ctx, req.params["replica_id"], value
        ),
    )
    return Reply(202)


def reset_replica_state(req: ApiRequest) -> Reply:
    """``reset_replica_state`` (admin): 202."""
    _, value = _action(req)
    common.admin_action(
        req,
        "share_replica:reset_replica_state",
        lambda: api.reset_replica_state(
            req.cloud, req.ctx, req.params["replica_id"], value
        ),
    )
    return Reply(202)


def force_delete(req: ApiRequest) -> Reply:
    """``force_delete`` (admin): 202."""
    _action(req)
    common.admin_action(
        req,
        "share_replica:force_delete",
        lambda: api.force_delete(req.cloud, req.ctx, req.params["replica_id"]),
    )
    return Reply(202)


# -- export locations (2.47) --------------------------------------------------


def _with_replica(el: Rec, replica: Rec) -> Rec:
    return dict(
        el,
        _replica_state=replica.get("replica_state"),
        _availability_zone=replica.get("availability_zone"),
    )


def export_locations_index(req: ApiRequest) -> Reply:
    """GET /share-replicas/{replica_id}/export-locations"""
    replica, rows = api.export_locations(
        req.cloud, req.ctx, req.params["replica_id"]
    )
    return Reply(
        200,
        {
            "export_locations": [
                render(_with_replica(el, replica), EL_SUMMARY, req.ctx)
                for el in rows
            ]
        },
    )


def export_location_show(req: ApiRequest) -> Reply:
    """GET /share-replicas/{replica_id}/export-locations/{el_id}"""
    replica, el = api.export_location(
        req.cloud,
        req.ctx,
        req.params["replica_id"],
        req.params["export_location_id"],
    )
    return Reply(
        200,
        {
            "export_location": render(
                _with_replica(el, replica), EL_DETAIL, req.ctx
            )
        },
    )


# -- metadata (2.95) ----------------------------------------------------------


def index_metadata(req: ApiRequest) -> Reply:
    """GET /share-replicas/{replica_id}/metadata"""
    metadata = api.get_metadata(req.cloud, req.ctx, req.params["replica_id"])
    return Reply(200, {"metadata": metadata})


def create_metadata(req: ApiRequest) -> Reply:
    """POST /share-replicas/{replica_id}/metadata (merge)."""
    metadata = api.set_metadata(
        req.cloud, req.ctx, req.params["replica_id"], req.body(), False
    )
    return Reply(200, {"metadata": metadata})


def update_all_metadata(req: ApiRequest) -> Reply:
    """PUT /share-replicas/{replica_id}/metadata (replace)."""
    metadata = api.set_metadata(
        req.cloud, req.ctx, req.params["replica_id"], req.body(), True
    )
    return Reply(200, {"metadata": metadata})


def show_metadata(req: ApiRequest) -> Reply:
    """GET /share-replicas/{replica_id}/metadata/{key}"""
    item = api.get_metadata_item(
        req.cloud, req.ctx, req.params["replica_id"], req.params["key"]
    )
    return Reply(200, {"meta": item})


def update_metadata_item(req: ApiRequest) -> Reply:
    """POST /share-replicas/{replica_id}/metadata/{key}"""
    item = api.set_metadata_item(
        req.cloud,
        req.ctx,
        req.params["replica_id"],
        req.params["key"],
        req.body(),
    )
    return Reply(200, {"metadata": item})


def delete_metadata(req: ApiRequest) -> Reply:
    """DELETE /share-replicas/{replica_id}/metadata/{key} (200)."""
    api.delete_metadata_item(
        req.cloud, req.ctx, req.params["replica_id"], req.params["key"]
    )
    return Reply(200)
