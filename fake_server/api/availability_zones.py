"""Plays manila/api/v2/availability_zones.py and its view.

``/os-availability-zone`` (2.0-2.6) and ``/availability-zones`` (2.7).
"""

from __future__ import annotations

from fake_server.api.views import F, render_all
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.share_api import services as services_api

ZONE = (F("id"), F("name"), F("created_at"), F("updated_at"))


def index(req: ApiRequest) -> Reply:
    """GET /availability-zones"""
    zones = services_api.availability_zones(req.cloud, req.ctx)
    return Reply(200, {"availability_zones": render_all(zones, ZONE, req.ctx)})
