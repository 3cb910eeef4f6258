"""Plays keystone.exception: Keystone's typed errors and its fault body.

Keystone answers every error with ``{"error": {"code", "title",
"message"}}``; the title is the HTTP reason phrase. Security errors (401)
carry Keystone's generic message, as Keystone does without
``insecure_debug``.
"""

from __future__ import annotations

from typing import Any

from fake_server import errors

#: keystone.exception.ValidationError's message
VALIDATION = (
    "Expecting to find {attribute} in {target}. The server could not comply "
    "with the request since it is either malformed or otherwise incorrect. "
    "The client is assumed to be in error."
)


class KeystoneFault(errors.Fault):
    """A fault rendered with Keystone's body instead of Manila's."""

    def body(self) -> dict[str, Any]:
        """Keystone's error body (the title is the status phrase)."""
        return errors.keystone_body(self.code, self.message)


class BadRequest(KeystoneFault, errors.BadRequest):
    """400, e.g. a schema or ``ValidationError``."""

    default_message = "The request you have made is invalid."


def validation(attribute: str, target: str) -> BadRequest:
    """keystone.exception.ValidationError(attribute=..., target=...)."""
    return BadRequest(VALIDATION.format(attribute=attribute, target=target))


class Unauthorized(KeystoneFault, errors.Unauthorized):
    """401 with Keystone's generic message."""


class Forbidden(KeystoneFault, errors.Forbidden):
    """403, a policy refusal (``ForbiddenAction``)."""

    @classmethod
    def action(cls, action: str) -> Forbidden:
        """``You are not authorized to perform the requested action``."""
        return cls(
            "You are not authorized to perform the requested action: "
            f"{action}."
        )


class NotFound(KeystoneFault, errors.NotFound):
    """404 ``Could not find <kind>: <id>.``."""

    @classmethod
    def of(cls, kind: str, ident: str) -> NotFound:
        """``Could not find {kind}: {ident}.``."""
        return cls(f"Could not find {kind}: {ident}.")


class MethodNotAllowed(KeystoneFault, errors.BadMethod):
    """405 from Flask's router."""

    default_message = "The method is not allowed for the requested URL."


class Conflict(KeystoneFault, errors.Conflict):
    """409 ``Conflict occurred attempting to store <type> - <details>``."""

    @classmethod
    def duplicate(cls, kind: str, details: str) -> Conflict:
        """keystone.exception.Conflict for a duplicate entry."""
        return cls(
            f"Conflict occurred attempting to store {kind} - {details}."
        )
