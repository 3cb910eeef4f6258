"""Plays manila/api/common.py: links, pagination links, small parsers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fake_server import errors, policy
from fake_server.api.wsgi import ApiRequest
from fake_server.context import Context
from fake_server.share_api.common import parse_bool, parse_int

__all__ = [
    "authorize",
    "collection_links",
    "links",
    "parse_bool",
    "parse_int",
    "unprocessable",
]


def authorize(
    req: ApiRequest, name: str, project_id: str | None = None
) -> None:
    """Policy check for the request's caller."""
    policy.authorize(req.ctx, name, project_id)


def unprocessable() -> errors.Fault:
    """Manila's answer when the body lacks its top-level key (422)."""
    return errors.Unprocessable()


def links(collection: str) -> Callable[[dict[str, Any], Context], Any]:
    """A view source giving Manila's self/bookmark links for a record.

    The base URL is filled in by the HTTP layer at render time through
    the context's request base, so records stay URL-free.
    """

    def source(record: dict[str, Any], ctx: Context) -> Any:
        base = getattr(ctx, "base_url", "")
        # Manila repeats the URL's project id (if the request had one)
        tail = f"{_project(ctx)}{collection}/{record['id']}"
        return [
            {"href": f"{base}/v2/{tail}", "rel": "self"},
            {"href": f"{base}/{tail}", "rel": "bookmark"},
        ]

    return source


def collection_links(
    req: ApiRequest, items: list[dict[str, Any]], collection: str
) -> list[dict[str, str]]:
    """The ``next`` link Manila adds when a page is full (limit reached)."""
    limit = req.q("limit")
    try:
        wanted = int(limit) if limit is not None else 0
    except ValueError:
        return []
    if not wanted or wanted != len(items):
        return []
    params = req.flat_query()
    params["marker"] = items[-1]["id"]
    # Manila joins the parameters as they are, without URL-encoding them
    # (api/common.py dict_to_query_str)
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return [
        {
            "rel": "next",
            "href": f"{req.base_url}/v2/{_project(req.ctx)}{collection}"
            f"?{query}",
        }
    ]


def _project(ctx: Context) -> str:
    """``{project_id}/`` when the request's URL carried it, else ""."""
    project = getattr(ctx, "url_project", "")
    return f"{project}/" if project else ""


def admin_action(req: ApiRequest, name: str, fn: Callable[..., Any]) -> Any:
    """Run an AdminActionsMixin action (reset_status, force_delete ...).

    Manila's ``Controller.authorize`` checks policy ``name`` first, so a
    non-admin gets 403 even for an unknown resource; the mixin then turns
    the lookup's NotFound into ``HTTPNotFound(e.message)``, whose fault
    shows webob's generic explanation.

    :param fn: The business call, without arguments.
    :raises errors.Forbidden: When the caller fails ``name``.
    :raises errors.NotFound: With the generic message.
    """
    authorize(req, name)
    try:
        return fn()
    except errors.NotFound as exc:
        raise errors.NotFound() from exc
