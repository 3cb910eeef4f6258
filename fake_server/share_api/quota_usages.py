"""Plays Manila's ``quota_usages`` and ``reservations`` tables.

Manila keeps, per project and user and per project and share type, one
usage row per quota resource (``in_use``, ``reserved``), and reservation
rows between ``quota_reserve`` and ``reservation_commit`` /
``reservation_rollback`` (manila/db/sqlalchemy/api.py). A quota check
reads those rows, so it costs the same whatever the size of the cloud.

Here the usage rows live in the store (table ``quota_usages``), plus one
project row per resource (Manila sums the user rows for it); the
reservations, which only live as long as the request or the operation
that made them, are kept by the :class:`Book` in memory. ``in_use``
moves in the same locked step as the record that is counted: store
watchers see each counted record appear, change size, owner or status,
and go, and apply the difference (the commit of Manila's
reserve-and-commit, made atomic with the record change, so no path can
forget it). ``reserved`` holds positive deltas between
:meth:`Book.reserve` and :meth:`Book.commit` or :meth:`Book.rollback`,
as Manila's reserved column does.

:func:`recount` counts usage again from the records, table by table,
and :func:`drift` compares it with the rows: the consistency check
behind ``GET /_fake/quota-drift``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from fake_server.state import Record, Store, new_id

USAGES = "quota_usages"

#: resources Manila also counts per share type (its reserve calls pass
#: share_type_id for these only)
TYPED = frozenset(
    (
        "shares",
        "gigabytes",
        "snapshots",
        "snapshot_gigabytes",
        "share_replicas",
        "replica_gigabytes",
        "encryption_keys",
    )
)
#: statuses in which a record is not (or no longer) counted: Manila
#: counts a managed share or snapshot only once its manager adopted it
NOT_COUNTED = frozenset(("deleted", "manage_starting", "manage_error"))

#: (project, scope, resource): scope is "" (project), "user:ID", "type:ID"
Key = tuple[str, str, str]


def scopes(
    project_id: str, resource: str, user_id: Any, share_type_id: Any
) -> list[Key]:
    """The usage rows one counted item of ``resource`` belongs to."""
    keys = [
        (project_id, "", resource),
        (project_id, f"user:{user_id}", resource),
    ]
    if share_type_id and resource in TYPED:
        keys.append((project_id, f"type:{share_type_id}", resource))
    return keys


def scope_of(user_id: str | None, share_type_id: str | None) -> str:
    """The scope string of a quota-set request."""
    if share_type_id:
        return f"type:{share_type_id}"
    if user_id is not None:
        return f"user:{user_id}"
    return ""


def _counted(record: Record | None) -> bool:
    return record is not None and record.get("status") not in NOT_COUNTED


def _size(record: Record) -> int:
    return int(record.get("size") or 0)


#: what one record of a table counts: table -> record -> resource amounts
def _share_items(record: Record) -> dict[str, int]:
    items = {"shares": 1, "gigabytes": _size(record)}
    if record.get("replication_type"):
        # the share's active instance is one replica (manila's create
        # reserves share_replicas=1 for a replicated type)
        items["share_replicas"] = 1
        items["replica_gigabytes"] = _size(record)
    return items


def _replica_items(record: Record) -> dict[str, int]:
    # the active replica mirrors the share, which already counts it
    if record.get("replica_state") == "active":
        return {}
    return {"share_replicas": 1, "replica_gigabytes": _size(record)}


def _counter(
    name: str, size: str | None
) -> Callable[[Record], dict[str, int]]:
    def items(record: Record) -> dict[str, int]:
        result = {name: 1}
        if size:
            result[size] = _size(record)
        return result

    return items


#: table -> what a counted record of it adds to which resources
ITEMS: dict[str, Callable[[Record], dict[str, int]]] = {
    "shares": _share_items,
    "snapshots": _counter("snapshots", "snapshot_gigabytes"),
    "share_networks": _counter("share_networks", None),
    "share_groups": _counter("share_groups", None),
    "share_group_snapshots": _counter("share_group_snapshots", None),
    "share_replicas": _replica_items,
    "share_backups": _counter("backups", "backup_gigabytes"),
}


def footprint(table: str, record: Record | None) -> Counter[Key]:
    """What ``record`` of ``table`` adds to each usage row."""
    result: Counter[Key] = Counter()
    if not _counted(record):
        return result
    assert record is not None
    project = str(record.get("project_id"))
    user = record.get("user_id")
    share_type = record.get("share_type_id")
    for resource, amount in ITEMS[table](record).items():
        for key in scopes(project, resource, user, share_type):
            result[key] += amount
    return result


def _key_refs(record: Record | None) -> list[tuple[Key, str]]:
    """The encryption key a counted share holds, per usage row."""
    if record is None or not _counted(record):
        return []
    ref = record.get("encryption_key_ref")
    if not ref:
        return []
    keys = scopes(
        str(record.get("project_id")),
        "encryption_keys",
        record.get("user_id"),
        record.get("share_type_id"),
    )
    return [(key, str(ref)) for key in keys]


#: the fields a record's footprint reads (besides its status)
_COUNTED_FIELDS = (
    "size",
    "project_id",
    "user_id",
    "share_type_id",
    "replication_type",
    "replica_state",
    "encryption_key_ref",
)


def _same_count(before: Record | None, after: Record | None) -> bool:
    """Whether a change leaves the record's footprint as it was."""
    if before is None or after is None:
        return before is after
    return _counted(before) == _counted(after) and all(
        before.get(field) == after.get(field) for field in _COUNTED_FIELDS
    )


def usage_id(key: Key) -> str:
    """The id of the usage row of ``key``."""
    return "|".join(key)


class Book:
    """The usage and reservation rows of one store, kept in step."""

    def __init__(self, store: Store) -> None:
        self.store = store
        #: (row key, encryption key ref) -> how many shares hold it
        self.key_refs: Counter[tuple[Key, str]] = Counter()
        #: open reservations: id -> project_id, scope, resource, delta
        self.reservations: dict[str, Record] = {}
        #: (table, record id) -> (reservations, the status they wait in)
        self.holds: dict[tuple[str, str], tuple[list[str], Any]] = {}
        for table in ITEMS:
            store.watch(table, self._watcher(table))
        store.on_reload(self.rebuild)

    # -- rows --------------------------------------------------------------

    def row(self, key: Key) -> Record | None:
        """The usage row of ``key`` (None: nothing ever counted there)."""
        return self.store.get(USAGES, usage_id(key))

    def in_use(self, key: Key) -> int:
        """``in_use`` of a row (0 without one)."""
        row = self.row(key)
        return int(row["in_use"]) if row else 0

    def reserved(self, key: Key) -> int:
        """``reserved`` of a row (0 without one)."""
        row = self.row(key)
        return int(row["reserved"]) if row else 0

    def _add(self, key: Key, in_use: int = 0, reserved: int = 0) -> None:
        row_id = usage_id(key)
        row = self.store.get(USAGES, row_id)
        if row is None:
            project, scope, resource = key
            self.store.insert(
                USAGES,
                {
                    "id": row_id,
                    "project_id": project,
                    "scope": scope,
                    "resource": resource,
                    "in_use": in_use,
                    "reserved": reserved,
                },
            )
            return
        self.store.update(
            USAGES,
            row_id,
            in_use=row["in_use"] + in_use,
            reserved=row["reserved"] + reserved,
        )

    # -- watchers: in_use follows the counted records ------------------

    def _watcher(
        self, table: str
    ) -> Callable[[Record | None, Record | None], None]:
        def changed(before: Record | None, after: Record | None) -> None:
            if not _same_count(before, after):
                delta = footprint(table, after)
                delta.subtract(footprint(table, before))
                for key, amount in delta.items():
                    if amount:
                        self._add(key, in_use=amount)
                if table == "shares":
                    self._move_refs(_key_refs(before), _key_refs(after))
            record = after or before
            if self.holds and record is not None:
                held = self.holds.get((table, record["id"]))
                if held is not None and (
                    after is None or after.get("status") != held[1]
                ):
                    del self.holds[(table, record["id"])]
                    self._settle(held[0])

        return changed

    def hold(
        self, table: str, record_id: str, reservations: list[str]
    ) -> None:
        """Settle ``reservations`` when the record leaves its current
        status. Committed or rolled back, they go: if the change took
        effect, the record's own change already moved ``in_use``."""
        with self.store.lock:
            record = self.store.get(table, record_id)
            if record is None:
                self._settle(reservations)
                return
            self.holds[(table, record_id)] = (
                reservations,
                record.get("status"),
            )

    def _move_refs(
        self, gone: list[tuple[Key, str]], came: list[tuple[Key, str]]
    ) -> None:
        if gone == came:
            return
        for item in gone:
            self.key_refs[item] -= 1
            if self.key_refs[item] <= 0:
                del self.key_refs[item]
                self._add(item[0], in_use=-1)
        for item in came:
            self.key_refs[item] += 1
            if self.key_refs[item] == 1:
                self._add(item[0], in_use=1)

    def rebuild(self) -> None:
        """Count every row again from the records (after a reset or a
        load). Rows that a load brought back and that agree are kept as
        they are; reservations of work that did not survive are dropped
        (Manila's expire), so ``reserved`` starts again at 0."""
        with self.store.lock:
            self.reservations = {}
            self.key_refs = Counter()
            self.holds = {}
            counted = recount(self.store)
            rows = self.store.table(USAGES)
            for row in rows.values():
                key = (row["project_id"], row["scope"], row["resource"])
                # a wholesale change (as load() itself): not through update
                row["in_use"] = counted.pop(key, 0)
                row["reserved"] = 0
            for key, amount in counted.items():
                if amount:
                    self._add(key, in_use=amount)
            for record in self.store.table("shares").values():
                for item in _key_refs(record):
                    self.key_refs[item] += 1

    # -- reservations ------------------------------------------------------

    def reserve(
        self,
        project_id: str,
        deltas: dict[str, int],
        user_id: str | None,
        share_type_id: str | None,
    ) -> list[str]:
        """Reservation rows for ``deltas`` (checked by the caller).

        As Manila's ``_quota_reserve``: one reservation per resource and
        scope; only positive deltas add to ``reserved``.
        """
        ids = []
        with self.store.lock:
            for resource, delta in deltas.items():
                for key in scopes(
                    project_id, resource, user_id, share_type_id
                ):
                    if key[1] == "":
                        continue  # the project row follows the user row
                    reservation_id = new_id()
                    self.reservations[reservation_id] = {
                        "id": reservation_id,
                        "project_id": project_id,
                        "scope": key[1],
                        "resource": resource,
                        "delta": delta,
                    }
                    ids.append(reservation_id)
                    if delta > 0:
                        self._add(key, reserved=delta)
                        if key[1].startswith("user:"):
                            self._add(
                                (project_id, "", resource), reserved=delta
                            )
        return ids

    def _settle(self, ids: Iterable[str]) -> None:
        for reservation_id in ids:
            reservation = self.reservations.pop(reservation_id, None)
            if reservation is None or reservation["delta"] <= 0:
                continue
            delta = int(reservation["delta"])
            key = (
                reservation["project_id"],
                reservation["scope"],
                reservation["resource"],
            )
            self._add(key, reserved=-delta)
            if key[1].startswith("user:"):
                self._add((key[0], "", key[2]), reserved=-delta)

    def commit(self, ids: Iterable[str]) -> None:
        """Manila's ``reservation_commit``: the reserved amounts are now
        in use (the counted records already moved ``in_use`` in the same
        locked step), so the reservations go."""
        with self.store.lock:
            self._settle(ids)

    def rollback(self, ids: Iterable[str]) -> None:
        """Manila's ``reservation_rollback``: release what was reserved."""
        with self.store.lock:
            self._settle(ids)


def recount(store: Store) -> Counter[Key]:
    """Usage counted again from the records, table by table.

    Independent of the watchers: it groups whole tables, as Manila's
    quota sync functions count rows.
    """
    result: Counter[Key] = Counter()
    with store.lock:
        for table in ITEMS:
            for record in store.table(table).values():
                result.update(footprint(table, record))
        holders: set[tuple[Key, str]] = set()
        for share in store.table("shares").values():
            holders.update(_key_refs(share))
        for key, _ref in holders:
            result[key] += 1
    return result


def drift(book: Book) -> list[dict[str, Any]]:
    """Every usage row whose ``in_use`` or ``reserved`` disagrees with
    the records and the open reservations (empty when consistent)."""
    store = book.store
    with store.lock:
        counted = recount(store)
        reserved: Counter[Key] = Counter()
        for reservation in book.reservations.values():
            if reservation["delta"] > 0:
                key = (
                    reservation["project_id"],
                    reservation["scope"],
                    reservation["resource"],
                )
                reserved[key] += reservation["delta"]
                if key[1].startswith("user:"):
                    reserved[(key[0], "", key[2])] += reservation["delta"]
        rows = {
            (r["project_id"], r["scope"], r["resource"]): r
            for r in store.table(USAGES).values()
        }
        result = []
        for key in sorted(set(rows) | set(counted) | set(reserved)):
            row = rows.get(key) or {"in_use": 0, "reserved": 0}
            if (
                row["in_use"] != counted[key]
                or row["reserved"] != reserved[key]
            ):
                result.append(
                    {
                        "project_id": key[0],
                        "scope": key[1] or "project",
                        "resource": key[2],
                        "in_use": row["in_use"],
                        "counted": counted[key],
                        "reserved": row["reserved"],
                        "reservations": reserved[key],
                    }
                )
        return result
