"""Plays the in-use share network updates of manila's share/api.py: a
security service added or replaced, or a subnet added to a zone, while
share servers run on the network.

Both go as in Manila: a *check* first asks every backend host of the
network's share servers whether its driver supports the change (the
answers are kept on the share network, Manila's
``async_operation_data``; the first check answers ``compatible: None``
while the hosts are asked); the *update* then needs a finished,
compatible check, puts the network and its servers in
``network_change`` and casts the work to each host, whose share manager
sets the servers ``active`` again and, after the last one, the network.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fake_server import errors
from fake_server.share_api import indexes
from fake_server.share_api import networks as networks_api
from fake_server.share_api import shares as shares_api
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud
    from fake_server.share_manager import ShareManager

#: the share network field holding the hosts' check answers (key ->
#: {host: True, False or None while it answers})
ASYNC_DATA = "async_operation_data"


def security_service_key(new_id: str, current_id: str | None) -> str:
    """Manila's ``get_security_service_update_key`` (``hosts_check``)."""
    if current_id:
        return (
            f"share_network_sec_service_update_{current_id}_{new_id}"
            "_hosts_check"
        )
    return f"share_network_sec_service_add_{new_id}_hosts_check"


def allocations_key(network_id: str, zone: str | None) -> str:
    """Manila's ``get_share_server_update_allocations_key``."""
    return f"share_server_update_allocations_{network_id}_{zone}_hosts_check"


def check_service_host(cloud: Cloud, host: str) -> None:
    """``utils.validate_service_host`` as these updates see it: a down
    (or missing) manila-share service is Manila's ServiceIsDown, which
    the share network controller answers with 409."""
    record = cloud.service_record(host)
    if record is None or record.get("disabled"):
        raise errors.NotFound(f"Service {host} could not be found.")
    if cloud.service_state(record) != "up":
        raise errors.Conflict(f"Service {host} is down.")


def _busy(share: Record) -> bool:
    return share.get("task_state") in shares_api.BUSY_TASK_STATES


def _check_shares(
    shares: list[Record], subject: str, joiner: str = "are"
) -> None:
    """Manila's availability, access rule and busy checks of the shares
    on the servers to update (``subject`` starts each message)."""
    down = [s["id"] for s in shares if s.get("status") != "available"]
    if down:
        raise errors.BadRequest(
            f"Invalid share network: {subject} not available: {down}."
        )
    rules = [
        s["id"] for s in shares if s.get("access_rules_status") != "active"
    ]
    if rules:
        raise errors.BadRequest(
            f"Invalid share network: Either these shares or one of their "
            f"replicas or migration copies {joiner} not available: {rules}."
        )
    busy = [s["id"] for s in shares if _busy(s)]
    if busy:
        raise errors.BadRequest(
            f"Invalid share network: {subject} busy: {busy}."
        )


def _ready_hosts(
    cloud: Cloud,
    network: Record,
    servers: list[Record],
    capability: str,
    what: str,
    not_active: Callable[[Record], str],
) -> list[str]:
    """The backend hosts of ``servers``, after Manila's checks that they
    all support the update (``capability``), are ``active`` and run on
    services that are up."""
    if not all(s.get(capability) for s in servers):
        raise errors.BadRequest(
            f"Invalid share network: Updating {what} is not supported on "
            f"this share network ({network['id']}) while it has shares. "
            f"See the capability '{capability}'."
        )
    hosts: list[str] = []
    for server in servers:
        if server.get("status") != "active":
            raise errors.BadRequest(
                "Invalid share network: " + not_active(server)
            )
        if server["host"] not in hosts:
            check_service_host(cloud, server["host"])
            hosts.append(server["host"])
    return hosts


def _cast(
    cloud: Cloud,
    host: str,
    operation: str,
    method: Callable[[ShareManager], Callable[..., None]],
    *args: Any,
) -> None:
    """Cast ``operation`` (Manila's share RPC name) to ``host``'s share
    manager, running the manager's ``method``."""
    manager = cloud.manager(host)
    if manager is not None:
        manager.cast(operation, method(manager), *args)


# -- security services --------------------------------------------------------


def security_service_checks(
    cloud: Cloud, network: Record
) -> tuple[list[Record], list[str]]:
    """The server part of Manila's ``_share_network_update_initial_checks``
    (after the security service checks).

    :returns: The network's share servers and their backend hosts.
    """
    servers = networks_api.servers_of_network(cloud, network["id"])
    if not servers:
        return [], []
    hosts = _ready_hosts(
        cloud,
        network,
        servers,
        "security_service_update_support",
        "security services",
        lambda server: (
            "Some resources exported on share network "
            f"{network['id']} are not currently available."
        ),
    )
    shares = cloud.store.lookup("shares", indexes.NETWORK, network["id"])
    if any(s.get("is_soft_deleted") for s in shares):
        raise errors.BadRequest(
            f"Invalid share network: Some shares with share network "
            f"{network['id']} have been soft deleted."
        )
    _check_shares(
        shares,
        f"Some shares exported on share network {network['id']} are",
    )
    return servers, hosts


def check_security_service(
    cloud: Cloud,
    network: Record,
    hosts: list[str],
    new: Record,
    current: Record | None,
    reset: bool,
) -> dict[str, Any]:
    """Manila's ``check_share_network_security_service_update`` after its
    initial checks: ``compatible`` and ``hosts_check_result``."""
    if not hosts:
        return {"compatible": True, "hosts_check_result": {}}
    current_id = current["id"] if current else None
    key = security_service_key(new["id"], current_id)
    if reset:
        forget(cloud, network["id"], key)
    ask = _security_asker(cloud, network["id"], new["id"], current_id, key)
    compatible, info = validate_hosts(cloud, network["id"], hosts, key, ask)
    return {"compatible": compatible, "hosts_check_result": info}


def _security_asker(
    cloud: Cloud,
    network_id: str,
    new_id: str,
    current_id: str | None,
    key: str,
) -> Callable[[str], None]:
    """Asks a host whether its servers take a security service."""

    def ask(host: str) -> None:
        _cast(
            cloud,
            host,
            "check_update_share_network_security_service",
            lambda m: m.check_update_security_service,
            network_id,
            new_id,
            current_id,
            key,
        )

    return ask


def update_security_service(
    cloud: Cloud,
    network: Record,
    servers: list[Record],
    hosts: list[str],
    new: Record,
    current: Record | None,
) -> None:
    """Manila's ``update_share_network_security_service`` after its
    initial checks: needs a finished compatible check, then starts the
    update on every host (400 otherwise)."""
    if not hosts:
        return
    current_id = current["id"] if current else None
    key = security_service_key(new["id"], current_id)
    _require_compatible(
        cloud,
        network["id"],
        hosts,
        key,
        _security_asker(cloud, network["id"], new["id"], current_id, key),
        "The share network {id} cannot be updated since at least one "
        "of its backend hosts do not support this operation.",
    )
    _start_update(cloud, network["id"], servers, key)
    for host in hosts:
        _cast(
            cloud,
            host,
            "update_share_network_security_service",
            lambda m: m.update_security_service,
            network["id"],
            new["id"],
            current_id,
        )


# -- subnets added to a zone in use -------------------------------------------


def allocation_checks(
    cloud: Cloud, network: Record, servers: list[Record]
) -> list[str]:
    """Manila's ``_share_server_update_allocations_initial_checks``.

    :returns: The backend hosts of ``servers``.
    """
    networks_api.check_active(network)
    hosts = _ready_hosts(
        cloud,
        network,
        servers,
        "network_allocation_update_support",
        "network allocations",
        lambda server: (
            f"The share server {server['id']} in the specified "
            "availability zone subnet is not currently available."
        ),
    )
    for server in servers:
        shares = cloud.store.lookup("shares", indexes.SERVER, server["id"])
        _check_shares(
            shares,
            f"The share server ({server['id']}) in the specified "
            "availability zone subnet has some shares that are",
            joiner="that are",
        )
    return hosts


def check_allocations(
    cloud: Cloud,
    network: Record,
    hosts: list[str],
    zone: str | None,
    reset: bool,
) -> dict[str, Any]:
    """Manila's ``check_update_share_server_network_allocations`` after
    its initial checks."""
    key = allocations_key(network["id"], zone)
    if reset:
        forget(cloud, network["id"], key)
    ask = _allocations_asker(cloud, network["id"], zone, key)
    compatible, info = validate_hosts(cloud, network["id"], hosts, key, ask)
    return {"compatible": compatible, "hosts_check_result": info}


def _allocations_asker(
    cloud: Cloud, network_id: str, zone: str | None, key: str
) -> Callable[[str], None]:
    """Asks a host whether its servers take addresses on a new subnet."""

    def ask(host: str) -> None:
        _cast(
            cloud,
            host,
            "check_update_share_server_network_allocations",
            lambda m: m.check_update_network_allocations,
            network_id,
            zone,
            key,
        )

    return ask


def update_allocations(
    cloud: Cloud,
    network: Record,
    servers: list[Record],
    hosts: list[str],
    zone: str | None,
    make_subnet: Callable[[], Record],
) -> Record:
    """Manila's ``update_share_server_network_allocations``: with a
    finished compatible check, the subnet is made (``make_subnet``) and
    joins the zone's servers, whose hosts give them addresses on it.

    :returns: The new subnet.
    """
    key = allocations_key(network["id"], zone)
    _require_compatible(
        cloud,
        network["id"],
        hosts,
        key,
        _allocations_asker(cloud, network["id"], zone, key),
        "The server's allocations cannot be updated on availability zone "
        f"{zone} of the share network {{id}}, since at least one of its "
        "backend hosts do not support this operation.",
    )
    _start_update(cloud, network["id"], servers, key)
    subnet = make_subnet()
    for server in servers:
        current = cloud.store.get("share_servers", server["id"])
        if current is None:
            continue
        ids = list(current.get("share_network_subnet_ids") or [])
        ids.append(subnet["id"])
        cloud.store.update(
            "share_servers", server["id"], share_network_subnet_ids=ids
        )
    for host in hosts:
        _cast(
            cloud,
            host,
            "update_share_server_network_allocations",
            lambda m: m.update_network_allocations,
            network["id"],
            subnet["id"],
        )
    return subnet


# -- the hosts' answers -------------------------------------------------------


def validate_hosts(
    cloud: Cloud,
    network_id: str,
    hosts: list[str],
    key: str,
    ask: Callable[[str], None],
) -> tuple[bool | None, dict[str, bool | None]]:
    """Manila's ``_do_update_validate_hosts``: the first call records
    the hosts and asks each (``ask``); later calls give the answers:
    False when a host said no, True when all said yes, else None.
    """
    with cloud.store.lock:
        network = cloud.store.get("share_networks", network_id)
        if network is None:
            return None, {}
        data = dict(network.get(ASYNC_DATA) or {})
        current = data.get(key)
        if current is None:
            info: dict[str, bool | None] = {host: None for host in hosts}
            to_ask = list(hosts)
            answer: bool | None = None
        else:
            info = {host: current.get(host) for host in hosts}
            if any(info[host] is False for host in hosts):
                return False, info
            to_ask = [host for host in hosts if host not in current]
            if not to_ask:
                if all(info[host] for host in hosts):
                    return True, info
                return None, dict(current)
            answer = None
        data[key] = dict(info)
        _keep_checks(cloud, network, data)
    for host in to_ask:
        ask(host)
    return answer, info


def record_answer(
    cloud: Cloud, network_id: str, key: str, host: str, supported: bool
) -> None:
    """A host's answer to a check (Manila drops it when the check is no
    longer recorded)."""
    with cloud.store.lock:
        network = cloud.store.get("share_networks", network_id)
        if network is None:
            return
        data = dict(network.get(ASYNC_DATA) or {})
        if key not in data:
            return
        data[key] = {**data[key], host: supported}
        _keep_checks(cloud, network, data)


def forget(cloud: Cloud, network_id: str, key: str) -> None:
    """Drop a recorded check (``async_operation_data_delete``)."""
    with cloud.store.lock:
        network = cloud.store.get("share_networks", network_id)
        if network is None or key not in (network.get(ASYNC_DATA) or {}):
            return
        data = {k: v for k, v in network[ASYNC_DATA].items() if k != key}
        _keep_checks(cloud, network, data)


def _keep_checks(cloud: Cloud, network: Record, data: dict[str, Any]) -> None:
    """Store the network's check answers (Manila's
    async_operation_data table, not the network row)."""
    networks_api.update_beside_row(cloud, network, **{ASYNC_DATA: data})


def _require_compatible(
    cloud: Cloud,
    network_id: str,
    hosts: list[str],
    key: str,
    ask: Callable[[str], None],
    refused: str,
) -> None:
    network = cloud.store.get("share_networks", network_id) or {}
    if key not in (network.get(ASYNC_DATA) or {}):
        raise errors.BadRequest(
            f"Invalid share network: The share network {network_id} cannot "
            "start the update process since no check operation was found. "
            "Before starting the update operation, a \"check\" operation "
            "must be triggered to validate if all backend hosts support "
            "the provided configuration paramaters."
        )
    result, _ = validate_hosts(cloud, network_id, hosts, key, ask)
    if result is False:
        raise errors.BadRequest(
            "Invalid share network: " + refused.format(id=network_id)
        )
    if result is None:
        raise errors.BadRequest(
            "Invalid share network: Not all of the validation has been "
            "completed yet. A validation check is in progress. This "
            "operation can be retried."
        )


def _start_update(
    cloud: Cloud, network_id: str, servers: list[Record], key: str
) -> None:
    """Network and servers to ``network_change``; the check is spent."""
    with cloud.store.lock:
        cloud.store.update(
            "share_networks", network_id, status="network_change"
        )
        for server in servers:
            if cloud.store.get("share_servers", server["id"]) is not None:
                cloud.store.update(
                    "share_servers", server["id"], status="network_change"
                )
    forget(cloud, network_id, key)


def finish_if_done(cloud: Cloud, network_id: str) -> None:
    """Manila's ``_check_share_network_update_finished``: the network is
    ``active`` again once none of its servers is in ``network_change``."""
    with cloud.store.lock:
        network = cloud.store.get("share_networks", network_id)
        if network is None or network.get("status") == "active":
            return
        servers = networks_api.servers_of_network(cloud, network_id)
        if all(s.get("status") != "network_change" for s in servers):
            cloud.store.update("share_networks", network_id, status="active")
