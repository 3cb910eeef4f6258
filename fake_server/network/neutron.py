"""Plays neutron-server (ML2): networks, subnets and ports; rules, no HTTP.

What Manila's Neutron plugin and openstacksdk's network proxy use:
create, show, list (attribute filters, ``fields``, tags, sorting,
``limit``/``marker``), update and delete of networks, subnets and ports,
Neutron's default policies (project member or admin; provider, shared and
external attributes for admins only; another project's private resource
is 404), IP allocation from a subnet's allocation pools and Neutron's
``NeutronError`` faults. Records live in the one store (tables
``neutron_networks``, ``neutron_subnets``, ``neutron_ports``); a subnet
keeps its own ``ip -> port id`` map so allocation never scans ports.
"""

from __future__ import annotations

import datetime
import ipaddress
import random
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from fake_server import errors
from fake_server.config import stable_id
from fake_server.context import Context
from fake_server.state import Record, new_id

if TYPE_CHECKING:
    from fake_server.state import Store

NETWORKS = "neutron_networks"
SUBNETS = "neutron_subnets"
PORTS = "neutron_ports"
#: one record (id ``segments``) with the next tenant segmentation ids
_META = "neutron_meta"

#: ML2's network types and the MTU each gives on a 1500-byte underlay
#: (OVN's geneve tenant networks are devstack's default)
MTUS = {
    "geneve": 1442,
    "vxlan": 1450,
    "gre": 1458,
    "vlan": 1500,
    "flat": 1500,
    "local": 1500,
}
TENANT_NETWORK_TYPE = "geneve"
#: ranges of segmentation ids per type (ML2's type drivers)
SEGMENT_RANGES = {
    "vlan": (1, 4094),
    "vxlan": (1, 16777215),
    "geneve": (1, 16777215),
    "gre": (1, 4294967295),
}
#: owners whose ports do not keep a network or subnet in use
_SERVICE_OWNERS = ("network:dhcp",)

# -- declared fields -----------------------------------------------------
# (name, default on create); every record renders these fields, plus the
# standard attributes (id, project, description, tags, times, revision)

_STANDARD = (
    "id",
    "name",
    "tenant_id",
    "project_id",
    "description",
    "tags",
    "created_at",
    "updated_at",
    "revision_number",
)
NETWORK_FIELDS = _STANDARD + (
    "admin_state_up",
    "status",
    "subnets",
    "shared",
    "router:external",
    "mtu",
    "port_security_enabled",
    "availability_zone_hints",
    "availability_zones",
    "ipv4_address_scope",
    "ipv6_address_scope",
    "qos_policy_id",
    "is_default",
    "l2_adjacency",
    "provider:network_type",
    "provider:physical_network",
    "provider:segmentation_id",
)
SUBNET_FIELDS = _STANDARD + (
    "network_id",
    "ip_version",
    "cidr",
    "gateway_ip",
    "allocation_pools",
    "enable_dhcp",
    "dns_nameservers",
    "host_routes",
    "ipv6_ra_mode",
    "ipv6_address_mode",
    "subnetpool_id",
    "segment_id",
    "service_types",
    "router:external",
)
PORT_FIELDS = _STANDARD + (
    "network_id",
    "admin_state_up",
    "status",
    "mac_address",
    "fixed_ips",
    "device_id",
    "device_owner",
    "allowed_address_pairs",
    "extra_dhcp_opts",
    "security_groups",
    "port_security_enabled",
    "binding:vnic_type",
    "binding:host_id",
)
#: fields only admins see (Neutron's ``get_<resource>:<attr>`` policies)
ADMIN_ONLY = {
    NETWORKS: (
        "provider:network_type",
        "provider:physical_network",
        "provider:segmentation_id",
    ),
    SUBNETS: (),
    PORTS: ("binding:host_id",),
}
FIELDS = {NETWORKS: NETWORK_FIELDS, SUBNETS: SUBNET_FIELDS, PORTS: PORT_FIELDS}
#: attributes a request body may set, per resource
_NETWORK_WRITABLE = (
    "name",
    "description",
    "admin_state_up",
    "shared",
    "router:external",
    "mtu",
    "port_security_enabled",
    "availability_zone_hints",
    "qos_policy_id",
    "is_default",
    "provider:network_type",
    "provider:physical_network",
    "provider:segmentation_id",
    "tenant_id",
    "project_id",
)
_SUBNET_WRITABLE = (
    "name",
    "description",
    "network_id",
    "ip_version",
    "cidr",
    "gateway_ip",
    "allocation_pools",
    "enable_dhcp",
    "dns_nameservers",
    "host_routes",
    "ipv6_ra_mode",
    "ipv6_address_mode",
    "subnetpool_id",
    "prefixlen",
    "use_default_subnetpool",
    "segment_id",
    "service_types",
    "tenant_id",
    "project_id",
)
_PORT_WRITABLE = (
    "name",
    "description",
    "network_id",
    "admin_state_up",
    "mac_address",
    "fixed_ips",
    "device_id",
    "device_owner",
    "allowed_address_pairs",
    "extra_dhcp_opts",
    "security_groups",
    "port_security_enabled",
    "binding:vnic_type",
    "binding:host_id",
    "tenant_id",
    "project_id",
)
#: attributes an update may change (the rest are create-only)
_UPDATABLE = {
    NETWORKS: (
        "name",
        "description",
        "admin_state_up",
        "shared",
        "router:external",
        "mtu",
        "port_security_enabled",
        "qos_policy_id",
        "is_default",
    ),
    SUBNETS: (
        "name",
        "description",
        "gateway_ip",
        "allocation_pools",
        "enable_dhcp",
        "dns_nameservers",
        "host_routes",
        "service_types",
    ),
    PORTS: (
        "name",
        "description",
        "admin_state_up",
        "device_id",
        "device_owner",
        "fixed_ips",
        "allowed_address_pairs",
        "security_groups",
        "port_security_enabled",
        "binding:vnic_type",
        "binding:host_id",
    ),
}
#: network attributes only admins may set (or change from the default)
_ADMIN_NETWORK_ATTRS = (
    "shared",
    "router:external",
    "is_default",
    "provider:network_type",
    "provider:physical_network",
    "provider:segmentation_id",
)
_BOOLEANS = (
    "admin_state_up",
    "shared",
    "router:external",
    "port_security_enabled",
    "is_default",
    "enable_dhcp",
    "l2_adjacency",
)
_INTEGERS = (
    "mtu",
    "ip_version",
    "provider:segmentation_id",
    "revision_number",
)
_SINGULAR = {NETWORKS: "network", SUBNETS: "subnet", PORTS: "port"}
#: query keys that are not attribute filters
_LIST_PARAMS = (
    "fields",
    "limit",
    "marker",
    "page_reverse",
    "sort_key",
    "sort_dir",
    "tags",
    "tags-any",
    "not-tags",
    "not-tags-any",
)

# -- faults --------------------------------------------------------------


class NeutronError(errors.Fault):
    """A Neutron fault: ``{"NeutronError": {"type", "message", "detail"}}``."""

    def __init__(self, code: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.kind = kind

    def body(self) -> dict[str, Any]:
        """Neutron's fault body."""
        return {
            "NeutronError": {
                "type": self.kind,
                "message": self.message,
                "detail": "",
            }
        }


def not_found(table: str, ident: str) -> NeutronError:
    """Neutron's ``NetworkNotFound`` (``SubnetNotFound``, ...) 404."""
    name = _SINGULAR[table].capitalize()
    return NeutronError(
        404, f"{name}NotFound", f"{name} {ident} could not be found."
    )


def bad_request(message: str) -> NeutronError:
    """webob's HTTPBadRequest as Neutron's API layer raises it."""
    return NeutronError(400, "HTTPBadRequest", message)


def _required(attr: str) -> NeutronError:
    return bad_request(
        f"Failed to parse request. Required attribute '{attr}' not specified"
    )


def invalid_input(message: str) -> NeutronError:
    """neutron-lib's ``InvalidInput``."""
    return NeutronError(
        400, "InvalidInput", f"Invalid input for operation: {message}."
    )


def invalid_attr(attr: str, reason: str) -> NeutronError:
    """An attribute validator's 400 (``Invalid input for X. Reason: ...``)."""
    return bad_request(f"Invalid input for {attr}. Reason: {reason}.")


def disallowed(rule: str) -> NeutronError:
    """oslo.policy's PolicyNotAuthorized as Neutron renders it (403)."""
    return NeutronError(
        403, "PolicyNotAuthorized", f"({rule}) is disallowed by policy"
    )


class NetworkException(Exception):
    """What Manila's Neutron API wrapper raises (``NetworkException``)."""

    def __init__(self, fault: NeutronError) -> None:
        super().__init__(fault.message)
        self.fault = fault


# -- helpers -------------------------------------------------------------


def stamp() -> str:
    """The current UTC time as Neutron prints it (seconds, ``Z``)."""
    moment = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def is_member(ctx: Context) -> bool:
    """A caller allowed to write (Neutron's PROJECT_MEMBER or ADMIN)."""
    return ctx.is_admin or "member" in ctx.roles


def is_reader(ctx: Context) -> bool:
    """A caller allowed to read (PROJECT_READER, member or ADMIN)."""
    return is_member(ctx) or "reader" in ctx.roles


def _bool(attr: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise invalid_attr(attr, f"'{value}' is not a valid boolean value")


def _int(attr: str, value: Any, low: int = 0) -> int:
    if isinstance(value, bool):
        raise invalid_attr(attr, f"'{value}' is not an integer")
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise invalid_attr(attr, f"'{value}' is not an integer") from exc
    if number < low:
        raise invalid_attr(
            attr, f"'{number}' should be greater than or equal to {low}"
        )
    return number


def _str(attr: str, value: Any, limit: int = 255) -> str:
    if not isinstance(value, str):
        raise invalid_attr(attr, f"'{value}' is not a valid string")
    if len(value) > limit:
        raise invalid_attr(
            attr, f"'{value}' exceeds maximum length of {limit}"
        )
    return value


def _ip(attr: str, value: Any) -> str:
    try:
        return str(ipaddress.ip_address(str(value)))
    except ValueError as exc:
        raise invalid_attr(
            attr, f"'{value}' is not a valid IP address"
        ) from exc


def _body(body: Any, table: str) -> dict[str, Any]:
    """The resource dict of a request body (``prepare_request_body``)."""
    key = _SINGULAR[table]
    if not isinstance(body, dict) or not body:
        raise bad_request("Resource body required")
    if key not in body or not isinstance(body[key], dict):
        raise bad_request(f"Unable to find '{key}' in request body")
    return dict(body[key])


def _check_attrs(values: dict[str, Any], allowed: Iterable[str]) -> None:
    extra = sorted(set(values) - set(allowed))
    if extra:
        raise bad_request(f"Unrecognized attribute(s) '{', '.join(extra)}'")


def _owner(ctx: Context, values: dict[str, Any]) -> str:
    """The project a new resource belongs to (admins may name another)."""
    tenant = values.pop("tenant_id", None)
    project = values.pop("project_id", None)
    if tenant is not None and project is not None and tenant != project:
        raise bad_request("'project_id' and 'tenant_id' do not match")
    wanted = project if project is not None else tenant
    if wanted is None:
        return ctx.project_id
    wanted = _str("project_id", wanted)
    if wanted != ctx.project_id and not ctx.is_admin:
        raise bad_request(
            "Specifying 'project_id' or 'tenant_id' other than the "
            "authenticated project in request requires admin privileges"
        )
    return wanted


def _mac() -> str:
    tail = ":".join(f"{random.randint(0, 255):02x}" for _ in range(3))
    return f"fa:16:3e:{tail}"


def _standard(project_id: str, name: str, description: str) -> Record:
    moment = stamp()
    return {
        "id": new_id(),
        "name": name,
        "tenant_id": project_id,
        "project_id": project_id,
        "description": description,
        "tags": [],
        "created_at": moment,
        "updated_at": moment,
        "revision_number": 0,
    }


def _touch(store: Store, table: str, record: Record, **values: Any) -> Record:
    """Change a record, bumping its revision and ``updated_at``."""
    with store.lock:
        record.update(values)
        record["revision_number"] = int(record["revision_number"]) + 1
        record["updated_at"] = stamp()
        return record


# -- visibility and policy ----------------------------------------------


def visible(store: Store, ctx: Context, table: str, record: Record) -> bool:
    """Whether ``ctx`` may see ``record`` (Neutron's ``get_*`` policies)."""
    if not is_reader(ctx):
        return False
    if ctx.is_admin or record["project_id"] == ctx.project_id:
        return True
    network = (
        record
        if table == NETWORKS
        else store.get(NETWORKS, record["network_id"])
    )
    if network is None:
        return False
    if table == PORTS:  # a port is its owner's and its network owner's
        return bool(network["project_id"] == ctx.project_id)
    return bool(network["shared"] or network["router:external"])


def lookup(store: Store, ctx: Context, table: str, ident: str) -> Record:
    """A record ``ctx`` may see, else Neutron's 404."""
    record = store.get(table, ident)
    if record is None or not visible(store, ctx, table, record):
        raise not_found(table, ident)
    return record


def _check_owner(
    ctx: Context, table: str, action: str, record: Record
) -> None:
    """Writes need the owner's member role or admin (else 403)."""
    if ctx.is_admin or (
        record["project_id"] == ctx.project_id and is_member(ctx)
    ):
        return
    raise disallowed(f"rule:{action}_{_SINGULAR[table]}")


def render(
    ctx: Context, table: str, record: Record, fields: list[str] | None = None
) -> dict[str, Any]:
    """A record as Neutron shows it to ``ctx`` (only ``fields`` if given)."""
    hidden = () if ctx.is_admin else ADMIN_ONLY[table]
    names = [f for f in FIELDS[table] if f not in hidden]
    if fields:
        names = [f for f in names if f in fields]
    view: dict[str, Any] = {}
    for name in names:
        value = record.get(name)
        if isinstance(value, list):
            value = [dict(v) if isinstance(v, dict) else v for v in value]
        view[name] = value
    return view


# -- listing -------------------------------------------------------------


def _filter_value(field: str, raw: str) -> Any:
    if field in _BOOLEANS:
        return _bool(field, raw)
    if field in _INTEGERS:
        return _int(field, raw)
    return raw


def _matches(record: Record, field: str, wanted: list[Any]) -> bool:
    value = record.get(field)
    if field == "fixed_ips":
        return any(
            all(ip.get(k) == v for k, v in want.items())
            for want in wanted
            for ip in value or []
        )
    if isinstance(value, list):
        return any(w in value for w in wanted)
    return value in wanted


def _fixed_ip_filters(raws: list[str]) -> list[dict[str, str]]:
    wanted = []
    for raw in raws:
        key, _, value = raw.partition("=")
        if key not in ("subnet_id", "ip_address") or not value:
            raise bad_request("[fixed_ips] is invalid attribute for filtering")
        wanted.append({key: value})
    return wanted


def list_records(
    store: Store,
    ctx: Context,
    table: str,
    query: dict[str, list[str]],
    base_url: str,
) -> dict[str, Any]:
    """``GET /v2.0/<collection>``: filters, tags, sort, page, ``fields``.

    :returns: The response body (``{"networks": [...]}`` plus
        ``networks_links`` when a page is cut).
    """
    collection = f"{_SINGULAR[table]}s"
    filters: list[tuple[str, list[Any]]] = []
    for key, values in query.items():
        if key in _LIST_PARAMS:
            continue
        if key not in FIELDS[table]:
            raise bad_request(f"[{key}] is invalid attribute for filtering")
        if key == "fixed_ips":
            filters.append((key, list(_fixed_ip_filters(values))))
        else:
            filters.append((key, [_filter_value(key, v) for v in values]))
    rows = [
        r
        for r in store.select(table)
        if visible(store, ctx, table, r)
        and all(_matches(r, key, wanted) for key, wanted in filters)
        and _tags_match(r, query)
    ]
    sort_keys = query.get("sort_key", [])
    sort_dirs = query.get("sort_dir", [])
    for index in reversed(range(len(sort_keys))):
        key = sort_keys[index]
        if key not in FIELDS[table]:
            raise bad_request(f"{key} is an invalid attribute for sort_keys")
        direction = sort_dirs[index] if index < len(sort_dirs) else "asc"
        if direction not in ("asc", "desc"):
            raise bad_request(
                f"{direction} is invalid value for sort_dirs, valid value "
                "is 'asc' and 'desc'"
            )
        rows.sort(key=_sorter(key), reverse=direction == "desc")
    marker = query.get("marker", [""])[-1]
    if marker:
        ids = [r["id"] for r in rows]
        if marker not in ids:
            raise not_found(table, marker)
        rows = rows[ids.index(marker) + 1 :]
    body: dict[str, Any] = {}
    limit_raw = query.get("limit", [""])[-1]
    if limit_raw:
        limit = _int("limit", limit_raw)
        if limit and len(rows) > limit:
            rows = rows[:limit]
            body[f"{collection}_links"] = [
                {
                    "rel": "next",
                    "href": f"{base_url}/networking/v2.0/{collection}"
                    f"?limit={limit}&marker={rows[-1]['id']}",
                }
            ]
    fields = query.get("fields") or None
    body[collection] = [render(ctx, table, r, fields) for r in rows]
    return body


def _sorter(key: str) -> Callable[[Record], tuple[bool, str]]:
    def sort_key(record: Record) -> tuple[bool, str]:
        return (record.get(key) is None, str(record.get(key)))

    return sort_key


def _tags_match(record: Record, query: dict[str, list[str]]) -> bool:
    tags = set(record.get("tags") or [])

    def wanted(key: str) -> list[set[str]]:
        return [set(v.split(",")) for v in query.get(key, []) if v]

    return (
        all(w <= tags for w in wanted("tags"))
        and all(w & tags for w in wanted("tags-any"))
        and not any(w <= tags for w in wanted("not-tags"))
        and not any(w & tags for w in wanted("not-tags-any"))
    )


# -- networks ------------------------------------------------------------


def _next_segment(store: Store, network_type: str) -> int:
    with store.lock:
        meta = store.get(_META, "segments")
        if meta is None:
            meta = store.insert(_META, {"id": "segments", "next": {}})
        low, _ = SEGMENT_RANGES[network_type]
        number = int(meta["next"].get(network_type, low + 100))
        meta["next"][network_type] = number + 1
        return number


def _provider(store: Store, values: dict[str, Any]) -> dict[str, Any]:
    """ML2's provider attribute checks; tenant networks get a segment."""
    kind = values.get("provider:network_type")
    physnet = values.get("provider:physical_network")
    segment = values.get("provider:segmentation_id")
    if kind is None:
        if physnet is not None or segment is not None:
            raise invalid_input("network_type required")
        return {
            "provider:network_type": TENANT_NETWORK_TYPE,
            "provider:physical_network": None,
            "provider:segmentation_id": _next_segment(
                store, TENANT_NETWORK_TYPE
            ),
        }
    kind = _str("provider:network_type", kind)
    if kind not in MTUS:
        raise invalid_input(f"network_type value '{kind}' not supported")
    if physnet is not None:
        physnet = _str("provider:physical_network", physnet)
    if segment is not None:
        segment = _int("provider:segmentation_id", segment)
    if kind in ("flat", "local") and segment is not None:
        raise invalid_input(f"segmentation_id specified for {kind} network")
    if kind == "flat" and physnet is None:
        raise invalid_input(
            "physical_network required for flat provider network"
        )
    if kind in ("local", "geneve", "vxlan", "gre") and physnet is not None:
        raise invalid_input(
            f"provider:physical_network specified for {kind} network"
        )
    if kind in SEGMENT_RANGES:
        low, high = SEGMENT_RANGES[kind]
        if segment is None:
            segment = _next_segment(store, kind)
        elif not low <= segment <= high:
            raise invalid_input(
                f"segmentation_id out of range ({low} through {high})"
            )
    return {
        "provider:network_type": kind,
        "provider:physical_network": physnet,
        "provider:segmentation_id": segment,
    }


def _network_values(
    values: dict[str, Any], network_type: str
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("name", "description", "qos_policy_id"):
        if key in values:
            value = values[key]
            out[key] = (
                None
                if value is None and key == "qos_policy_id"
                else _str(key, value)
            )
    for key in (
        "admin_state_up",
        "shared",
        "router:external",
        "port_security_enabled",
        "is_default",
    ):
        if key in values:
            out[key] = _bool(key, values[key])
    if "mtu" in values:
        mtu = _int("mtu", values["mtu"], 68)
        highest = MTUS[network_type]
        if mtu > highest:
            raise invalid_input(
                f"Requested MTU is too big, maximum is {highest}"
            )
        out["mtu"] = mtu
    return out


def create_network(store: Store, ctx: Context, body: Any) -> Record:
    """``POST /v2.0/networks`` (201)."""
    values = _body(body, NETWORKS)
    _check_attrs(values, _NETWORK_WRITABLE)
    if not is_member(ctx):
        raise disallowed("rule:create_network")
    for attr in _ADMIN_NETWORK_ATTRS:
        if (
            attr in values
            and values[attr] not in (None, False)
            and not ctx.is_admin
        ):
            raise disallowed(
                f"rule:create_network and rule:create_network:{attr}"
            )
    project_id = _owner(ctx, values)
    hints = values.get("availability_zone_hints", [])
    if not isinstance(hints, list):
        raise invalid_attr(
            "availability_zone_hints", f"'{hints}' is not a list"
        )
    provider = _provider(store, values)
    kind = provider["provider:network_type"]
    record = _standard(
        project_id,
        _str("name", values.get("name", "")),
        _str("description", values.get("description", "")),
    )
    record.update(
        {
            "admin_state_up": True,
            "status": "ACTIVE",
            "subnets": [],
            "shared": False,
            "router:external": False,
            "mtu": MTUS[kind],
            "port_security_enabled": True,
            "availability_zone_hints": list(hints),
            "availability_zones": [],
            "ipv4_address_scope": None,
            "ipv6_address_scope": None,
            "qos_policy_id": None,
            "is_default": False,
            "l2_adjacency": True,
        }
    )
    record.update(provider)
    record.update(_network_values(values, kind))
    return store.insert(NETWORKS, record)


def update_network(
    store: Store, ctx: Context, network_id: str, body: Any
) -> Record:
    """``PUT /v2.0/networks/{id}``."""
    values = _body(body, NETWORKS)
    network = lookup(store, ctx, NETWORKS, network_id)
    _check_attrs(values, _UPDATABLE[NETWORKS])
    _check_owner(ctx, NETWORKS, "update", network)
    for attr in _ADMIN_NETWORK_ATTRS:
        if (
            attr in values
            and not ctx.is_admin
            and values[attr] != network[attr]
        ):
            raise disallowed(
                f"rule:update_network and rule:update_network:{attr}"
            )
    changes = _network_values(values, network["provider:network_type"])
    if changes.get("shared") is False and network["shared"]:
        foreign = [
            p
            for p in _ports_of_network(store, network_id)
            if p["project_id"] != network["project_id"]
            and p["device_owner"] not in _SERVICE_OWNERS
        ]
        if foreign:
            raise NeutronError(
                409,
                "InvalidSharedSetting",
                f"Unable to reconfigure sharing settings for network "
                f"{network_id}. Multiple tenants are using it.",
            )
    return _touch(store, NETWORKS, network, **changes)


def _ports_of_network(store: Store, network_id: str) -> list[Record]:
    network = store.get(NETWORKS, network_id) or {}
    ids: set[str] = set()
    for subnet_id in network.get("subnets", []):
        subnet = store.get(SUBNETS, subnet_id) or {}
        ids.update(subnet.get("ip_allocations", {}).values())
    ids.update(network.get("unaddressed_ports", []))
    return [p for p in (store.get(PORTS, i) for i in sorted(ids)) if p]


def delete_network(store: Store, ctx: Context, network_id: str) -> None:
    """``DELETE /v2.0/networks/{id}`` (409 while ports use it)."""
    with store.lock:
        network = lookup(store, ctx, NETWORKS, network_id)
        _check_owner(ctx, NETWORKS, "delete", network)
        ports = _ports_of_network(store, network_id)
        if any(p["device_owner"] not in _SERVICE_OWNERS for p in ports):
            raise NeutronError(
                409,
                "NetworkInUse",
                f"Unable to complete operation on network {network_id}. "
                "There are one or more ports still in use on the network.",
            )
        for port in ports:
            store.delete(PORTS, port["id"])
        for subnet_id in network["subnets"]:
            store.delete(SUBNETS, subnet_id)
        store.delete(NETWORKS, network_id)


# -- subnets -------------------------------------------------------------


def _address(number: int, version: int) -> str:
    return str(
        ipaddress.IPv4Address(number)
        if version == 4
        else ipaddress.IPv6Address(number)
    )


def _pools(
    cidr: ipaddress.IPv4Network | ipaddress.IPv6Network,
    gateway: str | None,
    raw: Any,
) -> list[dict[str, str]]:
    """Validated allocation pools (Neutron's default: the whole range
    less the network, broadcast and gateway addresses)."""
    version = cidr.version
    gw = None if gateway is None else int(ipaddress.ip_address(gateway))
    if raw is None:
        first = int(cidr.network_address) + 1
        last = int(cidr.broadcast_address) - (1 if version == 4 else 0)
        if cidr.num_addresses <= 2 or first > last:
            return []
        ranges = [(first, last)]
        if gw is not None and first <= gw <= last:
            ranges = [(first, gw - 1), (gw + 1, last)]
        return [
            {"start": _address(lo, version), "end": _address(hi, version)}
            for lo, hi in ranges
            if lo <= hi
        ]
    if not isinstance(raw, list):
        raise invalid_attr(
            "allocation_pools", f"Invalid data format for IP pool: '{raw}'"
        )
    low, high = int(cidr.network_address), int(cidr.broadcast_address)
    pools: list[tuple[int, int, str]] = []
    for pool in raw:
        if not isinstance(pool, dict) or set(pool) != {"start", "end"}:
            raise invalid_attr(
                "allocation_pools",
                f"Invalid data format for IP pool: '{pool}'",
            )
        start = ipaddress.ip_address(_ip("allocation_pools", pool["start"]))
        end = ipaddress.ip_address(_ip("allocation_pools", pool["end"]))
        text = f"{start}-{end}"
        if start.version != version or end.version != version:
            raise NeutronError(
                400,
                "InvalidAllocationPool",
                f"The allocation pool {text} is not valid.",
            )
        if not (low <= int(start) <= high and low <= int(end) <= high):
            raise NeutronError(
                400,
                "OutOfBoundsAllocationPool",
                f"The allocation pool {text} spans beyond the subnet cidr "
                f"{cidr}.",
            )
        if int(start) > int(end):
            raise NeutronError(
                400,
                "InvalidAllocationPool",
                f"The allocation pool {text} is not valid.",
            )
        pools.append((int(start), int(end), text))
    pools.sort()
    pairs = zip(pools, pools[1:], strict=False)
    for (_, end_a, text_a), (start_b, _, text_b) in pairs:
        if start_b <= end_a:
            raise NeutronError(
                400,
                "OverlappingAllocationPools",
                f"Found overlapping allocation pools: {text_a} and {text_b} "
                f"for subnet {cidr}.",
            )
    for first, last, text in pools:
        if gw is not None and first <= gw <= last:
            raise NeutronError(
                409,
                "GatewayConflictWithAllocationPools",
                f"Gateway ip {gateway} conflicts with allocation pool {text}",
            )
    return [
        {"start": _address(s, version), "end": _address(e, version)}
        for s, e, _ in pools
    ]


def _string_list(attr: str, raw: Any) -> list[Any]:
    if not isinstance(raw, list):
        raise invalid_attr(attr, f"'{raw}' is not a list")
    return list(raw)


def create_subnet(store: Store, ctx: Context, body: Any) -> Record:
    """``POST /v2.0/subnets`` (201)."""
    values = _body(body, SUBNETS)
    _check_attrs(values, _SUBNET_WRITABLE)
    if not is_member(ctx):
        raise disallowed("rule:create_subnet")
    if "network_id" not in values:
        raise _required("network_id")
    project_id = _owner(ctx, values)
    network_id = _str("network_id", values["network_id"])
    if values.get("subnetpool_id") or values.get("use_default_subnetpool"):
        raise bad_request("Subnet pools are not supported by this Neutron")
    if "ip_version" not in values:
        raise _required("ip_version")
    version = _int("ip_version", values["ip_version"])
    if version not in (4, 6):
        raise invalid_attr("ip_version", f"{version} is not in [4, 6]")
    if values.get("cidr") is None:
        raise NeutronError(
            400,
            "BadRequest",
            "Bad subnets request: a subnetpool must be specified in the "
            "absence of a cidr.",
        )
    raw_cidr = _str("cidr", values["cidr"])
    try:
        cidr = ipaddress.ip_network(raw_cidr, strict=False)
    except ValueError as exc:
        raise invalid_attr(
            "cidr", f"'{raw_cidr}' is not a valid IP subnet"
        ) from exc
    if str(cidr) != raw_cidr and "/" in raw_cidr:
        raise invalid_attr(
            "cidr",
            f"'{raw_cidr}' isn't a recommended CIDR, '{cidr}' is recommended",
        )
    if cidr.version != version:
        raise invalid_input(
            f"Requested subnet with cidr: {cidr} does not match ip_version "
            f"{version}"
        )
    if "gateway_ip" in values:
        gateway = (
            None
            if values["gateway_ip"] is None
            else _ip("gateway_ip", values["gateway_ip"])
        )
    else:
        gateway = (
            str(cidr.network_address + 1) if cidr.num_addresses > 2 else None
        )
    if (
        gateway is not None
        and ipaddress.ip_address(gateway).version != version
    ):
        raise invalid_input(
            "gateway_ip does not match the subnet's ip_version"
        )
    pools = _pools(cidr, gateway, values.get("allocation_pools"))
    with store.lock:
        network = lookup(store, ctx, NETWORKS, network_id)
        if not ctx.is_admin and network["project_id"] != ctx.project_id:
            raise disallowed("rule:create_subnet")
        for other_id in network["subnets"]:
            other = store.get(SUBNETS, other_id)
            if other is not None and ipaddress.ip_network(
                other["cidr"]
            ).overlaps(cidr):
                raise invalid_input(
                    f"Requested subnet with cidr: {cidr} for network: "
                    f"{network_id} overlaps with another subnet"
                )
        record = _standard(
            project_id,
            _str("name", values.get("name", "")),
            _str("description", values.get("description", "")),
        )
        record.update(
            {
                "network_id": network_id,
                "ip_version": version,
                "cidr": str(cidr),
                "gateway_ip": gateway,
                "allocation_pools": pools,
                "enable_dhcp": _bool(
                    "enable_dhcp", values.get("enable_dhcp", True)
                ),
                "dns_nameservers": [
                    _ip("dns_nameservers", v)
                    for v in _string_list(
                        "dns_nameservers", values.get("dns_nameservers", [])
                    )
                ],
                "host_routes": _string_list(
                    "host_routes", values.get("host_routes", [])
                ),
                "ipv6_ra_mode": values.get("ipv6_ra_mode"),
                "ipv6_address_mode": values.get("ipv6_address_mode"),
                "subnetpool_id": None,
                "segment_id": values.get("segment_id"),
                "service_types": _string_list(
                    "service_types", values.get("service_types", [])
                ),
                "router:external": network["router:external"],
                "ip_allocations": {},
            }
        )
        store.insert(SUBNETS, record)
        _touch(
            store,
            NETWORKS,
            network,
            subnets=network["subnets"] + [record["id"]],
        )
        return record


def update_subnet(
    store: Store, ctx: Context, subnet_id: str, body: Any
) -> Record:
    """``PUT /v2.0/subnets/{id}``."""
    values = _body(body, SUBNETS)
    with store.lock:
        subnet = lookup(store, ctx, SUBNETS, subnet_id)
        _check_attrs(values, _UPDATABLE[SUBNETS])
        _check_owner(ctx, SUBNETS, "update", subnet)
        changes: dict[str, Any] = {}
        for key in ("name", "description"):
            if key in values:
                changes[key] = _str(key, values[key])
        if "enable_dhcp" in values:
            changes["enable_dhcp"] = _bool(
                "enable_dhcp", values["enable_dhcp"]
            )
        for key in ("dns_nameservers", "host_routes", "service_types"):
            if key in values:
                changes[key] = _string_list(key, values[key])
        cidr = ipaddress.ip_network(subnet["cidr"])
        gateway = subnet["gateway_ip"]
        if "gateway_ip" in values:
            gateway = (
                None
                if values["gateway_ip"] is None
                else _ip("gateway_ip", values["gateway_ip"])
            )
            changes["gateway_ip"] = gateway
        if "allocation_pools" in values or "gateway_ip" in values:
            raw = values.get("allocation_pools", subnet["allocation_pools"])
            changes["allocation_pools"] = _pools(cidr, gateway, raw)
        return _touch(store, SUBNETS, subnet, **changes)


def delete_subnet(store: Store, ctx: Context, subnet_id: str) -> None:
    """``DELETE /v2.0/subnets/{id}`` (409 while ports hold its addresses)."""
    with store.lock:
        subnet = lookup(store, ctx, SUBNETS, subnet_id)
        _check_owner(ctx, SUBNETS, "delete", subnet)
        users = [
            store.get(PORTS, port_id)
            for port_id in subnet["ip_allocations"].values()
        ]
        if any(
            p is not None and p["device_owner"] not in _SERVICE_OWNERS
            for p in users
        ):
            raise NeutronError(
                409,
                "SubnetInUse",
                f"Unable to complete operation on subnet {subnet_id}: One or "
                "more ports have an IP allocation from this subnet.",
            )
        store.delete(SUBNETS, subnet_id)
        network = store.get(NETWORKS, subnet["network_id"])
        if network is not None:
            _touch(
                store,
                NETWORKS,
                network,
                subnets=[s for s in network["subnets"] if s != subnet_id],
            )


# -- ports ---------------------------------------------------------------


def _free_ip(subnet: Record) -> str | None:
    """The first pool address not allocated (bounded by the allocations)."""
    taken = subnet["ip_allocations"]
    version = subnet["ip_version"]
    for pool in subnet["allocation_pools"]:
        address = int(ipaddress.ip_address(pool["start"]))
        end = int(ipaddress.ip_address(pool["end"]))
        for _ in range(len(taken) + 1):
            if address > end:
                break
            if _address(address, version) not in taken:
                return _address(address, version)
            address += 1
    return None


def _allocate(
    store: Store,
    network: Record,
    requested: Any,
    port_id: str,
) -> list[dict[str, str]]:
    """Addresses for a new port: the requested ones, else one per IPv4
    subnet with room (and one from the first IPv6 subnet)."""
    fixed: list[dict[str, str]] = []
    if requested is None:
        versions: set[int] = set()
        for subnet_id in network["subnets"]:
            subnet = store.get(SUBNETS, subnet_id)
            if subnet is None or subnet["ip_version"] in versions:
                continue
            address = _free_ip(subnet)
            if address is not None:
                versions.add(subnet["ip_version"])
                fixed.append({"subnet_id": subnet_id, "ip_address": address})
        if network["subnets"] and not fixed:
            raise _exhausted(network["id"])
    else:
        if not isinstance(requested, list):
            raise invalid_attr(
                "fixed_ips", f"Invalid data format for fixed IP: '{requested}'"
            )
        for item in requested:
            if not isinstance(item, dict) or not set(item) <= {
                "subnet_id",
                "ip_address",
            }:
                raise invalid_attr(
                    "fixed_ips", f"Invalid data format for fixed IP: '{item}'"
                )
            fixed.append(_fixed_ip(store, network, item))
    for entry in fixed:
        subnet = store.get(SUBNETS, entry["subnet_id"])
        assert subnet is not None
        subnet["ip_allocations"][entry["ip_address"]] = port_id
    return fixed


def _exhausted(network_id: str) -> NeutronError:
    return NeutronError(
        409,
        "IpAddressGenerationFailure",
        f"No more IP addresses available on network {network_id}.",
    )


def _fixed_ip(
    store: Store, network: Record, item: dict[str, Any]
) -> dict[str, str]:
    address = item.get("ip_address")
    subnet_id = item.get("subnet_id")
    subnet = None
    if subnet_id is not None:
        subnet = store.get(SUBNETS, str(subnet_id))
        if subnet is None:
            raise not_found(SUBNETS, str(subnet_id))
        if subnet["network_id"] != network["id"]:
            raise invalid_input(
                f"Failed to create port on network {network['id']}, because "
                f"fixed_ips included invalid subnet {subnet_id}"
            )
    if address is None:
        if subnet is None:
            raise invalid_attr("fixed_ips", "subnet_id or ip_address required")
        found = _free_ip(subnet)
        if found is None:
            raise _exhausted(network["id"])
        return {"subnet_id": subnet["id"], "ip_address": found}
    address = _ip("ip_address", address)
    candidates = (
        [subnet]
        if subnet is not None
        else [store.get(SUBNETS, s) for s in network["subnets"]]
    )
    for candidate in candidates:
        if candidate and ipaddress.ip_address(address) in ipaddress.ip_network(
            candidate["cidr"]
        ):
            if address in candidate["ip_allocations"]:
                raise NeutronError(
                    409,
                    "IpAddressAlreadyAllocated",
                    f"IP address {address} already allocated in subnet "
                    f"{candidate['id']}",
                )
            return {"subnet_id": candidate["id"], "ip_address": address}
    raise NeutronError(
        400,
        "InvalidIpForNetwork" if subnet is None else "InvalidIpForSubnet",
        f"IP address {address} is not a valid IP for any of the subnets on "
        "the specified network."
        if subnet is None
        else f"IP address {address} is not a valid IP for the specified "
        "subnet.",
    )


def _release(store: Store, port: Record) -> None:
    for entry in port["fixed_ips"]:
        subnet = store.get(SUBNETS, entry["subnet_id"])
        if subnet is not None:
            subnet["ip_allocations"].pop(entry["ip_address"], None)
    network = store.get(NETWORKS, port["network_id"])
    if network is not None and port["id"] in network.get(
        "unaddressed_ports", []
    ):
        network["unaddressed_ports"].remove(port["id"])


def create_port(store: Store, ctx: Context, body: Any) -> Record:
    """``POST /v2.0/ports`` (201): addresses from the network's subnets."""
    values = _body(body, PORTS)
    _check_attrs(values, _PORT_WRITABLE)
    if not is_member(ctx):
        raise disallowed("rule:create_port")
    if "network_id" not in values:
        raise _required("network_id")
    project_id = _owner(ctx, values)
    network_id = _str("network_id", values["network_id"])
    with store.lock:
        network = lookup(store, ctx, NETWORKS, network_id)
        if (
            not ctx.is_admin
            and network["project_id"] != ctx.project_id
            and not network["shared"]
        ):
            raise disallowed("rule:create_port")
        record = _standard(
            project_id,
            _str("name", values.get("name", "")),
            _str("description", values.get("description", "")),
        )
        record.update(
            {
                "network_id": network_id,
                "admin_state_up": _bool(
                    "admin_state_up", values.get("admin_state_up", True)
                ),
                "status": "DOWN",
                "mac_address": _str(
                    "mac_address", values.get("mac_address") or _mac()
                ),
                "device_id": _str("device_id", values.get("device_id", "")),
                "device_owner": _str(
                    "device_owner", values.get("device_owner", "")
                ),
                "allowed_address_pairs": _string_list(
                    "allowed_address_pairs",
                    values.get("allowed_address_pairs", []),
                ),
                "extra_dhcp_opts": _string_list(
                    "extra_dhcp_opts", values.get("extra_dhcp_opts", [])
                ),
                "security_groups": _string_list(
                    "security_groups", values.get("security_groups", [])
                ),
                "port_security_enabled": _bool(
                    "port_security_enabled",
                    values.get(
                        "port_security_enabled",
                        network["port_security_enabled"],
                    ),
                ),
                "binding:vnic_type": _str(
                    "binding:vnic_type",
                    values.get("binding:vnic_type", "normal"),
                ),
                "binding:host_id": _str(
                    "binding:host_id", values.get("binding:host_id", "")
                ),
            }
        )
        record["fixed_ips"] = _allocate(
            store, network, values.get("fixed_ips"), record["id"]
        )
        if not record["fixed_ips"]:
            network.setdefault("unaddressed_ports", []).append(record["id"])
        return store.insert(PORTS, record)


def update_port(store: Store, ctx: Context, port_id: str, body: Any) -> Record:
    """``PUT /v2.0/ports/{id}`` (names, state, device; not addresses)."""
    values = _body(body, PORTS)
    with store.lock:
        port = lookup(store, ctx, PORTS, port_id)
        _check_attrs(values, _UPDATABLE[PORTS])
        _check_owner(ctx, PORTS, "update", port)
        changes: dict[str, Any] = {}
        for key in (
            "name",
            "description",
            "device_id",
            "device_owner",
            "binding:vnic_type",
            "binding:host_id",
        ):
            if key in values:
                changes[key] = _str(key, values[key])
        for key in ("admin_state_up", "port_security_enabled"):
            if key in values:
                changes[key] = _bool(key, values[key])
        for key in ("allowed_address_pairs", "security_groups"):
            if key in values:
                changes[key] = _string_list(key, values[key])
        if "fixed_ips" in values:
            network = store.get(NETWORKS, port["network_id"])
            assert network is not None
            _release(store, port)
            try:
                changes["fixed_ips"] = _allocate(
                    store, network, values["fixed_ips"], port_id
                )
            except NeutronError:
                _allocate(store, network, port["fixed_ips"], port_id)
                raise
        return _touch(store, PORTS, port, **changes)


def delete_port(store: Store, ctx: Context, port_id: str) -> None:
    """``DELETE /v2.0/ports/{id}`` (204); its addresses go back to the pool."""
    with store.lock:
        port = lookup(store, ctx, PORTS, port_id)
        _check_owner(ctx, PORTS, "delete", port)
        _release(store, port)
        store.delete(PORTS, port_id)


# -- dispatch tables used by the HTTP layer ------------------------------

CREATE: dict[str, Callable[[Store, Context, Any], Record]] = {
    NETWORKS: create_network,
    SUBNETS: create_subnet,
    PORTS: create_port,
}
UPDATE: dict[str, Callable[[Store, Context, str, Any], Record]] = {
    NETWORKS: update_network,
    SUBNETS: update_subnet,
    PORTS: update_port,
}
DELETE: dict[str, Callable[[Store, Context, str], None]] = {
    NETWORKS: delete_network,
    SUBNETS: delete_subnet,
    PORTS: delete_port,
}


# -- seeding (devstack's initial networks) -------------------------------

#: the seeded ``private`` network of ``demo`` and its subnet, as share
#: network arguments (stable ids, the same on every start)
PRIVATE = {
    "neutron_net_id": stable_id("neutron-network", "private"),
    "neutron_subnet_id": stable_id("neutron-subnet", "private-subnet"),
}


def seed(store: Store, projects: dict[str, str], admin_ctx: Context) -> None:
    """devstack's networks: ``public`` (external, flat ``public``
    physnet, admin's), ``shared`` (admin's, shared) and ``private``
    (demo's, when a ``demo`` project exists)."""

    def network(
        name: str, project: str, subnet: str, cidr: str, **attrs: Any
    ) -> None:
        body = {
            "network": dict({"name": name, "project_id": project}, **attrs)
        }
        record = create_network(store, admin_ctx, body)
        # stable ids, so that tools and docs can name them
        store.delete(NETWORKS, record["id"])
        record["id"] = stable_id("neutron-network", name)
        store.insert(NETWORKS, record)
        created = create_subnet(
            store,
            admin_ctx,
            {
                "subnet": {
                    "name": subnet,
                    "network_id": record["id"],
                    "ip_version": 4,
                    "cidr": cidr,
                    "project_id": project,
                }
            },
        )
        store.delete(SUBNETS, created["id"])
        created["id"] = stable_id("neutron-subnet", subnet)
        store.insert(SUBNETS, created)
        record["subnets"] = [created["id"]]

    admin = projects.get("admin", admin_ctx.project_id)
    network(
        "public",
        admin,
        "public-subnet",
        "172.24.4.0/24",
        **{
            "router:external": True,
            "provider:network_type": "flat",
            "provider:physical_network": "public",
        },
    )
    network("shared", admin, "shared-subnet", "192.168.233.0/24", shared=True)
    if "demo" in projects:
        network("private", projects["demo"], "private-subnet", "10.0.0.0/26")
