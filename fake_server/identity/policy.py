"""Plays keystone/common/policies: Keystone 30's default policy rules.

Each rule is Keystone's check string written as a Python predicate over
the caller's credentials (:class:`Creds`, built from the token: effective
role names, system scope, domain scope, project and its domain) and the
target (the resource's domain, project, user or group ids). ``admin``
on any scope is ``rule:admin_required``, as in Keystone 30.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fake_server.identity import faults


@dataclass(frozen=True)
class Creds:
    """What oslo.policy sees of the caller (from its token)."""

    user_id: str
    user_domain_id: str
    roles: frozenset[str] = field(default_factory=frozenset)
    system: bool = False
    domain_id: str | None = None
    project_id: str | None = None
    project_domain_id: str | None = None


Target = dict[str, Any]
Rule = Callable[[Creds, Target], bool]


def _admin(c: Creds, t: Target) -> bool:
    return "admin" in c.roles


def _system_reader(c: Creds, t: Target) -> bool:
    return "reader" in c.roles and c.system


def _role_in_domain(role: str, key: str) -> Rule:
    """``role:<role> and domain_id:%(<key>)s`` (domain-scoped callers)."""

    def check(c: Creds, t: Target) -> bool:
        return (
            role in c.roles
            and c.domain_id is not None
            and c.domain_id == t.get(key)
        )

    return check


def _any(*rules: Rule) -> Rule:
    def check(c: Creds, t: Target) -> bool:
        return any(rule(c, t) for rule in rules)

    return check


def _owner(key: str) -> Rule:
    def check(c: Creds, t: Target) -> bool:
        return c.user_id == t.get(key)

    return check


def _project_user(c: Creds, t: Target) -> bool:
    return c.project_id is not None and c.project_id == t.get("project.id")


def _token_domain_user(c: Creds, t: Target) -> bool:
    domain = t.get("domain.id")
    return domain is not None and domain in (c.domain_id, c.project_domain_id)


def _service(c: Creds, t: Target) -> bool:
    return "service" in c.roles


_ADMIN_OR_SYSTEM_READER = _any(_admin, _system_reader)
_DOMAIN_MANAGER_ROLE_NAMES = ("manager", "member", "reader")


def _domain_manager_grant(c: Creds, t: Target) -> bool:
    """GRANTS_DOMAIN_MANAGER and domain_managed_target_role."""
    if "manager" not in c.roles or c.domain_id is None:
        return False
    if t.get("role.name") not in _DOMAIN_MANAGER_ROLE_NAMES:
        return False
    actor_domain = t.get("user.domain_id") or t.get("group.domain_id")
    target_domain = t.get("project.domain_id") or t.get("domain.id")
    return actor_domain == c.domain_id and target_domain == c.domain_id


def _domain_admin_grant(c: Creds, t: Target) -> bool:
    """GRANTS_DOMAIN_ADMIN and DOMAIN_MATCHES_ROLE."""
    if "admin" not in c.roles or c.domain_id is None:
        return False
    actor_domain = t.get("user.domain_id") or t.get("group.domain_id")
    target_domain = t.get("project.domain_id") or t.get("domain.id")
    role_domain = t.get("role.domain_id")
    return (
        actor_domain == c.domain_id
        and target_domain == c.domain_id
        and role_domain in (None, c.domain_id)
    )


def _domain_reader_grant(c: Creds, t: Target) -> bool:
    if "reader" not in c.roles or c.domain_id is None:
        return False
    actor_domain = t.get("user.domain_id") or t.get("group.domain_id")
    target_domain = t.get("project.domain_id") or t.get("domain.id")
    return actor_domain == c.domain_id and target_domain == c.domain_id


RULES: dict[str, Rule] = {
    # domains
    "identity:get_domain": _any(_admin, _system_reader, _token_domain_user),
    "identity:list_domains": _any(
        _ADMIN_OR_SYSTEM_READER, _role_in_domain("reader", "domain.id")
    ),
    "identity:create_domain": _admin,
    "identity:update_domain": _admin,
    "identity:delete_domain": _admin,
    # projects
    "identity:get_project": _any(
        _admin,
        _system_reader,
        _role_in_domain("reader", "project.domain_id"),
        _project_user,
    ),
    "identity:list_projects": _any(
        _ADMIN_OR_SYSTEM_READER, _role_in_domain("reader", "domain_id")
    ),
    "identity:list_user_projects": _any(
        _ADMIN_OR_SYSTEM_READER,
        _role_in_domain("reader", "user.domain_id"),
        _owner("user.id"),
    ),
    "identity:create_project": _any(
        _admin, _role_in_domain("manager", "project.domain_id")
    ),
    "identity:update_project": _any(
        _admin, _role_in_domain("manager", "project.domain_id")
    ),
    "identity:delete_project": _any(
        _admin, _role_in_domain("manager", "project.domain_id")
    ),
    # users
    "identity:get_user": _any(
        _ADMIN_OR_SYSTEM_READER,
        _role_in_domain("reader", "user.domain_id"),
        _owner("user.id"),
    ),
    "identity:list_users": _any(
        _ADMIN_OR_SYSTEM_READER, _role_in_domain("reader", "domain_id")
    ),
    "identity:create_user": _any(
        _admin, _role_in_domain("manager", "user.domain_id")
    ),
    "identity:update_user": _any(
        _admin, _role_in_domain("manager", "user.domain_id")
    ),
    "identity:delete_user": _any(
        _admin, _role_in_domain("manager", "user.domain_id")
    ),
    # groups
    "identity:get_group": _any(
        _ADMIN_OR_SYSTEM_READER, _role_in_domain("reader", "group.domain_id")
    ),
    "identity:list_groups": _any(
        _ADMIN_OR_SYSTEM_READER, _role_in_domain("reader", "group.domain_id")
    ),
    "identity:list_groups_for_user": _any(
        _ADMIN_OR_SYSTEM_READER,
        _role_in_domain("reader", "user.domain_id"),
        _owner("user.id"),
    ),
    "identity:create_group": _any(
        _admin, _role_in_domain("manager", "group.domain_id")
    ),
    "identity:update_group": _any(
        _admin, _role_in_domain("manager", "group.domain_id")
    ),
    "identity:delete_group": _any(
        _admin, _role_in_domain("manager", "group.domain_id")
    ),
    "identity:list_users_in_group": _any(
        _ADMIN_OR_SYSTEM_READER, _role_in_domain("reader", "group.domain_id")
    ),
    "identity:check_user_in_group": _any(
        _ADMIN_OR_SYSTEM_READER, _role_in_domain("reader", "group.domain_id")
    ),
    "identity:add_user_to_group": _any(
        _admin, _role_in_domain("manager", "group.domain_id")
    ),
    "identity:remove_user_from_group": _any(
        _admin, _role_in_domain("manager", "group.domain_id")
    ),
    # roles and implied roles
    "identity:get_role": _any(
        _ADMIN_OR_SYSTEM_READER,
        lambda c, t: (
            "manager" in c.roles
            and t.get("role.name") in _DOMAIN_MANAGER_ROLE_NAMES
        ),
    ),
    "identity:list_roles": _any(
        _ADMIN_OR_SYSTEM_READER,
        lambda c, t: "manager" in c.roles and c.domain_id is not None,
    ),
    "identity:create_role": _admin,
    "identity:update_role": _admin,
    "identity:delete_role": _admin,
    "identity:list_implied_roles": _ADMIN_OR_SYSTEM_READER,
    "identity:check_implied_role": _ADMIN_OR_SYSTEM_READER,
    "identity:create_implied_role": _admin,
    "identity:delete_implied_role": _admin,
    "identity:list_role_inference_rules": _ADMIN_OR_SYSTEM_READER,
    # grants
    "identity:check_grant": _any(
        _ADMIN_OR_SYSTEM_READER, _domain_reader_grant
    ),
    "identity:list_grants": _any(
        _ADMIN_OR_SYSTEM_READER, _domain_reader_grant
    ),
    "identity:create_grant": _any(
        _admin, _domain_admin_grant, _domain_manager_grant
    ),
    "identity:revoke_grant": _any(
        _admin, _domain_admin_grant, _domain_manager_grant
    ),
    "identity:list_system_grants_for_user": _ADMIN_OR_SYSTEM_READER,
    "identity:check_system_grant_for_user": _ADMIN_OR_SYSTEM_READER,
    "identity:create_system_grant_for_user": _admin,
    "identity:revoke_system_grant_for_user": _admin,
    "identity:list_system_grants_for_group": _ADMIN_OR_SYSTEM_READER,
    "identity:check_system_grant_for_group": _ADMIN_OR_SYSTEM_READER,
    "identity:create_system_grant_for_group": _admin,
    "identity:revoke_system_grant_for_group": _admin,
    "identity:list_role_assignments": _any(
        _ADMIN_OR_SYSTEM_READER, _role_in_domain("reader", "domain_id")
    ),
    # tokens
    "identity:check_token": _any(
        _admin, _system_reader, _owner("token.user_id")
    ),
    "identity:validate_token": _any(
        _admin, _system_reader, _service, _owner("token.user_id")
    ),
    "identity:revoke_token": _any(_admin, _owner("token.user_id")),
    # application credentials
    "identity:get_application_credential": _any(
        _ADMIN_OR_SYSTEM_READER, _owner("user_id")
    ),
    "identity:list_application_credentials": _any(
        _ADMIN_OR_SYSTEM_READER, _owner("user_id")
    ),
    "identity:create_application_credential": _owner("user_id"),
    "identity:delete_application_credential": _any(_admin, _owner("user_id")),
}


def allowed(action: str, creds: Creds, target: Target | None = None) -> bool:
    """Whether Keystone's default rule for ``action`` lets ``creds`` in."""
    return RULES[action](creds, target or {})


def enforce(action: str, creds: Creds, target: Target | None = None) -> None:
    """403 ``You are not authorized ...: <action>.`` unless allowed."""
    if not allowed(action, creds, target):
        raise faults.Forbidden.action(action)
