"""Share networks (Manila v2): ``/share-networks``.

Plays ``manila/api/v2/share_networks.py`` and the view
``manila/api/views/share_networks.py``. From 2.51 the network details
(neutron ids, segmentation, CIDR, ...) live on its subnets; before that
they are fields of the network itself.
"""

from __future__ import annotations

from typing import Any

from openstack import resource

from openstack_sfs.v2 import _base
from openstack_sfs.v2 import share_network_subnet as _subnet


class ShareNetwork(_base.ManilaResource):
    """A share network: the tenant network shares are exported on."""

    resource_key = "share_network"
    resources_key = "share_networks"
    base_path = "/share-networks"

    _query_mapping = resource.QueryParameters(
        "name",
        "name~",
        "description",
        "description~",
        "project_id",
        "created_since",
        "created_before",
        "neutron_net_id",
        "neutron_subnet_id",
        "network_type",
        "segmentation_id",
        "cidr",
        "ip_version",
        "security_service_id",
        "limit",
        "offset",
        all_projects="all_tenants",
        include_pagination_defaults=False,
    )

    allow_create = True
    allow_fetch = True
    allow_commit = True
    allow_delete = True
    allow_list = True
    allow_head = False

    _max_microversion = "2.78"

    #: Availability zone of the first subnet; request only (2.51).
    availability_zone = resource.Body("availability_zone", type=str)
    #: CIDR of the network (before 2.51; from 2.51 on the subnets).
    cidr = resource.Body("cidr", type=str)
    #: When the network was created (ISO 8601).
    created_at = resource.Body("created_at", type=str)
    #: Free-form description.
    description = resource.Body("description", type=str)
    #: Gateway address (2.18 to 2.50; from 2.51 on the subnets).
    gateway = resource.Body("gateway", type=str)
    #: IP version, 4 or 6 (before 2.51).
    ip_version = resource.Body("ip_version", type=int)
    #: MTU (2.20 to 2.50; from 2.51 on the subnets).
    mtu = resource.Body("mtu", type=int)
    #: Name of the network.
    name = resource.Body("name", type=str)
    #: Whether subnets may be added while the network is in use (2.70).
    network_allocation_update_support = resource.Body(
        "network_allocation_update_support", type=bool
    )
    #: Network type such as ``vlan``, ``vxlan``, ``flat`` (before 2.51;
    #: ``None`` for users without the ``show_network_details`` policy).
    network_type = resource.Body("network_type", type=str)
    #: Neutron network id (before 2.51; also accepted on create).
    neutron_net_id = resource.Body("neutron_net_id", type=str)
    #: Neutron subnet id (before 2.51; also accepted on create).
    neutron_subnet_id = resource.Body("neutron_subnet_id", type=str)
    #: Owning project.
    project_id = resource.Body("project_id", type=str)
    #: Whether security services may change while in use (2.63).
    security_service_update_support = resource.Body(
        "security_service_update_support", type=bool
    )
    #: Segmentation id (VLAN id, VNI...; before 2.51).
    segmentation_id = resource.Body("segmentation_id", type=int)
    #: The network's subnets (2.51; with ``metadata`` from 2.78).
    share_network_subnets = resource.Body(
        "share_network_subnets",
        type=list,
        list_type=_subnet.ShareNetworkSubnet,
    )
    #: ``active``, ``error`` or ``network_change`` (2.63).
    status = resource.Body("status", type=str)
    #: When the network was last changed (ISO 8601).
    updated_at = resource.Body("updated_at", type=str)

    def _prepare_request_body(
        self,
        *,
        prepend_key: bool,
        resource_request_key: str | None = None,
    ) -> dict[str, Any]:
        """The request body, without ``id``.

        Manila refuses (403) any key but ``name`` and ``description`` when
        updating a network that has share servers, so the id, which is in
        the URL, must not be sent.
        """
        body = self._body.dirty
        body.pop("id", None)
        if prepend_key and self.resource_key is not None:
            body = {resource_request_key or self.resource_key: body}
        return body
