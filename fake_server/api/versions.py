"""Plays manila/api/versions.py: the version documents."""

from __future__ import annotations

from typing import Any

from fake_server import errors
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.microversion import MAX, MIN


def version_entry(base_url: str) -> dict[str, Any]:
    """The v2.0 entry, as GET / and GET /v2/ show it."""
    return {
        "id": "v2.0",
        "status": "CURRENT",
        "version": str(MAX),
        "min_version": str(MIN),
        "updated": "2015-08-27T11:33:21Z",
        "links": [
            {
                "rel": "describedby",
                "type": "text/html",
                "href": "http://docs.openstack.org/",
            },
            {"rel": "self", "href": f"{base_url}/v2/"},
        ],
        "media-types": [
            {
                "base": "application/json",
                "type": "application/vnd.openstack.share+json;version=1",
            }
        ],
    }


def document(base_url: str) -> dict[str, Any]:
    """``{"versions": [...]}``."""
    return {"versions": [version_entry(base_url)]}


def index(req: ApiRequest) -> Reply:
    """``/v2/``: VersionsController.index, behind the v2 pipeline.

    The request's microversion is read (400, 406) and echoed like any
    other v2 call. Manila maps ``/`` for every method; a body makes the
    call a TypeError (webob's plain 400).
    """
    if req.has_body:
        raise errors.BadRequest(errors.WEBOB_BAD_REQUEST)
    return Reply(200, document(req.base_url))
