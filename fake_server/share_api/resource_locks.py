"""Plays manila/lock/api.py and the resource lock checks of
api/v2/resource_locks.py and share/api.py (2.81): business rules.

Records live in table ``resource_locks``. :func:`check_share_action` is
Manila's ``prevent_locked_action_on_share``: share delete, soft delete
and unmanage call it.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from fake_server import errors, policy
from fake_server.context import Context
from fake_server.share_api import common, indexes
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

TABLE = "resource_locks"
#: Manila's RESOURCE_LOCK_ACTIONS_MAPPING
ACTIONS = {"share": ["delete"], "access_rule": ["delete", "show"]}
#: statuses in which a delete lock makes no sense
DISALLOWED = {
    "share": (
        "deleting",
        "error_deleting",
        "unmanage_starting",
        "manage_error_unmanage_starting",
        "unmanage_error",
        "unmanaged",
        "deleted",
    ),
    "access_rule": ("queued_to_deny", "denying", "error", "deleted"),
}
#: list filters Manila's DB accepts
FILTERS = (
    "id",
    "user_id",
    "resource_id",
    "resource_type",
    "lock_context",
    "resource_action",
    "lock_reason",
    "project_id",
)


#: constants.SHARE_LOCKED_BY_ACCESS_LOCK_REASON
SHARE_LOCK_REASON = "Locked by access lock: {lock_id}"


def _context_of(ctx: Context) -> str:
    if "service" in ctx.roles:
        return "service"
    return "admin" if ctx.is_admin else "user"


def _locks_of(cloud: Cloud, resource_id: str, action: str) -> list[Record]:
    """The locks on a resource for one action."""
    return [
        lock
        for lock in cloud.store.lookup(TABLE, indexes.RESOURCE, resource_id)
        if lock["resource_action"] == action
    ]


def check_share_action(cloud: Cloud, share_id: str, action: str) -> None:
    """Refuse ``action`` on a share a lock protects (403 as Manila)."""
    locks = _locks_of(cloud, share_id, action)
    if locks:
        ids = ", ".join(r["id"] for r in locks)
        raise errors.Forbidden(
            f"Resource lock/s [{ids}] prevent {action} action."
        )


def get_lock(cloud: Cloud, ctx: Context, lock_id: str) -> Record:
    """A lock of the caller's project (admins: any), else 404."""
    record = cloud.store.get(TABLE, lock_id)
    if record is None or not (
        ctx.is_admin or record["project_id"] == ctx.project_id
    ):
        raise errors.NotFound(f"Resource lock {lock_id} could not be found.")
    return record


def show_lock(cloud: Cloud, ctx: Context, lock_id: str) -> Record:
    """``GET /resource-locks/{id}``."""
    policy.authorize(ctx, "resource_lock:get")
    return get_lock(cloud, ctx, lock_id)


def _parse_time(value: str, key: str) -> str:
    try:
        stamp = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise errors.BadRequest(
            f"Invalid value specified for the query key: {key}"
        ) from exc
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(datetime.UTC).replace(tzinfo=None)
    return stamp.isoformat(timespec="microseconds")


def list_locks(
    cloud: Cloud, ctx: Context, query: dict[str, str]
) -> tuple[list[Record], int | None]:
    """Locks after Manila's filters, sort, offset and limit.

    :returns: The page of locks and, with ``with_count``, the number of
        locks matching the filters.
    """
    policy.authorize(ctx, "resource_lock:get_all")
    opts = dict(query)
    show_count = common.parse_bool(opts.pop("with_count", False), "with_count")
    if "all_projects" in opts and not policy.allowed(
        ctx, "resource_lock:get_all_projects"
    ):
        opts.pop("all_projects")
        opts.pop("project_id", None)
    all_projects = bool(opts.get("all_projects") or opts.get("all_tenants"))
    if "all_projects" in opts:
        all_projects = common.parse_bool(opts["all_projects"], "all_projects")
    project = opts.get("project_id")
    if project is None and not all_projects:
        project = ctx.project_id
    if project is not None and not ctx.is_admin and project != ctx.project_id:
        raise errors.Forbidden()
    rows = cloud.store.select(TABLE)
    if project is not None:
        rows = [r for r in rows if r["project_id"] == project]
    for key in FILTERS:
        if key in opts and key != "project_id":
            rows = [r for r in rows if str(r.get(key)) == opts[key]]
    if "lock_reason~" in opts:
        rows = [
            r
            for r in rows
            if opts["lock_reason~"] in str(r.get("lock_reason") or "")
        ]
    for key, newer in (("created_since", True), ("created_before", False)):
        if key in opts:
            stamp = _parse_time(opts[key], key)
            rows = [
                r
                for r in rows
                if (
                    r["created_at"] > stamp
                    if newer
                    else r["created_at"] < stamp
                )
            ]
    count = len(rows) if show_count else None
    paging: dict[str, str] = {
        k: opts[k]
        for k in ("sort_key", "sort_dir", "limit", "offset")
        if k in opts
    }
    return common.sort_and_page(rows, dict(paging)), count


# -- manila/api/schemas/resource_locks.py ---------------------------------

#: index_request_query properties in schema order: name -> kind
INDEX_QUERY = (
    ("limit", "uint"),
    ("offset", "uint"),
    ("sort_key", "any"),
    ("sort_dir", "any"),
    ("with_count", "bool"),
    ("created_since", "date-time"),
    ("created_before", "date-time"),
    ("project_id", "uuid"),
    ("user_id", "uuid"),
    ("resource_id", "uuid"),
    ("resource_action", "action"),
    ("resource_type", "type"),
    ("all_projects", "bool"),
    ("lock_context", "max10"),
    ("lock_reason", "max1023"),
)
_ACTION_ENUM = ["delete", "show", None]
_TYPE_ENUM = ["share", "access_rule", None]


def _is_datetime(value: str) -> bool:
    try:
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _query_item(kind: str, value: str) -> str | None:
    if kind in ("uint", "bool"):
        return common._schema_item(kind, value)
    if kind == "uuid" and not common.is_uuid(value):
        return f"{value!r} is not a 'uuid'"
    if kind == "date-time" and not _is_datetime(value):
        return f"{value!r} is not a 'date-time'"
    if kind == "action" and value not in _ACTION_ENUM:
        return f"{value!r} is not one of {_ACTION_ENUM!r}"
    if kind == "type" and value not in _TYPE_ENUM:
        return f"{value!r} is not one of {_TYPE_ENUM!r}"
    if kind.startswith("max") and len(value) > int(kind[3:]):
        return f"{value!r} is too long"
    return None


def check_index_query(query: dict[str, list[str]]) -> None:
    """Manila's ``index_request_query`` (every value of each parameter).

    :raises errors.BadRequest: With jsonschema's message for the first
        error.
    """
    for name, kind in INDEX_QUERY:
        for value in query.get(name) or []:
            message = _query_item(kind, value)
            if message is not None:
                raise common._schema_fault(name, value, message)


def _type_error(value: Any, *types: str) -> str:
    names = ", ".join(repr(t) for t in types)
    return f"{value!r} is not of type {names}"


def _field_fault(path: str, value: Any, message: str) -> errors.Fault:
    return errors.BadRequest(
        f"Invalid input for field/attribute {path}. Value: {value}. {message}"
    )


def _nullable(name: str, value: Any, enum: list[Any] | None) -> None:
    if value is not None and not isinstance(value, str):
        raise _field_fault(name, value, _type_error(value, "string", "null"))
    if enum is not None and value not in enum:
        raise _field_fault(name, value, f"{value!r} is not one of {enum!r}")
    if name == "lock_reason" and value is not None and len(value) > 1023:
        raise _field_fault(name, value, f"{value!r} is too long")


def check_body_schema(body: Any, update: bool = False) -> None:
    """Manila's ``create_request_body`` / ``update_request_body``.

    Bodies that are not objects are left to :func:`_check_body`.

    :raises errors.BadRequest: With jsonschema's message for the first
        error.
    """
    if not isinstance(body, dict):
        return
    if "resource_lock" not in body:
        raise errors.BadRequest("'resource_lock' is a required property")
    data = body["resource_lock"]
    if not isinstance(data, dict):
        if update:
            return
        raise _field_fault("resource_lock", data, _type_error(data, "object"))
    allowed: tuple[str, ...]
    if update:
        allowed = ("resource_action", "lock_reason")
    else:
        allowed = ("resource_id", "lock_reason", "resource_type")
        allowed += ("resource_action",)
    for key in allowed:
        if key not in data:
            continue
        value = data[key]
        if key == "resource_id":
            if not isinstance(value, str):
                raise _field_fault(key, value, _type_error(value, "string"))
            if not common.is_uuid(value):
                raise _field_fault(key, value, f"{value!r} is not a 'uuid'")
        elif key == "resource_type":
            _nullable(key, value, _TYPE_ENUM)
        elif key == "resource_action":
            _nullable(key, value, _ACTION_ENUM)
        else:
            _nullable(key, value, None)
    if not update and "resource_id" not in data:
        raise _field_fault(
            "resource_lock", data, "'resource_id' is a required property"
        )
    extras = sorted((k for k in data if k not in allowed), key=str)
    if extras:
        verb = "was" if len(extras) == 1 else "were"
        names = ", ".join(repr(k) for k in extras)
        raise _field_fault(
            "resource_lock",
            data,
            f"Additional properties are not allowed ({names} {verb} "
            "unexpected)",
        )


def _check_body(body: Any, lock: Record | None = None) -> dict[str, Any]:
    """Manila's ``_check_body`` (type is required here: Manila 500s)."""
    if not isinstance(body, dict) or not isinstance(
        body.get("resource_lock"), dict
    ):
        raise errors.BadRequest("Malformed request body.")
    data = dict(body["resource_lock"])
    for key in (
        "resource_id",
        "resource_type",
        "resource_action",
        "lock_reason",
    ):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise errors.BadRequest(f"Invalid input for field {key}.")
    resource_type = (
        lock["resource_type"] if lock else data.get("resource_type")
    )
    action = data.get("resource_action") or "delete"
    reason = data.get("lock_reason") or ""
    if len(reason) > 1023:
        raise errors.BadRequest(
            "'lock_reason' can contain a maximum of 1023 characters."
        )
    if resource_type not in ACTIONS:
        raise errors.BadRequest(
            "'resource_type' is required and must be one of ('share', "
            "'access_rule')"
        )
    if action not in ACTIONS[resource_type]:
        raise errors.BadRequest(
            f"'resource_action' can only be one of {ACTIONS[resource_type]}"
        )
    if lock is not None:
        if set(data) - {"resource_action", "lock_reason"}:
            raise errors.BadRequest(
                "Only 'resource_action' and 'lock_reason' can be updated."
            )
    elif not common.is_uuid(data.get("resource_id") or ""):
        raise errors.BadRequest(
            "Resource ID is required and must be in uuid format."
        )
    return data


def _resource(
    cloud: Cloud, ctx: Context, resource_type: str, resource_id: str
) -> Record:
    if resource_type == "share":
        found = cloud.store.get("shares", resource_id)
    else:
        found = cloud.store.get("access_rules", resource_id)
    if found is None or not (
        ctx.is_admin or found.get("project_id") == ctx.project_id
    ):
        raise errors.NotFound()
    return found


def _check_state(resource_type: str, action: str, found: Record) -> None:
    state = found.get("status", found.get("state", ""))
    if action == "delete" and state in DISALLOWED[resource_type]:
        raise errors.Conflict(
            "Invalid input received: Resource status not suitable for locking."
        )
    if resource_type == "share" and found.get("is_soft_deleted"):
        raise errors.Conflict(
            "Invalid input received: Resource cannot be locked since it "
            "has been soft deleted."
        )


def create_lock(cloud: Cloud, ctx: Context, body: Any) -> Record:
    """Place a lock (200)."""
    data = _check_body(body)
    resource_type = data["resource_type"]
    resource_id = data["resource_id"]
    action = data.get("resource_action") or "delete"
    with cloud.store.lock:
        if action == "show" and _locks_of(cloud, resource_id, "show"):
            raise errors.Conflict(
                "Resource's visibility is already locked by other user."
            )
        try:
            found = _resource(cloud, ctx, resource_type, resource_id)
        except errors.NotFound as exc:
            raise errors.BadRequest("No such resource found.") from exc
        policy.authorize(ctx, "resource_lock:create", found.get("project_id"))
        _check_state(resource_type, action, found)
        return _insert(
            cloud,
            ctx,
            resource_type,
            resource_id,
            action,
            data.get("lock_reason"),
        )


def _insert(
    cloud: Cloud,
    ctx: Context,
    resource_type: str,
    resource_id: str,
    action: str,
    reason: str | None,
) -> Record:
    """A lock record placed by ``ctx`` (lock/api.py create's values)."""
    return cloud.store.insert(
        TABLE,
        {
            "user_id": ctx.user_id,
            "project_id": ctx.project_id,
            "lock_context": _context_of(ctx),
            "resource_id": resource_id,
            "resource_type": resource_type,
            "resource_action": action,
            "lock_reason": reason,
        },
    )


# -- access rule locks (api/v2/shares.py, share_accesses.py, 2.82) ----------


def lock_access_rule(
    cloud: Cloud,
    ctx: Context,
    rule: Record,
    *,
    deletion: bool,
    visibility: bool,
    reason: str | None,
) -> None:
    """``_create_access_locks``: a deletion lock on the new rule and one
    on its share (reason ``Locked by access lock: <id>``), a visibility
    lock on the rule."""
    with cloud.store.lock:
        if deletion:
            rule_lock = _insert(
                cloud, ctx, "access_rule", rule["id"], "delete", reason
            )
            _insert(
                cloud,
                ctx,
                "share",
                rule["share_id"],
                "delete",
                SHARE_LOCK_REASON.format(lock_id=rule_lock["id"]),
            )
        if visibility:
            _insert(cloud, ctx, "access_rule", rule["id"], "show", reason)


def _may_manipulate(ctx: Context, lock: Record) -> bool:
    """``_check_allow_lock_manipulation``: who may change a lock, by the
    context it was placed in."""
    locked_by = lock["lock_context"]
    asking = _context_of(ctx)
    return not (
        (locked_by == "admin" and asking != "admin")
        or (locked_by == "service" and asking == "user")
    )


def _owner_or_admin(ctx: Context, lock: Record) -> bool:
    """ADMIN_OR_SERVICE_OR_OWNER_USER on a lock."""
    return (
        ctx.is_admin
        or "service" in ctx.roles
        or ctx.user_id == lock["user_id"]
    )


def visibility_locks(cloud: Cloud) -> dict[str, Record]:
    """Access rule id -> its visibility lock (one per rule), in one pass."""
    return {
        lock["resource_id"]: lock
        for lock in cloud.store.select(
            TABLE,
            lambda r: (
                r["resource_action"] == "show"
                and r["resource_type"] == "access_rule"
            ),
        )
    }


def access_is_restricted(ctx: Context, lock: Record | None) -> bool:
    """lock/api.py ``access_is_restricted``: whether a rule's visibility
    lock hides its ``access_to`` and ``access_key`` from ``ctx`` (anyone
    but the lock's user, admins and services; other users of the same
    project included)."""
    if lock is None:
        return False
    return not (_may_manipulate(ctx, lock) and _owner_or_admin(ctx, lock))


def check_deny(
    cloud: Cloud, ctx: Context, share_id: str, access_id: str, unrestrict: bool
) -> None:
    """``_check_for_access_rule_locks``: a rule with deletion locks may
    be denied only with ``unrestrict`` by whoever may delete each lock.

    :raises errors.Forbidden: With Manila's messages.
    """
    locks = cloud.store.select(
        TABLE,
        lambda r: (
            r["resource_id"] == access_id and r["resource_action"] == "delete"
        ),
    )
    if not locks:
        return
    if not unrestrict:
        raise errors.Forbidden(
            f"Cannot deny access for share '{share_id}' since it has been "
            "locked. Please remove the locks and retry the operation"
        )
    for lock in locks:
        # ensure_context_can_delete_lock: the lock is read within the
        # caller's project, then policy and lock context are checked
        if not (
            (ctx.is_admin or lock["project_id"] == ctx.project_id)
            and _owner_or_admin(ctx, lock)
            and _may_manipulate(ctx, lock)
        ):
            raise errors.Forbidden(
                "Unable to drop access rule restrictions that are not "
                "placed by you."
            )


def drop_access_rule_locks(cloud: Cloud, access_id: str) -> None:
    """The database's cleanup when a rule's last mapping goes: the rule's
    locks, and the share locks its deletion locks placed."""
    with cloud.store.lock:
        locks = cloud.store.select(
            TABLE, lambda r: r["resource_id"] == access_id
        )
        reasons = {
            SHARE_LOCK_REASON.format(lock_id=lock["id"])
            for lock in locks
            if lock["resource_action"] == "delete"
        }
        if reasons:
            locks += cloud.store.select(
                TABLE,
                lambda r: (
                    r["resource_type"] == "share"
                    and r.get("lock_reason") in reasons
                ),
            )
        for lock in locks:
            cloud.store.delete(TABLE, lock["id"])


def _check_owner(ctx: Context, lock: Record) -> None:
    """Policies ``update``/``delete`` (admin, service or the owner user)
    and Manila's lock-context rule."""
    if not _owner_or_admin(ctx, lock):
        raise errors.Forbidden()
    if not _may_manipulate(ctx, lock):
        raise errors.Forbidden(
            "Resource lock cannot be manipulated by user. Please contact "
            "the administrator."
        )


def update_lock(cloud: Cloud, ctx: Context, lock_id: str, body: Any) -> Record:
    """Change ``resource_action`` or ``lock_reason`` of a lock."""
    with cloud.store.lock:
        lock = get_lock(cloud, ctx, lock_id)
        data = _check_body(body, lock)
        _check_owner(ctx, lock)
        if "resource_action" in data:
            action = data["resource_action"] or "delete"
            if action == "show" and lock["resource_action"] != "show":
                if _locks_of(cloud, lock["resource_id"], "show"):
                    raise errors.BadRequest(
                        "Invalid input received: The resource already has "
                        "a visibility lock."
                    )
            try:
                found = _resource(
                    cloud, ctx, lock["resource_type"], lock["resource_id"]
                )
            except errors.NotFound as exc:
                raise errors.NotFound(
                    f"Resource {lock['resource_id']} could not be found."
                ) from exc
            try:
                _check_state(lock["resource_type"], action, found)
            except errors.Conflict as exc:
                raise errors.BadRequest(exc.message) from exc
            data["resource_action"] = action
        return cloud.store.update(TABLE, lock["id"], **data)


def delete_lock(cloud: Cloud, ctx: Context, lock_id: str) -> None:
    """Remove a lock (204)."""
    with cloud.store.lock:
        lock = get_lock(cloud, ctx, lock_id)
        _check_owner(ctx, lock)
        cloud.store.delete(TABLE, lock["id"])
