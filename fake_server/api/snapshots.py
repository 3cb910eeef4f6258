"""Plays manila/api/v2/share_snapshots.py and its views.

Also share_snapshot_export_locations.py, share_snapshot_instances.py,
share_snapshot_instance_export_locations.py and the share action
``revert`` (2.27) of shares.py.
"""

from __future__ import annotations

from typing import Any

from fake_server import errors
from fake_server.api import common
from fake_server.api.views import F, render
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.context import Context
from fake_server.share_api import common as share_common
from fake_server.share_api import snapshots as snapshot_api

Rec = dict[str, Any]


def _metadata(record: Rec, ctx: Context) -> Any:
    return dict(record.get("metadata") or {})


def _links(collection: str) -> Any:
    return common.links(collection)


SUMMARY = (F("id"), F("name"), F("links", source=_links("snapshots")))

DETAIL = (
    F("id"),
    F("share_id"),
    F("share_size"),
    F("created_at"),
    F("status"),
    F("name"),
    F("description"),
    F("size"),
    F("share_proto"),
    F("links", source=_links("snapshots")),
    F("provider_location", "2.12", admin=True),
    F("user_id", "2.17"),
    F("project_id", "2.17"),
    F("metadata", "2.73", source=_metadata),
)

ACCESS = (F("id"), F("access_type"), F("access_to"), F("state"))


#: Manila's links for a snapshot export location (with the URL's project)
_el_links = common.links("share_snapshot_export_locations")


EXPORT_LOCATION = (
    F("id"),
    F("path"),
    F("links", source=_el_links),
    F("share_snapshot_instance_id", admin=True),
    F("is_admin_only", admin=True),
)
EXPORT_LOCATION_DETAIL = EXPORT_LOCATION + (F("created_at"), F("updated_at"))

INSTANCE_SUMMARY = (
    F("id", source="instance_id"),
    F("snapshot_id", source="id"),
    F("status"),
)
INSTANCE_DETAIL = (
    F("id", source="instance_id"),
    F("snapshot_id", source="id"),
    F("created_at"),
    F("updated_at"),
    F("status"),
    F("share_id"),
    F("share_instance_id"),
    F("progress"),
    F("provider_location"),
)


def detail_view(record: Rec, req: ApiRequest) -> Rec:
    """One snapshot, detailed, at the request's version."""
    return render(record, DETAIL, req.ctx)


def _generic_not_found(fn: Any, *args: Any) -> Any:
    """Run ``fn``; a NotFound becomes webob's bare 404, as Manila's
    show/update/delete answer it."""
    try:
        return fn(*args)
    except errors.NotFound as exc:
        raise errors.NotFound() from exc


# -- list, show, create, update, delete ---------------------------------------


#: manila/api/schemas/share_snapshots.py index_request_query: the
#: versioned schemas are shallow copies sharing one ``properties`` dict,
#: so every version checks every property
INDEX_QUERY = {
    "limit": "uint",
    "offset": "uint",
    "sort_key": "str",
    "sort_dir": "any",
    "project_id": "str",
    "all_tenants": "bool",
    "name": "str",
    "description": "str",
    "status": "str",
    "share_id": "str",
    "size": "uint",
    "name~": "str",
    "description~": "str",
    "metadata": "str4096",
    "with_count": "bool",
}


def _list(req: ApiRequest, table: Any, detail: bool) -> Reply:
    if not detail:
        share_common.check_query_schema(req.query, INDEX_QUERY)
    query = req.flat_query()
    share_common.pagination_params(query)
    if not req.at_least("2.36"):
        for key in ("name~", "description~", "description"):
            query.pop(key, None)
    if not req.at_least("2.73"):
        query.pop("metadata", None)
    with_count = False
    if "with_count" in query:
        value = query.pop("with_count")
        # Manila drops it below 2.79 on /snapshots only; /detail keeps it
        if detail or req.at_least("2.79"):
            with_count = share_common.api_bool(value, "with_count")
    query.pop("marker", None)
    rows, total = snapshot_api.list_snapshots(req.cloud, req.ctx, query)
    body: Rec = {"snapshots": [render(r, table, req.ctx) for r in rows]}
    if with_count:
        body["count"] = total
    links = common.collection_links(req, rows, "snapshots")
    if links:
        body["share_snapshots_links"] = links
    return Reply(200, body)


def index(req: ApiRequest) -> Reply:
    """GET /snapshots"""
    return _list(req, SUMMARY, False)


def detail(req: ApiRequest) -> Reply:
    """GET /snapshots/detail"""
    return _list(req, DETAIL, True)


def show(req: ApiRequest) -> Reply:
    """GET /snapshots/{snapshot_id}"""
    record = _generic_not_found(
        snapshot_api.get, req.cloud, req.ctx, req.params["snapshot_id"]
    )
    return Reply(200, {"snapshot": detail_view(record, req)})


def create(req: ApiRequest) -> Reply:
    """POST /snapshots (202)."""
    body = req.body()
    if not isinstance(body, dict) or not isinstance(
        body.get("snapshot"), dict
    ):
        raise common.unprocessable()
    record = snapshot_api.create(req.cloud, req.ctx, dict(body["snapshot"]))
    return Reply(202, {"snapshot": detail_view(record, req)})


def update(req: ApiRequest) -> Reply:
    """PUT /snapshots/{snapshot_id}"""
    body = req.body()
    if not isinstance(body, dict) or not isinstance(
        body.get("snapshot"), dict
    ):
        raise common.unprocessable()
    record = _generic_not_found(
        snapshot_api.update,
        req.cloud,
        req.ctx,
        req.params["snapshot_id"],
        body["snapshot"],
    )
    return Reply(200, {"snapshot": detail_view(record, req)})


def delete(req: ApiRequest) -> Reply:
    """DELETE /snapshots/{snapshot_id} (202)."""
    _generic_not_found(
        snapshot_api.delete, req.cloud, req.ctx, req.params["snapshot_id"]
    )
    return Reply(202)


def manage(req: ApiRequest) -> Reply:
    """POST /snapshots/manage (2.12, admin, 202)."""
    body = req.body()
    data = body.get("snapshot") if isinstance(body, dict) else None
    record = snapshot_api.manage(req.cloud, req.ctx, data)
    return Reply(202, {"snapshot": detail_view(record, req)})


# -- actions ------------------------------------------------------------


def _action_body(req: ApiRequest) -> Any:
    body = req.body()
    return body[next(iter(body))]


def reset_status(req: ApiRequest) -> Reply:
    """Action ``reset_status`` (``os-reset_status`` before 2.7), 202."""
    _generic_not_found(
        snapshot_api.reset_status,
        req.cloud,
        req.ctx,
        req.params["snapshot_id"],
        _action_body(req),
    )
    return Reply(202)


def force_delete(req: ApiRequest) -> Reply:
    """Action ``force_delete`` (``os-force_delete`` before 2.7), 202."""
    _generic_not_found(
        snapshot_api.force_delete,
        req.cloud,
        req.ctx,
        req.params["snapshot_id"],
    )
    return Reply(202)


def unmanage(req: ApiRequest) -> Reply:
    """Action ``unmanage`` (2.12), 202."""
    snapshot_api.unmanage(req.cloud, req.ctx, req.params["snapshot_id"])
    return Reply(202)


def allow_access(req: ApiRequest) -> Reply:
    """Action ``allow_access`` (2.32), 202 with the new rule."""
    rule = snapshot_api.allow_access(
        req.cloud, req.ctx, req.params["snapshot_id"], req.body()
    )
    return Reply(202, {"snapshot_access": render(rule, ACCESS, req.ctx)})


def deny_access(req: ApiRequest) -> Reply:
    """Action ``deny_access`` (2.32), 202."""
    snapshot_api.deny_access(
        req.cloud, req.ctx, req.params["snapshot_id"], req.body()
    )
    return Reply(202)


def access_list(req: ApiRequest) -> Reply:
    """GET /snapshots/{snapshot_id}/access-list (2.32)."""
    rules = snapshot_api.access_list(
        req.cloud, req.ctx, req.params["snapshot_id"]
    )
    return Reply(
        200,
        {"snapshot_access_list": [render(r, ACCESS, req.ctx) for r in rules]},
    )


def revert(req: ApiRequest) -> Reply:
    """Share action ``revert`` (2.27), 202."""
    snapshot_api.revert(req.cloud, req.ctx, req.params["share_id"], req.body())
    return Reply(202)


# -- metadata (2.73) ----------------------------------------------------


def index_metadata(req: ApiRequest) -> Reply:
    """GET /snapshots/{snapshot_id}/metadata"""
    metadata = snapshot_api.get_metadata(
        req.cloud, req.ctx, req.params["snapshot_id"]
    )
    return Reply(200, {"metadata": metadata})


def create_metadata(req: ApiRequest) -> Reply:
    """POST /snapshots/{snapshot_id}/metadata (merge)."""
    metadata = snapshot_api.set_metadata(
        req.cloud, req.ctx, req.params["snapshot_id"], req.body(), False
    )
    return Reply(200, {"metadata": metadata})


def update_all_metadata(req: ApiRequest) -> Reply:
    """PUT /snapshots/{snapshot_id}/metadata (replace)."""
    metadata = snapshot_api.set_metadata(
        req.cloud, req.ctx, req.params["snapshot_id"], req.body(), True
    )
    return Reply(200, {"metadata": metadata})


def show_metadata(req: ApiRequest) -> Reply:
    """GET /snapshots/{snapshot_id}/metadata/{key}"""
    item = snapshot_api.get_metadata_item(
        req.cloud, req.ctx, req.params["snapshot_id"], req.params["key"]
    )
    return Reply(200, {"meta": item})


def update_metadata_item(req: ApiRequest) -> Reply:
    """POST /snapshots/{snapshot_id}/metadata/{key}"""
    item = snapshot_api.set_metadata_item(
        req.cloud,
        req.ctx,
        req.params["snapshot_id"],
        req.params["key"],
        req.body(),
    )
    return Reply(200, {"metadata": item})


def delete_metadata(req: ApiRequest) -> Reply:
    """DELETE /snapshots/{snapshot_id}/metadata/{key} (200)."""
    snapshot_api.delete_metadata_item(
        req.cloud, req.ctx, req.params["snapshot_id"], req.params["key"]
    )
    return Reply(200)


# -- export locations (2.32) --------------------------------------------


def export_locations(req: ApiRequest) -> Reply:
    """GET /snapshots/{snapshot_id}/export-locations"""
    rows = snapshot_api.export_locations(
        req.cloud, req.ctx, req.params["snapshot_id"]
    )
    return Reply(
        200,
        {
            "share_snapshot_export_locations": [
                render(r, EXPORT_LOCATION, req.ctx) for r in rows
            ]
        },
    )


def export_location(req: ApiRequest) -> Reply:
    """GET /snapshots/{snapshot_id}/export-locations/{export_location_id}"""
    record = snapshot_api.export_location(
        req.cloud,
        req.ctx,
        req.params["snapshot_id"],
        req.params["export_location_id"],
    )
    return Reply(
        200,
        {
            "share_snapshot_export_location": render(
                record, EXPORT_LOCATION_DETAIL, req.ctx
            )
        },
    )


# -- snapshot instances (2.19, admin) -----------------------------------------


def _instances(req: ApiRequest, table: Any, detail: bool) -> Reply:
    rows = snapshot_api.instances(
        req.cloud, req.ctx, req.q("snapshot_id"), detail
    )
    return Reply(
        200, {"snapshot_instances": [render(r, table, req.ctx) for r in rows]}
    )


def instance_index(req: ApiRequest) -> Reply:
    """GET /snapshot-instances"""
    return _instances(req, INSTANCE_SUMMARY, False)


def instance_detail(req: ApiRequest) -> Reply:
    """GET /snapshot-instances/detail"""
    return _instances(req, INSTANCE_DETAIL, True)


def instance_show(req: ApiRequest) -> Reply:
    """GET /snapshot-instances/{instance_id}"""
    record = snapshot_api.instance(
        req.cloud, req.ctx, req.params["instance_id"]
    )
    return Reply(
        200, {"snapshot_instance": render(record, INSTANCE_DETAIL, req.ctx)}
    )


def instance_reset_status(req: ApiRequest) -> Reply:
    """Snapshot instance action ``reset_status`` (202)."""
    body = _action_body(req)
    common.admin_action(
        req,
        "share_snapshot_instance:reset_status",
        lambda: snapshot_api.reset_instance_status(
            req.cloud, req.ctx, req.params["instance_id"], body
        ),
    )
    return Reply(202)


def instance_export_locations(req: ApiRequest) -> Reply:
    """GET /snapshot-instances/{instance_id}/export-locations (2.32)."""
    rows = snapshot_api.instance_export_locations(
        req.cloud, req.ctx, req.params["instance_id"]
    )
    return Reply(
        200,
        {
            "share_snapshot_export_locations": [
                render(r, EXPORT_LOCATION, req.ctx) for r in rows
            ]
        },
    )


def instance_export_location(req: ApiRequest) -> Reply:
    """GET /snapshot-instances/{instance_id}/export-locations/{el_id}."""
    record = snapshot_api.instance_export_location(
        req.cloud,
        req.ctx,
        req.params["instance_id"],
        req.params["export_location_id"],
    )
    return Reply(
        200,
        {
            "share_snapshot_export_location": render(
                record, EXPORT_LOCATION_DETAIL, req.ctx
            )
        },
    )
