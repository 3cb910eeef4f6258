"""Plays the indexes of Manila's database schema: the store's lookups.

Manila's tables carry indexes on the columns its hot queries filter on
(project, host, share network, the parent share of child rows). The
fake's store keeps the same lookups (:meth:`fake_server.state.Store.
add_index`), so showing a share, changing its access rules, ensuring a
backend's shares or scheduling cost the same at 100,000 shares as at
100. :func:`install` declares them all, once per store.
"""

from __future__ import annotations

from collections.abc import Hashable

from fake_server.state import Record, Store

#: index names, used by the lookups
PROJECT = "project"  # shares: (project_id, is_soft_deleted)
LISTED = "listed"  # shares: is_soft_deleted (every project's list)
PUBLIC = "public"  # shares: is_soft_deleted, of public shares only
HOST = "host"  # host@backend (the part before '#'), of placed records
NETWORK = "share_network"  # share_network_id
SHARE = "share"  # child records: share_id
SNAPSHOT = "snapshot"  # snapshot access rules: snapshot_id
INSTANCE = "instance"  # shares: instance_id
SHARE_TYPE = "share_type"  # shares: share_type_id
SERVER = "share_server"  # share_server_id
GROUP = "share_group"  # share_group_id
RESOURCE = "resource"  # resource_id (locks, messages)


def _listed(record: Record) -> Hashable:
    return (str(record.get("project_id")), bool(record.get("is_soft_deleted")))


def _soft_deleted(record: Record) -> Hashable:
    return bool(record.get("is_soft_deleted"))


def _public(record: Record) -> Hashable:
    if not record.get("is_public"):
        return None
    return bool(record.get("is_soft_deleted"))


def backend_of(host: str | None) -> str | None:
    """``host@backend`` of a ``host@backend#pool`` string (or None)."""
    if not host:
        return None
    return host.split("#", 1)[0]


def _host(record: Record) -> Hashable:
    return backend_of(record.get("host"))


def install(store: Store) -> None:
    """Declare every index the fake's lookups use."""
    store.add_index(
        "shares", PROJECT, ("project_id", "is_soft_deleted"), _listed
    )
    store.add_index("shares", LISTED, ("is_soft_deleted",), _soft_deleted)
    store.add_index(
        "shares", PUBLIC, ("is_public", "is_soft_deleted"), _public
    )
    store.add_index("shares", HOST, ("host",), _host)
    store.add_index("shares", NETWORK, ("share_network_id",))
    store.add_index("share_network_subnets", NETWORK, ("share_network_id",))
    store.add_index("shares", INSTANCE, ("instance_id",))
    store.add_index("shares", SHARE_TYPE, ("share_type_id",))
    store.add_index("shares", SERVER, ("share_server_id",))
    store.add_index("shares", GROUP, ("share_group_id",))
    for table in (
        "access_rules",
        "snapshots",
        "share_replicas",
        "share_backups",
        "share_group_snapshot_members",
    ):
        store.add_index(table, SHARE, ("share_id",))
    store.add_index("snapshots", HOST, ("host",), _host)
    store.add_index("share_replicas", HOST, ("host",), _host)
    store.add_index("share_replicas", SERVER, ("share_server_id",))
    store.add_index("snapshot_access_rules", SNAPSHOT, ("snapshot_id",))
    store.add_index("share_servers", HOST, ("host",), _host)
    store.add_index("resource_locks", RESOURCE, ("resource_id",))
