"""Share groups (Manila v2): ``/share-groups``.

Plays ``manila/api/v2/share_groups.py`` and
``manila/api/views/share_groups.py``. Experimental at 2.31-2.54 (the
header is sent there), GA from 2.55.
"""

from __future__ import annotations

from typing import ClassVar

from openstack import resource

from openstack_sfs.v2 import _share_group_base


class ShareGroup(_share_group_base.ShareGroupAdminBase):
    """A group of shares on one back end, snapshotted together."""

    resource_key = "share_group"
    resources_key = "share_groups"
    base_path = "/share-groups"

    _query_mapping = resource.QueryParameters(
        "description",
        "description~",
        "host",
        "limit",
        "name",
        "name~",
        "offset",
        "project_id",
        "share_group_type_id",
        "share_network_id",
        "share_server_id",
        "sort_dir",
        "sort_key",
        "source_share_group_snapshot_id",
        "status",
        all_projects="all_tenants",
        include_pagination_defaults=False,
    )

    allow_create = True
    allow_fetch = True
    allow_commit = True
    allow_delete = True
    allow_list = True
    allow_head = False

    _max_microversion = "2.55"
    _api_name = "The share group API"
    #: Manila's list drops ``name~`` / ``description~`` below 2.36 and
    #: answers the unfiltered list.
    _filter_microversions: ClassVar[dict[str, str]] = {
        "name~": "2.36",
        "description~": "2.36",
    }

    #: Availability zone name of the group (2.34).
    availability_zone = resource.Body("availability_zone", type=str)
    #: ``pool`` or ``host`` when the back end takes consistent group
    #: snapshots, else ``None`` (2.34).
    consistent_snapshot_support = resource.Body(
        "consistent_snapshot_support", type=str
    )
    #: Creation time, ISO 8601 (2.31).
    created_at = resource.Body("created_at", type=str)
    #: Description of the group (2.31).
    description = resource.Body("description", type=str)
    #: ``host@backend#pool`` the group lives on (2.31).
    host = resource.Body("host", type=str)
    #: Self and bookmark links (2.31).
    links = resource.Body("links", type=list)
    #: Project that owns the group (2.31).
    project_id = resource.Body("project_id", type=str)
    #: Share group type ID (2.31; the default group type when omitted).
    share_group_type_id = resource.Body("share_group_type_id", type=str)
    #: Share network of the group (2.31; DHSS true types).
    share_network_id = resource.Body("share_network_id", type=str)
    #: Share server of the group, admin only (2.31).
    share_server_id = resource.Body("share_server_id", type=str)
    #: IDs of the share types the group's shares may have (2.31).
    share_types = resource.Body("share_types", type=list)
    #: The group snapshot the group was made from, if any (2.31).
    source_share_group_snapshot_id = resource.Body(
        "source_share_group_snapshot_id", type=str
    )
    #: ``creating``, ``available``, ``deleting``, ``error`` ... (2.31).
    status = resource.Body("status", type=str)
