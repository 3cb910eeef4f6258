"""Plays Keystone's auth and token providers: issue, validate, revoke.

Authentication follows keystone/auth/core.py and the password and token
plugins: the body is validated against Keystone's schema (400 with its
message), then the methods, then the scope; unknown users, bad passwords
and scopes the user has no role on answer Keystone's generic 401.

Tokens are kept in a bounded in-memory map. As with Keystone's Fernet
tokens, a token's user, scope and roles are checked again on every
validation: deleting a user or project, disabling it, or removing the
user's last role on the scope invalidates the token, and the roles it
carries are always the user's effective roles at that moment. A
password change, disabling, or leaving a group revokes the user's
tokens, as Keystone's revocation events do.
"""

from __future__ import annotations

import datetime
import secrets
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from fake_server.identity import faults, schemas
from fake_server.identity.backend import (
    APP_CREDS,
    DOMAINS,
    PROJECTS,
    ROLES,
    SYSTEM,
    USERS,
    Backend,
    check_password,
)
from fake_server.identity.policy import Creds
from fake_server.state import Record

TOKEN_LIFETIME = datetime.timedelta(hours=24)
#: tokens kept at most; the oldest are forgotten first
MAX_TOKENS = 100_000
UNAUTHORIZED = "The request you have made requires authentication."
SUPPORTED_METHODS = ("password", "token", "application_credential")


def utcnow() -> datetime.datetime:
    """Now, in UTC without a zone (Keystone's timestamps)."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def iso(moment: datetime.datetime) -> str:
    """A timestamp as Keystone prints it."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"


@dataclass
class Token:
    """An issued token: who, how, and on what scope."""

    token_id: str
    user_id: str
    methods: list[str]
    issued_at: datetime.datetime
    expires_at: datetime.datetime
    audit_ids: list[str]
    #: ``project``, ``domain``, ``system`` or None (unscoped)
    scope: str | None = None
    #: the project or domain id, ``all`` for system scope
    scope_id: str | None = None
    #: the application credential the token was issued for
    app_cred_id: str | None = None


@dataclass
class Resolved:
    """A live token with the records and roles it stands for now."""

    token: Token
    user: Record
    user_domain: Record
    project: Record | None = None
    domain: Record | None = None
    roles: list[Record] = field(default_factory=list)
    app_cred: Record | None = None

    @property
    def token_id(self) -> str:
        """The token's id."""
        return self.token.token_id

    @property
    def role_names(self) -> frozenset[str]:
        """The effective role names (what policies check)."""
        return frozenset(role["name"] for role in self.roles)

    @property
    def project_id(self) -> str:
        """The scoped project's id, "" when not project-scoped."""
        return "" if self.project is None else str(self.project["id"])

    def creds(self) -> Creds:
        """The policy credentials of this token."""
        return Creds(
            user_id=self.user["id"],
            user_domain_id=self.user["domain_id"],
            roles=self.role_names,
            system=self.token.scope == "system",
            domain_id=None if self.domain is None else self.domain["id"],
            project_id=None if self.project is None else self.project["id"],
            project_domain_id=None
            if self.project is None
            else self.project["domain_id"],
        )


class Tokens:
    """Issues and checks tokens against the identity backend."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._tokens: OrderedDict[str, Token] = OrderedDict()
        self._by_user: dict[str, set[str]] = {}
        self._lock = threading.Lock()
        backend.listeners.append(self._on_change)

    # -- issuing -----------------------------------------------------------

    def authenticate(self, body: Any) -> Resolved:
        """Issue a token for a ``POST /v3/auth/tokens`` body.

        :raises faults.BadRequest: a body Keystone's schema refuses.
        :raises faults.Unauthorized: bad credentials or scope.
        :raises faults.NotFound: an unknown token for the token method.
        :raises faults.Forbidden: rescoping a system-scoped token.
        """
        auth = body.get("auth") if isinstance(body, dict) else None
        if auth is not None:
            schemas.validate(schemas.TOKEN_ISSUE, auth)
            self._check_ids(auth)
        if not auth:
            raise faults.validation("auth", "request body")
        identity = auth["identity"]
        methods: list[str] = []
        for method in identity["methods"]:
            if method not in methods:
                methods.append(method)
        for method in methods:
            if method not in identity:
                raise faults.validation(method, "identity")
        for method in methods:
            if method not in SUPPORTED_METHODS:
                raise faults.Unauthorized(
                    "Attempted to authenticate with an unsupported method."
                )
        if not methods:
            raise faults.Unauthorized(UNAUTHORIZED)
        app_cred = None
        if "application_credential" in methods:
            if "scope" in auth:
                raise faults.Unauthorized(
                    "Error authenticating with application credential: "
                    "Application credentials cannot request a scope."
                )
            app_cred = self._app_cred(identity["application_credential"])
        scope, scope_id = self._scope(auth)
        if app_cred is not None:
            scope, scope_id = "project", app_cred["project_id"]
        user_id = None if app_cred is None else str(app_cred["user_id"])
        audit_ids = [_audit_id()]
        issued_methods = list(methods)
        if "token" in methods:
            previous = self.resolve(identity["token"]["id"], subject=True)
            if previous.token.scope == "system" and scope in (
                "project",
                "domain",
            ):
                raise faults.Forbidden.action(
                    "Using a system-scoped token to create a project-scoped "
                    "or domain-scoped token is not allowed."
                )
            user_id = previous.user["id"]
            audit_ids = [audit_ids[0], previous.token.audit_ids[0]]
            for method in previous.token.methods:
                if method not in issued_methods:
                    issued_methods.append(method)
        if "password" in methods:
            password_user = self._password_user(identity["password"])
            if user_id is not None and user_id != password_user:
                raise faults.Unauthorized(UNAUTHORIZED)
            user_id = password_user
        assert user_id is not None
        if scope is None and not _explicitly_unscoped(auth):
            scope, scope_id = self._default_project(user_id)
        issued = utcnow()
        token = Token(
            token_id=_token_id(),
            user_id=user_id,
            methods=issued_methods,
            issued_at=issued,
            expires_at=issued + TOKEN_LIFETIME,
            audit_ids=audit_ids,
            scope=scope,
            scope_id=scope_id,
            app_cred_id=None if app_cred is None else app_cred["id"],
        )
        resolved = self._resolve_token(token)
        if resolved is None:
            raise faults.Unauthorized(UNAUTHORIZED)
        with self._lock:
            self._tokens[token.token_id] = token
            self._by_user.setdefault(user_id, set()).add(token.token_id)
            while len(self._tokens) > MAX_TOKENS:
                old_id, old = self._tokens.popitem(last=False)
                self._by_user.get(old.user_id, set()).discard(old_id)
        return resolved

    @staticmethod
    def _check_ids(auth: dict[str, Any]) -> None:
        """validate_issue_token_auth's "id or name must be present"."""
        password = auth["identity"].get("password", {})
        user = password.get("user")
        if user is not None:
            if "id" not in user and "name" not in user:
                raise faults.BadRequest(
                    "Invalid input for field identity/password/user: "
                    "id or name must be present."
                )
            domain = user.get("domain")
            if (
                domain is not None
                and "id" not in domain
                and ("name" not in domain)
            ):
                raise faults.BadRequest(
                    "Invalid input for field identity/password/user/domain: "
                    "id or name must be present."
                )
        scope = auth.get("scope")
        if isinstance(scope, dict):
            project = scope.get("project")
            if project is not None:
                if "id" not in project and "name" not in project:
                    raise faults.BadRequest(
                        "Invalid input for field scope/project: "
                        "id or name must be present."
                    )
                domain = project.get("domain")
                if (
                    domain is not None
                    and "id" not in domain
                    and ("name" not in domain)
                ):
                    raise faults.BadRequest(
                        "Invalid input for field scope/project/domain: "
                        "id or name must be present."
                    )
            domain = scope.get("domain")
            if (
                domain is not None
                and "id" not in domain
                and ("name" not in domain)
            ):
                raise faults.BadRequest(
                    "Invalid input for field scope/domain: "
                    "id or name must be present."
                )

    def _scope(self, auth: dict[str, Any]) -> tuple[str | None, str | None]:
        """AuthInfo._validate_and_normalize_scope_data."""
        if "scope" not in auth:
            return None, None
        scope = auth["scope"]
        # a string scope is tested with ``in`` as Keystone does
        kinds = [
            kind
            for kind in (
                "project",
                "domain",
                "unscoped",
                "system",
                "OS-TRUST:trust",
            )
            if kind in scope
        ]
        if len(kinds) != 1:
            raise faults.validation(
                "system, project, domain, OS-TRUST:trust or unscoped",
                "scope",
            )
        kind = kinds[0]
        if kind == "unscoped":
            return None, None
        if not isinstance(scope, dict):
            raise faults.validation(kind, "scope")
        if kind == "system":
            return "system", SYSTEM
        if kind == "OS-TRUST:trust":
            # no trusts here: Keystone's TrustNotFound
            trust_id = (scope[kind] or {}).get("id")
            if not trust_id:
                raise faults.validation("trust_id", "trust")
            raise faults.NotFound.of("trust", trust_id)
        if kind == "domain":
            return "domain", self._lookup_domain(scope["domain"])["id"]
        project_info = scope["project"]
        backend = self.backend
        try:
            if project_info.get("name"):
                if "domain" not in project_info:
                    raise faults.validation("domain", "project")
                domain = self._lookup_domain(project_info["domain"])
                project = backend.project_by_name(
                    project_info["name"], domain["id"]
                )
            else:
                project = backend.get_project(project_info.get("id") or "")
        except faults.NotFound:
            raise faults.Unauthorized(UNAUTHORIZED) from None
        return "project", project["id"]

    def _lookup_domain(self, info: dict[str, Any]) -> Record:
        try:
            if info.get("name"):
                domain = self.backend.domain_by_name(info["name"])
            else:
                domain = self.backend.get_domain(info.get("id") or "")
        except faults.NotFound:
            raise faults.Unauthorized(UNAUTHORIZED) from None
        if not domain["enabled"]:
            raise faults.Unauthorized(UNAUTHORIZED)
        return domain

    def _password_user(
        self, payload: dict[str, Any], check_password_too: bool = True
    ) -> str:
        """The password plugin: the user id, or Keystone's 401.

        :param check_password_too: False for the application credential
            plugin, which looks the user up the same way.
        """
        if "user" not in payload:
            raise faults.validation("user", "password")
        info = payload["user"]
        if not info.get("id") and not info.get("name"):
            raise faults.validation("id or name", "user")
        try:
            if info.get("name"):
                if "domain" not in info:
                    raise faults.validation("domain", "user")
                domain_info = info["domain"]
                if not domain_info.get("id") and not domain_info.get("name"):
                    raise faults.validation("id or name", "domain")
                domain = self._lookup_domain(domain_info)
                user = self.backend.user_by_name(info["name"], domain["id"])
            else:
                user = self.backend.get_user(info["id"])
                domain = self.backend.get_domain(user["domain_id"])
                if not domain["enabled"]:
                    raise faults.Unauthorized(UNAUTHORIZED)
        except faults.NotFound:
            raise faults.Unauthorized(UNAUTHORIZED) from None
        if not user["enabled"]:
            raise faults.Unauthorized(UNAUTHORIZED)
        if not check_password_too:
            return str(user["id"])
        if "password" not in info or not check_password(
            user.get("password_hash"), info["password"]
        ):
            raise faults.Unauthorized(UNAUTHORIZED)
        return str(user["id"])

    def _app_cred(self, payload: dict[str, Any]) -> Record:
        """The application credential plugin: the credential, or 401."""
        if not isinstance(payload, dict):
            raise faults.validation("id or name", "application credential")
        store = self.backend.store
        if payload.get("id"):
            app_cred = store.get(APP_CREDS, str(payload["id"]))
            if app_cred is None:
                raise faults.NotFound(
                    f"Could not find Application Credential: {payload['id']}."
                )
            user_id = app_cred["user_id"]
            self._password_user(
                {"user": {"id": user_id}}, check_password_too=False
            )
        elif payload.get("name"):
            user = payload.get("user")
            if not isinstance(user, dict):
                raise faults.validation("user", "application_credential")
            user_id = self._password_user(
                {"user": user}, check_password_too=False
            )
            found = store.select(
                APP_CREDS,
                lambda row: (
                    row["user_id"] == user_id
                    and row["name"] == payload["name"]
                ),
            )
            if len(found) != 1:
                raise faults.Unauthorized(UNAUTHORIZED)
            app_cred = found[0]
        else:
            raise faults.validation("id or name", "application credential")
        secret = payload.get("secret")
        if (
            not isinstance(secret, str)
            or not check_password(app_cred.get("secret_hash"), secret)
            or _expired(app_cred)
        ):
            raise faults.Unauthorized(UNAUTHORIZED)
        return app_cred

    def _default_project(self, user_id: str) -> tuple[str | None, str | None]:
        """A token without scope takes the user's usable default project."""
        user = self.backend.store.get(USERS, user_id)
        project_id = (user or {}).get("default_project_id")
        if not project_id:
            return None, None
        project = self.backend.store.get(PROJECTS, project_id)
        if project is None or not project["enabled"]:
            return None, None
        domain = self.backend.store.get(DOMAINS, project["domain_id"])
        if domain is None or not domain["enabled"]:
            return None, None
        if not self.backend.effective_roles(user_id, "project", project_id):
            return None, None
        return "project", project_id

    # -- validating --------------------------------------------------------

    def _resolve_token(self, token: Token) -> Resolved | None:
        """The token's records and roles now, or None if it is not valid."""
        store = self.backend.store
        user = store.get(USERS, token.user_id)
        if user is None or not user["enabled"]:
            return None
        user_domain = store.get(DOMAINS, user["domain_id"])
        if user_domain is None or not user_domain["enabled"]:
            return None
        resolved = Resolved(token=token, user=user, user_domain=user_domain)
        if token.scope is None:
            return resolved
        assert token.scope_id is not None
        if token.scope == "project":
            project = store.get(PROJECTS, token.scope_id)
            if project is None or not project["enabled"]:
                return None
            domain = store.get(DOMAINS, project["domain_id"])
            if domain is None or not domain["enabled"]:
                return None
            resolved.project = project
        elif token.scope == "domain":
            domain = store.get(DOMAINS, token.scope_id)
            if domain is None or not domain["enabled"]:
                return None
            resolved.domain = domain
        role_ids = self.backend.effective_roles(
            token.user_id, token.scope, token.scope_id
        )
        if token.app_cred_id is not None:
            app_cred = store.get(APP_CREDS, token.app_cred_id)
            if app_cred is None or _expired(app_cred):
                return None
            resolved.app_cred = app_cred
            role_ids = [r for r in app_cred["role_ids"] if r in role_ids]
        if not role_ids:
            return None
        roles = [store.get(ROLES, role_id) for role_id in role_ids]
        resolved.roles = [role for role in roles if role is not None]
        return resolved

    def resolve(self, token_id: str | None, subject: bool = False) -> Resolved:
        """The live token ``token_id`` with its current roles.

        :param subject: whether the token is the subject of the request
            (``X-Subject-Token``, a token to authenticate with): an
            invalid one is Keystone's 404; an invalid caller's token
            (``X-Auth-Token``) is 401.
        """
        token = self._tokens.get(token_id or "")
        resolved = None
        if token is not None and token.expires_at > utcnow():
            resolved = self._resolve_token(token)
        if resolved is not None:
            return resolved
        if not subject:
            raise faults.Unauthorized(UNAUTHORIZED)
        if not token_id:
            raise faults.NotFound("No token in the request")
        raise faults.NotFound.of("token", token_id)

    def revoke(self, token_id: str) -> None:
        """Forget a token (and the tokens rescoped from it)."""
        with self._lock:
            token = self._tokens.pop(token_id, None)
            if token is None:
                return
            self._by_user.get(token.user_id, set()).discard(token_id)
            audit = token.audit_ids[0]
            for other_id in list(self._by_user.get(token.user_id, ())):
                other = self._tokens.get(other_id)
                if other is not None and audit in other.audit_ids:
                    self._tokens.pop(other_id, None)
                    self._by_user[token.user_id].discard(other_id)

    def revoke_user(self, user_id: str) -> None:
        """Revoke every token of a user."""
        with self._lock:
            for token_id in self._by_user.pop(user_id, set()):
                self._tokens.pop(token_id, None)

    def clear(self) -> None:
        """Forget every token."""
        with self._lock:
            self._tokens.clear()
            self._by_user.clear()

    def _on_change(self, kind: str, ident: str) -> None:
        if kind == "user":
            self.revoke_user(ident)


def _token_id() -> str:
    return "gAAAAA" + secrets.token_urlsafe(90)


def _audit_id() -> str:
    return uuid.uuid4().hex[:22]


def _expired(app_cred: Record) -> bool:
    """Whether an application credential's ``expires_at`` has passed."""
    expires = app_cred.get("expires_at")
    if not expires:
        return False
    try:
        moment = datetime.datetime.fromisoformat(str(expires).rstrip("Z"))
    except ValueError:
        return False
    return moment.replace(tzinfo=None) < utcnow()


def _explicitly_unscoped(auth: dict[str, Any]) -> bool:
    scope = auth.get("scope")
    return scope is not None and "unscoped" in scope
