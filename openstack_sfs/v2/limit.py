"""Limits (Manila v2): ``GET /limits``.

Plays ``manila/api/v2/limits.py`` and ``manila/api/views/limits.py``.
Manila answers ``{"limits": {"rate": [...], "absolute": {...}}}``; the
absolute limits are lifted to attributes named as on the wire (and as in
openstacksdk), for example :attr:`Limit.maxTotalShares`.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from openstack import resource

from openstack_sfs.v2 import _base


class Limit(_base.ManilaResource):
    """The project's absolute limits and usage, and the rate limits."""

    resource_key = "limits"
    resources_key = "limits"
    base_path = "/limits"

    _query_mapping = resource.QueryParameters(
        include_pagination_defaults=False
    )

    requires_id = False

    allow_create = False
    allow_fetch = True
    allow_commit = False
    allow_delete = False
    allow_list = True
    allow_head = False

    _max_microversion = "2.80"

    #: The absolute limits as sent, a dict of name to number.
    absolute = resource.Body("absolute", type=dict)
    #: Backup gigabytes allowed (2.80).
    maxTotalBackupGigabytes = resource.Body(
        "maxTotalBackupGigabytes", type=int
    )
    #: Replica gigabytes allowed (2.53).
    maxTotalReplicaGigabytes = resource.Body(
        "maxTotalReplicaGigabytes", type=int
    )
    #: Share backups allowed (2.80).
    maxTotalShareBackups = resource.Body("maxTotalShareBackups", type=int)
    #: Share gigabytes allowed.
    maxTotalShareGigabytes = resource.Body("maxTotalShareGigabytes", type=int)
    #: Share group snapshots allowed (2.58).
    maxTotalShareGroupSnapshots = resource.Body(
        "maxTotalShareGroupSnapshots", type=int
    )
    #: Share groups allowed (2.58).
    maxTotalShareGroups = resource.Body("maxTotalShareGroups", type=int)
    #: Share networks allowed.
    maxTotalShareNetworks = resource.Body("maxTotalShareNetworks", type=int)
    #: Share replicas allowed (2.53).
    maxTotalShareReplicas = resource.Body("maxTotalShareReplicas", type=int)
    #: Shares allowed.
    maxTotalShares = resource.Body("maxTotalShares", type=int)
    #: Share snapshots allowed.
    maxTotalShareSnapshots = resource.Body("maxTotalShareSnapshots", type=int)
    #: Snapshot gigabytes allowed.
    maxTotalSnapshotGigabytes = resource.Body(
        "maxTotalSnapshotGigabytes", type=int
    )
    #: Rate limits: a list of ``{"uri", "regex", "limit": [...]}``.
    rate = resource.Body("rate", type=list)
    #: Backup gigabytes in use (2.80).
    totalBackupGigabytesUsed = resource.Body(
        "totalBackupGigabytesUsed", type=int
    )
    #: Replica gigabytes in use (2.53).
    totalReplicaGigabytesUsed = resource.Body(
        "totalReplicaGigabytesUsed", type=int
    )
    #: Share backups in use (2.80).
    totalShareBackupsUsed = resource.Body("totalShareBackupsUsed", type=int)
    #: Share gigabytes in use.
    totalShareGigabytesUsed = resource.Body(
        "totalShareGigabytesUsed", type=int
    )
    #: Share group snapshots in use (2.58).
    totalShareGroupSnapshotsUsed = resource.Body(
        "totalShareGroupSnapshotsUsed", type=int
    )
    #: Share groups in use (2.58).
    totalShareGroupsUsed = resource.Body("totalShareGroupsUsed", type=int)
    #: Share networks in use.
    totalShareNetworksUsed = resource.Body("totalShareNetworksUsed", type=int)
    #: Share replicas in use (2.53).
    totalShareReplicasUsed = resource.Body("totalShareReplicasUsed", type=int)
    #: Share snapshots in use.
    totalShareSnapshotsUsed = resource.Body(
        "totalShareSnapshotsUsed", type=int
    )
    #: Shares in use.
    totalSharesUsed = resource.Body("totalSharesUsed", type=int)
    #: Snapshot gigabytes in use.
    totalSnapshotGigabytesUsed = resource.Body(
        "totalSnapshotGigabytesUsed", type=int
    )

    def _consume_body_attrs(
        self, attrs: MutableMapping[str, Any]
    ) -> dict[str, Any]:
        """Lift the entries of ``absolute`` to top-level attributes."""
        absolute = attrs.get("absolute")
        if isinstance(absolute, dict):
            for key, value in absolute.items():
                attrs.setdefault(key, value)
        return super()._consume_body_attrs(attrs)
