"""Plays manila/api/v2/share_groups.py, share_group_types.py,
share_group_type_specs.py, share_group_snapshots.py and their views.

Every operation exists from 2.31; the route table serves 2.31-2.54 only
with the experimental header, 2.55 on without it.
"""

from __future__ import annotations

from typing import Any

from fake_server import errors
from fake_server.api import common
from fake_server.api.views import F, render, render_all
from fake_server.api.wsgi import A, ApiRequest, R, Reply, Route
from fake_server.context import Context
from fake_server.share_api import share_group_types as types_api
from fake_server.share_api import share_groups as groups_api

Rec = dict[str, Any]


# -- views --------------------------------------------------------------------


def _is_default(record: Rec, ctx: Context) -> Any:
    return record.get("_is_default", False)


GROUP_TYPE = (
    F("id"),
    F("name"),
    F("is_public"),
    F("group_specs", source=lambda r, c: dict(r.get("group_specs") or {})),
    F("share_types", source=lambda r, c: list(r.get("share_types") or [])),
    F("is_default", "2.46", source=_is_default),
)

GROUP_SUMMARY = (
    F("id"),
    F("name"),
    F("links", source=common.links("share-groups")),
)
GROUP = (
    F("id"),
    F("name"),
    F("created_at"),
    F("status"),
    F("description"),
    F("project_id"),
    F("host"),
    F("share_group_type_id"),
    F("source_share_group_snapshot_id"),
    F("share_network_id"),
    F("share_types", source=lambda r, c: list(r.get("share_types") or [])),
    F("links", source=common.links("share-groups")),
    F("availability_zone", "2.34"),
    F("consistent_snapshot_support", "2.34"),
    F("share_server_id", admin=True),
)

SNAPSHOT_SUMMARY = (
    F("id"),
    F("name"),
    F("links", source=common.links("share-group-snapshots")),
)


def _members(record: Rec, ctx: Context) -> Any:
    return [
        {"id": m["id"], "size": m["size"], "share_id": m["share_id"]}
        for m in record.get("_members", [])
    ]


SNAPSHOT = (
    F("id"),
    F("name"),
    F("created_at"),
    F("status"),
    F("description"),
    F("project_id"),
    F("share_group_id"),
    F("members", source=_members),
    F("links", source=common.links("share-group-snapshots")),
)
MEMBER = (
    F("id"),
    F("created_at"),
    F("size"),
    F("share_protocol", source="share_proto"),
    F("project_id"),
    F("share_group_snapshot_id"),
    F("share_id"),
)


def _type_view(req: ApiRequest, record: Rec) -> Rec:
    default = req.cloud.config.default_share_group_type
    shown = dict(
        record, _is_default=bool(default) and record.get("name") == default
    )
    return render(shown, GROUP_TYPE, req.ctx)


def _one_type(req: ApiRequest, record: Rec, status: int = 200) -> Reply:
    return Reply(status, {"share_group_type": _type_view(req, record)})


def _links(
    req: ApiRequest, rows: list[Rec], key: str, collection: str, body: Rec
) -> Rec:
    links = common.collection_links(req, rows, collection)
    if links:
        body[key] = links
    return body


# -- share group types --------------------------------------------------------


def types_index(req: ApiRequest) -> Reply:
    """GET /share-group-types."""
    records = types_api.list_types(req.cloud, req.ctx, req.flat_query())
    return Reply(
        200, {"share_group_types": [_type_view(req, r) for r in records]}
    )


def types_show(req: ApiRequest) -> Reply:
    """GET /share-group-types/{group_type_id}."""
    return _one_type(
        req,
        types_api.get_type(req.cloud, req.ctx, req.params["group_type_id"]),
    )


def types_no_method(req: ApiRequest) -> Reply:
    """GET /share-group-types/detail: wsgi.Resource's bare 404."""
    raise errors.NotFound()


def types_default(req: ApiRequest) -> Reply:
    """GET /share-group-types/default."""
    return _one_type(req, types_api.default_type(req.cloud, req.ctx))


def types_create(req: ApiRequest) -> Reply:
    """POST /share-group-types (200)."""
    return _one_type(
        req, types_api.create_type(req.cloud, req.ctx, req.body())
    )


def types_delete(req: ApiRequest) -> Reply:
    """DELETE /share-group-types/{group_type_id} (204)."""
    types_api.delete_type(req.cloud, req.ctx, req.params["group_type_id"])
    return Reply(204)


def types_access(req: ApiRequest) -> Reply:
    """GET /share-group-types/{group_type_id}/access."""
    record = types_api.access_list(
        req.cloud, req.ctx, req.params["group_type_id"]
    )
    return Reply(
        200,
        {
            "share_group_type_access": [
                {"share_group_type_id": record["id"], "project_id": project}
                for project in record.get("projects", [])
            ]
        },
    )


def types_add_access(req: ApiRequest) -> Reply:
    """Action ``addProjectAccess`` (202)."""
    types_api.add_access(
        req.cloud, req.ctx, req.params["group_type_id"], req.body()
    )
    return Reply(202)


def types_remove_access(req: ApiRequest) -> Reply:
    """Action ``removeProjectAccess`` (202)."""
    types_api.remove_access(
        req.cloud, req.ctx, req.params["group_type_id"], req.body()
    )
    return Reply(202)


def specs_index(req: ApiRequest) -> Reply:
    """GET /share-group-types/{group_type_id}/group-specs."""
    specs = types_api.get_specs(
        req.cloud, req.ctx, req.params["group_type_id"]
    )
    return Reply(200, {"group_specs": specs})


def specs_show(req: ApiRequest) -> Reply:
    """GET /share-group-types/{group_type_id}/group-specs/{key}."""
    return Reply(
        200,
        types_api.get_spec(
            req.cloud, req.ctx, req.params["group_type_id"], req.params["key"]
        ),
    )


def specs_create(req: ApiRequest) -> Reply:
    """POST /share-group-types/{group_type_id}/group-specs (200)."""
    return Reply(
        200,
        types_api.set_specs(
            req.cloud, req.ctx, req.params["group_type_id"], req.body()
        ),
    )


def specs_update(req: ApiRequest) -> Reply:
    """PUT /share-group-types/{group_type_id}/group-specs/{key} (200)."""
    return Reply(
        200,
        types_api.set_spec(
            req.cloud,
            req.ctx,
            req.params["group_type_id"],
            req.params["key"],
            req.body(),
        ),
    )


def specs_delete(req: ApiRequest) -> Reply:
    """DELETE /share-group-types/{group_type_id}/group-specs/{key} (204)."""
    types_api.delete_spec(
        req.cloud, req.ctx, req.params["group_type_id"], req.params["key"]
    )
    return Reply(204)


# -- share groups -------------------------------------------------------------


def _group_list(req: ApiRequest, table: tuple[Any, ...]) -> Reply:
    rows = groups_api.list_groups(req.cloud, req.ctx, req.flat_query())
    body = {"share_groups": render_all(rows, table, req.ctx)}
    return Reply(
        200, _links(req, rows, "share_groups_links", "share-groups", body)
    )


def groups_index(req: ApiRequest) -> Reply:
    """GET /share-groups."""
    return _group_list(req, GROUP_SUMMARY)


def groups_detail(req: ApiRequest) -> Reply:
    """GET /share-groups/detail."""
    return _group_list(req, GROUP)


def _group(req: ApiRequest, record: Rec, status: int = 200) -> Reply:
    return Reply(status, {"share_group": render(record, GROUP, req.ctx)})


def groups_show(req: ApiRequest) -> Reply:
    """GET /share-groups/{share_group_id}."""
    return _group(
        req,
        groups_api.get_group(req.cloud, req.ctx, req.params["share_group_id"]),
    )


def groups_create(req: ApiRequest) -> Reply:
    """POST /share-groups (202)."""
    return _group(
        req, groups_api.create_group(req.cloud, req.ctx, req.body()), 202
    )


def groups_update(req: ApiRequest) -> Reply:
    """PUT /share-groups/{share_group_id}."""
    return _group(
        req,
        groups_api.update_group(
            req.cloud, req.ctx, req.params["share_group_id"], req.body()
        ),
    )


def groups_delete(req: ApiRequest) -> Reply:
    """DELETE /share-groups/{share_group_id} (202)."""
    groups_api.delete_group(req.cloud, req.ctx, req.params["share_group_id"])
    return Reply(202)


def groups_reset_status(req: ApiRequest) -> Reply:
    """Action ``reset_status`` (admin, 202)."""
    body = req.body()
    common.admin_action(
        req,
        "share_group:reset_status",
        lambda: groups_api.reset_group_status(
            req.cloud, req.ctx, req.params["share_group_id"], body
        ),
    )
    return Reply(202)


def groups_force_delete(req: ApiRequest) -> Reply:
    """Action ``force_delete`` (admin, 202)."""
    common.admin_action(
        req,
        "share_group:force_delete",
        lambda: groups_api.force_delete_group(
            req.cloud, req.ctx, req.params["share_group_id"]
        ),
    )
    return Reply(202)


# -- share group snapshots ----------------------------------------------------


def _with_members(req: ApiRequest, record: Rec) -> Rec:
    return dict(
        record, _members=groups_api.members_of(req.cloud, record["id"])
    )


def _snapshot_list(req: ApiRequest, detail: bool) -> Reply:
    rows = groups_api.list_snapshots(req.cloud, req.ctx, req.flat_query())
    if detail:
        views = [
            render(_with_members(req, r), SNAPSHOT, req.ctx) for r in rows
        ]
    else:
        views = render_all(rows, SNAPSHOT_SUMMARY, req.ctx)
    body = {"share_group_snapshots": views}
    return Reply(
        200,
        _links(
            req,
            rows,
            "share_group_snapshot_links",
            "share-group-snapshots",
            body,
        ),
    )


def snapshots_index(req: ApiRequest) -> Reply:
    """GET /share-group-snapshots."""
    return _snapshot_list(req, False)


def snapshots_detail(req: ApiRequest) -> Reply:
    """GET /share-group-snapshots/detail."""
    return _snapshot_list(req, True)


def _snapshot(req: ApiRequest, record: Rec, status: int = 200) -> Reply:
    return Reply(
        status, {"share_group_snapshot": render(record, SNAPSHOT, req.ctx)}
    )


def snapshots_show(req: ApiRequest) -> Reply:
    """GET /share-group-snapshots/{group_snapshot_id}."""
    record = groups_api.get_snapshot(
        req.cloud, req.ctx, req.params["group_snapshot_id"]
    )
    return _snapshot(req, _with_members(req, record))


def snapshots_members(req: ApiRequest) -> Reply:
    """GET /share-group-snapshots/{group_snapshot_id}/members."""
    rows = groups_api.list_members(
        req.cloud,
        req.ctx,
        req.params["group_snapshot_id"],
        req.flat_query(),
    )
    return Reply(
        200,
        {"share_group_snapshot_members": render_all(rows, MEMBER, req.ctx)},
    )


def snapshots_create(req: ApiRequest) -> Reply:
    """POST /share-group-snapshots (202); the answer lists no members, as
    Manila renders the record it made before adding them."""
    record = groups_api.create_snapshot(req.cloud, req.ctx, req.body())
    return _snapshot(req, record, 202)


def snapshots_update(req: ApiRequest) -> Reply:
    """PUT /share-group-snapshots/{group_snapshot_id}."""
    record = groups_api.update_snapshot(
        req.cloud, req.ctx, req.params["group_snapshot_id"], req.body()
    )
    return _snapshot(req, _with_members(req, record))


def snapshots_delete(req: ApiRequest) -> Reply:
    """DELETE /share-group-snapshots/{group_snapshot_id} (202)."""
    groups_api.delete_snapshot(
        req.cloud, req.ctx, req.params["group_snapshot_id"]
    )
    return Reply(202)


def snapshots_reset_status(req: ApiRequest) -> Reply:
    """Action ``reset_status`` (admin, 202)."""
    body = req.body()
    common.admin_action(
        req,
        "share_group_snapshot:reset_status",
        lambda: groups_api.reset_snapshot_status(
            req.cloud, req.ctx, req.params["group_snapshot_id"], body
        ),
    )
    return Reply(202)


def snapshots_force_delete(req: ApiRequest) -> Reply:
    """Action ``force_delete`` (admin, 202)."""
    common.admin_action(
        req,
        "share_group_snapshot:force_delete",
        lambda: groups_api.force_delete_snapshot(
            req.cloud, req.ctx, req.params["group_snapshot_id"]
        ),
    )
    return Reply(202)


# -- routes -------------------------------------------------------------------

#: last experimental microversion and the graduation one
EXPERIMENTAL_MAX = "2.54"
GA = "2.55"
GT = "/share-group-types"
GT_ONE = GT + "/{group_type_id}"
SG = "/share-groups"
SG_ONE = SG + "/{share_group_id}"
SGS = "/share-group-snapshots"
SGS_ONE = SGS + "/{group_snapshot_id}"


def _both(
    method: str,
    template: str,
    handler: Any,
    action: str | None = None,
    *,
    body: str = "required",
) -> list[Route]:
    """The experimental (2.31-2.54) and GA (2.55+) rows of a route."""
    if action is not None:
        return [
            A(
                template,
                action,
                handler,
                "2.31",
                EXPERIMENTAL_MAX,
                experimental=True,
            ),
            A(template, action, handler, GA),
        ]
    return [
        R(
            method,
            template,
            handler,
            "2.31",
            EXPERIMENTAL_MAX,
            experimental=True,
            body=body,
        ),
        R(method, template, handler, GA, body=body),
    ]


#: rows of fake_server.routes for this area (collection paths first)
ROUTES: list[Route] = [
    *_both("GET", GT, types_index),
    *_both("GET", GT + "/default", types_default),
    # routed by Manila (collection "detail") to a method the controller
    # lacks: a bare 404 at every version
    R("GET", GT + "/detail", types_no_method),
    *_both("POST", GT, types_create),
    *_both("GET", GT_ONE, types_show),
    *_both("DELETE", GT_ONE, types_delete),
    *_both("GET", GT_ONE + "/access", types_access),
    *_both("POST", GT_ONE + "/action", types_add_access, "addProjectAccess"),
    *_both(
        "POST", GT_ONE + "/action", types_remove_access, "removeProjectAccess"
    ),
    *_both("GET", GT_ONE + "/group-specs", specs_index),
    *_both("POST", GT_ONE + "/group-specs", specs_create, body="optional"),
    *_both("GET", GT_ONE + "/group-specs/{key}", specs_show),
    *_both(
        "PUT", GT_ONE + "/group-specs/{key}", specs_update, body="optional"
    ),
    *_both("DELETE", GT_ONE + "/group-specs/{key}", specs_delete),
    *_both("GET", SG, groups_index),
    *_both("GET", SG + "/detail", groups_detail),
    *_both("POST", SG, groups_create),
    *_both("GET", SG_ONE, groups_show),
    *_both("PUT", SG_ONE, groups_update),
    *_both("DELETE", SG_ONE, groups_delete),
    *_both("POST", SG_ONE + "/action", groups_reset_status, "reset_status"),
    *_both("POST", SG_ONE + "/action", groups_force_delete, "force_delete"),
    *_both("GET", SGS, snapshots_index),
    *_both("GET", SGS + "/detail", snapshots_detail),
    *_both("POST", SGS, snapshots_create),
    *_both("GET", SGS_ONE, snapshots_show),
    *_both("PUT", SGS_ONE, snapshots_update),
    *_both("DELETE", SGS_ONE, snapshots_delete),
    *_both("GET", SGS_ONE + "/members", snapshots_members),
    *_both(
        "POST", SGS_ONE + "/action", snapshots_reset_status, "reset_status"
    ),
    *_both(
        "POST", SGS_ONE + "/action", snapshots_force_delete, "force_delete"
    ),
]
