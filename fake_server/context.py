"""Plays manila.context.RequestContext: who is asking, at what version."""

from __future__ import annotations

from dataclasses import dataclass, field

from fake_server.microversion import MIN, Version


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
    def internal(cls) -> Context:
        """An admin context for the services' own work."""
        return cls(
            user_id="manila",
            project_id="service",
            roles=frozenset({"admin", "member", "reader", "service"}),
        )
