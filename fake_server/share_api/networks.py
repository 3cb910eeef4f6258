"""Plays manila's share network and subnet API (api/v2/share_networks.py,
share_network_subnets.py and the metadata controller): business rules.

There is no Neutron here: any ``neutron_net_id`` / ``neutron_subnet_id``
is accepted. The network details of a subnet (``network_type``,
``segmentation_id``, ``cidr``, ...) stay empty (Manila's Neutron plugin
fills them when it allocates ports for a share server).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from fake_server import errors, policy
from fake_server.context import Context
from fake_server.share_api import common, indexes, quotas
from fake_server.share_api.common import check_metadata
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

#: Manila's SHARE_NETWORK_STATUSES
NETWORK_STATUSES = ("active", "error", "network_change")
#: subnet fields that come from the (simulated) network plugin
SUBNET_NET_FIELDS = (
    "neutron_net_id",
    "neutron_subnet_id",
    "network_type",
    "segmentation_id",
    "cidr",
    "ip_version",
    "gateway",
    "mtu",
)
#: query keys Manila's share network list drops before filtering
_DROPPED = (
    "all_tenants",
    "created_since",
    "created_before",
    "limit",
    "offset",
    "security_service_id",
    "project_id",
)
_NETWORK_FIELDS = (
    "id",
    "name",
    "description",
    "project_id",
    "user_id",
    "status",
)
_INT_FIELDS = ("ip_version", "segmentation_id")
#: columns of Manila's ShareNetwork and ShareNetworkSubnet models that a
#: create body sets: the API hands the whole body to both models
#: (``model.update(values)``), name -> type (``int``, ``time`` or the
#: longest string)
_NETWORK_COLUMNS: dict[str, str | int] = {
    "created_at": "time",
    "updated_at": "time",
}
_SUBNET_COLUMNS: dict[str, str | int] = {
    "network_type": 32,
    "cidr": 64,
    "segmentation_id": "int",
    "gateway": 64,
    "mtu": "int",
    "ip_version": "int",
    "created_at": "time",
    "updated_at": "time",
}


# -- lookups ------------------------------------------------------------------


def get_network(cloud: Cloud, ctx: Context, network_id: str) -> Record:
    """A share network of the caller's project (admins: any), else 404."""
    record = cloud.store.get("share_networks", network_id)
    if record is not None and (
        ctx.is_admin or record.get("project_id") == ctx.project_id
    ):
        return record
    raise errors.NotFound(f"Share network {network_id} could not be found.")


def update_beside_row(cloud: Cloud, network: Record, **values: Any) -> Record:
    """Store on a share network what Manila keeps in tables of their own
    (its security service associations, its update checks' answers):
    the network row, so its ``updated_at``, stays as it was."""
    return cloud.store.update(
        "share_networks",
        network["id"],
        updated_at=network.get("updated_at"),
        **values,
    )


def subnets_of(cloud: Cloud, network_id: str) -> list[Record]:
    """The subnets of a share network, oldest first."""
    return cloud.store.lookup(
        "share_network_subnets", indexes.NETWORK, network_id
    )


def servers_of_subnet(cloud: Cloud, subnet_id: str) -> list[Record]:
    """The share servers set up on a subnet."""
    return cloud.store.select(
        "share_servers",
        lambda s: subnet_id in (s.get("share_network_subnet_ids") or []),
    )


def servers_of_network(cloud: Cloud, network_id: str) -> list[Record]:
    """The share servers on any subnet of a share network."""
    ids = {s["id"] for s in subnets_of(cloud, network_id)}
    return cloud.store.select(
        "share_servers",
        lambda s: bool(ids & set(s.get("share_network_subnet_ids") or [])),
    )


def default_subnets(cloud: Cloud, network_id: str) -> list[Record]:
    """Subnets serving every availability zone (no zone of their own)."""
    return [
        s
        for s in subnets_of(cloud, network_id)
        if s.get("availability_zone") is None
    ]


def subnets_in_zone(
    cloud: Cloud,
    network_id: str,
    zone: str | None,
    fallback_to_default: bool = True,
) -> list[Record]:
    """Subnets of a network in ``zone`` (None: the default ones).

    With ``fallback_to_default``, a zone without subnets of its own gives
    the default subnets, as Manila's lookup does.
    """
    if zone is None:
        return default_subnets(cloud, network_id)
    found = [
        s
        for s in subnets_of(cloud, network_id)
        if s.get("availability_zone") == zone
    ]
    if not found and fallback_to_default:
        return default_subnets(cloud, network_id)
    return found


def zone_name(cloud: Cloud, ref: str) -> str | None:
    """The name of an availability zone given by name or id, or None."""
    for zone in cloud.store.select("availability_zones"):
        if ref in (zone["id"], zone["name"]):
            return str(zone["name"])
    return None


def check_active(network: Record) -> None:
    """Manila's ``check_share_network_is_active`` (400)."""
    status = network.get("status")
    if status != "active":
        raise errors.BadRequest(
            f"The share network {network['id']} used isn't in an 'active' "
            f"state. Current status is {status}. The action may be retried "
            "after the share network has changed its state."
        )


def _check_net_and_subnet(values: dict[str, Any]) -> None:
    if ("neutron_net_id" in values) != ("neutron_subnet_id" in values):
        raise errors.BadRequest(
            "When creating a new share network subnet you need to specify "
            "both neutron_net_id and neutron_subnet_id or none of them."
        )


def _optional_str(values: dict[str, Any], key: str) -> str | None:
    value = values.get(key)
    if value is not None and not isinstance(value, str):
        raise errors.BadRequest(f"{key} must be a string.")
    if isinstance(value, str) and len(value) > 255:
        raise errors.BadRequest(f"{key} has a length greater than 255.")
    return value


def _columns(
    values: dict[str, Any], columns: dict[str, str | int], failure: str
) -> Record:
    """The model columns a body sets, converted as Manila's database
    stores them; a value it cannot store fails the create (Manila's 500
    DBError, a 400 here) with ``failure``."""
    stored: Record = {}
    for key, kind in columns.items():
        value = values.get(key)
        if value is None:
            continue
        try:
            if kind == "int":
                stored[key] = int(str(value))
            elif kind == "time":
                stored[key] = datetime.datetime.fromisoformat(
                    str(value)
                ).isoformat(timespec="microseconds")
            elif isinstance(kind, int) and len(str(value)) <= kind:
                stored[key] = str(value)
            else:
                raise ValueError(key)
        except ValueError as exc:
            raise errors.BadRequest(failure) from exc
    return stored


def _new_subnet(
    cloud: Cloud,
    network_id: str,
    values: dict[str, Any],
    zone: str | None,
    metadata: dict[str, str] | None = None,
    columns: Record | None = None,
) -> Record:
    record: Record = {
        "share_network_id": network_id,
        "availability_zone": zone,
        "neutron_net_id": _optional_str(values, "neutron_net_id"),
        "neutron_subnet_id": _optional_str(values, "neutron_subnet_id"),
        "network_type": None,
        "segmentation_id": None,
        "cidr": None,
        "ip_version": None,
        "gateway": None,
        "mtu": None,
        "metadata": dict(metadata or {}),
        **(columns or {}),
    }
    return cloud.store.insert("share_network_subnets", record)


# -- share networks -----------------------------------------------------------


def create_network(
    cloud: Cloud, ctx: Context, values: dict[str, Any]
) -> Record:
    """Create a share network and its default (or zoned) subnet."""
    policy.authorize(ctx, "share_network:create")
    if "nova_net_id" in values:
        raise errors.BadRequest(
            "nova networking is not supported starting in Ocata."
        )
    zone = None
    if ctx.version >= "2.51" and "availability_zone" in values:
        ref = values["availability_zone"]
        zone = zone_name(cloud, str(ref)) if ref is not None else None
        if zone is None:
            raise errors.BadRequest(
                f"The provided availability zone {ref} does not exist."
            )
    _check_net_and_subnet(values)
    name = _optional_str(values, "name")
    description = _optional_str(values, "description")
    network_columns = _columns(
        values, _NETWORK_COLUMNS, "Could not create share network."
    )
    subnet_columns = _columns(
        values, _SUBNET_COLUMNS, "Could not create share network subnet."
    )
    with cloud.store.lock:
        quotas.check(
            cloud, ctx.project_id, {"share_networks": 1}, user_id=ctx.user_id
        )
        network = cloud.store.insert(
            "share_networks",
            {
                "name": name,
                "description": description,
                "project_id": ctx.project_id,
                "user_id": ctx.user_id,
                "status": "active",
                "security_services": [],
                **network_columns,
            },
        )
        subnet_values: dict[str, Any] = {
            k: values[k]
            for k in ("neutron_net_id", "neutron_subnet_id")
            if k in values
        }
        _new_subnet(
            cloud, network["id"], subnet_values, zone, columns=subnet_columns
        )
    return network


def list_networks(
    cloud: Cloud, ctx: Context, query: dict[str, str]
) -> list[Record]:
    """Share networks after Manila's filters, offset and limit."""
    query = dict(query)
    networks = cloud.store.select("share_networks")
    if ctx.is_admin:
        if "project_id" in query:
            networks = [
                n for n in networks if n["project_id"] == query["project_id"]
            ]
        elif not _all_tenants(query):
            networks = [
                n for n in networks if n["project_id"] == ctx.project_id
            ]
    else:
        networks = [n for n in networks if n["project_id"] == ctx.project_id]
    for key, newer in (("created_since", True), ("created_before", False)):
        if key in query:
            try:
                day = datetime.datetime.strptime(query[key], "%Y-%m-%d")
            except ValueError as exc:
                raise errors.BadRequest(
                    f"{query[key]} is not in yyyy-mm-dd format."
                ) from exc
            # exact_filter: created_at >= since, <= before
            stamp = day.isoformat(timespec="microseconds")
            networks = [
                n
                for n in networks
                if (
                    n["created_at"] >= stamp
                    if newer
                    else n["created_at"] <= stamp
                )
            ]
    if "security_service_id" in query:
        wanted = query["security_service_id"]
        networks = [
            n for n in networks if wanted in (n.get("security_services") or [])
        ]
    paging: dict[str, str] = {
        k: query[k] for k in ("limit", "offset") if k in query
    }
    for key in _DROPPED:
        query.pop(key, None)
    if not policy.allowed(ctx, "share_network:show_network_details"):
        query.pop("network_type", None)
        query.pop("segmentation_id", None)
    for key, value in query.items():
        networks = [
            n
            for n in networks
            if _matches(cloud, n, key, value, ctx.version >= "2.36")
        ]
    return common.limited(networks, paging)


def _all_tenants(query: dict[str, str]) -> bool:
    if "all_tenants" not in query:
        return False
    value = query["all_tenants"]
    if value == "":
        return True
    return common.parse_bool(value, "all_tenants")


def _matches(
    cloud: Cloud, network: Record, key: str, value: str, inexact: bool
) -> bool:
    """Manila's per-key filter on a network or any of its subnets."""
    wanted: Any = value
    if key in _INT_FIELDS:
        try:
            wanted = int(value)
        except ValueError as exc:
            raise errors.BadRequest(
                f"Invalid value for {key}: {value}."
            ) from exc
    like = key.endswith("~")
    field = key.rstrip("~")
    records = []
    if field in _NETWORK_FIELDS:
        records.append(network)
    if field in SUBNET_NET_FIELDS or field == "availability_zone":
        records.extend(subnets_of(cloud, network["id"]))
    for record in records:
        current = record.get(field)
        if current is None:
            continue
        # Manila compares the stored value with the query's string (an
        # int for ip_version and segmentation_id): an mtu never matches
        if not like and current == wanted:
            return True
        if like and inexact and value in str(current):
            return True
    return False


def update_network(
    cloud: Cloud, ctx: Context, network_id: str, values: dict[str, Any]
) -> Record:
    """Rename or describe a network; change its default subnet's Neutron
    ids while it has no share servers."""
    policy.authorize(ctx, "share_network:update")
    network = get_network(cloud, ctx, network_id)
    if "nova_net_id" in values:
        raise errors.BadRequest(
            "nova networking is not supported starting in Ocata."
        )
    if servers_of_network(cloud, network_id):
        for key in values:
            if key not in ("name", "description"):
                raise errors.Forbidden(
                    f"Cannot update share network {network_id}. It is used "
                    "by share servers. Only 'name' and 'description' fields "
                    "are available for update"
                )
    changes: dict[str, Any] = {}
    for key in ("name", "description"):
        if key in values:
            changes[key] = _optional_str(values, key)
    with cloud.store.lock:
        if "neutron_net_id" in values or "neutron_subnet_id" in values:
            subnets = default_subnets(cloud, network_id)
            if not subnets:
                raise errors.BadRequest(
                    f"The share network {network_id} does not have a "
                    "'default' subnet that serves all availability zones, "
                    "so subnet details ('neutron_net_id', "
                    "'neutron_subnet_id') cannot be updated."
                )
            if len(subnets) > 1:
                raise errors.BadRequest(
                    f"The share network {network_id} does not have an "
                    "unique 'default' subnet that serves all availability "
                    "zones, so subnet details ('neutron_net_id', "
                    "'neutron_subnet_id') cannot be updated."
                )
            subnet = subnets[0]
            if (
                subnet["neutron_net_id"] is None
                and subnet["neutron_subnet_id"] is None
                and (
                    values.get("neutron_net_id") is None
                    or values.get("neutron_subnet_id") is None
                )
            ):
                raise errors.BadRequest(
                    f"To update the share network {network_id} you need to "
                    "specify both 'neutron_net_id' and "
                    "'neutron_subnet_id'."
                )
            subnet_changes = {
                key: _optional_str(values, key)
                for key in ("neutron_net_id", "neutron_subnet_id")
                if key in values
            }
            cloud.store.update(
                "share_network_subnets", subnet["id"], **subnet_changes
            )
        return cloud.store.update("share_networks", network["id"], **changes)


def delete_network(cloud: Cloud, ctx: Context, network_id: str) -> None:
    """Delete a share network (409 while it has shares, groups, several
    subnets or managed servers); its servers are deleted too."""
    policy.authorize(ctx, "share_network:delete")
    get_network(cloud, ctx, network_id)
    with cloud.store.lock:
        shares = cloud.store.lookup("shares", indexes.NETWORK, network_id)
        if shares:
            raise errors.Conflict(
                f"Can not delete share network {network_id}, it has "
                f"{len(shares)} share(s)."
            )
        groups = cloud.store.select(
            "share_groups",
            lambda g: g.get("share_network_id") == network_id,
        )
        if groups:
            raise errors.Conflict(
                f"Can not delete share network {network_id}, it has "
                f"{len(groups)} share group(s)."
            )
        subnets = subnets_of(cloud, network_id)
        if len(subnets) > 1:
            raise errors.Conflict(
                f"The share network {network_id} has more than one subnet "
                "attached. Please remove the subnets untill you have one "
                "or no subnets remaining."
            )
        for subnet in subnets:
            if not all(
                s.get("is_auto_deletable")
                for s in servers_of_subnet(cloud, subnet["id"])
            ):
                raise errors.Conflict(
                    "The service cannot determine if there are any "
                    "non-managed shares on the share network subnet "
                    f"{subnet['id']}, so it cannot be deleted. Please "
                    "contact the cloud administrator to rectify."
                )
        servers = servers_of_network(cloud, network_id)
        for subnet in subnets:
            cloud.store.delete("share_network_subnets", subnet["id"])
        cloud.store.delete("share_networks", network_id)
    for server in servers:
        _cast_server_delete(cloud, server)


def _on_server(cloud: Cloud, server_id: str, table: str) -> bool:
    """Whether records of ``table`` sit on share server ``server_id``."""
    return any(
        r.get("share_server_id") == server_id
        for r in cloud.store.select(table)
    )


def _cast_server_delete(cloud: Cloud, server: Record) -> None:
    from fake_server.share_api import servers as servers_api

    servers_api.cast_delete(cloud, server)


def reset_status(
    cloud: Cloud, ctx: Context, network_id: str, body: Any
) -> None:
    """Admin ``reset_status`` of a share network (2.63)."""
    status = status_from(body, NETWORK_STATUSES)
    network = get_network(cloud, ctx, network_id)
    policy.authorize(ctx, "share_network:reset_status", network["project_id"])
    cloud.store.update("share_networks", network_id, status=status)


def status_from(
    body: Any, valid: tuple[str | None, ...], attr: str = "status"
) -> Any:
    """Manila's ``validate_update`` of a reset body (400 when invalid)."""
    if not isinstance(body, dict) or attr not in body:
        raise errors.BadRequest(f"Must specify '{attr}'")
    value = body[attr]
    if value not in valid:
        raise errors.BadRequest(
            f"Invalid state. Valid states: {', '.join(str(v) for v in valid)}."
        )
    return value


# -- subnets ------------------------------------------------------------------


def list_subnets(cloud: Cloud, ctx: Context, network_id: str) -> list[Record]:
    """The subnets of a share network the caller may see."""
    policy.authorize(ctx, "share_network_subnet:index")
    get_network(cloud, ctx, network_id)
    return subnets_of(cloud, network_id)


def get_subnet(
    cloud: Cloud,
    ctx: Context,
    network_id: str,
    subnet_id: str,
    *,
    exact_parent: bool = False,
) -> Record:
    """One subnet; 404 when the network or the subnet does not exist.

    Manila's show and delete look the subnet up by id alone; the
    metadata calls also require it to belong to the network
    (``exact_parent``).
    """
    get_network(cloud, ctx, network_id)
    subnet = cloud.store.get("share_network_subnets", subnet_id)
    if subnet is None or (
        exact_parent and subnet["share_network_id"] != network_id
    ):
        raise errors.NotFound(
            f"Share network subnet {subnet_id} could not be found."
        )
    return subnet


def show_subnet(
    cloud: Cloud, ctx: Context, network_id: str, subnet_id: str
) -> Record:
    """``GET .../subnets/{id}``."""
    policy.authorize(ctx, "share_network_subnet:show")
    return get_subnet(cloud, ctx, network_id, subnet_id)


def create_subnet(
    cloud: Cloud, ctx: Context, network_id: str, values: dict[str, Any]
) -> Record:
    """Add a subnet: one per zone before 2.70, metadata from 2.78."""
    policy.authorize(ctx, "share_network_subnet:create")
    values = dict(values)
    metadata: dict[str, str] = {}
    if ctx.version >= "2.78":
        metadata = check_metadata(values.get("metadata"))
    _check_net_and_subnet(values)
    # checked before anything changes (an in-use zone's update starts
    # before the subnet is stored)
    for key in ("neutron_net_id", "neutron_subnet_id"):
        _optional_str(values, key)
    get_network(cloud, ctx, network_id)
    ref = values.get("availability_zone")
    zone = None
    if ref:
        zone = zone_name(cloud, str(ref))
        if zone is None:
            raise errors.BadRequest(
                f"The provided availability zone {ref} does not exist."
            )
    from fake_server.share_api import network_updates

    with cloud.store.lock:
        network = get_network(cloud, ctx, network_id)
        existing = subnets_in_zone(
            cloud, network_id, zone, fallback_to_default=False
        )
        if existing and ctx.version < "2.70":
            raise errors.Conflict(
                "Another share network subnet was found in the specified "
                "availability zone. Only one share network subnet is "
                f"allowed per availability zone for share network "
                f"{network_id}."
            )
        servers = (
            servers_of_subnet(cloud, existing[0]["id"]) if existing else []
        )
        if not servers:
            return _new_subnet(cloud, network_id, values, zone, metadata)
        # a subnet added where share servers run: Manila's
        # update_share_server_network_allocations (the new subnet joins
        # the zone's servers, whose backends give them addresses on it)
        hosts = network_updates.allocation_checks(cloud, network, servers)
        return network_updates.update_allocations(
            cloud,
            network,
            servers,
            hosts,
            zone,
            lambda: _new_subnet(cloud, network_id, values, zone, metadata),
        )


def subnet_create_check(
    cloud: Cloud, ctx: Context, network_id: str, body: Any
) -> dict[str, Any]:
    """Action ``share_network_subnet_create_check`` (2.70).

    Manila's ``validate_subnet_create`` and, when the zone's subnets
    already have share servers, the allocation-update check: the first
    answer is ``compatible: None`` while the servers' hosts are asked.

    :returns: ``compatible`` and ``hosts_check_result`` (host -> bool).
    """
    if not isinstance(body, dict) or not isinstance(
        body.get("share_network_subnet_create_check"), dict
    ):
        raise errors.BadRequest(
            "Share Network Subnet Create Check is missing from the request "
            "body."
        )
    data = dict(body["share_network_subnet_create_check"])
    _check_net_and_subnet(data)
    network = get_network(cloud, ctx, network_id)
    ref = data.get("availability_zone")
    zone = None
    if ref:
        zone = zone_name(cloud, str(ref))
        if zone is None:
            raise errors.BadRequest(
                f"The provided availability zone {ref} does not exist."
            )
    reset = common.api_bool(
        data.get("reset_operation", False), "reset_operation"
    )
    from fake_server.share_api import network_updates

    with cloud.store.lock:
        existing = subnets_in_zone(
            cloud, network_id, zone, fallback_to_default=False
        )
        servers = (
            servers_of_subnet(cloud, existing[0]["id"]) if existing else []
        )
        if not servers:
            return {"compatible": True, "hosts_check_result": {}}
        hosts = network_updates.allocation_checks(cloud, network, servers)
        return network_updates.check_allocations(
            cloud, network, hosts, zone, reset
        )


def delete_subnet(
    cloud: Cloud, ctx: Context, network_id: str, subnet_id: str
) -> None:
    """Delete a subnet (409 while its servers have shares or are managed);
    its share servers are deleted too."""
    policy.authorize(ctx, "share_network_subnet:delete")
    with cloud.store.lock:
        subnet = get_subnet(cloud, ctx, network_id, subnet_id)
        servers = servers_of_subnet(cloud, subnet_id)
        for server in servers:
            if _on_server(cloud, server["id"], "shares"):
                raise errors.Conflict(
                    f"Cannot delete share network subnet {subnet_id} of "
                    f"share network {network_id}, it has one or more "
                    "shares."
                )
            if _on_server(cloud, server["id"], "share_groups"):
                raise errors.Conflict(
                    f"Cannot delete share network subnet {subnet_id} of "
                    f"share network {network_id}, it has one or more "
                    "share groups."
                )
        if not all(s.get("is_auto_deletable") for s in servers):
            raise errors.Conflict(
                "The service cannot determine if there are any non-managed "
                f"shares on the share network subnet {subnet_id} of share "
                f"network {network_id}, so it cannot be deleted. Please "
                "contact the cloud administrator to rectify."
            )
        cloud.store.delete("share_network_subnets", subnet["id"])
    for server in servers:
        _cast_server_delete(cloud, server)


# -- subnet metadata (2.78) ---------------------------------------------------


def _metadata_subnet(
    cloud: Cloud, ctx: Context, network_id: str, subnet_id: str
) -> Record:
    try:
        return get_subnet(cloud, ctx, network_id, subnet_id, exact_parent=True)
    except errors.NotFound as exc:
        raise errors.NotFound("Share_network_subnet not found.") from exc


def _metadata_body(body: Any) -> dict[str, str]:
    if not isinstance(body, dict) or not isinstance(
        body.get("metadata"), dict
    ):
        raise errors.BadRequest("Malformed request body")
    return check_metadata(body["metadata"])


def get_metadata(
    cloud: Cloud, ctx: Context, network_id: str, subnet_id: str
) -> dict[str, str]:
    """A subnet's metadata."""
    policy.authorize(ctx, "share_network_subnet:get_metadata")
    subnet = _metadata_subnet(cloud, ctx, network_id, subnet_id)
    return dict(subnet["metadata"])


def get_metadata_item(
    cloud: Cloud, ctx: Context, network_id: str, subnet_id: str, key: str
) -> str:
    """One metadata value (404 ``Metadata item is not found.``)."""
    policy.authorize(ctx, "share_network_subnet:get_metadata")
    subnet = _metadata_subnet(cloud, ctx, network_id, subnet_id)
    if key not in subnet["metadata"]:
        raise errors.NotFound("Metadata item is not found.")
    return str(subnet["metadata"][key])


def set_metadata(
    cloud: Cloud,
    ctx: Context,
    network_id: str,
    subnet_id: str,
    body: Any,
    *,
    replace: bool,
) -> dict[str, str]:
    """POST (merge) or PUT (replace) a subnet's metadata.

    :returns: What Manila answers: the whole metadata after a replace,
        only the sent items after a merge.
    """
    policy.authorize(ctx, "share_network_subnet:update_metadata")
    metadata = _metadata_body(body)
    with cloud.store.lock:
        subnet = _metadata_subnet(cloud, ctx, network_id, subnet_id)
        merged = {} if replace else dict(subnet["metadata"])
        merged.update(metadata)
        cloud.store.update("share_network_subnets", subnet_id, metadata=merged)
    return dict(merged) if replace else dict(metadata)


def set_metadata_item(
    cloud: Cloud,
    ctx: Context,
    network_id: str,
    subnet_id: str,
    key: str,
    body: Any,
) -> dict[str, str]:
    """POST ``.../metadata/{key}`` with ``{"metadata": {key: value}}``."""
    policy.authorize(ctx, "share_network_subnet:update_metadata")
    item = _metadata_body(body)
    if key not in item:
        raise errors.BadRequest("Request body and URI mismatch")
    if len(item) > 1:
        raise errors.BadRequest("Request body contains too many items")
    with cloud.store.lock:
        subnet = _metadata_subnet(cloud, ctx, network_id, subnet_id)
        merged = dict(subnet["metadata"])
        merged.update(item)
        cloud.store.update("share_network_subnets", subnet_id, metadata=merged)
    return item


def delete_metadata_item(
    cloud: Cloud, ctx: Context, network_id: str, subnet_id: str, key: str
) -> None:
    """Delete one metadata key (404 when absent)."""
    policy.authorize(ctx, "share_network_subnet:delete_metadata")
    with cloud.store.lock:
        subnet = _metadata_subnet(cloud, ctx, network_id, subnet_id)
        if key not in subnet["metadata"]:
            raise errors.NotFound("Metadata item is not found.")
        remaining = dict(subnet["metadata"])
        remaining.pop(key)
        cloud.store.update(
            "share_network_subnets", subnet_id, metadata=remaining
        )
