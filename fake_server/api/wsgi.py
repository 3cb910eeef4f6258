"""Plays manila/api/openstack/wsgi.py: requests, routes and dispatch.

A :class:`Route` is one row of the table in :mod:`fake_server.routes`:
method, path template (relative to ``/v2``), handler, the microversion
range it exists in, whether it is experimental, and for ``POST
.../action`` routes the action name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fake_server import errors, jsonbody
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
    #: False when Manila's ``Resource.get_body`` drops the body: no
    #: Content-Type, one other than application/json, or an empty body
    has_body: bool = True
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
            if not self.has_body:
                self._body = None
            else:
                try:
                    self._body = jsonbody.loads(self.raw_body)
                except ValueError as exc:
                    raise errors.BadRequest("Malformed request body") from exc
            self._parsed = True
        return self._body

    def action_name(self) -> str:
        """The action a ``POST .../action`` body names, as Manila's
        ``action_peek_json`` and ``Resource.get_method`` find it.

        :raises errors.BadRequest: ``There is no such action: None`` when
            the body was dropped (see :attr:`has_body`), ``Malformed
            request body`` when it is not JSON or has other than one key.
        :raises errors.NotFound: When the JSON has no length or no keys
            (a number, null, a one-item list or string).
        """
        if not self.has_body:
            raise errors.BadRequest("There is no such action: None")
        try:
            decoded = jsonbody.loads(self.raw_body)
        except ValueError as exc:
            raise errors.BadRequest("Malformed request body") from exc
        try:
            size = len(decoded)
        except TypeError as exc:
            raise errors.NotFound() from exc
        if size != 1:
            raise errors.BadRequest("Malformed request body")
        if not isinstance(decoded, dict):
            raise errors.NotFound()
        return str(next(iter(decoded)))

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
    #: how Manila's method takes the body: ``required`` (called without
    #: one it fails with a TypeError, webob's plain 400), ``optional``
    #: (``body=None``) or ``none`` (no parameter: a body is the TypeError)
    body: str = "required"
    pattern: re.Pattern[str] = field(init=False, repr=False)
    low: Version = field(init=False, repr=False)
    high: Version | None = field(init=False, repr=False)
    #: slashes in the template: a matching path has as many
    slashes: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", self.template)
        # routes matches the template exactly: no trailing slash, no
        # empty segment
        self.pattern = re.compile(f"^{regex}$")
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
    body: str = "required",
) -> Route:
    """Declare a route: ``R("GET", "/shares/{share_id}", shares.show)``."""
    return Route(
        method,
        template,
        handler,
        min_version,
        max_version,
        experimental,
        body=body,
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


def no_method(req: ApiRequest) -> Reply:
    """A verb Manila's router maps for a resource whose controller has no
    such method: ``wsgi.Resource`` answers 404 with the fault envelope."""
    raise errors.NotFound()


def resource_routes(collection: str) -> tuple[list[Route], list[Route]]:
    """The verbs routes' ``Mapper.resource`` maps for ``collection``.

    :returns: Routes to put before the table (``GET {collection}/new``,
        which wins over ``show``) and after it (index, create, show,
        update, delete, edit), all answering :func:`no_method`; the
        table's own rows take precedence over the latter.
    """
    member = collection + "/{id}"
    front = [Route("GET", collection + "/new", no_method)]
    back = [
        Route("GET", collection, no_method),
        Route("POST", collection, no_method),
        Route("GET", member, no_method),
        Route("PUT", member, no_method),
        Route("DELETE", member, no_method),
        Route("GET", member + "/edit", no_method),
    ]
    return front, back


class Router:
    """Matches a method and path against the route table.

    As routes does in Manila, a route matches its method and its path
    exactly; anything else is unrouted (webob's bare 404).
    """

    def __init__(
        self, routes: list[Route], resources: tuple[str, ...] = ()
    ) -> None:
        front: list[Route] = []
        back: list[Route] = []
        for collection in resources:
            before, after = resource_routes(collection)
            front.extend(before)
            back.extend(after)
        routes = [*front, *routes, *back]
        self.routes = routes
        # (method, first path segment) -> routes, to keep matching cheap
        self._by_head: dict[tuple[str, str], list[Route]] = {}
        for route in routes:
            head = route.template.strip("/").split("/", 1)[0]
            self._by_head.setdefault((route.method, head), []).append(route)
        self.collections = frozenset(head for _, head in self._by_head)
        # (method, head, slashes in the path) -> the routes that could
        # match, in table order; filled on first use
        self._by_shape: dict[tuple[str, str, int], list[Route]] = {}
        self._max_slashes = max((r.slashes for r in routes), default=0)

    def _candidates(self, method: str, path: str) -> list[Route]:
        slashes = path.count("/")
        head = path[1:].split("/", 1)[0]
        if slashes > self._max_slashes or (method, head) not in self._by_head:
            return []
        key = (method, head, slashes)
        found = self._by_shape.get(key)
        if found is None:
            found = [
                r
                for r in self._by_head[(method, head)]
                if r.slashes == slashes
            ]
            self._by_shape[key] = found
        return found

    def known(self, method: str, path: str) -> bool:
        """Whether any route (of any version) matches method and path."""
        return any(
            route.pattern.match(path)
            for route in self._candidates(method, path)
        )

    def resolve(
        self,
        method: str,
        path: str,
        version: Version,
        experimental: bool,
        action_name: Callable[[], str],
    ) -> tuple[Route, dict[str, str]]:
        """The route and path parameters for a request, or Manila's fault.

        :param action_name: Gives the action a body names, for
            ``.../action`` routes (see :meth:`ApiRequest.action_name`).
        """
        matched: list[tuple[Route, dict[str, str]]] = []
        for route in self._candidates(method, path):
            found = route.pattern.match(path)
            if found:
                matched.append((route, found.groupdict()))
        if not matched:
            raise errors.Unrouted()
        if matched[0][0].action is not None:
            name = action_name()
            named = [m for m in matched if m[0].action == name]
            if not named:
                raise errors.BadRequest(f"There is no such action: {name}")
            matched = named
        for route, params in matched:
            if not route.serves(version):
                continue
            if route.experimental and not experimental:
                continue
            return route, params
        raise errors.NotFound()
