"""Builds the WSGI app: Manila's middleware chain and the route table.

request id -> fault wrapper -> auth (Keystone token) -> microversion ->
router -> controller. ``/`` and ``/v2/`` are version documents,
``/identity`` is the minimal Keystone, ``/networking`` the minimal
Neutron, ``/_fake`` the control API.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any
from urllib.parse import parse_qs

import falcon

from fake_server import console, control, errors, microversion, timeline
from fake_server.api import versions
from fake_server.api.wsgi import ApiRequest, Reply, Router
from fake_server.cloud import Cloud
from fake_server.context import Context
from fake_server.identity import faults as identity_faults
from fake_server.identity.http import IdentityApi
from fake_server.identity.http import Request as IdentityRequest
from fake_server.network import api as network_api
from fake_server.routes import RESOURCES, ROUTES
from fake_server.state import now

LOG = logging.getLogger(__name__)
JSON = "application/json"
_PROJECT_SEGMENT = re.compile(r"^[0-9a-fA-F-]{32,36}$")
#: header value -> parsed microversion (valid values only, bounded)
_VERSIONS: dict[str, microversion.Version] = {}
_VERSIONS_MAX = 512


def _version(value: str | None) -> microversion.Version:
    """``microversion.from_header``, remembering the answers."""
    if value is None:
        return microversion.from_header(value)
    version = _VERSIONS.get(value)
    if version is None:
        version = microversion.from_header(value)
        if len(_VERSIONS) < _VERSIONS_MAX:
            _VERSIONS[value] = version
    return version


def _json(resp: falcon.Response, status: int, body: Any) -> None:
    resp.status = falcon.code_to_http_status(status)
    if body is None:
        resp.data = b""
        if status != 204:
            resp.content_type = JSON
    else:
        resp.content_type = JSON
        resp.data = json.dumps(body).encode()


class ManilaApp:
    """The sink that serves every request of the fake cloud."""

    def __init__(self, cloud: Cloud) -> None:
        self.cloud = cloud
        self.router = Router(ROUTES, RESOURCES)
        self.identity_api = IdentityApi(cloud.identity)

    # -- entry ---------------------------------------------------------------

    def __call__(
        self, req: falcon.Request, resp: falcon.Response, **_: Any
    ) -> None:
        request_id = f"req-{uuid.uuid4()}"
        resp.set_header("x-openstack-request-id", request_id)
        resp.set_header("x-compute-request-id", request_id)
        path = req.path
        base_url = req.prefix
        started = time.perf_counter()
        try:
            self._serve(req, resp, path, base_url, request_id)
        finally:
            if not path.startswith(console.PREFIX):
                self._log(req, resp, path, request_id, started)

    def _log(
        self,
        req: falcon.Request,
        resp: falcon.Response,
        path: str,
        request_id: str,
        started: float,
    ) -> None:
        """Add the request to the cloud's request log."""
        self.cloud.requests.add(
            at=now(),
            method=req.method,
            path=path,
            status=int(str(resp.status).split(" ", 1)[0]),
            microversion=resp.get_header(microversion.HEADER),
            project_id=getattr(req.context, "project_id", None),
            duration_ms=round((time.perf_counter() - started) * 1000, 3),
            request_id=request_id,
        )

    def _serve(
        self,
        req: falcon.Request,
        resp: falcon.Response,
        path: str,
        base_url: str,
        request_id: str,
    ) -> None:
        try:
            if path in ("", "/"):
                _json(resp, 300, versions.document(base_url))
            elif path.startswith("/identity"):
                self.identity(req, resp, path[len("/identity") :], base_url)
            elif path == "/networking" or path.startswith("/networking/"):
                status, body = network_api.handle(
                    self.cloud,
                    req.method,
                    path[len("/networking") :],
                    req.get_header("X-Auth-Token"),
                    self._raw_body(req)
                    if req.method in ("POST", "PUT")
                    else b"",
                    req.query_string,
                    base_url,
                )
                _json(resp, status, body)
            elif path == console.PREFIX or path.startswith(
                console.PREFIX + "/"
            ):
                console.handle(self.cloud, req).write(resp)
            elif path.startswith("/_fake"):
                status, body = control.handle(
                    self.cloud,
                    req.method,
                    path[len("/_fake") :],
                    self._raw_body(req),
                    req.params,
                )
                _json(resp, status, body)
            elif path == "/v2":
                resp.set_header(microversion.HEADER, str(microversion.MIN))
                resp.set_header("Vary", microversion.HEADER)
                _json(
                    resp, 200, {"versions": [versions.version_entry(base_url)]}
                )
            elif path.startswith("/v2/"):
                self.manila(req, resp, path[3:], base_url, request_id)
            else:
                raise errors.Unrouted()
        except errors.Unrouted:
            # the router's bare webob 404: no Manila envelope or headers
            for name in (microversion.HEADER, "Vary"):
                resp.delete_header(name)
            resp.delete_header(microversion.EXPERIMENTAL_HEADER)
            content_type, text = errors.unrouted_body(req.get_header("Accept"))
            resp.status = falcon.code_to_http_status(404)
            resp.content_type = content_type
            resp.data = text.encode()
        except errors.Fault as fault:
            _json(resp, fault.code, fault.body())
            if fault.code == 413:
                resp.set_header("Retry-After", "0")
            elif fault.code == 401:
                # keystonemiddleware (and Keystone) say where to log in
                resp.set_header(
                    "WWW-Authenticate", f'Keystone uri="{base_url}/identity"'
                )
        except Exception:  # never leak a traceback to the client
            LOG.exception("unexpected error serving %s %s", req.method, path)
            _json(resp, 500, errors.Internal().body())

    @staticmethod
    def _raw_body(req: falcon.Request) -> bytes:
        length = req.content_length or 0
        return (
            req.bounded_stream.read(length)
            if length
            else req.bounded_stream.read()
        )

    # -- identity ---------------------------------------------------------

    def identity(
        self,
        req: falcon.Request,
        resp: falcon.Response,
        sub: str,
        base_url: str,
    ) -> None:
        identity = self.cloud.identity
        sub = sub.rstrip("/")
        if sub == "" and req.method == "GET":
            _json(
                resp,
                300,
                {"versions": {"values": [identity.version_v3(base_url)]}},
            )
            return
        if sub == "/v3" and req.method == "GET":
            _json(resp, 200, {"version": identity.version_v3(base_url)})
            return
        if not sub.startswith("/v3/"):
            raise identity_faults.NotFound("The resource could not be found.")
        reply = self.identity_api.handle(
            IdentityRequest(
                method=req.method,
                path=sub[len("/v3") :],
                params={k: str(v) for k, v in req.params.items()},
                raw_body=self._raw_body(req)
                if req.method in ("POST", "PUT", "PATCH")
                else b"",
                headers={
                    "x-auth-token": req.get_header("X-Auth-Token") or "",
                    "x-subject-token": req.get_header("X-Subject-Token") or "",
                },
                base_url=base_url,
            )
        )
        for key, value in reply.headers.items():
            resp.set_header(key, value)
        _json(resp, reply.status, reply.body)

    # -- manila -------------------------------------------------------------

    def manila(
        self,
        req: falcon.Request,
        resp: falcon.Response,
        path: str,
        base_url: str,
        request_id: str,
    ) -> None:
        token = self.cloud.identity.validate(req.get_header("X-Auth-Token"))
        req.context.project_id = token.project_id
        head, _, rest = path[1:].partition("/")
        url_project = ""
        if head not in self.router.collections and _PROJECT_SEGMENT.match(
            head
        ):
            url_project = head
            path = "/" + rest
        # Manila's router runs before its controllers read the version
        # headers: a method and path no route maps is a bare 404
        # whatever they say
        if not self.router.known(req.method, path):
            raise errors.Unrouted()
        version = _version(req.get_header(microversion.HEADER))
        experimental = microversion.experimental_from_header(
            req.get_header(microversion.EXPERIMENTAL_HEADER)
        )
        resp.set_header(microversion.HEADER, str(version))
        resp.set_header("Vary", microversion.HEADER)
        if experimental:
            resp.set_header(microversion.EXPERIMENTAL_HEADER, "True")
        ctx = Context.from_token(
            token,
            version=version,
            experimental=experimental,
            request_id=request_id,
            base_url=base_url,
            url_project=url_project,
        )
        raw = self._raw_body(req) if req.method in ("POST", "PUT") else b""
        # wsgi.Resource.get_body: only an application/json body is read;
        # with no Content-Type or another one the body is dropped
        content_type = (req.content_type or "").split(";")[0].strip()
        api_request = ApiRequest(
            cloud=self.cloud,
            ctx=ctx,
            method=req.method,
            path=path,
            params={},
            query=parse_qs(req.query_string, keep_blank_values=True)
            if req.query_string
            else {},
            raw_body=raw,
            base_url=base_url,
            has_body=bool(raw) and content_type == JSON,
        )
        route, params = self.router.resolve(
            req.method, path, version, experimental, api_request.action_name
        )
        if url_project and url_project != token.project_id:
            raise errors.BadRequest("Malformed request url")
        if (
            req.method in ("POST", "PUT")
            and route.action is None
            and (
                (route.body == "required" and not api_request.has_body)
                or (route.body == "none" and api_request.has_body)
            )
        ):
            # calling the controller method with or without ``body``
            # against its signature is a TypeError, which Resource
            # answers with webob's plain 400
            raise errors.BadRequest(errors.WEBOB_BAD_REQUEST)
        api_request.params = params
        name = f"{req.method} {route.template}"
        if route.action:
            name += f" ({route.action})"
        with self.cloud.bus.deferred(), timeline.operation(name):
            reply: Reply = route.handler(api_request)
        for key, value in reply.headers.items():
            resp.set_header(key, value)
        _json(resp, reply.status, reply.body)


def build_app(cloud: Cloud) -> falcon.App[Any, Any]:
    """The WSGI app serving ``cloud``."""
    app = falcon.App(media_type=JSON)
    app.req_options.strip_url_path_trailing_slash = False
    app.add_sink(ManilaApp(cloud), "/")
    return app
