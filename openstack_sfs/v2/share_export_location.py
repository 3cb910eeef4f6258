"""Share export locations (Manila v2): ``/shares/{id}/export_locations``.

Plays the client side of Manila's ``share_export_locations.py`` (2.9;
only the active replica's locations from 2.47; metadata 2.87) and
``views/export_locations.py``.
"""

from __future__ import annotations

from openstack import resource

from openstack_sfs.v2 import _metadata


class ShareExportLocation(_metadata.MetadataMixin):
    """Where and how a share can be mounted."""

    resource_key = "export_location"
    resources_key = "export_locations"
    base_path = "/shares/%(share_id)s/export_locations"

    allow_create = False
    allow_fetch = True
    allow_commit = False
    allow_delete = False
    allow_list = True
    allow_head = False

    _max_microversion = "2.87"
    _metadata_min_microversion = "2.87"

    #: Availability zone of the replica (replica export locations only).
    availability_zone = resource.Body("availability_zone", type=str)
    #: Creation time, ISO 8601 (show only).
    created_at = resource.Body("created_at", type=str)
    #: Whether only admins may use this location; admins only.
    is_admin = resource.Body("is_admin_only", type=bool)
    #: Whether the backend prefers this location. Since 2.14.
    is_preferred = resource.Body("preferred", type=bool)
    #: User metadata (``preferred`` left out). Since 2.87.
    metadata = resource.Body("metadata", type=dict)
    #: The mount path, e.g. ``10.0.0.10:/shares/share-1``.
    path = resource.Body("path", type=str)
    #: Replica state (replica export locations only).
    replica_state = resource.Body("replica_state", type=str)
    #: The share the location belongs to.
    share_id = resource.URI("share_id", type=str)
    #: The share instance the location belongs to; admins only.
    share_instance_id = resource.Body("share_instance_id", type=str)
    #: Last update time, ISO 8601 (show only).
    updated_at = resource.Body("updated_at", type=str)
