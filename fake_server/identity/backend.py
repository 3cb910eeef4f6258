"""Plays Keystone's resource, identity and assignment managers (no HTTP).

Domains, projects, users, groups, roles, implied roles and role
assignments live in the one store (tables ``keystone_*``) so that saving
and resetting the store covers them. Names are unique per domain (roles
globally) through the ``keystone_names`` table, which also serves the
lookups by name that every login makes; a user's groups are kept on the
user record, so a user's effective roles are found without scanning.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from fake_server.identity import faults
from fake_server.state import Record, Store

DOMAINS = "keystone_domains"
PROJECTS = "keystone_projects"
USERS = "keystone_users"
GROUPS = "keystone_groups"
ROLES = "keystone_roles"
IMPLIED = "keystone_implied_roles"
GRANTS = "keystone_assignments"
NAMES = "keystone_names"
APP_CREDS = "keystone_application_credentials"

DEFAULT_DOMAIN = "default"
#: the roles ``keystone-manage bootstrap`` creates, and what each implies
BOOTSTRAP_ROLES = ("reader", "member", "manager", "admin", "service")
BOOTSTRAP_IMPLIES = (
    ("member", "reader"),
    ("manager", "member"),
    ("admin", "manager"),
)
#: actor kinds and target kinds of a grant
ACTORS = ("user", "group")
TARGETS = ("project", "domain", "system")
SYSTEM = "all"
#: keystone.conf [assignment] prohibited_implied_role
PROHIBITED_IMPLIED = ("admin",)


def new_id() -> str:
    """A Keystone id: a UUID4 as 32 hex digits."""
    return uuid.uuid4().hex


def hash_password(password: str, salt: str | None = None) -> str:
    """``salt$sha256(salt + password)``: the store never holds secrets."""
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha256((salt + password).encode()).hexdigest()
    return f"{salt}${digest}"


def check_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches a :func:`hash_password` value."""
    if not stored or "$" not in stored:
        return False
    salt = stored.split("$", 1)[0]
    return hmac.compare_digest(stored, hash_password(password, salt))


def grant_id(
    actor_kind: str, actor_id: str, target_kind: str, target_id: str
) -> str:
    """The key of an actor's role assignments on one target.

    One record per (actor, target) holds the granted role ids, so the
    roles of a token are found with one lookup per actor.
    """
    return f"{actor_kind}:{actor_id}:{target_kind}:{target_id}"


class Backend:
    """Keystone's managers over the store; raises Keystone's faults."""

    def __init__(self, store: Store) -> None:
        self.store = store
        #: called with (kind, id) after a user, project, domain or role
        #: is deleted, or a grant removed, so tokens can be revoked
        self.listeners: list[Callable[[str, str], None]] = []

    # -- names -------------------------------------------------------------

    def _name_key(self, kind: str, domain_id: str | None, name: str) -> str:
        return f"{kind}/{domain_id or ''}/{name}"

    def _claim_name(
        self,
        kind: str,
        domain_id: str | None,
        name: str,
        record_id: str,
    ) -> None:
        key = self._name_key(kind, domain_id, name)
        held = self.store.get(NAMES, key)
        if held is not None and held["ref"] != record_id:
            details = f"Duplicate entry found with name {name}"
            if domain_id:
                details += f" at domain ID {domain_id}"
            raise faults.Conflict.duplicate(kind, details)
        self.store.insert(NAMES, {"id": key, "ref": record_id})

    def _release_name(
        self, kind: str, domain_id: str | None, name: str
    ) -> None:
        self.store.delete(NAMES, self._name_key(kind, domain_id, name))

    def _by_name(
        self, kind: str, table: str, domain_id: str | None, name: str
    ) -> Record | None:
        held = self.store.get(NAMES, self._name_key(kind, domain_id, name))
        return None if held is None else self.store.get(table, held["ref"])

    def _set_list(
        self,
        table: str,
        record: Record,
        key: str,
        add: str | None = None,
        remove: str | None = None,
    ) -> None:
        """Change a list field through the store (so saving sees it)."""
        values = [v for v in record.get(key, []) if v != remove]
        if add is not None and add not in values:
            values.append(add)
        self.store.update(table, record["id"], **{key: values})

    def _notify(self, kind: str, ident: str) -> None:
        for listener in self.listeners:
            listener(kind, ident)

    # -- domains -----------------------------------------------------------

    def get_domain(self, domain_id: str) -> Record:
        """The domain ``domain_id``; 404 if there is none."""
        domain = self.store.get(DOMAINS, domain_id)
        if domain is None:
            raise faults.NotFound.of("domain", domain_id)
        return domain

    def domain_by_name(self, name: str) -> Record:
        """The domain called ``name``; 404 if there is none."""
        domain = self._by_name("domain", DOMAINS, None, name)
        if domain is None:
            raise faults.NotFound.of("domain", name)
        return domain

    def list_domains(self) -> list[Record]:
        """Every domain, oldest first."""
        return self.store.select(DOMAINS)

    def create_domain(self, ref: dict[str, Any]) -> Record:
        """A new domain from a validated request body."""
        with self.store.lock:
            domain_id = ref.get("id") or new_id()
            self._claim_name("domain", None, ref["name"], domain_id)
            return self.store.insert(
                DOMAINS,
                {
                    "id": domain_id,
                    "name": ref["name"],
                    "description": ref.get("description", ""),
                    "enabled": ref.get("enabled", True),
                    "tags": list(ref.get("tags", [])),
                    "options": dict(ref.get("options", {})),
                },
            )

    def update_domain(self, domain_id: str, ref: dict[str, Any]) -> Record:
        """Change a domain's name, description, enabled or tags."""
        with self.store.lock:
            domain = self.get_domain(domain_id)
            if "name" in ref and ref["name"] != domain["name"]:
                self._claim_name("domain", None, ref["name"], domain_id)
                self._release_name("domain", None, domain["name"])
            values = {
                k: ref[k]
                for k in ("name", "description", "enabled", "tags", "options")
                if k in ref
            }
            domain = self.store.update(DOMAINS, domain_id, **values)
        if not domain["enabled"]:
            self._notify("domain", domain_id)
        return domain

    def delete_domain(self, domain_id: str) -> None:
        """Delete a disabled domain with its projects, users and groups."""
        with self.store.lock:
            domain = self.get_domain(domain_id)
            if domain["enabled"]:
                raise faults.Forbidden(
                    "Cannot delete a domain that is enabled, please disable "
                    "it first."
                )

            def in_domain(row: Record) -> bool:
                return bool(row.get("domain_id") == domain_id)

            for project in self.store.select(PROJECTS, in_domain):
                self._delete_project(project)
            for user in self.store.select(USERS, in_domain):
                self.delete_user(user["id"])
            for group in self.store.select(GROUPS, in_domain):
                self.delete_group(group["id"])
            for role in self.store.select(ROLES, in_domain):
                self.delete_role(role["id"])
            self._drop_grants_on("domain", domain_id)
            self._release_name("domain", None, domain["name"])
            self.store.delete(DOMAINS, domain_id)
        self._notify("domain", domain_id)

    # -- projects ----------------------------------------------------------

    def get_project(self, project_id: str) -> Record:
        """The project ``project_id``; 404 if there is none."""
        project = self.store.get(PROJECTS, project_id)
        if project is None:
            raise faults.NotFound.of("project", project_id)
        return project

    def project_by_name(self, name: str, domain_id: str) -> Record:
        """The project ``name`` in a domain; 404 if there is none."""
        project = self._by_name("project", PROJECTS, domain_id, name)
        if project is None:
            raise faults.NotFound.of("project", name)
        return project

    def list_projects(self) -> list[Record]:
        """Every project, oldest first."""
        return self.store.select(PROJECTS)

    def create_project(self, ref: dict[str, Any]) -> Record:
        """A new project from a validated request body.

        The domain defaults to the parent's, else ``default``; the parent
        defaults to the domain (Keystone's projects act as domains' children).
        """
        with self.store.lock:
            parent_id = ref.get("parent_id")
            parent = None
            if parent_id:
                parent = self.store.get(PROJECTS, parent_id)
                if parent is None:
                    if self.store.get(DOMAINS, parent_id) is None:
                        raise faults.NotFound.of("project", parent_id)
            domain_id = ref.get("domain_id") or (
                parent["domain_id"]
                if parent is not None
                else parent_id or DEFAULT_DOMAIN
            )
            if self.store.get(DOMAINS, domain_id) is None:
                raise faults.NotFound.of("domain", domain_id)
            if parent is not None and parent["domain_id"] != domain_id:
                raise faults.BadRequest(
                    "Cannot create project, the parent "
                    f"({parent_id}) is not in the same domain "
                    f"({domain_id})."
                )
            project_id = ref.get("id") or new_id()
            self._claim_name("project", domain_id, ref["name"], project_id)
            return self.store.insert(
                PROJECTS,
                {
                    "id": project_id,
                    "name": ref["name"],
                    "domain_id": domain_id,
                    "description": ref.get("description", ""),
                    "enabled": ref.get("enabled", True),
                    "parent_id": parent_id or domain_id,
                    "is_domain": False,
                    "tags": list(ref.get("tags", [])),
                    "options": dict(ref.get("options", {})),
                },
            )

    def update_project(self, project_id: str, ref: dict[str, Any]) -> Record:
        """Change a project's name, description, enabled or tags."""
        with self.store.lock:
            project = self.get_project(project_id)
            if "domain_id" in ref and ref["domain_id"] != project["domain_id"]:
                raise faults.BadRequest(
                    "Update of `domain_id` is not allowed."
                )
            if "name" in ref and ref["name"] != project["name"]:
                self._claim_name(
                    "project", project["domain_id"], ref["name"], project_id
                )
                self._release_name(
                    "project", project["domain_id"], project["name"]
                )
            values = {
                k: ref[k]
                for k in ("name", "description", "enabled", "tags", "options")
                if k in ref
            }
            project = self.store.update(PROJECTS, project_id, **values)
        if not project["enabled"]:
            self._notify("project", project_id)
        return project

    def delete_project(self, project_id: str) -> None:
        """Delete a leaf project and every grant on it."""
        with self.store.lock:
            project = self.get_project(project_id)
            if self.store.select(
                PROJECTS, lambda row: row.get("parent_id") == project_id
            ):
                raise faults.Forbidden(
                    f"Cannot delete the project {project_id} since it is "
                    "not a leaf in the hierarchy. Use the cascade option if "
                    "you want to delete a whole subtree."
                )
            self._delete_project(project)

    def _delete_project(self, project: Record) -> None:
        self._drop_grants_on("project", project["id"])
        # Keystone's _unset_default_project callback
        for user in self.store.select(
            USERS, lambda row: row.get("default_project_id") == project["id"]
        ):
            self.store.update(USERS, user["id"], default_project_id=None)
        self._release_name("project", project["domain_id"], project["name"])
        self.store.delete(PROJECTS, project["id"])
        self._notify("project", project["id"])

    # -- users -------------------------------------------------------------

    def get_user(self, user_id: str) -> Record:
        """The user ``user_id``; 404 if there is none."""
        user = self.store.get(USERS, user_id)
        if user is None:
            raise faults.NotFound.of("user", user_id)
        return user

    def user_by_name(self, name: str, domain_id: str) -> Record:
        """The user ``name`` in a domain; 404 if there is none."""
        user = self._by_name("user", USERS, domain_id, name)
        if user is None:
            raise faults.NotFound.of("user", name)
        return user

    def list_users(self) -> list[Record]:
        """Every user, oldest first."""
        return self.store.select(USERS)

    def create_user(self, ref: dict[str, Any]) -> Record:
        """A new user from a validated request body.

        Attributes Keystone does not model (``email``, ...) are kept as
        extras and shown back, as Keystone's SQL backend does.
        """
        with self.store.lock:
            domain_id = ref.get("domain_id") or DEFAULT_DOMAIN
            self.get_domain(domain_id)
            project_id = ref.get("default_project_id")
            self._check_default_project(project_id)
            user_id = ref.get("id") or new_id()
            self._claim_name("user", domain_id, ref["name"], user_id)
            password = ref.get("password")
            extra = {
                key: value
                for key, value in ref.items()
                if key
                not in (
                    "id",
                    "name",
                    "domain_id",
                    "enabled",
                    "password",
                    "default_project_id",
                    "options",
                    "federated",
                )
            }
            return self.store.insert(
                USERS,
                {
                    "id": user_id,
                    "name": ref["name"],
                    "domain_id": domain_id,
                    "enabled": ref.get("enabled", True),
                    "default_project_id": project_id,
                    "password_hash": None
                    if password is None
                    else hash_password(password),
                    "options": dict(ref.get("options", {})),
                    "extra": extra,
                    "group_ids": [],
                },
            )

    def update_user(self, user_id: str, ref: dict[str, Any]) -> Record:
        """Change a user's attributes (a password change revokes tokens)."""
        with self.store.lock:
            user = self.get_user(user_id)
            if "domain_id" in ref and ref["domain_id"] != user["domain_id"]:
                raise faults.BadRequest(
                    "Update of `domain_id` is not allowed."
                )
            if "name" in ref and ref["name"] != user["name"]:
                self._claim_name(
                    "user", user["domain_id"], ref["name"], user_id
                )
                self._release_name("user", user["domain_id"], user["name"])
            self._check_default_project(ref.get("default_project_id"))
            values: dict[str, Any] = {
                k: ref[k]
                for k in (
                    "name",
                    "enabled",
                    "default_project_id",
                    "options",
                )
                if k in ref
            }
            if "password" in ref:
                values["password_hash"] = (
                    None
                    if ref["password"] is None
                    else hash_password(ref["password"])
                )
            extra = dict(user.get("extra", {}))
            for key, value in ref.items():
                if key not in values and key not in (
                    "id",
                    "domain_id",
                    "password",
                ):
                    extra[key] = value
            values["extra"] = extra
            user = self.store.update(USERS, user_id, **values)
        if "password" in ref or not user["enabled"]:
            self._notify("user", user_id)
        return user

    def _check_default_project(self, project_id: str | None) -> None:
        """A default project need not exist, but may not be a domain."""
        if project_id and self.store.get(DOMAINS, project_id) is not None:
            raise faults.BadRequest(
                f"User's default project ID cannot be a domain ID: "
                f"{project_id}"
            )

    def change_password(
        self, user_id: str, original: str, password: str
    ) -> None:
        """``POST /v3/users/{id}/password``: 401 on a wrong original."""
        user = self.get_user(user_id)
        if not check_password(user.get("password_hash"), original):
            raise faults.Unauthorized(
                "The request you have made requires authentication."
            )
        self.update_user(user_id, {"password": password})

    def delete_user(self, user_id: str) -> None:
        """Delete a user, its grants and group memberships."""
        with self.store.lock:
            user = self.get_user(user_id)
            self._drop_grants_of("user", user_id)
            for group_id in list(user.get("group_ids", [])):
                group = self.store.get(GROUPS, group_id)
                if group is not None and user_id in group["user_ids"]:
                    self._set_list(GROUPS, group, "user_ids", remove=user_id)
            for cred in self.store.select(
                APP_CREDS, lambda row: row["user_id"] == user_id
            ):
                self.store.delete(APP_CREDS, cred["id"])
            self._release_name("user", user["domain_id"], user["name"])
            self.store.delete(USERS, user_id)
        self._notify("user", user_id)

    # -- groups ------------------------------------------------------------

    def get_group(self, group_id: str) -> Record:
        """The group ``group_id``; 404 if there is none."""
        group = self.store.get(GROUPS, group_id)
        if group is None:
            raise faults.NotFound.of("group", group_id)
        return group

    def list_groups(self) -> list[Record]:
        """Every group, oldest first."""
        return self.store.select(GROUPS)

    def create_group(self, ref: dict[str, Any]) -> Record:
        """A new group from a validated request body."""
        with self.store.lock:
            domain_id = ref.get("domain_id") or DEFAULT_DOMAIN
            self.get_domain(domain_id)
            group_id = new_id()
            self._claim_name("group", domain_id, ref["name"], group_id)
            return self.store.insert(
                GROUPS,
                {
                    "id": group_id,
                    "name": ref["name"],
                    "domain_id": domain_id,
                    "description": ref.get("description", ""),
                    "user_ids": [],
                },
            )

    def update_group(self, group_id: str, ref: dict[str, Any]) -> Record:
        """Change a group's name or description."""
        with self.store.lock:
            group = self.get_group(group_id)
            if "domain_id" in ref and ref["domain_id"] != group["domain_id"]:
                raise faults.BadRequest(
                    "Update of `domain_id` is not allowed."
                )
            if "name" in ref and ref["name"] != group["name"]:
                self._claim_name(
                    "group", group["domain_id"], ref["name"], group_id
                )
                self._release_name("group", group["domain_id"], group["name"])
            values = {k: ref[k] for k in ("name", "description") if k in ref}
            return self.store.update(GROUPS, group_id, **values)

    def delete_group(self, group_id: str) -> None:
        """Delete a group, its grants and memberships."""
        with self.store.lock:
            group = self.get_group(group_id)
            members = list(group["user_ids"])
            for user_id in members:
                self.remove_member(group_id, user_id)
            self._drop_grants_of("group", group_id)
            self._release_name("group", group["domain_id"], group["name"])
            self.store.delete(GROUPS, group_id)

    def add_member(self, group_id: str, user_id: str) -> None:
        """Put a user in a group (idempotent)."""
        with self.store.lock:
            group = self.get_group(group_id)
            user = self.get_user(user_id)
            if user_id not in group["user_ids"]:
                self._set_list(GROUPS, group, "user_ids", add=user_id)
                self._set_list(USERS, user, "group_ids", add=group_id)

    def remove_member(self, group_id: str, user_id: str) -> None:
        """Take a user out of a group; 404 if it was not in it."""
        with self.store.lock:
            group = self.get_group(group_id)
            user = self.get_user(user_id)
            if user_id not in group["user_ids"]:
                raise faults.NotFound(
                    f"User '{user_id}' not found in group '{group_id}'"
                )
            self._set_list(GROUPS, group, "user_ids", remove=user_id)
            self._set_list(USERS, user, "group_ids", remove=group_id)
        self._notify("user", user_id)

    def is_member(self, group_id: str, user_id: str) -> bool:
        """Whether a user is in a group (404 for an unknown either)."""
        group = self.get_group(group_id)
        self.get_user(user_id)
        return user_id in group["user_ids"]

    # -- roles -------------------------------------------------------------

    def get_role(self, role_id: str) -> Record:
        """The role ``role_id``; 404 if there is none."""
        role = self.store.get(ROLES, role_id)
        if role is None:
            raise faults.NotFound.of("role", role_id)
        return role

    def role_by_name(self, name: str, domain_id: str | None = None) -> Record:
        """The global (or domain-specific) role ``name``; 404 if none."""
        role = self._by_name("role", ROLES, domain_id, name)
        if role is None:
            raise faults.NotFound.of("role", name)
        return role

    def list_roles(self) -> list[Record]:
        """Every role, oldest first."""
        return self.store.select(ROLES)

    def create_role(self, ref: dict[str, Any]) -> Record:
        """A new role from a validated request body."""
        with self.store.lock:
            domain_id = ref.get("domain_id")
            if domain_id:
                self.get_domain(domain_id)
            role_id = ref.get("id") or new_id()
            self._claim_name("role", domain_id, ref["name"], role_id)
            return self.store.insert(
                ROLES,
                {
                    "id": role_id,
                    "name": ref["name"],
                    "domain_id": domain_id,
                    "description": ref.get("description"),
                    "options": dict(ref.get("options", {})),
                },
            )

    def update_role(self, role_id: str, ref: dict[str, Any]) -> Record:
        """Change a role's name or description."""
        with self.store.lock:
            role = self.get_role(role_id)
            if "name" in ref and ref["name"] != role["name"]:
                self._claim_name(
                    "role", role["domain_id"], ref["name"], role_id
                )
                self._release_name("role", role["domain_id"], role["name"])
            values = {
                k: ref[k]
                for k in ("name", "description", "options")
                if k in ref
            }
            return self.store.update(ROLES, role_id, **values)

    def delete_role(self, role_id: str) -> None:
        """Delete a role, its grants and its inference rules."""
        with self.store.lock:
            role = self.get_role(role_id)
            for rule in self.store.select(
                IMPLIED,
                lambda row: (
                    role_id in (row["prior_role_id"], row["implied_role_id"])
                ),
            ):
                self.store.delete(IMPLIED, rule["id"])
            for grant in self.store.select(
                GRANTS, lambda row: role_id in row["role_ids"]
            ):
                self._set_grant_roles(grant, remove=role_id)
            self._release_name("role", role["domain_id"], role["name"])
            self.store.delete(ROLES, role_id)
        self._notify("role", role_id)

    # -- implied roles -----------------------------------------------------

    def implies(self, prior_id: str) -> list[str]:
        """The role ids ``prior_id`` directly implies."""
        role = self.store.get(ROLES, prior_id)
        return list(role.get("implies", [])) if role is not None else []

    def create_implied_role(self, prior_id: str, implied_id: str) -> Record:
        """``prior`` implies ``implied`` (idempotent; no cycles)."""
        with self.store.lock:
            prior = self.get_role(prior_id)
            implied = self.get_role(implied_id)
            if implied["name"] in PROHIBITED_IMPLIED:
                raise faults.Forbidden(
                    f"{implied_id} cannot be an implied roles."
                )
            if prior["domain_id"] is None and implied["domain_id"]:
                raise faults.Forbidden(
                    f"{implied_id} cannot be an implied roles."
                )
            key = f"{prior_id}:{implied_id}"
            rule = self.store.get(IMPLIED, key)
            if rule is None:
                rule = self.store.insert(
                    IMPLIED,
                    {
                        "id": key,
                        "prior_role_id": prior_id,
                        "implied_role_id": implied_id,
                    },
                )
                self._set_list(ROLES, prior, "implies", add=implied_id)
            return rule

    def get_implied_role(self, prior_id: str, implied_id: str) -> Record:
        """The rule ``prior`` implies ``implied``; 404 if none."""
        self.get_role(prior_id)
        self.get_role(implied_id)
        rule = self.store.get(IMPLIED, f"{prior_id}:{implied_id}")
        if rule is None:
            raise faults.NotFound(f"{prior_id} does not imply {implied_id}.")
        return rule

    def delete_implied_role(self, prior_id: str, implied_id: str) -> None:
        """Drop the rule ``prior`` implies ``implied``; 404 if none."""
        with self.store.lock:
            rule = self.get_implied_role(prior_id, implied_id)
            self.store.delete(IMPLIED, rule["id"])
            prior = self.get_role(prior_id)
            if implied_id in prior.get("implies", []):
                self._set_list(ROLES, prior, "implies", remove=implied_id)

    def list_implied_rules(self) -> list[Record]:
        """Every inference rule."""
        return self.store.select(IMPLIED)

    def expand_roles(self, role_ids: Iterable[str]) -> list[str]:
        """``role_ids`` plus every role they imply, transitively."""
        seen: list[str] = []
        pending = list(role_ids)
        while pending:
            role_id = pending.pop(0)
            if role_id in seen:
                continue
            seen.append(role_id)
            pending.extend(self.implies(role_id))
        return seen

    # -- grants ------------------------------------------------------------

    def _actor(self, kind: str, actor_id: str) -> Record:
        return (
            self.get_user(actor_id)
            if kind == "user"
            else self.get_group(actor_id)
        )

    def _target(self, kind: str, target_id: str) -> None:
        if kind == "project":
            self.get_project(target_id)
        elif kind == "domain":
            self.get_domain(target_id)

    def _set_grant_roles(
        self, grant: Record, remove: str | None = None, add: str | None = None
    ) -> None:
        """Change a grant record's roles; drop the record when empty."""
        role_ids = [r for r in grant["role_ids"] if r != remove]
        if add is not None and add not in role_ids:
            role_ids.append(add)
        if role_ids:
            self.store.update(GRANTS, grant["id"], role_ids=role_ids)
        else:
            self.store.delete(GRANTS, grant["id"])

    def grant(
        self,
        actor_kind: str,
        actor_id: str,
        target_kind: str,
        target_id: str,
        role_id: str,
    ) -> None:
        """Give a role to a user or group on a target (idempotent)."""
        with self.store.lock:
            self.get_role(role_id)
            self._actor(actor_kind, actor_id)
            self._target(target_kind, target_id)
            key = grant_id(actor_kind, actor_id, target_kind, target_id)
            grant = self.store.get(GRANTS, key)
            if grant is None:
                self.store.insert(
                    GRANTS,
                    {
                        "id": key,
                        "actor_kind": actor_kind,
                        "actor_id": actor_id,
                        "target_kind": target_kind,
                        "target_id": target_id,
                        "role_ids": [role_id],
                    },
                )
            elif role_id not in grant["role_ids"]:
                self._set_grant_roles(grant, add=role_id)

    def check_grant(
        self,
        actor_kind: str,
        actor_id: str,
        target_kind: str,
        target_id: str,
        role_id: str,
    ) -> Record:
        """The grant record holding the role; 404 unless granted directly."""
        self.get_role(role_id)
        self._actor(actor_kind, actor_id)
        self._target(target_kind, target_id)
        key = grant_id(actor_kind, actor_id, target_kind, target_id)
        grant = self.store.get(GRANTS, key)
        if grant is None or role_id not in grant["role_ids"]:
            raise faults.NotFound(
                f"Could not find role assignment with role: {role_id}, "
                f"user or group: {actor_id}, project, domain, or system: "
                f"{target_id}."
            )
        return grant

    def revoke(
        self,
        actor_kind: str,
        actor_id: str,
        target_kind: str,
        target_id: str,
        role_id: str,
    ) -> None:
        """Take a role back; 404 if it was not granted."""
        with self.store.lock:
            grant = self.check_grant(
                actor_kind, actor_id, target_kind, target_id, role_id
            )
            self._set_grant_roles(grant, remove=role_id)

    def grants_for(
        self, actor_kind: str, actor_id: str, target_kind: str, target_id: str
    ) -> list[str]:
        """The role ids granted directly to an actor on a target."""
        grant = self.store.get(
            GRANTS, grant_id(actor_kind, actor_id, target_kind, target_id)
        )
        return [] if grant is None else list(grant["role_ids"])

    def effective_roles(
        self, user_id: str, target_kind: str, target_id: str
    ) -> list[str]:
        """A user's role ids on a target: direct, via groups, implied."""
        user = self.store.get(USERS, user_id)
        if user is None:
            return []
        direct = self.grants_for("user", user_id, target_kind, target_id)
        for group_id in user.get("group_ids", []):
            direct += self.grants_for(
                "group", group_id, target_kind, target_id
            )
        return self.expand_roles(direct)

    def list_grants(self) -> list[Record]:
        """Every direct role assignment, one dict per granted role."""
        return [
            {
                "actor_kind": grant["actor_kind"],
                "actor_id": grant["actor_id"],
                "target_kind": grant["target_kind"],
                "target_id": grant["target_id"],
                "role_id": role_id,
            }
            for grant in self.store.select(GRANTS)
            for role_id in grant["role_ids"]
        ]

    def _drop_grants_on(self, target_kind: str, target_id: str) -> None:
        for grant in self.store.select(
            GRANTS,
            lambda row: (
                row["target_kind"] == target_kind
                and row["target_id"] == target_id
            ),
        ):
            self.store.delete(GRANTS, grant["id"])

    def _drop_grants_of(self, actor_kind: str, actor_id: str) -> None:
        for grant in self.store.select(
            GRANTS,
            lambda row: (
                row["actor_kind"] == actor_kind and row["actor_id"] == actor_id
            ),
        ):
            self.store.delete(GRANTS, grant["id"])
