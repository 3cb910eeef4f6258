"""Plays Manila's API faults: typed errors and the fault envelope.

Business code raises these; the HTTP layer turns them into
``{"<faultName>": {"code": N, "message": "..."}}`` with that status.
"""

from __future__ import annotations

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
        self.message = message or self.default_message
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


class BadRequest(Fault):
    code = 400
    default_message = "Malformed request body"


class Unauthorized(Fault):
    code = 401
    default_message = "The request you have made requires authentication."


class Forbidden(Fault):
    code = 403
    default_message = "Access was denied to this resource."


class NotFound(Fault):
    code = 404
    default_message = "The resource could not be found."


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
