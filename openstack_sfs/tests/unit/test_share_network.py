"""Tests of ShareNetwork and the share network calls of the proxy."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import share_network, share_network_subnet

NET_ID = "7b2e4f60-0000-4000-8000-000000000001"
SUBNET_ID = "7b2e4f60-0000-4000-8000-000000000002"
NEUTRON_NET = "0a0a0a0a-0000-4000-8000-00000000000a"
NEUTRON_SUBNET = "0b0b0b0b-0000-4000-8000-00000000000b"
NET_URL = base.MANILA_URL + "/share-networks/" + NET_ID
MV = "2.78"

SUBNET: dict[str, Any] = {
    "id": SUBNET_ID,
    "availability_zone": None,
    "created_at": "2025-01-02T03:04:05.000000",
    "updated_at": None,
    "segmentation_id": 1010,
    "neutron_net_id": NEUTRON_NET,
    "neutron_subnet_id": NEUTRON_SUBNET,
    "ip_version": 4,
    "cidr": "10.0.0.0/24",
    "network_type": "vlan",
    "mtu": 1500,
    "gateway": "10.0.0.1",
    "metadata": {"k": "v"},
}

EXAMPLE: dict[str, Any] = {
    "id": NET_ID,
    "name": "net-1",
    "description": "tenant net",
    "project_id": base.PROJECT_ID,
    "created_at": "2025-01-02T03:04:05.000000",
    "updated_at": None,
    "share_network_subnets": [SUBNET],
    "status": "active",
    "security_service_update_support": True,
    "network_allocation_update_support": True,
}

NOT_FOUND = {
    "itemNotFound": {
        "code": 404,
        "message": f"Share network {NET_ID} could not be found.",
    }
}


class TestShareNetworkResource(base.TestCase):
    def test_basics(self) -> None:
        cls = share_network.ShareNetwork
        self.assertEqual("share_network", cls.resource_key)
        self.assertEqual("share_networks", cls.resources_key)
        self.assertEqual("/share-networks", cls.base_path)
        self.assertEqual("2.78", cls._max_microversion)
        self.assertTrue(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertTrue(cls.allow_commit)
        self.assertTrue(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)

    def test_query_mapping(self) -> None:
        names = [
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
        ]
        expected = {n: n for n in names}
        expected["all_projects"] = "all_tenants"
        self.assertEqual(
            expected, share_network.ShareNetwork._query_mapping._mapping
        )

    def test_make_it(self) -> None:
        net = share_network.ShareNetwork(**EXAMPLE)
        self.assertEqual(NET_ID, net.id)
        self.assertEqual("net-1", net.name)
        self.assertEqual("active", net.status)
        self.assertTrue(net.security_service_update_support)
        self.assertTrue(net.network_allocation_update_support)
        subnet = net.share_network_subnets[0]
        self.assertIsInstance(subnet, share_network_subnet.ShareNetworkSubnet)
        self.assertEqual(SUBNET_ID, subnet.id)
        self.assertEqual(1010, subnet.segmentation_id)
        self.assertEqual(1500, subnet.mtu)
        self.assertEqual({"k": "v"}, subnet.metadata)

    def test_make_it_pre_251(self) -> None:
        net = share_network.ShareNetwork(
            id=NET_ID,
            name="old",
            neutron_net_id=NEUTRON_NET,
            neutron_subnet_id=NEUTRON_SUBNET,
            network_type="vxlan",
            segmentation_id="42",
            cidr="10.1.0.0/16",
            ip_version=6,
            gateway="10.1.0.1",
            mtu=9000,
        )
        self.assertEqual(NEUTRON_NET, net.neutron_net_id)
        self.assertEqual(NEUTRON_SUBNET, net.neutron_subnet_id)
        self.assertEqual("vxlan", net.network_type)
        self.assertEqual(42, net.segmentation_id)
        self.assertEqual("10.1.0.0/16", net.cidr)
        self.assertEqual(6, net.ip_version)
        self.assertEqual("10.1.0.1", net.gateway)
        self.assertEqual(9000, net.mtu)


class TestShareNetworkProxy(base.TestCase):
    def test_share_networks_detail(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/share-networks/detail",
            json={"share_networks": [EXAMPLE]},
        )
        filters: dict[str, Any] = {"name~": "net", "limit": 5}
        nets = list(self.proxy.share_networks(all_projects=True, **filters))
        self.assert_request(
            "GET",
            "/share-networks/detail",
            microversion=MV,
            query={"all_tenants": ["true"], "name~": ["net"], "limit": ["5"]},
        )
        self.assertEqual([NET_ID], [n.id for n in nets])
        # limit/offset paging: no follow-up request with a marker.
        self.assertEqual(1, len(self.api_requests()))

    def test_share_networks_summary(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/share-networks",
            json={"share_networks": [{"id": NET_ID, "name": "net-1"}]},
        )
        nets = list(self.proxy.share_networks(details=False))
        self.assert_request("GET", "/share-networks", microversion=MV)
        self.assertEqual("net-1", nets[0].name)

    def test_share_networks_unknown_filter_is_refused(self) -> None:
        exc = self.assertRaises(
            TypeError,
            self.proxy.share_networks,
            colour="red",
            project_id="p",
        )
        self.assertEqual(
            "share_networks() got an unexpected keyword argument 'colour'",
            str(exc),
        )
        self.assertEqual([], self.api_requests())

    def test_get_share_network(self) -> None:
        self.requests_mock.get(NET_URL, json={"share_network": EXAMPLE})
        net = self.proxy.get_share_network(NET_ID)
        self.assert_request(
            "GET", "/share-networks/" + NET_ID, microversion=MV
        )
        self.assertEqual("tenant net", net.description)

    def test_get_share_network_not_found(self) -> None:
        self.requests_mock.get(NET_URL, status_code=404, json=NOT_FOUND)
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.get_share_network,
            NET_ID,
        )
        self.assertIn("could not be found", str(exc))

    def test_get_share_network_old_server(self) -> None:
        self.set_server_max("2.50")
        self.requests_mock.get(NET_URL, json={"share_network": EXAMPLE})
        self.proxy.get_share_network(NET_ID)
        self.assert_request(
            "GET", "/share-networks/" + NET_ID, microversion="2.50"
        )

    def test_find_share_network(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + "/share-networks/net-1",
            status_code=404,
            json=NOT_FOUND,
        )
        self.requests_mock.get(
            base.MANILA_URL + "/share-networks/detail",
            json={"share_networks": [EXAMPLE]},
        )
        net = self.proxy.find_share_network("net-1")
        assert net is not None
        self.assertEqual(NET_ID, net.id)
        self.assert_request(
            "GET",
            "/share-networks/detail",
            microversion=MV,
            query={"name": ["net-1"]},
        )

    def test_create_share_network(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + "/share-networks",
            json={"share_network": EXAMPLE},
        )
        net = self.proxy.create_share_network(
            name="net-1",
            description="tenant net",
            neutron_net_id=NEUTRON_NET,
            neutron_subnet_id=NEUTRON_SUBNET,
            availability_zone="nova",
        )
        self.assert_request(
            "POST",
            "/share-networks",
            microversion=MV,
            json_body={
                "share_network": {
                    "name": "net-1",
                    "description": "tenant net",
                    "neutron_net_id": NEUTRON_NET,
                    "neutron_subnet_id": NEUTRON_SUBNET,
                    "availability_zone": "nova",
                }
            },
        )
        self.assertEqual(NET_ID, net.id)

    def test_create_share_network_over_quota(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + "/share-networks",
            status_code=413,
            json={
                "overLimit": {
                    "code": 413,
                    "message": "Maximum number of share-networks allowed "
                    "(10) exceeded.",
                }
            },
        )
        exc = self.assertRaises(
            exceptions.HttpException,
            self.proxy.create_share_network,
            name="x",
        )
        self.assertEqual(413, exc.status_code)
        self.assertIn("share-networks allowed", str(exc))

    def test_update_share_network_sends_no_id(self) -> None:
        updated = dict(EXAMPLE, name="renamed")
        self.requests_mock.put(NET_URL, json={"share_network": updated})
        net = self.proxy.update_share_network(
            NET_ID, name="renamed", description="d"
        )
        self.assert_request(
            "PUT",
            "/share-networks/" + NET_ID,
            microversion=MV,
            json_body={
                "share_network": {"name": "renamed", "description": "d"}
            },
        )
        self.assertEqual("renamed", net.name)

    def test_update_share_network_in_use(self) -> None:
        self.requests_mock.put(
            NET_URL,
            status_code=403,
            json={
                "forbidden": {
                    "code": 403,
                    "message": "Cannot update share network. It is used "
                    "by share servers.",
                }
            },
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.proxy.update_share_network,
            NET_ID,
            neutron_net_id=NEUTRON_NET,
        )

    def test_delete_share_network(self) -> None:
        self.requests_mock.delete(NET_URL, status_code=202)
        self.proxy.delete_share_network(NET_ID)
        self.assert_request(
            "DELETE", "/share-networks/" + NET_ID, microversion=MV
        )

    def test_delete_share_network_missing(self) -> None:
        self.requests_mock.delete(NET_URL, status_code=404, json=NOT_FOUND)
        self.proxy.delete_share_network(NET_ID)
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_network,
            NET_ID,
            ignore_missing=False,
        )

    def test_delete_share_network_in_use(self) -> None:
        self.requests_mock.delete(
            NET_URL,
            status_code=409,
            json={
                "conflictingRequest": {
                    "code": 409,
                    "message": "Share network is in use.",
                }
            },
        )
        self.assertRaises(
            exceptions.ConflictException,
            self.proxy.delete_share_network,
            NET_ID,
        )
