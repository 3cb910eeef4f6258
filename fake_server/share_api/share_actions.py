"""Plays manila.share.api.API for share actions and share sub-resources.

Extend, shrink, reset status / task state, force delete, soft delete and
restore, manage and unmanage; share metadata; access rule update and
metadata; export location metadata; share instances. Preconditions and
messages follow manila 23 (``share/api.py``, ``api/v2/shares.py``,
``api/v2/metadata.py``, ``api/openstack/wsgi.py`` AdminActionsMixin).
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

from fake_server import errors, messages, policy, scheduler
from fake_server.context import Context
from fake_server.scheduler import filters
from fake_server.share_api import common, indexes, quotas
from fake_server.share_api import shares as shares_api
from fake_server.state import Record, new_id, now

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

#: manila/common/constants.py SHARE_STATUSES (the reset_status enum)
SHARE_STATUSES = (
    "creating",
    "creating_from_snapshot",
    "deleting",
    "deferred_deleting",
    "deleted",
    "error",
    "error_deleting",
    "error_deferred_deleting",
    "available",
    "manage_starting",
    "manage_error",
    "unmanage_starting",
    "manage_error_unmanage_starting",
    "unmanage_error",
    "unmanaged",
    "extending",
    "extending_error",
    "shrinking",
    "shrinking_error",
    "migrating",
    "migrating_to",
    "shrinking_possible_data_loss_error",
    "replication_change",
    "restoring",
    "reverting",
    "reverting_error",
    "awaiting_transfer",
    "backup_creating",
    "backup_restoring",
    "backup_restoring_error",
    "ensuring",
    "server_migrating",
    "server_migrating_to",
    "reverting_to_snapshot",
)
#: AdminActionsMixin.valid_statuses['status']
RESETTABLE = (
    "available",
    "creating",
    "deleting",
    "error",
    "error_deleting",
    "migrating",
    "migrating_to",
    "server_migrating",
)
#: constants.TASK_STATE_STATUSES
TASK_STATES: tuple[str | None, ...] = (
    "migration_starting",
    "migration_in_progress",
    "migration_completing",
    "migration_success",
    "migration_error",
    "migration_cancelled",
    "migration_driver_in_progress",
    "migration_driver_phase1_done",
    "data_copying_starting",
    "data_copying_in_progress",
    "data_copying_completing",
    "data_copying_completed",
    "data_copying_cancelled",
    "data_copying_error",
    None,
)
BUSY_TASK_STATES = shares_api.BUSY_TASK_STATES
TRANSITIONAL = shares_api.TRANSITIONAL
DELETABLE = shares_api.DELETABLE
#: CONF.soft_deleted_share_retention_time
RETENTION_SECONDS = 604800
#: CONF.admin_only_metadata and CONF.admin_only_el_metadata defaults
ADMIN_ONLY_METADATA = (
    "__affinity_same_host",
    "__affinity_different_host",
    "__managed_at",
)
ADMIN_ONLY_EL_METADATA = ("preferred",)
#: CONF.default_mount_point_prefix
MOUNT_POINT_PREFIX = "{project_id}_"
_TRUE = ("1", "t", "true", "on", "y", "yes")


# -- request body schema checks (manila/api/validation) -----------------------


def _invalid(path: str, value: Any, message: str) -> errors.BadRequest:
    """Manila's jsonschema failure text for a body field."""
    return errors.BadRequest(
        f"Invalid input for field/attribute {path}. Value: {value}. {message}"
    )


def _type_name(types: tuple[str, ...]) -> str:
    return ", ".join(repr(t) for t in types)


def check_action_object(action: str, value: Any) -> dict[str, Any]:
    """The action's value must be an object (schema ``type: object``)."""
    if not isinstance(value, dict):
        raise _invalid(action, value, f"{value!r} is not of type 'object'")
    return value


def check_non_negative_integer(name: str, value: Any) -> int:
    """``parameter_types.non_negative_integer``: an int or digit string."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise _invalid(
            name,
            value,
            f"{value!r} is not of type {_type_name(('integer', 'string'))}",
        )
    if isinstance(value, str):
        if not re.search(r"^[0-9]*$", value):
            raise _invalid(name, value, f"{value!r} does not match '^[0-9]*$'")
        if not value:
            raise _invalid(name, value, f"{value!r} is too short")
        number = int(value)
    else:
        number = value
    if number < 0:
        raise _invalid(name, value, f"{value!r} is less than the minimum of 0")
    if number > common.DB_MAX_INT:
        raise _invalid(
            name,
            value,
            f"{value!r} is greater than the maximum of {common.DB_MAX_INT}",
        )
    return number


def check_boolean(name: str, value: Any) -> bool:
    """``parameter_types.boolean``: a bool or one of Manila's strings."""
    if not isinstance(value, (bool, str)):
        raise _invalid(
            name,
            value,
            f"{value!r} is not of type {_type_name(('boolean', 'string'))}",
        )
    if value not in common.SCHEMA_BOOLEAN:
        allowed = list(common.SCHEMA_BOOLEAN)
        raise _invalid(name, value, f"{value!r} is not one of {allowed!r}")
    if isinstance(value, bool):
        return value
    return value.lower() in _TRUE


def _required(action: str, params: dict[str, Any], key: str) -> None:
    if key not in params:
        raise _invalid(action, params, f"{key!r} is a required property")


# -- lookups ------------------------------------------------------------------


def _share(cloud: Cloud, ctx: Context, share_id: str) -> Record:
    """share_api.get: own, public, or any for admins; else 404."""
    return shares_api.get(cloud, ctx, share_id)


def _not_soft_deleted(share: Record, message: str) -> None:
    if share.get("is_soft_deleted"):
        raise errors.Forbidden(message % share["id"])


def _check_busy(share: Record) -> None:
    """share_api._check_is_share_busy (ShareBusyException -> 400)."""
    if share.get("task_state") in BUSY_TASK_STATES:
        raise errors.BadRequest(
            f"Share is busy with an active task: Share {share['id']} is "
            f"busy as part of an active task: {share['task_state']}."
        )


def _share_type(cloud: Cloud, share: Record) -> Record | None:
    return cloud.store.get("share_types", share.get("share_type_id") or "")


def _snapshots_of(cloud: Cloud, share_id: str) -> list[Record]:
    return cloud.store.lookup("snapshots", indexes.SHARE, share_id)


def _backups_of(cloud: Cloud, share_id: str) -> list[Record]:
    return cloud.store.lookup("share_backups", indexes.SHARE, share_id)


def _manager_of(cloud: Cloud, share: Record) -> Any:
    host = share.get("host")
    return cloud.manager(host) if host else None


# -- extend and shrink --------------------------------------------------------


def parse_resize_body(
    action: str, value: Any, *, allow_force: bool
) -> tuple[int, bool]:
    """Validate an extend/shrink body as Manila's schema does.

    :returns: ``(new_size, force)``.
    """
    params = check_action_object(action, value)
    size = (
        check_non_negative_integer("new_size", params["new_size"])
        if "new_size" in params
        else None
    )
    force = False
    if allow_force and "force" in params:
        force = check_boolean("force", params["force"])
    _required(action, params, "new_size")
    assert size is not None
    return size, force


def extend(
    cloud: Cloud,
    ctx: Context,
    share_id: str,
    new_size: int,
    force: bool = False,
) -> None:
    """Grow a share: ``extending``, through the scheduler unless forced."""
    policy.authorize(ctx, "share:extend")
    share = _share(cloud, ctx, share_id)
    _not_soft_deleted(
        share, "Cannot extend share '%s' since it has been soft deleted."
    )
    policy.authorize(
        ctx,
        "share:force_extend" if force else "share:extend",
        share["project_id"],
    )
    with cloud.store.lock:
        share = cloud.store.get("shares", share_id) or share
        if share["status"] != "available":
            raise errors.BadRequest(
                f"Invalid share: Share {share['id']} status must be "
                f"'available' to extend, but current status is: "
                f"{share['status']}."
            )
        _check_busy(share)
        increase = new_size - int(share["size"] or 0)
        if increase <= 0:
            raise errors.BadRequest(
                "Invalid input received: New size for extend must be "
                f"greater than current size. (current: {share['size']}, "
                f"extended: {new_size})."
            )
        quotas.check(cloud, ctx.project_id, {"per_share_gigabytes": new_size})
        share_type = _share_type(cloud, share)
        beyond = policy.allowed(
            ctx,
            "share:extend_beyond_max_share_size_spec",
            share["project_id"],
        )
        shares_api.provision_filter_on_size(
            share_type, new_size, "admin-extend" if beyond else "extend"
        )
        from fake_server.share_api import replicas

        # every replica of the share grows with it (Manila reserves
        # replica_gigabytes for all of them, the active one included)
        replica_count = sum(
            1
            for r in replicas.replicas_of(cloud, share_id)
            if r.get("replica_state") is not None
        )
        deltas = {"gigabytes": increase}
        if replica_count:
            deltas["replica_gigabytes"] = replica_count * increase
        try:
            reservations = quotas.reserve(
                cloud,
                share["project_id"],
                deltas,
                share.get("share_type_id"),
                share.get("user_id"),
            )
        except quotas.QuotaExceeded as exc:
            if "gigabytes" in exc.overs:
                # manila maps ShareSizeExceedsAvailableQuota to 403 on
                # extend, with the bare message
                raise errors.Forbidden(exc.message.split(": ", 1)[-1]) from exc
            raise errors.OverLimit(
                "ShareReplicaSizeExceedsAvailableQuota: Failed while "
                "extending a share with replication support. There is no "
                "available quota to extend the share and its "
                f"{replica_count} replicas. Maximum number of allowed "
                "replica_gigabytes is exceeded."
            ) from exc
        cloud.store.update("shares", share_id, status="extending")
        # settled when the share leaves 'extending' (manila hands them
        # to the share manager, which commits or rolls back)
        quotas.hold(cloud, "shares", share_id, reservations)
    if force:
        manager = _manager_of(cloud, share)
        if manager is not None:
            manager.cast(
                "extend_share", manager.extend_share, share_id, new_size
            )
        return
    cloud.bus.cast(
        "manila-scheduler", schedule_extend, cloud, share_id, new_size
    )


def schedule_extend(cloud: Cloud, share_id: str, new_size: int) -> None:
    """The scheduler's extend: the share's own pool must fit the growth."""
    share = cloud.store.get("shares", share_id)
    if share is None or share["status"] != "extending":
        return
    # scheduler_default_extend_filters: CapacityFilter (and the driver
    # filter, which has no rules here), on the share's own pool
    spec = scheduler.RequestSpec(
        size=new_size - int(share["size"] or 0),
        extra_specs=dict(
            (_share_type(cloud, share) or {}).get("extra_specs") or {}
        ),
    )
    pools = [
        p
        for p in cloud.pools()
        if p.name == share.get("host") and filters.service_filter(p, spec)
    ]
    if not [p for p in pools if filters.capacity_filter(p, spec)]:
        detail = (
            messages.FILTER_DETAILS["Capacity"]
            if pools
            else messages.NO_VALID_HOST
        )
        cloud.store.update("shares", share_id, status="available")
        cloud.user_message(
            share["project_id"], "SHARE", share_id, messages.EXTEND, detail
        )
        return
    manager = _manager_of(cloud, share)
    if manager is not None:
        manager.cast("extend_share", manager.extend_share, share_id, new_size)


def shrink(cloud: Cloud, ctx: Context, share_id: str, new_size: int) -> None:
    """Shrink a share: ``shrinking`` and a cast to its backend."""
    policy.authorize(ctx, "share:shrink")
    share = _share(cloud, ctx, share_id)
    _not_soft_deleted(
        share, "Cannot shrink share '%s' since it has been soft deleted."
    )
    policy.authorize(ctx, "share:shrink", share["project_id"])
    with cloud.store.lock:
        share = cloud.store.get("shares", share_id) or share
        status = str(share["status"]).lower()
        valid = ("available", "shrinking_possible_data_loss_error")
        if status not in valid:
            raise errors.BadRequest(
                f"Invalid share: Share {share['id']} status must in "
                f"({', '.join(valid)}) to shrink, but current status is: "
                f"{status}."
            )
        _check_busy(share)
        size = int(share["size"] or 0)
        if size - new_size <= 0 or new_size <= 0:
            raise errors.BadRequest(
                "Invalid input received: New size for shrink must be less "
                "than current size and greater than 0 (current: "
                f"{share['size']}, new: {new_size})."
            )
        shares_api.provision_filter_on_size(
            _share_type(cloud, share), new_size, "shrink"
        )
        cloud.store.update("shares", share_id, status="shrinking")
    manager = _manager_of(cloud, share)
    if manager is not None:
        manager.cast("shrink_share", manager.shrink_share, share_id, new_size)


# -- admin actions ------------------------------------------------------------


#: a reset body without the attribute (AdminActionsMixin then says
#: "Must specify ...")
MISSING = object()


def parse_reset_body(action: str, value: Any, attr: str) -> Any:
    """Validate a reset_status / reset_task_state body as Manila's schema
    does; return the new value, or :data:`MISSING`."""
    if not isinstance(value, dict):
        raise _invalid(action, value, f"{value!r} is not of type 'object'")
    enum: tuple[Any, ...] = SHARE_STATUSES if attr == "status" else TASK_STATES
    for key in (f"os-{attr}", attr):
        if key in value and value[key] not in enum:
            bad = value[key]
            if attr == "status" and not isinstance(bad, str):
                raise _invalid(key, bad, f"{bad!r} is not of type 'string'")
            raise _invalid(key, bad, f"{bad!r} is not one of {list(enum)!r}")
    return value.get(attr, MISSING)


def _valid_states(attr: str) -> str:
    states = RESETTABLE if attr == "status" else TASK_STATES
    return ", ".join(str(s) for s in states)


def reset_status(
    cloud: Cloud,
    ctx: Context,
    share_id: str,
    status: Any,
    *,
    legacy: bool = False,
) -> None:
    """Set a share's status (admin)."""
    if not legacy:
        policy.authorize(ctx, "share:reset_status")
    share = _find_share(cloud, ctx, share_id)
    _not_soft_deleted(
        share,
        "status cannot be reset for share '%s' since "
        "it has been soft deleted.",
    )
    if legacy:
        policy.authorize(ctx, "share:reset_status")
    if status is MISSING:
        raise errors.BadRequest("Must specify 'status'")
    if status not in RESETTABLE:
        raise errors.BadRequest(
            f"Invalid state. Valid states: {_valid_states('status')}."
        )
    policy.authorize(ctx, "share:reset_status", share["project_id"])
    cloud.store.update("shares", share_id, status=status)


def _find_share(cloud: Cloud, ctx: Context, share_id: str) -> Record:
    try:
        return _share(cloud, ctx, share_id)
    except errors.NotFound as exc:
        raise errors.NotFound(f"Share {share_id} not found") from exc


def reset_task_state(
    cloud: Cloud, ctx: Context, share_id: str, task_state: Any
) -> None:
    """Set a share's task_state (admin, 2.22)."""
    policy.authorize(ctx, "share:reset_task_state")
    try:
        share = _share(cloud, ctx, share_id)
    except errors.NotFound as exc:
        raise errors.NotFound(
            f"ShareNotFound: Share {share_id} could not be found."
        ) from exc
    _not_soft_deleted(
        share,
        "task state cannot be reset for share '%s' "
        "since it has been soft deleted.",
    )
    policy.authorize(ctx, "share:reset_status")
    if task_state is MISSING:
        raise errors.BadRequest("Must specify 'task_state'")
    if task_state not in TASK_STATES:
        raise errors.BadRequest(
            f"Invalid state. Valid states: {_valid_states('task_state')}."
        )
    cloud.store.update("shares", share_id, task_state=task_state)


def force_delete(cloud: Cloud, ctx: Context, share_id: str) -> None:
    """Delete a share whatever its status (admin)."""
    policy.authorize(ctx, "share:force_delete")
    share = _share(cloud, ctx, share_id)
    policy.authorize(ctx, "share:force_delete", share["project_id"])
    shares_api.check_dependents(cloud, share, errors.BadRequest)
    _check_busy(share)
    shares_api.start_delete(cloud, share, force=True)


# -- recycle bin --------------------------------------------------------------


def soft_delete(cloud: Cloud, ctx: Context, share_id: str) -> None:
    """Move a share to the recycle bin (2.69)."""
    policy.authorize(ctx, "share:soft_delete")
    try:
        share = _share_for_modification(cloud, ctx, share_id)
    except errors.NotFound as exc:
        raise errors.NotFound() from exc
    from fake_server.share_api import resource_locks

    resource_locks.check_share_action(cloud, share_id, "delete")
    with cloud.store.lock:
        if share.get("is_soft_deleted"):
            raise errors.Forbidden(
                "Invalid share: The share has been soft deleted already."
            )
        if share["status"] not in DELETABLE:
            raise errors.Forbidden(
                "Invalid share: Share status must be one of ('available', "
                "'error', 'inactive')."
            )
        if share.get("has_replicas"):
            raise errors.Conflict(
                f"Share {share_id} has replicas. Remove the replicas before "
                "soft deleting the share."
            )
        snapshots = _snapshots_of(cloud, share_id)
        if snapshots:
            raise errors.Forbidden(
                f"Invalid share: Share still has {len(snapshots)} dependent "
                "snapshots."
            )
        backups = _backups_of(cloud, share_id)
        if backups:
            raise errors.Forbidden(
                f"Invalid share: Share still has {len(backups)} dependent "
                "backups."
            )
        if share.get("task_state") in BUSY_TASK_STATES:
            raise errors.Forbidden(
                f"Share is busy with an active task: Share {share_id} is "
                f"busy as part of an active task: {share['task_state']}."
            )
        when = datetime.datetime.now(datetime.UTC).replace(
            tzinfo=None
        ) + datetime.timedelta(seconds=RETENTION_SECONDS)
        cloud.store.update(
            "shares",
            share_id,
            is_soft_deleted=True,
            scheduled_to_be_deleted_at=when.isoformat(timespec="microseconds"),
        )


def _share_for_modification(
    cloud: Cloud, ctx: Context, share_id: str
) -> Record:
    """share_api.get(for_modification=True)."""
    share = _share(cloud, ctx, share_id)
    if share.get("is_public") and not policy.allowed(
        ctx, "share:get", share["project_id"]
    ):
        raise errors.Forbidden(
            "Policy doesn't allow share:get to be performed."
        )
    return share


def restore(cloud: Cloud, ctx: Context, share_id: str) -> int:
    """Take a share out of the recycle bin (2.69).

    :returns: 202, or 200 when the share is not in the recycle bin.
    """
    policy.authorize(ctx, "share:restore")
    try:
        share = _share_for_modification(cloud, ctx, share_id)
    except errors.NotFound as exc:
        raise errors.NotFound(f"No share exists with ID {share_id}.") from exc
    if not share.get("is_soft_deleted"):
        return 200
    if share["status"] in ("deleting", "error_deleting"):
        raise errors.Forbidden(
            f"Share {share_id} is being deleted or has suffered an error "
            "during deletion, cannot be restored."
        )
    cloud.store.update(
        "shares",
        share_id,
        is_soft_deleted=False,
        scheduled_to_be_deleted_at=None,
    )
    return 202


# -- manage and unmanage ------------------------------------------------------


def unmanage(
    cloud: Cloud,
    ctx: Context,
    share_id: str,
    *,
    allow_dhss_true: bool,
    legacy: bool = False,
) -> None:
    """Stop managing a share: ``unmanage_starting``, then it is gone."""
    policy.authorize(ctx, "share:unmanage")
    share = _share(cloud, ctx, share_id)
    from fake_server.share_api import resource_locks

    resource_locks.check_share_action(cloud, share_id, "delete")
    if share.get("is_soft_deleted"):
        raise errors.Forbidden(
            f"Share '{share_id} cannot be unmanaged, since it has been soft "
            "deleted."
        )
    if share.get("has_replicas"):
        raise errors.Conflict(
            f"Share {share_id} has replicas. It cannot be unmanaged until "
            "all replicas are removed."
        )
    if not allow_dhss_true and share.get("share_server_id"):
        raise errors.Forbidden(
            "Operation 'unmanage' is not supported for shares that are "
            "created on top of share servers (created with share-networks)."
        )
    if not legacy:
        if share["status"] in TRANSITIONAL:
            raise errors.Forbidden(
                "Share with transitional state can not be unmanaged. Share "
                f"'{share_id}' is in '{share['status']}' state."
            )
        snapshots = _snapshots_of(cloud, share_id)
        if snapshots:
            raise errors.Forbidden(
                f"Share '{share_id}' can not be unmanaged because it has "
                f"'{len(snapshots)}' dependent snapshot(s)."
            )
        backups = _backups_of(cloud, share_id)
        if backups:
            raise errors.Forbidden(
                f"Share '{share_id}' can not be unmanaged because it has "
                f"'{len(backups)}' dependent backup(s)."
            )
    _check_busy(share)
    status = (
        "manage_error_unmanage_starting"
        if share["status"] == "manage_error"
        else "unmanage_starting"
    )
    cloud.store.update("shares", share_id, status=status, terminated_at=now())
    shares_api.delete_affinity(cloud, share)
    manager = _manager_of(cloud, share)
    if manager is None:
        shares_api.destroy_share(cloud, share_id)
        return
    manager.cast("unmanage_share", manager.unmanage_share, share_id)


def _extract_host(host: str) -> tuple[str, str]:
    backend, _, pool = host.partition("#")
    return backend, pool


def validate_service_host(cloud: Cloud, host: str) -> Record:
    """utils.validate_service_host: an enabled, up manila-share service."""
    record = cloud.service_record(host)
    if record is None or record.get("disabled"):
        raise errors.NotFound(f"Service {host} could not be found.")
    if cloud.service_state(record) != "up":
        raise errors.BadRequest(f"Service {host} is down.")
    return record


def manage(
    cloud: Cloud,
    ctx: Context,
    data: Any,
    *,
    allow_dhss_true: bool,
) -> Record:
    """Adopt a backend share: ``manage_starting``, scheduler, manager."""
    policy.authorize(ctx, "share:manage")
    if not isinstance(data, dict):
        raise errors.Unprocessable("Share entity not found in request body")
    for parameter in ("export_path", "service_host", "protocol"):
        if parameter not in data:
            raise errors.Unprocessable(
                f"Required parameter {parameter} not found"
            )
        if not data.get(parameter):
            raise errors.Unprocessable(
                f"Required parameter {parameter} is empty"
            )
    export_path = data["export_path"]
    if isinstance(export_path, dict):
        if "path" not in export_path:
            raise errors.Unprocessable(
                "Export path must be a string, or a dictionary with a "
                "'path' item"
            )
        export_path = export_path["path"]
    service_host = data["service_host"]
    if not isinstance(service_host, str):
        raise errors.BadRequest("service_host parameter should contain pool.")
    backend, pool = _extract_host(service_host)
    if not pool:
        raise errors.BadRequest("service_host parameter should contain pool.")
    validate_service_host(cloud, backend)
    share_type = _type_by_name_or_id(cloud, ctx, data.get("share_type"))
    is_public = None
    if data.get("is_public") is not None:
        try:
            is_public = common.parse_bool(data["is_public"], "is_public")
        except errors.BadRequest as exc:
            raise errors.BadRequest(
                f"Unrecognized value '{data['is_public']}', acceptable "
                "values are: '0', '1', 'f', 'false', 'n', 'no', 'off', "
                "'on', 't', 'true', 'y', 'yes'"
            ) from exc
        if is_public and not policy.allowed(ctx, "share:create_public_share"):
            raise errors.Forbidden(
                "User is not authorized to set 'is_public' to True in the "
                "request."
            )
    protocol = str(data["protocol"]).upper()
    server_id = data.get("share_server_id") if allow_dhss_true else None
    with cloud.store.lock:
        for other in cloud.store.lookup(
            "shares", indexes.HOST, indexes.backend_of(service_host)
        ):
            host = other.get("host") or ""
            if (
                (host == service_host or host.startswith(service_host + "#"))
                and (
                    not server_id or other.get("share_server_id") == server_id
                )
                and any(
                    el["path"] == export_path
                    for el in other.get("export_locations") or []
                )
            ):
                raise errors.Conflict(
                    "Invalid share: A share already exists with the export "
                    "path specified."
                )
        dhss = shares_api._spec_bool(
            share_type, "driver_handles_share_servers"
        )
        if dhss and not server_id:
            raise errors.BadRequest(
                "Invalid input received: Share Server ID parameter is "
                "required when managing a share using a share type with "
                "driver_handles_share_servers extra-spec set to True."
            )
        if not dhss and server_id:
            raise errors.BadRequest(
                "Invalid input received: Share Server ID parameter is not "
                "expected when managing a share using a share type with "
                "driver_handles_share_servers extra-spec set to False."
            )
        network_id = None
        if server_id:
            server = cloud.store.get("share_servers", str(server_id))
            if server is None:
                raise errors.BadRequest(
                    "Invalid input received: Share Server specified was not "
                    "found."
                )
            if server.get("status") != "active":
                raise errors.Conflict(
                    "Invalid share server: The provided share server is not "
                    "active."
                )
            network_id = server.get("share_network_id")
        mount_point_name = data.get("mount_point_name")
        if mount_point_name is not None:
            mount_point_name = _mount_point_name(
                ctx, share_type, mount_point_name
            )
        name = data.get("display_name", data.get("name"))
        description = data.get("display_description", data.get("description"))
        instance_id = new_id()
        stamp = now()
        record = cloud.store.insert(
            "shares",
            {
                "instance_id": instance_id,
                "name": name,
                "description": description,
                "size": None,
                "share_proto": protocol,
                "status": "manage_starting",
                "project_id": ctx.project_id,
                "user_id": ctx.user_id,
                "share_type_id": share_type["id"],
                "share_type_name": share_type["name"],
                "share_network_id": network_id,
                "share_server_id": server_id,
                "share_group_id": None,
                "source_share_group_snapshot_member_id": None,
                "snapshot_id": None,
                "availability_zone": None,
                "host": service_host,
                "is_public": bool(is_public),
                "metadata": {},
                "task_state": None,
                "access_rules_status": "active",
                "has_replicas": False,
                **shares_api.share_type_attributes(share_type),
                "progress": None,
                "is_soft_deleted": False,
                "scheduled_to_be_deleted_at": None,
                "source_backup_id": None,
                "encryption_key_ref": None,
                "mount_point_name": mount_point_name,
                "export_locations": [
                    {
                        "id": new_id(),
                        "path": export_path,
                        "preferred": False,
                        "is_admin_only": False,
                        "metadata": {},
                        "share_instance_id": instance_id,
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                ],
                "scheduler_hints": {},
            },
        )
    options = data.get("driver_options") or {}
    if not isinstance(options, dict):
        options = {}
    cloud.bus.cast(
        "manila-scheduler", schedule_manage, cloud, record["id"], dict(options)
    )
    return record


def _type_by_name_or_id(cloud: Cloud, ctx: Context, ref: Any) -> Record:
    types = cloud.store.select("share_types")
    if not ref:
        for share_type in types:
            if share_type["name"] == cloud.config.default_share_type:
                return share_type
        raise errors.NotFound("Default share type not found.")
    for share_type in types:
        if share_type["id"] == ref or share_type["name"] == ref:
            return share_type
    if common.is_uuid(str(ref)):
        raise errors.NotFound(f"Share type {ref} could not be found.")
    raise errors.NotFound(f"Share type with name {ref} could not be found.")


def _mount_point_name(ctx: Context, share_type: Record, name: Any) -> str:
    if not shares_api._spec_bool(share_type, "mount_point_name_support"):
        raise errors.BadRequest(
            "Invalid input received: Setting a mount point name is not "
            f"supported by the share type used: {share_type['id']}."
        )
    prefix = share_type["extra_specs"].get(
        "provisioning:mount_point_prefix", MOUNT_POINT_PREFIX
    )
    value = f"{prefix}{name}".replace("{project_id}", ctx.project_id)
    if value and (
        not re.match(r"^[a-zA-Z0-9_-]*$", value) or len(value) > 255
    ):
        raise errors.BadRequest(f"Invalid mount_point_name: {value}")
    return value


def schedule_manage(
    cloud: Cloud, share_id: str, driver_options: dict[str, Any]
) -> None:
    """The scheduler's manage: the given pool must pass the filters."""
    share = cloud.store.get("shares", share_id)
    if share is None or share["status"] != "manage_starting":
        return
    spec = shares_api.request_spec(cloud, dict(share, size=0))
    pools = [p for p in cloud.pools() if p.name == share["host"]]
    manager = _manager_of(cloud, share)
    if manager is None or not scheduler.schedule(spec, pools):
        cloud.store.update("shares", share_id, status="manage_error", size=0)
        return
    manager.cast(
        "manage_share", manager.manage_share, share_id, driver_options
    )


# -- share metadata -----------------------------------------------------------


def check_metadata_properties(metadata: dict[str, Any]) -> None:
    """api/common.check_metadata_properties, as the metadata API uses it."""
    common.check_metadata(metadata)


def _valid_body(body: Any, key: str) -> dict[str, Any]:
    """wsgi.Controller.is_valid_body, else 400 Malformed request body."""
    if not isinstance(body, dict) or not isinstance(body.get(key), dict):
        raise errors.BadRequest("Malformed request body")
    value: dict[str, Any] = body[key]
    return value


def _metadata_share(
    cloud: Cloud, ctx: Context, share_id: str, *, for_modification: bool
) -> Record:
    """MetadataController._get_resource for shares."""
    share = cloud.store.get("shares", share_id)
    if share is None:
        raise errors.NotFound("Share not found.")
    allowed = policy.allowed(ctx, "share:get", share["project_id"])
    if not share.get("is_public"):
        if not allowed:
            raise errors.NotFound("Share not found.")
    elif for_modification and not allowed:
        raise errors.Forbidden(
            "Policy doesn't allow share:get to be performed."
        )
    return share


def _share_exists(cloud: Cloud, share_id: str) -> Record:
    share = cloud.store.get("shares", share_id)
    if share is None:
        raise errors.NotFound(
            f"ShareNotFound: Share {share_id} could not be found."
        )
    return share


def _admin_keys_merge(
    ctx: Context,
    current: dict[str, str],
    metadata: dict[str, Any],
    admin_keys: tuple[str, ...],
    policy_name: str,
    *,
    delete: bool,
) -> dict[str, Any]:
    """_validate_metadata_for_update of the shares and EL controllers."""
    persistent: tuple[str, ...] = admin_keys
    if set(metadata) & set(admin_keys):
        if not policy.allowed(ctx, policy_name):
            raise errors.Forbidden("Cannot set or update admin only metadata.")
        persistent = ()
    if delete:
        result = dict(metadata)
        for key in persistent:
            if key in current:
                result[key] = current[key]
        return result
    result = dict(current)
    result.update({k: v for k, v in metadata.items() if k not in persistent})
    return result


def get_share_metadata(
    cloud: Cloud, ctx: Context, share_id: str
) -> dict[str, str]:
    """GET /shares/{id}/metadata."""
    policy.authorize(ctx, "share:get_share_metadata")
    share = _metadata_share(cloud, ctx, share_id, for_modification=False)
    return dict(share.get("metadata") or {})


def get_share_metadata_item(
    cloud: Cloud, ctx: Context, share_id: str, key: str
) -> dict[str, str]:
    """GET /shares/{id}/metadata/{key}: ``{key: value}``."""
    policy.authorize(ctx, "share:get_share_metadata")
    share = _metadata_share(cloud, ctx, share_id, for_modification=False)
    metadata = share.get("metadata") or {}
    if key not in metadata:
        raise errors.NotFound(
            "MetadataItemNotFound: Metadata item is not found."
        )
    return {key: metadata[key]}


def update_share_metadata(
    cloud: Cloud,
    ctx: Context,
    share_id: str,
    body: Any,
    *,
    replace: bool,
) -> dict[str, str]:
    """POST (merge) or PUT (replace) /shares/{id}/metadata."""
    policy.authorize(ctx, "share:update_share_metadata")
    metadata = _valid_body(body, "metadata")
    with cloud.store.lock:
        share = _share_exists(cloud, share_id)
        merged = _admin_keys_merge(
            ctx,
            dict(share.get("metadata") or {}),
            metadata,
            ADMIN_ONLY_METADATA,
            "share:update_admin_only_metadata",
            delete=replace,
        )
        check_metadata_properties(merged)
        share = _metadata_share(cloud, ctx, share_id, for_modification=True)
        if replace:
            new = dict(merged)
        else:
            new = dict(share.get("metadata") or {})
            new.update(merged)
        cloud.store.update("shares", share_id, metadata=new)
    return dict(merged)


def update_share_metadata_item(
    cloud: Cloud, ctx: Context, share_id: str, key: str, body: Any
) -> dict[str, str]:
    """POST /shares/{id}/metadata/{key}, with manila 23's quirks.

    Manila checks for ``meta`` but reads ``metadata``, merges the current
    metadata in, then refuses more than one item: it only succeeds when
    the body has both keys and the share has no other metadata.
    """
    policy.authorize(ctx, "share:update_share_metadata")
    _valid_body(body, "meta")
    # manila answers 500 (KeyError) here; a 400 is the fake's choice
    metadata = _valid_body(body, "metadata")
    with cloud.store.lock:
        share = _share_exists(cloud, share_id)
        merged = _admin_keys_merge(
            ctx,
            dict(share.get("metadata") or {}),
            metadata,
            ADMIN_ONLY_METADATA,
            "share:update_admin_only_metadata",
            delete=False,
        )
        check_metadata_properties(merged)
        if key not in merged:
            raise errors.BadRequest("Request body and URI mismatch")
        if len(merged) > 1:
            raise errors.BadRequest("Request body contains too many items")
        share = _metadata_share(cloud, ctx, share_id, for_modification=True)
        new = dict(share.get("metadata") or {})
        new.update(merged)
        cloud.store.update("shares", share_id, metadata=new)
    return dict(merged)


def delete_share_metadata_item(
    cloud: Cloud, ctx: Context, share_id: str, key: str
) -> None:
    """DELETE /shares/{id}/metadata/{key}."""
    policy.authorize(ctx, "share:delete_share_metadata")
    if key in ADMIN_ONLY_METADATA and not policy.allowed(
        ctx, "share:update_admin_only_metadata"
    ):
        raise errors.Forbidden(
            "Policy doesn't allow "
            "share:update_admin_only_metadata to be "
            "performed."
        )
    with cloud.store.lock:
        share = _metadata_share(cloud, ctx, share_id, for_modification=True)
        metadata = dict(share.get("metadata") or {})
        if key not in metadata:
            raise errors.NotFound(
                "MetadataItemNotFound: Metadata item is not found."
            )
        del metadata[key]
        cloud.store.update("shares", share_id, metadata=metadata)


# -- access rules: update and metadata ----------------------------------------


def _access_rule(cloud: Cloud, ctx: Context, access_id: str) -> Record:
    """share_api.access_get: the rule, if its share is visible."""
    rule = cloud.store.get("access_rules", access_id)
    if rule is None:
        raise errors.NotFound("Resource could not be found.")
    try:
        _share(cloud, ctx, rule["share_id"])
    except errors.NotFound as exc:
        raise errors.NotFound(
            f"Share {rule['share_id']} could not be found."
        ) from exc
    return rule


def update_access_level(
    cloud: Cloud, ctx: Context, access_id: str, body: Any
) -> Record:
    """PUT /share-access-rules/{id} ``update_access`` (2.88)."""
    policy.authorize(ctx, "share_access_rule:update")
    if not isinstance(body, dict) or not isinstance(
        body.get("update_access"), dict
    ):
        raise errors.BadRequest(errors.WEBOB_BAD_REQUEST)
    level = body["update_access"].get("access_level")
    if not level:
        raise errors.BadRequest(
            "Invalid input. Missing 'access_level' in update request."
        )
    if level not in shares_api.ACCESS_LEVELS:
        raise errors.BadRequest(
            f"Invalid or unsupported share access level: {level}."
        )
    rule = _access_rule(cloud, ctx, access_id)
    if rule["access_level"] == level:
        return rule
    share = _share_for_modification(cloud, ctx, rule["share_id"])
    with cloud.store.lock:
        share = cloud.store.get("shares", share["id"]) or share
        if not share.get("host") or share["status"] in TRANSITIONAL:
            raise errors.BadRequest(
                "Access rules cannot be updated while the share, any of its "
                "replicas or migration copies lacks a valid host or is in an "
                "invalid state."
            )
        rule = cloud.store.update(
            "access_rules",
            access_id,
            access_level=level,
            state="queued_to_update",
        )
        cloud.store.update(
            "shares", share["id"], access_rules_status="syncing"
        )
    manager = _manager_of(cloud, share)
    if manager is not None:
        manager.cast("update_access", manager.update_access, share["id"])
    return rule


def update_access_metadata(
    cloud: Cloud, ctx: Context, access_id: str, body: Any
) -> dict[str, str]:
    """PUT /share-access-rules/{id}/metadata (2.45): merge; answer the
    keys sent."""
    policy.authorize(ctx, "share_access_metadata:update")
    if not isinstance(body, dict) or not isinstance(
        body.get("metadata"), dict
    ):
        raise errors.BadRequest(errors.WEBOB_BAD_REQUEST)
    metadata = body["metadata"]
    rule = _access_rule(cloud, ctx, access_id)
    for key, value in metadata.items():
        if not key:
            raise errors.BadRequest("Invalid metadata.")
        if len(key) > 255:
            raise errors.BadRequest("Invalid metadata size.")
        if not value:
            raise errors.BadRequest("Invalid metadata.")
        if not isinstance(value, str):
            raise errors.BadRequest("Malformed request body")
        if len(value) > 1023:
            raise errors.BadRequest("Invalid metadata size.")
    with cloud.store.lock:
        new = dict(rule.get("metadata") or {})
        new.update(metadata)
        cloud.store.update("access_rules", access_id, metadata=new)
    return dict(metadata)


def delete_access_metadata(
    cloud: Cloud, ctx: Context, access_id: str, key: str
) -> None:
    """DELETE /share-access-rules/{id}/metadata/{key} (2.45)."""
    policy.authorize(ctx, "share_access_metadata:delete")
    rule = _access_rule(cloud, ctx, access_id)
    with cloud.store.lock:
        metadata = dict(rule.get("metadata") or {})
        if key not in metadata:
            raise errors.NotFound("Share access rule metadata does not exist.")
        del metadata[key]
        cloud.store.update("access_rules", access_id, metadata=metadata)


# -- export location metadata (2.87) ------------------------------------------


def _el_share(
    cloud: Cloud, ctx: Context, share_id: str, *, for_modification: bool
) -> Record:
    try:
        share = _share(cloud, ctx, share_id)
    except errors.NotFound as exc:
        raise errors.NotFound(f"Share '{share_id}' not found.") from exc
    if (
        for_modification
        and share.get("is_public")
        and not policy.allowed(ctx, "share:get", share["project_id"])
    ):
        raise errors.Forbidden(
            "Policy doesn't allow share:get to be performed."
        )
    return share


def _export_location(share: Record, el_id: str) -> Record:
    location: Record
    for location in share.get("export_locations") or []:
        if location["id"] == el_id:
            return location
    raise errors.NotFound("Share_export_location not found.")


def el_raw_metadata(location: Record) -> dict[str, str]:
    """An export location's metadata as Manila stores it (with
    ``preferred``)."""
    raw = dict(location.get("metadata") or {})
    if location.get("preferred") is not None:
        raw["preferred"] = str(bool(location["preferred"]))
    return raw


def _write_el_metadata(location: Record, raw: dict[str, str]) -> None:
    raw = dict(raw)
    preferred = raw.pop("preferred", None)
    location["preferred"] = (
        str(preferred).strip().lower() in _TRUE
        if preferred is not None
        else False
    )
    location["metadata"] = raw
    location["updated_at"] = now()


def _el_metadata_written(cloud: Cloud, share: Record) -> None:
    """A share's location metadata changed in place: save the share and
    refresh its active replica (the same instance's locations)."""
    from fake_server.share_api import replicas as replicas_api

    cloud.store.touch("shares", share["id"])
    replicas_api.sync(cloud, share)


def _check_el_metadata_schema(body: Any) -> dict[str, Any]:
    """update_metadata_request_body: ``metadata`` required, string
    values, keys of ``[a-zA-Z0-9-_:. ]{1,255}``."""
    if not isinstance(body, dict):
        raise errors.BadRequest(f"{body!r} is not of type 'object'")
    if "metadata" not in body:
        raise errors.BadRequest("'metadata' is a required property")
    metadata = body["metadata"]
    if metadata is None:
        return {}
    if not isinstance(metadata, dict):
        raise _invalid(
            "metadata",
            metadata,
            f"{metadata!r} is not of type {_type_name(('object', 'null'))}",
        )
    for key, value in metadata.items():
        if re.match(r"^[a-zA-Z0-9-_:. ]{1,255}$", key) and not isinstance(
            value, str
        ):
            raise _invalid(key, value, f"{value!r} is not of type 'string'")
    return metadata


def get_el_metadata(
    cloud: Cloud, ctx: Context, share_id: str, el_id: str
) -> dict[str, str]:
    """GET .../export_locations/{id}/metadata.

    manila 23 answers this with 400 "'meta' is a required property" every
    time (its response schema wants ``meta``); the fake does the same,
    after the same lookups.
    """
    policy.authorize(ctx, "share_export_location:get_metadata")
    share = _el_share(cloud, ctx, share_id, for_modification=False)
    _export_location(share, el_id)
    raise errors.BadRequest("'meta' is a required property")


def get_el_metadata_item(
    cloud: Cloud, ctx: Context, share_id: str, el_id: str, key: str
) -> dict[str, str]:
    """GET .../export_locations/{id}/metadata/{key}: ``{key: value}``."""
    policy.authorize(ctx, "share_export_location:get_metadata")
    share = _el_share(cloud, ctx, share_id, for_modification=False)
    raw = el_raw_metadata(_export_location(share, el_id))
    if key not in raw:
        raise errors.NotFound(
            "MetadataItemNotFound: Metadata item is not found."
        )
    return {key: raw[key]}


def update_el_metadata(
    cloud: Cloud,
    ctx: Context,
    share_id: str,
    el_id: str,
    body: Any,
    *,
    replace: bool,
    key: str | None = None,
) -> dict[str, str]:
    """POST (merge), PUT (replace) or POST per key of EL metadata.

    The per-key form merges the current keys (``preferred`` included)
    before Manila's one-item check, so it fails with "too many items"
    whenever the location has other metadata, as in manila 23.
    """
    policy.authorize(ctx, "share_export_location:update_metadata")
    metadata = _check_el_metadata_schema(body)
    with cloud.store.lock:
        share = cloud.store.get("shares", share_id)
        location = None
        for candidate in (share or {}).get("export_locations") or []:
            if candidate["id"] == el_id:
                location = candidate
        current = el_raw_metadata(location) if location else {}
        merged = _admin_keys_merge(
            ctx,
            current,
            metadata,
            ADMIN_ONLY_EL_METADATA,
            "share_export_location:update_admin_only_metadata",
            delete=replace,
        )
        share = _el_share(cloud, ctx, share_id, for_modification=True)
        check_metadata_properties(merged)
        if key is not None:
            if key not in merged:
                raise errors.BadRequest("Request body and URI mismatch")
            if len(merged) > 1:
                raise errors.BadRequest("Request body contains too many items")
        location = _export_location(share, el_id)
        if replace:
            new = dict(merged)
        else:
            new = el_raw_metadata(location)
            new.update(merged)
        _write_el_metadata(location, new)
        _el_metadata_written(cloud, share)
    return dict(merged)


def delete_el_metadata(
    cloud: Cloud, ctx: Context, share_id: str, el_id: str, key: str
) -> None:
    """DELETE .../export_locations/{id}/metadata/{key}."""
    policy.authorize(ctx, "share_export_location:delete_metadata")
    with cloud.store.lock:
        share = _el_share(cloud, ctx, share_id, for_modification=True)
        location = _export_location(share, el_id)
        raw = el_raw_metadata(location)
        if key not in raw:
            raise errors.NotFound(
                "MetadataItemNotFound: Metadata item is not found."
            )
        del raw[key]
        _write_el_metadata(location, raw)
        _el_metadata_written(cloud, share)


# -- share instances ----------------------------------------------------------


def instance_of(share: Record) -> Record:
    """The share instance record derived from a share record."""
    return {
        "id": share["instance_id"],
        "share_id": share["id"],
        "availability_zone": share.get("availability_zone"),
        "created_at": share.get("created_at"),
        "updated_at": share.get("updated_at"),
        "host": share.get("host"),
        "status": share.get("status"),
        "share_network_id": share.get("share_network_id"),
        "share_server_id": share.get("share_server_id"),
        "export_locations": share.get("export_locations") or [],
        "access_rules_status": share.get("access_rules_status"),
        "replica_state": share.get("replica_state")
        or ("active" if share.get("replication_type") else None),
        "share_type_id": share.get("share_type_id"),
        "cast_rules_to_readonly": bool(
            share.get("cast_rules_to_readonly", False)
        ),
        "progress": share.get("progress"),
        "is_soft_deleted": bool(share.get("is_soft_deleted")),
    }


def _share_by_instance(cloud: Cloud, instance_id: str) -> Record | None:
    return cloud.store.first("shares", indexes.INSTANCE, instance_id)


#: the replicas' table (share_api.replicas): each replica is a share
#: instance in Manila, so the share-instance APIs serve them too
REPLICAS = "share_replicas"


def replica_instance(replica: Record, share: Record) -> Record:
    """The share instance view of a replica record of ``share``."""
    return {
        "id": replica["id"],
        "share_id": share["id"],
        "availability_zone": replica.get("availability_zone"),
        "created_at": replica.get("created_at"),
        "updated_at": replica.get("updated_at"),
        "host": replica.get("host"),
        "status": replica.get("status"),
        "share_network_id": replica.get("share_network_id"),
        "share_server_id": replica.get("share_server_id"),
        "export_locations": replica.get("export_locations") or [],
        "access_rules_status": replica.get("access_rules_status"),
        "replica_state": replica.get("replica_state"),
        "share_type_id": replica.get("share_type_id"),
        "cast_rules_to_readonly": bool(
            replica.get("cast_rules_to_readonly", False)
        ),
        "progress": replica.get("progress"),
        "is_soft_deleted": bool(share.get("is_soft_deleted")),
    }


def _instances(share: Record, replicas: list[Record]) -> list[Record]:
    """Every instance of a share: its own, then its other replicas."""
    own = instance_of(share)
    return [own] + [
        replica_instance(r, share) for r in replicas if r["id"] != own["id"]
    ]


def _find_instance(cloud: Cloud, instance_id: str) -> Record | None:
    """The instance view of a share's own instance or of a replica."""
    share = _share_by_instance(cloud, instance_id)
    if share is not None:
        return instance_of(share)
    replica = cloud.store.get(REPLICAS, instance_id)
    if replica is None:
        return None
    share = cloud.store.get("shares", replica["share_id"])
    return None if share is None else replica_instance(replica, share)


def list_instances(
    cloud: Cloud, ctx: Context, query: dict[str, str]
) -> list[Record]:
    """GET /share_instances (admin), with Manila's filters."""
    policy.authorize(ctx, "share_instance:index")
    want_deleted = False
    if "is_soft_deleted" in query:
        want_deleted = common.parse_bool(
            query["is_soft_deleted"], "is_soft_deleted"
        )
    by_share: dict[str, list[Record]] = {}
    for replica in cloud.store.select(REPLICAS):
        by_share.setdefault(replica["share_id"], []).append(replica)
    rows = []
    for share in cloud.store.select("shares"):
        if bool(share.get("is_soft_deleted")) != want_deleted:
            continue
        for instance in _instances(share, by_share.get(share["id"], [])):
            if _instance_matches(instance, query):
                rows.append(instance)
    return rows


def _instance_matches(instance: Record, query: dict[str, str]) -> bool:
    locations = instance["export_locations"]
    if query.get("export_location_id") and query["export_location_id"] not in [
        el["id"] for el in locations
    ]:
        return False
    if query.get("export_location_path") and query[
        "export_location_path"
    ] not in [el["path"] for el in locations]:
        return False
    host = query.get("host")
    if (
        host
        and instance.get("host") != host
        and not (instance.get("host") or "").startswith(host + "#")
    ):
        return False
    if (
        query.get("share_server_id")
        and instance.get("share_server_id") != query["share_server_id"]
    ):
        return False
    return not (
        query.get("status") and instance.get("status") != query["status"]
    )


def instances_of_share(
    cloud: Cloud, ctx: Context, share_id: str
) -> list[Record]:
    """GET /shares/{id}/instances (admin): its instance and replicas."""
    policy.authorize(ctx, "share_instance:index")
    try:
        share = _share(cloud, ctx, share_id)
    except errors.NotFound as exc:
        raise errors.NotFound() from exc
    replicas = cloud.store.select(
        REPLICAS, lambda r: r["share_id"] == share["id"]
    )
    return _instances(share, replicas)


def get_instance(cloud: Cloud, ctx: Context, instance_id: str) -> Record:
    """GET /share_instances/{id} (admin)."""
    policy.authorize(ctx, "share_instance:show")
    instance = _find_instance(cloud, instance_id)
    if instance is None:
        raise errors.NotFound()
    return instance


def _instance_share(cloud: Cloud, instance_id: str) -> Record:
    share = _share_by_instance(cloud, instance_id)
    if share is None:
        raise errors.NotFound(
            f"Share instance {instance_id} could not be found."
        )
    return share


def reset_instance_status(
    cloud: Cloud, ctx: Context, instance_id: str, body: Any
) -> None:
    """Set a share instance's status (admin, AdminActionsMixin)."""
    policy.authorize(ctx, "share_instance:reset_status")
    status = body.get("status") if isinstance(body, dict) else None
    if not isinstance(body, dict) or "status" not in body:
        raise errors.BadRequest("Must specify 'status'")
    if status not in RESETTABLE:
        raise errors.BadRequest(
            f"Invalid state. Valid states: {_valid_states('status')}."
        )
    with cloud.store.lock:
        if cloud.store.get(REPLICAS, instance_id) is not None and (
            _share_by_instance(cloud, instance_id) is None
        ):
            cloud.store.update(REPLICAS, instance_id, status=status)
            return
        share = _instance_share(cloud, instance_id)
        cloud.store.update("shares", share["id"], status=status)


def force_delete_instance(
    cloud: Cloud, ctx: Context, instance_id: str
) -> None:
    """Delete a share instance whatever its status (admin); with its
    only instance gone, the share goes too."""
    policy.authorize(ctx, "share_instance:force_delete")
    share = _instance_share(cloud, instance_id)
    policy.authorize(ctx, "share:delete", share["project_id"])
    shares_api.start_delete(cloud, share, force=True)


def instance_export_locations(
    cloud: Cloud, ctx: Context, instance_id: str
) -> list[Record]:
    """GET /share_instances/{id}/export_locations (admin, 2.9)."""
    policy.authorize(ctx, "share_instance_export_location:index")
    instance = _find_instance(cloud, instance_id)
    if instance is None:
        raise errors.NotFound(f"Share instance '{instance_id}' not found.")
    return list(instance["export_locations"])


def instance_export_location(
    cloud: Cloud, ctx: Context, instance_id: str, el_id: str
) -> Record:
    """GET /share_instances/{id}/export_locations/{el_id} (admin, 2.9).

    As in Manila, the location is looked up by its id alone.
    """
    policy.authorize(ctx, "share_instance_export_location:show")
    instance = _find_instance(cloud, instance_id)
    if instance is None:
        raise errors.NotFound(f"Share instance '{instance_id}' not found.")
    location: Record
    # the instance's own locations first (by id, as the database's
    # primary key finds it), then any other instance's
    for location in instance.get("export_locations") or []:
        if location["id"] == el_id:
            return location
    for share in cloud.store.select("shares"):
        for location in share.get("export_locations") or []:
            if location["id"] == el_id:
                return location
    for replica in cloud.store.select(REPLICAS):
        for location in replica.get("export_locations") or []:
            if location["id"] == el_id:
                return location
    raise errors.NotFound(f"Export location {el_id} could not be found.")
