"""Storage pools (Manila v2): ``/scheduler-stats/pools[/detail]``.

Plays ``manila/api/v2/scheduler_stats.py`` and its view: the pools the
scheduler knows, optionally with their capabilities.
"""

from __future__ import annotations

from openstack import resource

from openstack_sfs.v2 import _base

#: Microversion of the ``share_type`` filter.
SHARE_TYPE_FILTER_MICROVERSION = "2.23"


class StoragePool(_base.ManilaResource):
    """A back-end storage pool, named ``host@backend#pool``.

    Pools have no id; :attr:`name` serves as one.
    """

    resources_key = "pools"
    base_path = "/scheduler-stats/pools"

    _query_mapping = resource.QueryParameters(
        "pool",
        "host",
        "backend",
        "capabilities",
        "share_type",
        include_pagination_defaults=False,
    )

    allow_create = False
    allow_fetch = False
    allow_commit = False
    allow_delete = False
    allow_list = True
    allow_head = False

    _max_microversion = "2.23"

    #: Name of the back end (the part after ``@``).
    backend = resource.Body("backend", type=str)
    #: Capabilities the driver reports (detail list only): capacity,
    #: protocols, ``driver_handles_share_servers``, ...
    capabilities = resource.Body("capabilities", type=dict)
    #: The host of the back end's share service.
    host = resource.Body("host", type=str)
    #: Full pool name, ``host@backend#pool``.
    name = resource.Body("name", type=str, alternate_id=True)
    #: Name of the pool (the part after ``#``).
    pool = resource.Body("pool", type=str)
