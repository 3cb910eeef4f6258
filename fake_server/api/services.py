"""Plays manila/api/v2/services.py and views/services.py.

``/os-services`` (2.0-2.6) and ``/services`` (2.7): list, enable and
disable; ``POST /services/ensure-shares`` (2.86) answers 202 with no body.
"""

from __future__ import annotations

from typing import Any

from fake_server.api.views import F, render, render_all
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.context import Context
from fake_server.share_api import services as services_api

Rec = dict[str, Any]


def _id(record: Rec, ctx: Context) -> Any:
    value = str(record.get("id"))
    return int(value) if value.isdigit() else value


def _ensuring(record: Rec, ctx: Context) -> Any:
    value = record.get("ensuring")
    return None if value is None else bool(value)


#: GET /services, one service
DETAIL = (
    F("id", source=_id),
    F("binary"),
    F("host"),
    F("zone"),
    F("status"),
    F("state"),
    F("updated_at"),
    F("disabled_reason", "2.83"),
    F("ensuring", "2.86", source=_ensuring),
)

#: PUT /services/{enable|disable}: Manila's summary (ensuring is null)
SUMMARY = (
    F("host"),
    F("binary"),
    F("status"),
    F("disabled_reason", "2.83"),
    F("ensuring", "2.86"),
)


def index(req: ApiRequest) -> Reply:
    """GET /services (2.7) and /os-services (2.0-2.6)."""
    rows = services_api.list_services(
        req.cloud,
        req.ctx,
        req.flat_query(),
        ensuring_filter=req.at_least("2.93"),
    )
    return Reply(200, {"services": render_all(rows, DETAIL, req.ctx)})


def update(req: ApiRequest) -> Reply:
    """PUT /services/{enable|disable} (and /os-services/...)."""
    data = services_api.update_service(
        req.cloud,
        req.ctx,
        req.params["action"],
        req.body(),
        support_disabled_reason=req.at_least("2.83"),
    )
    return Reply(200, render(data, SUMMARY, req.ctx))


def ensure_shares(req: ApiRequest) -> Reply:
    """POST /services/ensure-shares (2.86): 202, empty body."""
    services_api.ensure_shares(req.cloud, req.ctx, req.body())
    return Reply(202)
