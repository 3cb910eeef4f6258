"""Plays the dashboard in front of manila-api: the fake cloud's web console.

Served by the fake itself under ``/_console`` (plain HTML, CSS and a little
JavaScript from this package; nothing fetched from the network):

- ``/_console/``: overview (services, pools, counts by status), live;
- ``/_console/resources/KIND`` and ``/_console/resources/KIND/ID``: tables
  and a record's page (its API view, children and timeline);
- ``/_console/events``: the request and notification logs;
- ``/_console/control``: the control API's actions as forms.

It needs the control API's credential. Opening ``/_console/?token=TOKEN``
(the URL ``python -m fake_server`` prints) stores it in a ``SameSite=Strict``
cookie scoped to ``/_console``; every page and action checks it again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, urlsplit

import falcon

from fake_server import control, errors
from fake_server.console import data, pages

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

PREFIX = pages.PREFIX
COOKIE = "fake_console"
#: only this server's own scripts, styles and forms
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"
)
_STATIC_TYPES = {
    "console.css": "text/css; charset=utf-8",
    "console.js": "text/javascript; charset=utf-8",
}
#: the longest form body an action takes
_MAX_FORM = 4096


@dataclass
class Answer:
    """What the console answers: status, type, body, headers."""

    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    #: the console cookie to set (the credential), if any
    cookie: str | None = None

    def write(self, resp: falcon.Response) -> None:
        """Put the answer on a Falcon response."""
        resp.status = falcon.code_to_http_status(self.status)
        resp.content_type = self.content_type
        resp.data = self.body
        for name, value in self.headers.items():
            resp.set_header(name, value)
        resp.set_header("X-Frame-Options", "DENY")
        resp.set_header("Content-Security-Policy", CSP)
        resp.set_header("Referrer-Policy", "same-origin")
        if self.cookie is not None:
            resp.set_cookie(
                COOKIE,
                self.cookie,
                path=PREFIX,
                secure=False,
                http_only=True,
                same_site="Strict",
            )


def _static(name: str) -> bytes:
    return (resources.files(__package__) / "static" / name).read_bytes()


def _html(text: str, status: int = 200) -> Answer:
    return Answer(status, text.encode())


def _redirect(location: str, **headers: str) -> Answer:
    return Answer(303, b"", headers={"Location": location, **headers})


def _first(query: dict[str, list[str]], name: str, default: str = "") -> str:
    values = query.get(name)
    return values[-1] if values else default


def _int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


def handle(cloud: Cloud, req: falcon.Request) -> Answer:
    """Serve one console request."""
    sub = req.path[len(PREFIX) :] or "/"
    query = parse_qs(req.query_string or "", keep_blank_values=True)
    if sub.startswith("/static/") and req.method in ("GET", "HEAD"):
        name = sub[len("/static/") :]
        if name not in _STATIC_TYPES:
            return _html("Not found", 404)
        return Answer(
            200,
            _static(name),
            _STATIC_TYPES[name],
            {"Cache-Control": "no-cache"},
        )
    token = _first(query, "token")
    if token and req.method == "GET" and sub in ("/", "/login"):
        if not control.credential_ok(cloud, token):
            return _html(pages.login("That token is not valid."), 401)
        answer = _redirect(f"{PREFIX}/")
        answer.cookie = token
        return answer
    credential = (req.cookies.get(COOKIE) or "") or (
        req.get_header(control.TOKEN_HEADER) or ""
    )
    if not control.credential_ok(cloud, credential):
        return _html(
            pages.login("Sign in with the control API's credential."), 401
        )
    partial = _first(query, "partial") == "1"

    def page(title: str, body: str, refresh: int = 2000) -> Answer:
        if partial:
            return _html(body)
        return _html(pages.layout(title, body, refresh))

    parts = [p for p in sub.split("/") if p]
    if req.method == "POST" and parts == ["control"]:
        return _control(cloud, req)
    if req.method not in ("GET", "HEAD"):
        return _html("Not found", 404)
    try:
        if not parts:
            return page("Overview", pages.overview(data.overview(cloud)))
        if parts[0] == "resources" and len(parts) == 2:
            table = data.table(
                cloud,
                parts[1],
                {k: _first(query, k) for k in ("project", "status", "backend")}
                | {"q": _first(query, "q")},
                sort=_first(query, "sort", "created_at"),
                direction="asc" if _first(query, "dir") == "asc" else "desc",
                page=_int(_first(query, "page", "1"), 1),
            )
            backends = sorted(b.name for b in cloud.config.backends)
            return page(table.kind.title, pages.resources(table, backends))
        if parts[0] == "resources" and len(parts) == 3:
            item = data.detail(cloud, parts[1], parts[2], req.prefix)
            return page(item.kind.title, pages.detail(item))
        if parts == ["events"]:
            match = _first(query, "q")
            return page(
                "Events",
                pages.events(
                    data.notifications(cloud, match),
                    data.requests(cloud, match),
                    match,
                ),
            )
        if parts == ["control"]:
            status, config = control.handle(cloud, "GET", "/config", b"", {})
            _, backends = control.handle(cloud, "GET", "/backends", b"", {})
            return page(
                "Control",
                pages.control(
                    backends["backends"],
                    config,
                    _first(query, "msg"),
                    _first(query, "error"),
                ),
                refresh=0,
            )
    except errors.Fault as fault:
        return _html(
            pages.layout("Not found", f"<h1>{pages.e(fault.message)}</h1>", 0),
            404,
        )
    return _html(pages.layout("Not found", "<h1>No such page</h1>", 0), 404)


def _same_origin(req: falcon.Request) -> bool:
    origin = req.get_header("Origin")
    if not origin:
        return True
    return urlsplit(origin).netloc == (req.get_header("Host") or "")


def _control_call(form: dict[str, list[str]]) -> tuple[str, str, Any]:
    """The control API call (method, path, body) a console form stands for."""
    action = _first(form, "action")
    backend = quote(_first(form, "backend"), safe="")
    operation = _first(form, "operation").strip()
    if action in ("stop", "start"):
        return "POST", f"/backends/{backend}/{action}", None
    if action == "fail":
        return (
            "PATCH",
            f"/backends/{backend}",
            {"failures": {operation: _int(_first(form, "count", "1"), 1)}},
        )
    if action == "delay":
        try:
            seconds = float(_first(form, "seconds", "0"))
        except ValueError:
            seconds = -1.0
        return (
            "PATCH",
            f"/backends/{backend}",
            {"delays": {operation: seconds}},
        )
    if action == "progression":
        return "PUT", "/config", {"progression": _first(form, "progression")}
    if action == "advance":
        steps = _first(form, "steps")
        return "POST", "/advance", ({"steps": _int(steps, 1)} if steps else {})
    if action == "reset":
        return "POST", "/reset", None
    raise errors.BadRequest(f"Unknown action {action or '(none)'}.")


def _control(cloud: Cloud, req: falcon.Request) -> Answer:
    """Run a control form through the control API, then show the result."""
    if not _same_origin(req):
        return _html("Cross-site request refused.", 403)
    length = req.content_length or 0
    if length > _MAX_FORM:
        return _html("Form too large.", 413)
    raw = req.bounded_stream.read(length) if length else b""
    form = parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True)
    try:
        method, path, body = _control_call(form)
        payload = b"" if body is None else json.dumps(body).encode()
        control.handle(cloud, method, path, payload, {})
    except errors.Fault as fault:
        return _redirect(f"{PREFIX}/control?error={quote(fault.message)}")
    done = f"{method} /_fake{path}" + (f" {json.dumps(body)}" if body else "")
    return _redirect(f"{PREFIX}/control?msg={quote('Done: ' + done)}")
