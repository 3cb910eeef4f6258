"""Plays manila.context.RequestContext: who is asking, at what version."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fake_server.microversion import MIN, Version

if TYPE_CHECKING:
    from fake_server.identity.tokens import Resolved


@dataclass
class Context:
    """The caller of one API request (or an internal admin caller)."""

    user_id: str
    project_id: str
    roles: frozenset[str] = field(default_factory=frozenset)
    user_name: str = ""
    project_name: str = ""
    version: Version = MIN
    experimental: bool = False
    request_id: str = ""
    base_url: str = ""
    #: the project id the request's URL carried (``/v2/{project_id}/``),
    #: which Manila repeats in the links it returns; "" when absent
    url_project: str = ""

    @property
    def is_admin(self) -> bool:
        """Whether the caller has the admin role (context_is_admin)."""
        return "admin" in self.roles

    @classmethod
    def from_token(cls, token: Resolved, **extra: Any) -> Context:
        """The caller a validated Keystone token stands for.

        The roles are the token's effective roles on its scope (what
        keystonemiddleware passes on); the project is the token's, ""
        for a domain- or system-scoped token.
        """
        return cls(
            user_id=token.user["id"],
            project_id=token.project_id,
            roles=token.role_names,
            user_name=token.user["name"],
            project_name=""
            if token.project is None
            else token.project["name"],
            **extra,
        )

    @classmethod
    def internal(cls) -> Context:
        """An admin context for the services' own work."""
        return cls(
            user_id="manila",
            project_id="service",
            roles=frozenset({"admin", "member", "reader", "service"}),
        )
