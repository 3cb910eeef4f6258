"""Plays manila/quota.py: quota limits and usages, enforced on create.

Usages are Manila's usage rows with reservations
(:mod:`fake_server.share_api.quota_usages`): ``reserve`` checks and
holds, ``commit`` or ``rollback`` settle, so a check is O(1). Limits
come from per-user or per-share-type overrides, then the project's
overrides, then the ``default`` quota class, then the configured
defaults. ``-1`` means unlimited.

Records: ``quota_overrides`` ``{id, project_id, user_id, share_type_id,
limits}`` keyed ``project``, ``project:user:USER`` or
``project:type:TYPE_ID``; ``quota_classes`` ``{id: class name, limits}``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from fake_server import errors, policy
from fake_server.context import Context
from fake_server.share_api import quota_usages

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

#: every quota resource Manila registers, in its order
RESOURCES = (
    "shares",
    "snapshots",
    "gigabytes",
    "per_share_gigabytes",
    "snapshot_gigabytes",
    "share_networks",
    "share_groups",
    "share_group_snapshots",
    "share_replicas",
    "replica_gigabytes",
    "backups",
    "backup_gigabytes",
    "encryption_keys",
)
#: Manila's built-in defaults (config ``[quotas]`` overrides them)
BUILTIN_DEFAULTS = {
    "shares": 50,
    "snapshots": 50,
    "gigabytes": 1000,
    "per_share_gigabytes": -1,
    "snapshot_gigabytes": 1000,
    "share_networks": 10,
    "share_groups": 50,
    "share_group_snapshots": 50,
    "share_replicas": 100,
    "replica_gigabytes": 1000,
    "backups": 10,
    "backup_gigabytes": 1000,
    "encryption_keys": 100,
}

#: quotas that cannot be set per share type
_NOT_PER_TYPE = ("share_networks",)


def override_id(
    project_id: str,
    user_id: str | None = None,
    share_type_id: str | None = None,
) -> str:
    """The ``quota_overrides`` id of a project, user or share type scope."""
    if user_id:
        return f"{project_id}:user:{user_id}"
    if share_type_id:
        return f"{project_id}:type:{share_type_id}"
    return project_id


def _overrides(cloud: Cloud, record_id: str) -> dict[str, Any]:
    record = cloud.store.get("quota_overrides", record_id)
    return dict(record["limits"]) if record else {}


def default_limits(cloud: Cloud) -> dict[str, int]:
    """The defaults: the ``default`` quota class over the configuration."""
    klass = cloud.store.get("quota_classes", "default")
    class_limits = klass["limits"] if klass else {}
    return {
        key: int(
            class_limits.get(
                key, cloud.config.quotas.get(key, BUILTIN_DEFAULTS[key])
            )
        )
        for key in RESOURCES
    }


def class_limits(cloud: Cloud, name: str) -> dict[str, int]:
    """A quota class: its values over the configured defaults."""
    klass = cloud.store.get("quota_classes", name)
    values = klass["limits"] if klass else {}
    return {
        key: int(
            values.get(
                key, cloud.config.quotas.get(key, BUILTIN_DEFAULTS[key])
            )
        )
        for key in RESOURCES
    }


def limits_for(
    cloud: Cloud,
    project_id: str,
    user_id: str | None = None,
    share_type_id: str | None = None,
) -> dict[str, int]:
    """The limits of a project, or of one of its users or share types."""
    result = default_limits(cloud)
    result.update(
        {k: int(v) for k, v in _overrides(cloud, project_id).items()}
    )
    if user_id or share_type_id:
        sub = _overrides(
            cloud, override_id(project_id, user_id, share_type_id)
        )
        result.update({k: int(v) for k, v in sub.items()})
    return result


def limit(
    cloud: Cloud, project_id: str, key: str, share_type_id: str | None = None
) -> int:
    """The limit of ``key`` for a project (or a project's share type)."""
    return limits_for(cloud, project_id, share_type_id=share_type_id)[key]


def _book(cloud: Cloud) -> quota_usages.Book:
    return cloud.quota_book


def usage(
    cloud: Cloud,
    project_id: str,
    key: str,
    share_type_id: str | None = None,
    user_id: str | None = None,
) -> int:
    """How much of ``key`` a project (or a user, or a type) uses: the
    ``in_use`` of its usage row (O(1), whatever the cloud's size)."""
    scope = quota_usages.scope_of(user_id, share_type_id)
    return _book(cloud).in_use((project_id, scope, key))


def usages(
    cloud: Cloud,
    project_id: str,
    user_id: str | None = None,
    share_type_id: str | None = None,
) -> dict[str, int]:
    """Every resource's usage in one scope."""
    return {
        key: usage(cloud, project_id, key, share_type_id, user_id)
        for key in RESOURCES
    }


def reserved(
    cloud: Cloud,
    project_id: str,
    user_id: str | None = None,
    share_type_id: str | None = None,
) -> dict[str, int]:
    """Every resource's ``reserved`` amount in one scope."""
    scope = quota_usages.scope_of(user_id, share_type_id)
    book = _book(cloud)
    return {key: book.reserved((project_id, scope, key)) for key in RESOURCES}


def _total(cloud: Cloud, key: quota_usages.Key) -> int:
    """Manila's ``total``: in use plus reserved."""
    book = _book(cloud)
    return book.in_use(key) + book.reserved(key)


# -- enforcement -------------------------------------------------------------

#: resource -> (exception name, message) when it is over quota; in the
#: order Manila's callers test them
_OVER_MESSAGES = (
    (
        "gigabytes",
        "ShareSizeExceedsAvailableQuota",
        "Requested share exceeds allowed project/user or share type "
        "gigabytes quota.",
    ),
    (
        "shares",
        "ShareLimitExceeded",
        "Maximum number of shares allowed ({allowed}) either per "
        "project/user or share type quota is exceeded.",
    ),
    (
        "snapshot_gigabytes",
        "SnapshotSizeExceedsAvailableQuota",
        "Requested snapshot exceeds allowed project/user or share type "
        "gigabytes quota.",
    ),
    (
        "snapshots",
        "SnapshotLimitExceeded",
        "Maximum number of snapshots allowed ({allowed}) either per "
        "project/user or share type quota is exceeded.",
    ),
    (
        "share_networks",
        "ShareNetworksLimitExceeded",
        "Maximum number of share-networks allowed ({allowed}) exceeded.",
    ),
    (
        "share_replicas",
        "ShareReplicasLimitExceeded",
        "Maximum number of allowed share-replicas is exceeded.",
    ),
    (
        "replica_gigabytes",
        "ShareReplicaSizeExceedsAvailableQuota",
        "Requested share replica exceeds allowed project/user or share type "
        "gigabytes quota.",
    ),
)


class QuotaExceeded(errors.OverLimit):
    """Manila's OverQuota as its callers see it: a 413 that also says
    which resources went over (``overs``), for callers that pick their
    own error by resource as Manila's do."""

    def __init__(self, message: str, overs: list[str]) -> None:
        """A 413 with ``message``; ``overs`` are the resources over quota."""
        super().__init__(message)
        self.overs = overs


def over_quota(overs: list[str], quotas: dict[str, int]) -> QuotaExceeded:
    """Manila's 413 for the resources in ``overs``.

    Manila's QuotaError subclasses are "safe" exceptions that reach its
    fault wrapper, which prefixes the exception class name.
    """
    for key, name, text in _OVER_MESSAGES:
        if key in overs:
            message = text.format(allowed=quotas.get(key))
            return QuotaExceeded(f"{name}: {message}", overs)
    return QuotaExceeded(
        f"Quota exceeded for resources: {sorted(overs)}.", overs
    )


def check(
    cloud: Cloud,
    project_id: str,
    deltas: dict[str, int],
    share_type_id: str | None = None,
    user_id: str | None = None,
) -> None:
    """Raise Manila's 413 if adding ``deltas`` would exceed a quota.

    ``per_share_gigabytes`` is a size limit (the project's), checked
    first; every other key is checked as Manila's ``_quota_reserve``
    does: against the project and the user's quotas, then against the
    project and the share type's quotas, counting what is in use and
    what is reserved.
    """
    deltas = dict(deltas)
    per_share = deltas.pop("per_share_gigabytes", None)
    if per_share:
        allowed = limits_for(cloud, project_id)["per_share_gigabytes"]
        if 0 <= allowed < per_share:
            raise errors.OverLimit(
                f"ShareSizeExceedsLimit: Requested share size {per_share} "
                f"is larger than maximum allowed limit {allowed}."
            )
    deltas = {k: v for k, v in deltas.items() if k in RESOURCES}
    project = limits_for(cloud, project_id)
    scopes: list[tuple[str | None, str | None]] = [(user_id, None)]
    if share_type_id is not None:
        scopes.append((None, share_type_id))
    for scope_user, scope_type in scopes:
        sub = limits_for(cloud, project_id, scope_user, scope_type)
        scope = quota_usages.scope_of(scope_user, scope_type)
        overs = []
        for key, delta in deltas.items():
            if delta <= 0 or sub[key] < 0:
                continue
            if scope_type is not None and key not in quota_usages.TYPED:
                continue
            project_used = _total(cloud, (project_id, "", key))
            sub_used = _total(cloud, (project_id, scope, key))
            if (0 <= project[key] < delta + project_used) or (
                sub[key] < delta + sub_used
            ):
                overs.append(key)
        if overs:
            raise over_quota(sorted(overs), sub)


def reserve(
    cloud: Cloud,
    project_id: str,
    deltas: dict[str, int],
    share_type_id: str | None = None,
    user_id: str | None = None,
    overquota_allowed: bool = False,
) -> list[str]:
    """Manila's ``QUOTAS.reserve``: check, then hold ``deltas``.

    :returns: The reservation ids, for :func:`commit` or
        :func:`rollback`.
    :raises errors.OverLimit: Over a quota (unless allowed).
    """
    with cloud.store.lock:
        if not overquota_allowed:
            check(cloud, project_id, deltas, share_type_id, user_id)
        kept = {k: v for k, v in deltas.items() if k in RESOURCES and v}
        return _book(cloud).reserve(project_id, kept, user_id, share_type_id)


def commit(cloud: Cloud, reservations: list[str]) -> None:
    """Manila's ``QUOTAS.commit``."""
    _book(cloud).commit(reservations)


def rollback(cloud: Cloud, reservations: list[str]) -> None:
    """Manila's ``QUOTAS.rollback``."""
    _book(cloud).rollback(reservations)


@contextlib.contextmanager
def reservation(
    cloud: Cloud,
    project_id: str,
    deltas: dict[str, int],
    share_type_id: str | None = None,
    user_id: str | None = None,
    overquota_allowed: bool = False,
) -> Iterator[list[str]]:
    """Reserve ``deltas``, run the block (the records it counts change
    there), then commit; roll back if the block raises.

    The store lock is held throughout, so the check, the record change
    and the commit are one step for every other request.
    """
    with cloud.store.lock:
        ids = reserve(
            cloud,
            project_id,
            deltas,
            share_type_id,
            user_id,
            overquota_allowed,
        )
        try:
            yield ids
        except BaseException:
            rollback(cloud, ids)
            raise
        commit(cloud, ids)


def hold(
    cloud: Cloud, table: str, record_id: str, reservations: list[str]
) -> None:
    """Tie reservations to a record's transitional status: when the
    record leaves the status it has now, they are settled, committed if
    the change took effect (the record's change moved ``in_use``) or
    rolled back (Manila passes them to the share manager, which commits
    on success and rolls back on error)."""
    _book(cloud).hold(table, record_id, reservations)


# -- the quota API ---------------------------------------------------------


def _type_id(cloud: Cloud, ctx: Context, ref: str | None) -> str | None:
    if not ref:
        return None
    from fake_server.share_api import types

    share_type = types.by_name_or_id(cloud, ctx, ref)
    if share_type is None:
        raise errors.NotFound(f"Share type with name or id '{ref}' not found.")
    return str(share_type["id"])


def _exclusive(user_id: str | None, share_type: str | None) -> None:
    if user_id and share_type:
        raise errors.BadRequest(
            "'user_id' and 'share_type' values are mutually exclusive"
        )


def show(
    cloud: Cloud,
    ctx: Context,
    project_id: str,
    user_id: str | None = None,
    share_type: str | None = None,
    detail: bool = False,
) -> tuple[dict[str, Any], str | None]:
    """GET /quota-sets/{project}[/detail]: limits (and usages).

    :returns: The quota set and the share type id it is scoped to.
    """
    policy.authorize(ctx, "quota_set:show", project_id)
    if not ctx.is_admin and project_id != ctx.project_id:
        raise errors.Forbidden()
    share_type_id = _type_id(cloud, ctx, share_type)
    _exclusive(user_id, share_type_id)
    limits = limits_for(cloud, project_id, user_id, share_type_id)
    if not detail:
        return dict(limits), share_type_id
    used = usages(cloud, project_id, user_id, share_type_id)
    held = reserved(cloud, project_id, user_id, share_type_id)
    return {
        key: {
            "limit": limits[key],
            "in_use": used[key],
            "reserved": held[key],
        }
        for key in RESOURCES
    }, share_type_id


def defaults(cloud: Cloud, ctx: Context, project_id: str) -> dict[str, int]:
    """GET /quota-sets/{project}/defaults."""
    policy.authorize(ctx, "quota_set:show", project_id)
    return default_limits(cloud)


def _settable(
    cloud: Cloud,
    project_id: str,
    user_id: str | None,
    share_type_id: str | None,
) -> dict[str, tuple[int, int]]:
    """Manila's get_settable_quotas: key -> (minimum, maximum)."""
    project = limits_for(cloud, project_id)
    result = {}
    if user_id or share_type_id:
        used = usages(cloud, project_id, user_id, share_type_id)
        for key in RESOURCES:
            result[key] = (used[key], project[key])
        return result
    used = usages(cloud, project_id)
    user_limits = [
        o["limits"]
        for o in cloud.store.select(
            "quota_overrides",
            lambda o: (
                o.get("project_id") == project_id and bool(o.get("user_id"))
            ),
        )
    ]
    for key in RESOURCES:
        granted = sum(int(u.get(key, 0)) for u in user_limits)
        result[key] = (max(granted, used[key]), -1)
    return result


def _check_limit(value: int, minimum: int, maximum: int, force: bool) -> None:
    if value < -1:
        raise errors.BadRequest("Quota limit must be -1 or greater.")
    if (value < minimum and not force) and (
        maximum != -1 or (maximum == -1 and value != -1)
    ):
        raise errors.BadRequest(f"Quota limit must be greater than {minimum}.")
    if maximum != -1 and value > maximum and not force:
        raise errors.BadRequest(f"Quota limit must be less than {maximum}.")


def _int_quota(key: str, value: Any) -> int:
    try:
        if isinstance(value, (dict, list)):
            raise TypeError(value)
        return int(value)
    except (TypeError, ValueError) as exc:
        raise errors.BadRequest(
            f"Quota '{value}' for {key} should be integer."
        ) from exc


def _loose_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "t", "true", "on", "y", "yes")


def update(
    cloud: Cloud,
    ctx: Context,
    project_id: str,
    body: dict[str, Any],
    user_id: str | None = None,
    share_type: str | None = None,
) -> tuple[dict[str, int], str | None]:
    """PUT /quota-sets/{project}: Manila's checks, then store the limits.

    :returns: The new limits of the scope and its share type id.
    """
    policy.authorize(ctx, "quota_set:update", project_id)
    if all(body.get(key) is None for key in RESOURCES):
        raise errors.BadRequest(
            "Must supply at least one quota field to update."
        )
    _exclusive(user_id, share_type)
    share_type_id = _type_id(cloud, ctx, share_type)
    if share_type and body.get(
        "share_groups", body.get("share_group_snapshots")
    ):
        raise errors.BadRequest(
            "Share type quotas cannot constrain share groups and share "
            "group snapshots."
        )
    force = False
    bad_keys = []
    for key, value in body.items():
        if key in _NOT_PER_TYPE and share_type_id:
            raise errors.BadRequest(
                "'share_networks' quota cannot be set for share type. It "
                "can be set only for project or user."
            )
        if key not in RESOURCES and key not in (
            "tenant_id",
            "id",
            "force",
            "share_type",
        ):
            bad_keys.append(key)
        elif key == "force":
            force = _loose_bool(value)
        elif key in RESOURCES and value:
            _int_quota(key, value)
    if bad_keys:
        raise errors.BadRequest(
            f"Bad key(s) {','.join(bad_keys)} in quota_set."
        )
    with cloud.store.lock:
        current = limits_for(cloud, project_id, user_id, share_type_id)
        used = usages(cloud, project_id, user_id, share_type_id)
        settable = _settable(cloud, project_id, user_id, share_type_id)
        new: dict[str, int] = {}
        for key, raw in body.items():
            if key not in RESOURCES or (not raw and raw != 0):
                continue
            value = _int_quota(key, raw)
            if (
                not force
                and value >= 0
                and current[key] >= 0
                and (used[key] > value)
            ):
                raise errors.BadRequest(
                    f"Quota value {value} for {key} is smaller than "
                    f"already used and reserved {used[key]}."
                )
            minimum, maximum = settable[key]
            _check_limit(value, minimum, maximum, force)
            new[key] = value
        record_id = override_id(project_id, user_id, share_type_id)
        record = cloud.store.get("quota_overrides", record_id)
        if record is None:
            cloud.store.insert(
                "quota_overrides",
                {
                    "id": record_id,
                    "project_id": project_id,
                    "user_id": user_id,
                    "share_type_id": share_type_id,
                    "limits": new,
                },
            )
        else:
            merged = dict(record["limits"])
            merged.update(new)
            cloud.store.update("quota_overrides", record_id, limits=merged)
    return limits_for(cloud, project_id, user_id, share_type_id), share_type_id


def delete(
    cloud: Cloud,
    ctx: Context,
    project_id: str,
    user_id: str | None = None,
    share_type: str | None = None,
) -> None:
    """DELETE /quota-sets/{project}: back to the defaults."""
    policy.authorize(ctx, "quota_set:delete", project_id)
    _exclusive(user_id, share_type)
    with cloud.store.lock:
        if user_id:
            cloud.store.delete(
                "quota_overrides", override_id(project_id, user_id)
            )
            return
        if share_type:
            share_type_id = _type_id(cloud, ctx, share_type)
            cloud.store.delete(
                "quota_overrides",
                override_id(project_id, share_type_id=share_type_id),
            )
            return
        for record in cloud.store.select(
            "quota_overrides",
            lambda o: o.get("project_id", o["id"]) == project_id,
        ):
            cloud.store.delete("quota_overrides", record["id"])


# -- quota classes ---------------------------------------------------------


def show_class(cloud: Cloud, ctx: Context, name: str) -> dict[str, int]:
    """GET /quota-class-sets/{class}; non-admins have no class: 403."""
    policy.authorize(ctx, "quota_class_set:show")
    if not ctx.is_admin:
        raise errors.Forbidden()
    return class_limits(cloud, name)


def update_class(
    cloud: Cloud, ctx: Context, name: str, values: dict[str, Any]
) -> dict[str, int]:
    """PUT /quota-class-sets/{class}: known keys only, integers."""
    policy.authorize(ctx, "quota_class_set:update")
    new = {}
    for key, value in values.items():
        if key in RESOURCES:
            new[key] = _int_quota(key, value)
    with cloud.store.lock:
        record = cloud.store.get("quota_classes", name)
        if record is None:
            cloud.store.insert("quota_classes", {"id": name, "limits": new})
        else:
            merged = dict(record["limits"])
            merged.update(new)
            cloud.store.update("quota_classes", name, limits=merged)
    return class_limits(cloud, name)
