"""Availability zones (Manila v2): ``GET /availability-zones`` (2.7).

Plays ``manila/api/v2/availability_zones.py`` and its view. Before 2.7 the
same list lived at ``/os-availability-zone``.
"""

from __future__ import annotations

from openstack import resource

from openstack_sfs.v2 import _base

#: Microversion of the ``/availability-zones`` URL.
MIN_MICROVERSION = "2.7"


class AvailabilityZone(_base.ManilaResource):
    """An availability zone known to Manila's services."""

    resource_key = "availability_zone"
    resources_key = "availability_zones"
    base_path = "/availability-zones"

    _query_mapping = resource.QueryParameters(
        include_pagination_defaults=False
    )

    allow_create = False
    allow_fetch = False
    allow_commit = False
    allow_delete = False
    allow_list = True
    allow_head = False

    _max_microversion = "2.7"

    #: When the zone was first seen (ISO 8601).
    created_at = resource.Body("created_at", type=str)
    #: The zone's id (a UUID).
    id = resource.Body("id", type=str)
    #: The zone's name, such as ``nova``.
    name = resource.Body("name", type=str)
    #: When the zone was last changed (ISO 8601).
    updated_at = resource.Body("updated_at", type=str)
