"""Plays Manila's database: the one in-memory store of the fake cloud.

Records are plain dicts in named tables, keyed by id, under one re-entrant
lock. ``reset()`` empties every table; the cloud then seeds the defaults.
With a state file, :meth:`Store.insert`, :meth:`Store.update` and
:meth:`Store.delete` note what they change and :meth:`Store.flush` writes
it through (see :mod:`fake_server.persistence`); a record changed in place
must go through ``update`` (or :meth:`Store.touch`) to be written.

Like Manila's indexed columns, a table can have indexes
(:meth:`Store.add_index`): key -> ids, kept by :meth:`Store.insert`,
:meth:`Store.update` and :meth:`Store.delete`, so hot paths look records
up by project, host, share network or parent record instead of scanning
the table. Every change to a stored record must go through those three
methods (never ``record[key] = ...``), or the indexes and the quota
usages (kept by watchers, :meth:`Store.watch`) go stale.
"""

from __future__ import annotations

import copy
import datetime
import itertools
import json
import threading
import uuid
from collections.abc import Callable, Hashable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fake_server.persistence import Persistence

from fake_server.timeline import TRACKED, Timeline

Record = dict[str, Any]
#: an index bucket: its ids in created order (a 1-tuple when one id)
Bucket = tuple[str] | dict[str, None]
#: a watcher of a table: called (under the lock) with the record before
#: and after each change (None before an insert, None after a delete)
Watcher = Callable[[Record | None, Record | None], None]


def now() -> str:
    """The current UTC time as Manila prints it (microseconds, no zone)."""
    return (
        datetime.datetime.now(datetime.UTC)
        .replace(tzinfo=None)
        .isoformat(timespec="microseconds")
    )


def new_id() -> str:
    """A fresh UUID string."""
    return str(uuid.uuid4())


class Index:
    """One index of a table: key -> that key's record ids, in order.

    Each bucket keeps its ids in Manila's default list order, oldest
    ``created_at`` first (ties by id), so a list of the newest records
    is read from the end of one bucket without sorting the table. A
    bucket of one id is a 1-tuple (48 bytes instead of a dict's 184):
    most keys of some indexes (a share's instance, a child record's
    share) hold one record.
    """

    def __init__(
        self, fields: tuple[str, ...], key: Callable[[Record], Hashable | None]
    ) -> None:
        self.fields = frozenset(fields)
        self.key = key
        self.buckets: dict[Hashable, Bucket] = {}

    def add(self, record: Record, table: dict[str, Record]) -> None:
        """File ``record`` under its key (if it has one)."""
        value = self.key(record)
        if value is None:
            return
        record_id = record["id"]
        bucket = self.buckets.get(value)
        if bucket is None:
            self.buckets[value] = (record_id,)
            return
        if isinstance(bucket, tuple):
            if bucket[0] == record_id:
                return
            bucket = dict.fromkeys(bucket)
            self.buckets[value] = bucket
        last = table.get(next(reversed(bucket)))
        mine = order_key(record)
        if last is not None and mine < order_key(last):
            # an older record (re)joins: put it in its place, found by
            # bisection (the rebuild itself runs in C)
            ids = list(bucket)
            low, high = 0, len(ids)
            while low < high:
                middle = (low + high) // 2
                if order_key(table[ids[middle]]) < mine:
                    low = middle + 1
                else:
                    high = middle
            ids.insert(low, record_id)
            self.buckets[value] = dict.fromkeys(ids)
            return
        bucket[record_id] = None

    def remove(self, record: Record) -> None:
        """Take ``record`` out of its bucket."""
        value = self.key(record)
        if value is None:
            return
        bucket = self.buckets.get(value)
        if bucket is None:
            return
        if isinstance(bucket, tuple):
            if bucket[0] == record["id"]:
                del self.buckets[value]
            return
        bucket.pop(record["id"], None)
        if not bucket:
            del self.buckets[value]


def order_key(record: Record) -> tuple[bool, str, str]:
    """Manila's default list order of a record: ``created_at``, then id."""
    created = record.get("created_at")
    return (created is None, str(created or ""), str(record.get("id", "")))


class Store:
    """Tables of records, with one lock for every read-modify-write."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.tables: dict[str, dict[str, Record]] = {}
        #: table -> index name -> index (definitions survive reset)
        self.indexes: dict[str, dict[str, Index]] = {}
        #: table -> watchers, called on every change of that table
        self.watchers: dict[str, list[Watcher]] = {}
        #: called after reset() and load(), which change tables wholesale
        self.reloaders: list[Callable[[], None]] = []
        #: every record's status transitions (the console shows them)
        self.timeline = Timeline()
        #: with a state file: where flushes go, and the (table, id) of
        #: records changed since the last flush (None: memory only)
        self._sink: Persistence | None = None
        self._dirty: dict[tuple[str, str], None] | None = None
        self._cleared = False
        self._last_stamp = ""

    def attach(self, sink: Persistence, fresh: bool) -> None:
        """Write changes through to ``sink`` from now on (at each flush).

        :param fresh: The sink is empty: the next flush writes every
            record (else only what changes from now on).
        """
        with self.lock:
            self._sink = sink
            self._dirty = {}
            if fresh:
                for name, rows in self.tables.items():
                    for record_id in rows:
                        self._dirty[(name, record_id)] = None

    def reset(self) -> None:
        """Drop every record of every table (indexes are emptied)."""
        with self.lock:
            self.tables = {}
            self.timeline.clear()
            if self._dirty is not None:
                self._dirty = {}
                self._cleared = True
            self._reload()

    def add_index(
        self,
        table: str,
        name: str,
        fields: tuple[str, ...],
        key: Callable[[Record], Hashable | None] | None = None,
    ) -> None:
        """Keep an index ``name`` on ``table``: key -> ids.

        The key is ``key(record)`` (None leaves the record out), which
        must read only the record's ``fields``; without ``key``, the
        value of the one field (None: left out) or the tuple of them.
        """
        if key is None:
            if len(fields) == 1:
                field = fields[0]

                def key(record: Record) -> Hashable | None:
                    return record.get(field)

            else:

                def key(record: Record) -> Hashable | None:
                    return tuple(record.get(f) for f in fields)

        with self.lock:
            index = Index(fields, key)
            rows = self.table(table)
            for record in sorted(rows.values(), key=order_key):
                index.add(record, rows)
            self.indexes.setdefault(table, {})[name] = index

    def watch(self, table: str, watcher: Watcher) -> None:
        """Call ``watcher(before, after)`` on every change of ``table``."""
        with self.lock:
            self.watchers.setdefault(table, []).append(watcher)

    def on_reload(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after :meth:`reset` and :meth:`load`."""
        with self.lock:
            self.reloaders.append(callback)

    def _reload(self) -> None:
        self._reindex()
        for callback in self.reloaders:
            callback()

    def _reindex(self) -> None:
        for table, indexes in self.indexes.items():
            rows = self.table(table)
            ordered = sorted(rows.values(), key=order_key)
            for index in indexes.values():
                index.buckets = {}
                for record in ordered:
                    index.add(record, rows)

    def lookup_ids(self, table: str, index: str, key: Hashable) -> list[str]:
        """The ids under ``key`` in an index, oldest first."""
        with self.lock:
            bucket = self.indexes[table][index].buckets.get(key)
            return list(bucket) if bucket else []

    def lookup(self, table: str, index: str, key: Hashable) -> list[Record]:
        """The records under ``key`` in an index, oldest first."""
        with self.lock:
            bucket = self.indexes[table][index].buckets.get(key)
            if not bucket:
                return []
            rows = self.table(table)
            return [rows[i] for i in bucket]

    def first(self, table: str, index: str, key: Hashable) -> Record | None:
        """The oldest record under ``key`` in an index, or None."""
        with self.lock:
            bucket = self.indexes[table][index].buckets.get(key)
            if not bucket:
                return None
            return self.table(table)[next(iter(bucket))]

    def count(self, table: str, index: str, key: Hashable) -> int:
        """How many records are under ``key`` in an index."""
        with self.lock:
            return len(self.indexes[table][index].buckets.get(key) or ())

    def index_keys(self, table: str, index: str) -> list[Hashable]:
        """The keys an index has records under."""
        with self.lock:
            return list(self.indexes[table][index].buckets)

    def page(
        self,
        table: str,
        index: str,
        key: Hashable,
        *,
        newest_first: bool = True,
        where: Callable[[Record], bool] | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[Record]:
        """One page of the records under ``key``, in created order.

        Costs ``offset + limit`` steps (and ``where`` calls), not the
        size of the bucket or the table.
        """
        with self.lock:
            bucket = self.indexes[table][index].buckets.get(key)
            if not bucket:
                return []
            rows = self.table(table)
            ids: Iterator[str] = (
                reversed(bucket) if newest_first else iter(bucket)
            )
            stop = None if limit is None else offset + limit
            if where is None:
                return [rows[i] for i in itertools.islice(ids, offset, stop)]
            matches = (rows[i] for i in ids if where(rows[i]))
            return list(itertools.islice(matches, offset, stop))

    def table(self, name: str) -> dict[str, Record]:
        """The table ``name`` (created empty on first use)."""
        return self.tables.setdefault(name, {})

    def _stamp(self) -> str:
        """``now()``, strictly later than the last stamp this store gave
        (so created order is also ``created_at`` order)."""
        stamp = now()
        if stamp <= self._last_stamp:
            last = datetime.datetime.fromisoformat(self._last_stamp)
            stamp = (last + datetime.timedelta(microseconds=1)).isoformat(
                timespec="microseconds"
            )
        self._last_stamp = stamp
        return stamp

    def insert(self, name: str, record: Record) -> Record:
        """Add ``record`` (given an ``id``, timestamps) and return it."""
        with self.lock:
            record.setdefault("id", new_id())
            if record.get("created_at") is None:
                record["created_at"] = self._stamp()
            record.setdefault("updated_at", None)
            rows = self.table(name)
            old = rows.get(record["id"])
            if old is not None:
                self._unfile(name, old)
            rows[record["id"]] = record
            for index in self.indexes.get(name, {}).values():
                index.add(record, rows)
            self.timeline.inserted(record["created_at"], name, record)
            if self._dirty is not None:
                self._dirty[(name, record["id"])] = None
            for watcher in self.watchers.get(name, ()):
                watcher(old, record)
            return record

    def _unfile(self, name: str, record: Record) -> None:
        for index in self.indexes.get(name, {}).values():
            index.remove(record)

    def get(self, name: str, record_id: str) -> Record | None:
        """The record with ``record_id`` in table ``name``, or None."""
        return self.table(name).get(record_id)

    def update(self, table: str, record_id: str, /, **values: Any) -> Record:
        """Set ``values`` on a record and stamp ``updated_at`` (unless
        ``values`` give it)."""
        with self.lock:
            rows = self.table(table)
            record = rows[record_id]
            watchers = self.watchers.get(table, ())
            before = dict(record) if watchers else None
            moved = [
                index
                for index in self.indexes.get(table, {}).values()
                if not index.fields.isdisjoint(values)
                and index.key(record) != index.key({**record, **values})
            ]
            for index in moved:
                index.remove(record)
            tracked = {
                key: record.get(key) for key in TRACKED.intersection(values)
            }
            record.update(values)
            if "updated_at" not in values:
                record["updated_at"] = now()
            for index in moved:
                index.add(record, rows)
            if self._dirty is not None:
                self._dirty[(table, record_id)] = None
            if tracked:
                self.timeline.changed(
                    record["updated_at"] or now(),
                    table,
                    record_id,
                    tracked,
                    values,
                )
            for watcher in watchers:
                watcher(before, record)
            return record

    def delete(self, name: str, record_id: str) -> Record | None:
        """Remove a record; return it (None if it was not there)."""
        with self.lock:
            if self._dirty is not None:
                self._dirty[(name, record_id)] = None
            record = self.table(name).pop(record_id, None)
            if record is not None:
                self._unfile(name, record)
                self.timeline.deleted(now(), name, record)
                for watcher in self.watchers.get(name, ()):
                    watcher(record, None)
            return record

    def select(
        self, name: str, where: Callable[[Record], bool] | None = None
    ) -> list[Record]:
        """The records of a table that satisfy ``where``, oldest first."""
        with self.lock:
            rows = list(self.table(name).values())
        if where is None:
            return rows
        return [row for row in rows if where(row)]

    def iter(self, name: str) -> Iterator[Record]:
        """Iterate over a snapshot of a table's records."""
        return iter(self.select(name))

    def dump(self) -> dict[str, list[Record]]:
        """A deep copy of every table, for ``/_fake/state`` and saving."""
        with self.lock:
            return {
                name: copy.deepcopy(list(rows.values()))
                for name, rows in self.tables.items()
            }

    def load(self, data: dict[str, list[Record]]) -> None:
        """Replace the whole store with ``data`` (as :meth:`dump` gives)."""
        with self.lock:
            self.tables = {
                name: {row["id"]: row for row in rows}
                for name, rows in data.items()
            }
            self._reload()

    def touch(self, name: str, record_id: str) -> None:
        """Mark a record changed in place (for the next flush)."""
        if self._dirty is not None:
            with self.lock:
                self._dirty[(name, record_id)] = None

    def flush(self) -> None:
        """Write the changes made since the last flush through to disk.

        Without a sink (the default, memory only) this does nothing. With
        one, flushes are serialised: when this returns, every change made
        before the call is committed, whichever thread's flush wrote it.
        """
        sink = self._sink
        if sink is None:
            return
        with sink.lock:
            with self.lock:
                dirty = self._dirty or {}
                cleared = self._cleared
                if not dirty and not cleared and not sink.dirty():
                    return
                self._dirty, self._cleared = {}, False
                upserts: list[tuple[str, str, str]] = []
                deletes: list[tuple[str, str]] = []
                for name, record_id in dirty:
                    record = self.tables.get(name, {}).get(record_id)
                    if record is None:
                        deletes.append((name, record_id))
                    else:
                        upserts.append(
                            (name, record_id, json.dumps(record, default=str))
                        )
            try:
                sink.write(upserts, deletes, cleared)
            except BaseException:
                with self.lock:  # keep them for the next flush
                    for key in dirty:
                        self._dirty[key] = None
                    self._cleared |= cleared
                raise
