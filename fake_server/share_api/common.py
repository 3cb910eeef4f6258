"""Helpers shared by the business rules: lookups, validation, filters."""

from __future__ import annotations

import ast
import ipaddress
import re
import uuid
from typing import TYPE_CHECKING, Any

from fake_server import errors
from fake_server.context import Context
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

TRUE_STRINGS = ("1", "t", "true", "on", "y", "yes")
FALSE_STRINGS = ("0", "f", "false", "off", "n", "no")


def visible(ctx: Context, record: Record, all_projects: bool = False) -> bool:
    """Tenant isolation: admins see everything, others their project's."""
    if ctx.is_admin and all_projects:
        return True
    return record.get("project_id") == ctx.project_id or (
        ctx.is_admin and not all_projects and False
    )


def get_owned(
    cloud: Cloud,
    ctx: Context,
    table: str,
    record_id: str,
    what: str,
    *,
    public_ok: bool = False,
) -> Record:
    """A record the caller may see, else Manila's 404.

    Admins see every project's records; others only their own (and
    public ones when ``public_ok``).
    """
    record = cloud.store.get(table, record_id)
    if record is not None and (
        ctx.is_admin
        or record.get("project_id") == ctx.project_id
        or (public_ok and record.get("is_public"))
    ):
        return record
    raise errors.NotFound(f"{what} {record_id} could not be found.")


def strict_bool(value: Any) -> bool | None:
    """oslo's strict ``bool_from_string``: None when not a boolean."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE_STRINGS:
        return True
    if text in FALSE_STRINGS:
        return False
    return None


def parse_bool(value: Any, name: str) -> bool:
    """Manila's strict boolean parsing; 400 for anything else."""
    parsed = strict_bool(value)
    if parsed is not None:
        return parsed
    raise errors.BadRequest(
        f"Invalid boolean value for '{name}': {value!r}. Valid values are "
        "true, false, 1, 0, yes, no, on, off."
    )


def parse_int(value: Any, name: str, minimum: int | None = None) -> int:
    """An integer parameter, or Manila's 400."""
    if isinstance(value, bool):
        raise errors.BadRequest(f"{name} must be an integer.")
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError) as exc:
        raise errors.BadRequest(f"{name} must be an integer.") from exc
    if minimum is not None and number < minimum:
        raise errors.BadRequest(f"{name} must be >= {minimum}.")
    return number


def parse_dict_param(
    value: str, name: str, label: str | None = None
) -> dict[str, Any]:
    """A ``metadata={'k': 'v'}`` style query parameter.

    :param label: Where Manila checks the literal's type (the share list's
        ``metadata`` and ``extra specs``): a literal that is not a dict is
        its InvalidInput ``Wrong <label> filter provided: <value>.``
    """
    try:
        parsed = ast.literal_eval(value)
    except (ValueError, SyntaxError) as exc:
        raise errors.BadRequest(f"Invalid {name} filter: {value}") from exc
    if not isinstance(parsed, dict):
        if label is not None:
            raise errors.InvalidInput(
                f"Wrong {label} filter provided: {parsed}."
            )
        raise errors.BadRequest(f"Invalid {name} filter: {value}")
    return parsed


def check_metadata(metadata: Any) -> dict[str, str]:
    """Manila's ``check_metadata_properties``: 400 for a blank key or
    value, a key over 255 or a value over 1023 characters, and (where
    Manila would fail later) anything that is not a dict of strings."""
    if not metadata:
        return {}
    if not isinstance(metadata, dict):
        raise errors.BadRequest("Malformed request body")
    for key, value in metadata.items():
        if not key:
            raise errors.BadRequest("Metadata property key is blank.")
        if len(str(key)) > 255:
            raise errors.BadRequest(
                "Metadata property key is greater than 255 characters."
            )
        if not value:
            raise errors.BadRequest("Metadata property value is blank.")
        if not isinstance(value, str):
            raise errors.BadRequest("Malformed request body")
        if len(value) > 1023:
            raise errors.BadRequest(
                "Metadata property value is greater than 1023 characters."
            )
    return {str(k): v for k, v in metadata.items()}


def same_access(access_type: str, access_to: str, rule: Record) -> bool:
    """The database's ``_check_for_existing_access`` for one rule of a
    share or snapshot: the same type and target, an ``ip`` target
    compared as a network (``1.2.3.4`` is ``1.2.3.4/32``, ``::1`` is
    ``::1/128``) among rules whose text starts with its address."""
    if rule["access_type"] != access_type:
        return False
    if access_type != "ip":
        return bool(rule["access_to"] == access_to)
    existing = str(rule["access_to"])
    if not existing.startswith(access_to.split("/")[0]):
        return False
    try:
        return ipaddress.ip_network(access_to) == ipaddress.ip_network(
            existing
        )
    except ValueError:
        return False


def is_uuid(value: str) -> bool:
    """Whether ``value`` looks like a UUID."""
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def sort_and_page(
    records: list[Record],
    query: dict[str, str],
    *,
    default_key: str = "created_at",
    default_dir: str = "desc",
    key_map: dict[str, str] | None = None,
    marker: bool = False,
) -> list[Record]:
    """Manila's sort_key/sort_dir, offset and limit (and marker if used)."""
    key = query.get("sort_key", default_key)
    key = (key_map or {}).get(key, key)
    raw_direction = query.get("sort_dir", default_dir)
    direction = raw_direction.lower()
    # the database's apply_sorting, then its unknown-key InvalidInput
    if direction not in ("asc", "desc"):
        raise errors.InvalidInput(
            f"Wrong sorting data provided: sort key is '{key}' and sort "
            f"direction is '{raw_direction}'."
        )
    if (
        records
        and key not in records[0]
        and key not in ("created_at", "id", "updated_at")
    ):
        raise errors.InvalidInput(f"Wrong sorting key provided - '{key}'.")
    records = sorted(
        records,
        key=lambda r: (
            r.get(key) is None,
            str(r.get(key) or ""),
            r.get("id", ""),
        ),
        reverse=direction == "desc",
    )
    if marker and "marker" in query:
        ids = [r["id"] for r in records]
        if query["marker"] not in ids:
            raise errors.BadRequest(f"marker [{query['marker']}] not found")
        records = records[ids.index(query["marker"]) + 1 :]
    paging = pagination_params(query)
    records = records[paging.get("offset", 0) :]
    limit = paging.get("limit")
    return records[:limit] if limit else records


# -- Manila's query validation ---------------------------------------------

#: manila/api/validation/parameter_types.py ``boolean``: the enum a JSON
#: schema query parameter must be one of
SCHEMA_BOOLEAN: tuple[Any, ...] = (
    True,
    "True",
    "TRUE",
    "true",
    "1",
    "ON",
    "On",
    "on",
    "YES",
    "Yes",
    "yes",
    "y",
    "t",
    False,
    "False",
    "FALSE",
    "false",
    "0",
    "OFF",
    "Off",
    "off",
    "NO",
    "No",
    "no",
    "n",
    "f",
)
#: manila.common.constants.DB_MAX_INT
DB_MAX_INT = 0x7FFFFFFF


def _schema_fault(name: str, value: Any, message: str) -> errors.Fault:
    return errors.BadRequest(
        f"Invalid input for query parameters {name}. Value: {value}. {message}"
    )


def _schema_item(kind: str, value: str) -> str | None:
    """The jsonschema message for one query value, or None if valid."""
    if kind == "uint":
        # schema keywords in order: pattern, maximum, minLength
        if re.fullmatch("[0-9]*", value) is None:
            return f"{value!r} does not match '^[0-9]*$'"
        if value and int(value) > DB_MAX_INT:
            return f"{int(value)} is greater than the maximum of {DB_MAX_INT}"
        if not value:
            return f"{value!r} should be non-empty"
        return None
    if kind == "bool":
        if value not in SCHEMA_BOOLEAN:
            return f"{value!r} is not one of {list(SCHEMA_BOOLEAN)!r}"
        return None
    if kind.startswith("str"):
        longest = int(kind[3:] or 255)
        if not value:
            return f"{value!r} should be non-empty"
        if len(value) > longest:
            return f"{value!r} is too long"
    return None


def check_query_schema(
    query: dict[str, list[str]], properties: dict[str, str]
) -> None:
    """Manila's ``request_query_schema`` check of single-value parameters.

    :param query: The query string, each name with all its values.
    :param properties: Parameter name -> kind, in the schema's order:
        ``uint`` (non-negative integer), ``bool``, ``str`` (1 to 255
        characters), ``strN`` (1 to N characters) or ``any``. Other
        parameters pass (``additionalProperties``).
    :raises errors.BadRequest: With Manila's message for the first error.
    """
    for name, kind in properties.items():
        values = query.get(name)
        if values is None:
            continue
        for value in values:
            message = _schema_item(kind, value)
            if message is not None:
                raise _schema_fault(name, value, message)
        if len(values) > 1:
            raise _schema_fault(name, values, f"{values!r} is too long")


def is_all_tenants(query: dict[str, str]) -> bool:
    """Manila's ``utils.is_all_tenants``: an empty value means yes; a bad
    one is InvalidInput carrying oslo's strict boolean message alone."""
    if "all_tenants" not in query:
        return False
    value = query["all_tenants"]
    if not value:
        return True
    parsed = strict_bool(value)
    if parsed is not None:
        return parsed
    acceptable = ", ".join(
        f"'{s}'" for s in sorted(TRUE_STRINGS + FALSE_STRINGS)
    )
    # InvalidInput(str(err)): the message replaces the template, so no
    # "Invalid input received: " prefix
    raise errors.BadRequest(
        f"Unrecognized value '{value}', acceptable values are: {acceptable}"
    )


def pagination_params(query: dict[str, str]) -> dict[str, int]:
    """Manila's ``api/common.py get_pagination_params`` (limit, offset)."""
    params: dict[str, int] = {}
    if "limit" in query:
        try:
            limit = int(query["limit"])
        except ValueError as exc:
            raise errors.BadRequest("limit param must be an integer") from exc
        if limit < 0:
            raise errors.BadRequest("limit param must be positive")
        params["limit"] = limit
    if "offset" in query:
        try:
            offset = int(str(query["offset"]))
        except ValueError as exc:
            raise errors.BadRequest("offset must be an integer") from exc
        if offset < 0:
            raise errors.BadRequest("offset must be >= 0")
        if offset > DB_MAX_INT:
            raise errors.BadRequest(f"offset must be <= {DB_MAX_INT}")
        params["offset"] = offset
    return params


#: Manila's ``osapi_max_limit`` default
MAX_LIMIT = 1000


def validate_pagination_query(query: dict[str, str]) -> tuple[int, int]:
    """Manila's ``api/common.py _validate_pagination_query``.

    :returns: ``(limit, offset)``, limit defaulting to :data:`MAX_LIMIT`.
    :raises errors.BadRequest: ``offset param must be an integer`` and the
        other messages of Manila, offset checked first.
    """
    try:
        offset = int(query.get("offset", 0))
    except ValueError as exc:
        raise errors.BadRequest("offset param must be an integer") from exc
    try:
        limit = int(query.get("limit", MAX_LIMIT))
    except ValueError as exc:
        raise errors.BadRequest("limit param must be an integer") from exc
    if limit < 0:
        raise errors.BadRequest("limit param must be positive")
    if offset < 0:
        raise errors.BadRequest("offset param must be positive")
    return limit, offset


def limited(records: list[Record], query: dict[str, str]) -> list[Record]:
    """Manila's ``api/common.py limited``: the page ``offset`` and
    ``limit`` select (``limit`` 0 or above :data:`MAX_LIMIT` gives
    :data:`MAX_LIMIT`)."""
    limit, offset = validate_pagination_query(query)
    limit = min(MAX_LIMIT, limit or MAX_LIMIT)
    return records[offset : offset + limit]


def api_bool(value: Any, name: str) -> bool:
    """Manila's ``utils.get_bool_from_api_params`` (strict)."""
    parsed = strict_bool(value)
    if parsed is not None:
        return parsed
    raise errors.BadRequest(
        f"Invalid value {value} for {name}. Expecting a boolean."
    )
