"""Quota class sets (Manila v2): ``/quota-class-sets/{class}`` (2.7).

Plays ``manila/api/v2/quota_class_sets.py`` and its view. The class
``default`` holds the quotas every project starts with.
"""

from __future__ import annotations

from typing import Any

from openstack import resource

from openstack_sfs.v2 import _base

#: Microversion of the ``/quota-class-sets`` URL.
MIN_MICROVERSION = "2.7"


class QuotaClassSet(_base.ManilaResource):
    """The quotas of a quota class; the id is the class name."""

    resource_key = "quota_class_set"
    resources_key = None
    base_path = "/quota-class-sets"

    allow_create = False
    allow_fetch = True
    allow_commit = True
    allow_delete = False
    allow_list = False
    allow_head = False

    _max_microversion = "2.90"

    #: Gigabytes of share backups (2.80).
    backup_gigabytes = resource.Body("backup_gigabytes", type=int)
    #: Share backups (2.80).
    backups = resource.Body("backups", type=int)
    #: Encryption keys (2.90).
    encryption_keys = resource.Body("encryption_keys", type=int)
    #: Gigabytes of shares.
    gigabytes = resource.Body("gigabytes", type=int)
    #: The class name, such as ``default``.
    id = resource.Body("id", type=str)
    #: Largest size of one share in gigabytes (2.62).
    per_share_gigabytes = resource.Body("per_share_gigabytes", type=int)
    #: Gigabytes of share replicas (2.53).
    replica_gigabytes = resource.Body("replica_gigabytes", type=int)
    #: Share group snapshots (2.40).
    share_group_snapshots = resource.Body("share_group_snapshots", type=int)
    #: Share groups (2.40).
    share_groups = resource.Body("share_groups", type=int)
    #: Share networks.
    share_networks = resource.Body("share_networks", type=int)
    #: Share replicas (2.53).
    share_replicas = resource.Body("share_replicas", type=int)
    #: Shares.
    shares = resource.Body("shares", type=int)
    #: Gigabytes of snapshots.
    snapshot_gigabytes = resource.Body("snapshot_gigabytes", type=int)
    #: Snapshots.
    snapshots = resource.Body("snapshots", type=int)

    def _prepare_request_body(
        self,
        *,
        prepend_key: bool,
        resource_request_key: str | None = None,
    ) -> dict[str, Any]:
        """The request body: the changed quotas, without the class name."""
        body = self._body.dirty
        body.pop("id", None)
        if prepend_key and self.resource_key is not None:
            body = {resource_request_key or self.resource_key: body}
        return body
