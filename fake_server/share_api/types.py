"""Plays manila.share.share_types and the share type DB API.

Share types, their extra specs and their project access lists, with
Manila's validation of the required (``driver_handles_share_servers``)
and the standard optional extra specs and its messages.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fake_server import errors, policy
from fake_server.context import Context
from fake_server.share_api import common, indexes, type_access
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

DHSS = "driver_handles_share_servers"
REQUIRED = (DHSS,)
BOOLEAN_OPTIONAL = (
    "snapshot_support",
    "create_share_from_snapshot_support",
    "revert_to_snapshot_support",
    "mount_snapshot_support",
    "mount_point_name_support",
    "snapshot_inherit_share_access_support",
)
OPTIONAL = BOOLEAN_OPTIONAL + (
    "replication_type",
    "availability_zones",
    "encryption_support",
    "provisioning:max_share_size",
    "provisioning:min_share_size",
    "provisioning:max_share_extend_size",
    "provisioning:mount_point_prefix",
    "default_qos_type",
)
#: the specs non-admins see (Manila's TENANT_VISIBLE)
TENANT_VISIBLE = REQUIRED + OPTIONAL
#: defaults non-admins see for unset specs from 2.24 (2.99 for the last)
INFERRED = {
    "snapshot_support": False,
    "create_share_from_snapshot_support": False,
    "revert_to_snapshot_support": False,
    "mount_snapshot_support": False,
}
INFERRED_299 = {"snapshot_inherit_share_access_support": False}
REPLICATION_TYPES = ("writable", "readable", "dr")
ENCRYPTION_TYPES = ("share", "share_server")
_TRUE = ("1", "t", "true", "on", "y", "yes")
_FALSE = ("0", "f", "false", "off", "n", "no")
_KEY_NAME = re.compile(r"^[\w\.\-\:\_]+$", re.UNICODE)
#: webob's text for a bare HTTPBadRequest()
GENERIC_BAD_REQUEST = type_access.GENERIC_BAD_REQUEST


def manila_message(text: str) -> str:
    """Trim a doubled final period as ManilaException does."""
    if re.match(r".*[^\.]\.\.$", text):
        return text[:-1]
    return text


class InvalidExtraSpec(Exception):
    """Manila's InvalidExtraSpec; ``msg`` is its final text."""

    def __init__(self, reason: str) -> None:
        self.msg = manila_message(f"Invalid extra_spec: {reason}.")
        super().__init__(self.msg)


# -- extra spec validation ------------------------------------------------


def _loose_bool(value: Any) -> bool | None:
    """oslo's bool_from_string(value, default=None)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def parse_boolean_spec(key: str, value: Any) -> bool:
    """A ``<is> True`` style boolean spec, or InvalidExtraSpec."""
    text = value if isinstance(value, str) else str(value)
    match = re.match(
        r"^<is>\s*(?P<value>True|False)$", text.strip(), re.IGNORECASE
    )
    if match:
        text = match.group("value")
    parsed = _loose_bool(text)
    if parsed is None:
        raise InvalidExtraSpec(f"Invalid boolean extra spec {key} : {text}")
    return parsed


def is_valid_required(key: str, value: Any) -> bool | None:
    """None if ``key`` is not required, else whether ``value`` is valid."""
    if key not in REQUIRED:
        return None
    return _loose_bool(value) is not None


def _is_int_at_least_one(value: Any) -> bool:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return False
    return number >= 1


def is_valid_optional(key: str, value: Any) -> bool | None:
    """None if ``key`` is not a standard optional spec, else validity.

    Raises InvalidExtraSpec for a malformed boolean, as Manila does.
    """
    if key not in OPTIONAL:
        return None
    if key in BOOLEAN_OPTIONAL:
        parse_boolean_spec(key, value)
        return True
    if key == "replication_type":
        return value in REPLICATION_TYPES
    if key == "availability_zones":
        values = str(value).split(",")
        return all(v.strip() for v in values)
    if key == "encryption_support":
        return value in ENCRYPTION_TYPES
    if key in ("provisioning:mount_point_prefix", "default_qos_type"):
        return isinstance(value, str) and len(value) < 256
    return _is_int_at_least_one(value)


def required_specs(specs: dict[str, Any]) -> dict[str, Any]:
    """The required specs of ``specs``; InvalidExtraSpec if missing/bad."""
    missing = set(REQUIRED) - set(specs)
    if missing:
        raise InvalidExtraSpec(
            f"Required extra specs '{','.join(sorted(missing))}' not "
            "specified."
        )
    result = {}
    for key in REQUIRED:
        value = specs.get(key, "")
        if not is_valid_required(key, value):
            raise InvalidExtraSpec(
                f"Value of required extra_spec {key} is not valid"
            )
        result[key] = value
    return result


def shown_required_specs(specs: dict[str, Any]) -> dict[str, Any]:
    """``required_extra_specs`` as views show it ({} when invalid)."""
    try:
        return required_specs(specs)
    except InvalidExtraSpec:
        return {}


def _optional_specs(specs: dict[str, Any]) -> None:
    for key in set(specs) & set(OPTIONAL):
        if not is_valid_optional(key, specs[key]):
            raise InvalidExtraSpec(
                f"Value of optional extra_spec {key} is not valid."
            )


def _sanitize(specs: dict[str, Any]) -> dict[str, Any]:
    """Manila's sanitize_extra_specs; values stored as strings."""
    result: dict[str, Any] = {}
    for key, value in specs.items():
        if key == "availability_zones" and isinstance(value, str):
            value = ",".join(v.strip() for v in value.split(",") if v)
        result[key] = str(value) if isinstance(value, bool) else value
    return result


def verify_specs(specs: dict[str, Any]) -> None:
    """The extra-spec API's checks of keys and values (400 messages)."""

    def valid_string(value: Any) -> bool:
        return isinstance(value, str) and 1 <= len(value) <= 255

    for key, value in specs.items():
        if valid_string(key) and isinstance(value, dict):
            verify_specs(value)
            continue
        valid = (
            valid_string(key)
            and (valid_string(value) or isinstance(value, bool))
            and is_valid_required(key, value) in (None, True)
            and is_valid_optional(key, value) in (None, True)
        )
        if not valid:
            raise errors.BadRequest(f"Invalid extra_spec: {key}: {value}")


# -- lookups ---------------------------------------------------------------


def may_see(ctx: Context, share_type: Record) -> bool:
    """Manila's share type visibility: admin, public or granted."""
    return bool(
        ctx.is_admin
        or share_type.get("is_public")
        or ctx.project_id in share_type.get("projects", [])
    )


def by_id(cloud: Cloud, ctx: Context, type_id: str) -> Record | None:
    """The type with id ``type_id`` if the caller may see it."""
    share_type = cloud.store.get("share_types", type_id)
    if share_type is not None and may_see(ctx, share_type):
        return share_type
    return None


def by_name(cloud: Cloud, ctx: Context, name: str) -> Record | None:
    """The type called ``name`` if the caller may see it."""
    for share_type in cloud.store.select("share_types"):
        if share_type["name"] == name and may_see(ctx, share_type):
            return share_type
    return None


def by_name_or_id(cloud: Cloud, ctx: Context, ref: str) -> Record | None:
    """The type by id, else by name (Manila's get_by_name_or_id)."""
    return by_id(cloud, ctx, ref) or by_name(cloud, ctx, ref)


def _need(cloud: Cloud, ctx: Context, type_id: str) -> Record:
    share_type = by_id(cloud, ctx, type_id)
    if share_type is None:
        raise errors.NotFound(f"Share type {type_id} could not be found.")
    return share_type


# -- types -----------------------------------------------------------------


def parse_is_public(value: str | None) -> bool | None:
    """Manila's is_public filter: None -> True, "all" -> None."""
    if value is None:
        return True
    if str(value).lower() == "all":
        return None
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise errors.BadRequest(f"Invalid is_public filter [{value}]")


def list_types(
    cloud: Cloud, ctx: Context, query: dict[str, str]
) -> list[Record]:
    """GET /types: public types, plus private ones per Manila's filter."""
    policy.authorize(ctx, "share_type:index")
    is_public: bool | None = True
    if ctx.is_admin:
        is_public = parse_is_public(query.get("is_public"))
    raw_specs = query.get("extra_specs")
    specs: dict[str, Any] = {}
    if raw_specs:
        if ctx.version < "2.43":
            raise errors.BadRequest(
                "Filter by 'extra_specs' is not supported by this "
                "microversion. Use 2.43 or greater microversion to be able "
                "to use filter search by 'extra_specs."
            )
        specs = dict(common.parse_dict_param(raw_specs, "extra_specs"))
    # sanitize_extra_specs, then split on commas (share_types.get_all_types)
    zones = specs.pop("availability_zones", None)
    if isinstance(zones, str):
        zones = _sanitize({"availability_zones": zones})["availability_zones"]

    def keep(share_type: Record) -> bool:
        if not may_see(ctx, share_type):
            return False
        if is_public is True:
            if not (
                share_type["is_public"]
                or ctx.project_id in share_type.get("projects", [])
            ):
                return False
        elif is_public is False and share_type["is_public"]:
            return False
        type_specs = share_type["extra_specs"]
        # Manila checks only the first requested spec (it returns inside
        # its loop); we do the same.
        for key, value in specs.items():
            if key not in type_specs or type_specs[key] != value:
                return False
            break
        if zones:
            own = type_specs.get("availability_zones")
            if own and not set(str(zones).split(",")) <= set(own.split(",")):
                return False
        return True

    return sorted(
        cloud.store.select("share_types", keep), key=lambda t: t["name"]
    )


def get_type(cloud: Cloud, ctx: Context, type_id: str) -> Record:
    """GET /types/{id} (by id only, as Manila)."""
    policy.authorize(ctx, "share_type:show")
    share_type = by_id(cloud, ctx, type_id)
    if share_type is None:
        raise errors.NotFound("Share type not found.")
    return share_type


def default_type(cloud: Cloud, ctx: Context) -> Record:
    """GET /types/default; 404 when none is configured or it is gone."""
    policy.authorize(ctx, "share_type:default")
    name = cloud.config.default_share_type
    share_type = by_name(cloud, ctx, name) if name else None
    if share_type is None:
        raise errors.NotFound("Default share type not found")
    return share_type


def _type_body(body: Any) -> dict[str, Any]:
    for key in ("share_type", "volume_type"):
        if isinstance(body, dict) and isinstance(body.get(key), dict):
            return dict(body[key])
    raise errors.BadRequest(GENERIC_BAD_REQUEST)


def create_type(cloud: Cloud, ctx: Context, body: Any) -> Record:
    """POST /types: validate, refuse duplicates (409), store.

    The answer is the stored type plus ``required_extra_specs`` as the
    request gave them: Manila's create puts the values it validated
    (a JSON ``false`` stays a boolean) on the type it shows, while the
    stored specs, and every later view, hold strings.
    """
    policy.authorize(ctx, "share_type:create")
    params = _type_body(body)
    name = params.get("name")
    specs = params.get("extra_specs", {})
    if specs is None:
        specs = {}
    if not isinstance(specs, dict):
        raise errors.BadRequest(GENERIC_BAD_REQUEST)
    specs = dict(specs)
    description = params.get("description")
    if description and ctx.version < "2.41":
        raise errors.BadRequest(
            "'description' key is not supported by this microversion. Use "
            "2.41 or greater microversion to be able to use 'description' "
            "in share type."
        )
    raw_public = params.get(
        "os-share-type-access:is_public",
        params.get("share_type_access:is_public", True),
    )
    is_public = common.parse_bool(raw_public, "share_type_access:is_public")
    if (
        not isinstance(name, str)
        or name == ""
        or len(name) > 255
        or (description is not None and not isinstance(description, str))
        or (description and len(description) > 255)
    ):
        raise errors.BadRequest("Type name or description is not valid.")
    if ctx.version < "2.24":
        specs.setdefault("snapshot_support", True)
    try:
        required = required_specs(specs)
    except InvalidExtraSpec as exc:
        raise errors.BadRequest(exc.msg) from exc
    try:
        _optional_specs(specs)
    except InvalidExtraSpec as exc:
        raise errors.BadRequest(
            manila_message(f"Invalid share type: {exc.msg}.")
        ) from exc
    with cloud.store.lock:
        if any(t["name"] == name for t in cloud.store.select("share_types")):
            raise errors.Conflict(f"Share Type {name} already exists.")
        record = cloud.store.insert(
            "share_types",
            {
                "name": name,
                "description": description,
                "extra_specs": _sanitize(specs),
                "is_public": is_public,
                "projects": [],
            },
        )
    cloud.notify("share_type.create", {"share_types": dict(record)})
    return dict(record, required_extra_specs=required)


def update_type(cloud: Cloud, ctx: Context, type_id: str, body: Any) -> Record:
    """PUT /types/{id} (2.50): name, description, visibility."""
    policy.authorize(ctx, "share_type:update")
    params = _type_body(body)
    name = params.get("name")
    description = params.get("description")
    is_public = params.get("share_type_access:is_public")
    if is_public is not None:
        parsed = _loose_bool(is_public)
        if parsed is None:
            raise errors.BadRequest(
                "share_type_access:is_public has a non-boolean value."
            )
        is_public = parsed
    if name is not None:
        if not isinstance(name, str) or len(name.strip()) == 0:
            raise errors.BadRequest("Share type name cannot be empty.")
        if len(name) > 255:
            raise errors.BadRequest(
                "Share type name cannot be greater than 255 characters in "
                "length."
            )
    if description is not None and not isinstance(description, str):
        raise errors.BadRequest(GENERIC_BAD_REQUEST)
    if description and len(description) > 255:
        raise errors.BadRequest(
            "Share type description cannot be greater than 255 characters "
            "in length."
        )
    if name is None and description is None and is_public is None:
        raise errors.BadRequest(
            "Specify share type name, description, "
            "share_type_access:is_public or a combination thereof."
        )
    with cloud.store.lock:
        share_type = cloud.store.get("share_types", type_id)
        if share_type is None:
            raise errors.NotFound(
                f"ShareTypeNotFound: Share type {type_id} could not be found."
            )
        values: dict[str, Any] = {}
        if name:
            clash = [
                t
                for t in cloud.store.select("share_types")
                if t["name"] == name and t["id"] != type_id
            ]
            if clash:
                raise errors.Conflict(f"Share Type {name} already exists.")
            values["name"] = name
        if description == "":
            values["description"] = None
        elif description:
            values["description"] = description
        if is_public is not None:
            values["is_public"] = is_public
        record = cloud.store.update("share_types", type_id, **values)
    cloud.notify("share_type.update", {"share_types": dict(record)})
    return record


def in_use(cloud: Cloud, type_id: str) -> bool:
    """Whether shares or share group types still use the type."""
    shares = [
        s
        for s in cloud.store.lookup("shares", indexes.SHARE_TYPE, type_id)
        if s.get("status") != "deleted"
    ]
    groups = cloud.store.select(
        "share_group_types",
        lambda g: type_id in (g.get("share_types") or []),
    )
    return bool(shares or groups)


def delete_type(cloud: Cloud, ctx: Context, type_id: str) -> None:
    """DELETE /types/{id}: 404 if unknown, 400 while in use."""
    policy.authorize(ctx, "share_type:delete")
    with cloud.store.lock:
        share_type = cloud.store.get("share_types", type_id)
        if share_type is None:
            raise errors.NotFound()
        if in_use(cloud, type_id):
            raise errors.BadRequest("Target share type is still in use.")
        cloud.store.delete("share_types", type_id)
        for override in cloud.store.select(
            "quota_overrides",
            lambda o: o.get("share_type_id") == type_id,
        ):
            cloud.store.delete("quota_overrides", override["id"])
    cloud.notify("share_type.delete", {"share_types": dict(share_type)})


# -- type access -------------------------------------------------------------


def access_list(cloud: Cloud, ctx: Context, type_id: str) -> Record:
    """GET /types/{id}/share_type_access: the private type's projects."""
    policy.authorize(ctx, "share_type:list_project_access")
    share_type = cloud.store.get("share_types", type_id)
    if share_type is None:
        raise errors.NotFound(f"Share type {type_id} not found.")
    if share_type["is_public"]:
        raise errors.NotFound(
            "Access list not available for public share types."
        )
    return share_type


ACCESS = type_access.TypeAccess(
    "share_types",
    "Share type",
    "share_type",
    "Bad project format: project is not in proper format ({project})",
)
add_access = ACCESS.add
remove_access = ACCESS.remove


# -- extra specs ------------------------------------------------------------


def _check_type(cloud: Cloud, ctx: Context, type_id: str) -> Record:
    return _need(cloud, ctx, type_id)


def get_specs(cloud: Cloud, ctx: Context, type_id: str) -> dict[str, Any]:
    """GET /types/{id}/extra_specs."""
    policy.authorize(ctx, "share_types_extra_spec:index")
    return dict(_check_type(cloud, ctx, type_id)["extra_specs"])


def get_spec(
    cloud: Cloud, ctx: Context, type_id: str, key: str
) -> dict[str, Any]:
    """GET /types/{id}/extra_specs/{key}: ``{key: value}``."""
    policy.authorize(ctx, "share_types_extra_spec:show")
    specs = _check_type(cloud, ctx, type_id)["extra_specs"]
    if key not in specs:
        raise errors.NotFound()
    return {key: specs[key]}


def _store_specs(cloud: Cloud, type_id: str, specs: dict[str, Any]) -> None:
    with cloud.store.lock:
        record = cloud.store.get("share_types", type_id)
        if record is None:
            raise errors.NotFound(f"Share type {type_id} could not be found.")
        merged = dict(record["extra_specs"])
        merged.update(_sanitize(specs))
        cloud.store.update("share_types", type_id, extra_specs=merged)


def set_specs(cloud: Cloud, ctx: Context, type_id: str, body: Any) -> Any:
    """POST /types/{id}/extra_specs: add or change specs; echoes body."""
    policy.authorize(ctx, "share_types_extra_spec:create")
    if not isinstance(body, dict) or not isinstance(
        body.get("extra_specs"), dict
    ):
        raise errors.BadRequest(GENERIC_BAD_REQUEST)
    _check_type(cloud, ctx, type_id)
    specs = body["extra_specs"]
    try:
        verify_specs(specs)
    except InvalidExtraSpec as exc:
        # Manila passes the text as webob's detail: the generic text shows
        raise errors.BadRequest(GENERIC_BAD_REQUEST) from exc
    if not all(_KEY_NAME.match(k) for k in specs):
        raise errors.BadRequest(
            "Key names can only contain alphanumeric characters, "
            "underscores, periods, colons and hyphens."
        )
    _store_specs(cloud, type_id, specs)
    cloud.notify(
        "share_type_extra_specs.create",
        {"type_id": type_id, "specs": dict(specs)},
    )
    return body


def set_spec(
    cloud: Cloud, ctx: Context, type_id: str, key: str, body: Any
) -> dict[str, Any]:
    """PUT /types/{id}/extra_specs/{key} with ``{key: value}``."""
    policy.authorize(ctx, "share_types_extra_spec:update")
    if not body:
        raise errors.BadRequest("Request body empty")
    _check_type(cloud, ctx, type_id)
    if not isinstance(body, dict) or key not in body:
        raise errors.BadRequest("Request body and URI mismatch")
    if len(body) > 1:
        raise errors.BadRequest("Request body contains too many items")
    try:
        verify_specs(body)
    except InvalidExtraSpec as exc:
        raise errors.BadRequest(exc.msg) from exc
    specs = _sanitize(body)
    _store_specs(cloud, type_id, specs)
    cloud.notify(
        "share_type_extra_specs.update", {"type_id": type_id, "id": key}
    )
    return specs


def delete_spec(cloud: Cloud, ctx: Context, type_id: str, key: str) -> None:
    """DELETE /types/{id}/extra_specs/{key}; required specs are 403."""
    policy.authorize(ctx, "share_types_extra_spec:delete")
    _check_type(cloud, ctx, type_id)
    if key in REQUIRED or (key == "snapshot_support" and ctx.version < "2.24"):
        raise errors.Forbidden(f"Extra spec '{key}' can't be deleted.")
    with cloud.store.lock:
        record = cloud.store.get("share_types", type_id)
        specs = dict(record["extra_specs"]) if record else {}
        if key not in specs:
            raise errors.NotFound(
                f"Share Type {type_id} has no extra specs with key {key}."
            )
        del specs[key]
        cloud.store.update("share_types", type_id, extra_specs=specs)
    cloud.notify(
        "share_type_extra_specs.delete", {"type_id": type_id, "id": key}
    )
