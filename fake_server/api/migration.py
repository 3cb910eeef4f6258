"""Plays the share migration parts of manila/api/v2/shares.py and
views/share_migration.py: ``migration_start`` (2.29), ``migration_complete``,
``migration_cancel``, ``migration_get_progress`` (2.22-2.97; experimental
until 2.95) and ``GET /shares/{id}/migration-progress`` (2.98)."""

from __future__ import annotations

from typing import Any

from fake_server.api.share_actions import _action
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.share_api import migration as api


def _null_action(req: ApiRequest) -> None:
    """The body must be ``{"<action>": anything}`` and nothing else."""
    _action(req)


def migration_start(req: ApiRequest) -> Reply:
    """``migration_start``: 202, or 200 when nothing is to be done."""
    _, value = _action(req)
    code = api.migration_start(
        req.cloud, req.ctx, req.params["share_id"], value
    )
    return Reply(code)


def migration_complete(req: ApiRequest) -> Reply:
    """``migration_complete``: 202."""
    _null_action(req)
    api.migration_complete(req.cloud, req.ctx, req.params["share_id"])
    return Reply(202)


def migration_cancel(req: ApiRequest) -> Reply:
    """``migration_cancel``: 202."""
    _null_action(req)
    api.migration_cancel(req.cloud, req.ctx, req.params["share_id"])
    return Reply(202)


def _progress(req: ApiRequest) -> Reply:
    result: dict[str, Any] = api.migration_get_progress(
        req.cloud, req.ctx, req.params["share_id"]
    )
    if not req.at_least("2.59"):
        result.pop("details", None)
    return Reply(200, result)


def migration_get_progress(req: ApiRequest) -> Reply:
    """``migration_get_progress`` action (until 2.97): 200."""
    _null_action(req)
    return _progress(req)


def migration_progress_show(req: ApiRequest) -> Reply:
    """GET /shares/{share_id}/migration-progress (2.98): 200."""
    return _progress(req)
