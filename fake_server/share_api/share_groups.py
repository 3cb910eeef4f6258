"""Plays manila.share_group.api.API: share groups and group snapshots.

Creates go ``creating`` and are cast to the scheduler (a group made from
a group snapshot goes straight to the source group's backend, its shares
made at once from the snapshot's members); deletes go ``deleting`` and
are cast to the group's backend. Group snapshots take one member per
share of the group. Messages and status codes are those of
``manila/api/v2/share_groups.py`` and ``share_group_snapshots.py``.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from fake_server import errors, messages, policy
from fake_server.context import Context
from fake_server.scheduler import filters, weighers
from fake_server.scheduler.host_manager import PoolState, RequestSpec
from fake_server.share_api import common, indexes, networks, quotas, types
from fake_server.share_api import share_group_types as group_types
from fake_server.state import Record, new_id, now

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

GROUPS = "share_groups"
SNAPSHOTS = "share_group_snapshots"
MEMBERS = "share_group_snapshot_members"
#: statuses ``reset_status`` accepts (AdminActionsMixin.valid_statuses)
RESETTABLE = (
    "creating",
    "available",
    "deleting",
    "error",
    "error_deleting",
    "migrating",
    "migrating_to",
    "server_migrating",
)
DELETABLE = ("available", "error")
#: query keys that are share group columns (others are 400)
GROUP_FILTERS = frozenset(
    {
        "id",
        "name",
        "description",
        "status",
        "host",
        "project_id",
        "user_id",
        "share_network_id",
        "share_server_id",
        "share_group_type_id",
        "source_share_group_snapshot_id",
        "availability_zone_id",
        "consistent_snapshot_support",
        "created_at",
        "updated_at",
    }
)
SNAPSHOT_FILTERS = frozenset(
    {
        "id",
        "name",
        "description",
        "status",
        "project_id",
        "user_id",
        "share_group_id",
        "created_at",
        "updated_at",
    }
)
_LIKE = ("name~", "description~")
_PAGING = ("limit", "offset", "sort_key", "sort_dir")
GROUP_FIELDS = frozenset(
    {
        "name",
        "description",
        "share_types",
        "share_group_type_id",
        "source_share_group_snapshot_id",
        "share_network_id",
        "availability_zone",
    }
)


def _set_repr(names: set[str]) -> str:
    """Python's repr of a set of strings, as Manila prints it."""
    return "{" + ", ".join(repr(n) for n in sorted(names)) + "}"


def _invalid_input(reason: str) -> errors.BadRequest:
    return errors.BadRequest(
        types.manila_message(f"Invalid input received: {reason}.")
    )


# -- lookups ------------------------------------------------------------------


def _owned(cloud: Cloud, ctx: Context, table: str, record_id: str) -> Any:
    record = cloud.store.get(table, record_id)
    if record is not None and (
        ctx.is_admin or record.get("project_id") == ctx.project_id
    ):
        return record
    return None


def find_group(cloud: Cloud, ctx: Context, group_id: str) -> Record:
    """A group of the caller's project (admins: any), else
    ShareGroupNotFound's 404."""
    record = _owned(cloud, ctx, GROUPS, group_id)
    if record is None:
        raise errors.NotFound(f"Share group {group_id} could not be found.")
    return dict(record)


def find_snapshot(cloud: Cloud, ctx: Context, snapshot_id: str) -> Record:
    """A group snapshot the caller may see, else its 404."""
    record = _owned(cloud, ctx, SNAPSHOTS, snapshot_id)
    if record is None:
        raise errors.NotFound(
            f"Share group snapshot {snapshot_id} could not be found."
        )
    return dict(record)


def members_of(cloud: Cloud, snapshot_id: str) -> list[Record]:
    """The members of a group snapshot, oldest first."""
    return sorted(
        cloud.store.select(
            MEMBERS, lambda m: m["share_group_snapshot_id"] == snapshot_id
        ),
        key=lambda m: (m["created_at"], m["id"]),
    )


def shares_in(cloud: Cloud, group_id: str) -> list[Record]:
    """The shares of a group."""
    return cloud.store.lookup("shares", indexes.GROUP, group_id)


def _list(
    cloud: Cloud,
    ctx: Context,
    table: str,
    query: dict[str, str],
    allowed: frozenset[str],
    what: str,
) -> list[Record]:
    query = dict(query)
    all_tenants = bool(query.pop("all_tenants", "")) and ctx.is_admin
    paging = {k: query.pop(k) for k in _PAGING if k in query}
    if ctx.version < "2.36":
        for key in _LIKE:
            query.pop(key, None)
    for key in query:
        if key not in allowed and not (table == GROUPS and key in _LIKE):
            raise _invalid_input(
                f"{what} cannot be filtered using '{key}' key"
            )

    def keep(record: Record) -> bool:
        if not all_tenants and record.get("project_id") != ctx.project_id:
            return False
        for key, value in query.items():
            if key in _LIKE:
                own = record.get(key.rstrip("~")) or ""
                if value not in own:
                    return False
            elif str(record.get(key)) != value:
                return False
        return True

    records = cloud.store.select(table, keep)
    if records and paging.get("sort_key") not in (None, *allowed):
        raise _invalid_input(
            f"Wrong sorting key provided - '{paging['sort_key']}'"
        )
    sort = {k: v for k, v in paging.items() if k.startswith("sort_")}
    return common.limited(common.sort_and_page(records, sort), paging)


# -- share groups -------------------------------------------------------------


def list_groups(
    cloud: Cloud, ctx: Context, query: dict[str, str]
) -> list[Record]:
    """GET /share-groups(/detail) with Manila's column filters."""
    policy.authorize(ctx, "share_group:get_all")
    query = dict(query)
    if "group_type_id" in query:
        query["share_group_type_id"] = query.pop("group_type_id")
    return _list(cloud, ctx, GROUPS, query, GROUP_FILTERS, "Share groups")


def get_group(cloud: Cloud, ctx: Context, group_id: str) -> Record:
    """GET /share-groups/{id}."""
    policy.authorize(ctx, "share_group:get")
    record = _owned(cloud, ctx, GROUPS, group_id)
    if record is None:
        raise errors.NotFound(f"Share group {group_id} not found.")
    return dict(record)


def _zone(cloud: Cloud, ref: str) -> Record:
    for zone in cloud.store.select("availability_zones"):
        if ref in (zone["id"], zone["name"]):
            return zone
    raise errors.NotFound(f"Availability zone {ref} could not be found.")


def _uuid(value: Any, name: str) -> str:
    if not isinstance(value, str) or not common.is_uuid(value):
        raise errors.BadRequest(f"The '{name}' attribute must be a uuid.")
    return value


def _parse_create(cloud: Cloud, body: Any) -> dict[str, Any]:
    """The controller's checks of a create body; the API's kwargs."""
    group = body.get("share_group") if isinstance(body, dict) else None
    if not isinstance(group, dict):
        raise errors.BadRequest(
            "'share_group' is missing from the request body."
        )
    invalid = set(group) - GROUP_FIELDS
    if invalid:
        raise errors.BadRequest(
            f"The fields {_set_repr(invalid)} are invalid."
        )
    source = "source_share_group_snapshot_id" in group
    if "share_types" in group and source:
        raise errors.BadRequest(
            "Cannot supply both 'share_types' and "
            "'source_share_group_snapshot_id' attributes."
        )
    share_types = group.get("share_types")
    if not (share_types or source):
        default = (
            types.by_name(
                cloud, Context.internal(), cloud.config.default_share_type
            )
            if cloud.config.default_share_type
            else None
        )
        if default is None:
            raise errors.BadRequest(
                "Must specify at least one share type as a default share "
                "type has not been configured."
            )
        share_types = [default["id"]]
    kwargs: dict[str, Any] = {
        "name": group.get("name"),
        "description": group.get("description"),
        "share_type_ids": None,
    }
    for label in ("name", "description"):
        value = kwargs[label]
        if value is not None and (
            not isinstance(value, str) or len(value) > 255
        ):
            raise errors.BadRequest(
                f"The '{label}' attribute must be a string of at most 255 "
                "characters."
            )
    if share_types:
        if not isinstance(share_types, list) or not all(
            isinstance(t, str) and common.is_uuid(t) for t in share_types
        ):
            raise errors.BadRequest(
                "The 'share_types' attribute must be a list of uuids"
            )
        kwargs["share_type_ids"] = list(dict.fromkeys(share_types))
    if "share_network_id" in group and source:
        raise errors.BadRequest(
            "Cannot supply both 'share_network_id' and "
            "'source_share_group_snapshot_id' attributes as the share "
            "network is inherited from the source."
        )
    zone_ref = group.get("availability_zone")
    kwargs["zone"] = None
    if zone_ref:
        if source:
            raise errors.BadRequest(
                "Cannot supply both 'availability_zone' and "
                "'source_share_group_snapshot_id' attributes as the "
                "availability zone is inherited from the source."
            )
        if not isinstance(zone_ref, str):
            raise errors.NotFound(
                f"Availability zone {zone_ref} could not be found."
            )
        kwargs["zone"] = _zone(cloud, zone_ref)
    kwargs["source_id"] = None
    kwargs["share_network_id"] = None
    if source:
        kwargs["source_id"] = _uuid(
            group["source_share_group_snapshot_id"],
            "source_share_group_snapshot_id",
        )
    elif "share_network_id" in group:
        kwargs["share_network_id"] = _uuid(
            group["share_network_id"], "share_network_id"
        )
    if "share_group_type_id" in group:
        kwargs["group_type_id"] = _uuid(
            group["share_group_type_id"], "share_group_type_id"
        )
    else:
        default_group_type = group_types.default(cloud)
        if default_group_type is None:
            raise errors.BadRequest(
                "Must specify a share group type as a default share group "
                "type has not been configured."
            )
        kwargs["group_type_id"] = default_group_type["id"]
    return kwargs


def _dhss(share_type: Record) -> bool | None:
    value = (share_type.get("extra_specs") or {}).get(types.DHSS)
    if value is None:
        return None
    return bool(types._loose_bool(value))


def create_group(cloud: Cloud, ctx: Context, body: Any) -> Record:
    """POST /share-groups (202): validate, reserve quota, create
    ``creating`` and cast to the scheduler (or to the source's backend)."""
    policy.authorize(ctx, "share_group:create")
    kwargs = _parse_create(cloud, body)
    share_type_ids: list[str] | None = kwargs["share_type_ids"]
    network_id: str | None = kwargs["share_network_id"]
    zone: Record | None = kwargs["zone"]
    source: Record | None = None
    original: Record | None = None
    share_server_id = None
    if kwargs["source_id"]:
        source_record = _owned(cloud, ctx, SNAPSHOTS, kwargs["source_id"])
        if source_record is None:
            raise errors.BadRequest(
                f"Share group snapshot {kwargs['source_id']} could not be "
                "found."
            )
        source = dict(source_record)
        if source["status"] != "available":
            raise errors.Conflict(
                "Invalid share group snapshot: Share group snapshot status "
                "must be available."
            )
        original = find_group(cloud, ctx, source["share_group_id"])
        share_type_ids = list(original["share_types"])
        network_id = original.get("share_network_id")
        share_server_id = original.get("share_server_id")
        zone = (
            _zone(cloud, original["availability_zone_id"])
            if original.get("availability_zone_id")
            else None
        )
    share_type_records = []
    dhss: bool | None = None
    for type_id in share_type_ids or []:
        share_type = types.by_id(cloud, ctx, type_id)
        if share_type is None:
            raise errors.BadRequest(
                f"Share type with id {type_id} could not be found."
            )
        share_type_records.append(share_type)
        type_dhss = _dhss(share_type)
        if type_dhss is None:
            continue
        if dhss is None:
            dhss = type_dhss
        elif dhss != type_dhss:
            raise _invalid_input(
                "The specified share_types cannot have conflicting values "
                "for the driver_handles_share_servers extra spec."
            )
        if not type_dhss and network_id:
            raise _invalid_input(
                "When using a share types with the "
                "driver_handles_share_servers extra spec as False, a "
                "share_network_id must not be provided."
            )
    if network_id:
        network = _owned(cloud, ctx, "share_networks", network_id)
        if network is None:
            raise _invalid_input("The specified share network does not exist.")
        networks.check_active(network)
    if dhss and not (source or network_id):
        raise _invalid_input(
            "When using a share type with the driver_handles_share_servers "
            "extra spec as True, a share_network_id must be provided."
        )
    group_type = group_types.by_id(cloud, ctx, kwargs["group_type_id"])
    if group_type is None:
        raise _invalid_input(
            f"The specified share group type {kwargs['group_type_id']} does "
            "not exist."
        )
    supported = list(group_type.get("share_types") or [])
    if not set(share_type_ids or []) <= set(supported):
        raise _invalid_input(
            "The specified share types must be a subset of the share types "
            "supported by the share group type."
        )
    if zone is not None and source is None:
        checked = share_type_records or [
            t for t in (types.by_id(cloud, ctx, i) for i in supported) if t
        ]
        unsupported = []
        for share_type in checked:
            allowed = (share_type.get("extra_specs") or {}).get(
                "availability_zones"
            )
            if allowed and zone["name"] not in str(allowed).split(","):
                unsupported.append(share_type)
        if unsupported:
            share_type = unsupported[-1]
            raise _invalid_input(
                "Share group cannot be created since the following share "
                "types are not supported within the availability zone "
                f"'{zone['name']}': ({share_type['name']} (ID: "
                f"{share_type['id']}))"
            )
    members = members_of(cloud, source["id"]) if source else []
    with cloud.store.lock:
        _check_quota(cloud, ctx, "share_groups", 1)
        if members:
            _check_member_share_quota(cloud, ctx, members)
        record = cloud.store.insert(
            GROUPS,
            {
                "name": kwargs["name"],
                "description": kwargs["description"],
                "status": "creating",
                "project_id": ctx.project_id,
                "user_id": ctx.user_id,
                "host": original["host"] if original else None,
                "share_group_type_id": group_type["id"],
                "source_share_group_snapshot_id": kwargs["source_id"],
                "share_network_id": network_id,
                "share_server_id": share_server_id,
                "share_types": list(share_type_ids or supported),
                "availability_zone_id": zone["id"] if zone else None,
                "availability_zone": zone["name"] if zone else None,
                "consistent_snapshot_support": None,
            },
        )
        for member in members:
            _share_from_member(cloud, ctx, record, member)
    if original is not None:
        manager = cloud.manager(original["host"] or "")
        if manager is not None:
            manager.cast(
                "create_share_group",
                manager.create_share_group,
                record["id"],
            )
    else:
        cloud.bus.cast("manila-scheduler", schedule_group, cloud, record["id"])
    return dict(record)


def _check_quota(cloud: Cloud, ctx: Context, key: str, delta: int) -> None:
    try:
        quotas.check(cloud, ctx.project_id, {key: delta}, None, ctx.user_id)
    except errors.OverLimit as exc:
        if key == "share_groups":
            raise errors.OverLimit(
                "ShareGroupsLimitExceeded: Maximum number of allowed "
                "share-groups is exceeded."
            ) from exc
        raise errors.OverLimit(
            "ShareGroupSnapshotsLimitExceeded: Maximum number of allowed "
            "share-group-snapshots is exceeded."
        ) from exc


def _check_member_share_quota(
    cloud: Cloud, ctx: Context, members: list[Record]
) -> None:
    """The shares a group made from a snapshot gets count as shares."""
    quotas.check(
        cloud,
        ctx.project_id,
        {
            "shares": len(members),
            "gigabytes": sum(int(m["size"]) for m in members),
        },
        None,
        ctx.user_id,
    )


def _share_from_member(
    cloud: Cloud, ctx: Context, group: Record, member: Record
) -> Record:
    """A new share of ``group`` made from a group snapshot member; it sits
    on the member's share's pool and is not scheduled (Manila does not
    cast it: the group's create makes it)."""
    source = cloud.store.get("shares", member["share_id"]) or {}
    record = copy.deepcopy(source)
    for key in ("id", "created_at", "updated_at", "launched_at"):
        record.pop(key, None)
    record.update(
        {
            "instance_id": new_id(),
            "name": None,
            "description": None,
            "size": int(member["size"]),
            "share_proto": member["share_proto"],
            "status": "creating",
            "project_id": ctx.project_id,
            "user_id": ctx.user_id,
            "share_group_id": group["id"],
            "source_share_group_snapshot_member_id": member["id"],
            "snapshot_id": None,
            "is_public": False,
            "metadata": {},
            "task_state": None,
            "access_rules_status": "active",
            "has_replicas": False,
            "progress": "0%",
            "is_soft_deleted": False,
            "scheduled_to_be_deleted_at": None,
            "source_backup_id": None,
            "export_locations": [],
            "scheduler_hints": {},
        }
    )
    return cloud.store.insert("shares", record)


def schedule_group(cloud: Cloud, group_id: str) -> None:
    """The scheduler's part: a pool that passes the filters for every
    share type of the group (and the group type's consistent snapshot
    spec); cast to its backend, or fail the group with a user message."""
    group = cloud.store.get(GROUPS, group_id)
    if group is None or group["status"] != "creating":
        return
    pools = candidate_pools(cloud, group)
    if not pools:
        cloud.store.update(GROUPS, group_id, status="error")
        cloud.user_message(
            group["project_id"],
            "SHARE_GROUP",
            group_id,
            messages.ALLOCATE_HOST,
            messages.NO_VALID_HOST,
        )
        return
    best = pools[0]
    cloud.store.update(GROUPS, group_id, host=best.name)
    manager = cloud.manager(best.name)
    if manager is not None:
        manager.cast(
            "create_share_group", manager.create_share_group, group_id
        )


def _group_stat(cloud: Cloud, pool: PoolState) -> Any:
    manager = cloud.manager(pool.backend_host)
    if manager is None:
        return None
    return manager.driver.share_group_stats().get(
        "consistent_snapshot_support"
    )


def candidate_pools(cloud: Cloud, group: Record) -> list[PoolState]:
    """Pools fit for every share type of ``group``, best first."""
    pools = cloud.pools()
    checks = [c for _, c in filters.FILTERS]
    zone = group.get("availability_zone")
    fit: list[PoolState] | None = None
    spec = RequestSpec(size=0, share_proto=None, availability_zone=zone)
    for type_id in group.get("share_types") or []:
        share_type = cloud.store.get("share_types", type_id) or {}
        spec = RequestSpec(
            size=0,
            share_proto=None,
            availability_zone=zone,
            extra_specs=dict(share_type.get("extra_specs") or {}),
        )
        passing = [p for p in pools if all(c(p, spec) for c in checks)]
        names = {p.name for p in passing}
        fit = passing if fit is None else [p for p in fit if p.name in names]
    if fit is None:
        fit = [p for p in pools if all(c(p, spec) for c in checks)]
    group_type = (
        cloud.store.get(
            "share_group_types", group.get("share_group_type_id") or ""
        )
        or {}
    )
    wanted = (group_type.get("group_specs") or {}).get(
        "consistent_snapshot_support"
    )
    if wanted:
        fit = [p for p in fit if _group_stat(cloud, p) == wanted]
    return weighers.order(fit, spec)


def update_group(
    cloud: Cloud, ctx: Context, group_id: str, body: Any
) -> Record:
    """PUT /share-groups/{id}: name and description only."""
    policy.authorize(ctx, "share_group:update")
    data = body.get("share_group") if isinstance(body, dict) else None
    if not isinstance(data, dict):
        raise errors.BadRequest(
            "'share_group' is missing from the request body."
        )
    invalid = set(data) - {"name", "description"}
    if invalid:
        raise errors.BadRequest(
            f"The fields {_set_repr(invalid)} are invalid or not allowed to "
            "be updated."
        )
    _check_texts(data)
    with cloud.store.lock:
        get_group(cloud, ctx, group_id)
        return dict(cloud.store.update(GROUPS, group_id, **data))


def _check_texts(data: dict[str, Any]) -> None:
    for label in ("name", "description"):
        value = data.get(label)
        if value is not None and (
            not isinstance(value, str) or len(value) > 255
        ):
            raise errors.BadRequest(
                f"The '{label}' attribute must be a string of at most 255 "
                "characters."
            )


def delete_group(cloud: Cloud, ctx: Context, group_id: str) -> None:
    """DELETE /share-groups/{id} (202): 409 unless available/error, or
    while it has snapshots or shares."""
    policy.authorize(ctx, "share_group:delete")
    with cloud.store.lock:
        group = get_group(cloud, ctx, group_id)
        if not group.get("host"):
            cloud.store.delete(GROUPS, group_id)
            return
        if group["status"] not in DELETABLE:
            raise errors.Conflict(
                "Invalid share group: Share group status must be one of "
                "('available', 'error')"
            )
        if cloud.store.select(
            SNAPSHOTS, lambda s: s["share_group_id"] == group_id
        ):
            raise errors.Conflict(
                "Invalid share group: Cannot delete a share group with "
                "snapshots"
            )
        if shares_in(cloud, group_id):
            raise errors.Conflict(
                "Invalid share group: Cannot delete a share group with shares"
            )
        cloud.store.update(GROUPS, group_id, status="deleting")
    manager = cloud.manager(group["host"])
    if manager is None:
        destroy_group(cloud, group_id)
        return
    manager.cast("delete_share_group", manager.delete_share_group, group_id)


def destroy_group(cloud: Cloud, group_id: str) -> None:
    """Remove a group record."""
    cloud.store.delete(GROUPS, group_id)


def _status(body: Any) -> str:
    value = body.get("reset_status") if isinstance(body, dict) else None
    if not isinstance(value, dict) or "status" not in value:
        raise errors.BadRequest("Must specify 'status'")
    status = value["status"]
    if status not in RESETTABLE:
        raise errors.BadRequest(
            f"Invalid state. Valid states: {', '.join(RESETTABLE)}."
        )
    return str(status)


def reset_group_status(
    cloud: Cloud, ctx: Context, group_id: str, body: Any
) -> None:
    """Action ``reset_status`` (admin, 202)."""
    policy.authorize(ctx, "share_group:reset_status")
    status = _status(body)
    with cloud.store.lock:
        find_group(cloud, ctx, group_id)
        cloud.store.update(GROUPS, group_id, status=status)


def force_delete_group(cloud: Cloud, ctx: Context, group_id: str) -> None:
    """Action ``force_delete`` (admin, 202): the group, its snapshots and
    its shares leave the database; the backend is not called."""
    from fake_server.share_api import shares as shares_api

    policy.authorize(ctx, "share_group:force_delete")
    with cloud.store.lock:
        find_group(cloud, ctx, group_id)
        for snapshot in cloud.store.select(
            SNAPSHOTS, lambda s: s["share_group_id"] == group_id
        ):
            destroy_snapshot(cloud, snapshot["id"])
        for share in shares_in(cloud, group_id):
            shares_api.destroy_share(cloud, share["id"])
        destroy_group(cloud, group_id)


# -- shares in groups ---------------------------------------------------------


def check_new_share(
    cloud: Cloud,
    ctx: Context,
    group_id: str,
    share_type: Record,
    network_id: str | None,
    zone: str | None,
) -> str | None:
    """The checks of a share create into a group (2.31); returns the
    share's availability zone (the group's)."""
    record = _owned(cloud, ctx, GROUPS, str(group_id))
    if record is None:
        raise errors.NotFound(f"Share group {group_id} could not be found.")
    group_zone = record.get("availability_zone")
    if zone and zone != group_zone:
        zone_id = _zone(cloud, zone)["id"]
        raise _invalid_input(
            f"Share cannot have AZ ('{zone_id}') different than share "
            f"group's one ({record.get('availability_zone_id')})."
        )
    if record["status"] != "available":
        raise errors.BadRequest(
            f"Share group status must be available, got {record['status']}."
        )
    if share_type["id"] not in (record.get("share_types") or []):
        raise errors.BadRequest(
            f"The specified share type ({share_type['id']}) is not "
            f"supported by the specified share group ({group_id})."
        )
    if record.get("share_network_id") != network_id:
        raise errors.BadRequest(
            f"The specified share network ({network_id}) is not supported "
            f"by the specified share group ({group_id})."
        )
    return group_zone or zone


def group_host(cloud: Cloud, share: Record) -> str | None:
    """The pool a new share of a group goes to: the group's."""
    group = cloud.store.get(GROUPS, share.get("share_group_id") or "")
    if group and group.get("host"):
        return str(group["host"])
    return None


def member_count(cloud: Cloud, share_id: str) -> int:
    """Group snapshot members taken of a share (they block its delete)."""
    return cloud.store.count(MEMBERS, indexes.SHARE, share_id)


# -- share group snapshots ----------------------------------------------------


def list_snapshots(
    cloud: Cloud, ctx: Context, query: dict[str, str]
) -> list[Record]:
    """GET /share-group-snapshots(/detail)."""
    policy.authorize(ctx, "share_group_snapshot:get_all")
    return _list(
        cloud,
        ctx,
        SNAPSHOTS,
        query,
        SNAPSHOT_FILTERS,
        "Share group snapshots",
    )


def get_snapshot(cloud: Cloud, ctx: Context, snapshot_id: str) -> Record:
    """GET /share-group-snapshots/{id}."""
    policy.authorize(ctx, "share_group_snapshot:get")
    record = _owned(cloud, ctx, SNAPSHOTS, snapshot_id)
    if record is None:
        raise errors.NotFound(f"Share group snapshot {snapshot_id} not found.")
    return dict(record)


def list_members(
    cloud: Cloud, ctx: Context, snapshot_id: str, query: dict[str, str]
) -> list[Record]:
    """GET /share-group-snapshots/{id}/members (Manila does not check the
    snapshot exists: an unknown id lists nothing)."""
    policy.authorize(ctx, "share_group_snapshot:get")
    members = common.sort_and_page(
        members_of(cloud, snapshot_id),
        {"sort_key": "created_at", "sort_dir": "asc"},
    )
    return common.limited(members, query)


def create_snapshot(cloud: Cloud, ctx: Context, body: Any) -> Record:
    """POST /share-group-snapshots (202): a member per share of the
    group, all ``creating``, cast to the group's backend."""
    policy.authorize(ctx, "share_group_snapshot:create")
    data = body.get("share_group_snapshot") if isinstance(body, dict) else None
    if not isinstance(data, dict):
        raise errors.BadRequest(
            "'share_group_snapshot' is missing from the request body."
        )
    group_id = data.get("share_group_id")
    if not group_id:
        raise errors.BadRequest("Must supply 'share_group_id' attribute.")
    _uuid(group_id, "share_group_id")
    _check_texts(data)
    with cloud.store.lock:
        group = _owned(cloud, ctx, GROUPS, group_id)
        if group is None:
            raise errors.BadRequest(
                f"Share group {group_id} could not be found."
            )
        if group["status"] != "available":
            raise errors.Conflict(
                "Invalid share group: Share group status must be available"
            )
        shares = shares_in(cloud, group_id)
        for share in shares:
            if share["status"] != "available":
                raise errors.Conflict(
                    f"Invalid share group: Share {share['id']} in share "
                    "group must have status of available in order to "
                    "create a group snapshot"
                )
        _check_quota(cloud, ctx, "share_group_snapshots", 1)
        record = cloud.store.insert(
            SNAPSHOTS,
            {
                "name": data.get("name"),
                "description": data.get("description"),
                "status": "creating",
                "project_id": ctx.project_id,
                "user_id": ctx.user_id,
                "share_group_id": group_id,
            },
        )
        answer = dict(record)
        stamp = now()
        for share in shares:
            cloud.store.insert(
                MEMBERS,
                {
                    "share_group_snapshot_id": record["id"],
                    "share_id": share["id"],
                    "share_instance_id": share["instance_id"],
                    "size": int(share["size"]),
                    "share_proto": share["share_proto"],
                    "project_id": ctx.project_id,
                    "user_id": ctx.user_id,
                    "status": "creating",
                    "provider_location": None,
                    "created_at": stamp,
                },
            )
    manager = cloud.manager(group.get("host") or "")
    if manager is not None:
        manager.cast(
            "create_share_group_snapshot",
            manager.create_share_group_snapshot,
            record["id"],
        )
    return answer


def update_snapshot(
    cloud: Cloud, ctx: Context, snapshot_id: str, body: Any
) -> Record:
    """PUT /share-group-snapshots/{id}: name and description only."""
    policy.authorize(ctx, "share_group_snapshot:update")
    key = "share_group_snapshot"
    data = body.get(key) if isinstance(body, dict) else None
    if not isinstance(data, dict):
        raise errors.BadRequest(f"'{key}' is missing from the request body.")
    invalid = set(data) - {"name", "description"}
    if invalid:
        raise errors.BadRequest(
            f"The fields {_set_repr(invalid)} are invalid or not allowed to "
            "be updated."
        )
    _check_texts(data)
    with cloud.store.lock:
        get_snapshot(cloud, ctx, snapshot_id)
        return dict(cloud.store.update(SNAPSHOTS, snapshot_id, **data))


def delete_snapshot(cloud: Cloud, ctx: Context, snapshot_id: str) -> None:
    """DELETE /share-group-snapshots/{id} (202): ``deleting`` and a cast
    to the group's backend; 409 unless available or error."""
    policy.authorize(ctx, "share_group_snapshot:delete")
    with cloud.store.lock:
        snapshot = get_snapshot(cloud, ctx, snapshot_id)
        if snapshot["status"] not in DELETABLE:
            raise errors.Conflict(
                "Invalid share group snapshot: Share group snapshot status "
                "must be one of ('available', 'error')"
            )
        group = find_group(cloud, ctx, snapshot["share_group_id"])
        cloud.store.update(SNAPSHOTS, snapshot_id, status="deleting")
    manager = cloud.manager(group.get("host") or "")
    if manager is None:
        destroy_snapshot(cloud, snapshot_id)
        return
    manager.cast(
        "delete_share_group_snapshot",
        manager.delete_share_group_snapshot,
        snapshot_id,
    )


def destroy_snapshot(cloud: Cloud, snapshot_id: str) -> None:
    """Remove a group snapshot and its members."""
    with cloud.store.lock:
        for member in members_of(cloud, snapshot_id):
            cloud.store.delete(MEMBERS, member["id"])
        cloud.store.delete(SNAPSHOTS, snapshot_id)


def reset_snapshot_status(
    cloud: Cloud, ctx: Context, snapshot_id: str, body: Any
) -> None:
    """Action ``reset_status`` (admin, 202)."""
    policy.authorize(ctx, "share_group_snapshot:reset_status")
    status = _status(body)
    with cloud.store.lock:
        find_snapshot(cloud, ctx, snapshot_id)
        cloud.store.update(SNAPSHOTS, snapshot_id, status=status)


def force_delete_snapshot(
    cloud: Cloud, ctx: Context, snapshot_id: str
) -> None:
    """Action ``force_delete`` (admin, 202): gone from the database."""
    policy.authorize(ctx, "share_group_snapshot:force_delete")
    with cloud.store.lock:
        find_snapshot(cloud, ctx, snapshot_id)
        destroy_snapshot(cloud, snapshot_id)
