"""Plays Manila's API faults: typed errors and the fault envelope.

Business code raises these; the HTTP layer turns them into
``{"<faultName>": {"code": N, "message": "..."}}`` with that status.
"""

from __future__ import annotations

import json
from typing import Any

FAULT_NAMES = {
    400: "badRequest",
    401: "unauthorized",
    403: "forbidden",
    404: "itemNotFound",
    405: "badMethod",
    409: "conflictingRequest",
    413: "overLimit",
    415: "badMediaType",
    501: "notImplemented",
    503: "serviceUnavailable",
}


class Fault(Exception):
    """An error that the API answers with Manila's fault envelope."""

    code = 500
    default_message = "An unknown exception occurred."

    def __init__(self, message: str | None = None, **extra: Any) -> None:
        message = message or self.default_message
        # ManilaException trims the doubled period that formatting a
        # "...%(reason)s." template with a reason ending in "." gives
        if message.endswith("..") and not message.endswith("..."):
            message = message[:-1]
        self.message = message
        self.extra = extra
        super().__init__(self.message)

    @property
    def name(self) -> str:
        """The fault name Manila uses for this status code."""
        return FAULT_NAMES.get(self.code, "computeFault")

    def body(self) -> dict[str, Any]:
        """The JSON body of the fault."""
        inner: dict[str, Any] = {"code": self.code, "message": self.message}
        inner.update(self.extra)
        return {self.name: inner}


#: webob's HTTPBadRequest explanation, which Manila's fault shows when a
#: controller raises a bare ``HTTPBadRequest()`` or a TypeError
WEBOB_BAD_REQUEST = (
    "The server could not comply with the request since it is either "
    "malformed or otherwise incorrect."
)


class BadRequest(Fault):
    code = 400
    default_message = "Malformed request body"


class InvalidInput(BadRequest):
    """Manila's ``InvalidInput``: ``Invalid input received: <reason>.``

    Manila's exceptions trim the doubled period a reason ending in "."
    gives (see :class:`Fault`).
    """

    def __init__(self, reason: str, **extra: Any) -> None:
        super().__init__(f"Invalid input received: {reason}.", **extra)


class Unauthorized(Fault):
    code = 401
    default_message = "The request you have made requires authentication."


class Forbidden(Fault):
    code = 403
    default_message = "Access was denied to this resource."


class NotFound(Fault):
    code = 404
    default_message = "The resource could not be found."


class Unrouted(NotFound):
    """A path no route matches: the router's bare webob 404.

    Manila's router (oslo.service's ``Router``) answers it before any
    controller runs, so the body is webob's, not Manila's fault envelope,
    and it carries no microversion headers. See :func:`webob_body`.
    """


#: webob's explanation of HTTPNotFound (what the router's 404 says)
UNROUTED_TEXT = "The resource could not be found."
#: webob's status titles of the bare errors the fake answers
_WEBOB_TITLES = {404: "Not Found", 413: "Request Entity Too Large"}


def _accept_q(accept: str, offer: str) -> float:
    """The quality ``accept`` gives ``offer`` (most specific range wins)."""
    kind = offer.split("/", 1)[0]
    best: tuple[int, float] = (-1, 0.0)
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media == offer:
            rank = 2
        elif media == f"{kind}/*":
            rank = 1
        elif media == "*/*":
            rank = 0
        else:
            continue
        if rank > best[0]:
            best = (rank, quality)
    return best[1]


def webob_body(accept: str | None, code: int, text: str) -> tuple[str, str]:
    """A bare webob error response: (content type, body) for ``accept``.

    What a middleware in front of Manila's fault wrapper answers (the
    router's 404, oslo's request size limit): webob offers text/html, then
    application/json, and falls back to text/plain when the client accepts
    neither.
    """
    title = _WEBOB_TITLES[code]
    status = f"{code} {title}"
    explanation = f"{text}<br /><br />\n\n\n"
    if accept is None or not accept.strip():
        html_q, json_q = 1.0, 1.0
    else:
        html_q = _accept_q(accept, "text/html")
        json_q = _accept_q(accept, "application/json")
    if html_q > 0 and html_q >= json_q:
        return "text/html", (
            f"<html>\n <head>\n  <title>{status}</title>\n </head>\n"
            f" <body>\n  <h1>{status}</h1>\n  {explanation}\n </body>\n"
            "</html>"
        )
    if json_q > 0:
        return "application/json", json.dumps(
            {"message": explanation, "code": status, "title": title}
        )
    return "text/plain", f"{status}\n\n{text}\n\n   "


class TooLarge(Fault):
    """A body over ``max_request_body_size``: oslo's sizelimit 413, a
    bare webob error (see :func:`webob_body`)."""

    code = 413


def keystone_body(code: int, message: str) -> dict[str, Any]:
    """Keystone's error body: ``{"error": {"code", "title", "message"}}``."""
    from http import HTTPStatus

    try:
        title = HTTPStatus(code).phrase
    except ValueError:
        title = "Error"
    return {"error": {"code": code, "title": title, "message": message}}


class BadMethod(Fault):
    code = 405
    default_message = "The method is not allowed for this resource."


class NotAcceptable(Fault):
    code = 406
    default_message = "The requested version is not supported."


class Conflict(Fault):
    code = 409
    default_message = (
        "There was a conflict when trying to complete your request."
    )


class OverLimit(Fault):
    code = 413
    default_message = "Quota exceeded."

    def __init__(self, message: str | None = None, **extra: Any) -> None:
        extra.setdefault("retryAfter", "0")
        super().__init__(message, **extra)


class BadMediaType(Fault):
    code = 415
    default_message = "Unsupported Content-Type"


class NotImplementedFault(Fault):
    code = 501
    default_message = "The requested function is not implemented."


class Internal(Fault):
    code = 500
    default_message = (
        "The server has either erred or is incapable of "
        "performing the requested operation."
    )


class Unprocessable(Fault):
    code = 422
    default_message = "Unable to process the contained instructions"
