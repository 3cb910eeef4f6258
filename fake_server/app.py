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

from fake_server import (
    console,
    control,
    errors,
    microversion,
    timeline,
)
from fake_server.api import versions
from fake_server.api.wsgi import ApiRequest, Reply, Router
from fake_server.cloud import Cloud
from fake_server.context import Context
from fake_server.guard import HostGuard
from fake_server.identity import faults as identity_faults
from fake_server.identity.http import IdentityApi
from fake_server.identity.http import Request as IdentityRequest
from fake_server.network import api as network_api
from fake_server.network import neutron
from fake_server.routes import RESOURCES, ROUTES
from fake_server.state import now

LOG = logging.getLogger(__name__)
JSON = "application/json"
_PROJECT_SEGMENT = re.compile(r"^[0-9a-fA-F-]{32,36}$")
#: header value -> parsed microversion (valid values only, bounded)
_VERSIONS: dict[str, microversion.Version] = {}
_VERSIONS_MAX = 512
#: webob's exception names, the ``type`` of Neutron's faults
_NEUTRON_TYPES = {
    400: "HTTPBadRequest",
    401: "HTTPUnauthorized",
    403: "HTTPForbidden",
    404: "HTTPNotFound",
    413: "HTTPRequestEntityTooLarge",
}


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
    """The sink that serves every request of the fake cloud.

    :param guard: The Host and Origin checks of a listening server (None
        for an app driven in-process, which no browser can reach).
    """

    def __init__(self, cloud: Cloud, guard: HostGuard | None = None) -> None:
        self.cloud = cloud
        self.guard = guard
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
            self._admit(req)
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
                self.control(req, resp, path[len("/_fake") :])
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
            self._webob(req, resp, 404, errors.UNROUTED_TEXT)
        except errors.TooLarge as fault:
            self._webob(req, resp, 413, fault.message)
        except errors.Fault as fault:
            self._fault(resp, fault, path, base_url)
        except (OverflowError, RecursionError, ValueError, UnicodeError):
            # values no request should carry (numbers too big to use, ...):
            # the client's mistake, never a 500
            LOG.warning(
                "bad input in %s %s", req.method, path[:200], exc_info=True
            )
            self._fault(
                resp,
                errors.BadRequest("Invalid input received."),
                path,
                base_url,
            )
        except Exception:  # never leak a traceback to the client
            LOG.exception("unexpected error serving %s %s", req.method, path)
            _json(resp, 500, errors.Internal().body())
        finally:
            # what this request changed is on disk before it is answered
            try:
                self.cloud.flush()
            except Exception:  # the disk failed us, not the client
                LOG.exception("writing the state file failed")
                _json(resp, 500, errors.Internal().body())

    def _admit(self, req: falcon.Request) -> None:
        """Refuse foreign Host and Origin headers and oversized bodies."""
        if self.guard is not None:
            problem = self.guard.problem(
                req.get_header("Host"), req.get_header("Origin")
            )
            if problem:
                raise errors.Forbidden(problem)
        length = req.content_length
        if (
            length is not None
            and length > self.cloud.config.max_request_body_size
        ):
            raise errors.TooLarge(
                "Request is too large. Larger than max_request_body_size (%s)."
            )

    @staticmethod
    def _webob(
        req: falcon.Request, resp: falcon.Response, code: int, text: str
    ) -> None:
        """A bare webob error (before Manila's fault wrapper runs)."""
        for name in (microversion.HEADER, "Vary"):
            resp.delete_header(name)
        resp.delete_header(microversion.EXPERIMENTAL_HEADER)
        content_type, body = errors.webob_body(
            req.get_header("Accept"), code, text
        )
        resp.status = falcon.code_to_http_status(code)
        resp.content_type = content_type
        resp.data = body.encode()

    @staticmethod
    def _fault(
        resp: falcon.Response, fault: errors.Fault, path: str, base_url: str
    ) -> None:
        """A fault in the envelope of the service the path belongs to."""
        body = fault.body()
        if path.startswith("/identity") and "error" not in body:
            body = errors.keystone_body(fault.code, fault.message)
        elif path.startswith("/networking") and not (
            "NeutronError" in body or "error" in body  # keystonemiddleware's
        ):
            body = neutron.NeutronError(
                fault.code,
                _NEUTRON_TYPES.get(fault.code, "HTTPError"),
                fault.message,
            ).body()
        _json(resp, fault.code, body)
        if fault.code == 413:
            resp.set_header("Retry-After", "0")
        elif fault.code == 401:
            # keystonemiddleware (and Keystone) say where to log in
            resp.set_header(
                "WWW-Authenticate", f'Keystone uri="{base_url}/identity"'
            )

    def _raw_body(self, req: falcon.Request) -> bytes:
        """The body, refused (413) once it is longer than the limit."""
        limit = self.cloud.config.max_request_body_size
        length = req.content_length
        if length is not None:
            return req.bounded_stream.read(length) if length else b""
        raw = req.bounded_stream.read(limit + 1)
        if len(raw) > limit:
            raise errors.TooLarge(
                f"Request is too large. Larger than {limit}."
            )
        return raw

    # -- control --------------------------------------------------------------

    def control(
        self, req: falcon.Request, resp: falcon.Response, sub: str
    ) -> None:
        """``/_fake``: an admin token or the control token, then the API."""
        control.check_credential(
            self.cloud,
            req.get_header(control.TOKEN_HEADER)
            or req.get_header("X-Auth-Token"),
        )
        raw = self._raw_body(req)
        status, body = control.handle(
            self.cloud, req.method, sub, raw, req.params
        )
        _json(resp, status, body)

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
            if path == "/":
                # the versions route has no {project_id} form
                raise errors.Unrouted()
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
        # Resource deserialises the body before the controller runs: a
        # malformed one is 400 whatever the controller does with it
        api_request.body()
        with self.cloud.bus.deferred(), timeline.operation(name):
            reply: Reply = route.handler(api_request)
        for key, value in reply.headers.items():
            resp.set_header(key, value)
        _json(resp, reply.status, reply.body)


def build_app(
    cloud: Cloud, guard: HostGuard | None = None
) -> falcon.App[Any, Any]:
    """The WSGI app serving ``cloud`` (behind ``guard`` when listening)."""
    app = falcon.App(media_type=JSON)
    app.req_options.strip_url_path_trailing_slash = False
    app.add_sink(ManilaApp(cloud, guard), "/")
    return app
