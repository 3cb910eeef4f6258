"""Plays the history Manila keeps in its logs: each record's transitions.

The store calls :meth:`Timeline.inserted`, :meth:`Timeline.changed` and
:meth:`Timeline.deleted`; every change of a status-like field (``status``,
``task_state``, access ``state``, ``access_rules_status``,
``replica_state``) becomes an event with its time and the operation that
caused it: the API operation of the request being served, or the share
manager's or scheduler's task running on the bus. The console shows them.

Bounded twice: at most :data:`PER_RECORD` events per record and at most
:data:`MAX_RECORDS` records (the least recently changed are forgotten).
"""

from __future__ import annotations

import contextlib
import contextvars
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

#: the fields whose changes are transitions
TRACKED = frozenset(
    {
        "status",
        "task_state",
        "state",
        "access_rules_status",
        "replica_state",
    }
)
PER_RECORD = 64
MAX_RECORDS = 50_000

_OPERATION: contextvars.ContextVar[str] = contextvars.ContextVar(
    "fake_operation", default="internal"
)


@contextlib.contextmanager
def operation(name: str) -> Iterator[None]:
    """Attribute the transitions made inside the block to ``name``."""
    # one string per operation name, however many events carry it
    token = _OPERATION.set(sys.intern(name))
    try:
        yield
    finally:
        _OPERATION.reset(token)


def current_operation() -> str:
    """The operation transitions are attributed to now."""
    return _OPERATION.get()


#: one event as kept: at, field, from, to, operation (a tuple is 80
#: bytes, a dict of the same five 232: a cloud of 100,000 shares keeps
#: tens of thousands of records' events)
Event = tuple[str, str, Any, Any, str]
_EVENT_FIELDS = ("at", "field", "from", "to", "operation")


class Timeline:
    """Transitions per record, bounded."""

    def __init__(
        self, max_records: int = MAX_RECORDS, per_record: int = PER_RECORD
    ) -> None:
        self.max_records = max_records
        self.per_record = per_record
        self._lock = threading.Lock()
        #: record -> its events, oldest first (a list: a bounded deque
        #: costs over 600 bytes even for one event)
        self._events: OrderedDict[tuple[str, str], list[Event]] = OrderedDict()

    def clear(self) -> None:
        """Forget every event."""
        with self._lock:
            self._events.clear()

    def _add(
        self,
        at: str,
        table: str,
        record_id: str,
        field: str,
        old: Any,
        new: Any,
    ) -> None:
        key = (table, record_id)
        event: Event = (at, field, old, new, _OPERATION.get())
        with self._lock:
            events = self._events.get(key)
            if events is None:
                self._events[key] = [event]
                while len(self._events) > self.max_records:
                    self._events.popitem(last=False)
                return
            self._events.move_to_end(key)
            events.append(event)
            if len(events) > self.per_record:
                del events[0]

    def inserted(self, at: str, table: str, record: dict[str, Any]) -> None:
        """A record was created: its first status is a transition."""
        for field in TRACKED.intersection(record):
            if record[field] is not None:
                self._add(at, table, record["id"], field, None, record[field])

    def changed(
        self,
        at: str,
        table: str,
        record_id: str,
        before: dict[str, Any],
        values: dict[str, Any],
    ) -> None:
        """``values`` were written over ``before`` (tracked fields only)."""
        for field, old in before.items():
            new = values[field]
            if new != old:
                self._add(at, table, record_id, field, old, new)

    def deleted(self, at: str, table: str, record: dict[str, Any]) -> None:
        """A record is gone: the end of its timeline."""
        self._add(at, table, record["id"], "record", "exists", "deleted")

    def events(self, table: str, record_id: str) -> list[dict[str, Any]]:
        """The events of one record, oldest first."""
        with self._lock:
            kept = list(self._events.get((table, record_id), ()))
        return [dict(zip(_EVENT_FIELDS, event, strict=True)) for event in kept]

    def __len__(self) -> int:
        with self._lock:
            return len(self._events)
