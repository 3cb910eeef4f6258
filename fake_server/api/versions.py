"""Plays manila/api/versions.py: the version documents."""

from __future__ import annotations

from typing import Any

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
