"""Plays manila's share backup API (api/v2/share_backups.py and the backup
part of share/api.py, 2.80, experimental): business rules.

Records live in table ``share_backups`` (the quota usage table of
``backups`` and ``backup_gigabytes``). The share manager of the share's
backend does the work: see ``ShareManager.create_backup`` and friends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_server import errors, policy
from fake_server.context import Context
from fake_server.share_api import common, indexes, quotas
from fake_server.share_api import networks as networks_api
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

TABLE = "share_backups"
#: Manila's generic reset statuses
RESET_STATUSES = (
    "creating",
    "available",
    "deleting",
    "error",
    "error_deleting",
    "migrating",
    "migrating_to",
    "server_migrating",
)
#: CONF.data_manager_backup_supported_share_protocols (default)
GENERIC_PROTOCOLS = ("NFS",)
#: filters non-admins may use
SEARCH_OPTIONS = (
    "name",
    "status",
    "share_id",
    "topic",
    "name~",
    "description~",
    "description",
)
_BUSY_TASKS = (
    "migration_starting",
    "migration_in_progress",
    "migration_completing",
    "migration_driver_in_progress",
    "migration_driver_phase1_done",
    "data_copying_starting",
    "data_copying_in_progress",
    "data_copying_completing",
)


def _not_found(backup_id: str) -> errors.NotFound:
    return errors.NotFound(f"No backup exists with ID {backup_id}.")


def get_backup(cloud: Cloud, ctx: Context, backup_id: str) -> Record:
    """A backup of the caller's project (admins: any), else 404."""
    record = cloud.store.get(TABLE, backup_id)
    if record is None or not (
        ctx.is_admin or record["project_id"] == ctx.project_id
    ):
        raise _not_found(backup_id)
    return record


def _share_of_caller(cloud: Cloud, ctx: Context, share_id: Any) -> Record:
    share = cloud.store.get("shares", str(share_id))
    if share is None or not (
        ctx.is_admin or share["project_id"] == ctx.project_id
    ):
        raise errors.BadRequest(f"No share exists with ID {share_id}.")
    return share


def list_backups(
    cloud: Cloud, ctx: Context, query: dict[str, str]
) -> list[Record]:
    """Backups after Manila's filters, sort, offset and limit."""
    policy.authorize(ctx, "share_backup:get_all")
    opts = dict(query)
    paging: dict[str, str] = {
        k: opts.pop(k)
        for k in ("limit", "offset", "sort_key", "sort_dir")
        if k in opts
    }
    all_tenants = opts.pop("all_tenants", opts.pop("all_projects", None))
    if not ctx.is_admin:
        opts = {k: v for k, v in opts.items() if k in SEARCH_OPTIONS}
    rows = cloud.store.select(TABLE)
    if not (
        all_tenants and policy.allowed(ctx, "share_backup:get_all_project")
    ):
        rows = [r for r in rows if r["project_id"] == ctx.project_id]
    if opts.get("share_id"):
        _share_of_caller(cloud, ctx, opts["share_id"])
    for key, value in opts.items():
        if key.endswith("~"):
            rows = [r for r in rows if value in str(r.get(key[:-1]) or "")]
        elif key in (
            "name",
            "description",
            "status",
            "share_id",
            "topic",
            "id",
            "host",
            "project_id",
            "availability_zone",
        ):
            rows = [r for r in rows if str(r.get(key)) == value]
    return common.sort_and_page(rows, paging)


def create_backup(cloud: Cloud, ctx: Context, body: Any) -> Record:
    """Start a backup: backup ``creating``, share ``backup_creating``."""
    policy.authorize(ctx, "share_backup:create")
    if not isinstance(body, dict) or not isinstance(
        body.get("share_backup"), dict
    ):
        raise errors.Unprocessable(
            "Body does not contain 'share_backup' information."
        )
    values = body["share_backup"]
    share_id = values.get("share_id")
    if not share_id:
        raise errors.BadRequest("'share_id' is missing from the request body.")
    for key in ("name", "description"):
        if values.get(key) is not None and not isinstance(values[key], str):
            raise errors.BadRequest(f"Invalid value for '{key}'.")
    options = values.get("backup_options") or {}
    if not isinstance(options, dict):
        raise errors.BadRequest("Invalid value for 'backup_options'.")
    with cloud.store.lock:
        share = _share_of_caller(cloud, ctx, share_id)
        if share.get("is_soft_deleted"):
            raise errors.Forbidden(
                f"Backup can not be created for share '{share_id}' since it "
                "has been soft deleted."
            )
        if share.get("task_state") in _BUSY_TASKS:
            raise errors.Conflict(
                f"Share is busy with an active task: Share {share_id} is "
                f"busy as part of an active task: {share['task_state']}."
            )
        if share["status"] != "available":
            raise errors.BadRequest(
                f"Share {share_id} is in '{share['status']}' state, but it "
                "must be in 'available' state to create a backup."
            )
        if cloud.store.lookup("snapshots", indexes.SHARE, share_id):
            raise errors.BadRequest(
                f"Cannot backup share {share_id} while it has snapshots."
            )
        if share.get("has_replicas"):
            raise errors.BadRequest(
                f"Cannot backup share {share_id} while it has replicas."
            )
        size = int(share.get("size") or 0)
        quotas.check(
            cloud,
            ctx.project_id,
            {"backups": 1, "backup_gigabytes": size},
            user_id=ctx.user_id,
        )
        backup_type = options.get("backup_type")
        if backup_type:
            previous = [
                b
                for b in cloud.store.select(
                    TABLE,
                    lambda b: (
                        b["share_id"] == share_id
                        and b["status"] == "available"
                        and b.get("topic") == "manila-share"
                    ),
                )
            ]
            if previous and previous[0].get("backup_type") != backup_type:
                raise errors.BadRequest(
                    f"Share '{share.get('name')}' has existing backups with "
                    f"backup_type: '{previous[0].get('backup_type')}'. You "
                    "must delete these backups to schedule a backup with a "
                    "different backup_type, or re-use the same backup_type."
                )
        if not options and str(share.get("share_proto") or "").upper() not in (
            GENERIC_PROTOCOLS
        ):
            raise errors.BadRequest(
                f"Cannot backup share {share_id}. The generic approach for "
                "share backups only supports the following protocols: "
                f"{list(GENERIC_PROTOCOLS)}."
            )
        host = str(share.get("host") or "")
        backup = cloud.store.insert(
            TABLE,
            {
                "share_id": share_id,
                "user_id": ctx.user_id,
                "project_id": ctx.project_id,
                "name": values.get("name"),
                "description": values.get("description"),
                "status": "creating",
                "progress": "0",
                "restore_progress": "0",
                "size": size,
                "availability_zone": share.get("availability_zone"),
                "backup_type": backup_type,
                "backup_options": dict(options),
                "host": host.split("#", 1)[0] if options else None,
                "topic": "manila-share" if options else "manila-data",
            },
        )
        cloud.store.update("shares", share_id, status="backup_creating")
    _cast(cloud, share, "create_backup", backup["id"])
    return backup


def _cast(cloud: Cloud, share: Record, operation: str, *args: Any) -> None:
    host = share.get("host")
    manager = cloud.manager(host) if host else None
    if manager is None:
        return
    manager.cast(operation, getattr(manager, operation), *args)


def update_backup(
    cloud: Cloud, ctx: Context, backup_id: str, body: Any
) -> Record:
    """Rename or describe a backup."""
    policy.authorize(ctx, "share_backup:update")
    if not isinstance(body, dict) or not isinstance(
        body.get("share_backup"), dict
    ):
        raise errors.Unprocessable(
            "Body does not contain 'share_backup' information."
        )
    values = body["share_backup"]
    backup = get_backup(cloud, ctx, backup_id)
    changes: dict[str, Any] = {}
    for key in ("name", "description"):
        if key in values:
            if values[key] is not None and not isinstance(values[key], str):
                raise errors.BadRequest(f"Invalid value for '{key}'.")
            changes[key] = values[key]
    return cloud.store.update(TABLE, backup["id"], **changes)


def delete_backup(cloud: Cloud, ctx: Context, backup_id: str) -> None:
    """Start deleting a backup (``deleting``)."""
    policy.authorize(ctx, "share_backup:delete")
    with cloud.store.lock:
        backup = get_backup(cloud, ctx, backup_id)
        if backup["status"] not in ("available", "error"):
            raise errors.BadRequest(
                f"Invalid backup: Backup {backup_id} status must be "
                "available or error."
            )
        cloud.store.update(TABLE, backup_id, status="deleting")
    share = cloud.store.get("shares", backup["share_id"])
    if share is None or cloud.manager(share.get("host") or "") is None:
        cloud.store.delete(TABLE, backup_id)
        return
    _cast(cloud, share, "delete_backup", backup_id)


def restore_backup(
    cloud: Cloud, ctx: Context, backup_id: str, body: Any
) -> dict[str, str]:
    """Restore a backup into its share or (2.91) a target share."""
    policy.authorize(ctx, "share_backup:restore")
    target = None
    if ctx.version >= "2.91" and isinstance(body, dict):
        target = body.get("restore")
        if target is not None and not isinstance(target, str):
            raise errors.BadRequest("Invalid target share id.")
    with cloud.store.lock:
        backup = get_backup(cloud, ctx, backup_id)
        if backup["status"] != "available":
            raise errors.BadRequest(
                f"Invalid backup: Backup {backup_id} status must be available."
            )
        share_id = target or backup["share_id"]
        share = cloud.store.get("shares", share_id)
        if share is None or not (
            ctx.is_admin
            or share["project_id"] == ctx.project_id
            or share.get("is_public")
        ):
            raise errors.NotFound(f"Share {share_id} could not be found.")
        if share["status"] != "available":
            raise errors.BadRequest(
                "Invalid share: Share to be restored to must be available."
            )
        if int(backup.get("size") or 0) > int(share.get("size") or 0):
            raise errors.BadRequest(
                f"Invalid share: Share size {share.get('size')} is too "
                f"small to restore backup of size {backup.get('size')}."
            )
        cloud.store.update(TABLE, backup_id, status="restoring")
        cloud.store.update(
            "shares",
            share_id,
            status="backup_restoring",
            source_backup_id=backup_id,
        )
    _cast(cloud, share, "restore_backup", backup_id, share_id)
    return {"backup_id": backup_id, "share_id": share_id}


def reset_status(
    cloud: Cloud, ctx: Context, backup_id: str, body: Any
) -> None:
    """Admin ``reset_status`` of a backup."""
    policy.authorize(ctx, "share_backup:reset_status")
    value = body.get("reset_status") if isinstance(body, dict) else None
    status = networks_api.status_from(value, RESET_STATUSES)
    backup = cloud.store.get(TABLE, backup_id)
    if backup is None:
        raise errors.NotFound(f"Share backup {backup_id} could not be found.")
    cloud.store.update(TABLE, backup_id, status=status)
