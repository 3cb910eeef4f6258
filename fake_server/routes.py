"""Plays manila/api/v2/router.py: THE route table of the Manila API.

Paths are relative to ``/v2`` (the ``/v2/{project_id}`` form is handled
by the HTTP layer). ``R`` declares a route, ``A`` a ``POST .../action``
action; both take the microversion range the operation exists in.
Sections follow Manila's API reference; each area adds its rows in its
own section.
"""

from __future__ import annotations

from fake_server.api import (
    access,
    availability_zones,
    export_locations,
    scheduler_stats,
    services,
    shares,
)
from fake_server.api.wsgi import A, R, Route

SHARE_ACTION = "/shares/{share_id}/action"

ROUTES: list[Route] = [
    # ======== Shares ========
    R("GET", "/shares", shares.index),
    R("GET", "/shares/detail", shares.detail),
    R("POST", "/shares", shares.create),
    R("GET", "/shares/{share_id}", shares.show),
    R("PUT", "/shares/{share_id}", shares.update),
    R("DELETE", "/shares/{share_id}", shares.delete),
    # -- end: shares --
    # ======== Share actions ========
    A(SHARE_ACTION, "allow_access", access.allow_access, "2.7"),
    A(SHARE_ACTION, "os-allow_access", access.allow_access, "2.0", "2.6"),
    A(SHARE_ACTION, "deny_access", access.deny_access, "2.7"),
    A(SHARE_ACTION, "os-deny_access", access.deny_access, "2.0", "2.6"),
    A(SHARE_ACTION, "access_list", access.access_list, "2.7", "2.44"),
    A(SHARE_ACTION, "os-access_list", access.access_list, "2.0", "2.6"),
    # -- end: share actions --
    # ======== Share metadata ========
    # -- end: share metadata --
    # ======== Access rules ========
    R("GET", "/share-access-rules", access.index, "2.45"),
    R("GET", "/share-access-rules/{access_id}", access.show, "2.45"),
    # -- end: access rules --
    # ======== Export locations ========
    R("GET", "/shares/{share_id}/export_locations",
      export_locations.index, "2.9"),
    R("GET", "/shares/{share_id}/export_locations/{export_location_id}",
      export_locations.show, "2.9"),
    # -- end: export locations --
    # ======== Share instances ========
    # -- end: share instances --
    # ======== Snapshots ========
    # -- end: snapshots --
    # ======== Share servers ========
    # -- end: share servers --
    # ======== Services ========
    R("GET", "/os-services", services.index, "2.0", "2.6"),
    R("PUT", "/os-services/{action}", services.update, "2.0", "2.6"),
    R("GET", "/services", services.index, "2.7"),
    R("PUT", "/services/{action}", services.update, "2.7"),
    R("POST", "/services/ensure-shares", services.ensure_shares, "2.86"),
    # -- end: services --
    # ======== Share types ========
    # -- end: share types --
    # ======== Share networks and subnets ========
    # -- end: share networks --
    # ======== Availability zones, pools, limits, quotas ========
    R("GET", "/os-availability-zone", availability_zones.index, "2.0",
      "2.6"),
    R("GET", "/availability-zones", availability_zones.index, "2.7"),
    R("GET", "/scheduler-stats/pools", scheduler_stats.pools_index),
    R("GET", "/scheduler-stats/pools/detail", scheduler_stats.pools_detail),
    # -- end: availability zones --
    # ======== User messages ========
    # -- end: user messages --
]
