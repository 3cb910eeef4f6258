"""The Shared File Systems v2 proxy: ``conn.shared_file_system``.

One banner section per resource, in the order of Manila's API reference.
Names and signatures follow openstacksdk's
``openstack.shared_file_system.v2._proxy`` wherever it has the operation.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable
from typing import Any, ClassVar, Literal

from openstack import exceptions, proxy, resource

from openstack_sfs.v2 import _base
from openstack_sfs.v2 import availability_zone as _availability_zone
from openstack_sfs.v2 import limit as _limit
from openstack_sfs.v2 import quota_class_set as _quota_class_set
from openstack_sfs.v2 import quota_set as _quota_set
from openstack_sfs.v2 import service as _service
from openstack_sfs.v2 import share as _share
from openstack_sfs.v2 import share_access_rule as _share_access_rule
from openstack_sfs.v2 import share_export_location as _share_export_location
from openstack_sfs.v2 import share_instance as _share_instance
from openstack_sfs.v2 import share_network as _share_network
from openstack_sfs.v2 import share_network_subnet as _share_network_subnet
from openstack_sfs.v2 import share_server as _share_server
from openstack_sfs.v2 import share_snapshot as _share_snapshot
from openstack_sfs.v2 import (
    share_snapshot_access_rule as _share_snapshot_access_rule,
)
from openstack_sfs.v2 import share_type as _share_type
from openstack_sfs.v2 import storage_pool as _storage_pool
from openstack_sfs.v2 import user_message as _user_message


class Proxy(proxy.Proxy):
    """Proxy for the Shared File Systems (Manila) v2 API."""

    api_version: ClassVar[Literal["2"]] = "2"

    # ======== Shares ========
    # -- end: shares --

    # ======== Share metadata ========
    # -- end: share metadata --

    # ======== Share access rules ========
    # -- end: share access rules --

    # ======== Share export locations ========
    # -- end: share export locations --

    # ======== Share instances ========
    # -- end: share instances --

    # ======== Share snapshots ========
    # -- end: share snapshots --

    # ======== Snapshot access rules and export locations ========
    # -- end: snapshot access rules --

    # ======== Share servers ========
    # -- end: share servers --

    # ======== Services ========
    # -- end: services --

    # ======== Share types ========
    # -- end: share types --

    # ======== Share networks and subnets ========
    # -- end: share networks --

    # ======== Availability zones, storage pools, limits ========
    # -- end: availability zones --

    # ======== Quota sets and quota class sets ========
    # -- end: quotas --

    # ======== User messages ========
    # -- end: user messages --

    # ======== Waiters ========
    # -- end: waiters --
