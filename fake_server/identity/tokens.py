"""Plays Keystone's auth and token providers: issue, validate, revoke.

Authentication follows keystone/auth/core.py and the password and token
plugins: the body is validated against Keystone's schema (400 with its
message), then the methods, then the scope; unknown users, bad passwords
and scopes the user has no role on answer Keystone's generic 401.

As Keystone's Fernet tokens, a token carries its own payload (user,
methods, scope, times, audit ids), authenticated with a key the cloud
keeps with its records: nothing is stored per token, and a token stays
valid across a restart with a state file, as a Fernet token does across
a Keystone restart. A token's user, scope and roles are checked again on
every validation: deleting a user or project, disabling it, or removing
the user's last role on the scope invalidates the token, and the roles
it carries are always the user's effective roles at that moment. A
revoked token, and a password change, disabling or leaving a group,
become revocation events (records, so they persist too), as Keystone's
revocation events do.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import hmac
import json
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
from fake_server.state import Record, new_id

TOKEN_LIFETIME = datetime.timedelta(hours=24)
#: decoded tokens remembered (a cache: any token decodes again)
DECODED_CACHE = 10_000
#: the table of the token signing key (one record) and of revocations
KEYS = "keystone_token_keys"
REVOCATIONS = "keystone_revocation_events"
#: what every token id starts with (a Fernet token's first bytes)
PREFIX = "gAAAAAB"
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
        #: the signing key: the store's record wins (a loaded state
        #: file's), else this one is written there
        self._key = secrets.token_bytes(32)
        #: token id -> its decoded payload (a bounded cache)
        self._decoded: OrderedDict[str, Token] = OrderedDict()
        self._lock = threading.Lock()
        store = backend.store
        store.add_index(REVOCATIONS, "audit", ("audit_id",))
        store.add_index(REVOCATIONS, "user", ("user_id",))
        store.add_index(REVOCATIONS, "all", ("id",), lambda _event: True)
        store.on_reload(self.keep_key)
        backend.listeners.append(self._on_change)

    def keep_key(self) -> None:
        """Adopt the signing key the store has, or put ours there.

        Runs after a reset and after a state file is loaded: a reset keeps
        the key (tokens of the seeded users stay valid, as their ids do),
        a loaded cloud brings its own.
        """
        store = self.backend.store
        with store.lock:
            record = store.get(KEYS, "signing")
            if record is not None:
                try:
                    key = base64.b64decode(str(record["signing_key"]))
                except (binascii.Error, KeyError, ValueError):
                    key = b""
                if len(key) == 32:
                    with self._lock:
                        if key != self._key:
                            self._key = key
                            self._decoded.clear()
                    return
                store.delete(KEYS, "signing")
            store.insert(
                KEYS,
                {
                    "id": "signing",
                    "signing_key": base64.b64encode(self._key).decode(),
                },
            )

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
            token_id="",  # the encoded payload, below
            user_id=user_id,
            methods=issued_methods,
            issued_at=issued,
            expires_at=issued + TOKEN_LIFETIME,
            audit_ids=audit_ids,
            scope=scope,
            scope_id=scope_id,
            app_cred_id=None if app_cred is None else app_cred["id"],
        )
        token.token_id = self._encode(token)
        resolved = self._resolve_token(token)
        if resolved is None:
            raise faults.Unauthorized(UNAUTHORIZED)
        self._remember(token)
        return resolved

    # -- the token format --------------------------------------------------

    def _encode(self, token: Token) -> str:
        """The token id: its payload and the payload's HMAC-SHA256."""
        payload = json.dumps(
            [
                1,
                token.user_id,
                token.methods,
                iso(token.issued_at),
                iso(token.expires_at),
                token.audit_ids,
                token.scope,
                token.scope_id,
                token.app_cred_id,
            ],
            separators=(",", ":"),
        ).encode()
        mac = hmac.new(self._key, payload, hashlib.sha256).digest()
        raw = base64.urlsafe_b64encode(payload + mac).decode().rstrip("=")
        return PREFIX + raw

    def _decode(self, token_id: str) -> Token | None:
        """The token ``token_id`` stands for, or None if it is not one of
        this cloud's (malformed, or signed with another key)."""
        with self._lock:
            cached = self._decoded.get(token_id)
        if cached is not None:
            return cached
        if not token_id.startswith(PREFIX) or len(token_id) > 4096:
            return None
        raw = token_id[len(PREFIX) :]
        try:
            data = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
        except (binascii.Error, ValueError):
            return None
        if len(data) <= 32:
            return None
        payload, mac = data[:-32], data[-32:]
        expected = hmac.new(self._key, payload, hashlib.sha256).digest()
        if not hmac.compare_digest(mac, expected):
            return None
        try:
            (
                _version,
                user_id,
                methods,
                issued,
                expires,
                audit_ids,
                scope,
                scope_id,
                app_cred_id,
            ) = json.loads(payload)
            token = Token(
                token_id=token_id,
                user_id=str(user_id),
                methods=[str(m) for m in methods],
                issued_at=_parse_iso(issued),
                expires_at=_parse_iso(expires),
                audit_ids=[str(a) for a in audit_ids],
                scope=scope,
                scope_id=scope_id,
                app_cred_id=app_cred_id,
            )
        except (ValueError, TypeError):
            return None
        self._remember(token)
        return token

    def _remember(self, token: Token) -> None:
        with self._lock:
            self._decoded[token.token_id] = token
            while len(self._decoded) > DECODED_CACHE:
                self._decoded.popitem(last=False)

    def _revoked(self, token: Token) -> bool:
        """Whether a revocation event covers the token (its audit chain,
        or its user since before it was issued)."""
        store = self.backend.store
        for audit_id in token.audit_ids:
            if store.count(REVOCATIONS, "audit", audit_id):
                return True
        issued = iso(token.issued_at)
        return any(
            str(event["revoked_at"]) >= issued
            for event in store.lookup(REVOCATIONS, "user", token.user_id)
        )

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
        token = self._decode(token_id or "")
        resolved = None
        if (
            token is not None
            and token.expires_at > utcnow()
            and not self._revoked(token)
        ):
            resolved = self._resolve_token(token)
        if resolved is not None:
            return resolved
        if not subject:
            raise faults.Unauthorized(UNAUTHORIZED)
        if not token_id:
            raise faults.NotFound("No token in the request")
        raise faults.NotFound.of("token", token_id)

    def revoke(self, token_id: str) -> None:
        """Revoke a token and the tokens rescoped from it: an event on
        its audit id, which they carry in their audit chain."""
        token = self._decode(token_id)
        if token is None:
            return
        self._add_event({"audit_id": token.audit_ids[0]})

    def revoke_user(self, user_id: str) -> None:
        """Revoke every token of a user issued until now."""
        self._add_event({"user_id": user_id})

    def _add_event(self, values: Record) -> None:
        store = self.backend.store
        now = utcnow()
        with store.lock:
            store.insert(
                REVOCATIONS,
                {"id": new_id(), "revoked_at": iso(now), **values},
            )
            # events older than a token's life cover no live token: drop
            # a few of the oldest with each new one (Keystone prunes them)
            horizon = iso(now - TOKEN_LIFETIME)
            for event in store.page(
                REVOCATIONS,
                "all",
                True,
                newest_first=False,
                limit=4,
            ):
                if str(event["revoked_at"]) < horizon:
                    store.delete(REVOCATIONS, event["id"])

    def _on_change(self, kind: str, ident: str) -> None:
        if kind == "user":
            self.revoke_user(ident)


def _parse_iso(value: Any) -> datetime.datetime:
    """A time :func:`iso` wrote, back (naive UTC)."""
    return datetime.datetime.strptime(str(value), "%Y-%m-%dT%H:%M:%S.%fZ")


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
