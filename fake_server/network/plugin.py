"""Plays manila.network.neutron.neutron_network_plugin: share server ports.

Manila's ``NeutronNetworkPlugin`` (with its admin credentials) reads the
share network subnet's Neutron network and subnet, saves their
``network_type``, ``segmentation_id``, ``mtu``, ``cidr``, ``gateway`` and
``ip_version`` on the share network subnet, and creates one port per
allocation (``device_owner`` ``manila:share``, ``device_id`` the share
server id, named ``<server id>_<n>``). Any Neutron error becomes Manila's
``NetworkException``: the share server (and the share) go to ``error``.
"""

from __future__ import annotations

from typing import Any

from fake_server.context import Context
from fake_server.network import neutron
from fake_server.state import Record, Store

#: Manila's dummy driver asks for two user allocations per share server
ALLOCATIONS_PER_SERVER = 2
DEVICE_OWNER = "manila:share"


class NetworkBadConfiguration(Exception):
    """Manila's ``NetworkBadConfigurationException``."""


class SubnetFull(neutron.NetworkException):
    """Manila's ``IpAddressGenerationFailureClient``: no free address."""


def _admin() -> Context:
    return Context.internal()


def _get(store: Store, table: str, ident: Any) -> Record:
    """Manila's ``neutron_api.get_network`` / ``get_subnet`` as admin."""
    try:
        return neutron.lookup(store, _admin(), table, str(ident))
    except neutron.NeutronError as exc:
        raise neutron.NetworkException(exc) from exc


def network_info(store: Store, subnet: Record) -> dict[str, Any]:
    """The values ``_save_neutron_network_data`` and
    ``_save_neutron_subnet_data`` write on a share network subnet.

    :raises neutron.NetworkException: the network or subnet is unknown.
    """
    network = _get(store, neutron.NETWORKS, subnet.get("neutron_net_id"))
    neutron_subnet = _get(
        store, neutron.SUBNETS, subnet.get("neutron_subnet_id")
    )
    return {
        "network_type": network["provider:network_type"],
        "segmentation_id": network["provider:segmentation_id"],
        "mtu": network["mtu"],
        "cidr": neutron_subnet["cidr"],
        "gateway": neutron_subnet["gateway_ip"],
        "ip_version": neutron_subnet["ip_version"],
    }


def validate_segmentation_id(info: dict[str, Any]) -> None:
    """Manila's share manager ``_validate_segmentation_id``."""
    kind = info.get("network_type")
    segment = info.get("segmentation_id")
    if kind in (None, "flat") and segment:
        raise NetworkBadConfiguration(
            f"A segmentation ID {segment} was specified but can not be used "
            f"with a network of type {kind}; the segmentation ID option must "
            "be omitted or set to 0"
        )
    bounds = {"vlan": 4094, "vxlan": 16777215, "gre": 4294967295}
    if kind in bounds and (
        segment is None or not 1 <= int(segment) <= bounds[kind]
    ):
        raise NetworkBadConfiguration(
            f"A segmentation ID {segment} was specified but is not valid "
            f"for a {kind.upper()} network type"
        )


def allocate(
    store: Store,
    server: Record,
    subnet: Record,
    project_id: str,
    count: int = ALLOCATIONS_PER_SERVER,
) -> list[dict[str, Any]]:
    """``allocate_network``: save the Neutron data on ``subnet`` and create
    ``count`` ports for ``server``.

    :returns: Manila's network allocation records (``id`` = port id,
        ``ip_address``, ``mac_address``, ``gateway``, ``cidr``, ...).
    :raises neutron.NetworkException: Neutron refused (unknown network or
        subnet, a subnet of another network, ...); ports made so far are
        deleted.
    :raises SubnetFull: the subnet has no free address left.
    """
    info = network_info(store, subnet)
    store.update("share_network_subnets", subnet["id"], **info)
    allocations: list[dict[str, Any]] = []
    admin = _admin()
    try:
        for index in range(count):
            try:
                port = neutron.create_port(
                    store,
                    admin,
                    {
                        "port": {
                            "network_id": subnet["neutron_net_id"],
                            "fixed_ips": [
                                {"subnet_id": subnet["neutron_subnet_id"]}
                            ],
                            "device_owner": DEVICE_OWNER,
                            "device_id": server["id"],
                            "name": f"{server['id']}_{index}",
                            "project_id": project_id,
                        }
                    },
                )
            except neutron.NeutronError as exc:
                if exc.kind == "IpAddressGenerationFailure":
                    raise SubnetFull(exc) from exc
                raise neutron.NetworkException(exc) from exc
            allocations.append(
                {
                    "id": port["id"],
                    "share_network_subnet_id": subnet["id"],
                    "ip_address": port["fixed_ips"][0]["ip_address"],
                    "mac_address": port["mac_address"],
                    "label": "user",
                    "status": "active",
                    **info,
                }
            )
    except neutron.NetworkException:
        release(store, allocations)
        raise
    return allocations


def release(store: Store, allocations: list[dict[str, Any]]) -> None:
    """``deallocate_network``: delete the ports (gone ones are skipped)."""
    admin = _admin()
    for allocation in allocations:
        try:
            neutron.delete_port(store, admin, allocation["id"])
        except neutron.NeutronError:
            continue
