"""Plays the API's access log (manila-api's WSGI log lines), kept in memory.

The app adds one entry per request it served: method, path, status,
microversion, project, time taken. The log is bounded (the newest
:data:`MAX_ENTRIES` are kept); the console's events page reads it and
``GET /_fake/requests`` returns it. Listeners (:meth:`RequestLog.subscribe`)
see each entry as it is added: ``python -m fake_server --access-log``
prints them as :func:`access_line` lines.
"""

from __future__ import annotations

import itertools
import threading
from collections import deque
from collections.abc import Callable
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
        self._listeners: tuple[Callable[[RequestEntry], None], ...] = ()

    def add(self, **fields: Any) -> RequestEntry:
        """Record a request (the fields of :class:`RequestEntry`).

        Listeners are called after the entry is kept, outside the lock, in
        the request's thread; an exception of theirs is not the request's.
        """
        with self._lock:
            entry = RequestEntry(seq=next(self._seq), **fields)
            self._entries.append(entry)
            listeners = self._listeners
        for listener in listeners:
            try:
                listener(entry)
            except Exception:  # a listener never breaks a request
                pass
        return entry

    def subscribe(
        self, listener: Callable[[RequestEntry], None]
    ) -> Callable[[], None]:
        """Call ``listener`` with every entry added from now on.

        :param listener: Called with each new :class:`RequestEntry`.
        :returns: A function that unsubscribes it.
        """
        with self._lock:
            self._listeners = (*self._listeners, listener)

        def unsubscribe() -> None:
            with self._lock:
                self._listeners = tuple(
                    known for known in self._listeners if known is not listener
                )

        return unsubscribe

    def entries(self) -> list[RequestEntry]:
        """Every kept entry, oldest first."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()


def access_line(entry: RequestEntry) -> str:
    """One access-log line: time, method, path, status, microversion, ms.

    ``2026-01-01T00:00:00.000000 GET /v2/shares/detail 200 2.99 3.1ms``;
    ``-`` stands for no microversion.
    """
    return (
        f"{entry.at} {entry.method} {entry.path} {entry.status} "
        f"{entry.microversion or '-'} {entry.duration_ms:.1f}ms"
    )
