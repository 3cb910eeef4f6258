"""Plays manila/api/openstack/wsgi.py: requests, routes and dispatch.

A :class:`Route` is one row of the table in :mod:`fake_server.routes`:
method, path template (relative to ``/v2``), handler, the microversion
range it exists in, whether it is experimental, and for ``POST
.../action`` routes the action name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fake_server import errors
from fake_server.context import Context
from fake_server.microversion import Version

if TYPE_CHECKING:
    from fake_server.cloud import Cloud


@dataclass
class Reply:
    """What a handler answers: status, JSON body (or None), headers."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class ApiRequest:
    """One parsed API request, as handlers see it."""

    cloud: Cloud
    ctx: Context
    method: str
    path: str
    params: dict[str, str]
    query: dict[str, list[str]]
    raw_body: bytes
    base_url: str
    _body: Any = None
    _parsed: bool = False

    @property
    def version(self) -> Version:
        """The request's microversion."""
        return self.ctx.version

    def at_least(self, minimum: str) -> bool:
        """Whether the request's microversion is at least ``minimum``."""
        return self.ctx.version >= Version.parse(minimum)

    def body(self) -> Any:
        """The JSON body; BadRequest as Manila when it is not JSON."""
        if not self._parsed:
            if not self.raw_body.strip():
                self._body = None
            else:
                try:
                    self._body = json.loads(self.raw_body)
                except (ValueError, UnicodeDecodeError) as exc:
                    raise errors.BadRequest("Malformed request body") from exc
            self._parsed = True
        return self._body

    def body_of(self, key: str, *, allow_null: bool = False) -> Any:
        """``body[key]``, which must be an object (Manila's check)."""
        body = self.body()
        if not isinstance(body, dict) or key not in body:
            raise errors.BadRequest(
                f"Missing required element '{key}' in request body."
            )
        value = body[key]
        if value is None and allow_null:
            return {}
        if not isinstance(value, dict):
            raise errors.BadRequest(
                f"Malformed request body: '{key}' must be an object."
            )
        return value

    def q(self, name: str, default: str | None = None) -> str | None:
        """The last value of query parameter ``name``."""
        values = self.query.get(name)
        return values[-1] if values else default

    def flat_query(self) -> dict[str, str]:
        """The query string as a dict of last values."""
        return {k: v[-1] for k, v in self.query.items() if v}


Handler = Callable[[ApiRequest], Reply]


@dataclass
class Route:
    """One row of the route table."""

    method: str
    template: str
    handler: Handler
    min_version: str = "2.0"
    max_version: str | None = None
    experimental: bool = False
    action: str | None = None
    pattern: re.Pattern[str] = field(init=False, repr=False)
    low: Version = field(init=False, repr=False)
    high: Version | None = field(init=False, repr=False)
    #: slashes in the template: a matching path has as many, or one more
    slashes: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", self.template)
        self.pattern = re.compile(f"^{regex}/?$")
        self.low = Version.parse(self.min_version)
        self.high = (
            Version.parse(self.max_version) if self.max_version else None
        )
        self.slashes = self.template.count("/")
        self._low = (self.low.major, self.low.minor)
        self._high = (self.high.major, self.high.minor) if self.high else None

    def serves(self, version: Version) -> bool:
        """Whether the route exists at ``version``."""
        key = (version.major, version.minor)
        if key < self._low:
            return False
        return self._high is None or key <= self._high


def R(
    method: str,
    template: str,
    handler: Handler,
    min_version: str = "2.0",
    max_version: str | None = None,
    *,
    experimental: bool = False,
) -> Route:
    """Declare a route: ``R("GET", "/shares/{share_id}", shares.show)``."""
    return Route(
        method, template, handler, min_version, max_version, experimental
    )


def A(
    template: str,
    action: str,
    handler: Handler,
    min_version: str = "2.0",
    max_version: str | None = None,
    *,
    experimental: bool = False,
) -> Route:
    """Declare an action: ``A("/shares/{share_id}/action", "extend", h)``."""
    return Route(
        "POST",
        template,
        handler,
        min_version,
        max_version,
        experimental,
        action,
    )


class Router:
    """Matches a method and path against the route table."""

    def __init__(self, routes: list[Route]) -> None:
        self.routes = routes
        # first path segment -> routes, to keep matching cheap
        self._by_head: dict[str, list[Route]] = {}
        for route in routes:
            head = route.template.strip("/").split("/", 1)[0]
            self._by_head.setdefault(head, []).append(route)
        self.collections = frozenset(self._by_head)
        # (head, slashes in the path) -> the routes that could match, in
        # table order; filled on first use
        self._by_shape: dict[tuple[str, int], list[Route]] = {}
        self._max_slashes = max((r.slashes for r in routes), default=0) + 1

    def _candidates(self, head: str, path: str) -> list[Route]:
        slashes = path.count("/")
        if slashes > self._max_slashes or head not in self._by_head:
            return []
        key = (head, slashes)
        found = self._by_shape.get(key)
        if found is None:
            found = [
                r
                for r in self._by_head.get(head, ())
                if r.slashes in (slashes, slashes - 1)
            ]
            self._by_shape[key] = found
        return found

    def known(self, path: str) -> bool:
        """Whether any route (of any method or version) matches ``path``."""
        head = path.strip("/").split("/", 1)[0]
        return any(
            route.pattern.match(path) for route in self._candidates(head, path)
        )

    def resolve(
        self,
        method: str,
        path: str,
        version: Version,
        experimental: bool,
        body: Callable[[], Any],
    ) -> tuple[Route, dict[str, str]]:
        """The route and path parameters for a request, or Manila's fault.

        :param body: Gives the parsed body, for ``.../action`` routes.
        """
        head = path.strip("/").split("/", 1)[0]
        matched: list[tuple[Route, dict[str, str]]] = []
        for route in self._candidates(head, path):
            found = route.pattern.match(path)
            if found:
                matched.append((route, found.groupdict()))
        if not matched:
            raise errors.Unrouted()
        same_method = [m for m in matched if m[0].method == method]
        if not same_method:
            # Manila registers its routes per method, so another method
            # on a known path is a 404 (the controller has no such
            # method), never a 405
            raise errors.NotFound()
        if same_method[0][0].action is not None:
            payload = body()
            if not isinstance(payload, dict) or not payload:
                raise errors.BadRequest("Malformed request body")
            name = next(iter(payload))
            named = [m for m in same_method if m[0].action == name]
            if not named:
                raise errors.BadRequest(f"There is no such action: {name}")
            same_method = named
        for route, params in same_method:
            if not route.serves(version):
                continue
            if route.experimental and not experimental:
                continue
            return route, params
        raise errors.NotFound()
