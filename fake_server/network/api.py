"""Plays neutron-server's API layer: routes, bodies, queries; no rules.

Served under ``/networking`` on the fake's port, as devstack serves
Neutron: ``GET /networking`` is the versions document, ``/networking/v2.0``
the resource collections (``networks``, ``subnets``, ``ports``,
``extensions``). Requests need a Keystone token, as behind
keystonemiddleware.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from fake_server import errors, jsonbody
from fake_server.context import Context
from fake_server.network import neutron

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

PREFIX = "/networking"
_COLLECTIONS = {
    "networks": neutron.NETWORKS,
    "subnets": neutron.SUBNETS,
    "ports": neutron.PORTS,
}
#: (alias, name, description) of the extensions this Neutron implements
EXTENSIONS = (
    (
        "external-net",
        "Neutron external network",
        "Adds external network attribute to network resource.",
    ),
    (
        "provider",
        "Provider Network",
        "Expose mapping of virtual networks to physical networks",
    ),
    (
        "network-mtu",
        "Network MTU",
        "Provides MTU attribute for a network resource.",
    ),
    (
        "net-mtu-writable",
        "Network MTU (writable)",
        "Provides a writable MTU attribute for a network resource.",
    ),
    (
        "project-id",
        "project_id field enabled",
        "Extension that indicates that project_id field is enabled.",
    ),
    (
        "standard-attr-description",
        "standard-attr-description",
        "Extension to add descriptions to standard attributes",
    ),
    (
        "standard-attr-revisions",
        "Resource revision numbers",
        "This extension will display the revision number of neutron "
        "resources.",
    ),
    (
        "standard-attr-timestamp",
        "Resource timestamps",
        "Adds created_at and updated_at fields to all Neutron resources "
        "that have Neutron standard attributes.",
    ),
    ("port-security", "Port Security", "Provides port security"),
    (
        "pagination",
        "Pagination support",
        "Extension that indicates that pagination is enabled.",
    ),
    (
        "sorting",
        "Sorting support",
        "Extension that indicates that sorting is enabled.",
    ),
    (
        "filter-validation",
        "Filter parameters validation",
        "Provides validation on filter parameters.",
    ),
)


def _versions(base_url: str) -> dict[str, Any]:
    return {
        "versions": [
            {
                "id": "v2.0",
                "status": "CURRENT",
                "links": [
                    {"href": f"{base_url}{PREFIX}/v2.0/", "rel": "self"}
                ],
            }
        ]
    }


def _extension(entry: tuple[str, str, str]) -> dict[str, Any]:
    alias, name, description = entry
    return {
        "alias": alias,
        "name": name,
        "description": description,
        "updated": "2013-01-01T10:00:00-00:00",
        "links": [],
    }


def _context(cloud: Cloud, token_id: str | None) -> Context:
    return Context.from_token(cloud.identity.validate(token_id))


def _parse(raw: bytes) -> Any:
    try:
        return jsonbody.loads(raw or b"null")
    except ValueError as exc:
        raise neutron.bad_request("Malformed request body") from exc


def handle(
    cloud: Cloud,
    method: str,
    path: str,
    token_id: str | None,
    raw_body: bytes,
    query_string: str,
    base_url: str,
) -> tuple[int, Any]:
    """Serve one request below ``/networking``.

    :param path: The path after ``/networking``.
    :returns: Status code and JSON body (None for no body).
    :raises errors.Unrouted: No such path.
    :raises errors.Fault: Neutron's (or Keystone's 401) faults.
    """
    parts = [p for p in path.split("/") if p]
    if not parts:
        if method != "GET":
            raise errors.Unrouted()
        return 200, _versions(base_url)
    if parts[0] != "v2.0":
        raise errors.Unrouted()
    ctx = _context(cloud, token_id)
    parts = parts[1:]
    if parts and parts[-1].endswith(".json"):
        parts[-1] = parts[-1][: -len(".json")]
    store = cloud.store
    if not parts:
        if method != "GET":
            raise _bad_method(method)
        return 200, {
            "resources": [
                {
                    "name": name[:-1],
                    "collection": name,
                    "links": [
                        {
                            "href": f"{base_url}{PREFIX}/v2.0/{name}",
                            "rel": "self",
                        }
                    ],
                }
                for name in _COLLECTIONS
            ]
        }
    if parts[0] == "extensions" and len(parts) <= 2:
        if method != "GET":
            raise _bad_method(method)
        if len(parts) == 1:
            return 200, {"extensions": [_extension(e) for e in EXTENSIONS]}
        for entry in EXTENSIONS:
            if entry[0] == parts[1]:
                return 200, {"extension": _extension(entry)}
        raise neutron.NeutronError(
            404,
            "HTTPNotFound",
            f"Extension with alias {parts[1]} does not exist",
        )
    table = _COLLECTIONS.get(parts[0])
    if table is None or len(parts) > 2:
        raise errors.Unrouted()
    key = parts[0][:-1]
    query = parse_qs(query_string, keep_blank_values=True)
    fields = query.get("fields") or None
    if len(parts) == 1:
        if method == "GET":
            return 200, neutron.list_records(
                store, ctx, table, query, base_url
            )
        if method == "POST":
            body = _parse(raw_body)
            if isinstance(body, dict) and isinstance(body.get(parts[0]), list):
                raise neutron.bad_request("Bulk create is not supported")
            record = neutron.CREATE[table](store, ctx, body)
            return 201, {key: neutron.render(ctx, table, record)}
        raise _bad_method(method)
    ident = parts[1]
    if method == "GET":
        record = neutron.lookup(store, ctx, table, ident)
        return 200, {key: neutron.render(ctx, table, record, fields)}
    if method == "PUT":
        record = neutron.UPDATE[table](store, ctx, ident, _parse(raw_body))
        return 200, {key: neutron.render(ctx, table, record)}
    if method == "DELETE":
        neutron.DELETE[table](store, ctx, ident)
        return 204, None
    raise _bad_method(method)


def _bad_method(method: str) -> neutron.NeutronError:
    return neutron.NeutronError(
        405,
        "HTTPMethodNotAllowed",
        f"The method {method} is not allowed for this resource.",
    )
