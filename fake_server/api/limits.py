"""Plays manila/api/v2/limits.py and views/limits.py: GET /limits.

Absolute limits are the caller's project quotas and usages; there are
no rate limits (Manila's default, ``"rate": []``).
"""

from __future__ import annotations

from typing import Any

from fake_server import policy
from fake_server.api.wsgi import ApiRequest, Reply
from fake_server.share_api import quotas as quota_api

#: (since, quota key, limit name, usage name)
_NAMES = (
    ("2.0", "gigabytes", "maxTotalShareGigabytes", "totalShareGigabytesUsed"),
    (
        "2.0",
        "snapshot_gigabytes",
        "maxTotalSnapshotGigabytes",
        "totalSnapshotGigabytesUsed",
    ),
    ("2.0", "shares", "maxTotalShares", "totalSharesUsed"),
    ("2.0", "snapshots", "maxTotalShareSnapshots", "totalShareSnapshotsUsed"),
    (
        "2.0",
        "share_networks",
        "maxTotalShareNetworks",
        "totalShareNetworksUsed",
    ),
    (
        "2.53",
        "share_replicas",
        "maxTotalShareReplicas",
        "totalShareReplicasUsed",
    ),
    (
        "2.53",
        "replica_gigabytes",
        "maxTotalReplicaGigabytes",
        "totalReplicaGigabytesUsed",
    ),
    ("2.58", "share_groups", "maxTotalShareGroups", "totalShareGroupsUsed"),
    (
        "2.58",
        "share_group_snapshots",
        "maxTotalShareGroupSnapshots",
        "totalShareGroupSnapshotsUsed",
    ),
    ("2.80", "backups", "maxTotalShareBackups", "totalShareBackupsUsed"),
    (
        "2.80",
        "backup_gigabytes",
        "maxTotalBackupGigabytes",
        "totalBackupGigabytesUsed",
    ),
)


def index(req: ApiRequest) -> Reply:
    """GET /limits (any authenticated caller)."""
    policy.authorize(req.ctx, "limits:index")
    project_id = req.ctx.project_id
    limits = quota_api.limits_for(req.cloud, project_id)
    used = quota_api.usages(req.cloud, project_id)
    absolute: dict[str, Any] = {}
    for since, key, limit_name, used_name in _NAMES:
        if req.ctx.version < since:
            continue
        absolute[limit_name] = limits[key]
        absolute[used_name] = used[key]
    return Reply(200, {"limits": {"rate": [], "absolute": absolute}})
