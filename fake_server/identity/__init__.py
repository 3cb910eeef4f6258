"""Plays Keystone v3, just enough for clients: discovery, tokens, catalog.

Password and token authentication with project scope; the catalog lists
the share service as ``sharev2`` and ``shared-file-system`` (and keystone
as ``identity``), all pointing back at this server.
"""

from __future__ import annotations

import datetime
import threading
import uuid
from dataclasses import dataclass
from typing import Any

from fake_server import errors
from fake_server.config import Config, stable_hex

DOMAIN = {"id": "default", "name": "Default"}
TOKEN_LIFETIME = datetime.timedelta(hours=24)


@dataclass
class Account:
    """A seeded user with its own project and roles."""

    user_id: str
    name: str
    password: str
    project_id: str
    project_name: str
    roles: list[str]


@dataclass
class Token:
    """An issued, project-scoped token."""

    token_id: str
    account: Account
    methods: list[str]
    issued_at: datetime.datetime
    expires_at: datetime.datetime
    audit_id: str


def _iso(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"


def _keystone_error(code: int, title: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "title": title, "message": message}}


class Unauthorized(errors.Unauthorized):
    """Keystone's (and keystonemiddleware's) 401: ``{"error": {...}}``.

    Clients read the message from that body (keystoneauth shows
    "Unrecognized schema in response body." for any other shape).
    """

    def body(self) -> dict[str, Any]:
        """Keystone's error body."""
        return _keystone_error(self.code, "Unauthorized", self.message)


class BadRequest(errors.BadRequest):
    """Keystone's 400: ``{"error": {...}}``."""

    def body(self) -> dict[str, Any]:
        """Keystone's error body."""
        return _keystone_error(self.code, "Bad Request", self.message)


def _name_matches(ref: dict[str, Any], name: str, ident: str) -> bool:
    return ref.get("id") == ident or ref.get("name") == name


class Identity:
    """Users, projects and tokens of the minimal Keystone."""

    def __init__(self, config: Config) -> None:
        self.region = config.region
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
        self._tokens: dict[str, Token] = {}
        self._lock = threading.Lock()

    def project_ids(self) -> dict[str, str]:
        """Project name -> id for every seeded project."""
        return {a.project_name: a.project_id for a in self.accounts.values()}

    def account_by_name(self, name: str) -> Account | None:
        """The account of user ``name``, if any."""
        for account in self.accounts.values():
            if account.name == name:
                return account
        return None

    # -- authentication --------------------------------------------------

    def _password_account(self, method: dict[str, Any]) -> Account:
        user = method.get("user")
        if not isinstance(user, dict):
            raise BadRequest("Invalid input for field 'identity'.")
        for account in self.accounts.values():
            if _name_matches(user, account.name, account.user_id):
                if user.get("password") == account.password:
                    return account
                break
        raise Unauthorized(
            "The request you have made requires authentication."
        )

    def authenticate(self, body: Any) -> Token:
        """Issue a token for a ``POST /v3/auth/tokens`` body.

        :raises Unauthorized: bad credentials or token.
        :raises BadRequest: a malformed body.
        """
        try:
            identity = body["auth"]["identity"]
            methods = list(identity["methods"])
        except (KeyError, TypeError) as exc:
            raise BadRequest(
                "Expecting to find auth.identity.methods in request body."
            ) from exc
        if "password" in methods:
            account = self._password_account(identity.get("password", {}))
        elif "token" in methods:
            token_ref = identity.get("token", {})
            existing = self.validate(str(token_ref.get("id", "")))
            account = existing.account
        else:
            raise Unauthorized("Unsupported authentication method.")
        scope = body["auth"].get("scope")
        if isinstance(scope, dict) and "project" in scope:
            project = scope["project"] or {}
            if not _name_matches(
                project, account.project_name, account.project_id
            ):
                raise Unauthorized(
                    "User has no access to project "
                    f"{project.get('name') or project.get('id')}"
                )
        issued = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        token = Token(
            token_id=uuid.uuid4().hex,
            account=account,
            methods=methods,
            issued_at=issued,
            expires_at=issued + TOKEN_LIFETIME,
            audit_id=uuid.uuid4().hex[:22],
        )
        with self._lock:
            self._tokens[token.token_id] = token
        return token

    def validate(self, token_id: str | None) -> Token:
        """The live token ``token_id``; Unauthorized if unknown/expired."""
        token = self._tokens.get(token_id or "")
        now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        if token is None or token.expires_at < now:
            raise Unauthorized(
                "The request you have made requires authentication."
            )
        return token

    def revoke(self, token_id: str) -> None:
        """Forget a token."""
        with self._lock:
            self._tokens.pop(token_id, None)

    # -- projects (what OSC's find_resource needs) ------------------------

    def projects(
        self,
        token: Token,
        rest: str,
        params: dict[str, Any],
        base_url: str,
    ) -> tuple[int, dict[str, Any]]:
        """``GET /v3/projects[/{id}]`` under Keystone's default policy.

        A user may read its own project; only admins may read others or
        list projects. Errors use Keystone's ``{"error": {...}}`` body.
        """
        names = {a.project_id: a.project_name for a in self.accounts.values()}
        admin = "admin" in token.account.roles

        def ref(project_id: str) -> dict[str, Any]:
            return {
                "id": project_id,
                "name": names[project_id],
                "domain_id": DOMAIN["id"],
                "description": "",
                "enabled": True,
                "parent_id": DOMAIN["id"],
                "is_domain": False,
                "tags": [],
                "options": {},
                "links": {
                    "self": f"{base_url}/identity/v3/projects/{project_id}"
                },
            }

        project_id = rest.strip("/")
        if project_id:
            if not admin and project_id != token.account.project_id:
                return 403, _keystone_error(
                    403,
                    "Forbidden",
                    "You are not authorized to perform the requested "
                    "action: identity:get_project.",
                )
            if project_id not in names:
                return 404, _keystone_error(
                    404,
                    "Not Found",
                    f"Could not find project: {project_id}.",
                )
            return 200, {"project": ref(project_id)}
        if not admin:
            return 403, _keystone_error(
                403,
                "Forbidden",
                "You are not authorized to perform the requested action: "
                "identity:list_projects.",
            )
        wanted = params.get("name")
        return 200, {
            "projects": [
                ref(pid)
                for pid in sorted(names)
                if wanted is None or names[pid] == wanted
            ],
            "links": {
                "self": f"{base_url}/identity/v3/projects",
                "previous": None,
                "next": None,
            },
        }

    # -- documents --------------------------------------------------------

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

    def token_body(self, token: Token, base_url: str) -> dict[str, Any]:
        """The JSON body Keystone returns for a token."""
        account = token.account
        return {
            "token": {
                "methods": token.methods,
                "user": {
                    "id": account.user_id,
                    "name": account.name,
                    "domain": DOMAIN,
                    "password_expires_at": None,
                },
                "audit_ids": [token.audit_id],
                "issued_at": _iso(token.issued_at),
                "expires_at": _iso(token.expires_at),
                "project": {
                    "id": account.project_id,
                    "name": account.project_name,
                    "domain": DOMAIN,
                },
                "is_domain": False,
                "roles": [
                    {"id": stable_hex("role", role), "name": role}
                    for role in account.roles
                ],
                "catalog": self.catalog(base_url),
            }
        }

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
