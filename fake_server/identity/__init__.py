"""Plays Keystone v3: discovery, tokens, catalog and the admin API.

The package has Keystone's split: :mod:`backend` holds domains, projects,
users, groups, roles and role assignments in the one store (rules, no
HTTP), :mod:`tokens` authenticates and validates tokens, :mod:`policy`
has Keystone's default rules, :mod:`http` is the thin HTTP layer of
``/identity/v3`` and :mod:`faults` Keystone's error bodies. The catalog
lists the share service as ``sharev2`` and ``shared-file-system`` (and
keystone as ``identity``), all pointing back at this server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fake_server.config import Config, stable_hex
from fake_server.identity import faults
from fake_server.identity.backend import (
    BOOTSTRAP_IMPLIES,
    BOOTSTRAP_ROLES,
    DEFAULT_DOMAIN,
    SYSTEM,
    Backend,
)
from fake_server.identity.tokens import TOKEN_LIFETIME, Resolved, Tokens, iso
from fake_server.state import Store

__all__ = [
    "TOKEN_LIFETIME",
    "Account",
    "BadRequest",
    "Identity",
    "Token",
    "Unauthorized",
]

DOMAIN = {"id": DEFAULT_DOMAIN, "name": "Default"}
#: what callers get from :meth:`Identity.authenticate` and ``validate``
Token = Resolved
Unauthorized = faults.Unauthorized
BadRequest = faults.BadRequest


@dataclass
class Account:
    """A seeded user (from the configuration) with its own project."""

    user_id: str
    name: str
    password: str
    project_id: str
    project_name: str
    roles: list[str]


class Identity:
    """The fake Keystone: seeded accounts, backend, tokens, documents."""

    def __init__(self, config: Config, store: Store) -> None:
        self.region = config.region
        self.store = store
        self.backend = Backend(store)
        self.tokens = Tokens(self.backend)
        self.accounts: dict[str, Account] = {}
        for user in config.users:
            project = user.project or user.name
            account = Account(
                user_id=stable_hex("user", user.name),
                name=user.name,
                password=user.password,
                project_id=stable_hex("project", project),
                project_name=project,
                roles=list(user.roles),
            )
            self.accounts[account.user_id] = account

    def seed(self) -> None:
        """Create what ``keystone-manage bootstrap`` and the config give.

        The ``Default`` domain; the roles reader, member, manager, admin
        and service with Keystone's implications (admin implies manager
        implies member implies reader); each configured user with its
        project and its roles there (an ``admin`` user also gets admin on
        the system, as bootstrap gives). Ids are stable across restarts.
        """
        self.tokens.keep_key()
        backend = self.backend
        backend.create_domain(
            {
                "id": DEFAULT_DOMAIN,
                "name": DOMAIN["name"],
                "description": "The default domain",
            }
        )
        role_ids = {}
        for name in BOOTSTRAP_ROLES:
            role_ids[name] = backend.create_role(
                {"id": stable_hex("role", name), "name": name}
            )["id"]
        for prior, implied in BOOTSTRAP_IMPLIES:
            backend.create_implied_role(role_ids[prior], role_ids[implied])
        for account in self.accounts.values():
            if self.store.get("keystone_projects", account.project_id) is None:
                backend.create_project(
                    {"id": account.project_id, "name": account.project_name}
                )
            backend.create_user(
                {
                    "id": account.user_id,
                    "name": account.name,
                    "password": account.password,
                    "default_project_id": account.project_id,
                }
            )
            for role in account.roles:
                if role not in role_ids:
                    role_ids[role] = backend.create_role(
                        {"id": stable_hex("role", role), "name": role}
                    )["id"]
                backend.grant(
                    "user",
                    account.user_id,
                    "project",
                    account.project_id,
                    role_ids[role],
                )
                if role == "admin":
                    backend.grant(
                        "user",
                        account.user_id,
                        "system",
                        SYSTEM,
                        role_ids[role],
                    )

    def project_ids(self) -> dict[str, str]:
        """Project name -> id for every seeded project."""
        return {a.project_name: a.project_id for a in self.accounts.values()}

    def account_by_name(self, name: str) -> Account | None:
        """The seeded account of user ``name``, if any."""
        for account in self.accounts.values():
            if account.name == name:
                return account
        return None

    # -- authentication ----------------------------------------------------

    def authenticate(self, body: Any) -> Resolved:
        """Issue a token for a ``POST /v3/auth/tokens`` body.

        :raises Unauthorized: bad credentials or token.
        :raises BadRequest: a malformed body.
        """
        return self.tokens.authenticate(body)

    def validate(self, token_id: str | None) -> Resolved:
        """The caller's live token; Unauthorized if unknown or invalid."""
        return self.tokens.resolve(token_id)

    def revoke(self, token_id: str) -> None:
        """Revoke a token (and the tokens rescoped from it)."""
        self.tokens.revoke(token_id)

    # -- documents ---------------------------------------------------------

    def catalog(self, base_url: str) -> list[dict[str, Any]]:
        """The service catalog, pointing at ``base_url``."""

        def service(kind: str, name: str, url: str) -> dict[str, Any]:
            return {
                "id": stable_hex("service", kind),
                "type": kind,
                "name": name,
                "endpoints": [
                    {
                        "id": stable_hex("endpoint", f"{kind}:{iface}"),
                        "interface": iface,
                        "region": self.region,
                        "region_id": self.region,
                        "url": url,
                    }
                    for iface in ("public", "internal", "admin")
                ],
            }

        return [
            service("identity", "keystone", base_url + "/identity"),
            service("sharev2", "manilav2", base_url + "/v2"),
            service("shared-file-system", "manila", base_url + "/v2"),
            service("network", "neutron", base_url + "/networking"),
        ]

    def token_body(
        self, token: Resolved, base_url: str, catalog: bool = True
    ) -> dict[str, Any]:
        """The JSON body Keystone returns for a token."""
        user = token.user
        inner: dict[str, Any] = {
            "methods": list(token.token.methods),
            "user": {
                "id": user["id"],
                "name": user["name"],
                "domain": {
                    "id": token.user_domain["id"],
                    "name": token.user_domain["name"],
                },
                "password_expires_at": None,
            },
            "audit_ids": list(token.token.audit_ids),
            "issued_at": iso(token.token.issued_at),
            "expires_at": iso(token.token.expires_at),
        }
        if token.token.scope is None:
            return {"token": inner}
        if token.project is not None:
            domain = self.store.get(
                "keystone_domains", token.project["domain_id"]
            ) or {"id": token.project["domain_id"], "name": ""}
            inner["project"] = {
                "id": token.project["id"],
                "name": token.project["name"],
                "domain": {"id": domain["id"], "name": domain["name"]},
            }
            inner["is_domain"] = False
        elif token.domain is not None:
            inner["domain"] = {
                "id": token.domain["id"],
                "name": token.domain["name"],
            }
        else:
            inner["system"] = {"all": True}
        inner["roles"] = [
            {"id": role["id"], "name": role["name"]} for role in token.roles
        ]
        if token.app_cred is not None:
            inner["application_credential"] = {
                "id": token.app_cred["id"],
                "name": token.app_cred["name"],
                "restricted": not token.app_cred.get("unrestricted", False),
            }
        if catalog:
            inner["catalog"] = self.catalog(base_url)
        return {"token": inner}

    @staticmethod
    def version_v3(base_url: str) -> dict[str, Any]:
        """The v3 version entry."""
        return {
            "id": "v3.14",
            "status": "stable",
            "updated": "2020-04-07T00:00:00Z",
            "links": [{"rel": "self", "href": base_url + "/identity/v3/"}],
            "media-types": [
                {
                    "base": "application/json",
                    "type": "application/vnd.openstack.identity-v3+json",
                }
            ],
        }
