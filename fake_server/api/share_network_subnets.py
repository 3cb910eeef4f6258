"""Plays manila/api/v2/share_network_subnets.py and its view (2.51+),
with the subnet metadata calls (2.78+)."""

from __future__ import annotations

from typing import Any

from fake_server import errors
from fake_server.api.share_networks import redacted
from fake_server.api.views import F, render
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.context import Context
from fake_server.share_api import networks as networks_api

Rec = dict[str, Any]


def _metadata(record: Rec, ctx: Context) -> Any:
    return dict(record.get("metadata") or {})


VIEW = (
    F("id"),
    F("availability_zone"),
    F("share_network_id"),
    F("share_network_name"),
    F("created_at"),
    F("segmentation_id", source=redacted("segmentation_id")),
    F("neutron_subnet_id"),
    F("updated_at"),
    F("neutron_net_id"),
    F("ip_version"),
    F("cidr"),
    F("network_type", source=redacted("network_type")),
    F("mtu"),
    F("gateway"),
    F("metadata", "2.78", source=_metadata),
)


def subnet_view(req: ApiRequest, subnet: Rec) -> Rec:
    """One subnet at the request's version."""
    record = dict(subnet)
    network = (
        req.cloud.store.get("share_networks", subnet["share_network_id"]) or {}
    )
    record["share_network_name"] = network.get("name")
    return render(record, VIEW, req.ctx)


def _ids(req: ApiRequest) -> tuple[str, str]:
    return req.params["share_network_id"], req.params["subnet_id"]


def index(req: ApiRequest) -> Reply:
    """GET /share-networks/{id}/subnets (2.51)."""
    rows = networks_api.list_subnets(
        req.cloud, req.ctx, req.params["share_network_id"]
    )
    return Reply(
        200, {"share_network_subnets": [subnet_view(req, s) for s in rows]}
    )


def show(req: ApiRequest) -> Reply:
    """GET /share-networks/{id}/subnets/{subnet_id} (2.51)."""
    subnet = networks_api.show_subnet(req.cloud, req.ctx, *_ids(req))
    return Reply(200, {"share_network_subnet": subnet_view(req, subnet)})


def create(req: ApiRequest) -> Reply:
    """POST /share-networks/{id}/subnets (2.51; 200, as Manila)."""
    body = req.body()
    if not isinstance(body, dict) or not isinstance(
        body.get("share-network-subnet"), dict
    ):
        raise errors.BadRequest(
            "Share Network Subnet is missing from the request body."
        )
    subnet = networks_api.create_subnet(
        req.cloud,
        req.ctx,
        req.params["share_network_id"],
        body["share-network-subnet"],
    )
    return Reply(200, {"share_network_subnet": subnet_view(req, subnet)})


def delete(req: ApiRequest) -> Reply:
    """DELETE /share-networks/{id}/subnets/{subnet_id} (2.51; 202)."""
    networks_api.delete_subnet(req.cloud, req.ctx, *_ids(req))
    return Reply(202)


# -- metadata (2.78) -------------------------------------------------------


def index_metadata(req: ApiRequest) -> Reply:
    """GET .../subnets/{subnet_id}/metadata"""
    metadata = networks_api.get_metadata(req.cloud, req.ctx, *_ids(req))
    return Reply(200, {"metadata": metadata})


def create_metadata(req: ApiRequest) -> Reply:
    """POST .../subnets/{subnet_id}/metadata: merge."""
    metadata = networks_api.set_metadata(
        req.cloud, req.ctx, *_ids(req), req.body(), replace=False
    )
    return Reply(200, {"metadata": metadata})


def update_all_metadata(req: ApiRequest) -> Reply:
    """PUT .../subnets/{subnet_id}/metadata: replace."""
    metadata = networks_api.set_metadata(
        req.cloud, req.ctx, *_ids(req), req.body(), replace=True
    )
    return Reply(200, {"metadata": metadata})


def show_metadata(req: ApiRequest) -> Reply:
    """GET .../metadata/{key}: answers ``{"meta": {key: value}}``."""
    key = req.params["key"]
    value = networks_api.get_metadata_item(req.cloud, req.ctx, *_ids(req), key)
    return Reply(200, {"meta": {key: value}})


def update_metadata_item(req: ApiRequest) -> Reply:
    """POST .../metadata/{key} with ``{"metadata": {key: value}}``."""
    item = networks_api.set_metadata_item(
        req.cloud, req.ctx, *_ids(req), req.params["key"], req.body()
    )
    return Reply(200, {"metadata": item})


def delete_metadata(req: ApiRequest) -> Reply:
    """DELETE .../metadata/{key} (200, as Manila)."""
    networks_api.delete_metadata_item(
        req.cloud, req.ctx, *_ids(req), req.params["key"]
    )
    return Reply(200)
