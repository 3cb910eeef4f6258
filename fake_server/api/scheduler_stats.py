"""Plays manila/api/v2/scheduler_stats.py and views/scheduler_stats.py.

``GET /scheduler-stats/pools`` (name, host, backend, pool) and
``/scheduler-stats/pools/detail`` (plus capabilities); the ``share_type``
filter from 2.23.
"""

from __future__ import annotations

from fake_server.api.views import F, render_all
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.share_api import services as services_api

SUMMARY = (F("name"), F("host"), F("backend"), F("pool"))
DETAIL = (*SUMMARY, F("capabilities"))


def _pools(req: ApiRequest, detail: bool) -> Reply:
    pools = services_api.list_pools(
        req.cloud,
        req.ctx,
        req.flat_query(),
        detail=detail,
        share_type_filter=req.at_least("2.23"),
    )
    table = DETAIL if detail else SUMMARY
    return Reply(200, {"pools": render_all(pools, table, req.ctx)})


def pools_index(req: ApiRequest) -> Reply:
    """GET /scheduler-stats/pools"""
    return _pools(req, detail=False)


def pools_detail(req: ApiRequest) -> Reply:
    """GET /scheduler-stats/pools/detail"""
    return _pools(req, detail=True)
