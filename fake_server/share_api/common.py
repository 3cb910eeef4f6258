"""Helpers shared by the business rules: lookups, validation, filters."""

from __future__ import annotations

import ast
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


def parse_bool(value: Any, name: str) -> bool:
    """Manila's strict boolean parsing; 400 for anything else."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE_STRINGS:
        return True
    if text in FALSE_STRINGS:
        return False
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


def parse_dict_param(value: str, name: str) -> dict[str, Any]:
    """A ``metadata={'k': 'v'}`` style query parameter."""
    try:
        parsed = ast.literal_eval(value)
    except (ValueError, SyntaxError) as exc:
        raise errors.BadRequest(f"Invalid {name} filter: {value}") from exc
    if not isinstance(parsed, dict):
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
    direction = query.get("sort_dir", default_dir).lower()
    if direction not in ("asc", "desc"):
        raise errors.BadRequest(
            f"Sort direction {direction} is invalid. Use asc or desc."
        )
    if (
        records
        and key not in records[0]
        and key not in ("created_at", "id", "updated_at")
    ):
        raise errors.BadRequest(f"Wrong sorting key provided - '{key}'.")
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
    offset = parse_int(query.get("offset", 0), "offset", 0)
    records = records[offset:]
    if "limit" in query:
        limit = parse_int(query["limit"], "limit", 0)
        records = records[:limit] if limit else records
    return records
