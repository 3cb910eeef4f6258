"""Snapshot instances (Manila v2, admin): ``/snapshot-instances`` (2.19).

Plays the client side of Manila's ``share_snapshot_instances.py``,
``share_snapshot_instance_export_locations.py`` (2.32) and
``views/share_snapshot_instances.py``.
"""

from __future__ import annotations

from keystoneauth1 import adapter
from openstack import resource

from openstack_sfs.v2 import _base

#: Snapshot instances appeared in this microversion.
MIN_MICROVERSION = "2.19"
#: Their export locations appeared in this one.
EXPORT_LOCATIONS_MICROVERSION = "2.32"


class ShareSnapshotInstance(_base.ManilaResource):
    """One copy of a snapshot on a backend (admin)."""

    resource_key = "snapshot_instance"
    resources_key = "snapshot_instances"
    base_path = "/snapshot-instances"

    _query_mapping = resource.QueryParameters(
        "snapshot_id", include_pagination_defaults=False
    )

    allow_create = False
    allow_fetch = True
    allow_commit = False
    allow_delete = False
    allow_list = True
    allow_head = False

    _max_microversion = "2.32"

    #: Creation time, ISO 8601 (detail).
    created_at = resource.Body("created_at", type=str)
    #: Creation progress, e.g. ``"100%"`` (detail).
    progress = resource.Body("progress", type=str)
    #: Where the backend keeps the snapshot (detail).
    provider_location = resource.Body("provider_location", type=str)
    #: The share the snapshot was taken of (detail).
    share_id = resource.Body("share_id", type=str)
    #: The share instance the snapshot instance belongs to (detail).
    share_instance_id = resource.Body("share_instance_id", type=str)
    #: The snapshot this is an instance of.
    snapshot_id = resource.Body("snapshot_id", type=str)
    #: Instance status.
    status = resource.Body("status", type=str)
    #: Last update time, ISO 8601 (detail).
    updated_at = resource.Body("updated_at", type=str)

    def reset_status(self, session: adapter.Adapter, status: str) -> None:
        """Set the instance's status (action ``reset_status``, 2.19).

        :param session: The adapter of the shared-file-system service.
        :param status: The new status.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.19.
        """
        self._action(
            session,
            {"reset_status": {"status": status}},
            min_microversion=MIN_MICROVERSION,
        )


class ShareSnapshotInstanceExportLocation(_base.ManilaResource):
    """An export location of a snapshot instance (admin, 2.32)."""

    resource_key = "share_snapshot_export_location"
    resources_key = "share_snapshot_export_locations"
    base_path = "/snapshot-instances/%(snapshot_instance_id)s/export-locations"

    _query_mapping = resource.QueryParameters(
        include_pagination_defaults=False
    )

    allow_create = False
    allow_fetch = True
    allow_commit = False
    allow_delete = False
    allow_list = True
    allow_head = False

    _max_microversion = "2.32"

    #: Creation time, ISO 8601 (show only).
    created_at = resource.Body("created_at", type=str)
    #: Whether only admins may use this location.
    is_admin_only = resource.Body("is_admin_only", type=bool)
    #: Links to the location.
    links = resource.Body("links", type=list)
    #: The mount path.
    path = resource.Body("path", type=str)
    #: The snapshot instance the location belongs to.
    share_snapshot_instance_id = resource.Body(
        "share_snapshot_instance_id", type=str
    )
    #: The snapshot instance in the URL.
    snapshot_instance_id = resource.URI("snapshot_instance_id", type=str)
    #: Last update time, ISO 8601 (show only).
    updated_at = resource.Body("updated_at", type=str)
