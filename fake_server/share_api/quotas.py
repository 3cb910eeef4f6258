"""Plays manila/quota.py: quota limits and usages, enforced on create.

Usages are counted from the store (no reservations to leak). Limits come
from per-project (and per-share-type) overrides, then quota classes,
then the configured defaults. ``-1`` means unlimited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fake_server import errors

if TYPE_CHECKING:
    from fake_server.cloud import Cloud

#: quota key -> (table, what is counted: None = records, else a size key)
USAGE: dict[str, tuple[str, str | None]] = {
    "shares": ("shares", None),
    "gigabytes": ("shares", "size"),
    "snapshots": ("snapshots", None),
    "snapshot_gigabytes": ("snapshots", "size"),
    "share_networks": ("share_networks", None),
}


def limit(
    cloud: Cloud, project_id: str, key: str, share_type_id: str | None = None
) -> int:
    """The limit of ``key`` for a project (or a project's share type)."""
    if share_type_id is not None:
        override = cloud.store.get(
            "quota_overrides", f"{project_id}:type:{share_type_id}"
        )
        if override and key in override["limits"]:
            return int(override["limits"][key])
    override = cloud.store.get("quota_overrides", project_id)
    if override and key in override["limits"]:
        return int(override["limits"][key])
    klass = cloud.store.get("quota_classes", "default")
    if klass and key in klass["limits"]:
        return int(klass["limits"][key])
    return int(cloud.config.quotas.get(key, -1))


def usage(
    cloud: Cloud, project_id: str, key: str, share_type_id: str | None = None
) -> int:
    """How much of ``key`` a project (or one of its share types) uses."""
    if key not in USAGE:
        return 0
    table, size_key = USAGE[key]

    def counts(record: dict[str, object]) -> bool:
        if record.get("project_id") != project_id:
            return False
        if share_type_id is not None and record.get(
            "share_type_id"
        ) != share_type_id:
            return False
        return record.get("status") not in ("deleted",)

    rows = cloud.store.select(table, counts)
    if size_key is None:
        return len(rows)
    return sum(int(r.get(size_key) or 0) for r in rows)


def check(
    cloud: Cloud,
    project_id: str,
    deltas: dict[str, int],
    share_type_id: str | None = None,
) -> None:
    """Raise Manila's 413 if adding ``deltas`` would exceed a quota."""
    scopes: list[str | None] = [None]
    if share_type_id is not None:
        scopes.append(share_type_id)
    for scope in scopes:
        for key, delta in deltas.items():
            if delta <= 0:
                continue
            allowed = limit(cloud, project_id, key, scope)
            if allowed < 0:
                continue
            used = usage(cloud, project_id, key, scope)
            if used + delta <= allowed:
                continue
            raise _exceeded(key, allowed, used, delta)
    per_share = deltas.get("per_share_gigabytes")
    if per_share:
        allowed = limit(cloud, project_id, "per_share_gigabytes")
        if 0 <= allowed < per_share:
            raise errors.OverLimit(
                f"Requested share size {per_share} is larger than the "
                f"maximum allowed size {allowed}GB per share."
            )


def _exceeded(key: str, allowed: int, used: int, delta: int) -> errors.Fault:
    if key == "gigabytes":
        return errors.OverLimit(
            "Requested share exceeds allowed project/user or share type "
            "gigabytes quota."
        )
    if key == "shares":
        return errors.OverLimit(
            f"Maximum number of shares allowed ({allowed}) either per "
            "project/user or share type quota is exceeded."
        )
    if key == "snapshot_gigabytes":
        return errors.OverLimit(
            "Requested snapshot exceeds allowed project/user or share type "
            "gigabytes quota."
        )
    if key == "snapshots":
        return errors.OverLimit(
            f"Maximum number of snapshots allowed ({allowed}) either per "
            "project/user or share type quota is exceeded."
        )
    if key == "share_networks":
        return errors.OverLimit(
            f"Maximum number of share-networks allowed ({allowed}) "
            "exceeded."
        )
    return errors.OverLimit(
        f"Quota exceeded for resources: ['{key}']."
    )
