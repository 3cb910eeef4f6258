"""Plays manila.share.api.API for share replicas (and the replica parts of
manila/api/v2/share_replicas.py, share_replica_export_locations.py and the
generic metadata controller).

A share record keeps the fields of its single (active) instance. Replicas
live in the ``share_replicas`` table, one record per share instance with a
``replica_state``; the active replica's record mirrors the share (its id is
the share's ``instance_id``) and is kept in step by :func:`sync`. Promoting
a replica makes the share mirror that replica instead (host, export
locations, share server, availability zone).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_server import errors, messages, policy, scheduler
from fake_server.context import Context
from fake_server.share_api import common, indexes, networks, quotas
from fake_server.share_api import metadata as metadata_api
from fake_server.share_api import share_actions as actions
from fake_server.share_api import shares as shares_api
from fake_server.state import Record, Store

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

TABLE = "share_replicas"
#: replica states a reset may set (AdminActionsMixin.valid_statuses)
REPLICA_STATES = ("active", "in_sync", "out_of_sync", "error")
#: statuses of a replica a reset may set
RESETTABLE = actions.RESETTABLE
#: the share fields the active replica mirrors
_MIRRORED = (
    "status",
    "host",
    "availability_zone",
    "share_network_id",
    "share_server_id",
    "access_rules_status",
    "size",
    "share_type_id",
    "project_id",
    "user_id",
)
REPLICA_RESOURCE = "SHARE_REPLICA"


# -- the active replica mirror ------------------------------------------------


def _replicated(share: Record) -> bool:
    """Whether the share's type replicates and its instance was placed."""
    return bool(share.get("replication_type")) and bool(share.get("host"))


def sync(cloud: Cloud, share: Record) -> Record | None:
    """Create or refresh the record of a share's active replica.

    :returns: The active replica's record, or None for a share that is
        not replicated (or not placed on a host yet).
    """
    return _sync(cloud.store, share)


def _sync(store: Store, share: Record) -> Record | None:
    if not _replicated(share):
        return None
    with store.lock:
        record = store.get(TABLE, share["instance_id"])
        locations = [dict(el) for el in share.get("export_locations", [])]
        if record is None:
            values = {k: share.get(k) for k in _MIRRORED}
            record = store.insert(
                TABLE,
                dict(
                    values,
                    id=share["instance_id"],
                    share_id=share["id"],
                    replica_state="active",
                    cast_rules_to_readonly=False,
                    metadata={},
                    export_locations=locations,
                    created_at=share.get("created_at"),
                    progress="100%",
                ),
            )
            return record
        changed = {
            k: share.get(k) for k in _MIRRORED if record.get(k) != share.get(k)
        }
        if record.get("export_locations") != locations:
            changed["export_locations"] = locations
        if changed:
            store.update(TABLE, record["id"], **changed)
        return record


def sync_all(cloud: Cloud) -> None:
    """Refresh every replicated share's active replica; drop the records
    of shares that are gone."""
    _sync_all(cloud.store)


def _sync_all(store: Store) -> None:
    with store.lock:
        shares = {s["id"]: s for s in store.select("shares")}
        for share in shares.values():
            _sync(store, share)
        for record in store.select(TABLE):
            if record["share_id"] not in shares:
                store.delete(TABLE, record["id"])


#: what a change of the share must touch for its mirror to follow
_FOLLOWED = (*_MIRRORED, "instance_id", "export_locations", "replication_type")


def install(store: Store) -> None:
    """Keep each replicated share's active replica record, once made, in
    step with the share at every change of the share (as Manila's share
    instance row is the share's); a loaded state file brings them in
    step."""

    def changed(before: Record | None, after: Record | None) -> None:
        if after is None or not _replicated(after):
            return
        if before is not None and all(
            before.get(k) == after.get(k) for k in _FOLLOWED
        ):
            return
        # only a record that exists: the first is made when the share's
        # replicas are first asked for (a record per share of a
        # replicating type would double a share's memory)
        if store.get(TABLE, after["instance_id"]) is not None:
            _sync(store, after)

    store.watch("shares", changed)


def replicas_of(cloud: Cloud, share_id: str) -> list[Record]:
    """The replica records of a share (active one included)."""
    return cloud.store.lookup(TABLE, indexes.SHARE, share_id)


def refresh_has_replicas(cloud: Cloud, share_id: str) -> None:
    """Set the share's ``has_replicas`` (more than one replica)."""
    with cloud.store.lock:
        share = cloud.store.get("shares", share_id)
        if share is None:
            return
        count = len(
            [
                r
                for r in replicas_of(cloud, share_id)
                if r.get("replica_state") is not None
            ]
        )
        if bool(share.get("has_replicas")) != (count > 1):
            cloud.store.update("shares", share_id, has_replicas=count > 1)


def is_active_instance(cloud: Cloud, replica: Record) -> bool:
    """Whether ``replica`` is the instance its share record mirrors."""
    share = cloud.store.get("shares", replica["share_id"])
    return share is not None and share.get("instance_id") == replica["id"]


def update(cloud: Cloud, replica_id: str, **values: Any) -> None:
    """Update a replica; for the mirrored (active) instance, the share's
    own fields (``status``) follow."""
    with cloud.store.lock:
        replica = cloud.store.get(TABLE, replica_id)
        if replica is None:
            return
        cloud.store.update(TABLE, replica_id, **values)
        if "status" in values and is_active_instance(cloud, replica):
            cloud.store.update(
                "shares", replica["share_id"], status=values["status"]
            )


# -- lookups ------------------------------------------------------------------


def find(cloud: Cloud, ctx: Context, replica_id: str) -> Record | None:
    """``db.share_replica_get``: the replica if the caller may see it."""
    record = cloud.store.get(TABLE, replica_id)
    if record is None:
        share = _share_with_instance(cloud, replica_id)
        if share is not None:
            record = sync(cloud, share)
    if record is None:
        return None
    share = cloud.store.get("shares", record["share_id"])
    if share is None:
        return None
    if share.get("instance_id") == record["id"]:
        record = sync(cloud, share) or record
    if not ctx.is_admin and share.get("project_id") != ctx.project_id:
        return None
    return record


def _share_with_instance(cloud: Cloud, instance_id: str) -> Record | None:
    return cloud.store.first("shares", indexes.INSTANCE, instance_id)


def get(cloud: Cloud, ctx: Context, replica_id: str, message: str) -> Record:
    """A visible replica, else 404 with ``message`` (``%s`` = the id)."""
    record = find(cloud, ctx, replica_id)
    if record is None:
        raise errors.NotFound(message % replica_id)
    return record


# -- list and show ------------------------------------------------------------


def list_replicas(
    cloud: Cloud, ctx: Context, query: dict[str, str]
) -> list[Record]:
    """``GET /share-replicas[/detail]``: every replica the caller sees,
    or those of ``share_id`` (an unknown share gives an empty list)."""
    policy.authorize(ctx, "share_replica:get_all")
    share_id = query.get("share_id")
    if share_id:
        share = cloud.store.get("shares", share_id)
        if share is not None:
            sync(cloud, share)
    else:
        sync_all(cloud)
    candidates = (
        replicas_of(cloud, share_id) if share_id else cloud.store.select(TABLE)
    )
    rows = []
    for replica in candidates:
        if replica.get("replica_state") is None:
            continue
        if not ctx.is_admin:
            owner = cloud.store.get("shares", replica["share_id"])
            if owner is None or owner.get("project_id") != ctx.project_id:
                continue
        rows.append(replica)
    return common.limited(rows, query)


def show(cloud: Cloud, ctx: Context, replica_id: str) -> Record:
    """``GET /share-replicas/{id}``."""
    policy.authorize(ctx, "share_replica:show")
    return get(cloud, ctx, replica_id, "Replica %s not found.")


# -- create ------------------------------------------------------------------


def _check_zone(cloud: Cloud, zone: Any) -> str | None:
    if zone is None:
        return None
    if not isinstance(zone, str):
        raise errors.BadRequest(
            f"Availability zone {zone} could not be found."
        )
    for record in cloud.store.select("availability_zones"):
        if zone in (record["id"], record["name"]):
            return str(record["name"])
    raise errors.BadRequest(f"Availability zone {zone} could not be found.")


def _active_available(cloud: Cloud, share: Record) -> Record | None:
    for replica in replicas_of(cloud, share["id"]):
        if (
            replica.get("replica_state") == "active"
            and replica.get("status") == "available"
        ):
            return replica
    return None


def create(
    cloud: Cloud,
    ctx: Context,
    body: Any,
    *,
    allow_hints: bool,
    allow_metadata: bool,
    allow_network: bool,
) -> Record:
    """``POST /share-replicas``: a ``creating`` replica, cast to the
    scheduler."""
    policy.authorize(ctx, "share_replica:create")
    if not isinstance(body, dict) or not isinstance(
        body.get("share_replica"), dict
    ):
        raise errors.Unprocessable(
            "Body does not contain 'share_replica' information."
        )
    params = body["share_replica"]
    share_id = params.get("share_id")
    zone = params.get("availability_zone")
    hints = params.get("scheduler_hints") if allow_hints else None
    if not share_id:
        raise errors.BadRequest("Must provide Share ID to add replica.")
    if not isinstance(share_id, str):
        raise errors.NotFound(f"No share exists with ID {share_id}.")
    try:
        share = shares_api.get_own(cloud, ctx, share_id)
    except errors.NotFound as exc:
        raise errors.NotFound(f"No share exists with ID {share_id}.") from exc
    if share.get("is_soft_deleted"):
        raise errors.Forbidden(
            f"Replica cannot be created for share '{share_id}' since it has "
            "been soft deleted."
        )
    if share.get("encryption_key_ref"):
        raise errors.Forbidden(
            f"Replica cannot be created for share '{share_id}' since it is "
            "encrypted."
        )
    network_id = params.get("share_network_id")
    if network_id:
        if not allow_network:
            raise errors.BadRequest(
                "'share_network_id' option is not supported by this "
                "microversion. Use 2.72 or greater microversion to be able "
                "to use 'share_network_id'."
            )
    else:
        network_id = share.get("share_network_id")
    if network_id:
        network = None
        if isinstance(network_id, str):
            network = cloud.store.get("share_networks", network_id)
        if network is None or not (
            ctx.is_admin or network.get("project_id") == ctx.project_id
        ):
            raise errors.BadRequest(
                f"No share network exists with ID {network_id}."
            )
        networks.check_active(network)
    metadata: dict[str, str] = {}
    if allow_metadata and params.get("metadata") is not None:
        metadata = _check_metadata(params["metadata"])
    # share_api.create_share_replica
    parent_network_id = share.get("share_network_id")
    if (
        parent_network_id
        and network_id
        and parent_network_id != network_id
        and _security_services(cloud, parent_network_id)
        != _security_services(cloud, network_id)
    ):
        raise errors.BadRequest(
            "Invalid input received: Share and its replica can't be in "
            "different authentication domains."
        )
    if not share.get("replication_type"):
        raise errors.BadRequest(
            f"Replication not supported for share {share_id}."
        )
    if share.get("share_group_id"):
        raise errors.BadRequest(
            "Replication not supported for shares in a group."
        )
    if hints:
        if not isinstance(hints, dict) or list(hints) != ["only_host"]:
            raise errors.BadRequest(
                "Invalid input received: Arg 'scheduler_hints' supports "
                "only 'only_host' key."
            )
    actions._check_busy(share)
    with cloud.store.lock:
        sync(cloud, share)
        if _active_available(cloud, share) is None:
            raise errors.BadRequest(
                "Unable to perform a replication action: Share "
                f"{share_id} does not have any active replica in available "
                "state."
            )
    share_type = cloud.store.get("share_types", share["share_type_id"]) or {
        "id": share["share_type_id"],
        "name": share.get("share_type_name"),
        "extra_specs": {},
    }
    type_zones = [
        z.strip()
        for z in str(
            share_type["extra_specs"].get("availability_zones") or ""
        ).split(",")
        if z.strip()
    ]
    if zone and type_zones and zone not in type_zones:
        raise errors.BadRequest(
            "Share replica cannot be created since the share type "
            f"{share_type.get('name') or ''}(ID: {share_type['id']}) is not "
            f"supported within the availability zone chosen {zone}."
        )
    with quotas.reservation(
        cloud,
        share["project_id"],
        {"share_replicas": 1, "replica_gigabytes": int(share["size"])},
        share_type["id"],
        ctx.user_id,
    ):
        if network_id and zone is not None:
            try:
                zone = _check_zone(cloud, zone)
            except errors.BadRequest:
                raise errors.BadRequest(
                    "Share replica cannot be created because the specified "
                    "availability zone does not exist."
                ) from None
        zone = _check_zone(cloud, zone)
        if (
            network_id
            and zone
            and not networks.subnets_in_zone(
                cloud, network_id, zone, fallback_to_default=True
            )
        ):
            raise errors.BadRequest(
                "Share replica cannot be created because the share network is "
                "not available within the specified availability zone."
            )
        with cloud.store.lock:
            record = cloud.store.insert(
                TABLE,
                {
                    "share_id": share_id,
                    "project_id": share["project_id"],
                    "user_id": ctx.user_id,
                    "share_type_id": share["share_type_id"],
                    "size": share["size"],
                    "status": "creating",
                    "replica_state": "out_of_sync",
                    "availability_zone": zone,
                    "share_network_id": network_id,
                    "share_server_id": None,
                    "host": None,
                    "cast_rules_to_readonly": share.get("replication_type")
                    == "readable",
                    "access_rules_status": "out_of_sync",
                    "metadata": metadata,
                    "export_locations": [],
                    "progress": "0%",
                    "scheduler_hints": dict(hints or {}),
                },
            )
            refresh_has_replicas(cloud, share_id)
    cloud.bus.cast("manila-scheduler", schedule_replica, cloud, record["id"])
    return record


def _security_services(cloud: Cloud, network_id: str) -> set[str]:
    """The ids of the security services a share network is bound to."""
    network = cloud.store.get("share_networks", network_id) or {}
    return set(network.get("security_services") or [])


def _check_metadata(metadata: Any) -> dict[str, str]:
    """``check_metadata_properties`` on a create body's metadata."""
    return common.check_metadata(metadata)


def schedule_replica(cloud: Cloud, replica_id: str) -> None:
    """The scheduler's part of a replica create (Manila's replication
    filter: the active replica's replication domain, not a pool that
    already holds a replica of the share)."""
    replica = cloud.store.get(TABLE, replica_id)
    if replica is None or replica["status"] != "creating":
        return
    share = cloud.store.get("shares", replica["share_id"])
    if share is None:
        return
    active = cloud.manager(share.get("host") or "")
    domain = active.backend.replication_domain if active else None
    spec = shares_api.request_spec(cloud, share)
    spec.availability_zone = replica.get("availability_zone")
    spec.availability_zones = (
        shares_api.type_zones({"extra_specs": spec.extra_specs}) or None
    )
    spec.active_replica_host = share.get("host")
    spec.only_host = (replica.get("scheduler_hints") or {}).get("only_host")
    if spec.only_host:
        # the request's hints stand; Manila fills them from the share's
        # affinity metadata only when the request gives none
        spec.same_host = None
        spec.different_host = None
    else:
        shares_api.metadata_affinity(cloud, spec, share)
    hosts = {r.get("host") for r in replicas_of(cloud, share["id"])}
    candidates = [
        pool
        for pool in scheduler.schedule(spec, cloud.pools())
        if domain
        and pool.cap("replication_domain") == domain
        and pool.name not in hosts
    ]
    if not candidates:
        update(cloud, replica_id, status="error", replica_state="error")
        cloud.user_message(
            replica["project_id"],
            REPLICA_RESOURCE,
            replica_id,
            messages.CREATE,
            messages.NO_VALID_HOST,
        )
        return
    pool = candidates[0]
    manager = cloud.manager(pool.name)
    if manager is not None:
        manager.cast(
            "create_share_replica",
            manager.create_share_replica,
            replica_id,
            pool.name,
        )


# -- delete -------------------------------------------------------------------


def _start_delete(cloud: Cloud, replica: Record, force: bool) -> None:
    """share_api.delete_share_replica."""
    with cloud.store.lock:
        actives = [
            r
            for r in replicas_of(cloud, replica["share_id"])
            if r.get("replica_state") == "active"
        ]
        if replica.get("replica_state") == "active" and len(actives) == 1:
            raise errors.BadRequest(
                "Unable to perform a replication action: Cannot delete last "
                "active replica."
            )
        update(cloud, replica["id"], status="deleting")
    manager = cloud.manager(replica["host"]) if replica.get("host") else None
    if manager is None:
        destroy(cloud, replica["id"])
        return
    manager.cast(
        "delete_share_replica",
        manager.delete_share_replica,
        replica["id"],
        force,
    )


def delete(cloud: Cloud, ctx: Context, replica_id: str) -> None:
    """``DELETE /share-replicas/{id}`` (202)."""
    policy.authorize(ctx, "share_replica:delete")
    replica = get(cloud, ctx, replica_id, "No replica exists with ID %s.")
    _start_delete(cloud, replica, force=False)


def force_delete(cloud: Cloud, ctx: Context, replica_id: str) -> None:
    """``force_delete`` action (admin, 202)."""
    policy.authorize(ctx, "share_replica:force_delete")
    replica = get(
        cloud, ctx, replica_id, "Share Replica %s could not be found."
    )
    _start_delete(cloud, replica, force=True)


def destroy(cloud: Cloud, replica_id: str) -> None:
    """Remove a replica's record and refresh its share's has_replicas."""
    with cloud.store.lock:
        record = cloud.store.delete(TABLE, replica_id)
        if record is not None:
            refresh_has_replicas(cloud, record["share_id"])


# -- promote and resync -------------------------------------------------------


def parse_quiesce(value: Any, allowed: bool) -> int | None:
    """The ``promote`` body's ``quiesce_wait_time`` (2.75)."""
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise errors.BadRequest("Malformed request body")
    if not allowed:
        return None
    wait = value.get("quiesce_wait_time")
    if not wait:
        return None
    if isinstance(wait, bool) or not _int_like(wait) or int(str(wait)) <= 0:
        raise errors.BadRequest(
            "quiesce_wait_time must be an integer and greater than 0."
        )
    return int(str(wait))


def _int_like(value: Any) -> bool:
    try:
        return str(int(str(value))) == str(value)
    except (TypeError, ValueError):
        return False


def promote(
    cloud: Cloud, ctx: Context, replica_id: str, quiesce: int | None
) -> Record | None:
    """``promote``: the replica goes ``replication_change`` and the work
    is cast to its backend. None when it is already active (200)."""
    policy.authorize(ctx, "share_replica:promote")
    replica = get(cloud, ctx, replica_id, "No replica exists with ID %s.")
    network_id = replica.get("share_network_id")
    if network_id:
        network = cloud.store.get("share_networks", network_id)
        if network is not None:
            networks.check_active(network)
    if replica.get("replica_state") == "active":
        return None
    with cloud.store.lock:
        if replica.get("status") != "available":
            raise errors.BadRequest(
                "Unable to perform a replication action: Replica "
                f"{replica_id} must be in available state to be promoted."
            )
        state = replica.get("replica_state")
        if state in ("out_of_sync", "error") and not ctx.is_admin:
            raise errors.Forbidden(
                f"Promoting a replica with 'replica_state': {state} "
                "requires administrator privileges."
            )
        update(cloud, replica_id, status="replication_change")
    manager = cloud.manager(replica.get("host") or "")
    if manager is not None:
        manager.cast(
            "promote_share_replica",
            manager.promote_share_replica,
            replica_id,
            quiesce,
        )
    record: Record = cloud.store.get(TABLE, replica_id) or replica
    return record


def resync(cloud: Cloud, ctx: Context, replica_id: str) -> bool:
    """``resync`` (admin): cast a replica state update.

    :returns: False when the replica is active (Manila answers 200).
    """
    policy.authorize(ctx, "share_replica:resync")
    replica = get(cloud, ctx, replica_id, "No replica exists with ID %s.")
    if replica.get("replica_state") == "active":
        return False
    if not replica.get("host"):
        raise errors.BadRequest(
            "Invalid host: Share replica does not have a valid host."
        )
    manager = cloud.manager(replica["host"])
    if manager is not None:
        manager.cast(
            "update_share_replica",
            manager.update_share_replica,
            replica_id,
        )
    return True


# -- admin resets -------------------------------------------------------------


def _reset_value(value: Any, attr: str, valid: tuple[str, ...]) -> str:
    """AdminActionsMixin.validate_update."""
    try:
        new = value[attr]
    except (TypeError, KeyError, IndexError):
        raise errors.BadRequest(f"Must specify '{attr}'") from None
    if not isinstance(new, str) or new not in valid:
        raise errors.BadRequest(
            f"Invalid state. Valid states: {', '.join(valid)}."
        )
    return new


def reset_status(
    cloud: Cloud, ctx: Context, replica_id: str, value: Any
) -> None:
    """``reset_status`` (admin, 202)."""
    policy.authorize(ctx, "share_replica:reset_status")
    status = _reset_value(value, "status", RESETTABLE)
    replica = get(
        cloud, ctx, replica_id, "Share Replica %s could not be found."
    )
    policy.authorize(ctx, "share_replica:reset_status", replica["project_id"])
    update(cloud, replica_id, status=status)


def reset_replica_state(
    cloud: Cloud, ctx: Context, replica_id: str, value: Any
) -> None:
    """``reset_replica_state`` (admin, 202); never on the active one."""
    policy.authorize(ctx, "share_replica:reset_replica_state")
    policy.authorize(ctx, "share_replica:reset_status")
    state = _reset_value(value, "replica_state", REPLICA_STATES)
    replica = get(
        cloud, ctx, replica_id, "Share Replica %s could not be found."
    )
    if replica.get("replica_state") == "active":
        raise errors.BadRequest(
            "Cannot reset replica_state of an active replica"
        )
    policy.authorize(ctx, "share_replica:reset_status", replica["project_id"])
    update(cloud, replica_id, replica_state=state)


# -- export locations (2.47) --------------------------------------------------


def export_locations(
    cloud: Cloud, ctx: Context, replica_id: str
) -> tuple[Record, list[Record]]:
    """A replica and its export locations (admin-only ones for admins)."""
    policy.authorize(ctx, "share_replica_export_location:index")
    replica = get(cloud, ctx, replica_id, "Share replica '%s' not found.")
    rows = [
        el
        for el in replica.get("export_locations", [])
        if ctx.is_admin or not el.get("is_admin_only")
    ]
    return replica, rows


def export_location(
    cloud: Cloud, ctx: Context, replica_id: str, el_id: str
) -> tuple[Record, Record]:
    """One export location by id, and the replica it belongs to.

    As Manila's ``export_location_get_by_uuid``, the location is looked
    up by id alone (it need not belong to ``replica_id``).
    """
    policy.authorize(ctx, "share_replica_export_location:show")
    get(cloud, ctx, replica_id, "Share replica '%s' not found.")
    for replica in cloud.store.select(TABLE):
        for el in replica.get("export_locations", []):
            if el["id"] == el_id and (
                ctx.is_admin or not el.get("is_admin_only")
            ):
                return replica, el
    raise errors.NotFound(f"Export location {el_id} could not be found.")


# -- metadata (2.95) ----------------------------------------------------------


def _meta_target(cloud: Cloud, ctx: Context, replica_id: str) -> Record:
    replica = find(cloud, ctx, replica_id)
    if replica is None or not policy.allowed(
        ctx, "share_replica:show", replica["project_id"]
    ):
        raise errors.NotFound("Share_replica not found.")
    return replica


METADATA = metadata_api.MetadataRules(
    TABLE,
    _meta_target,
    "share_replica:get_metadata",
    "share_replica:update_metadata",
    "share_replica:delete_metadata",
)
get_metadata = METADATA.get
get_metadata_item = METADATA.get_item
set_metadata = METADATA.set
set_metadata_item = METADATA.set_item
delete_metadata_item = METADATA.delete_item
