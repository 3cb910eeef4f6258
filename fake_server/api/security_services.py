"""Plays manila/api/v2/security_service.py, views/security_service.py and
the security service actions of api/v2/share_networks.py."""

from __future__ import annotations

from typing import Any

from fake_server.api import common
from fake_server.api import share_networks as networks_ctl
from fake_server.api.views import F, render, render_all
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.share_api import security_services as ss_api

Rec = dict[str, Any]

SUMMARY = (
    F("id"),
    F("name"),
    F("type"),
    # Manila dropped the column but keeps the field, always "new"
    F("status", source=lambda r, c: "new"),
)
DETAIL = (
    *SUMMARY,
    F("created_at"),
    F("updated_at"),
    F("description"),
    F("dns_ip"),
    F("server"),
    F("domain"),
    F("user"),
    F("password"),
    F("project_id"),
    F("ou", "2.44"),
    F("default_ad_site", "2.76"),
)


def _list(req: ApiRequest, detailed: bool) -> Reply:
    rows = ss_api.list_services(req.cloud, req.ctx, req.flat_query())
    if not detailed:
        return Reply(
            200, {"security_services": render_all(rows, SUMMARY, req.ctx)}
        )
    body = []
    for row in rows:
        view = render(row, DETAIL, req.ctx)
        view["share_networks"] = [
            n["id"] for n in ss_api.networks_using(req.cloud, row["id"])
        ]
        body.append(view)
    return Reply(200, {"security_services": body})


def index(req: ApiRequest) -> Reply:
    """GET /security-services"""
    common.authorize(req, "security_service:index")
    return _list(req, False)


def detail(req: ApiRequest) -> Reply:
    """GET /security-services/detail"""
    common.authorize(req, "security_service:detail")
    return _list(req, True)


def show(req: ApiRequest) -> Reply:
    """GET /security-services/{security_service_id}"""
    service = ss_api.show_service(
        req.cloud, req.ctx, req.params["security_service_id"]
    )
    return Reply(200, {"security_service": render(service, DETAIL, req.ctx)})


def _body(req: ApiRequest) -> Rec:
    body = req.body()
    if not isinstance(body, dict) or not isinstance(
        body.get("security_service"), dict
    ):
        raise common.unprocessable()
    return dict(body["security_service"])


def create(req: ApiRequest) -> Reply:
    """POST /security-services (200, as Manila)."""
    common.authorize(req, "security_service:create")
    service = ss_api.create_service(req.cloud, req.ctx, _body(req))
    return Reply(200, {"security_service": render(service, DETAIL, req.ctx)})


def update(req: ApiRequest) -> Reply:
    """PUT /security-services/{security_service_id}"""
    values = _body(req)
    service = ss_api.update_service(
        req.cloud, req.ctx, req.params["security_service_id"], values
    )
    return Reply(200, {"security_service": render(service, DETAIL, req.ctx)})


def delete(req: ApiRequest) -> Reply:
    """DELETE /security-services/{security_service_id} (202)."""
    ss_api.delete_service(
        req.cloud, req.ctx, req.params["security_service_id"]
    )
    return Reply(202)


# -- share network actions ----------------------------------------------------


def _network_reply(req: ApiRequest, network: Rec, status: int = 200) -> Reply:
    view = networks_ctl.network_view(req, network)
    return Reply(status, {"share_network": view})


def add_to_network(req: ApiRequest) -> Reply:
    """Action ``add_security_service`` (200, the network)."""
    network = ss_api.add_to_network(
        req.cloud, req.ctx, req.params["share_network_id"], req.body()
    )
    return _network_reply(req, network)


def remove_from_network(req: ApiRequest) -> Reply:
    """Action ``remove_security_service`` (200, the network)."""
    network = ss_api.remove_from_network(
        req.cloud, req.ctx, req.params["share_network_id"], req.body()
    )
    return _network_reply(req, network)


def update_on_network(req: ApiRequest) -> Reply:
    """Action ``update_security_service`` (2.63; 202, the network)."""
    network = ss_api.update_on_network(
        req.cloud, req.ctx, req.params["share_network_id"], req.body()
    )
    return _network_reply(req, network, 202)


def update_check(req: ApiRequest) -> Reply:
    """Action ``update_security_service_check`` (2.63, 202)."""
    view = ss_api.check_on_network(
        req.cloud,
        req.ctx,
        req.params["share_network_id"],
        req.body(),
        "update_security_service_check",
    )
    return Reply(202, view)


def add_check(req: ApiRequest) -> Reply:
    """Action ``add_security_service_check`` (2.63, 202)."""
    view = ss_api.check_on_network(
        req.cloud,
        req.ctx,
        req.params["share_network_id"],
        req.body(),
        "add_security_service_check",
    )
    return Reply(202, view)
