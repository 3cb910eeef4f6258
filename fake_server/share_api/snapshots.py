"""Plays manila.share.api.API for snapshots: create, list, delete, revert.

Also snapshot manage/unmanage, metadata (2.73), mountable-snapshot access
rules and export locations (2.32) and snapshot instances (2.19). A
snapshot record holds its single instance's fields (``instance_id``,
``share_instance_id``, ``provider_location``, ``progress``,
``export_locations``); its access rules live in ``snapshot_access_rules``.
"""

from __future__ import annotations

import ast
import copy
import itertools
from typing import TYPE_CHECKING, Any

from fake_server import errors, messages, policy
from fake_server.context import Context
from fake_server.share_api import common, indexes, quotas
from fake_server.share_api import metadata as metadata_api
from fake_server.share_api import shares as share_api
from fake_server.share_api.common import check_metadata
from fake_server.state import Record, new_id

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

TABLE = "snapshots"
ACCESS_TABLE = "snapshot_access_rules"

#: Manila's SHARE_SNAPSHOT_STATUSES (the states reset_status accepts)
STATUSES = (
    "available",
    "error",
    "error_deleting",
    "deleting",
    "creating",
    "manage_starting",
    "unmanage_starting",
    "unmanage_error",
    "manage_error",
    "migrating",
    "migrating_to",
    "restoring",
)
#: Manila's AdminActionsMixin default (snapshot *instances* reset_status)
INSTANCE_STATUSES = (
    "creating",
    "available",
    "deleting",
    "error",
    "error_deleting",
    "migrating",
    "migrating_to",
    "server_migrating",
)
DISPLAY_MAX = 255
#: non-admin list filters (Manila's _get_snapshots_search_options)
_USER_FILTERS = frozenset(
    {
        "name",
        "status",
        "share_id",
        "size",
        "name~",
        "description~",
        "description",
        "metadata",
    }
)
#: creation order, to tell the latest snapshot even within one microsecond
_SEQ = itertools.count()


# -- lookups ------------------------------------------------------------


def uncaught(fault: errors.Fault, name: str) -> errors.Fault:
    """A NotFound that Manila's controller does not catch: its fault
    wrapper prefixes the exception class name (``safe`` exceptions)."""
    return errors.NotFound(f"{name}: {fault.message}")


def _resource_not_found() -> errors.Fault:
    return errors.NotFound("NotFound: Resource could not be found.")


def _share_get(cloud: Cloud, ctx: Context, share_id: str) -> Record:
    """``share_api.get``: an unknown or hidden share is Manila's bare
    ``exception.NotFound`` (uncaught by the snapshot controllers)."""
    try:
        return share_api.get(cloud, ctx, share_id)
    except errors.NotFound as exc:
        raise _resource_not_found() from exc


def _get_uncaught(cloud: Cloud, ctx: Context, snapshot_id: str) -> Record:
    try:
        return get(cloud, ctx, snapshot_id)
    except errors.NotFound as exc:
        raise uncaught(exc, "ShareSnapshotNotFound") from exc


def _not_found(snapshot_id: str) -> errors.Fault:
    return errors.NotFound(f"Snapshot {snapshot_id} could not be found.")


def find(cloud: Cloud, ctx: Context, snapshot_id: str) -> Record:
    """A snapshot of the caller's project (admins: any), else 404."""
    record = cloud.store.get(TABLE, snapshot_id)
    if record is None or not (
        ctx.is_admin or record.get("project_id") == ctx.project_id
    ):
        raise _not_found(snapshot_id)
    return record


def get(cloud: Cloud, ctx: Context, snapshot_id: str) -> Record:
    """A snapshot the caller may read (``share_snapshot:get_snapshot``)."""
    record = find(cloud, ctx, snapshot_id)
    if not policy.allowed(
        ctx, "share_snapshot:get_snapshot", record["project_id"]
    ):
        raise _not_found(snapshot_id)
    return record


def _share_of(cloud: Cloud, snapshot: Record) -> Record:
    share = cloud.store.get("shares", snapshot["share_id"])
    if share is None:
        raise errors.NotFound(
            f"Share {snapshot['share_id']} could not be found."
        )
    return share


def _check_display(value: Any, name: str) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise errors.BadRequest(
            f"Invalid input received: {name} must be a string."
        )
    if len(value) > DISPLAY_MAX:
        raise errors.BadRequest(
            f"Invalid input received: {name} can only be {DISPLAY_MAX} "
            "characters long."
        )


def _manager(cloud: Cloud, share: Record) -> Any:
    return cloud.manager(share["host"]) if share.get("host") else None


# -- list ---------------------------------------------------------------


def list_snapshots(
    cloud: Cloud, ctx: Context, query: dict[str, str]
) -> tuple[list[Record], int]:
    """Snapshots visible to the caller after Manila's filters, and their
    count before paging (for ``with_count``)."""
    policy.authorize(ctx, "share_snapshot:get_all_snapshots")
    query = dict(query)
    paging: dict[str, str] = {
        k: query.pop(k) for k in ("limit", "offset") if k in query
    }
    common.pagination_params(paging)
    sort_key = query.pop("sort_key", "created_at")
    sort_dir = query.pop("sort_dir", "desc")
    if not ctx.is_admin:
        query = {k: v for k, v in query.items() if k in _USER_FILTERS}
    meta_filter: dict[str, Any] = {}
    if "metadata" in query:
        meta_filter = _metadata_filter(query.pop("metadata"))
    all_projects = common.is_all_tenants(query)
    query.pop("all_tenants", None)
    all_projects = all_projects and policy.allowed(
        ctx, "share_snapshot:list_all_projects"
    )
    for key, value in dict(
        query, sort_key=sort_key, sort_dir=sort_dir
    ).items():
        if key != "metadata" and not value:
            raise errors.BadRequest(
                f"Invalid input received: Wrong '{key}' filter provided: "
                f"'{value}'."
            )
    # share/api.py: a status filter naming a deferred deletion state
    # needs list_snapshots_in_deferred_deletion_states (admin)
    if "deferred" in query.get("status", ""):
        policy.authorize(
            ctx, "share_snapshot:list_snapshots_in_deferred_deletion_states"
        )
    exact = {
        "name": "name",
        "display_name": "name",
        "description": "description",
        "display_description": "description",
        "status": "status",
        "share_id": "share_id",
        "size": "size",
        "project_id": "project_id",
        "user_id": "user_id",
        "id": "id",
        "share_proto": "share_proto",
        "share_size": "share_size",
    }

    def keep(record: Record) -> bool:
        if not all_projects and record["project_id"] != ctx.project_id:
            return False
        for key, field in exact.items():
            if key in query and str(record.get(field)) != query[key]:
                return False
        for key, field in (("name~", "name"), ("description~", "description")):
            if (
                key in query
                and query[key].lower() not in (record.get(field) or "").lower()
            ):
                return False
        return all(
            record.get("metadata", {}).get(k) == v
            for k, v in meta_filter.items()
        )

    rows = [r for r in cloud.store.select(TABLE) if keep(r)]
    total = len(rows)
    key_map = {"display_name": "name", "display_description": "description"}
    sort_query = dict(paging, sort_key=sort_key, sort_dir=sort_dir)
    rows = common.sort_and_page(rows, sort_query, key_map=key_map)
    return rows, total


def _metadata_filter(value: str) -> dict[str, Any]:
    """The controller's ``ast.literal_eval`` of a ``metadata`` filter."""
    try:
        parsed = ast.literal_eval(value)
    except (ValueError, SyntaxError) as exc:
        raise errors.BadRequest("Invalid value for metadata filter.") from exc
    if not isinstance(parsed, dict):
        raise errors.BadRequest("Invalid value for metadata filter.")
    return parsed


# -- create, update, delete ------------------------------------------------


def create(cloud: Cloud, ctx: Context, body: dict[str, Any]) -> Record:
    """Take a snapshot: checks, quota, a ``creating`` record, a cast.

    ``force`` is accepted but, as in Manila's v2 controller, never passed
    on: the share must be ``available``.
    """
    share_id = body.get("share_id")
    if not isinstance(share_id, str) or not share_id:
        raise errors.Unprocessable()
    share = _share_get(cloud, ctx, share_id)
    if not share.get("snapshot_support"):
        raise errors.Unprocessable(
            f"Snapshots cannot be created for share '{share_id}' since it "
            "does not have that capability."
        )
    if share.get("is_soft_deleted"):
        raise errors.Forbidden(
            f"Snapshots cannot be created for share '{share_id}' since it "
            "has been soft deleted."
        )
    name = body.get("name", body.get("display_name"))
    description = body.get("description", body.get("display_description"))
    _check_display(name, "name")
    _check_display(description, "description")
    metadata: dict[str, str] = {}
    if ctx.version >= "2.73" and body.get("metadata"):
        metadata = body["metadata"]
    policy.authorize(ctx, "share:create_snapshot", share["project_id"])
    if metadata:
        metadata = check_metadata(metadata)
    if share["status"] != "available":
        raise errors.BadRequest(
            "Invalid share: Source share status must be available."
        )
    if share.get("task_state") in share_api.BUSY_TASK_STATES:
        raise errors.BadRequest(
            "Share is busy with an active task: Share "
            f"{share_id} is busy as part of an active task: "
            f"{share['task_state']}."
        )
    size = int(share["size"])
    with cloud.store.lock:
        quotas.check(
            cloud,
            ctx.project_id,
            {"snapshot_gigabytes": size, "snapshots": 1},
            share["share_type_id"],
        )
        record = _insert(
            cloud,
            ctx,
            share,
            {
                "status": "creating",
                "size": size,
                "name": name,
                "description": description,
                "metadata": metadata,
                "provider_location": None,
            },
        )
        view = copy.deepcopy(record)  # as answered, before the cast runs
    manager = _manager(cloud, share)
    if manager is not None:
        manager.cast("create_snapshot", manager.create_snapshot, record["id"])
    return view


def _insert(
    cloud: Cloud, ctx: Context, share: Record, values: dict[str, Any]
) -> Record:
    record: Record = {
        "share_id": share["id"],
        "share_size": share["size"],
        "share_proto": share["share_proto"],
        "share_type_id": share.get("share_type_id"),
        "project_id": ctx.project_id,
        "user_id": ctx.user_id,
        "progress": "0%",
        "instance_id": new_id(),
        "share_instance_id": share.get("instance_id"),
        "export_locations": [],
        "seq": next(_SEQ),
    }
    record.update(values)
    return cloud.store.insert(TABLE, record)


def update(
    cloud: Cloud, ctx: Context, snapshot_id: str, body: dict[str, Any]
) -> Record:
    """Rename or re-describe: Manila reads only ``display_name`` and
    ``display_description`` (``name``/``description`` are ignored)."""
    policy.authorize(ctx, "share:snapshot_update")
    values: dict[str, Any] = {}
    for wire, field in (
        ("display_name", "name"),
        ("display_description", "description"),
    ):
        if wire in body:
            _check_display(body[wire], wire)
            values[field] = body[wire]
    snapshot = find(cloud, ctx, snapshot_id)
    policy.authorize(ctx, "share:snapshot_update", snapshot["project_id"])
    with cloud.store.lock:
        if cloud.store.get(TABLE, snapshot_id) is None:
            raise _not_found(snapshot_id)
        return cloud.store.update(TABLE, snapshot_id, **values)


def delete(cloud: Cloud, ctx: Context, snapshot_id: str) -> None:
    """Delete: status ``available`` or ``error`` only, then ``deleting``."""
    policy.authorize(ctx, "share:delete_snapshot")
    snapshot = get(cloud, ctx, snapshot_id)
    policy.authorize(ctx, "share:delete_snapshot", snapshot["project_id"])
    start_delete(cloud, snapshot, force=False)


def force_delete(cloud: Cloud, ctx: Context, snapshot_id: str) -> None:
    """Admin delete whatever the status (``force_delete`` action)."""
    policy.authorize(ctx, "share_snapshot:force_delete")
    snapshot = get(cloud, ctx, snapshot_id)
    start_delete(cloud, snapshot, force=True)


def start_delete(cloud: Cloud, snapshot: Record, force: bool) -> None:
    """Checks, ``deleting`` and the cast to the share's backend."""
    with cloud.store.lock:
        current = cloud.store.get(TABLE, snapshot["id"])
        if current is None:
            raise _not_found(snapshot["id"])
        if not force and current["status"] not in ("available", "error"):
            raise errors.BadRequest(
                "Invalid share snapshot: Share Snapshot status must be one "
                "of ('available', 'error')."
            )
        share = _share_of(cloud, current)
        cloud.store.update(TABLE, current["id"], status="deleting")
    manager = _manager(cloud, share)
    if manager is None:
        destroy(cloud, current["id"])
        return
    manager.cast(
        "delete_snapshot", manager.delete_snapshot, current["id"], force
    )


def destroy(cloud: Cloud, snapshot_id: str) -> None:
    """Remove a snapshot record with its access rules."""
    with cloud.store.lock:
        cloud.store.delete(TABLE, snapshot_id)
        for rule in cloud.store.lookup(
            ACCESS_TABLE, indexes.SNAPSHOT, snapshot_id
        ):
            cloud.store.delete(ACCESS_TABLE, rule["id"])


def _validate_status(body: Any, valid: tuple[str, ...]) -> str:
    if not isinstance(body, dict) or "status" not in body:
        raise errors.BadRequest("Must specify 'status'")
    status = body["status"]
    if status not in valid:
        raise errors.BadRequest(
            f"Invalid state. Valid states: {', '.join(valid)}."
        )
    return str(status)


def reset_status(
    cloud: Cloud, ctx: Context, snapshot_id: str, body: Any
) -> None:
    """Admin: set the status in the database (``reset_status`` action)."""
    policy.authorize(ctx, "share_snapshot:reset_status")
    status = _validate_status(body, STATUSES)
    with cloud.store.lock:
        get(cloud, ctx, snapshot_id)
        cloud.store.update(TABLE, snapshot_id, status=status)


# -- manage / unmanage -------------------------------------------------------


def _required(
    data: dict[str, Any], names: tuple[str, ...], fault: type[errors.Fault]
) -> None:
    for name in names:
        if name not in data:
            raise fault(f"Required parameter {name} not found.")
        if not data.get(name):
            raise fault(f"Required parameter {name} is empty.")
        if not isinstance(data[name], str):
            raise fault(f"Parameter {name} must be a string.")


def manage(cloud: Cloud, ctx: Context, body: Any) -> Record:
    """Adopt a back-end snapshot: ``manage_starting`` and a cast (2.12).

    As in Manila, the new snapshot belongs to the caller's project.
    """
    policy.authorize(ctx, "share_snapshot:manage_snapshot")
    if not isinstance(body, dict):
        raise errors.Unprocessable(
            "Snapshot entity not found in request body."
        )
    _required(body, ("share_id", "provider_location"), errors.Unprocessable)
    share_id = body["share_id"]
    share = cloud.store.get("shares", share_id)
    if share is None or not (
        ctx.is_admin
        or share["project_id"] == ctx.project_id
        or share.get("is_public")
    ):
        raise errors.NotFound(
            f"ShareNotFound: Share {share_id} could not be found."
        )
    if share.get("is_soft_deleted"):
        raise errors.Forbidden(
            f"Can not manage snapshot for share '{share_id}' since it has "
            "been soft deleted."
        )
    name = body.get("display_name", body.get("name"))
    description = body.get("display_description", body.get("description"))
    _check_display(name, "name")
    _check_display(description, "description")
    metadata: dict[str, str] = {}
    if ctx.version >= "2.73" and body.get("metadata"):
        metadata = check_metadata(body["metadata"])
    driver_options = body.get("driver_options") or {}
    if not isinstance(driver_options, dict):
        raise errors.BadRequest("driver_options must be a dict.")
    if share.get("has_replicas"):
        raise errors.Conflict(
            f"Invalid share: Share {share_id} has replicas. Snapshots of "
            "this share cannot currently be managed until all replicas are "
            "removed."
        )
    location = body["provider_location"]
    with cloud.store.lock:
        for other in cloud.store.lookup(TABLE, indexes.SHARE, share_id):
            if other.get("provider_location") == location:
                raise errors.Conflict(
                    "Manage existing share snapshot failed due to invalid "
                    f"share snapshot: A share snapshot {other['id']} is "
                    "already managed for provider location "
                    f"{location}."
                )
        record = _insert(
            cloud,
            ctx,
            share,
            {
                "status": "manage_starting",
                "size": None,
                "name": name,
                "description": description,
                "metadata": metadata,
                "provider_location": location,
            },
        )
        view = copy.deepcopy(record)  # as answered, before the cast runs
    manager = _manager(cloud, share)
    if manager is not None:
        manager.cast(
            "manage_snapshot",
            manager.manage_snapshot,
            record["id"],
            dict(driver_options),
        )
    return view


def unmanage(cloud: Cloud, ctx: Context, snapshot_id: str) -> None:
    """Forget a snapshot (2.12; DHSS=True shares from 2.49)."""
    policy.authorize(ctx, "share_snapshot:unmanage_snapshot")
    snapshot = get(cloud, ctx, snapshot_id)
    share = _share_of(cloud, snapshot)
    if share.get("share_server_id") and ctx.version < "2.49":
        raise errors.Forbidden(
            "Operation 'unmanage_snapshot' is not supported for snapshots "
            "of shares that are created with share servers (created with "
            "share-networks)."
        )
    if share.get("has_replicas"):
        raise errors.Conflict(
            f"Share {share['id']} has replicas. Snapshots of this share "
            "cannot currently be unmanaged until all replicas are removed."
        )
    if snapshot["status"] in share_api.TRANSITIONAL:
        raise errors.Forbidden(
            "Snapshot with transitional state cannot be unmanaged. "
            f"Snapshot '{snapshot_id}' is in '{snapshot['status']}' state."
        )
    cloud.store.update(TABLE, snapshot_id, status="unmanage_starting")
    manager = _manager(cloud, share)
    if manager is None:
        destroy(cloud, snapshot_id)
        return
    manager.cast("unmanage_snapshot", manager.unmanage_snapshot, snapshot_id)


# -- revert (share action) ----------------------------------------------


def latest_for_share(cloud: Cloud, share_id: str) -> Record | None:
    """The share's newest snapshot (by creation)."""
    rows = cloud.store.lookup(TABLE, indexes.SHARE, share_id)
    if not rows:
        return None
    return max(
        rows, key=lambda s: (s.get("created_at") or "", s.get("seq", 0))
    )


def revert(cloud: Cloud, ctx: Context, share_id: str, body: Any) -> None:
    """Revert a share to its latest snapshot (2.27): share ``reverting``,
    snapshot ``restoring``, then a cast to the share's backend."""
    if (
        not isinstance(body, dict)
        or set(body) != {"revert"}
        or not isinstance(body["revert"], dict)
    ):
        raise errors.BadRequest(
            "Invalid input for field/attribute revert. 'snapshot_id' is a "
            "required property"
        )
    policy.authorize(ctx, "share:revert_to_snapshot")
    snapshot_id = body["revert"].get("snapshot_id")
    if not isinstance(snapshot_id, str) or not common.is_uuid(snapshot_id):
        raise errors.BadRequest(
            "Invalid input for field/attribute snapshot_id. Value: "
            f"{snapshot_id}. '{snapshot_id}' is not a 'uuid'"
        )
    share = _share_get(cloud, ctx, share_id)
    policy.authorize(ctx, "share:revert_to_snapshot", share["project_id"])
    try:
        snapshot = get(cloud, ctx, snapshot_id)
    except errors.NotFound as exc:
        raise errors.BadRequest(exc.message) from exc
    if share.get("is_soft_deleted"):
        raise errors.Forbidden(
            f"Share '{share_id} cannot revert to snapshot, since it has "
            "been soft deleted."
        )
    if not share.get("revert_to_snapshot_support"):
        raise errors.BadRequest(
            f"Share {share_id} may not be reverted to snapshot "
            f"{snapshot_id}, because the share does not have that "
            "capability."
        )
    if snapshot["share_id"] != share["id"]:
        raise errors.BadRequest(
            f"Snapshot {snapshot_id} is not associated with share {share_id}."
        )
    if share["status"] != "available":
        raise errors.Conflict(
            f"Share {share_id} is in '{share['status']}' state, but it must "
            "be in 'available' state to be reverted to a snapshot."
        )
    if snapshot["status"] != "available":
        raise errors.Conflict(
            f"Snapshot {snapshot_id} is in '{snapshot['status']}' state, "
            "but it must be in 'available' state to be restored."
        )
    if share.get("task_state") in share_api.BUSY_TASK_STATES:
        raise errors.Conflict(
            f"Share {share_id} may not be reverted while it has an active "
            "task."
        )
    latest = latest_for_share(cloud, share_id)
    if latest is None:
        raise errors.BadRequest(
            f"Could not determine the latest snapshot for share {share_id}."
        )
    if latest["id"] != snapshot_id:
        raise errors.Conflict(
            f"Snapshot {snapshot_id} may not be restored because it is not "
            f"the most recent snapshot of share {share_id}. Currently the "
            f"latest snapshot is {latest['id']}."
        )
    if share.get("access_rules_status", "active") != "active":
        raise errors.Conflict(
            f"Snapshot {snapshot_id} belongs to a share {share_id} which "
            "has access rules that are not active."
        )
    _check_revert_quota(cloud, ctx, share, snapshot)
    with cloud.store.lock:
        cloud.store.update("shares", share_id, status="reverting")
        cloud.store.update(TABLE, snapshot_id, status="restoring")
    manager = _manager(cloud, share)
    if manager is not None:
        manager.cast(
            "revert_to_snapshot", manager.revert_to_snapshot, snapshot_id
        )


def _check_revert_quota(
    cloud: Cloud, ctx: Context, share: Record, snapshot: Record
) -> None:
    increase = int(snapshot["size"] or 0) - int(share["size"])
    if increase <= 0:
        return
    for scope in (None, share.get("share_type_id")):
        allowed = quotas.limit(cloud, share["project_id"], "gigabytes", scope)
        if allowed < 0:
            continue
        used = quotas.usage(cloud, share["project_id"], "gigabytes", scope)
        if used + increase > allowed:
            raise errors.Forbidden(
                f"Quota exceeded for {ctx.project_id}. Reverting share "
                f"{share['id']} to snapshot {snapshot['id']} will increase "
                f"the share's size by {increase}G, ({used}G of {allowed}G "
                "already consumed)."
            )


# -- metadata (2.73) ----------------------------------------------------


def _meta_target(cloud: Cloud, ctx: Context, snapshot_id: str) -> Record:
    record = cloud.store.get(TABLE, snapshot_id)
    if record is None or not (
        ctx.is_admin or record.get("project_id") == ctx.project_id
    ):
        raise errors.NotFound("Share_snapshot not found.")
    if not policy.allowed(
        ctx, "share_snapshot:get_snapshot", record["project_id"]
    ):
        raise errors.NotFound("Share_snapshot not found.")
    return record


METADATA = metadata_api.MetadataRules(
    TABLE,
    _meta_target,
    "share_snapshot:get_metadata",
    "share_snapshot:update_metadata",
    "share_snapshot:delete_metadata",
)
get_metadata = METADATA.get
get_metadata_item = METADATA.get_item
set_metadata = METADATA.set
set_metadata_item = METADATA.set_item
delete_metadata_item = METADATA.delete_item


# -- access rules of mountable snapshots (2.32) -------------------------


def _check_mountable(cloud: Cloud, ctx: Context, snapshot: Record) -> Record:
    share = _share_get(cloud, ctx, snapshot["share_id"])
    if not share.get("mount_snapshot_support"):
        raise errors.BadRequest(
            f"Cannot control access to the snapshot {snapshot['id']} since "
            f"the parent share {share['id']} does not support mounting its "
            "snapshots."
        )
    return share


def _check_not_inherited(snapshot: Record, share: Record) -> None:
    if share.get("snapshot_inherit_share_access_support"):
        raise errors.BadRequest(
            f"Cannot modify access rules for the snapshot {snapshot['id']} "
            f"since the parent share {share['id']} has "
            "snapshot_inherit_share_access_support enabled. Snapshot access "
            "rules are inherited from the base share."
        )


def _check_snapshot_ready(cloud: Cloud, snapshot: Record, verb: str) -> None:
    share = cloud.store.get("shares", snapshot["share_id"]) or {}
    if snapshot["status"] != "available" or not share.get("host"):
        if verb == "apply":
            text = (
                "New access rules cannot be applied while the snapshot "
                "or any of its replicas or migration copies lacks a "
                "valid host or is not in available state."
            )
        else:
            text = (
                "Access rules cannot be denied while the snapshot or "
                "any of its replicas or migration copies lacks a valid "
                "host or is not in available state."
            )
        raise errors.BadRequest(f"Invalid share snapshot instance: {text}.")


def allow_access(
    cloud: Cloud, ctx: Context, snapshot_id: str, body: Any
) -> Record:
    """A ``queued_to_apply`` rule and a cast to the backend (202)."""
    policy.authorize(ctx, "share_snapshot:allow_access")
    if (
        not isinstance(body, dict)
        or not isinstance(body.get("allow_access"), dict)
        or not body["allow_access"]
    ):
        raise errors.BadRequest("Access data not found in request body.")
    data = body["allow_access"]
    _required(data, ("access_type", "access_to"), errors.BadRequest)
    access_type, access_to = data["access_type"], data["access_to"]
    share_api.validate_access(
        access_type,
        access_to,
        enable_ipv6=ctx.version >= "2.38",
        enable_ceph=False,
    )
    snapshot = _get_uncaught(cloud, ctx, snapshot_id)
    policy.authorize(
        ctx, "share_snapshot:allow_access", snapshot["project_id"]
    )
    share = _check_mountable(cloud, ctx, snapshot)
    _check_not_inherited(snapshot, share)
    with cloud.store.lock:
        for rule in cloud.store.lookup(
            ACCESS_TABLE, indexes.SNAPSHOT, snapshot_id
        ):
            if common.same_access(access_type, access_to, rule):
                raise errors.BadRequest(
                    f"Share snapshot access {access_type}:{access_to} exists."
                )
        _check_snapshot_ready(cloud, snapshot, "apply")
        rule = cloud.store.insert(
            ACCESS_TABLE,
            {
                "snapshot_id": snapshot_id,
                "access_type": access_type,
                "access_to": access_to,
                "state": "queued_to_apply",
                "project_id": snapshot["project_id"],
            },
        )
        view = dict(rule)  # as answered, before the cast runs
    _cast_access(cloud, share, snapshot_id)
    return view


def deny_access(
    cloud: Cloud, ctx: Context, snapshot_id: str, body: Any
) -> None:
    """Mark a rule ``queued_to_deny`` and cast to the backend (202)."""
    policy.authorize(ctx, "share_snapshot:deny_access")
    if (
        not isinstance(body, dict)
        or not isinstance(body.get("deny_access"), dict)
        or not body["deny_access"]
    ):
        raise errors.BadRequest("Access data not found in request body.")
    data = body["deny_access"]
    _required(data, ("access_id",), errors.BadRequest)
    snapshot = _get_uncaught(cloud, ctx, snapshot_id)
    policy.authorize(ctx, "share_snapshot:deny_access", snapshot["project_id"])
    share = _check_mountable(cloud, ctx, snapshot)
    _check_not_inherited(snapshot, share)
    rule = cloud.store.get(ACCESS_TABLE, data["access_id"])
    if rule is None:
        raise _resource_not_found()
    if rule["snapshot_id"] != snapshot_id:
        raise errors.BadRequest(
            "Access rule provided is not associated with given snapshot."
        )
    _check_snapshot_ready(cloud, snapshot, "deny")
    with cloud.store.lock:
        if cloud.store.get(ACCESS_TABLE, rule["id"]) is not None:
            cloud.store.update(
                ACCESS_TABLE, rule["id"], state="queued_to_deny"
            )
    _cast_access(cloud, share, snapshot_id)


def _cast_access(cloud: Cloud, share: Record, snapshot_id: str) -> None:
    manager = _manager(cloud, share)
    if manager is not None:
        manager.cast(
            "snapshot_update_access",
            manager.snapshot_update_access,
            snapshot_id,
        )


def access_list(cloud: Cloud, ctx: Context, snapshot_id: str) -> list[Record]:
    """A mountable snapshot's rules."""
    policy.authorize(ctx, "share_snapshot:access_list")
    snapshot = _get_uncaught(cloud, ctx, snapshot_id)
    _check_mountable(cloud, ctx, snapshot)
    return cloud.store.lookup(ACCESS_TABLE, indexes.SNAPSHOT, snapshot_id)


# -- export locations (2.32) --------------------------------------------


def _verify_for_locations(
    cloud: Cloud, ctx: Context, snapshot_id: str
) -> Record:
    record = cloud.store.get(TABLE, snapshot_id)
    share = record and cloud.store.get("shares", record["share_id"])
    if (
        record is None
        or share is None
        or not (
            ctx.is_admin
            or record["project_id"] == ctx.project_id
            or share.get("is_public")
        )
    ):
        raise errors.NotFound(f"Snapshot '{snapshot_id}' not found.")
    return record


def export_locations(
    cloud: Cloud, ctx: Context, snapshot_id: str
) -> list[Record]:
    """The snapshot's export locations (admin-only ones for admins)."""
    policy.authorize(ctx, "share_snapshot_export_location:index")
    record = _verify_for_locations(cloud, ctx, snapshot_id)
    return [
        el
        for el in record.get("export_locations") or []
        if ctx.is_admin or not el.get("is_admin_only")
    ]


def _find_location(cloud: Cloud, el_id: str) -> Record:
    for snapshot in cloud.store.select(TABLE):
        for el in snapshot.get("export_locations") or []:
            if el["id"] == el_id:
                found: Record = el
                return found
    # db share_snapshot_instance_export_location_get raises the bare
    # exception.NotFound, which the controllers let escape
    raise _resource_not_found()


def export_location(
    cloud: Cloud, ctx: Context, snapshot_id: str, el_id: str
) -> Record:
    """One export location (looked up by id, as Manila does)."""
    policy.authorize(ctx, "share_snapshot_export_location:show")
    _verify_for_locations(cloud, ctx, snapshot_id)
    return _find_location(cloud, el_id)


# -- snapshot instances (2.19, admin) -----------------------------------------


def _by_instance(cloud: Cloud, instance_id: str, message: str) -> Record:
    for snapshot in cloud.store.select(TABLE):
        if snapshot.get("instance_id") == instance_id:
            return snapshot
    raise errors.NotFound(message)


def instances(
    cloud: Cloud, ctx: Context, snapshot_id: str | None, detail: bool
) -> list[Record]:
    """Snapshot instances, optionally of one snapshot."""
    name = "detail" if detail else "index"
    policy.authorize(ctx, f"share_snapshot_instance:{name}")
    rows = cloud.store.select(
        TABLE,
        None if snapshot_id is None else (lambda s: s["id"] == snapshot_id),
    )
    return rows


def instance(cloud: Cloud, ctx: Context, instance_id: str) -> Record:
    """One snapshot instance (its snapshot's record)."""
    policy.authorize(ctx, "share_snapshot_instance:show")
    return _by_instance(
        cloud, instance_id, f"Snapshot instance {instance_id} not found."
    )


def reset_instance_status(
    cloud: Cloud, ctx: Context, instance_id: str, body: Any
) -> None:
    """Admin: set a snapshot instance's status."""
    policy.authorize(ctx, "share_snapshot_instance:reset_status")
    status = _validate_status(body, INSTANCE_STATUSES)
    with cloud.store.lock:
        record = _by_instance(
            cloud,
            instance_id,
            f"Snapshot instance {instance_id} could not be found.",
        )
        cloud.store.update(TABLE, record["id"], status=status)


def instance_export_locations(
    cloud: Cloud, ctx: Context, instance_id: str
) -> list[Record]:
    """Export locations of a snapshot instance (admin, 2.32)."""
    policy.authorize(ctx, "share_snapshot_instance_export_location:index")
    record = _by_instance(
        cloud, instance_id, f"Snapshot instance '{instance_id}' not found."
    )
    return list(record.get("export_locations") or [])


def instance_export_location(
    cloud: Cloud, ctx: Context, instance_id: str, el_id: str
) -> Record:
    """One export location of a snapshot instance (admin, 2.32)."""
    policy.authorize(ctx, "share_snapshot_instance_export_location:show")
    _by_instance(
        cloud, instance_id, f"Snapshot instance '{instance_id}' not found."
    )
    return _find_location(cloud, el_id)


# -- user messages ------------------------------------------------------


def fail_message(cloud: Cloud, snapshot: Record, action_id: str) -> None:
    """A user message on a snapshot driver failure (resource: instance)."""
    cloud.user_message(
        snapshot["project_id"],
        "SHARE_SNAPSHOT",
        snapshot.get("instance_id") or snapshot["id"],
        action_id,
        messages.UNKNOWN_ERROR,
    )
