"""Share network subnets (Manila v2, 2.51): ``.../subnets``.

Plays ``manila/api/v2/share_network_subnets.py`` and the view
``manila/api/views/share_network_subnets.py``. The create body key is
``share-network-subnet`` (with dashes); responses use
``share_network_subnet``. Subnet metadata appeared in 2.78; from 2.89
Manila passes driver-updatable keys on to the share servers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from keystoneauth1 import adapter
from openstack import resource

from openstack_sfs.v2 import _base, _metadata

if TYPE_CHECKING:
    from typing_extensions import Self  # noqa: UP035

#: Microversion the subnet API appeared in.
MIN_MICROVERSION = "2.51"
#: the ``share_network_subnet_create_check`` action and subnets added to
#: zones where share servers run
CREATE_CHECK_MICROVERSION = "2.70"


class ShareNetworkSubnet(_metadata.MetadataMixin, _base.ManilaResource):
    """A subnet of a share network, bound to an availability zone."""

    resource_key = "share_network_subnet"
    resources_key = "share_network_subnets"
    base_path = "/share-networks/%(share_network_id)s/subnets"

    create_opts = resource.CreateOpts(request_key="share-network-subnet")

    _query_mapping = resource.QueryParameters(
        include_pagination_defaults=False
    )

    allow_create = True
    allow_fetch = True
    allow_commit = False
    allow_delete = True
    allow_list = True
    allow_head = False

    #: 2.89: metadata changes also reach the drivers of the subnet's
    #: share servers (``driver_updatable_subnet_metadata``).
    _max_microversion = "2.89"
    _metadata_min_microversion: ClassVar[str | None] = "2.78"

    #: Availability zone; ``None`` for the default subnet serving all.
    availability_zone = resource.Body("availability_zone", type=str)
    #: CIDR of the subnet.
    cidr = resource.Body("cidr", type=str)
    #: When the subnet was created (ISO 8601).
    created_at = resource.Body("created_at", type=str)
    #: Gateway address.
    gateway = resource.Body("gateway", type=str)
    #: IP version, 4 or 6.
    ip_version = resource.Body("ip_version", type=int)
    # ``metadata`` (2.78) comes from MetadataMixin.
    #: MTU of the subnet.
    mtu = resource.Body("mtu", type=int)
    #: Network type (``vlan``, ``vxlan``, ``flat``...; ``None`` for users
    #: without the ``show_network_details`` policy).
    network_type = resource.Body("network_type", type=str)
    #: Neutron network id.
    neutron_net_id = resource.Body("neutron_net_id", type=str)
    #: Neutron subnet id.
    neutron_subnet_id = resource.Body("neutron_subnet_id", type=str)
    #: Segmentation id (VLAN id, VNI...).
    segmentation_id = resource.Body("segmentation_id", type=int)
    #: The parent share network (in the URL and the body).
    share_network_id = resource.URI("share_network_id", type=str)
    #: Name of the parent share network.
    share_network_name = resource.Body("share_network_name", type=str)
    #: When the subnet was last changed (ISO 8601).
    updated_at = resource.Body("updated_at", type=str)

    def set_metadata_item(
        self, session: adapter.Adapter, key: str, value: str
    ) -> Self:
        """Create or change one item (``POST .../metadata/{key}``).

        Manila routes only ``POST`` (not ``PUT``) for one subnet metadata
        item, with the body ``{"metadata": {key: value}}``.

        :param session: The adapter of the shared-file-system service.
        :param key: The metadata key.
        :param value: The value to store.
        :returns: This subnet, with :attr:`metadata` updated.
        :raises: :class:`~openstack.exceptions.NotSupported` when the
            server is older than 2.78.
        """
        response = self._metadata_request(
            session, "POST", key, body={"metadata": {key: value}}
        )
        answer = response.json().get("metadata") if response.content else None
        if answer is None:
            answer = {key: value}
        self._store_metadata({**(self.metadata or {}), **answer})
        return self
