"""Plays manila/api/views: one declared field table per resource.

A table is a tuple of :class:`Field`; :func:`render` shows a record at
the request's microversion, hiding admin-only fields from non-admins.
Manila redefines whole view methods per version; here each field says
when it appeared (``since``) and, if it went away, its last version
(``until``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from fake_server.context import Context
from fake_server.microversion import Version

Source = Callable[[dict[str, Any], Context], Any]


@dataclass(frozen=True)
class Field:
    """One field of a view."""

    name: str
    since: Version
    until: Version | None
    admin: bool
    source: str | Source | None

    def shown(self, ctx: Context) -> bool:
        """Whether this field is part of the view for ``ctx``."""
        if ctx.version < self.since:
            return False
        if self.until is not None and ctx.version > self.until:
            return False
        return not (self.admin and not ctx.is_admin)

    def value(self, record: dict[str, Any], ctx: Context) -> Any:
        """The field's value for ``record``."""
        if self.source is None:
            return record.get(self.name)
        if isinstance(self.source, str):
            return record.get(self.source)
        return self.source(record, ctx)


def F(
    name: str,
    since: str = "2.0",
    until: str | None = None,
    *,
    admin: bool = False,
    source: str | Source | None = None,
) -> Field:
    """Declare a field: ``F("task_state", "2.5")``."""
    return Field(
        name,
        Version.parse(since),
        Version.parse(until) if until else None,
        admin,
        source,
    )


def render(
    record: dict[str, Any], table: Iterable[Field], ctx: Context
) -> dict[str, Any]:
    """Render ``record`` with the fields of ``table`` shown to ``ctx``."""
    return {f.name: f.value(record, ctx) for f in table if f.shown(ctx)}


def render_all(
    records: Iterable[dict[str, Any]], table: Iterable[Field], ctx: Context
) -> list[dict[str, Any]]:
    """Render each record of ``records``."""
    fields = [f for f in table if f.shown(ctx)]
    return [{f.name: f.value(r, ctx) for f in fields} for r in records]
