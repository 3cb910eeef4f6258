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


#: (id(table), major, minor, is_admin) -> (table, plan); tuples only
_PLANS: dict[tuple[int, int, int, bool], tuple[Any, tuple[Any, ...]]] = {}
_PLANS_MAX = 1024

Plan = tuple[tuple[str, str, "Source | None"], ...]


def _plan(table: Iterable[Field], ctx: Context) -> Plan:
    """The fields of ``table`` shown to ``ctx``, as (name, key, source).

    Which fields show depends only on the microversion and on whether
    the caller is an admin, so the answer for a (tuple) table is
    computed once per version and kept. The cache holds the table
    itself, so its ``id`` cannot be reused while it is cached.
    """
    version = ctx.version
    admin = ctx.is_admin
    cacheable = isinstance(table, tuple) and isinstance(version, Version)
    if cacheable:
        key = (id(table), version.major, version.minor, admin)
        entry = _PLANS.get(key)
        if entry is not None and entry[0] is table:
            return entry[1]
    plan: Plan = tuple(
        (
            f.name,
            f.source if isinstance(f.source, str) else f.name,
            None
            if f.source is None or isinstance(f.source, str)
            else f.source,
        )
        for f in table
        if f.shown(ctx)
    )
    if cacheable:
        if len(_PLANS) >= _PLANS_MAX:
            _PLANS.clear()
        _PLANS[key] = (table, plan)
    return plan


def render(
    record: dict[str, Any], table: Iterable[Field], ctx: Context
) -> dict[str, Any]:
    """Render ``record`` with the fields of ``table`` shown to ``ctx``."""
    get = record.get
    return {
        name: get(key) if source is None else source(record, ctx)
        for name, key, source in _plan(table, ctx)
    }


def render_all(
    records: Iterable[dict[str, Any]], table: Iterable[Field], ctx: Context
) -> list[dict[str, Any]]:
    """Render each record of ``records``."""
    plan = _plan(table, ctx)
    return [
        {
            name: r.get(key) if source is None else source(r, ctx)
            for name, key, source in plan
        }
        for r in records
    ]
