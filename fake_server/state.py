"""Plays Manila's database: the one in-memory store of the fake cloud.

Records are plain dicts in named tables, keyed by id, under one re-entrant
lock. ``reset()`` empties every table; the cloud then seeds the defaults.
With a state file, :meth:`Store.insert`, :meth:`Store.update` and
:meth:`Store.delete` note what they change and :meth:`Store.flush` writes
it through (see :mod:`fake_server.persistence`); a record changed in place
must go through ``update`` (or :meth:`Store.touch`) to be written.
"""

from __future__ import annotations

import copy
import datetime
import json
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fake_server.persistence import Persistence

from fake_server.timeline import TRACKED, Timeline

Record = dict[str, Any]


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


class Store:
    """Tables of records, with one lock for every read-modify-write."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.tables: dict[str, dict[str, Record]] = {}
        #: every record's status transitions (the console shows them)
        self.timeline = Timeline()
        #: with a state file: where flushes go, and the (table, id) of
        #: records changed since the last flush (None: memory only)
        self._sink: Persistence | None = None
        self._dirty: dict[tuple[str, str], None] | None = None
        self._cleared = False

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
        """Drop every record of every table."""
        with self.lock:
            self.tables = {}
            self.timeline.clear()
            if self._dirty is not None:
                self._dirty = {}
                self._cleared = True

    def table(self, name: str) -> dict[str, Record]:
        """The table ``name`` (created empty on first use)."""
        return self.tables.setdefault(name, {})

    def insert(self, name: str, record: Record) -> Record:
        """Add ``record`` (given an ``id``, timestamps) and return it."""
        with self.lock:
            record.setdefault("id", new_id())
            record.setdefault("created_at", now())
            record.setdefault("updated_at", None)
            self.table(name)[record["id"]] = record
            self.timeline.inserted(record["created_at"], name, record)
            if self._dirty is not None:
                self._dirty[(name, record["id"])] = None
            return record

    def get(self, name: str, record_id: str) -> Record | None:
        """The record with ``record_id`` in table ``name``, or None."""
        return self.table(name).get(record_id)

    def update(self, table: str, record_id: str, /, **values: Any) -> Record:
        """Set ``values`` on a record and stamp ``updated_at``."""
        with self.lock:
            record = self.table(table)[record_id]
            before = {
                key: record.get(key) for key in TRACKED.intersection(values)
            }
            record.update(values)
            record["updated_at"] = stamp = now()
            if before:
                self.timeline.changed(stamp, table, record_id, before, values)
            if self._dirty is not None:
                self._dirty[(table, record_id)] = None
            return record

    def delete(self, name: str, record_id: str) -> Record | None:
        """Remove a record; return it (None if it was not there)."""
        with self.lock:
            if self._dirty is not None:
                self._dirty[(name, record_id)] = None
            record = self.table(name).pop(record_id, None)
            if record is not None:
                self.timeline.deleted(now(), name, record)
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
