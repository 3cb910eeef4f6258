"""Plays manila's QoS type API (api/v2/qos_types.py, qos_type_specs.py and
their DB calls, 2.94): business rules.

Records live in table ``qos_types`` with their ``specs`` dict.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fake_server import errors, policy
from fake_server.context import Context
from fake_server.share_api import common
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

TABLE = "qos_types"
#: filters non-admins may use
SEARCH_OPTIONS = ("name", "name~", "description~", "description")
_KEY = re.compile(r"^[\w\.\-\:]+$")


def get_type(cloud: Cloud, type_id: str) -> Record:
    """A QoS type, else Manila's 404."""
    record = cloud.store.get(TABLE, type_id)
    if record is None:
        raise errors.NotFound(f"QoS Type {type_id} could not be found.")
    return record


def verify_specs(specs: Any) -> dict[str, Any]:
    """Manila's ``verify_specs``: keys and values are 1-255 character
    strings (values may be booleans, or nested dicts of the same)."""
    if not isinstance(specs, dict):
        raise errors.BadRequest(f"Invalid spec: {specs}")

    def valid(value: Any) -> bool:
        return isinstance(value, str) and 0 < len(value) < 256

    for key, value in specs.items():
        if valid(key) and isinstance(value, dict):
            verify_specs(value)
        elif not (valid(key) and (valid(value) or isinstance(value, bool))):
            raise errors.BadRequest(f"Invalid spec: {key}: {value}")
    return {key: _stored(value) for key, value in specs.items()}


def _stored(value: Any) -> Any:
    return str(value) if isinstance(value, bool) else value


def list_types(
    cloud: Cloud, ctx: Context, query: dict[str, str]
) -> list[Record]:
    """QoS types after Manila's filters, sort, offset and limit."""
    policy.authorize(ctx, "qos_type:index")
    opts = dict(query)
    paging: dict[str, str] = {
        k: opts.pop(k)
        for k in ("limit", "offset", "sort_key", "sort_dir")
        if k in opts
    }
    if not ctx.is_admin:
        opts = {k: v for k, v in opts.items() if k in SEARCH_OPTIONS}
    rows = cloud.store.select(TABLE)
    for key, value in opts.items():
        if key.endswith("~"):
            field = key[:-1]
            rows = [r for r in rows if value in str(r.get(field) or "")]
        elif key in ("id", "name", "description"):
            rows = [r for r in rows if str(r.get(key)) == value]
    return _sort_and_page(rows, paging)


def _sort_and_page(rows: list[Record], paging: dict[str, str]) -> list[Record]:
    """qos_type_get_all's paging: get_pagination_params' messages, the
    database's sorting faults, and ``limit=0`` giving no rows."""
    pages = common.pagination_params(paging)
    limit = pages.get("limit")
    offset = pages.get("offset", 0)
    order: dict[str, str] = {
        k: paging[k] for k in ("sort_key", "sort_dir") if k in paging
    }
    rows = common.sort_and_page(rows, order)[offset:]
    return rows if limit is None else rows[: min(limit, 1000)]


def show_type(cloud: Cloud, ctx: Context, type_id: str) -> Record:
    """One QoS type."""
    policy.authorize(ctx, "qos_type:show")
    try:
        return get_type(cloud, type_id)
    except errors.NotFound as exc:
        raise errors.NotFound(
            f"No QoS Type exists with ID {type_id}."
        ) from exc


def create_type(cloud: Cloud, ctx: Context, body: Any) -> Record:
    """Create a QoS type (admin, 200)."""
    policy.authorize(ctx, "qos_type:create")
    if not isinstance(body, dict) or not isinstance(
        body.get("qos_type"), dict
    ):
        raise errors.Unprocessable(
            "Body does not contain 'qos_type' information."
        )
    data = body["qos_type"]
    name = data.get("name")
    if not name:
        raise errors.BadRequest(
            "QoS Type must have name. Name will be used as template by "
            "backend drivers to create QoS policy name."
        )
    if not isinstance(name, str) or len(name) > 255:
        raise errors.BadRequest("Invalid QoS Type name.")
    with cloud.store.lock:
        if cloud.store.select(TABLE, lambda r: r["name"] == name):
            raise errors.Conflict(f"QoS Type with name {name} already exist.")
        description = data.get("description")
        if description is not None and not isinstance(description, str):
            raise errors.BadRequest("Invalid QoS Type description.")
        specs = verify_specs(data.get("specs", {}))
        return cloud.store.insert(
            TABLE, {"name": name, "description": description, "specs": specs}
        )


def update_type(cloud: Cloud, ctx: Context, type_id: str, body: Any) -> Record:
    """Change a QoS type's description (admin)."""
    policy.authorize(ctx, "qos_type:update")
    if not isinstance(body, dict) or not isinstance(
        body.get("qos_type"), dict
    ):
        raise errors.Unprocessable(
            "Body does not contain 'qos_type' information."
        )
    data = body["qos_type"]
    try:
        record = get_type(cloud, type_id)
    except errors.NotFound as exc:
        raise errors.NotFound(
            f"No qos_type exists with ID {type_id}."
        ) from exc
    if "description" in data:
        description = data["description"]
        if description is not None and not isinstance(description, str):
            raise errors.BadRequest("Invalid QoS Type description.")
        record = cloud.store.update(TABLE, type_id, description=description)
    return record


def delete_type(cloud: Cloud, ctx: Context, type_id: str) -> None:
    """Delete a QoS type (admin; 400 while shares use it)."""
    policy.authorize(ctx, "qos_type:delete")
    with cloud.store.lock:
        try:
            get_type(cloud, type_id)
        except errors.NotFound as exc:
            raise errors.NotFound(
                f"No QoS Type exists with ID {type_id}."
            ) from exc
        if cloud.store.select(
            "shares", lambda s: s.get("qos_type_id") == type_id
        ):
            raise errors.BadRequest(
                f"Qos Type {type_id} deletion is not allowed while shares "
                "are associated with the qos type."
            )
        cloud.store.delete(TABLE, type_id)


# -- specs --------------------------------------------------------------------


def get_specs(cloud: Cloud, ctx: Context, type_id: str) -> dict[str, Any]:
    """The specs of a QoS type."""
    policy.authorize(ctx, "qos_type_specs:index")
    return dict(get_type(cloud, type_id)["specs"])


def get_spec(cloud: Cloud, ctx: Context, type_id: str, key: str) -> Any:
    """One spec (404 when absent)."""
    policy.authorize(ctx, "qos_type_specs:show")
    specs = get_type(cloud, type_id)["specs"]
    if key not in specs:
        raise errors.NotFound()
    return specs[key]


def set_specs(
    cloud: Cloud, ctx: Context, type_id: str, body: Any
) -> dict[str, Any]:
    """POST specs: merge them in; answers what was sent."""
    policy.authorize(ctx, "qos_type_specs:create")
    if not isinstance(body, dict) or not isinstance(body.get("specs"), dict):
        raise errors.BadRequest()
    with cloud.store.lock:
        record = get_type(cloud, type_id)
        specs = verify_specs(body["specs"])
        if not all(_KEY.match(k) for k in specs):
            raise errors.BadRequest(
                "Key names can only contain alphanumeric characters, "
                "underscores, periods, colons and hyphens."
            )
        merged = dict(record["specs"])
        merged.update(specs)
        cloud.store.update(TABLE, type_id, specs=merged)
    return dict(body["specs"])


def set_spec(
    cloud: Cloud, ctx: Context, type_id: str, key: str, body: Any
) -> dict[str, Any]:
    """PUT one spec ``{key: value}``."""
    policy.authorize(ctx, "qos_type_specs:update")
    if not body:
        raise errors.BadRequest("Request body empty")
    if not isinstance(body, dict):
        raise errors.BadRequest()
    with cloud.store.lock:
        record = get_type(cloud, type_id)
        if key not in body:
            raise errors.BadRequest("Request body and URI mismatch")
        if len(body) > 1:
            raise errors.BadRequest("Request body contains too many items")
        specs = verify_specs(body)
        merged = dict(record["specs"])
        merged.update(specs)
        cloud.store.update(TABLE, type_id, specs=merged)
    return dict(body)


def delete_spec(cloud: Cloud, ctx: Context, type_id: str, key: str) -> None:
    """DELETE one spec (404 when absent)."""
    policy.authorize(ctx, "qos_type_specs:delete")
    with cloud.store.lock:
        record = get_type(cloud, type_id)
        if key not in record["specs"]:
            raise errors.NotFound(
                f"Qos Type {type_id} has no specs with key {key}."
            )
        remaining = dict(record["specs"])
        remaining.pop(key)
        cloud.store.update(TABLE, type_id, specs=remaining)
