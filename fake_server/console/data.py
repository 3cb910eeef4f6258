"""What the console shows, gathered from the cloud without HTTP.

Plays the part of the dashboard's API calls: the overview (services, pools,
counts by status), tables of resources with filters, sorting and paging,
a record as Manila's API shows it to an admin at the newest microversion,
its children and its timeline.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fake_server import errors, microversion
from fake_server.api.wsgi import ApiRequest, Router
from fake_server.context import Context
from fake_server.routes import ROUTES

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

PAGE_SIZE = 50


@dataclass(frozen=True)
class Kind:
    """One kind of resource the console lists."""

    name: str
    title: str
    table: str
    #: the API path showing one record (``{id}`` and record fields)
    show: str | None
    columns: tuple[str, ...]
    #: (kind, field) pairs: records of ``kind`` whose ``field`` is this id
    children: tuple[tuple[str, str], ...] = field(default_factory=tuple)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "shares",
            "Shares",
            "shares",
            "/shares/{id}",
            (
                "name",
                "status",
                "task_state",
                "size",
                "share_proto",
                "project_id",
                "host",
                "created_at",
            ),
            (
                ("access-rules", "share_id"),
                ("snapshots", "share_id"),
                ("replicas", "share_id"),
                ("backups", "share_id"),
                ("messages", "resource_id"),
            ),
        ),
        Kind(
            "snapshots",
            "Snapshots",
            "snapshots",
            "/snapshots/{id}",
            ("name", "status", "size", "share_id", "project_id", "created_at"),
            (("messages", "resource_id"),),
        ),
        Kind(
            "share-servers",
            "Share servers",
            "share_servers",
            "/share-servers/{id}",
            ("status", "host", "share_network_id", "project_id", "created_at"),
            (("shares", "share_server_id"),),
        ),
        Kind(
            "share-networks",
            "Share networks",
            "share_networks",
            "/share-networks/{id}",
            ("name", "project_id", "created_at"),
            (
                ("subnets", "share_network_id"),
                ("shares", "share_network_id"),
                ("share-servers", "share_network_id"),
            ),
        ),
        Kind(
            "subnets",
            "Share network subnets",
            "share_network_subnets",
            "/share-networks/{share_network_id}/subnets/{id}",
            (
                "share_network_id",
                "availability_zone",
                "neutron_net_id",
                "neutron_subnet_id",
                "created_at",
            ),
        ),
        Kind(
            "access-rules",
            "Access rules",
            "access_rules",
            "/share-access-rules/{id}",
            (
                "share_id",
                "access_type",
                "access_to",
                "access_level",
                "state",
                "created_at",
            ),
        ),
        Kind(
            "replicas",
            "Share replicas",
            "share_replicas",
            "/share-replicas/{id}",
            (
                "share_id",
                "status",
                "replica_state",
                "host",
                "created_at",
            ),
        ),
        Kind(
            "groups",
            "Share groups",
            "share_groups",
            "/share-groups/{id}",
            ("name", "status", "project_id", "host", "created_at"),
            (("shares", "share_group_id"),),
        ),
        Kind(
            "backups",
            "Share backups",
            "share_backups",
            "/share-backups/{id}",
            ("name", "status", "share_id", "project_id", "created_at"),
        ),
        Kind(
            "types",
            "Share types",
            "share_types",
            "/types/{id}",
            ("name", "is_public", "created_at"),
        ),
        Kind(
            "messages",
            "User messages",
            "messages",
            "/messages/{id}",
            (
                "resource_type",
                "resource_id",
                "action_id",
                "user_message",
                "project_id",
                "created_at",
            ),
        ),
    )
}

#: the newest microversion, at which a record's page shows its API view
NEWEST = microversion.MAX
#: the tables counted by status on the overview
COUNTED = ("shares", "snapshots", "share-servers", "replicas", "backups")
_ROUTER = Router(ROUTES)


def services(cloud: Cloud) -> list[dict[str, Any]]:
    """Every service, with its state (up/down) and flags."""
    rows = []
    for record in cloud.store.select("services"):
        host = record["host"]
        manager = cloud.manager(host)
        rows.append(
            {
                "binary": record["binary"],
                "host": host,
                "backend": host.partition("@")[2] or "",
                "zone": record.get("zone"),
                "state": cloud.service_state(record),
                "status": "disabled" if record.get("disabled") else "enabled",
                "disabled_reason": record.get("disabled_reason"),
                "ensuring": bool(record.get("ensuring")),
                "running": manager.running if manager else None,
            }
        )
    return rows


def pools(cloud: Cloud) -> list[dict[str, Any]]:
    """Every pool's capacity as the scheduler sees it."""
    rows = []
    for pool in cloud.pools():
        total = float(pool.cap("total_capacity_gb", 0) or 0)
        free = float(pool.cap("free_capacity_gb", 0) or 0)
        allocated = float(pool.cap("allocated_capacity_gb", 0) or 0)
        provisioned = float(pool.cap("provisioned_capacity_gb", allocated))
        ratio = float(pool.cap("max_over_subscription_ratio", 1.0) or 1.0)
        thin = bool(pool.cap("thin_provisioning", False))
        rows.append(
            {
                "name": pool.name,
                "backend": pool.backend,
                "zone": pool.availability_zone,
                "up": pool.service_up,
                "enabled": pool.service_enabled,
                "total_capacity_gb": total,
                "free_capacity_gb": free,
                "allocated_capacity_gb": allocated,
                "provisioned_capacity_gb": provisioned,
                "thin_provisioning": thin,
                "max_over_subscription_ratio": ratio,
                "subscription": provisioned / total if total else 0.0,
            }
        )
    return rows


def counts(cloud: Cloud) -> dict[str, dict[str, int]]:
    """Records per status, for the overview's counted kinds."""
    result: dict[str, dict[str, int]] = {}
    for name in COUNTED:
        kind = KINDS[name]
        with cloud.store.lock:
            statuses = Counter(
                str(record.get("status"))
                for record in cloud.store.table(kind.table).values()
            )
        result[name] = dict(sorted(statuses.items()))
    for name in ("share-networks", "access-rules", "types"):
        kind = KINDS[name]
        result[name] = {"total": len(cloud.store.table(kind.table))}
    return result


def overview(cloud: Cloud) -> dict[str, Any]:
    """The overview page's data."""
    return {
        "services": services(cloud),
        "pools": pools(cloud),
        "counts": counts(cloud),
        "progression": cloud.bus.policy,
        "pending": cloud.bus.pending(),
        "clock": cloud.bus.clock,
    }


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value)


def _sort_key(column: str) -> Any:
    def key(record: dict[str, Any]) -> tuple[int, str]:
        value = record.get(column)
        return (value is None, _text(value))

    return key


@dataclass
class Page:
    """One page of a filtered, sorted table."""

    kind: Kind
    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int
    filters: dict[str, str]
    sort: str
    direction: str
    values: dict[str, list[str]]


def table(
    cloud: Cloud,
    kind_name: str,
    filters: dict[str, str],
    sort: str = "created_at",
    direction: str = "desc",
    page: int = 1,
) -> Page:
    """A page of ``kind_name``'s records.

    :param filters: ``project``, ``status`` and ``backend`` (the part of
        ``host`` after ``@``, before ``#``), each an exact match; ``q`` a
        substring of the id or name.
    """
    kind = KINDS.get(kind_name)
    if kind is None:
        raise errors.NotFound(f"No resource kind {kind_name}.")
    if sort not in ("id", *kind.columns):
        sort = "created_at" if "created_at" in kind.columns else "id"
    project = filters.get("project") or ""
    status = filters.get("status") or ""
    backend = filters.get("backend") or ""
    query = (filters.get("q") or "").lower()
    status_field = "state" if "state" in kind.columns else "status"
    values: dict[str, set[str]] = {"project": set(), "status": set()}
    rows = []
    with cloud.store.lock:
        records = list(cloud.store.table(kind.table).values())
    for record in records:
        values["project"].add(_text(record.get("project_id")))
        values["status"].add(_text(record.get(status_field)))
        if project and record.get("project_id") != project:
            continue
        if status and _text(record.get(status_field)) != status:
            continue
        if backend:
            host = _text(record.get("host"))
            if host.partition("@")[2].partition("#")[0] != backend:
                continue
        if query and not (
            query in _text(record.get("id")).lower()
            or query in _text(record.get("name")).lower()
        ):
            continue
        rows.append(record)
    rows.sort(key=_sort_key(sort), reverse=direction == "desc")
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(max(1, page), pages)
    start = (page - 1) * PAGE_SIZE
    return Page(
        kind=kind,
        rows=rows[start : start + PAGE_SIZE],
        total=len(rows),
        page=page,
        pages=pages,
        filters={
            "project": project,
            "status": status,
            "backend": backend,
            "q": query,
        },
        sort=sort,
        direction=direction,
        values={k: sorted(v - {""}) for k, v in values.items()},
    )


def api_view(cloud: Cloud, path: str, base_url: str = "") -> tuple[int, Any]:
    """``GET /v2{path}`` as an admin at the newest microversion."""
    ctx = Context.internal()
    ctx.version = NEWEST
    ctx.experimental = True
    ctx.base_url = base_url
    request = ApiRequest(
        cloud=cloud,
        ctx=ctx,
        method="GET",
        path=path,
        params={},
        query={},
        raw_body=b"",
        base_url=base_url,
    )
    try:
        route, params = _ROUTER.resolve(
            "GET", path, ctx.version, True, request.body
        )
        request.params = params
        reply = route.handler(request)
    except errors.Unrouted:
        return 404, {"itemNotFound": {"code": 404, "message": "Not found"}}
    except errors.Fault as fault:
        return fault.code, fault.body()
    return reply.status, reply.body


def _children(
    cloud: Cloud, child: Kind, link: str, parent_id: str
) -> list[dict[str, Any]]:
    """The records of ``child`` whose ``link`` field is ``parent_id``."""
    with cloud.store.lock:
        rows = list(cloud.store.table(child.table).values())
    return [row for row in rows if row.get(link) == parent_id]


@dataclass
class Detail:
    """One record: its API view, children and timeline."""

    kind: Kind
    record: dict[str, Any]
    status: int
    view: Any
    children: list[tuple[Kind, list[dict[str, Any]]]]
    timeline: list[dict[str, Any]]


def detail(
    cloud: Cloud, kind_name: str, record_id: str, base_url: str = ""
) -> Detail:
    """The resource page's data for one record (deleted ones included).

    :param base_url: The server's URL, for the links of the API view.
    """
    kind = KINDS.get(kind_name)
    if kind is None:
        raise errors.NotFound(f"No resource kind {kind_name}.")
    record = cloud.store.get(kind.table, record_id)
    timeline = cloud.store.timeline.events(kind.table, record_id)
    if record is None and not timeline:
        raise errors.NotFound(f"No {kind.title.lower()} {record_id}.")
    status, view = 404, None
    children: list[tuple[Kind, list[dict[str, Any]]]] = []
    if record is not None:
        if kind.show is not None:
            try:
                path = kind.show.format(**record)
            except (KeyError, IndexError):
                path = ""
            if path:
                status, view = api_view(cloud, path, base_url)
        for child_name, link in kind.children:
            child = KINDS[child_name]
            children.append((child, _children(cloud, child, link, record_id)))
    return Detail(
        kind=kind,
        record=record or {"id": record_id},
        status=status,
        view=view,
        children=children,
        timeline=timeline,
    )


def notifications(
    cloud: Cloud, match: str = "", limit: int = 200
) -> list[dict[str, Any]]:
    """The newest notifications first, filtered by event type substring."""
    found = []
    for item in reversed(list(cloud.notifications)):
        if match and match.lower() not in str(item["event_type"]).lower():
            continue
        found.append(item)
        if len(found) >= limit:
            break
    return found


def requests(
    cloud: Cloud, match: str = "", limit: int = 200
) -> list[dict[str, Any]]:
    """The newest requests first, filtered by a substring of the line."""
    found = []
    for entry in reversed(cloud.requests.entries()):
        line = (
            f"{entry.method} {entry.path} {entry.status} "
            f"{entry.microversion or ''} {entry.project_id or ''}"
        )
        if match and match.lower() not in line.lower():
            continue
        found.append(entry.as_dict())
        if len(found) >= limit:
            break
    return found
