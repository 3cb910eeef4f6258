"""Plays manila/api/v2/share_networks.py and views/share_networks.py."""

from __future__ import annotations

from typing import Any

from fake_server import policy
from fake_server.api import common
from fake_server.api.views import F, render
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.cloud import Cloud
from fake_server.context import Context
from fake_server.share_api import networks as networks_api

Rec = dict[str, Any]
SENSITIVE = ("network_type", "segmentation_id")


def shows_details(ctx: Context) -> bool:
    """Whether ``network_type`` and ``segmentation_id`` are shown."""
    return policy.allowed(ctx, "share_network:show_network_details")


def redacted(name: str) -> Any:
    """A view source that nulls a sensitive field for non-admins."""

    def source(record: Rec, ctx: Context) -> Any:
        return record.get(name) if shows_details(ctx) else None

    return source


#: a subnet inside a share network's view (2.51; metadata 2.78)
EMBEDDED_SUBNET = (
    F("id"),
    F("availability_zone"),
    F("created_at"),
    F("updated_at"),
    F("segmentation_id", source=redacted("segmentation_id")),
    F("neutron_net_id"),
    F("neutron_subnet_id"),
    F("ip_version"),
    F("cidr"),
    F("network_type", source=redacted("network_type")),
    F("mtu"),
    F("gateway"),
    F("metadata", "2.78", source=lambda r, c: dict(r.get("metadata") or {})),
)


def _subnets(record: Rec, ctx: Context) -> Any:
    return [render(s, EMBEDDED_SUBNET, ctx) for s in record["_subnets"]]


SUMMARY = (F("id"), F("name"))
DETAIL = (
    F("id"),
    F("name"),
    F("project_id"),
    F("created_at"),
    F("updated_at"),
    F("neutron_net_id", "2.0", "2.50"),
    F("neutron_subnet_id", "2.0", "2.50"),
    F("network_type", "2.0", "2.50", source=redacted("network_type")),
    F("segmentation_id", "2.0", "2.50", source=redacted("segmentation_id")),
    F("cidr", "2.0", "2.50"),
    F("ip_version", "2.0", "2.50"),
    F("description"),
    F("nova_net_id", "2.0", "2.25", source=lambda r, c: None),
    F("gateway", "2.18", "2.50"),
    F("mtu", "2.20", "2.50"),
    F("share_network_subnets", "2.51", source=_subnets),
    F("status", "2.63"),
    F("security_service_update_support", "2.63"),
    F("network_allocation_update_support", "2.70"),
)


def expand(cloud: Cloud, network: Rec) -> Rec:
    """A network with its default subnet's fields, its subnets and the
    update-support flags its share servers give (as Manila's model)."""
    view = dict(network)
    subnets = networks_api.subnets_of(cloud, network["id"])
    view["_subnets"] = subnets
    for subnet in subnets:
        if subnet.get("availability_zone") is None:
            for key in networks_api.SUBNET_NET_FIELDS:
                view[key] = subnet.get(key)
    servers = networks_api.servers_of_network(cloud, network["id"])
    for key in (
        "security_service_update_support",
        "network_allocation_update_support",
    ):
        view[key] = all(bool(s.get(key)) for s in servers)
    return view


def network_view(req: ApiRequest, network: Rec) -> Rec:
    """One share network, detailed, at the request's version."""
    return render(expand(req.cloud, network), DETAIL, req.ctx)


def _list(req: ApiRequest, detailed: bool) -> Reply:
    rows = networks_api.list_networks(req.cloud, req.ctx, req.flat_query())
    if detailed:
        body = [network_view(req, n) for n in rows]
    else:
        body = [render(n, SUMMARY, req.ctx) for n in rows]
    return Reply(200, {"share_networks": body})


def index(req: ApiRequest) -> Reply:
    """GET /share-networks"""
    common.authorize(req, "share_network:index")
    return _list(req, False)


def detail(req: ApiRequest) -> Reply:
    """GET /share-networks/detail"""
    common.authorize(req, "share_network:detail")
    return _list(req, True)


def show(req: ApiRequest) -> Reply:
    """GET /share-networks/{share_network_id}"""
    common.authorize(req, "share_network:show")
    network = networks_api.get_network(
        req.cloud, req.ctx, req.params["share_network_id"]
    )
    return Reply(200, {"share_network": network_view(req, network)})


def _body(req: ApiRequest) -> Rec:
    body = req.body()
    if not isinstance(body, dict) or "share_network" not in body:
        raise common.unprocessable()
    values = body["share_network"]
    if not isinstance(values, dict):
        raise common.unprocessable()
    return dict(values)


def create(req: ApiRequest) -> Reply:
    """POST /share-networks (200, as Manila)."""
    common.authorize(req, "share_network:create")
    network = networks_api.create_network(req.cloud, req.ctx, _body(req))
    return Reply(200, {"share_network": network_view(req, network)})


def update(req: ApiRequest) -> Reply:
    """PUT /share-networks/{share_network_id}"""
    common.authorize(req, "share_network:update")
    network = networks_api.update_network(
        req.cloud, req.ctx, req.params["share_network_id"], _body(req)
    )
    return Reply(200, {"share_network": network_view(req, network)})


def delete(req: ApiRequest) -> Reply:
    """DELETE /share-networks/{share_network_id} (202)."""
    networks_api.delete_network(
        req.cloud, req.ctx, req.params["share_network_id"]
    )
    return Reply(202)


def reset_status(req: ApiRequest) -> Reply:
    """Action ``reset_status`` (2.63, admin; 202)."""
    body = req.body().get("reset_status")
    common.admin_action(
        req,
        "share_network:reset_status",
        lambda: networks_api.reset_status(
            req.cloud, req.ctx, req.params["share_network_id"], body
        ),
    )
    return Reply(202)


def subnet_create_check(req: ApiRequest) -> Reply:
    """Action ``share_network_subnet_create_check`` (2.70, 202)."""
    result = networks_api.subnet_create_check(
        req.cloud, req.ctx, req.params["share_network_id"], req.body()
    )
    view: Rec = {"compatible": result["compatible"]}
    if req.ctx.is_admin:
        view["hosts_check_result"] = result["hosts_check_result"]
    return Reply(202, view)
