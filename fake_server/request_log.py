"""Plays the API's access log (manila-api's WSGI log lines), kept in memory.

The app adds one entry per request it served: method, path, status,
microversion, project, time taken. The log is bounded (the newest
:data:`MAX_ENTRIES` are kept); the console's events page reads it and
``GET /_fake/requests`` returns it.
"""

from __future__ import annotations

import itertools
import threading
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any

MAX_ENTRIES = 2_000


@dataclass(frozen=True)
class RequestEntry:
    """One served request."""

    seq: int
    at: str
    method: str
    path: str
    status: int
    microversion: str | None
    project_id: str | None
    duration_ms: float
    request_id: str

    def as_dict(self) -> dict[str, Any]:
        """The entry as JSON-ready data."""
        return asdict(self)


class RequestLog:
    """The newest requests served, oldest first."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: deque[RequestEntry] = deque(maxlen=max_entries)
        self._seq = itertools.count(1)
        self._lock = threading.Lock()

    def add(self, **fields: Any) -> RequestEntry:
        """Record a request (the fields of :class:`RequestEntry`)."""
        with self._lock:
            entry = RequestEntry(seq=next(self._seq), **fields)
            self._entries.append(entry)
        return entry

    def entries(self) -> list[RequestEntry]:
        """Every kept entry, oldest first."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()
