"""Plays manila.share.api.API share migration (and the migration parts of
manila/api/v2/shares.py and the scheduler's ``migrate_share_to_host``).

``migration_start`` checks the request, moves the share to ``migrating``
with task state ``migration_starting`` and casts to the scheduler, which
checks the destination and casts to the source backend's share manager.
The driver-assisted migration then runs in two phases (task states
``migration_driver_in_progress`` -> ``migration_driver_phase1_done``;
``migration_complete`` -> ``migration_completing`` ->
``migration_success``), a host-assisted one through the data copy states
(``data_copying_in_progress`` -> ``data_copying_completed``).
Bookkeeping lives in the ``share_migrations`` table, keyed by share id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_server import errors, policy, scheduler
from fake_server.context import Context
from fake_server.share_api import indexes, networks, types
from fake_server.share_api import share_actions as actions
from fake_server.share_api import shares as shares_api
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

TABLE = "share_migrations"
_BOOL_PARAMS = (
    "preserve_metadata",
    "writable",
    "nondisruptive",
    "preserve_snapshots",
    "force_host_assisted_migration",
)
_REQUIRED = (
    "host",
    "nondisruptive",
    "preserve_metadata",
    "preserve_snapshots",
    "writable",
)
#: task states whose progress Manila answers without asking anyone
_DONE_STATES = (
    "migration_success",
    "data_copying_error",
    "migration_cancelled",
    "migration_cancel_in_progress",
    "migration_completing",
    "migration_driver_phase1_done",
    "data_copying_completed",
    "data_copying_completing",
    "data_copying_cancelled",
    "migration_error",
)
_STARTING_STATES = (
    "migration_starting",
    "migration_driver_starting",
    "data_copying_starting",
    "migration_in_progress",
)


def _invalid_share(reason: str) -> errors.BadRequest:
    """``exception.InvalidShare(reason=...)`` (400)."""
    return errors.BadRequest(f"Invalid share: {reason}.")


def _share(cloud: Cloud, ctx: Context, share_id: str) -> Record:
    try:
        return shares_api.get(cloud, ctx, share_id)
    except errors.NotFound as exc:
        raise errors.NotFound(f"Share {share_id} not found.") from exc


def record_of(cloud: Cloud, share_id: str) -> Record | None:
    """The migration bookkeeping of a share, if it is being migrated."""
    record: Record | None = cloud.store.get(TABLE, share_id)
    return record


# -- migration_start ----------------------------------------------------------


def parse_start_body(value: Any) -> dict[str, Any]:
    """Manila's ``migration_start`` request schema, then its boolean
    parsing; returns the parameters with booleans."""
    action = "migration_start"
    if not isinstance(value, dict):
        raise actions._invalid(
            action, value, f"{value!r} is not of type 'object'"
        )
    for key in _REQUIRED:
        if key not in value:
            raise actions._invalid(
                action, value, f"{key!r} is a required property"
            )
    host = value["host"]
    if not isinstance(host, str):
        raise actions._invalid(
            "host", host, f"{host!r} is not of type 'string'"
        )
    for key in ("new_share_network_id", "new_share_type_id"):
        item = value.get(key)
        if item is not None and not isinstance(item, str):
            raise actions._invalid(
                key, item, f"{item!r} is not of type 'string', 'null'"
            )
    params: dict[str, Any] = dict(value)
    for key in _BOOL_PARAMS:
        if key in value:
            params[key] = actions.check_boolean(key, value[key])
        else:
            params[key] = False
    return params


def migration_start(
    cloud: Cloud, ctx: Context, share_id: str, value: Any
) -> int:
    """``migration_start`` (admin): 202, or 200 when nothing is to be
    done (the share's task state becomes ``migration_success``)."""
    policy.authorize(ctx, "share:migration_start")
    params = parse_start_body(value)
    share = _share(cloud, ctx, share_id)
    if share.get("is_soft_deleted"):
        raise _invalid_share(
            f"Migration cannot start for share '{share_id}' since it has "
            "been soft deleted."
        )
    new_network = None
    new_network_id = params.get("new_share_network_id")
    if new_network_id:
        new_network = cloud.store.get("share_networks", new_network_id)
        if new_network is None:
            raise errors.BadRequest(
                f"Share network {new_network_id} not found."
            )
        networks.check_active(new_network)
    elif share.get("share_network_id"):
        current = cloud.store.get("share_networks", share["share_network_id"])
        if current is not None:
            networks.check_active(current)
    new_type = None
    new_type_id = params.get("new_share_type_id")
    if new_type_id:
        new_type = cloud.store.get("share_types", new_type_id)
        if new_type is None:
            raise errors.BadRequest(f"Share type {new_type_id} not found.")
    with cloud.store.lock:
        return _start(cloud, share, params, new_network, new_type)


def _dhss(share_type: Record) -> bool:
    value = share_type.get("extra_specs", {}).get(
        "driver_handles_share_servers", False
    )
    return str(value).lower().replace("<is>", "").strip() in (
        "true",
        "1",
        "yes",
        "on",
        "t",
        "y",
    )


def _start(
    cloud: Cloud,
    share: Record,
    params: dict[str, Any],
    new_network: Record | None,
    new_type: Record | None,
) -> int:
    """share_api.migration_start (under the store lock)."""
    share_id = share["id"]
    dest_host = params["host"]
    force = params["force_host_assisted_migration"]
    if force and any(
        params[k]
        for k in (
            "preserve_metadata",
            "writable",
            "nondisruptive",
            "preserve_snapshots",
        )
    ):
        raise errors.BadRequest(
            "Invalid input received: Invalid parameter combination. Cannot "
            'set parameters "nondisruptive", "writable", '
            '"preserve_snapshots" or "preserve_metadata" to True when '
            'enabling the "force_host_assisted_migration" option.'
        )
    if share.get("has_replicas"):
        raise errors.Conflict(
            f"Share {share_id} has replicas. Remove the replicas before "
            "attempting to migrate the share."
        )
    if share.get("share_group_id"):
        raise _invalid_share(
            f"Share {share_id} is a member of a group. This operation is "
            "not currently supported for shares that are members of groups."
        )
    if share["status"] != "available":
        raise _invalid_share(
            f"Share instance {share['instance_id']} status must be "
            f"available, but current status is: {share['status']}."
        )
    if share.get("access_rules_status") == "error":
        raise _invalid_share(
            f"Share instance {share['instance_id']} access rules status "
            "must not be in error when attempting to start a migration."
        )
    actions._check_busy(share)
    if force and cloud.store.lookup("snapshots", indexes.SHARE, share_id):
        raise errors.Conflict(
            f"Share {share_id} must not have snapshots when using "
            "host-assisted migration."
        )
    backend_host = dest_host.partition("#")[0]
    service = cloud.service_record(backend_host)
    if service is None or service.get("disabled"):
        raise errors.NotFound(
            f"ServiceNotFound: Service {backend_host} could not be found."
        )
    if cloud.service_state(service) != "up":
        raise errors.BadRequest(f"Service {backend_host} is down.")
    if new_type is not None:
        share_type = new_type
        try:
            shares_api.provision_filter_on_size(
                share_type, int(share["size"]), "create"
            )
        except errors.BadRequest as exc:
            # ManilaException trims the doubled final period
            raise errors.BadRequest(
                types.manila_message(str(exc.message))
            ) from None
        if (
            _dhss(share_type)
            and new_network is None
            and not share.get("share_network_id")
        ):
            raise errors.BadRequest(
                "Invalid input received: New share network must be "
                "provided when share type of given share "
                f"{share_id} has extra_spec 'driver_handles_share_servers' "
                "as True."
            )
        new_type_id = share_type["id"]
    else:
        share_type = cloud.store.get(
            "share_types", share["share_type_id"]
        ) or {"extra_specs": {}, "id": share["share_type_id"], "name": ""}
        new_type_id = share["share_type_id"]
    if _dhss(share_type):
        new_network_id = (
            new_network["id"] if new_network else share.get("share_network_id")
        )
    else:
        if new_network is not None:
            raise errors.BadRequest(
                "Invalid input received: New share network must not be "
                "provided when share type of given share "
                f"{share_id} has extra_spec 'driver_handles_share_servers' "
                "as False."
            )
        new_network_id = None
    if (
        new_network_id == share.get("share_network_id")
        and new_type_id == share["share_type_id"]
        and dest_host == share.get("host")
    ):
        cloud.store.update("shares", share_id, task_state="migration_success")
        return 200
    zone = _zone_of(cloud, backend_host)
    type_zones = [
        z.strip()
        for z in str(
            share_type["extra_specs"].get("availability_zones") or ""
        ).split(",")
        if z.strip()
    ]
    if type_zones and zone not in type_zones:
        raise _invalid_share(
            f"Share {share_id} cannot be migrated to host {dest_host} "
            "because share type "
            f"{share_type.get('name') or ''}(ID: {share_type['id']}) is not "
            f"supported within the availability zone ({zone}) that the host "
            "is in."
        )
    cloud.store.delete(TABLE, share_id)
    cloud.store.insert(
        TABLE,
        {
            "id": share_id,
            "source_host": share.get("host"),
            "source_instance_id": share["instance_id"],
            "dest_host": dest_host,
            "dest_instance_id": None,
            "dest_availability_zone": zone,
            "new_share_network_id": new_network_id,
            "new_share_type_id": new_type_id,
            "force_host_assisted_migration": force,
            "writable": params["writable"],
            "preserve_metadata": params["preserve_metadata"],
            "nondisruptive": params["nondisruptive"],
            "preserve_snapshots": params["preserve_snapshots"],
            "progress": 0,
        },
    )
    cloud.store.update(
        "shares",
        share_id,
        task_state="migration_starting",
        status="migrating",
    )
    cloud.bus.cast("manila-scheduler", schedule_migration, cloud, share_id)
    return 202


def _zone_of(cloud: Cloud, backend_host: str) -> str | None:
    manager = cloud.manager(backend_host)
    return manager.availability_zone if manager is not None else None


def schedule_migration(cloud: Cloud, share_id: str) -> None:
    """The scheduler's ``migrate_share_to_host``: the destination must
    pass the filters for the share (with its new type), else the share
    goes back to ``available`` with task state ``migration_error``."""
    share = cloud.store.get("shares", share_id)
    migration = record_of(cloud, share_id)
    if share is None or migration is None:
        return
    if share.get("task_state") != "migration_starting":
        return
    spec = shares_api.request_spec(cloud, share)
    new_type = cloud.store.get("share_types", migration["new_share_type_id"])
    if new_type is not None:
        spec.extra_specs = dict(new_type["extra_specs"])
    spec.availability_zone = None
    spec.availability_zones = (
        shares_api.type_zones({"extra_specs": spec.extra_specs}) or None
    )
    spec.only_host = None
    # Manila's migration request spec carries no subnet map
    spec.multiple_subnet_zones = frozenset()
    # host_passes_filters runs the affinity filters on the share's
    # __affinity_* metadata, as a create does
    shares_api.metadata_affinity(cloud, spec, share)
    spec.snapshot_host = None
    dest = migration["dest_host"]
    matches = [
        pool
        for pool in scheduler.schedule(spec, cloud.pools())
        if pool.name == dest
        or ("#" not in dest and pool.name.partition("#")[0] == dest)
    ]
    if not matches:
        fail(cloud, share_id)
        return
    with cloud.store.lock:
        cloud.store.update(TABLE, share_id, dest_host=matches[0].name)
    source = cloud.manager(share.get("host") or "")
    if source is None:
        fail(cloud, share_id)
        return
    source.cast("migration_start", source.migration_start, share_id)


def fail(cloud: Cloud, share_id: str) -> None:
    """End a migration in ``migration_error``; the share is available."""
    with cloud.store.lock:
        cloud.store.delete(TABLE, share_id)
        if cloud.store.get("shares", share_id) is not None:
            cloud.store.update(
                "shares",
                share_id,
                task_state="migration_error",
                status="available",
            )


# -- complete, cancel, progress -----------------------------------------------


def _validate_error_message(share: Record) -> str | None:
    """share_api._migration_validate_error_message."""
    state = share.get("task_state")
    sid = share["id"]
    if state == "migration_success":
        return f"Migration of share {sid} has already completed."
    if state in (None, "migration_error"):
        return (
            f"There is no migration being performed for share {sid} at "
            "this moment."
        )
    if state == "migration_cancelled":
        return f"Migration of share {sid} was already cancelled."
    if state in ("migration_driver_phase1_done", "data_copying_completed"):
        return f"Migration of share {sid} has already completed first phase."
    return None


def _source_manager(cloud: Cloud, share: Record) -> Any:
    migration = record_of(cloud, share["id"])
    if migration is None or not migration.get("dest_instance_id"):
        # Manila answers 500 (ShareMigrationFailed) here; a 400 is kinder
        raise errors.BadRequest(
            "Share migration failed: Share instances "
            f"{share.get('instance_id')} and None in inconsistent states, "
            f"cannot continue share migration for share {share['id']}."
        )
    return cloud.manager(share.get("host") or "")


def migration_complete(cloud: Cloud, ctx: Context, share_id: str) -> None:
    """``migration_complete`` (admin, 202): the second phase."""
    policy.authorize(ctx, "share:migration_complete")
    share = _share(cloud, ctx, share_id)
    if share.get("task_state") not in (
        "data_copying_completed",
        "migration_driver_phase1_done",
    ):
        message = _validate_error_message(share) or (
            f"First migration phase of share {share_id} not completed yet."
        )
        raise _invalid_share(message)
    manager = _source_manager(cloud, share)
    if manager is not None:
        manager.cast(
            "migration_complete", manager.migration_complete, share_id
        )


def migration_cancel(cloud: Cloud, ctx: Context, share_id: str) -> None:
    """``migration_cancel`` (admin, 202)."""
    policy.authorize(ctx, "share:migration_cancel")
    share = _share(cloud, ctx, share_id)
    migrating = share.get("task_state") in (
        "data_copying_completed",
        "migration_driver_phase1_done",
        "migration_driver_in_progress",
        "data_copying_in_progress",
    )
    manager = None
    if migrating:
        manager = _source_manager(cloud, share)
        service = cloud.service_record(share["host"].partition("#")[0])
        if service is None or cloud.service_state(service) != "up":
            migrating = False
    if not migrating:
        message = _validate_error_message(share) or (
            f"Migration of share {share_id} cannot be cancelled at this "
            "moment."
        )
        raise _invalid_share(message)
    if manager is not None:
        manager.cast("migration_cancel", manager.migration_cancel, share_id)


def _progress_state(task_state: str | None) -> int | None:
    if task_state in _DONE_STATES:
        return 100
    if task_state in _STARTING_STATES:
        return 0
    return None


def migration_get_progress(
    cloud: Cloud, ctx: Context, share_id: str
) -> dict[str, Any]:
    """``migration_get_progress`` / ``GET .../migration-progress``:
    ``{"total_progress": n, "task_state": ..., "details": {}}``."""
    policy.authorize(ctx, "share:migration_get_progress")
    share = _share(cloud, ctx, share_id)
    state = share.get("task_state")
    progress: int | None
    if state in ("migration_driver_in_progress", "data_copying_in_progress"):
        migration = record_of(cloud, share_id)
        service = cloud.service_record(
            (share.get("host") or "").partition("#")[0]
        )
        if (
            migration is None
            or service is None
            or (cloud.service_state(service) != "up")
        ):
            progress = None
        else:
            progress = int(migration.get("progress") or 0)
    else:
        progress = _progress_state(state)
    if progress is None:
        message = _validate_error_message(share) or (
            f"Migration progress of share {share_id} cannot be obtained at "
            "this moment."
        )
        raise _invalid_share(message)
    share = cloud.store.get("shares", share_id) or share
    return {
        "total_progress": progress,
        "task_state": share.get("task_state"),
        "details": {},
    }
