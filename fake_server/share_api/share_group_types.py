"""Plays manila.share_group.share_group_types and its DB API.

Share group types: the share types a group may hold, group specs and the
project access list of private group types, with the checks and messages
of ``manila/api/v2/share_group_types.py`` and
``share_group_type_specs.py``.

A record is ``{id, name, is_public, group_specs, share_types (ids),
projects}``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fake_server import errors, policy
from fake_server.context import Context
from fake_server.share_api import common, type_access, types
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

TABLE = "share_group_types"
GENERIC_BAD_REQUEST = types.GENERIC_BAD_REQUEST
_KEY_NAME = re.compile(r"^[\w\.\-\:\_]+$", re.UNICODE)


# -- lookups -----------------------------------------------------------------


def may_see(ctx: Context, group_type: Record) -> bool:
    """Manila's group type visibility: admin, public or granted."""
    return bool(
        ctx.is_admin
        or group_type.get("is_public")
        or ctx.project_id in group_type.get("projects", [])
    )


def by_id(cloud: Cloud, ctx: Context, type_id: str) -> Record | None:
    """The group type ``type_id`` if the caller may see it."""
    record = cloud.store.get(TABLE, type_id)
    if record is not None and may_see(ctx, record):
        return record
    return None


def by_name(cloud: Cloud, name: str) -> Record | None:
    """The group type called ``name`` (no visibility check, as Manila)."""
    for record in cloud.store.select(TABLE):
        if record["name"] == name:
            return record
    return None


def default(cloud: Cloud) -> Record | None:
    """The configured default group type, if it exists."""
    name = cloud.config.default_share_group_type
    return by_name(cloud, name) if name else None


# -- types -------------------------------------------------------------------


def list_types(
    cloud: Cloud, ctx: Context, query: dict[str, str]
) -> list[Record]:
    """GET /share-group-types: ``is_public`` (admin) and ``group_specs``
    (2.66) filters; sorted by name."""
    policy.authorize(ctx, "share_group_type:index")
    is_public: bool | None = True
    if ctx.is_admin:
        is_public = types.parse_is_public(query.get("is_public"))
    raw_specs = query.get("group_specs")
    specs: dict[str, Any] = {}
    if raw_specs:
        if ctx.version < "2.66":
            raise errors.BadRequest(
                "Filter by 'group_specs' is not supported by this "
                "microversion. Use 2.66 or greater microversion to be able "
                "to use filter search by 'group_specs."
            )
        specs = common.parse_dict_param(raw_specs, "group_specs")

    def keep(record: Record) -> bool:
        if not may_see(ctx, record):
            return False
        if is_public is True:
            if not (
                record["is_public"]
                or ctx.project_id in record.get("projects", [])
            ):
                return False
        elif is_public is False and record["is_public"]:
            return False
        own = record.get("group_specs") or {}
        return all(k in own and own[k] == v for k, v in specs.items())

    return sorted(cloud.store.select(TABLE, keep), key=lambda t: t["name"])


def get_type(cloud: Cloud, ctx: Context, type_id: str) -> Record:
    """GET /share-group-types/{id}."""
    policy.authorize(ctx, "share_group_type:show")
    record = by_id(cloud, ctx, type_id)
    if record is None:
        raise errors.NotFound(f"Share group type with id {type_id} not found.")
    return record


def default_type(cloud: Cloud, ctx: Context) -> Record:
    """GET /share-group-types/default."""
    policy.authorize(ctx, "share_group_type:default")
    record = default(cloud)
    if record is None:
        raise errors.NotFound("Default share group type not found.")
    return record


def _share_type_ids(cloud: Cloud, ctx: Context, refs: Any) -> list[str]:
    if not refs:
        raise errors.BadRequest("Supported share types must be provided.")
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        raise errors.BadRequest(GENERIC_BAD_REQUEST)
    ids: list[str] = []
    for ref in refs:
        share_type = types.by_name_or_id(cloud, ctx, ref)
        if share_type is None:
            raise errors.NotFound(f"Share Type {ref} does not exist.")
        ids.append(share_type["id"])
    return ids


def create_type(cloud: Cloud, ctx: Context, body: Any) -> Record:
    """POST /share-group-types (200): validate, refuse duplicates."""
    policy.authorize(ctx, "share_group_type:create")
    params = body.get("share_group_type") if isinstance(body, dict) else None
    if not isinstance(params, dict):
        raise errors.BadRequest(GENERIC_BAD_REQUEST)
    name = params.get("name")
    specs = params.get("group_specs", {})
    raw_public = params.get("is_public", True)
    if not params.get("share_types"):
        raise errors.BadRequest("Supported share types must be provided.")
    if not isinstance(name, str) or name == "" or len(name) > 255:
        raise errors.BadRequest("Share group type name is not valid.")
    if not (specs is None or isinstance(specs, dict)):
        raise errors.BadRequest(
            "Group specs can be either of 'None' or 'dict' types."
        )
    specs = dict(specs or {})
    for element in list(specs) + list(specs.values()):
        if not isinstance(element, str):
            raise errors.BadRequest(
                "Group specs keys and values should be strings."
            )
    is_public = common.parse_bool(raw_public, "is_public")
    with cloud.store.lock:
        if by_name(cloud, name) is not None:
            raise errors.Conflict(f"Share group type {name} already exists.")
        share_types = _share_type_ids(cloud, ctx, params["share_types"])
        record = cloud.store.insert(
            TABLE,
            {
                "name": name,
                "is_public": is_public,
                "group_specs": specs,
                "share_types": share_types,
                "projects": [],
            },
        )
    return record


def delete_type(cloud: Cloud, ctx: Context, type_id: str) -> None:
    """DELETE /share-group-types/{id} (204); 400 while groups use it."""
    policy.authorize(ctx, "share_group_type:delete")
    with cloud.store.lock:
        if by_id(cloud, ctx, type_id) is None:
            raise errors.NotFound()
        in_use = cloud.store.select(
            "share_groups", lambda g: g.get("share_group_type_id") == type_id
        )
        if in_use:
            raise errors.BadRequest(
                f"Target share group type with id {type_id} is still in use."
            )
        cloud.store.delete(TABLE, type_id)


# -- access -------------------------------------------------------------------


def access_list(cloud: Cloud, ctx: Context, type_id: str) -> Record:
    """GET /share-group-types/{id}/access (admin)."""
    policy.authorize(ctx, "share_group_type:list_project_access")
    record = by_id(cloud, ctx, type_id)
    if record is None:
        raise errors.NotFound(f"Share group type {type_id} not found.")
    if record["is_public"]:
        raise errors.NotFound(
            "Access list not available for public share group types."
        )
    return record


ACCESS = type_access.TypeAccess(
    TABLE,
    "Share group type",
    "share_group_type",
    "Project value ({project}) must be in uuid format.",
)
add_access = ACCESS.add
remove_access = ACCESS.remove


# -- group specs --------------------------------------------------------------


def _need(cloud: Cloud, ctx: Context, type_id: str) -> Record:
    record = by_id(cloud, ctx, type_id)
    if record is None:
        raise errors.NotFound(
            f"Share group type {type_id} could not be found."
        )
    return record


def _verify(specs: dict[Any, Any]) -> None:
    """Manila's _verify_group_specs: 1-255 character strings (or bools)."""

    def valid_string(value: Any) -> bool:
        return isinstance(value, str) and 1 <= len(value) <= 255

    for key, value in specs.items():
        if valid_string(key) and isinstance(value, dict):
            _verify(value)
        elif not (
            valid_string(key)
            and (valid_string(value) or isinstance(value, bool))
        ):
            raise errors.BadRequest(f"Invalid extra_spec: {key}: {value}")


def _stored(specs: dict[str, Any]) -> dict[str, str]:
    return {k: v if isinstance(v, str) else str(v) for k, v in specs.items()}


def get_specs(cloud: Cloud, ctx: Context, type_id: str) -> dict[str, Any]:
    """GET /share-group-types/{id}/group-specs."""
    policy.authorize(ctx, "share_group_types_spec:index")
    return dict(_need(cloud, ctx, type_id).get("group_specs") or {})


def get_spec(
    cloud: Cloud, ctx: Context, type_id: str, key: str
) -> dict[str, Any]:
    """GET /share-group-types/{id}/group-specs/{key}: ``{key: value}``."""
    policy.authorize(ctx, "share_group_types_spec:show")
    specs = _need(cloud, ctx, type_id).get("group_specs") or {}
    if key not in specs:
        raise errors.NotFound()
    return {key: specs[key]}


def _merge(cloud: Cloud, type_id: str, specs: dict[str, Any]) -> None:
    with cloud.store.lock:
        record = cloud.store.get(TABLE, type_id)
        if record is None:
            raise errors.NotFound(
                f"Share group type {type_id} could not be found."
            )
        merged = dict(record.get("group_specs") or {})
        merged.update(_stored(specs))
        cloud.store.update(TABLE, type_id, group_specs=merged)


def set_specs(cloud: Cloud, ctx: Context, type_id: str, body: Any) -> Any:
    """POST /share-group-types/{id}/group-specs (200, echoes the body)."""
    policy.authorize(ctx, "share_group_types_spec:create")
    if not isinstance(body, dict) or not isinstance(
        body.get("group_specs"), dict
    ):
        raise errors.BadRequest(GENERIC_BAD_REQUEST)
    _need(cloud, ctx, type_id)
    specs = body["group_specs"]
    _verify(specs)
    if not all(_KEY_NAME.match(k) for k in specs):
        raise errors.BadRequest(
            "Key names can only contain alphanumeric characters, "
            "underscores, periods, colons and hyphens."
        )
    _merge(cloud, type_id, specs)
    return body


def set_spec(
    cloud: Cloud, ctx: Context, type_id: str, key: str, body: Any
) -> Any:
    """PUT /share-group-types/{id}/group-specs/{key} with ``{key: v}``."""
    policy.authorize(ctx, "share_group_types_spec:update")
    if not body:
        raise errors.BadRequest("Request body empty.")
    _need(cloud, ctx, type_id)
    if not isinstance(body, dict) or key not in body:
        raise errors.BadRequest("Request body and URI mismatch.")
    if len(body) > 1:
        raise errors.BadRequest("Request body contains too many items.")
    _verify(body)
    _merge(cloud, type_id, body)
    return body


def delete_spec(cloud: Cloud, ctx: Context, type_id: str, key: str) -> None:
    """DELETE /share-group-types/{id}/group-specs/{key} (204)."""
    policy.authorize(ctx, "share_group_types_spec:delete")
    _need(cloud, ctx, type_id)
    with cloud.store.lock:
        record = cloud.store.get(TABLE, type_id)
        specs = dict((record or {}).get("group_specs") or {})
        if key not in specs:
            raise errors.NotFound(
                f"Share group type {type_id} has no group specs with key "
                f"{key}."
            )
        del specs[key]
        cloud.store.update(TABLE, type_id, group_specs=specs)
