"""Plays manila's share server API (api/v2/share_servers.py and the share
server parts of share/api.py): list, show, delete, manage, unmanage,
reset and the (experimental) share server migration.

Share servers are admin-only. Their ``share_network_id`` and
``project_id`` come from their share network subnets, as Manila's model
properties compute them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_server import errors, policy
from fake_server.context import Context
from fake_server.share_api import common, indexes
from fake_server.share_api import networks as networks_api
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

#: Manila's SHARE_SERVER_STATUSES
SERVER_STATUSES: tuple[str | None, ...] = (
    "active",
    "error",
    "deleting",
    "creating",
    "manage_starting",
    "unmanage_starting",
    "unmanage_error",
    "manage_error",
    "inactive",
    "server_migrating",
    "server_migrating_to",
    "network_change",
)
#: Manila's SERVER_TASK_STATE_STATUSES
TASK_STATES: tuple[str | None, ...] = (
    "migration_starting",
    "migration_in_progress",
    "migration_completing",
    "migration_success",
    "migration_error",
    "migration_cancel_in_progress",
    "migration_cancelled",
    "migration_driver_in_progress",
    "migration_driver_phase1_done",
    None,
)
_SERVER_FILTERS = (
    "id",
    "host",
    "is_auto_deletable",
    "identifier",
    "task_state",
    "source_share_server_id",
    "status",
    "security_service_update_support",
    "network_allocation_update_support",
    "encryption_key_ref",
)
_BOOL_FILTERS = (
    "is_auto_deletable",
    "security_service_update_support",
    "network_allocation_update_support",
)
_OTHER_FILTERS = (
    "share_network_subnet_id",
    "project_id",
    "share_network",
    "share_network_id",
)
_MIGRATION_BOOLS = ("writable", "nondisruptive", "preserve_snapshots")


# -- lookups and derived fields -----------------------------------------------


def network_of(cloud: Cloud, server: Record) -> Record | None:
    """The share network of a server (through its first subnet)."""
    for subnet_id in server.get("share_network_subnet_ids") or []:
        subnet = cloud.store.get("share_network_subnets", subnet_id)
        if subnet is not None:
            return cloud.store.get(
                "share_networks", subnet["share_network_id"]
            )
    network_id = server.get("share_network_id")
    return (
        cloud.store.get("share_networks", network_id) if network_id else None
    )


def with_network_fields(cloud: Cloud, server: Record) -> Record:
    """A copy of ``server`` with Manila's computed fields filled in."""
    view = dict(server)
    network = network_of(cloud, server)
    view["share_network_id"] = (
        network["id"] if network else server.get("share_network_id")
    )
    view["project_id"] = network["project_id"] if network else ""
    view["share_network_name"] = (
        (network.get("name") or network["id"]) if network else ""
    )
    return view


def get_server(cloud: Cloud, ctx: Context, server_id: str) -> Record:
    """A share server by id, else Manila's 404."""
    server = cloud.store.get("share_servers", server_id)
    if server is None:
        raise errors.NotFound(f"Share server {server_id} could not be found.")
    return server


def shares_on(cloud: Cloud, server_id: str) -> list[Record]:
    """The shares placed on a share server."""
    return cloud.store.lookup("shares", indexes.SERVER, server_id)


def _in_use(cloud: Cloud, server_id: str) -> bool:
    if shares_on(cloud, server_id):
        return True
    return bool(
        cloud.store.select(
            "share_groups", lambda g: g.get("share_server_id") == server_id
        )
    )


# -- list, show, details ------------------------------------------------------


def list_servers(
    cloud: Cloud, ctx: Context, query: dict[str, str]
) -> list[Record]:
    """Share servers after Manila's filters (unknown keys: empty list)."""
    policy.authorize(ctx, "share_server:index")
    if any(
        k not in _SERVER_FILTERS + _OTHER_FILTERS and k != "deleted"
        for k in query
    ):
        return []
    rows = [
        with_network_fields(cloud, s)
        for s in cloud.store.select("share_servers")
    ]
    for key in _SERVER_FILTERS:
        if key not in query:
            continue
        if key in _BOOL_FILTERS:
            wanted = common.parse_bool(query[key], key)
            rows = [r for r in rows if bool(r.get(key)) == wanted]
        else:
            rows = [r for r in rows if str(r.get(key)) == query[key]]
    if query.get("share_network_subnet_id"):
        rows = [
            r
            for r in rows
            if query["share_network_subnet_id"]
            in (r.get("share_network_subnet_ids") or [])
        ]
    if query.get("project_id"):
        rows = [r for r in rows if r["project_id"] == query["project_id"]]
    if query.get("share_network"):
        ref = query["share_network"]
        rows = [
            r
            for r in rows
            if r["share_network_id"] == ref
            or ((network_of(cloud, r) or {}).get("name") == ref)
        ]
    if query.get("share_network_id"):
        rows = [
            r
            for r in rows
            if r["share_network_id"] == query["share_network_id"]
        ]
    return rows


def show_server(cloud: Cloud, ctx: Context, server_id: str) -> Record:
    """One share server (404 also when its share network is gone)."""
    policy.authorize(ctx, "share_server:show")
    server = get_server(cloud, ctx, server_id)
    if network_of(cloud, server) is None:
        raise errors.NotFound(
            "Share server could not be found. Its associated share network "
            "does not exist."
        )
    return with_network_fields(cloud, server)


def details(cloud: Cloud, ctx: Context, server_id: str) -> dict[str, Any]:
    """A server's backend details."""
    policy.authorize(ctx, "share_server:details")
    server = get_server(cloud, ctx, server_id)
    return dict(server.get("backend_details") or {})


# -- delete and reset ---------------------------------------------------------


def delete_server(cloud: Cloud, ctx: Context, server_id: str) -> None:
    """Delete a server: 403 unless active/error, 409 while in use."""
    policy.authorize(ctx, "share_server:delete")
    server = get_server(cloud, ctx, server_id)
    allowed = ["error", "active"]
    if server["status"] not in allowed:
        raise errors.Forbidden(
            f"Share server's actual status is {server['status']}, allowed "
            f"statuses for deletion are {allowed}."
        )
    if _in_use(cloud, server_id):
        raise errors.Conflict(f"Share server {server_id} is in use.")
    cast_delete(cloud, server)


def cast_delete(cloud: Cloud, server: Record) -> None:
    """Send a server's deletion to its backend (the status moves there)."""
    manager = cloud.manager(server["host"]) if server.get("host") else None
    if manager is None:
        cloud.store.delete("share_servers", server["id"])
        return
    manager.cast(
        "delete_share_server", manager.delete_share_server, server["id"]
    )


def reset_status(
    cloud: Cloud, ctx: Context, server_id: str, body: Any
) -> None:
    """``reset_status`` (2.49): any of Manila's server statuses."""
    status = networks_api.status_from(body, SERVER_STATUSES)
    server = get_server(cloud, ctx, server_id)
    policy.authorize(ctx, "share_server:reset_status")
    cloud.store.update("share_servers", server["id"], status=status)


def reset_task_state(
    cloud: Cloud, ctx: Context, server_id: str, body: Any
) -> None:
    """``reset_task_state`` (2.57, experimental)."""
    policy.authorize(ctx, "share_server:share_server_reset_task_state")
    state = networks_api.status_from(body, TASK_STATES, "task_state")
    server = get_server(cloud, ctx, server_id)
    policy.authorize(ctx, "share_server:reset_status")
    cloud.store.update("share_servers", server["id"], task_state=state)


# -- manage and unmanage ------------------------------------------------------


def validate_service(cloud: Cloud, host: str) -> Record:
    """Manila's ``validate_service_host``: an enabled, up share service."""
    record = cloud.service_record(host)
    if record is None or record.get("disabled"):
        raise errors.NotFound(f"Service {host} could not be found.")
    if cloud.service_state(record) != "up":
        raise errors.BadRequest(f"Service {host} is down.")
    return record


def manage_server(cloud: Cloud, ctx: Context, data: dict[str, Any]) -> Record:
    """Adopt a back-end share server: ``manage_starting``, then the
    backend moves it to ``active`` or ``manage_error``."""
    policy.authorize(ctx, "share_server:manage_share_server")
    for parameter in ("host", "share_network_id", "identifier"):
        if parameter not in data:
            raise errors.BadRequest(
                f"Required parameter {parameter} not found"
            )
        if not data.get(parameter):
            raise errors.BadRequest(f"Required parameter {parameter} is empty")
    identifier = str(data["identifier"])
    host = str(data["host"])
    network_id = str(data["share_network_id"])
    subnet_id = data.get("share_network_subnet_id")
    if subnet_id:
        subnet = cloud.store.get("share_network_subnets", str(subnet_id))
        if subnet is None:
            raise errors.BadRequest(
                f"The share network subnet {subnet_id} does not exist."
            )
        subnets = networks_api.subnets_in_zone(
            cloud,
            subnet["share_network_id"],
            subnet.get("availability_zone"),
            fallback_to_default=False,
        )
    else:
        subnets = networks_api.default_subnets(cloud, network_id)
    if not subnets:
        raise errors.BadRequest(
            f"The share network {network_id} does have a default subnet. "
            "Create one or use a specific subnet to manage this share "
            "server with API version >= 2.51."
        )
    if len(subnets) > 1:
        raise errors.BadRequest(
            "Cannot manage the share server, since the share network "
            f"subnet {subnet_id} has more subnets in its availability zone "
            "and share network."
        )
    subnet = subnets[0]
    subnet_network = cloud.store.get(
        "share_networks", subnet["share_network_id"]
    )
    if subnet_network is not None:
        networks_api.check_active(subnet_network)
    if "#" in host:
        raise errors.BadRequest("Host parameter should not contain pool.")
    try:
        validate_service(cloud, host)
    except errors.NotFound as exc:
        raise errors.BadRequest(exc.message) from exc
    network = cloud.store.get("share_networks", network_id)
    if network is None:
        raise errors.BadRequest(
            f"Share network {network_id} could not be found."
        )
    options = data.get("driver_options")
    if options is not None and not isinstance(options, dict):
        raise errors.BadRequest("Driver options must be in dictionary format.")
    with cloud.store.lock:
        matched = [
            s
            for s in cloud.store.select("share_servers")
            if _identifier_matches(s.get("identifier"), identifier)
        ]
        if matched:
            names = ", ".join(str(s["identifier"]) for s in matched)
            raise errors.InvalidInput(
                f"Identifier {identifier} specified matches existing share "
                f"servers: {names}."
            )
        server = cloud.store.insert(
            "share_servers",
            {
                "host": host,
                "status": "manage_starting",
                "share_network_id": subnet["share_network_id"],
                "project_id": (subnet_network or network)["project_id"],
                "share_network_subnet_ids": [subnet["id"]],
                "backend_details": {},
                "is_auto_deletable": False,
                "identifier": identifier,
                "task_state": None,
                "source_share_server_id": None,
                "security_service_update_support": False,
                "network_allocation_update_support": False,
                "encryption_key_ref": None,
            },
        )
    manager = cloud.manager(host)
    if manager is not None:
        manager.cast(
            "manage_share_server",
            manager.manage_share_server,
            server["id"],
            identifier,
            dict(options or {}),
        )
    return server


def _identifier_matches(existing: Any, identifier: str) -> bool:
    """Manila's ``share_server_search_by_identifier`` (suffix or part)."""
    if not existing:
        return False
    existing = str(existing)
    for candidate in (
        identifier,
        identifier.replace("-", "_"),
        identifier.replace("_", "-"),
    ):
        if existing.endswith(candidate):
            return True
    return existing in identifier


def unmanage_server(
    cloud: Cloud, ctx: Context, server_id: str, body: Any
) -> None:
    """Forget a server (``unmanage_starting``; the backend removes it)."""
    policy.authorize(ctx, "share_server:unmanage_share_server")
    params = body.get("unmanage") if isinstance(body, dict) else None
    force = False
    if isinstance(params, dict) and params.get("force"):
        force = common.parse_bool(params["force"], "force")
    server = get_server(cloud, ctx, server_id)
    if len(server.get("share_network_subnet_ids") or []) > 1:
        raise errors.BadRequest(
            "Cannot unmanage the share server containing multiple subnets."
        )
    if server.get("encryption_key_ref"):
        raise errors.BadRequest(
            "Cannot unmanage the share server containing encryption key "
            "reference"
        )
    network = network_of(cloud, server)
    if network is None:
        raise errors.NotFound(
            f"Share network {server.get('share_network_id')} could not be "
            "found."
        )
    networks_api.check_active(network)
    allowed = ("error", "active", "manage_error", "unmanage_error")
    if server["status"] not in allowed:
        raise errors.BadRequest(
            f"Share server's actual status is {server['status']}, allowed "
            f"statuses for unmanaging are {', '.join(allowed)}."
        )
    with cloud.store.lock:
        if _in_use(cloud, server_id):
            raise errors.BadRequest(f"Share server {server_id} is in use.")
        cloud.store.update(
            "share_servers", server_id, status="unmanage_starting"
        )
    manager = cloud.manager(server["host"])
    if manager is None:
        cloud.store.delete("share_servers", server_id)
        return
    manager.cast(
        "unmanage_share_server",
        manager.unmanage_share_server,
        server_id,
        force,
    )


# -- migration (2.57, experimental) -------------------------------------------


def _migration_params(server: Record, body: Any, name: str) -> dict[str, Any]:
    params = body.get(name) if isinstance(body, dict) else None
    if not params:
        raise errors.BadRequest("Request is missing body.")
    if not isinstance(params, dict):
        raise errors.BadRequest("Malformed request body")
    if server.get("encryption_key_ref"):
        raise errors.BadRequest(
            "Cannot migrate the share server containing encryption key "
            "reference"
        )
    mandatory = list(_MIGRATION_BOOLS) + ["host"]
    if set(mandatory) - set(params):
        raise errors.BadRequest(
            f"Must specify all mandatory parameters: {mandatory}"
        )
    values: dict[str, Any] = dict(params)
    for key in _MIGRATION_BOOLS:
        try:
            values[key] = common.parse_bool(params[key], key)
        except errors.BadRequest as exc:
            raise errors.BadRequest(
                f"Invalid value {params[key]} for {key}. Expecting a boolean."
            ) from exc
    if not isinstance(params["host"], str):
        raise errors.BadRequest("host must be a string.")
    if len(params["host"].split("#")) > 1:
        raise errors.BadRequest(
            "The destination host can not contain pool information."
        )
    return values


def _new_network(
    cloud: Cloud, ctx: Context, server: Record, params: dict[str, Any]
) -> Record | None:
    new_id = params.get("new_share_network_id")
    if new_id:
        network = cloud.store.get("share_networks", str(new_id))
        if network is None:
            raise errors.BadRequest(f"Share network {new_id} not found.")
        networks_api.check_active(network)
        return network
    current = network_of(cloud, server)
    if current is not None:
        networks_api.check_active(current)
    return None


def _invalid(reason: str, fault: type[errors.Fault]) -> errors.Fault:
    return fault(f"Invalid share server: {reason}")


def _initial_checks(
    cloud: Cloud,
    server: Record,
    dest_host: str,
    new_network: Record | None,
) -> tuple[list[Record], str, list[Record], bool]:
    """``_migration_initial_checks``: InvalidShareServer is 409 here.

    :returns: The shares, the new network id, the destination subnets and
        whether the network changes.
    """
    shares = shares_on(cloud, server["id"])
    if not shares:
        raise _invalid(
            f"Share server {server['id']} does not have shares.",
            errors.Conflict,
        )
    if any(s.get("is_soft_deleted") for s in shares):
        raise _invalid(
            f"Share server {server['id']} has at least one share that has "
            "been soft deleted.",
            errors.Conflict,
        )
    shares = [s for s in shares if not s.get("is_soft_deleted")]
    if server["status"] != "active":
        raise _invalid(
            f"Share server {server['id']} status must be active, but "
            f"current status is: {server['status']}.",
            errors.Conflict,
        )
    current_network_id = shares[0].get("share_network_id")
    src_backend = server["host"].partition("#")[0]
    dest_backend = dest_host.partition("#")[0]
    if src_backend == dest_backend and (
        new_network is None or new_network["id"] == current_network_id
    ):
        raise _invalid(
            "There is no difference between source and destination "
            "backends and between source and destination share networks. "
            "Share server migration will not proceed.",
            errors.Conflict,
        )
    if cloud.store.select(
        "share_servers",
        lambda s: (
            s.get("source_share_server_id") == server["id"]
            and s.get("status") == "server_migrating_to"
        ),
    ):
        raise _invalid(
            "There is at least one destination share server pointing to "
            "this source share server. Clean up your environment before "
            "starting a new migration.",
            errors.Conflict,
        )
    service = validate_service(cloud, dest_backend)
    new_network_id = (
        new_network["id"] if new_network else str(current_network_id)
    )
    subnets = networks_api.subnets_in_zone(
        cloud, new_network_id, service.get("zone")
    )
    if not subnets:
        raise _invalid(
            f"The share network {new_network_id} does not have a subnet "
            "that spans the destination host availability zone.",
            errors.Conflict,
        )
    changed = False
    if new_network is not None:
        old = {
            (s.get("neutron_net_id"), s.get("neutron_subnet_id"))
            for s in (
                cloud.store.get("share_network_subnets", sid)
                for sid in server.get("share_network_subnet_ids") or []
            )
            if s is not None
        }
        new = {
            (s.get("neutron_net_id"), s.get("neutron_subnet_id"))
            for s in subnets
        }
        changed = old != new
    for share in shares:
        if share["status"] != "available":
            raise _invalid(
                f"Share {share['id']} status must be available, but current "
                f"status is: {share['status']}.",
                errors.Conflict,
            )
        if share.get("has_replicas") and not server.get(
            "share_replicas_migration_support", False
        ):
            raise _invalid(
                f"Share {share['id']} has replicas. Remove the replicas of "
                "all shares in the share server before attempting to "
                "migrate it.",
                errors.Conflict,
            )
        snapshots = [
            x
            for x in cloud.store.lookup(
                "snapshots", indexes.SHARE, share["id"]
            )
        ]
        if any(x.get("status") != "available" for x in snapshots):
            raise _invalid(
                "All snapshots must have 'available' status to be migrated "
                f"by the driver along with share {share['id']}.",
                errors.Conflict,
            )
        if share.get("share_group_id"):
            raise _invalid(
                f"Share {share['id']} is a member of a group. This "
                "operation is not currently supported for share servers "
                "that contain shares members of  groups.",
                errors.Conflict,
            )
        if share.get("access_rules_status") == "error":
            raise _invalid(
                f"Share instance {share['instance_id']} access rules status "
                "must not be in error when attempting to start a share "
                "server migration.",
                errors.Conflict,
            )
        if share.get("task_state"):
            raise _invalid(
                f"Share {share['id']} is busy as part of an active task: "
                f"{share['task_state']}.",
                errors.Conflict,
            )
    return shares, new_network_id, subnets, changed


def migration_check(
    cloud: Cloud, ctx: Context, server_id: str, body: Any
) -> dict[str, Any]:
    """``migration_check``: the driver's compatibility answer."""
    policy.authorize(ctx, "share_server:share_server_migration_check")
    server = get_server(cloud, ctx, server_id)
    params = _migration_params(server, body, "migration_check")
    new_network = _new_network(cloud, ctx, server, params)
    _shares, new_network_id, _subnets, changed = _initial_checks(
        cloud, server, params["host"], new_network
    )
    if changed and params["nondisruptive"]:
        result: dict[str, Any] = {
            "compatible": False,
            "writable": False,
            "nondisruptive": False,
            "preserve_snapshots": False,
            "migration_cancel": False,
            "migration_get_progress": False,
            "share_network_id": new_network_id,
        }
    else:
        dest = cloud.manager(params["host"])
        supported = (
            dest.driver.share_server_migration_check(server, params["host"])
            if dest is not None
            else {}
        )
        result = dict(supported)
        result["share_network_id"] = new_network_id
        result["compatible"] = bool(supported.get("compatible")) and all(
            supported.get(key) or not params[key] for key in _MIGRATION_BOOLS
        )
        if changed:
            result["nondisruptive"] = False
    return {
        "compatible": result["compatible"],
        "requested_capabilities": {
            "writable": params["writable"],
            "nondisruptive": params["nondisruptive"],
            "preserve_snapshots": params["preserve_snapshots"],
            "share_network_id": params.get("new_share_network_id"),
            "host": params["host"],
        },
        "supported_capabilities": {
            key: result.get(key)
            for key in (
                "writable",
                "nondisruptive",
                "preserve_snapshots",
                "share_network_id",
                "migration_cancel",
                "migration_get_progress",
            )
        },
    }


def migration_start(
    cloud: Cloud, ctx: Context, server_id: str, body: Any
) -> None:
    """``migration_start``: server and shares go ``server_migrating``."""
    policy.authorize(ctx, "share_server:share_server_migration_start")
    server = get_server(cloud, ctx, server_id)
    params = _migration_params(server, body, "migration_start")
    new_network = _new_network(cloud, ctx, server, params)
    with cloud.store.lock:
        shares, new_network_id, subnets, changed = _initial_checks(
            cloud, server, params["host"], new_network
        )
        if params["nondisruptive"] and changed:
            raise errors.InvalidInput(
                "Nondisruptive migration would only be feasible when the "
                "current and new share networks carry the same "
                "'neutron_net_id' and 'neutron_subnet_id', or when no "
                "network changes are occurring."
            )
        cloud.store.update(
            "share_servers",
            server_id,
            status="server_migrating",
            task_state="migration_starting",
        )
        for share in shares:
            cloud.store.update(
                "shares", share["id"], status="server_migrating"
            )
        for snapshot in [
            x
            for s in shares
            for x in cloud.store.lookup("snapshots", indexes.SHARE, s["id"])
        ]:
            if snapshot.get("status") == "available":
                cloud.store.update(
                    "snapshots", snapshot["id"], status="server_migrating"
                )
    manager = cloud.manager(server["host"])
    if manager is not None:
        manager.cast(
            "share_server_migration_start",
            manager.share_server_migration_start,
            server_id,
            params["host"],
            new_network_id,
            [s["id"] for s in subnets],
        )


def destination_of(
    cloud: Cloud, server_id: str, status: str | None = None
) -> Record:
    """``share_server_migration_get_destination`` (400 when not one)."""
    found = [
        s
        for s in cloud.store.select("share_servers")
        if s.get("source_share_server_id") == server_id
        and (status is None or s.get("status") == status)
    ]
    if not found:
        raise _invalid(
            "A destination share server wasn't found for source share "
            f"server {server_id}.",
            errors.BadRequest,
        )
    if len(found) > 1:
        raise _invalid(
            "More than one destination share server was found for source "
            f"share server {server_id}. Aborting...",
            errors.BadRequest,
        )
    return found[0]


def migration_complete(
    cloud: Cloud, ctx: Context, server_id: str
) -> dict[str, Any]:
    """``migration_complete``: the second phase, on the destination."""
    policy.authorize(ctx, "share_server:share_server_migration_complete")
    server = get_server(cloud, ctx, server_id)
    if server["status"] != "server_migrating":
        raise _invalid(
            f"Share server {server_id} is not migrating", errors.BadRequest
        )
    if server.get("task_state") != "migration_driver_phase1_done":
        raise _invalid(
            "The first phase of migration has to finish to request the "
            f"completion of server {server_id}'s migration.",
            errors.BadRequest,
        )
    dest = destination_of(cloud, server_id, "server_migrating_to")
    validate_service(cloud, dest["host"])
    manager = cloud.manager(dest["host"])
    if manager is not None:
        manager.cast(
            "share_server_migration_complete",
            manager.share_server_migration_complete,
            server_id,
            dest["id"],
        )
    return {"destination_share_server_id": dest["id"]}


def _validate_error_message(server: Record) -> str | None:
    state = server.get("task_state")
    sid = server["id"]
    if state == "migration_success":
        return f"Migration of share_server {sid} has already completed."
    if state in (None, "migration_error"):
        return (
            "There is no migration being performed for share_server "
            f"{sid} at this moment."
        )
    if state == "migration_cancelled":
        return f"Migration of share_server {sid} was already cancelled."
    if state == "migration_driver_phase1_done":
        return (
            f"Migration of share_server {sid} has already completed "
            "first phase."
        )
    return None


def migration_cancel(cloud: Cloud, ctx: Context, server_id: str) -> None:
    """``migration_cancel`` (after the driver started, or phase 1 done)."""
    policy.authorize(ctx, "share_server:share_server_migration_cancel")
    server = get_server(cloud, ctx, server_id)
    if server["status"] != "server_migrating":
        raise _invalid(
            f"Migration of share server {server_id} cannot be cancelled "
            "because the provided share server is not being migrated.",
            errors.BadRequest,
        )
    if server.get("task_state") not in (
        "migration_driver_phase1_done",
        "migration_driver_in_progress",
    ):
        message = _validate_error_message(server) or (
            f"Migration of share server {server_id} can be cancelled only "
            "after the driver already started the migration, or when the "
            "first phase of the migration gets completed."
        )
        raise _invalid(message, errors.BadRequest)
    dest = destination_of(cloud, server_id, "server_migrating_to")
    validate_service(cloud, dest["host"])
    manager = cloud.manager(dest["host"])
    if manager is not None:
        manager.cast(
            "share_server_migration_cancel",
            manager.share_server_migration_cancel,
            server_id,
            dest["id"],
        )


def _progress_of(task_state: str | None) -> int | None:
    if task_state in (
        "migration_success",
        "migration_cancelled",
        "migration_cancel_in_progress",
        "migration_completing",
        "migration_driver_phase1_done",
        "migration_error",
    ):
        return 100
    if task_state in ("migration_starting", "migration_in_progress"):
        return 0
    return None


def migration_get_progress(
    cloud: Cloud, ctx: Context, server_id: str
) -> dict[str, Any]:
    """``migration_get_progress``; after completion, the source is gone
    and the progress comes from the (active) destination."""
    policy.authorize(ctx, "share_server:share_server_migration_get_progress")
    server = cloud.store.get("share_servers", server_id)
    if server is None:
        dest = destination_of(cloud, server_id, "active")
        return {
            "total_progress": 100,
            "destination_share_server_id": dest["id"],
            "task_state": dest.get("task_state"),
        }
    if server["status"] != "server_migrating":
        raise _invalid(
            f"Migration progress of share server {server_id} cannot be "
            "obtained. The provided share server is not being migrated.",
            errors.BadRequest,
        )
    try:
        dest = destination_of(cloud, server_id, "server_migrating_to")
    except errors.Fault:
        return {
            "total_progress": _progress_of(server.get("task_state")),
            "destination_share_server_id": "",
            "task_state": "",
        }
    progress: int | None
    if server.get("task_state") == "migration_driver_in_progress":
        validate_service(cloud, dest["host"])
        manager = cloud.manager(dest["host"])
        progress = (
            manager.driver.share_server_migration_get_progress(server)
            if manager is not None
            else None
        )
    else:
        progress = _progress_of(server.get("task_state"))
    if progress is None:
        message = _validate_error_message(server) or (
            f"Migration progress of share server {server_id} cannot be "
            "obtained at this moment."
        )
        raise _invalid(message, errors.BadRequest)
    return {
        "total_progress": progress,
        "destination_share_server_id": dest["id"],
        "task_state": dest.get("task_state"),
    }
