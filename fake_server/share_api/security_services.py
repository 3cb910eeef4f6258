"""Plays manila's security service API (api/v2/security_service.py) and
the security service actions of share networks (api/v2/share_networks.py,
share/api.py ``_share_network_update_initial_checks``): business rules.

Records live in table ``security_services``; a share network keeps the
ids of its services in its ``security_services`` list. As in Manila, the
lookup by id is not limited to the caller's project: another project's
service gives the policy's 403, not a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_server import errors, policy
from fake_server.context import Context
from fake_server.share_api import common, network_updates
from fake_server.share_api import networks as networks_api
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

TABLE = "security_services"
#: Manila's SECURITY_SERVICES_ALLOWED_TYPES
TYPES = ("active_directory", "ldap", "kerberos")
#: fields a security service record stores (strings or None)
FIELDS = (
    "name",
    "description",
    "type",
    "dns_ip",
    "server",
    "domain",
    "user",
    "password",
    "ou",
    "default_ad_site",
)
#: filters non-admins may use (others are dropped)
SEARCH_OPTIONS = ("name", "id", "type", "user", "server", "dns_ip", "domain")
#: what may change while a share server depends on the service
UPDATABLE_IN_USE = ("description", "name")


# -- lookups ------------------------------------------------------------------


def get_service(cloud: Cloud, service_id: str) -> Record:
    """A security service by id (any project), else Manila's 404."""
    record = cloud.store.get(TABLE, str(service_id))
    if record is None:
        raise errors.NotFound(
            f"Security service {service_id} could not be found."
        )
    return record


def networks_using(cloud: Cloud, service_id: str) -> list[Record]:
    """The share networks a security service is attached to."""
    return cloud.store.select(
        "share_networks",
        lambda n: service_id in (n.get("security_services") or []),
    )


def _network_has_servers(cloud: Cloud, network_id: str) -> bool:
    return bool(networks_api.servers_of_network(cloud, network_id))


def _values(body: dict[str, Any]) -> dict[str, Any]:
    """The known fields of a request body, which must be strings."""
    values: dict[str, Any] = {}
    for key in FIELDS:
        if key not in body:
            continue
        value = body[key]
        if value is not None and not isinstance(value, str):
            raise errors.BadRequest(
                f"Invalid input received: {key} must be a string."
            )
        if isinstance(value, str) and len(value) > 255:
            raise errors.BadRequest(
                f"Invalid input received: {key} has a length greater than 255."
            )
        values[key] = value
    return values


def _check_ad_site(
    ctx: Context, service_type: Any, values: dict[str, Any], verb: str
) -> None:
    if not values.get("default_ad_site"):
        return
    if ctx.version < "2.76":
        raise errors.BadRequest(
            '"default_ad_site" is only supported from API version 2.76.'
        )
    if service_type == "active_directory" and values.get("server"):
        sep = "," if verb == "create" else "."
        raise errors.BadRequest(
            "Invalid input received: Cannot create security service "
            "because both server and 'default_ad_site' were provided"
            f"{sep} Specify either server or 'default_ad_site'."
        )


# -- security services ------------------------------------------------------


def create_service(cloud: Cloud, ctx: Context, body: dict[str, Any]) -> Record:
    """Create a security service of the caller's project."""
    policy.authorize(ctx, "security_service:create")
    service_type = body.get("type")
    if service_type not in TYPES:
        raise errors.BadRequest(
            f"Invalid input received: Invalid type {service_type} specified "
            "for security service. Valid types are "
            f"{','.join(TYPES)}."
        )
    values = _values(body)
    _check_ad_site(ctx, service_type, values, "create")
    record: Record = {key: values.get(key) for key in FIELDS}
    record["project_id"] = ctx.project_id
    return cloud.store.insert(TABLE, record)


def show_service(cloud: Cloud, ctx: Context, service_id: str) -> Record:
    """One security service (403 for another project's, as Manila)."""
    try:
        service = get_service(cloud, service_id)
    except errors.NotFound as exc:
        raise errors.NotFound() from exc
    policy.authorize(ctx, "security_service:show", service["project_id"])
    return service


def update_service(
    cloud: Cloud, ctx: Context, service_id: str, body: dict[str, Any]
) -> Record:
    """Change a security service; only name and description while a
    share network using it has share servers."""
    try:
        service = get_service(cloud, service_id)
    except errors.NotFound as exc:
        raise errors.NotFound() from exc
    policy.authorize(ctx, "security_service:update", service["project_id"])
    in_use = any(
        _network_has_servers(cloud, n["id"])
        for n in networks_using(cloud, service["id"])
    )
    if in_use:
        for key in body:
            if key not in UPDATABLE_IN_USE:
                raise errors.Forbidden(
                    f"Cannot update security service {service_id}. It is "
                    "attached to share network with share server "
                    "associated. Only 'name' and 'description' fields are "
                    "available for update."
                )
    values = _values(body)
    _check_ad_site(ctx, service["type"], values, "update")
    return cloud.store.update(TABLE, service["id"], **values)


def delete_service(cloud: Cloud, ctx: Context, service_id: str) -> None:
    """Delete a security service (403 while attached to a network)."""
    with cloud.store.lock:
        try:
            service = get_service(cloud, service_id)
        except errors.NotFound as exc:
            raise errors.NotFound() from exc
        if networks_using(cloud, service["id"]):
            raise errors.Forbidden(
                "Cannot delete security service. It is assigned to share "
                "network(s)"
            )
        policy.authorize(ctx, "security_service:delete", service["project_id"])
        cloud.store.delete(TABLE, service["id"])


def list_services(
    cloud: Cloud, ctx: Context, query: dict[str, str]
) -> list[Record]:
    """Security services after Manila's filters, offset and limit.

    As in Manila, admins keep every query key as a field filter, paging
    keys included (these never match).
    """
    opts = dict(query)
    opts.pop("status", None)
    if "share_network_id" in opts:
        network = networks_api.get_network(
            cloud, ctx, opts.pop("share_network_id")
        )
        ids = list(network.get("security_services") or [])
        services = [s for s in (cloud.store.get(TABLE, i) for i in ids) if s]
    else:
        if common.is_all_tenants(opts) and policy.allowed(
            ctx, "security_service:get_all_security_services"
        ):
            services = cloud.store.select(TABLE)
        else:
            services = cloud.store.select(
                TABLE, lambda s: s["project_id"] == ctx.project_id
            )
    opts.pop("all_tenants", None)
    if not ctx.is_admin:
        opts = {k: v for k, v in opts.items() if k in SEARCH_OPTIONS}
    missing = object()
    for key, value in opts.items():
        services = [s for s in services if s.get(key, missing) == value]
    return common.limited(services, query)


# -- share network actions ----------------------------------------------------


def _action_value(body: Any, action: str, *keys: str) -> dict[str, str]:
    """``body[action][key]`` for each key, or Manila's 400."""
    data = body.get(action) if isinstance(body, dict) else None
    if not isinstance(data, dict) or any(k not in data for k in keys):
        raise errors.BadRequest("Malformed request body")
    for key in keys:
        if not isinstance(data[key], str):
            raise errors.BadRequest("Malformed request body")
    return data


def _initial_checks(
    cloud: Cloud,
    network: Record,
    new: Record,
    current: Record | None = None,
) -> tuple[list[Record], list[str]]:
    """Manila's ``_share_network_update_initial_checks``.

    :returns: The share servers of the network and their backend hosts.
    """
    # api/common.py raises HTTPBadRequest itself: no prefix
    networks_api.check_active(network)
    attached = list(network.get("security_services") or [])
    if current is None:
        for service_id in attached:
            service = cloud.store.get(TABLE, service_id)
            if service is not None and service["type"] == new["type"]:
                raise errors.Conflict(
                    "Invalid security service: Cannot add security service "
                    f"to share network. Security service with "
                    f"'{new['type']}' type already added to "
                    f"'{network['id']}' share network"
                )
    else:
        if current["id"] not in attached:
            raise errors.Conflict(
                "Invalid security service: The specified current security "
                f"service {current['id']} is not associated to the share "
                f"network {network['id']}."
            )
        if current["type"] != new["type"]:
            raise errors.Conflict(
                "Invalid security service: A security service can only be "
                "replaced by one of the same type. The current security "
                f"service type is '{current['type']}' and the new security "
                f"service type is '{new['type']}'"
            )
    return network_updates.security_service_checks(cloud, network)


def _associate(cloud: Cloud, network: Record, attached: list[str]) -> Record:
    """Store a network's security services (Manila's association
    table, not the network row)."""
    return networks_api.update_beside_row(
        cloud, network, security_services=attached
    )


def add_to_network(
    cloud: Cloud, ctx: Context, network_id: str, body: Any
) -> Record:
    """Action ``add_security_service``: attach a service to a network."""
    network = networks_api.get_network(cloud, ctx, network_id)
    policy.authorize(
        ctx, "share_network:add_security_service", network["project_id"]
    )
    data = _action_value(body, "add_security_service", "security_service_id")
    with cloud.store.lock:
        service = get_service(cloud, data["security_service_id"])
        if _network_has_servers(cloud, network_id) and ctx.version < "2.63":
            raise errors.Forbidden(
                "Cannot add security services. Share network is used."
            )
        servers, hosts = _initial_checks(cloud, network, service)
        network_updates.update_security_service(
            cloud, network, servers, hosts, service, None
        )
        network = cloud.store.get("share_networks", network_id) or network
        attached = list(network.get("security_services") or [])
        if service["id"] in attached:
            raise errors.BadRequest(
                f"Failed to associate share network {network_id} and "
                f"security service {service['id']}: Already associated."
            )
        attached.append(service["id"])
        return _associate(cloud, network, attached)


def remove_from_network(
    cloud: Cloud, ctx: Context, network_id: str, body: Any
) -> Record:
    """Action ``remove_security_service``: detach a service (403 while
    the network has share servers)."""
    network = networks_api.get_network(cloud, ctx, network_id)
    policy.authorize(
        ctx, "share_network:remove_security_service", network["project_id"]
    )
    data = _action_value(
        body, "remove_security_service", "security_service_id"
    )
    with cloud.store.lock:
        if _network_has_servers(cloud, network_id):
            raise errors.Forbidden(
                "Cannot remove security services. Share network is used."
            )
        service = get_service(cloud, data["security_service_id"])
        attached = list(network.get("security_services") or [])
        if service["id"] not in attached:
            raise errors.BadRequest(
                f"Failed to dissociate share network {network_id} and "
                f"security service {service['id']}: No association "
                "defined."
            )
        attached.remove(service["id"])
        return _associate(cloud, network, attached)


def _pair(cloud: Cloud, data: dict[str, str]) -> tuple[Record, Record]:
    try:
        current = get_service(cloud, data["current_service_id"])
        new = get_service(cloud, data["new_service_id"])
    except errors.NotFound as exc:
        raise errors.BadRequest(
            "The current security service or the new security service "
            "doesn't exist."
        ) from exc
    return current, new


def update_on_network(
    cloud: Cloud, ctx: Context, network_id: str, body: Any
) -> Record:
    """Action ``update_security_service`` (2.63): swap a service for
    another of the same type."""
    network = networks_api.get_network(cloud, ctx, network_id)
    policy.authorize(
        ctx, "share_network:update_security_service", network["project_id"]
    )
    try:
        data = _action_value(
            body,
            "update_security_service",
            "current_service_id",
            "new_service_id",
        )
    except errors.BadRequest as exc:
        raise errors.BadRequest("Malformed request body.") from exc
    with cloud.store.lock:
        current, new = _pair(cloud, data)
        servers, hosts = _initial_checks(cloud, network, new, current)
        network_updates.update_security_service(
            cloud, network, servers, hosts, new, current
        )
        network = cloud.store.get("share_networks", network_id) or network
        # Manila drops the current association, then adds the new one
        attached = [
            s
            for s in network.get("security_services") or []
            if s != current["id"]
        ]
        if new["id"] not in attached:
            attached.append(new["id"])
        return _associate(cloud, network, attached)


def check_on_network(
    cloud: Cloud, ctx: Context, network_id: str, body: Any, action: str
) -> dict[str, Any]:
    """Actions ``update_security_service_check`` and
    ``add_security_service_check`` (2.63).

    :returns: Manila's view: ``compatible``, ``requested_operation`` and,
        for admins, ``hosts_check_result``.
    """
    network = networks_api.get_network(cloud, ctx, network_id)
    policy.authorize(ctx, f"share_network:{action}", network["project_id"])
    if action == "update_security_service_check":
        try:
            data = _action_value(
                body, action, "current_service_id", "new_service_id"
            )
        except errors.BadRequest as exc:
            raise errors.BadRequest("Malformed request body.") from exc
        current: Record | None
        current, new = _pair(cloud, data)
    else:
        try:
            data = _action_value(body, action, "security_service_id")
        except errors.BadRequest as exc:
            raise errors.BadRequest("Malformed request body.") from exc
        found = cloud.store.get(TABLE, data["security_service_id"])
        if found is None or (
            not ctx.is_admin and found["project_id"] != ctx.project_id
        ):
            raise errors.BadRequest(
                f"Security service {data['security_service_id']} doesn't "
                "exist."
            )
        new = found
        current = None
    reset = common.parse_bool(
        data.get("reset_operation", False), "reset_operation"
    )
    with cloud.store.lock:
        _servers, hosts = _initial_checks(cloud, network, new, current)
        result = network_updates.check_security_service(
            cloud, network, hosts, new, current, reset
        )
    # views/share_networks.py build_security_service_update_check
    # echoes the request's keys
    view: dict[str, Any] = {
        "compatible": result["compatible"],
        "requested_operation": {
            "operation": (
                "update_security_service"
                if data.get("current_service_id")
                else "add_security_service"
            ),
            "current_security_service": data.get("current_service_id"),
            "new_security_service": (
                data.get("new_service_id") or data.get("security_service_id")
            ),
        },
    }
    if ctx.is_admin:
        view["hosts_check_result"] = result["hosts_check_result"]
    return view
