"""Share group snapshots (Manila v2): ``/share-group-snapshots`` and
their members.

Plays ``manila/api/v2/share_group_snapshots.py`` and
``manila/api/views/share_group_snapshots.py``. Experimental at
2.31-2.54 (the header is sent there), GA from 2.55.
"""

from __future__ import annotations

from openstack import resource

from openstack_sfs.v2 import _share_group_base


class ShareGroupSnapshot(_share_group_base.ShareGroupAdminBase):
    """A point-in-time copy of every share of a share group."""

    resource_key = "share_group_snapshot"
    resources_key = "share_group_snapshots"
    base_path = "/share-group-snapshots"

    _query_mapping = resource.QueryParameters(
        "description",
        "limit",
        "name",
        "offset",
        "project_id",
        "share_group_id",
        "sort_dir",
        "sort_key",
        "status",
        all_projects="all_tenants",
        include_pagination_defaults=False,
    )

    #: fields a create needs (one of each group); see _strict
    _create_requires = (("share_group_id",),)

    allow_create = True
    allow_fetch = True
    allow_commit = True
    allow_delete = True
    allow_list = True
    allow_head = False

    _max_microversion = "2.55"
    _api_name = "The share group snapshot API"

    #: Creation time, ISO 8601 (2.31).
    created_at = resource.Body("created_at", type=str)
    #: Description of the snapshot (2.31).
    description = resource.Body("description", type=str)
    #: Self and bookmark links (2.31).
    links = resource.Body("links", type=list)
    #: The members, ``{"id", "size", "share_id"}`` each (2.31). A create
    #: answer lists none: Manila renders the record before adding them.
    members = resource.Body("members", type=list)
    #: Project that owns the snapshot (2.31).
    project_id = resource.Body("project_id", type=str)
    #: The group snapshotted (2.31).
    share_group_id = resource.Body("share_group_id", type=str)
    #: ``creating``, ``available``, ``deleting``, ``error`` ... (2.31).
    status = resource.Body("status", type=str)


class ShareGroupSnapshotMember(_share_group_base.ShareGroupBase):
    """One member of a group snapshot: the snapshot of one share
    (``GET /share-group-snapshots/{id}/members``)."""

    resources_key = "share_group_snapshot_members"
    base_path = "/share-group-snapshots/%(share_group_snapshot_id)s/members"

    _query_mapping = resource.QueryParameters(
        "limit", "offset", include_pagination_defaults=False
    )

    allow_create = False
    allow_fetch = False
    allow_commit = False
    allow_delete = False
    allow_list = True
    allow_head = False

    _max_microversion = "2.55"
    _api_name = "The share group snapshot API"

    #: Creation time, ISO 8601 (2.31).
    created_at = resource.Body("created_at", type=str)
    #: Project that owns the member (2.31).
    project_id = resource.Body("project_id", type=str)
    #: The group snapshot (2.31; also the URL's parent).
    share_group_snapshot_id = resource.URI("share_group_snapshot_id")
    #: The share this member is a snapshot of (2.31).
    share_id = resource.Body("share_id", type=str)
    #: Protocol of the share, ``NFS``, ``CIFS`` ... (2.31; wire name
    #: ``share_protocol``).
    share_protocol = resource.Body("share_protocol", type=str)
    #: Size in GiB (2.31).
    size = resource.Body("size", type=int)
