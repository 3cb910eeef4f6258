"""Share instances (Manila v2, admin): ``/share_instances`` (2.3).

Plays the client side of Manila's ``share_instances.py``,
``share_instance_export_locations.py`` (2.9) and
``views/share_instance.py``.
"""

from __future__ import annotations

from keystoneauth1 import adapter
from openstack import resource

from openstack_sfs.v2 import _base


class ShareInstance(_base.ManilaResource):
    """One copy of a share on a backend (admin)."""

    resource_key = "share_instance"
    resources_key = "share_instances"
    base_path = "/share_instances"

    _query_mapping = resource.QueryParameters(
        "export_location_id",
        "export_location_path",
        "host",
        "is_soft_deleted",
        "status",
        include_pagination_defaults=False,
    )

    allow_create = False
    allow_fetch = True
    allow_commit = False
    allow_delete = False
    allow_list = True
    allow_head = False

    _max_microversion = "2.71"

    #: Status of the instance's access rules (2.10).
    access_rules_status = resource.Body("access_rules_status", type=str)
    #: Availability zone of the instance.
    availability_zone = resource.Body("availability_zone", type=str)
    #: Whether all rules are cast to read-only (2.30).
    cast_rules_to_readonly = resource.Body("cast_rules_to_readonly", type=bool)
    #: Creation time, ISO 8601.
    created_at = resource.Body("created_at", type=str)
    #: Primary export path. Only up to 2.8.
    export_location = resource.Body("export_location", type=str)
    #: All export paths. Only up to 2.8.
    export_locations = resource.Body("export_locations", type=list)
    #: Backend ``host@backend#pool``.
    host = resource.Body("host", type=str)
    #: Creation progress, e.g. ``"100%"`` (2.54).
    progress = resource.Body("progress", type=str)
    #: Replica state: ``active``, ``in_sync``, ``out_of_sync``, ``error``
    #: (2.11).
    replica_state = resource.Body("replica_state", type=str)
    #: The share the instance belongs to.
    share_id = resource.Body("share_id", type=str)
    #: Share network of the instance.
    share_network_id = resource.Body("share_network_id", type=str)
    #: Share server of the instance.
    share_server_id = resource.Body("share_server_id", type=str)
    #: Share type of the instance (2.22).
    share_type_id = resource.Body("share_type_id", type=str)
    #: Instance status.
    status = resource.Body("status", type=str)
    #: Last update time, ISO 8601 (2.71).
    updated_at = resource.Body("updated_at", type=str)

    def reset_status(self, session: adapter.Adapter, status: str) -> None:
        """Set the instance's status (action ``reset_status``, 2.7).

        :param session: The adapter of the shared-file-system service.
        :param status: The new status.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.7.
        """
        self._action(
            session,
            {"reset_status": {"status": status}},
            min_microversion="2.7",
        )

    def force_delete(self, session: adapter.Adapter) -> None:
        """Delete the instance whatever its status (2.7).

        :param session: The adapter of the shared-file-system service.
        :raises: :class:`~openstack.exceptions.NotSupported` below 2.7.
        """
        self._action(session, {"force_delete": None}, min_microversion="2.7")


class ShareInstanceExportLocation(_base.ManilaResource):
    """An export location of a share instance (admin, 2.9)."""

    resource_key = "export_location"
    resources_key = "export_locations"
    base_path = "/share_instances/%(share_instance_id)s/export_locations"

    allow_create = False
    allow_fetch = True
    allow_commit = False
    allow_delete = False
    allow_list = True
    allow_head = False

    _max_microversion = "2.87"

    #: Creation time, ISO 8601 (show only).
    created_at = resource.Body("created_at", type=str)
    #: Whether only admins may use this location.
    is_admin = resource.Body("is_admin_only", type=bool)
    #: Whether the backend prefers this location (2.14).
    is_preferred = resource.Body("preferred", type=bool)
    #: User metadata (2.87).
    metadata = resource.Body("metadata", type=dict)
    #: The mount path.
    path = resource.Body("path", type=str)
    #: The share instance the location belongs to (URL part and field).
    share_instance_id = resource.URI("share_instance_id", type=str)
    #: Last update time, ISO 8601 (show only).
    updated_at = resource.Body("updated_at", type=str)
