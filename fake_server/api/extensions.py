"""Plays manila/api/extensions.py: the extensions resource.

Manila 23 ships no API extensions (``manila/api/contrib`` holds none), so
the list is empty, ``show`` of any alias is 404 and ``create`` and
``delete`` always answer 404.
"""

from __future__ import annotations

from fake_server import errors
from fake_server.api.wsgi import ApiRequest, Reply


def index(req: ApiRequest) -> Reply:
    """``GET /extensions``: ExtensionsResource.index."""
    return Reply(200, {"extensions": []})


def create(req: ApiRequest) -> Reply:
    """``POST /extensions``: ``create(req)`` raises 404; with a body the
    call itself fails (TypeError, webob's plain 400)."""
    if req.has_body:
        raise errors.BadRequest(errors.WEBOB_BAD_REQUEST)
    raise errors.NotFound()
