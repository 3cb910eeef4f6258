"""Plays manila.share.api.API for shares: create, list, delete, access.

Creates go ``creating`` and are cast to the scheduler; access rules go
``queued_to_apply`` and are cast to the share's backend.
"""

from __future__ import annotations

import ipaddress
import re
import string
import sys
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from fake_server import errors, messages, policy, scheduler
from fake_server.context import Context
from fake_server.scheduler import RequestSpec
from fake_server.share_api import (
    common,
    indexes,
    networks,
    quotas,
    resource_locks,
)
from fake_server.state import Record, new_id, now

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

#: CONF.enabled_share_protocols (Manila's default, and devstack's)
PROTOCOLS = ("NFS", "CIFS")
#: constants.TRANSITIONAL_STATUSES
TRANSITIONAL = frozenset(
    {
        "creating",
        "deleting",
        "manage_starting",
        "unmanage_starting",
        "extending",
        "shrinking",
        "migrating",
        "migrating_to",
        "restoring",
        "reverting",
        "server_migrating",
        "server_migrating_to",
        "backup_restoring",
        "backup_creating",
        "ensuring",
        "reverting_to_snapshot",
    }
)
#: constants.BUSY_TASK_STATES: a share with one of these is ``is_busy``
BUSY_TASK_STATES = frozenset(
    {
        "migration_starting",
        "migration_in_progress",
        "migration_completing",
        "migration_driver_starting",
        "migration_driver_in_progress",
        "migration_driver_phase1_done",
        "data_copying_starting",
        "data_copying_in_progress",
        "data_copying_completing",
        "data_copying_completed",
    }
)
ACCESS_LEVELS = ("rw", "ro")


# -- lookups -------------------------------------------------------------


def get(cloud: Cloud, ctx: Context, share_id: str) -> Record:
    """A share the caller may see (own project, public, or admin)."""
    return common.get_owned(
        cloud, ctx, "shares", share_id, "Share", public_ok=True
    )


def get_own(cloud: Cloud, ctx: Context, share_id: str) -> Record:
    """A share of the caller's project (admins: any)."""
    return common.get_owned(cloud, ctx, "shares", share_id, "Share")


def share_type_by_ref(cloud: Cloud, ctx: Context, ref: str | None) -> Record:
    """A share type by id or name; the default type when ``ref`` is None."""
    types = cloud.store.select("share_types")
    if ref is None:
        ref = cloud.config.default_share_type
        for share_type in types:
            if share_type["name"] == ref:
                return share_type
        raise errors.BadRequest(
            "Default share type not found. Please specify a share type."
        )
    for share_type in types:
        if share_type["id"] == ref or share_type["name"] == ref:
            if (
                share_type["is_public"]
                or ctx.is_admin
                or (ctx.project_id in share_type.get("projects", []))
            ):
                return share_type
    raise errors.NotFound("Share type not found.")


def _spec_bool(
    share_type: Record, key: str, default: bool | None = None
) -> bool | None:
    value = share_type["extra_specs"].get(key)
    if value is None:
        return default
    text = str(value).lower().replace("<is>", "").strip()
    return text in ("true", "1", "yes", "on")


#: the boolean attributes a share copies from its type, and their
#: defaults (constants.ExtraSpecs.INFERRED_OPTIONAL_MAP)
TYPE_ATTRIBUTES = (
    "snapshot_support",
    "create_share_from_snapshot_support",
    "revert_to_snapshot_support",
    "mount_snapshot_support",
    "snapshot_inherit_share_access_support",
)


def share_type_attributes(share_type: Record) -> dict[str, Any]:
    """share/api.py get_share_attributes_from_share_type: what a share
    keeps of its type; unset booleans are False, as in Manila."""
    attributes: dict[str, Any] = {
        key: _spec_bool(share_type, key, False) for key in TYPE_ATTRIBUTES
    }
    attributes["replication_type"] = share_type["extra_specs"].get(
        "replication_type"
    )
    return attributes


# -- create ----------------------------------------------------------------


def create(cloud: Cloud, ctx: Context, body: dict[str, Any]) -> Record:
    """Validate a create request, reserve quota, cast to the scheduler."""
    policy.authorize(ctx, "share:create")
    # the API resolves the zone first (api/v2/shares.py _create): an
    # unknown one is 404 before any other check of the request
    zone = body.get("availability_zone")
    if zone is not None:
        zones = {z["name"] for z in cloud.store.select("availability_zones")}
        by_id = {
            z["id"]: z["name"]
            for z in cloud.store.select("availability_zones")
        }
        if isinstance(zone, str) and zone in by_id:
            zone = by_id[zone]
        elif not isinstance(zone, str) or zone not in zones:
            raise errors.NotFound(
                f"Availability zone {zone} could not be found."
            )
    proto = body.get("share_proto")
    if not isinstance(proto, str) or proto.upper() not in PROTOCOLS:
        raise errors.InvalidInput(
            f"Invalid share protocol provided: {proto}. It is either "
            f"disabled or unsupported. Available protocols: "
            f"{list(PROTOCOLS)}"
        )
    snapshot = None
    source: Record | None = None
    snapshot_id = body.get("snapshot_id")
    if snapshot_id:
        snapshot = common.get_owned(
            cloud, ctx, "snapshots", snapshot_id, "Snapshot"
        )
        source = cloud.store.get("shares", snapshot["share_id"])
    network_id = body.get("share_network_id")
    if source is not None:
        parent_network = source.get("share_network_id")
        if network_id and network_id != parent_network:
            raise errors.BadRequest(
                "Share network ID should be the same as snapshot's parent "
                "share's or empty"
            )
        network_id = network_id or parent_network
    if "share_type" in body and "volume_type" in body:
        raise errors.BadRequest(
            "Cannot specify both share_type and volume_type"
        )
    type_ref = body.get("share_type") or body.get("volume_type")
    if type_ref is None and source is not None:
        share_type = cloud.store.get("share_types", source["share_type_id"])
        if share_type is None:
            raise errors.NotFound("Share type not found.")
    else:
        share_type = share_type_by_ref(cloud, ctx, type_ref)
    dhss = _spec_bool(share_type, "driver_handles_share_servers")
    if network_id:
        network = common.get_owned(
            cloud, ctx, "share_networks", network_id, "Share network"
        )
        networks.check_active(network)
    elif dhss and source is None and not body.get("share_group_id"):
        raise errors.BadRequest(
            "Share network must be set when the "
            "driver_handles_share_servers is true."
        )
    name = body.get("name", body.get("display_name"))
    description = body.get("description", body.get("display_description"))
    for label, value in (("name", name), ("description", description)):
        if value is not None and not isinstance(value, str):
            raise errors.BadRequest(f"{label} must be a string.")
        if isinstance(value, str) and len(value) > 255:
            # api/common.py check_display_field_length
            raise errors.InvalidInput(
                f"{label} can only be 255 characters long."
            )
    metadata = common.check_metadata(body.get("metadata") or {})
    is_public = False
    if "is_public" in body:
        is_public = common.parse_bool(body["is_public"], "is_public")
        if is_public and not policy.allowed(ctx, "share:create_public_share"):
            raise errors.Forbidden(
                "User is not authorized to set 'is_public' to True in the "
                "request."
            )
    if body.get("share_group_id"):
        from fake_server.share_api import share_groups

        zone = share_groups.check_new_share(
            cloud, ctx, body["share_group_id"], share_type, network_id, zone
        )
    if (
        network_id
        and zone
        and not networks.subnets_in_zone(cloud, network_id, zone)
    ):
        raise errors.BadRequest(
            "A share network subnet was not found for the requested "
            "availability zone."
        )
    zones_allowed = _type_zones(
        cloud, ctx, body, share_type, zone, type_ref, source
    )
    _check_default_qos_type(cloud, share_type)
    size = body.get("size")
    if snapshot is not None:
        if snapshot["status"] != "available":
            raise errors.BadRequest(
                "Invalid share snapshot: status must be 'available'."
            )
        if not size:
            size = snapshot["size"]
    if isinstance(size, bool) or not _positive_int(size):
        raise errors.BadRequest(
            f"Invalid input received: Share size '{size}' must be an "
            "integer and greater than 0."
        )
    size = int(str(size))
    if snapshot is not None and source is not None:
        if size < int(snapshot["size"]):
            raise errors.BadRequest(
                f"Invalid input received: Share size '{size}' must be "
                "equal or greater than snapshot size."
            )
        source_zone = source.get("availability_zone")
        if zone is None:
            zone = source_zone
        elif zone != source_zone and not (
            cloud.config.use_scheduler_creating_share_from_snapshot
        ):
            raise errors.BadRequest(
                "Invalid input received: The specified availability zone "
                "must be the same as the parent share when creating from "
                "snapshot."
            )
        if share_type["id"] != source["share_type_id"]:
            raise errors.BadRequest(
                "Invalid input received: Invalid share type specified: the "
                "requested share type must match the type of the source "
                "share. If a share type is not specified when requesting a "
                "new share from a snapshot, the share type of the source "
                "share will be applied to the new share."
            )
    provision_filter_on_size(share_type, size, "create")
    hints = body.get("scheduler_hints") or {}
    if not isinstance(hints, dict):
        raise errors.BadRequest("scheduler_hints must be a dict.")
    if "only_host" in hints and not ctx.is_admin:
        raise errors.Forbidden()
    affinity = _affinity_hints(cloud, ctx, hints)
    mount_point_name = body.get("mount_point_name")
    deltas = {"shares": 1, "gigabytes": size, "per_share_gigabytes": size}
    if share_type["extra_specs"].get("replication_type"):
        deltas.update(share_replicas=1, replica_gigabytes=size)
    with quotas.reservation(
        cloud, ctx.project_id, deltas, share_type["id"], ctx.user_id
    ):
        if size > cloud.config.max_share_size_gb:
            raise errors.BadRequest(
                f"Share size {size} exceeds the maximum allowed share size "
                f"{cloud.config.max_share_size_gb}."
            )
        # Manila creates every share "creating"; only a driver that answers
        # creating_from_snapshot (the dummy one does not) moves it there
        status = "creating"
        record = cloud.store.insert(
            "shares",
            {
                "instance_id": new_id(),
                "name": name,
                "description": description,
                "size": size,
                # one string for every share of a protocol
                "share_proto": sys.intern(proto.upper()),
                "status": status,
                "project_id": ctx.project_id,
                "user_id": ctx.user_id,
                "share_type_id": share_type["id"],
                "share_type_name": share_type["name"],
                "share_network_id": network_id,
                "share_server_id": None,
                "share_group_id": body.get("share_group_id"),
                "source_share_group_snapshot_member_id": None,
                "snapshot_id": snapshot_id,
                "availability_zone": zone,
                "host": None,
                "is_public": is_public,
                "metadata": metadata,
                "task_state": None,
                "access_rules_status": "active",
                "has_replicas": False,
                **share_type_attributes(share_type),
                "progress": "0%",
                "is_soft_deleted": False,
                "scheduled_to_be_deleted_at": None,
                "source_backup_id": None,
                "encryption_key_ref": body.get("encryption_key_ref"),
                "mount_point_name": mount_point_name,
                "export_locations": [],
                "scheduler_hints": dict(hints),
                "availability_zones": zones_allowed,
            },
        )
    _save_affinity(cloud, record, affinity)
    cloud.bus.cast("manila-scheduler", schedule_create, cloud, record["id"])
    return record


def provision_filter_on_size(
    share_type: Record | None, size: int, operation: str
) -> None:
    """share_types.provision_filter_on_size: the type's size limits.

    ``operation`` is ``create``, ``shrink``, ``extend`` or
    ``admin-extend``; a size outside the limits is Manila's 400.
    """
    if share_type is None:
        return
    specs = share_type.get("extra_specs", {})
    name = share_type.get("name")
    if operation in ("create", "shrink"):
        minimum = specs.get("provisioning:min_share_size")
        if minimum and size < int(minimum):
            raise errors.BadRequest(
                f"Invalid input received: Specified share size of '{size}' "
                f"is less than the minimum required size of '{minimum}' "
                f"for share type '{name}'."
            )
    if operation in ("create", "extend"):
        maximum = specs.get("provisioning:max_share_size")
        if maximum and size > int(maximum):
            raise errors.BadRequest(
                f"Invalid input received: Specified share size of '{size}' "
                f"is greater than the maximum allowable size of "
                f"'{maximum}' for share type '{name}'."
            )
    if operation == "admin-extend":
        maximum = specs.get("provisioning:max_share_extend_size")
        if maximum and size > int(maximum):
            raise errors.BadRequest(
                f"Invalid input received: Specified share size of '{size}' "
                f"is greater than the maximum allowable extend size of "
                f"'{maximum}' for share type '{name}'."
            )


def type_zones(share_type: Record) -> list[str]:
    """The share type's ``availability_zones``, split as Manila does."""
    value = share_type.get("extra_specs", {}).get("availability_zones")
    return str(value).split(",") if value else []


def _type_zones(
    cloud: Cloud,
    ctx: Context,
    body: dict[str, Any],
    share_type: Record,
    zone: str | None,
    type_ref: Any,
    source: Record | None,
) -> list[str] | None:
    """The zones the scheduler may use, as Manila's create computes them.

    From 2.48 the share type's ``availability_zones`` restrict them (a
    requested zone outside them is a 400); below 2.48 the spec is not
    read. With a share network and no zone, only zones where the network
    has a subnet are allowed.
    """
    allowed: list[str] | None = None
    if ctx.version >= "2.48":
        allowed = type_zones(share_type)
        if zone and allowed and zone not in allowed:
            shown = type_ref or (
                f"{share_type.get('name') or share_type['id']} "
                "(from source snapshot)"
            )
            raise errors.BadRequest(
                f"Share type {shown} is not supported within the "
                f"availability zone chosen {zone}."
            )
    network_id = body.get("share_network_id") or (
        source.get("share_network_id") if source else None
    )
    if network_id and not zone:
        compatible = [
            z["name"]
            for z in cloud.store.select("availability_zones")
            if networks.subnets_in_zone(cloud, network_id, z["name"])
        ]
        allowed = (
            [z for z in allowed if z in compatible] if allowed else compatible
        )
        if not allowed:
            raise errors.BadRequest(
                "The share network is not supported within any requested "
                "availability zone. Check the share type's "
                "'availability_zones' extra-spec and the availability zones "
                "of the share network subnets"
            )
    return allowed or None


def _check_default_qos_type(cloud: Cloud, share_type: Record) -> None:
    """A type's ``default_qos_type`` must name an existing QoS type."""
    wanted = share_type.get("extra_specs", {}).get("default_qos_type")
    if not wanted:
        return
    if cloud.store.get("qos_types", wanted) is not None:
        return
    for qos_type in cloud.store.select("qos_types"):
        if qos_type.get("name") == wanted:
            return
    raise errors.BadRequest(
        f"The 'default_qos_type' specified in the share type "
        f"{share_type.get('name') or share_type['id']} does not exist."
    )


#: share/api.py's scheduler hint keys and the metadata keys they go to
AFFINITY_KEYS = {
    "same_host": "__affinity_same_host",
    "different_host": "__affinity_different_host",
}


def _affinity_hints(
    cloud: Cloud, ctx: Context, hints: dict[str, Any]
) -> dict[str, list[str]]:
    """The ``same_host``/``different_host`` share ids, checked.

    Each must be a UUID (else 400) of a share the caller can see (else
    404, ``ShareNotFound``), as Manila's ``_validate_scheduler_hints``.
    """
    found: dict[str, list[str]] = {}
    for hint in AFFINITY_KEYS:
        value = hints.get(hint)
        if not value:
            continue
        if not isinstance(value, str):
            raise errors.BadRequest(
                f"Invalid input received: {hint} must be a comma separated "
                "string of share IDs."
            )
        ids = value.split(",")
        for share_id in ids:
            if not common.is_uuid(share_id):
                raise errors.BadRequest(f"{share_id} is not a valid uuid.")
            try:
                get(cloud, ctx, share_id)
            except (errors.NotFound, errors.Forbidden):
                raise errors.NotFound(
                    f"Share {share_id} could not be found."
                ) from None
        found[hint] = ids
    return found


def _save_affinity(
    cloud: Cloud, share: Record, hints: dict[str, list[str]]
) -> None:
    """share/api.py save_scheduler_hints: both sides' metadata."""
    if not hints:
        return
    with cloud.store.lock:
        for hint, ids in hints.items():
            key = AFFINITY_KEYS[hint]
            for other_id in ids:
                other = cloud.store.get("shares", other_id)
                if other is None:
                    continue
                meta = dict(other.get("metadata") or {})
                existing = meta.get(key)
                meta[key] = (
                    f"{existing},{share['id']}" if existing else share["id"]
                )
                cloud.store.update("shares", other_id, metadata=meta)
            meta = dict(share.get("metadata") or {})
            meta[key] = ",".join(ids)
            cloud.store.update("shares", share["id"], metadata=meta)


def delete_affinity(cloud: Cloud, share: Record) -> None:
    """share/api.py delete_scheduler_hints: drop this share from the
    hint metadata of the shares it named, then its own."""
    with cloud.store.lock:
        current = cloud.store.get("shares", share["id"]) or share
        own = dict(current.get("metadata") or {})
        changed = False
        for key in AFFINITY_KEYS.values():
            if key not in own:
                continue
            for other_id in str(own[key]).split(","):
                other = cloud.store.get("shares", other_id)
                if other is None or key not in (other.get("metadata") or {}):
                    continue
                meta = dict(other["metadata"])
                rest = [
                    v for v in str(meta[key]).split(",") if v != share["id"]
                ]
                if rest:
                    meta[key] = ",".join(rest)
                else:
                    del meta[key]
                cloud.store.update("shares", other_id, metadata=meta)
            del own[key]
            changed = True
        if changed and cloud.store.get("shares", share["id"]) is not None:
            cloud.store.update("shares", share["id"], metadata=own)


def _pools_of(cloud: Cloud, share_id: str) -> set[str | None] | None:
    """The pools of a share's instances (replicas included), None if
    the share is gone."""
    share = cloud.store.get("shares", share_id)
    if share is None:
        return None
    hosts: set[str | None] = {share.get("host")}
    if share.get("has_replicas"):
        from fake_server.share_api import replicas

        hosts.update(
            r.get("host") for r in replicas.replicas_of(cloud, share_id)
        )
    return hosts


def _positive_int(value: Any) -> bool:
    try:
        return int(str(value)) > 0 and float(str(value)) == int(str(value))
    except (TypeError, ValueError):
        return False


def request_spec(cloud: Cloud, share: Record) -> RequestSpec:
    """The scheduler's request spec for a share."""
    share_type = cloud.store.get("share_types", share["share_type_id"]) or {
        "extra_specs": {}
    }
    spec = RequestSpec(
        size=int(share["size"]),
        share_proto=share["share_proto"],
        availability_zone=share.get("availability_zone"),
        extra_specs=dict(share_type["extra_specs"]),
    )
    if share.get("snapshot_id"):
        snapshot = cloud.store.get("snapshots", share["snapshot_id"])
        source = snapshot and cloud.store.get("shares", snapshot["share_id"])
        if source and source.get("host"):
            spec.snapshot_host = source["host"]
            manager = cloud.manager(source["host"])
            if manager is not None:
                spec.snapshot_replication_domain = (
                    manager.backend.replication_domain
                )
    hints = share.get("scheduler_hints") or {}
    spec.only_host = hints.get("only_host")
    spec.availability_zones = share.get("availability_zones") or None
    if share.get("share_network_id"):
        spec.multiple_subnet_zones = multiple_subnet_zones(
            cloud, share["share_network_id"]
        )
    metadata = share.get("metadata") or {}
    apply_affinity(
        cloud,
        spec,
        {
            hint: hints.get(hint) or metadata.get(key)
            for hint, key in AFFINITY_KEYS.items()
        },
    )
    return spec


def multiple_subnet_zones(cloud: Cloud, network_id: str) -> frozenset[str]:
    """The zones where a share network has several subnets (its default
    subnets standing for zones without their own), as Manila's API maps
    them for the scheduler (``az_request_multiple_subnet_support_map``)."""
    per_zone: dict[str | None, int] = {}
    for subnet in networks.subnets_of(cloud, network_id):
        zone = subnet.get("availability_zone")
        per_zone[zone] = per_zone.get(zone, 0) + 1
    default = per_zone.pop(None, 0)
    zones = {z["name"] for z in cloud.store.select("availability_zones")}
    return frozenset(zone for zone in zones if per_zone.get(zone, default) > 1)


def apply_affinity(
    cloud: Cloud, spec: RequestSpec, hints: dict[str, Any]
) -> None:
    """Manila's AffinityFilter/AntiAffinityFilter on ``spec``: the pools
    of every instance of the shares ``hints`` name (intersected for
    ``same_host``, joined for ``different_host``); a share gone since
    leaves no pool at all. No hint: no filter."""
    spec.same_host = None
    spec.different_host = None
    for hint in AFFINITY_KEYS:
        value = hints.get(hint)
        if not value or not isinstance(value, str):
            continue
        found = [_pools_of(cloud, i) for i in value.split(",")]
        sets = [pools for pools in found if pools is not None]
        if len(sets) < len(found):
            spec.same_host = []  # a named share is gone: no pool passes
            continue
        joined = (
            set.intersection(*sets)
            if hint == "same_host"
            else (set.union(*sets))
        )
        hosts = sorted(host for host in joined if host)
        if hint == "same_host":
            spec.same_host = hosts
        else:
            spec.different_host = hosts


def metadata_affinity(cloud: Cloud, spec: RequestSpec, share: Record) -> None:
    """The affinity a later scheduling of ``share`` (a replica, a
    migration) gets: Manila's scheduler driver fills the hints from the
    share's ``__affinity_*`` metadata
    (``populate_filter_properties_scheduler_hints``)."""
    metadata = share.get("metadata") or {}
    apply_affinity(
        cloud,
        spec,
        {hint: metadata.get(key) for hint, key in AFFINITY_KEYS.items()},
    )


def schedule_create(cloud: Cloud, share_id: str) -> None:
    """The scheduler's part of a create: pick candidates, cast to the
    first one's share manager, or fail the share with a user message."""
    share = cloud.store.get("shares", share_id)
    if share is None:
        return
    direct = _source_host(cloud, share)
    if direct is not None:
        # use_scheduler_creating_share_from_snapshot = False (Manila's
        # default): the new share goes to its snapshot's pool, unscheduled
        manager = cloud.manager(direct)
        if manager is not None:
            manager.cast(
                "create_share", manager.create_share, share_id, [direct], 0
            )
            return
    spec = request_spec(cloud, share)
    pools = cloud.pools()
    candidates = scheduler.schedule(spec, pools)
    if not candidates:
        failed = scheduler.explain(spec, pools)
        detail = messages.FILTER_DETAILS.get(failed, messages.NO_VALID_HOST)
        cloud.store.update("shares", share_id, status="error", progress=None)
        cloud.user_message(
            share["project_id"],
            "SHARE",
            share_id,
            messages.ALLOCATE_HOST,
            detail,
        )
        return
    # Manila retries a create on at most scheduler_max_attempts hosts
    names = [
        pool.name
        for pool in candidates[: max(1, cloud.config.scheduler_max_attempts)]
    ]
    if not share.get("availability_zone"):
        cloud.store.update(
            "shares",
            share_id,
            availability_zone=candidates[0].availability_zone,
        )
    manager = cloud.manager(names[0])
    if manager is not None:
        manager.cast("create_share", manager.create_share, share_id, names, 0)


def _source_host(cloud: Cloud, share: Record) -> str | None:
    if share.get("share_group_id") and not share.get("snapshot_id"):
        from fake_server.share_api import share_groups

        return share_groups.group_host(cloud, share)
    if not share.get("snapshot_id") or (
        cloud.config.use_scheduler_creating_share_from_snapshot
    ):
        return None
    snapshot = cloud.store.get("snapshots", share["snapshot_id"])
    source = snapshot and cloud.store.get("shares", snapshot["share_id"])
    if not source or not source.get("host"):
        return None
    return str(source["host"])


# -- list ------------------------------------------------------------------

#: query key -> record key for exact-match filters
_EXACT = {
    "status": "status",
    "share_server_id": "share_server_id",
    "share_type_id": "share_type_id",
    "volume_type_id": "share_type_id",
    "snapshot_id": "snapshot_id",
    "share_network_id": "share_network_id",
    "share_group_id": "share_group_id",
    "project_id": "project_id",
    "availability_zone": "availability_zone",
    "mount_point_name": "mount_point_name",
    "name": "name",
    "display_name": "name",
    "description": "description",
    "display_description": "description",
}
_ADMIN_ONLY_FILTERS = ("host", "share_server_id", "extra_specs")


def list_shares(
    cloud: Cloud,
    ctx: Context,
    query: dict[str, str],
    with_count: bool = True,
) -> tuple[list[Record], int]:
    """Shares visible to the caller after Manila's filters; and the count
    before paging (for ``with_count``; without it, the page's length).

    In Manila's default order (``created_at``) a page costs ``offset +
    limit`` steps through the store's index, plus the filters' work.
    """
    common.validate_pagination_query(query)
    policy.authorize(ctx, "share:get_all")
    query = dict(query)
    all_projects = (
        common.parse_bool(
            query.pop("all_tenants", query.pop("all_projects", "0")),
            "all_tenants",
        )
        if ("all_tenants" in query or "all_projects" in query)
        else False
    )
    if all_projects and not ctx.is_admin:
        all_projects = False
    # Manila checks list_by_host, list_by_share_server_id and the extra
    # specs index policy (all admin-only) when these filters are used
    if not ctx.is_admin and any(k in query for k in _ADMIN_ONLY_FILTERS):
        raise errors.Forbidden()
    want_deleted = common.parse_bool(
        query.pop("is_soft_deleted", "false"), "is_soft_deleted"
    )
    metadata = query.pop("metadata", None)
    meta_filter = (
        common.parse_dict_param(metadata, "metadata", "metadata")
        if metadata
        else {}
    )
    extra_specs = query.pop("extra_specs", None)
    spec_filter = (
        common.parse_dict_param(extra_specs, "extra_specs", "extra specs")
        if extra_specs
        else {}
    )

    # Manila: is_public=true adds other projects' public shares to the
    # caller's own; it is not a filter (db _process_share_filters)
    with_public = common.parse_bool(
        query.pop("is_public", "false"), "is_public"
    )

    def keep(share: Record) -> bool:
        if (
            not all_projects
            and share["project_id"] != ctx.project_id
            and not (with_public and share.get("is_public"))
        ):
            return False
        if bool(share.get("is_soft_deleted")) != want_deleted:
            return False
        for key, field in _EXACT.items():
            if key in query and str(share.get(field)) != query[key]:
                if (
                    key == "share_type_id"
                    and share.get("share_type_name") == query[key]
                ):
                    continue
                return False
        if "host" in query and not (share.get("host") or "").startswith(
            query["host"]
        ):
            return False
        for key, field in (("name~", "name"), ("description~", "description")):
            if (
                key in query
                and query[key].lower() not in (share.get(field) or "").lower()
            ):
                return False
        if meta_filter and any(
            share["metadata"].get(k) != v for k, v in meta_filter.items()
        ):
            return False
        if spec_filter:
            share_type = (
                cloud.store.get("share_types", share["share_type_id"]) or {}
            )
            specs = share_type.get("extra_specs", {})
            if any(specs.get(k) != v for k, v in spec_filter.items()):
                return False
        locations = share.get("export_locations", [])
        if "export_location_id" in query and query[
            "export_location_id"
        ] not in [el["id"] for el in locations]:
            return False
        if "export_location_path" in query and query[
            "export_location_path"
        ] not in [el["path"] for el in locations]:
            return False
        return True

    filtered = bool(
        meta_filter
        or spec_filter
        or any(
            key in query
            for key in (
                *_EXACT,
                "host",
                "name~",
                "description~",
                "export_location_id",
                "export_location_path",
            )
        )
    )
    # the caller's project (or, for an admin's all_tenants list,
    # everyone's): one index bucket, in Manila's default order
    bucket: Hashable
    if all_projects and "project_id" not in query:
        index, bucket = indexes.LISTED, want_deleted
    else:
        project = query["project_id"] if all_projects else ctx.project_id
        index, bucket = indexes.PROJECT, (project, want_deleted)
    newest_first = query.get("sort_dir", "desc").lower() == "desc"
    if (
        not with_public
        and query.get("sort_key", "created_at") == "created_at"
        and query.get("sort_dir", "desc").lower() in ("asc", "desc")
    ):
        # Manila's default order is the index's order: read one page of
        # the bucket, O(offset + limit) (plus the filters' work; with a
        # filter, the count needs every match, as Manila's count query)
        offset = common.parse_int(query.get("offset", 0), "offset", 0)
        limit = (
            common.parse_int(query["limit"], "limit", 0)
            if "limit" in query
            else 0
        )
        if with_count and filtered:
            matches = cloud.store.page(
                "shares",
                index,
                bucket,
                newest_first=newest_first,
                where=keep,
            )
            stop = offset + limit if limit else None
            return matches[offset:stop], len(matches)
        rows = cloud.store.page(
            "shares",
            index,
            bucket,
            newest_first=newest_first,
            where=keep if filtered else None,
            offset=offset,
            limit=limit or None,
        )
        total = len(rows)
        if with_count:
            total = cloud.store.count("shares", index, bucket)
        return rows, total
    # another order, or other projects' public shares too: the bucket's
    # matches (and the public ones) sorted, as Manila's query sorts
    rows = cloud.store.page("shares", index, bucket, where=keep)
    if with_public:
        own = {row["id"] for row in rows}
        rows.extend(
            share
            for share in cloud.store.page(
                "shares", indexes.PUBLIC, want_deleted, where=keep
            )
            if share["id"] not in own
        )
    total = len(rows)
    rows = common.sort_and_page(
        rows, query, key_map={"name": "name", "display_name": "name"}
    )
    return rows, total


# -- update and delete -------------------------------------------------------


def update(
    cloud: Cloud, ctx: Context, share_id: str, body: dict[str, Any]
) -> Record:
    """Rename, describe, or publish a share."""
    # Manila's update honours only display_name, display_description and
    # is_public; "name" and "description" are ignored (api/v2/shares.py)
    values: dict[str, Any] = {}
    for wire, field in (
        ("display_name", "name"),
        ("display_description", "description"),
    ):
        if wire in body:
            value = body[wire]
            if value is not None and not isinstance(value, str):
                raise errors.BadRequest(f"{wire} must be a string.")
            if value and len(value) > 255:
                raise errors.BadRequest(
                    f"Invalid input received: {wire} can only be 255 "
                    "characters long."
                )
            values[field] = value
    share = get(cloud, ctx, share_id)
    if share.get("is_soft_deleted"):
        raise errors.Forbidden(
            f"Share '{share_id} cannot be updated, since it has been soft "
            "deleted."
        )
    if "is_public" in body:
        is_public = common.parse_bool(body["is_public"], "is_public")
        if is_public and not policy.allowed(ctx, "share:set_public_share"):
            raise errors.Forbidden(
                "User is not authorized to set 'is_public' to True in the "
                "request."
            )
        values["is_public"] = is_public
    # share_api.update's wrap_check_policy: another project's public
    # share is visible, so this is a 403
    policy.check(ctx, "share:update", share["project_id"])
    return cloud.store.update("shares", share_id, **values)


DELETABLE = ("available", "error", "inactive")


def delete(
    cloud: Cloud,
    ctx: Context,
    share_id: str,
    share_group_id: str | None = None,
) -> None:
    """Delete a share: checks, then ``deleting`` and a cast to its host."""
    share = get(cloud, ctx, share_id)
    if share.get("share_group_id") and (
        share_group_id != share["share_group_id"]
    ):
        raise errors.BadRequest(
            "Must provide 'share_group_id' as a request parameter when "
            "deleting a share in a share group."
        )
    # share_api.delete's wrap_check_policy: another project's public
    # share is visible, so this is a 403
    policy.check(ctx, "share:delete", share["project_id"])
    resource_locks.check_share_action(cloud, share_id, "delete")
    if share["status"] not in DELETABLE:
        raise errors.Forbidden(
            "Invalid share: Share status must be one of "
            "('available', 'error', 'inactive')."
        )
    check_dependents(cloud, share, errors.Forbidden)
    start_delete(cloud, share)


def check_dependents(
    cloud: Cloud, share: Record, invalid: type[errors.Fault]
) -> None:
    """Manila's refusals to delete a share that others depend on.

    Replicas are a 409; snapshots, backups and group snapshot members an
    ``InvalidShare``, which the delete call answers as 403 and the
    force_delete action as 400 (``invalid``).
    """
    from fake_server.share_api import share_groups

    share_id = share["id"]
    if share.get("has_replicas"):
        raise errors.Conflict(
            f"Share {share_id} has replicas. Remove the replicas before "
            "deleting the share."
        )
    counts = (
        (
            cloud.store.count("snapshots", indexes.SHARE, share_id),
            "snapshots",
        ),
        (
            cloud.store.count("share_backups", indexes.SHARE, share_id),
            "backups",
        ),
        (
            share_groups.member_count(cloud, share_id),
            "share group snapshot members",
        ),
    )
    for count, what in counts:
        if count:
            raise invalid(
                f"Invalid share: Share still has {count} dependent {what}."
            )


def start_delete(cloud: Cloud, share: Record, force: bool = False) -> None:
    """Move a share to ``deleting`` and cast the delete to its backend."""
    cloud.store.update("shares", share["id"], status="deleting")
    delete_affinity(cloud, share)
    manager = cloud.manager(share["host"]) if share.get("host") else None
    if manager is None:
        destroy_share(cloud, share["id"])
        return
    manager.cast("delete_share", manager.delete_share, share["id"], force)


def destroy_share(cloud: Cloud, share_id: str) -> None:
    """Remove a share's records (its rules go with it)."""
    with cloud.store.lock:
        cloud.store.delete("shares", share_id)
        for rule in cloud.store.lookup(
            "access_rules", indexes.SHARE, share_id
        ):
            cloud.store.delete("access_rules", rule["id"])


# -- access rules -------------------------------------------------------------

_USERNAME_SOLE = re.compile(r"[\s|\.]+$")
_USERNAME_OK = re.compile(r".[^\"\/\\\[\]\:\;\|\=\,\+\*\?\<\>]{3,254}$")


def validate_access(
    access_type: Any, access_to: Any, enable_ipv6: bool, enable_ceph: bool
) -> None:
    """Manila's api/common.py ``validate_access`` for one rule."""
    if not isinstance(access_to, str):
        raise errors.BadRequest("access_to must be a string.")
    if access_type == "ip":
        try:
            if enable_ipv6:
                ipaddress.ip_network(access_to)
            else:
                ipaddress.IPv4Network(access_to)
        except ValueError as exc:
            raise errors.BadRequest(str(exc)) from exc
    elif access_type == "user":
        if _USERNAME_SOLE.match(access_to):
            raise errors.BadRequest(
                "Invalid user or group name,cannot consist solely of "
                "periods or spaces."
            )
        if not _USERNAME_OK.match(access_to):
            raise errors.BadRequest(
                "Invalid user or group name. Must be 4-255 characters and "
                "consist of alphanumeric characters and exclude special "
                'characters "/\\[]:;|=,+*?<>'
            )
    elif access_type == "cert":
        if not 0 < len(access_to.strip()) < 65:
            raise errors.BadRequest(
                "Invalid CN (common name). Must be 1-64 chars long."
            )
    elif access_type == "cephx" and enable_ceph:
        if not access_to:
            raise errors.BadRequest("Ceph IDs may not be empty.")
        if not set(access_to) <= set(string.printable):
            raise errors.BadRequest(
                "Ceph IDs must consist of ASCII printable characters."
            )
        if "." in access_to:
            raise errors.BadRequest("Ceph IDs may not contain periods.")
    elif enable_ceph:
        raise errors.BadRequest(
            "Only 'ip', 'user', 'cert' or 'cephx' access types are supported."
        )
    else:
        raise errors.BadRequest(
            "Only 'ip', 'user' or 'cert' access types are supported."
        )


def _busy_for_access(share: Record) -> bool:
    return share["status"] in TRANSITIONAL or share["status"] != "available"


def any_invalid_instance(
    cloud: Cloud, share: Record, allow_error: bool
) -> bool:
    """share/api.py ``_any_invalid_share_instance``: the share's instance
    or one of its replicas has no host or a transitional status (or, but
    where ``allow_error``, is in ``error``)."""
    instances = [share]
    if share.get("has_replicas"):
        instances += cloud.store.lookup(
            "share_replicas", indexes.SHARE, share["id"]
        )
    return any(
        not instance.get("host")
        or instance.get("status") in TRANSITIONAL
        or (not allow_error and instance.get("status") == "error")
        for instance in instances
    )


def allow_access(
    cloud: Cloud, ctx: Context, share_id: str, params: dict[str, Any]
) -> Record:
    """Grant access: a ``queued_to_apply`` rule, cast to the backend."""
    share = get_own(cloud, ctx, share_id)
    policy.authorize(ctx, "share:allow_access", share["project_id"])
    lock_visibility = bool(params.get("lock_visibility"))
    lock_deletion = bool(params.get("lock_deletion"))
    if params.get("lock_reason") and not (lock_visibility or lock_deletion):
        raise errors.BadRequest(
            "Lock reason can only be specified when locking the visibility "
            "or the deletion of an access rule."
        )
    access_type = params.get("access_type")
    access_to = params.get("access_to")
    if access_type is None or access_to is None:
        raise errors.BadRequest("Access type and access to must be provided.")
    version = ctx.version
    validate_access(
        access_type,
        access_to,
        enable_ipv6=version >= "2.38",
        enable_ceph=version >= "2.13",
    )
    level = params.get("access_level", "rw")
    if level not in ACCESS_LEVELS:
        raise errors.BadRequest(f"Invalid share access level: {level}.")
    metadata = {}
    if version >= "2.45" and params.get("metadata") is not None:
        metadata = common.check_metadata(params["metadata"])
    with cloud.store.lock:
        for rule in cloud.store.lookup(
            "access_rules", indexes.SHARE, share_id
        ):
            # a rule being denied keeps its instance mappings until the
            # driver is done, so it still counts
            if common.same_access(access_type, access_to, rule):
                raise errors.BadRequest(
                    f"Share access {access_type}:{access_to} exists."
                )
        if any_invalid_instance(cloud, share, version >= "2.74"):
            # InvalidShare(message=...): the text alone, no prefix
            raise errors.BadRequest(
                "New access rules cannot be applied while the share or any "
                "of its replicas or migration copies lacks a valid host or "
                "is in an invalid state."
            )
        rule = cloud.store.insert(
            "access_rules",
            {
                "share_id": share_id,
                "access_type": access_type,
                "access_to": access_to,
                "access_level": level,
                "access_key": _access_key(access_type, access_to),
                "state": "queued_to_apply",
                "metadata": metadata,
                "project_id": share["project_id"],
            },
        )
        cloud.store.update("shares", share_id, access_rules_status="syncing")
        if lock_visibility or lock_deletion:
            resource_locks.lock_access_rule(
                cloud,
                ctx,
                rule,
                deletion=lock_deletion,
                visibility=lock_visibility,
                reason=params.get("lock_reason"),
            )
    _cast_update_access(cloud, share)
    return rule


def _access_key(access_type: str, access_to: str) -> str | None:
    if access_type != "cephx":
        return None
    import hashlib

    digest = hashlib.sha256(access_to.encode()).digest()
    import base64

    return base64.b64encode(digest[:28]).decode()


def _cast_update_access(cloud: Cloud, share: Record) -> None:
    manager = cloud.manager(share["host"]) if share.get("host") else None
    if manager is not None:
        manager.cast("update_access", manager.update_access, share["id"])


def deny_access(
    cloud: Cloud, ctx: Context, share_id: str, params: dict[str, Any]
) -> None:
    """Revoke a rule: ``queued_to_deny`` and a cast to the backend."""
    share = get_own(cloud, ctx, share_id)
    policy.authorize(ctx, "share:deny_access", share["project_id"])
    access_id = params.get("access_id")
    if not access_id:
        raise errors.BadRequest("Access ID must be specified.")
    rule = cloud.store.get("access_rules", str(access_id))
    if rule is None or rule["share_id"] != share_id:
        raise errors.NotFound(f"Access rule {access_id} not found.")
    resource_locks.check_deny(
        cloud, ctx, share_id, rule["id"], bool(params.get("unrestrict"))
    )
    if any_invalid_instance(cloud, share, ctx.version >= "2.74"):
        # InvalidShare(message=...): the text alone, no prefix
        raise errors.BadRequest(
            "Access rules cannot be denied while the share, any of its "
            "replicas or migration copies lacks a valid host or is in an "
            "invalid state."
        )
    with cloud.store.lock:
        cloud.store.update("access_rules", rule["id"], state="queued_to_deny")
        cloud.store.update("shares", share_id, access_rules_status="syncing")
    _cast_update_access(cloud, share)


def refresh_access_status(cloud: Cloud, share_id: str) -> None:
    """Set the share's ``access_rules_status`` from its rules' states."""
    with cloud.store.lock:
        share = cloud.store.get("shares", share_id)
        if share is None:
            return
        states = {
            r["state"]
            for r in cloud.store.lookup(
                "access_rules", indexes.SHARE, share_id
            )
        }
        if "error" in states:
            status = "error"
        elif states & {
            "queued_to_apply",
            "queued_to_deny",
            "applying",
            "denying",
            "queued_to_update",
            "updating",
        }:
            status = "syncing"
        else:
            status = "active"
        cloud.store.update("shares", share_id, access_rules_status=status)


def access_rules(
    cloud: Cloud, ctx: Context, share_id: str, query: dict[str, str]
) -> list[Record]:
    """A share's rules, filtered as ``GET /share-access-rules`` does."""
    share = get(cloud, ctx, share_id)
    policy.authorize(ctx, "share_access_rule:index", share["project_id"])
    rules = cloud.store.lookup("access_rules", indexes.SHARE, share_id)
    for key in (
        "access_type",
        "access_to",
        "access_level",
        "access_key",
        "state",
    ):
        if key in query:
            rules = [r for r in rules if str(r.get(key)) == query[key]]
    if "metadata" in query:
        wanted = common.parse_dict_param(query["metadata"], "metadata")
        rules = [
            r
            for r in rules
            if all(r["metadata"].get(k) == v for k, v in wanted.items())
        ]
    rules = with_restriction(cloud, ctx, rules)
    if "access_to" in query or "access_key" in query:
        # a filter on a hidden field must not reveal the rule
        rules = [r for r in rules if not r["restricted"]]
    return rules


def with_restriction(
    cloud: Cloud, ctx: Context, rules: list[Record]
) -> list[Record]:
    """Copies of ``rules`` with ``restricted``: whether a visibility lock
    hides their ``access_to`` and ``access_key`` from the caller."""
    locks = resource_locks.visibility_locks(cloud)
    return [
        dict(
            rule,
            restricted=resource_locks.access_is_restricted(
                ctx, locks.get(rule["id"])
            ),
        )
        for rule in rules
    ]


def get_access_rule(cloud: Cloud, ctx: Context, rule_id: str) -> Record:
    """One rule, if the caller may see its share."""
    rule = cloud.store.get("access_rules", rule_id)
    if rule is None:
        raise errors.NotFound(f"Access rule {rule_id} not found.")
    try:
        share = get(cloud, ctx, rule["share_id"])
    except errors.NotFound as exc:
        raise errors.NotFound(f"Access rule {rule_id} not found.") from exc
    policy.authorize(ctx, "share_access_rule:get", share["project_id"])
    return with_restriction(cloud, ctx, [rule])[0]


def stamp() -> str:
    """Now, as records store it."""
    return now()
