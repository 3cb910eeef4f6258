"""Plays keystone/api: the thin HTTP layer of ``/identity/v3``.

One route table maps (method, path) to a handler; handlers parse the
query and body, enforce Keystone's default policy (:mod:`policy`), call
the backend and render Keystone's JSON with its links. Keystone's status
codes: 201 on create, 204 on delete and grant, 200 otherwise.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fake_server import jsonbody
from fake_server.identity import faults, policy, schemas
from fake_server.identity.backend import (
    ACTORS,
    APP_CREDS,
    DOMAINS,
    GRANTS,
    PROJECTS,
    ROLES,
    SYSTEM,
    USERS,
    Backend,
    hash_password,
    new_id,
)
from fake_server.identity.tokens import Resolved
from fake_server.state import Record

if TYPE_CHECKING:
    from fake_server.identity import Identity

#: ``enabled`` filter values Keystone reads as false
_FALSE = ("0", "false", "f", "no", "n", "off")


@dataclass
class Request:
    """What a handler sees of one HTTP request."""

    method: str
    path: str
    params: dict[str, str]
    raw_body: bytes
    headers: dict[str, str]
    base_url: str
    args: dict[str, str] = field(default_factory=dict)
    caller: Resolved | None = None

    def body(self) -> Any:
        """The JSON body (400 ``Malformed request body`` if not JSON)."""
        try:
            return jsonbody.loads(self.raw_body or b"{}")
        except ValueError:
            raise faults.BadRequest(
                "The request body is malformed JSON."
            ) from None

    def url(self, path: str) -> str:
        """An absolute ``/identity/v3`` URL."""
        return f"{self.base_url}/identity/v3{path}"

    def creds(self) -> policy.Creds:
        """The caller's policy credentials."""
        assert self.caller is not None
        return self.caller.creds()


@dataclass
class Reply:
    """Status, body and headers of a response."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Request], Reply]


def _true(value: str | None) -> bool:
    """Keystone's ``query_filter_is_true``: present and not false."""
    if value is None:
        return False
    return value.lower() not in _FALSE


def _matches(record: Record, key: str, value: str) -> bool:
    """Keystone's list filters: exact, or ``name__icontains`` and kin."""
    attr, _, op = key.partition("__")
    have = record.get(attr)
    if attr == "enabled" or isinstance(have, bool):
        return bool(have) == (value.lower() not in _FALSE)
    if have is None:
        return value == "" if not op else False
    text = str(have)
    if not op:
        return text == value
    if op.startswith("i"):
        text, value, op = text.lower(), value.lower(), op[1:]
    if op == "contains":
        return value in text
    if op == "startswith":
        return text.startswith(value)
    if op == "endswith":
        return text.endswith(value)
    return text == value


def _filtered(
    rows: list[Record], params: dict[str, str], allowed: tuple[str, ...]
) -> list[Record]:
    wanted = [
        (key, value)
        for key, value in params.items()
        if key.partition("__")[0] in allowed
    ]
    return [
        row
        for row in rows
        if all(_matches(row, key, value) for key, value in wanted)
    ]


class IdentityApi:
    """Serves ``/identity/v3/...`` for one :class:`Identity`."""

    def __init__(self, identity: Identity) -> None:
        self.identity = identity
        self.backend: Backend = identity.backend
        self.routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self._build()

    # -- routing -----------------------------------------------------------

    def _route(self, methods: str, template: str, handler: Handler) -> None:
        pattern = re.compile(
            "^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template) + "$"
        )
        for method in methods.split():
            self.routes.append((method, pattern, handler))

    def handle(self, request: Request) -> Reply:
        """Route and serve one request (faults propagate to the app)."""
        path_known = False
        for method, pattern, handler in self.routes:
            match = pattern.match(request.path)
            if match is None:
                continue
            path_known = True
            if method != request.method:
                continue
            request.args = match.groupdict()
            if handler != self.issue_token:
                request.caller = self.identity.tokens.resolve(
                    request.headers.get("x-auth-token")
                )
            return handler(request)
        if path_known:
            raise faults.MethodNotAllowed()
        raise faults.NotFound("The resource could not be found.")

    def _build(self) -> None:
        r = self._route
        r("POST", "/auth/tokens", self.issue_token)
        r("GET HEAD", "/auth/tokens", self.validate_token)
        r("DELETE", "/auth/tokens", self.revoke_token)
        r("GET HEAD", "/auth/projects", self.auth_projects)
        r("GET HEAD", "/auth/domains", self.auth_domains)
        r("GET HEAD", "/auth/system", self.auth_system)
        r("GET HEAD", "/auth/catalog", self.auth_catalog)
        r("GET HEAD", "/domains", self.list_domains)
        r("POST", "/domains", self.create_domain)
        r("GET HEAD", "/domains/{domain_id}", self.get_domain)
        r("PATCH", "/domains/{domain_id}", self.update_domain)
        r("DELETE", "/domains/{domain_id}", self.delete_domain)
        r("GET HEAD", "/projects", self.list_projects)
        r("POST", "/projects", self.create_project)
        r("GET HEAD", "/projects/{project_id}", self.get_project)
        r("PATCH", "/projects/{project_id}", self.update_project)
        r("DELETE", "/projects/{project_id}", self.delete_project)
        r("GET HEAD", "/users", self.list_users)
        r("POST", "/users", self.create_user)
        r("GET HEAD", "/users/{user_id}", self.get_user)
        r("PATCH", "/users/{user_id}", self.update_user)
        r("DELETE", "/users/{user_id}", self.delete_user)
        r("POST", "/users/{user_id}/password", self.change_password)
        r("GET HEAD", "/users/{user_id}/projects", self.user_projects)
        r("GET HEAD", "/users/{user_id}/groups", self.user_groups)
        r("GET HEAD", "/groups", self.list_groups)
        r("POST", "/groups", self.create_group)
        r("GET HEAD", "/groups/{group_id}", self.get_group)
        r("PATCH", "/groups/{group_id}", self.update_group)
        r("DELETE", "/groups/{group_id}", self.delete_group)
        r("GET HEAD", "/groups/{group_id}/users", self.group_users)
        r("PUT", "/groups/{group_id}/users/{user_id}", self.add_member)
        r("HEAD GET", "/groups/{group_id}/users/{user_id}", self.check_member)
        r("DELETE", "/groups/{group_id}/users/{user_id}", self.remove_member)
        r("GET HEAD", "/roles", self.list_roles)
        r("POST", "/roles", self.create_role)
        r("GET HEAD", "/roles/{role_id}", self.get_role)
        r("PATCH", "/roles/{role_id}", self.update_role)
        r("DELETE", "/roles/{role_id}", self.delete_role)
        r("GET HEAD", "/roles/{prior_id}/implies", self.list_implied)
        r("PUT", "/roles/{prior_id}/implies/{implied_id}", self.put_implied)
        r("GET", "/roles/{prior_id}/implies/{implied_id}", self.get_implied)
        r("HEAD", "/roles/{prior_id}/implies/{implied_id}", self.head_implied)
        r(
            "DELETE",
            "/roles/{prior_id}/implies/{implied_id}",
            self.delete_implied,
        )
        r("GET HEAD", "/role_inferences", self.role_inferences)
        r("GET HEAD", "/role_assignments", self.role_assignments)
        for target in ("projects", "domains"):
            for actor in ("users", "groups"):
                base = f"/{target}/{{target_id}}/{actor}/{{actor_id}}/roles"
                r("GET HEAD", base, self.list_grants)
                r("PUT", base + "/{role_id}", self.create_grant)
                r("GET HEAD", base + "/{role_id}", self.check_grant)
                r("DELETE", base + "/{role_id}", self.revoke_grant)
        for actor in ("users", "groups"):
            base = f"/system/{actor}/{{actor_id}}/roles"
            r("GET HEAD", base, self.list_grants)
            r("PUT", base + "/{role_id}", self.create_grant)
            r("GET HEAD", base + "/{role_id}", self.check_grant)
            r("DELETE", base + "/{role_id}", self.revoke_grant)
        apps = "/users/{user_id}/application_credentials"
        r("GET HEAD", apps, self.list_app_creds)
        r("POST", apps, self.create_app_cred)
        r("GET HEAD", apps + "/{cred_id}", self.get_app_cred)
        r("DELETE", apps + "/{cred_id}", self.delete_app_cred)

    # -- rendering ---------------------------------------------------------

    def _collection(
        self, request: Request, key: str, refs: list[dict[str, Any]]
    ) -> Reply:
        query = f"?{urlencode(request.params)}" if request.params else ""
        return Reply(
            200,
            {
                key: refs,
                "links": {
                    "self": request.url(request.path) + query,
                    "previous": None,
                    "next": None,
                },
            },
        )

    @staticmethod
    def _link(request: Request, collection: str, ident: str) -> dict[str, str]:
        return {"self": request.url(f"/{collection}/{ident}")}

    def domain_view(self, request: Request, domain: Record) -> dict[str, Any]:
        """A domain as Keystone shows it."""
        return {
            "id": domain["id"],
            "name": domain["name"],
            "description": domain.get("description", ""),
            "enabled": domain["enabled"],
            "tags": list(domain.get("tags", [])),
            "options": dict(domain.get("options", {})),
            "links": self._link(request, "domains", domain["id"]),
        }

    def project_view(
        self, request: Request, project: Record
    ) -> dict[str, Any]:
        """A project as Keystone shows it."""
        return {
            "id": project["id"],
            "name": project["name"],
            "domain_id": project["domain_id"],
            "description": project.get("description", ""),
            "enabled": project["enabled"],
            "parent_id": project["parent_id"],
            "is_domain": False,
            "tags": list(project.get("tags", [])),
            "options": dict(project.get("options", {})),
            "links": self._link(request, "projects", project["id"]),
        }

    def user_view(self, request: Request, user: Record) -> dict[str, Any]:
        """A user as Keystone shows it (no password)."""
        view: dict[str, Any] = dict(user.get("extra", {}))
        view.update(
            {
                "id": user["id"],
                "name": user["name"],
                "domain_id": user["domain_id"],
                "enabled": user["enabled"],
                "password_expires_at": None,
                "options": dict(user.get("options", {})),
                "links": self._link(request, "users", user["id"]),
            }
        )
        if user.get("default_project_id"):
            view["default_project_id"] = user["default_project_id"]
        return view

    def group_view(self, request: Request, group: Record) -> dict[str, Any]:
        """A group as Keystone shows it."""
        return {
            "id": group["id"],
            "name": group["name"],
            "domain_id": group["domain_id"],
            "description": group.get("description", ""),
            "links": self._link(request, "groups", group["id"]),
        }

    def role_view(self, request: Request, role: Record) -> dict[str, Any]:
        """A role as Keystone shows it."""
        return {
            "id": role["id"],
            "name": role["name"],
            "domain_id": role.get("domain_id"),
            "description": role.get("description"),
            "options": dict(role.get("options", {})),
            "links": self._link(request, "roles", role["id"]),
        }

    def _role_brief(self, request: Request, role: Record) -> dict[str, Any]:
        return {
            "id": role["id"],
            "name": role["name"],
            "links": self._link(request, "roles", role["id"]),
        }

    # -- tokens ------------------------------------------------------------

    def issue_token(self, request: Request) -> Reply:
        """``POST /v3/auth/tokens``: 201 and ``X-Subject-Token``."""
        token = self.identity.authenticate(request.body())
        catalog = "nocatalog" not in request.params
        return Reply(
            201,
            self.identity.token_body(token, request.base_url, catalog),
            {"X-Subject-Token": token.token_id},
        )

    def _subject(self, request: Request, action: str) -> Resolved:
        subject_id = request.headers.get("x-subject-token")
        if not subject_id:
            # no target for the policy: only admins get as far as the 404
            policy.enforce(action, request.creds())
        subject = self.identity.tokens.resolve(subject_id, subject=True)
        policy.enforce(
            action,
            request.creds(),
            {"token.user_id": subject.user["id"]},
        )
        return subject

    def validate_token(self, request: Request) -> Reply:
        """``GET/HEAD /v3/auth/tokens``: owner, admin or system reader."""
        action = (
            "identity:check_token"
            if request.method == "HEAD"
            else "identity:validate_token"
        )
        subject = self._subject(request, action)
        catalog = "nocatalog" not in request.params
        return Reply(
            200,
            self.identity.token_body(subject, request.base_url, catalog),
            {"X-Subject-Token": subject.token_id},
        )

    def revoke_token(self, request: Request) -> Reply:
        """``DELETE /v3/auth/tokens``: the owner or an admin."""
        subject = self._subject(request, "identity:revoke_token")
        self.identity.revoke(subject.token_id)
        return Reply(204)

    def auth_projects(self, request: Request) -> Reply:
        """``GET /v3/auth/projects``: projects the caller has roles on."""
        assert request.caller is not None
        return self._collection(
            request,
            "projects",
            [
                self.project_view(request, project)
                for project in self._projects_of(request.caller.user["id"])
                if project["enabled"]
            ],
        )

    def auth_domains(self, request: Request) -> Reply:
        """``GET /v3/auth/domains``: domains the caller has roles on."""
        assert request.caller is not None
        user_id = request.caller.user["id"]
        domains = [
            domain
            for domain in self.backend.list_domains()
            if domain["enabled"]
            and self.backend.effective_roles(user_id, "domain", domain["id"])
        ]
        return self._collection(
            request,
            "domains",
            [self.domain_view(request, domain) for domain in domains],
        )

    def auth_system(self, request: Request) -> Reply:
        """``GET /v3/auth/system``: whether the caller has system roles."""
        assert request.caller is not None
        user_id = request.caller.user["id"]
        has = bool(self.backend.effective_roles(user_id, "system", SYSTEM))
        return Reply(
            200,
            {
                "system": [{"all": True}] if has else [],
                "links": {
                    "self": request.url(request.path),
                    "previous": None,
                    "next": None,
                },
            },
        )

    def auth_catalog(self, request: Request) -> Reply:
        """``GET /v3/auth/catalog``: the caller's token's catalog."""
        assert request.caller is not None
        if request.caller.token.scope is None:
            raise faults.Unauthorized(
                "The request you have made requires authentication."
            )
        return Reply(
            200,
            {
                "catalog": self.identity.catalog(request.base_url),
                "links": {
                    "self": request.url(request.path),
                    "previous": None,
                    "next": None,
                },
            },
        )

    def _projects_of(self, user_id: str) -> list[Record]:
        user = self.backend.get_user(user_id)
        actors = {("user", user_id)} | {
            ("group", group_id) for group_id in user.get("group_ids", [])
        }
        ids: list[str] = []
        for grant in self.backend.list_grants():
            if (
                (grant["actor_kind"], grant["actor_id"]) in actors
                and grant["target_kind"] == "project"
                and grant["target_id"] not in ids
            ):
                ids.append(grant["target_id"])
        projects = [self.backend.store.get(PROJECTS, pid) for pid in ids]
        return [p for p in projects if p is not None]

    # -- domains -----------------------------------------------------------

    def list_domains(self, request: Request) -> Reply:
        """``GET /v3/domains`` with ``name`` and ``enabled`` filters."""
        creds = request.creds()
        policy.enforce(
            "identity:list_domains",
            creds,
            {"domain.id": creds.domain_id},
        )
        rows = self.backend.list_domains()
        if not policy.allowed(
            "identity:list_domains", creds, {"domain.id": None}
        ):
            rows = [row for row in rows if row["id"] == creds.domain_id]
        rows = _filtered(rows, request.params, ("name", "enabled"))
        return self._collection(
            request, "domains", [self.domain_view(request, d) for d in rows]
        )

    def get_domain(self, request: Request) -> Reply:
        """``GET /v3/domains/{id}``."""
        domain_id = request.args["domain_id"]
        policy.enforce(
            "identity:get_domain", request.creds(), {"domain.id": domain_id}
        )
        domain = self.backend.get_domain(domain_id)
        return Reply(200, {"domain": self.domain_view(request, domain)})

    def create_domain(self, request: Request) -> Reply:
        """``POST /v3/domains``: 201."""
        policy.enforce("identity:create_domain", request.creds())
        body = request.body()
        schemas.validate(schemas.DOMAIN_CREATE, body)
        ref = dict(body["domain"])
        ref["id"] = ref.pop("explicit_domain_id", None)
        domain = self.backend.create_domain(ref)
        return Reply(201, {"domain": self.domain_view(request, domain)})

    def update_domain(self, request: Request) -> Reply:
        """``PATCH /v3/domains/{id}``."""
        domain_id = request.args["domain_id"]
        policy.enforce(
            "identity:update_domain", request.creds(), {"domain.id": domain_id}
        )
        body = request.body()
        schemas.validate(schemas.DOMAIN_UPDATE, body)
        domain = self.backend.update_domain(domain_id, body["domain"])
        return Reply(200, {"domain": self.domain_view(request, domain)})

    def delete_domain(self, request: Request) -> Reply:
        """``DELETE /v3/domains/{id}``: 204 (a disabled domain only)."""
        domain_id = request.args["domain_id"]
        policy.enforce(
            "identity:delete_domain", request.creds(), {"domain.id": domain_id}
        )
        self.backend.delete_domain(domain_id)
        return Reply(204)

    # -- projects ----------------------------------------------------------

    def list_projects(self, request: Request) -> Reply:
        """``GET /v3/projects`` with Keystone's filters."""
        creds = request.creds()
        params = dict(request.params)
        if creds.domain_id and "admin" not in creds.roles:
            params["domain_id"] = creds.domain_id
        policy.enforce(
            "identity:list_projects",
            creds,
            {"domain_id": params.get("domain_id")},
        )
        rows = _filtered(
            self.backend.list_projects(),
            params,
            ("name", "domain_id", "enabled", "parent_id", "is_domain", "id"),
        )
        return self._collection(
            request, "projects", [self.project_view(request, p) for p in rows]
        )

    def _project_target(self, project: Record) -> dict[str, Any]:
        return {
            "project.id": project["id"],
            "project.domain_id": project["domain_id"],
        }

    def get_project(self, request: Request) -> Reply:
        """``GET /v3/projects/{id}``: admin, readers, or a member of it."""
        project_id = request.args["project_id"]
        project = self.backend.store.get(PROJECTS, project_id)
        target = (
            {"project.id": project_id}
            if project is None
            else self._project_target(project)
        )
        policy.enforce("identity:get_project", request.creds(), target)
        project = self.backend.get_project(project_id)
        return Reply(200, {"project": self.project_view(request, project)})

    def create_project(self, request: Request) -> Reply:
        """``POST /v3/projects``: 201."""
        body = request.body()
        schemas.validate(schemas.PROJECT_CREATE, body)
        ref = body["project"]
        if ref.get("is_domain"):
            raise faults.BadRequest(
                "Creating projects acting as domains is not supported here."
            )
        policy.enforce(
            "identity:create_project",
            request.creds(),
            {"project.domain_id": ref.get("domain_id") or "default"},
        )
        project = self.backend.create_project(ref)
        return Reply(201, {"project": self.project_view(request, project)})

    def update_project(self, request: Request) -> Reply:
        """``PATCH /v3/projects/{id}``."""
        project = self.backend.get_project(request.args["project_id"])
        policy.enforce(
            "identity:update_project",
            request.creds(),
            self._project_target(project),
        )
        body = request.body()
        schemas.validate(schemas.PROJECT_UPDATE, body)
        project = self.backend.update_project(project["id"], body["project"])
        return Reply(200, {"project": self.project_view(request, project)})

    def delete_project(self, request: Request) -> Reply:
        """``DELETE /v3/projects/{id}``: 204; its tokens stop working."""
        project_id = request.args["project_id"]
        project = self.backend.store.get(PROJECTS, project_id)
        target = (
            {"project.id": project_id}
            if project is None
            else self._project_target(project)
        )
        policy.enforce("identity:delete_project", request.creds(), target)
        self.backend.delete_project(project_id)
        return Reply(204)

    # -- users -------------------------------------------------------------

    def _user_target(self, user_id: str) -> dict[str, Any]:
        user = self.backend.store.get(USERS, user_id)
        return {
            "user.id": user_id,
            "user.domain_id": None if user is None else user["domain_id"],
        }

    def list_users(self, request: Request) -> Reply:
        """``GET /v3/users`` with ``name``, ``domain_id``, ``enabled``."""
        creds = request.creds()
        params = dict(request.params)
        if creds.domain_id and "admin" not in creds.roles:
            params["domain_id"] = creds.domain_id
        policy.enforce(
            "identity:list_users",
            creds,
            {"domain_id": params.get("domain_id")},
        )
        rows = _filtered(
            self.backend.list_users(),
            params,
            ("name", "domain_id", "enabled", "id", "default_project_id"),
        )
        return self._collection(
            request, "users", [self.user_view(request, u) for u in rows]
        )

    def get_user(self, request: Request) -> Reply:
        """``GET /v3/users/{id}``: admin, readers, or the user itself."""
        user_id = request.args["user_id"]
        policy.enforce(
            "identity:get_user", request.creds(), self._user_target(user_id)
        )
        user = self.backend.get_user(user_id)
        return Reply(200, {"user": self.user_view(request, user)})

    def create_user(self, request: Request) -> Reply:
        """``POST /v3/users``: 201; the user can log in at once."""
        body = request.body()
        schemas.validate(schemas.USER_CREATE, body)
        ref = dict(body["user"])
        ref.pop("id", None)
        policy.enforce(
            "identity:create_user",
            request.creds(),
            {"user.domain_id": ref.get("domain_id") or "default"},
        )
        user = self.backend.create_user(ref)
        return Reply(201, {"user": self.user_view(request, user)})

    def update_user(self, request: Request) -> Reply:
        """``PATCH /v3/users/{id}``."""
        user_id = request.args["user_id"]
        policy.enforce(
            "identity:update_user", request.creds(), self._user_target(user_id)
        )
        body = request.body()
        schemas.validate(schemas.USER_UPDATE, body)
        ref = dict(body["user"])
        if "id" in ref and ref["id"] != user_id:
            raise faults.BadRequest("Cannot change user ID")
        ref.pop("id", None)
        user = self.backend.update_user(user_id, ref)
        return Reply(200, {"user": self.user_view(request, user)})

    def delete_user(self, request: Request) -> Reply:
        """``DELETE /v3/users/{id}``: 204; the user's tokens are revoked."""
        user_id = request.args["user_id"]
        policy.enforce(
            "identity:delete_user", request.creds(), self._user_target(user_id)
        )
        self.backend.delete_user(user_id)
        return Reply(204)

    def change_password(self, request: Request) -> Reply:
        """``POST /v3/users/{id}/password``: 204; the user's own only."""
        user_id = request.args["user_id"]
        creds = request.creds()
        if creds.user_id != user_id:
            raise faults.Forbidden.action("identity:change_password")
        body = request.body()
        schemas.validate(schemas.PASSWORD_CHANGE, body)
        self.backend.change_password(
            user_id,
            body["user"]["original_password"],
            body["user"]["password"],
        )
        return Reply(204)

    def user_projects(self, request: Request) -> Reply:
        """``GET /v3/users/{id}/projects``."""
        user_id = request.args["user_id"]
        policy.enforce(
            "identity:list_user_projects",
            request.creds(),
            self._user_target(user_id),
        )
        rows = _filtered(
            self._projects_of(user_id),
            request.params,
            ("name", "domain_id", "enabled", "parent_id"),
        )
        return self._collection(
            request, "projects", [self.project_view(request, p) for p in rows]
        )

    def user_groups(self, request: Request) -> Reply:
        """``GET /v3/users/{id}/groups``."""
        user_id = request.args["user_id"]
        policy.enforce(
            "identity:list_groups_for_user",
            request.creds(),
            self._user_target(user_id),
        )
        user = self.backend.get_user(user_id)
        groups = [self.backend.get_group(g) for g in user["group_ids"]]
        return self._collection(
            request, "groups", [self.group_view(request, g) for g in groups]
        )

    # -- groups ------------------------------------------------------------

    def _group_target(self, group_id: str) -> dict[str, Any]:
        group = self.backend.store.get("keystone_groups", group_id)
        return {
            "group.id": group_id,
            "group.domain_id": None if group is None else group["domain_id"],
        }

    def list_groups(self, request: Request) -> Reply:
        """``GET /v3/groups`` with ``name`` and ``domain_id``."""
        creds = request.creds()
        params = dict(request.params)
        if creds.domain_id and "admin" not in creds.roles:
            params["domain_id"] = creds.domain_id
        policy.enforce(
            "identity:list_groups",
            creds,
            {"group.domain_id": params.get("domain_id")},
        )
        rows = _filtered(
            self.backend.list_groups(), params, ("name", "domain_id", "id")
        )
        return self._collection(
            request, "groups", [self.group_view(request, g) for g in rows]
        )

    def get_group(self, request: Request) -> Reply:
        """``GET /v3/groups/{id}``."""
        group_id = request.args["group_id"]
        policy.enforce(
            "identity:get_group", request.creds(), self._group_target(group_id)
        )
        group = self.backend.get_group(group_id)
        return Reply(200, {"group": self.group_view(request, group)})

    def create_group(self, request: Request) -> Reply:
        """``POST /v3/groups``: 201."""
        body = request.body()
        schemas.validate(schemas.GROUP_CREATE, body)
        ref = body["group"]
        policy.enforce(
            "identity:create_group",
            request.creds(),
            {"group.domain_id": ref.get("domain_id") or "default"},
        )
        group = self.backend.create_group(ref)
        return Reply(201, {"group": self.group_view(request, group)})

    def update_group(self, request: Request) -> Reply:
        """``PATCH /v3/groups/{id}``."""
        group_id = request.args["group_id"]
        policy.enforce(
            "identity:update_group",
            request.creds(),
            self._group_target(group_id),
        )
        body = request.body()
        schemas.validate(schemas.GROUP_UPDATE, body)
        group = self.backend.update_group(group_id, body["group"])
        return Reply(200, {"group": self.group_view(request, group)})

    def delete_group(self, request: Request) -> Reply:
        """``DELETE /v3/groups/{id}``: 204."""
        group_id = request.args["group_id"]
        policy.enforce(
            "identity:delete_group",
            request.creds(),
            self._group_target(group_id),
        )
        self.backend.delete_group(group_id)
        return Reply(204)

    def group_users(self, request: Request) -> Reply:
        """``GET /v3/groups/{id}/users``."""
        group_id = request.args["group_id"]
        policy.enforce(
            "identity:list_users_in_group",
            request.creds(),
            self._group_target(group_id),
        )
        group = self.backend.get_group(group_id)
        users = [self.backend.get_user(u) for u in group["user_ids"]]
        users = _filtered(
            users, request.params, ("name", "enabled", "domain_id")
        )
        return self._collection(
            request, "users", [self.user_view(request, u) for u in users]
        )

    def _member_target(self, request: Request) -> dict[str, Any]:
        target = self._group_target(request.args["group_id"])
        target.update(self._user_target(request.args["user_id"]))
        return target

    def add_member(self, request: Request) -> Reply:
        """``PUT /v3/groups/{g}/users/{u}``: 204."""
        policy.enforce(
            "identity:add_user_to_group",
            request.creds(),
            self._member_target(request),
        )
        self.backend.add_member(
            request.args["group_id"], request.args["user_id"]
        )
        return Reply(204)

    def check_member(self, request: Request) -> Reply:
        """``HEAD /v3/groups/{g}/users/{u}``: 204, or 404."""
        policy.enforce(
            "identity:check_user_in_group",
            request.creds(),
            self._member_target(request),
        )
        group_id, user_id = request.args["group_id"], request.args["user_id"]
        if not self.backend.is_member(group_id, user_id):
            raise faults.NotFound(
                f"User '{user_id}' not found in group '{group_id}'"
            )
        return Reply(204)

    def remove_member(self, request: Request) -> Reply:
        """``DELETE /v3/groups/{g}/users/{u}``: 204."""
        policy.enforce(
            "identity:remove_user_from_group",
            request.creds(),
            self._member_target(request),
        )
        self.backend.remove_member(
            request.args["group_id"], request.args["user_id"]
        )
        return Reply(204)

    # -- roles -------------------------------------------------------------

    def list_roles(self, request: Request) -> Reply:
        """``GET /v3/roles`` with ``name`` and ``domain_id``."""
        policy.enforce("identity:list_roles", request.creds())
        params = dict(request.params)
        rows = self.backend.list_roles()
        if "domain_id" not in params:
            # global roles only unless a domain is asked for (Keystone)
            rows = [row for row in rows if row.get("domain_id") is None]
        rows = _filtered(rows, params, ("name", "domain_id", "id"))
        return self._collection(
            request, "roles", [self.role_view(request, r) for r in rows]
        )

    def get_role(self, request: Request) -> Reply:
        """``GET /v3/roles/{id}``."""
        role_id = request.args["role_id"]
        role = self.backend.store.get(ROLES, role_id)
        policy.enforce(
            "identity:get_role",
            request.creds(),
            {"role.name": None if role is None else role["name"]},
        )
        role = self.backend.get_role(role_id)
        return Reply(200, {"role": self.role_view(request, role)})

    def create_role(self, request: Request) -> Reply:
        """``POST /v3/roles``: 201; 409 for a duplicate name."""
        policy.enforce("identity:create_role", request.creds())
        body = request.body()
        schemas.validate(schemas.ROLE_CREATE, body)
        ref = dict(body["role"])
        ref.pop("id", None)
        role = self.backend.create_role(ref)
        return Reply(201, {"role": self.role_view(request, role)})

    def update_role(self, request: Request) -> Reply:
        """``PATCH /v3/roles/{id}``."""
        policy.enforce("identity:update_role", request.creds())
        body = request.body()
        schemas.validate(schemas.ROLE_UPDATE, body)
        role = self.backend.update_role(request.args["role_id"], body["role"])
        return Reply(200, {"role": self.role_view(request, role)})

    def delete_role(self, request: Request) -> Reply:
        """``DELETE /v3/roles/{id}``: 204, with its assignments."""
        policy.enforce("identity:delete_role", request.creds())
        self.backend.delete_role(request.args["role_id"])
        return Reply(204)

    def _inference(
        self, request: Request, prior: Record, implied: list[Record]
    ) -> dict[str, Any]:
        return {
            "prior_role": self._role_brief(request, prior),
            "implies": [self._role_brief(request, r) for r in implied],
        }

    def list_implied(self, request: Request) -> Reply:
        """``GET /v3/roles/{prior}/implies``."""
        policy.enforce("identity:list_implied_roles", request.creds())
        prior = self.backend.get_role(request.args["prior_id"])
        implied = [
            self.backend.get_role(i) for i in self.backend.implies(prior["id"])
        ]
        return Reply(
            200,
            {
                "role_inference": self._inference(request, prior, implied),
                "links": {"self": request.url(request.path)},
            },
        )

    def _one_inference(self, request: Request) -> dict[str, Any]:
        prior_id = request.args["prior_id"]
        implied_id = request.args["implied_id"]
        prior = self.backend.get_role(prior_id)
        implied = self.backend.get_role(implied_id)
        return {
            "role_inference": {
                "prior_role": self._role_brief(request, prior),
                "implies": self._role_brief(request, implied),
            },
            "links": {
                "self": request.url(f"/roles/{prior_id}/implies/{implied_id}")
            },
        }

    def put_implied(self, request: Request) -> Reply:
        """``PUT /v3/roles/{prior}/implies/{implied}``: 201."""
        policy.enforce("identity:create_implied_role", request.creds())
        self.backend.create_implied_role(
            request.args["prior_id"], request.args["implied_id"]
        )
        return Reply(201, self._one_inference(request))

    def get_implied(self, request: Request) -> Reply:
        """``GET /v3/roles/{prior}/implies/{implied}``."""
        policy.enforce("identity:check_implied_role", request.creds())
        self.backend.get_implied_role(
            request.args["prior_id"], request.args["implied_id"]
        )
        return Reply(200, self._one_inference(request))

    def head_implied(self, request: Request) -> Reply:
        """``HEAD /v3/roles/{prior}/implies/{implied}``: 204."""
        policy.enforce("identity:check_implied_role", request.creds())
        self.backend.get_implied_role(
            request.args["prior_id"], request.args["implied_id"]
        )
        return Reply(204)

    def delete_implied(self, request: Request) -> Reply:
        """``DELETE /v3/roles/{prior}/implies/{implied}``: 204."""
        policy.enforce("identity:delete_implied_role", request.creds())
        self.backend.delete_implied_role(
            request.args["prior_id"], request.args["implied_id"]
        )
        return Reply(204)

    def role_inferences(self, request: Request) -> Reply:
        """``GET /v3/role_inferences``: every prior role and its implied."""
        policy.enforce("identity:list_role_inference_rules", request.creds())
        by_prior: dict[str, list[Record]] = {}
        for rule in self.backend.list_implied_rules():
            by_prior.setdefault(rule["prior_role_id"], []).append(
                self.backend.get_role(rule["implied_role_id"])
            )
        return Reply(
            200,
            {
                "role_inferences": [
                    self._inference(
                        request, self.backend.get_role(prior_id), implied
                    )
                    for prior_id, implied in by_prior.items()
                ],
                "links": {"self": request.url(request.path)},
            },
        )

    # -- grants ------------------------------------------------------------

    @staticmethod
    def _grant_parts(request: Request) -> tuple[str, str, str, str]:
        """actor kind and id, target kind and id, from the path."""
        parts = request.path.strip("/").split("/")
        if parts[0] == "system":
            actor_kind = parts[1][:-1]
            return actor_kind, parts[2], "system", SYSTEM
        return parts[2][:-1], parts[3], parts[0][:-1], parts[1]

    def _grant_target(
        self, request: Request, role_id: str | None = None
    ) -> dict[str, Any]:
        actor_kind, actor_id, target_kind, target_id = self._grant_parts(
            request
        )
        target: dict[str, Any] = {}
        if actor_kind == "user":
            target.update(self._user_target(actor_id))
        else:
            target.update(self._group_target(actor_id))
        if target_kind == "project":
            project = self.backend.store.get(PROJECTS, target_id)
            target["project.id"] = target_id
            target["project.domain_id"] = (
                None if project is None else project["domain_id"]
            )
        elif target_kind == "domain":
            target["domain.id"] = target_id
        if role_id is not None:
            role = self.backend.store.get(ROLES, role_id)
            target["role.name"] = None if role is None else role["name"]
            target["role.domain_id"] = (
                None if role is None else role["domain_id"]
            )
        return target

    def _grant_action(self, request: Request, verb: str) -> str:
        actor_kind, _, target_kind, _ = self._grant_parts(request)
        if target_kind == "system":
            names = {
                "list": "list_system_grants_for_",
                "check": "check_system_grant_for_",
                "create": "create_system_grant_for_",
                "revoke": "revoke_system_grant_for_",
            }
            return f"identity:{names[verb]}{actor_kind}"
        names = {
            "list": "list_grants",
            "check": "check_grant",
            "create": "create_grant",
            "revoke": "revoke_grant",
        }
        return f"identity:{names[verb]}"

    def list_grants(self, request: Request) -> Reply:
        """``GET /v3/{target}/{id}/{actor}/{id}/roles``."""
        policy.enforce(
            self._grant_action(request, "list"),
            request.creds(),
            self._grant_target(request),
        )
        actor_kind, actor_id, target_kind, target_id = self._grant_parts(
            request
        )
        self.backend._actor(actor_kind, actor_id)
        self.backend._target(target_kind, target_id)
        roles = [
            self.backend.get_role(role_id)
            for role_id in self.backend.grants_for(
                actor_kind, actor_id, target_kind, target_id
            )
        ]
        return self._collection(
            request, "roles", [self.role_view(request, r) for r in roles]
        )

    def _grant_call(
        self, request: Request, action: str, call: Callable[..., Any]
    ) -> Reply:
        """Enforce ``action`` on a grant, then ``call`` the backend: 204."""
        role_id = request.args["role_id"]
        policy.enforce(
            self._grant_action(request, action),
            request.creds(),
            self._grant_target(request, role_id),
        )
        call(*self._grant_parts(request), role_id)
        return Reply(204)

    def create_grant(self, request: Request) -> Reply:
        """``PUT .../roles/{role_id}``: 204 (also when already granted)."""
        return self._grant_call(request, "create", self.backend.grant)

    def check_grant(self, request: Request) -> Reply:
        """``HEAD/GET .../roles/{role_id}``: 204, or 404."""
        return self._grant_call(request, "check", self.backend.check_grant)

    def revoke_grant(self, request: Request) -> Reply:
        """``DELETE .../roles/{role_id}``: 204, or 404."""
        return self._grant_call(request, "revoke", self.backend.revoke)

    # -- role assignments --------------------------------------------------

    def role_assignments(self, request: Request) -> Reply:
        """``GET /v3/role_assignments`` with Keystone's filters."""
        params = request.params
        creds = request.creds()
        policy.enforce(
            "identity:list_role_assignments",
            creds,
            {"domain_id": creds.domain_id},
        )
        pairs = (
            (
                "scope.domain.id",
                "scope.project.id",
                "Specify a domain or project, not both",
            ),
            (
                "scope.domain.id",
                "scope.system",
                "Specify system or domain, not both",
            ),
            (
                "scope.project.id",
                "scope.system",
                "Specify system or project, not both",
            ),
            ("user.id", "group.id", "Specify a user or group, not both"),
        )
        for first, second, message in pairs:
            if params.get(first) and params.get(second):
                raise faults.BadRequest(message)
        effective = _true(params.get("effective"))
        if effective and params.get("group.id"):
            raise faults.BadRequest(
                "Combining effective and group filter will always result in "
                "an empty list."
            )
        include_names = _true(params.get("include_names"))
        entries = self._assignment_entries(effective)
        wanted_target: tuple[str, str] | None = None
        if params.get("scope.project.id"):
            wanted_target = ("project", params["scope.project.id"])
        elif params.get("scope.domain.id"):
            wanted_target = ("domain", params["scope.domain.id"])
        elif params.get("scope.system"):
            wanted_target = ("system", SYSTEM)
        refs = []
        for entry in entries:
            if params.get("user.id") and (
                entry["actor_kind"] != "user"
                or entry["actor_id"] != params["user.id"]
            ):
                continue
            if params.get("group.id") and (
                entry["actor_kind"] != "group"
                or entry["actor_id"] != params["group.id"]
            ):
                continue
            if params.get("role.id") and entry["role_id"] != params["role.id"]:
                continue
            if (
                wanted_target is not None
                and (
                    entry["target_kind"],
                    entry["target_id"],
                )
                != wanted_target
            ):
                continue
            if creds.domain_id and "admin" not in creds.roles:
                domain = entry["target_id"]
                if entry["target_kind"] == "project":
                    project = self.backend.store.get(PROJECTS, domain)
                    domain = None if project is None else project["domain_id"]
                if domain != creds.domain_id:
                    continue
            refs.append(self._assignment_view(request, entry, include_names))
        return self._collection(request, "role_assignments", refs)

    def _assignment_entries(self, effective: bool) -> list[dict[str, Any]]:
        """Direct grants, or (effective) per user with implied roles."""
        grants = self.backend.list_grants()
        if not effective:
            return [dict(grant) for grant in grants]
        expanded: list[dict[str, Any]] = []
        for grant in grants:
            base = dict(grant)
            users = [(grant["actor_id"], None)]
            if grant["actor_kind"] == "group":
                group = self.backend.store.get(
                    "keystone_groups", grant["actor_id"]
                )
                members = [] if group is None else group["user_ids"]
                users = [(u, grant["actor_id"]) for u in members]
            for user_id, via_group in users:
                for role_id in self.backend.expand_roles([grant["role_id"]]):
                    entry = dict(base, actor_kind="user", actor_id=user_id)
                    entry["role_id"] = role_id
                    if via_group:
                        entry["group_id"] = via_group
                    if role_id != grant["role_id"]:
                        entry["prior_role_id"] = grant["role_id"]
                    expanded.append(entry)
        # one entry per (user, target, role) as Keystone de-duplicates
        seen: set[tuple[str, ...]] = set()
        unique = []
        for entry in expanded:
            key = (
                entry["actor_id"],
                entry["target_kind"],
                entry["target_id"],
                entry["role_id"],
                entry.get("group_id") or "",
                entry.get("prior_role_id") or "",
            )
            if key not in seen:
                seen.add(key)
                unique.append(entry)
        return unique

    def _named(self, table: str, ident: str) -> Record:
        return self.backend.store.get(table, ident) or {
            "id": ident,
            "name": "",
            "domain_id": None,
        }

    def _domain_brief(self, domain_id: str | None) -> dict[str, Any]:
        domain = self._named(DOMAINS, domain_id or "")
        return {"id": domain["id"], "name": domain["name"]}

    def _assignment_view(
        self, request: Request, entry: dict[str, Any], names: bool
    ) -> dict[str, Any]:
        """Keystone's ``_format_entity``."""
        view: dict[str, Any] = {"links": {}}
        kind, target_id = entry["target_kind"], entry["target_id"]
        if kind == "project":
            scope: dict[str, Any] = {"id": target_id}
            if names:
                project = self._named(PROJECTS, target_id)
                scope["name"] = project["name"]
                scope["domain"] = self._domain_brief(project["domain_id"])
            view["scope"] = {"project": scope}
            link = f"/projects/{target_id}"
        elif kind == "domain":
            scope = {"id": target_id}
            if names:
                scope["name"] = self._named(DOMAINS, target_id)["name"]
            view["scope"] = {"domain": scope}
            link = f"/domains/{target_id}"
        else:
            view["scope"] = {"system": {"all": True}}
            link = "/system"
        table = USERS if entry["actor_kind"] == "user" else "keystone_groups"
        actor: dict[str, Any] = {"id": entry["actor_id"]}
        if names:
            record = self._named(table, entry["actor_id"])
            actor["name"] = record["name"]
            actor["domain"] = self._domain_brief(record.get("domain_id"))
        view[entry["actor_kind"]] = actor
        if entry.get("group_id"):
            view["links"]["membership"] = request.url(
                f"/groups/{entry['group_id']}/users/{entry['actor_id']}"
            )
            link += f"/groups/{entry['group_id']}"
        else:
            link += f"/{entry['actor_kind']}s/{entry['actor_id']}"
        role: dict[str, Any] = {"id": entry["role_id"]}
        if names:
            role["name"] = self._named(ROLES, entry["role_id"])["name"]
        view["role"] = role
        prior = entry.get("prior_role_id")
        if prior:
            link += f"/roles/{prior}"
            view["links"]["prior_role"] = request.url(
                f"/prior_role/{entry['role_id']}/implies/{prior}"
            )
        else:
            link += f"/roles/{entry['role_id']}"
        view["links"]["assignment"] = request.url(link)
        return view

    # -- application credentials -------------------------------------------

    def _app_cred_view(
        self, request: Request, cred: Record, secret: str | None = None
    ) -> dict[str, Any]:
        view = {
            "id": cred["id"],
            "name": cred["name"],
            "description": cred.get("description"),
            "user_id": cred["user_id"],
            "project_id": cred["project_id"],
            "expires_at": cred.get("expires_at"),
            "unrestricted": cred.get("unrestricted", False),
            "roles": [
                self._role_brief(request, self.backend.get_role(role_id))
                for role_id in cred["role_ids"]
                if self.backend.store.get(ROLES, role_id) is not None
            ],
            "access_rules": [],
            "links": {
                "self": request.url(
                    f"/users/{cred['user_id']}/application_credentials/"
                    f"{cred['id']}"
                )
            },
        }
        if secret is not None:
            view["secret"] = secret
        return view

    def list_app_creds(self, request: Request) -> Reply:
        """``GET /v3/users/{id}/application_credentials``."""
        user_id = request.args["user_id"]
        policy.enforce(
            "identity:list_application_credentials",
            request.creds(),
            {"user_id": user_id},
        )
        self.backend.get_user(user_id)
        rows = self.backend.store.select(
            APP_CREDS, lambda row: row["user_id"] == user_id
        )
        rows = _filtered(rows, request.params, ("name",))
        return self._collection(
            request,
            "application_credentials",
            [self._app_cred_view(request, row) for row in rows],
        )

    def create_app_cred(self, request: Request) -> Reply:
        """``POST /v3/users/{id}/application_credentials``: 201.

        The credential takes the caller's project and (unless listed)
        the caller's roles there; the secret is shown once.
        """
        user_id = request.args["user_id"]
        policy.enforce(
            "identity:create_application_credential",
            request.creds(),
            {"user_id": user_id},
        )
        body = request.body()
        schemas.validate(schemas.APP_CRED_CREATE, body)
        ref = body["application_credential"]
        caller = request.caller
        assert caller is not None
        if caller.project is None:
            raise faults.validation("project", "token")
        available = {role["id"]: role for role in caller.roles}
        role_ids = []
        for wanted in ref.get("roles") or []:
            match = [
                role
                for role in caller.roles
                if role["id"] == wanted.get("id")
                or role["name"] == wanted.get("name")
            ]
            if not match:
                raise faults.Forbidden(
                    "You are not authorized to perform the requested action: "
                    "identity:create_application_credential."
                )
            role_ids.append(match[0]["id"])
        if not role_ids:
            role_ids = list(available)
        name = ref["name"]
        with self.backend.store.lock:
            if self.backend.store.select(
                APP_CREDS,
                lambda row: row["user_id"] == user_id and row["name"] == name,
            ):
                raise faults.Conflict.duplicate(
                    "application_credential",
                    "Duplicate entry found with name " + name,
                )
            secret = ref.get("secret") or secrets.token_urlsafe(64)
            cred = self.backend.store.insert(
                APP_CREDS,
                {
                    "id": new_id(),
                    "name": name,
                    "description": ref.get("description"),
                    "user_id": user_id,
                    "project_id": caller.project["id"],
                    "expires_at": ref.get("expires_at"),
                    "unrestricted": bool(ref.get("unrestricted")),
                    "role_ids": role_ids,
                    "secret_hash": hash_password(secret),
                },
            )
        return Reply(
            201,
            {
                "application_credential": self._app_cred_view(
                    request, cred, secret
                )
            },
        )

    def _app_cred(self, request: Request, action: str) -> Record:
        user_id = request.args["user_id"]
        policy.enforce(action, request.creds(), {"user_id": user_id})
        self.backend.get_user(user_id)
        cred = self.backend.store.get(APP_CREDS, request.args["cred_id"])
        if cred is None or cred["user_id"] != user_id:
            raise faults.NotFound.of(
                "application credential", request.args["cred_id"]
            )
        return cred

    def get_app_cred(self, request: Request) -> Reply:
        """``GET /v3/users/{id}/application_credentials/{cred}``."""
        cred = self._app_cred(request, "identity:get_application_credential")
        return Reply(
            200, {"application_credential": self._app_cred_view(request, cred)}
        )

    def delete_app_cred(self, request: Request) -> Reply:
        """``DELETE /v3/users/{id}/application_credentials/{cred}``: 204."""
        cred = self._app_cred(
            request, "identity:delete_application_credential"
        )
        self.backend.store.delete(APP_CREDS, cred["id"])
        return Reply(204)


__all__ = ["ACTORS", "GRANTS", "IdentityApi", "Reply", "Request"]
