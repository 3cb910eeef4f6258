"""Tests of ShareNetworkSubnet and the subnet calls of the proxy."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.unit import base
from openstack_sfs.v2 import share_network_subnet

NET_ID = "7b2e4f60-0000-4000-8000-000000000001"
SUBNET_ID = "7b2e4f60-0000-4000-8000-000000000002"
NEUTRON_NET = "0a0a0a0a-0000-4000-8000-00000000000a"
NEUTRON_SUBNET = "0b0b0b0b-0000-4000-8000-00000000000b"
SUBNETS = "/share-networks/" + NET_ID + "/subnets"
SUBNET_PATH = SUBNETS + "/" + SUBNET_ID
SUBNET_URL = base.MANILA_URL + SUBNET_PATH
#: Subnet metadata reaches the share servers' drivers from 2.89
#: (``update_share_network_subnet_from_metadata``), the highest
#: behaviour the resource models.
MV = "2.89"

EXAMPLE: dict[str, Any] = {
    "id": SUBNET_ID,
    "availability_zone": "nova",
    "share_network_id": NET_ID,
    "share_network_name": "net-1",
    "created_at": "2025-01-02T03:04:05.000000",
    "segmentation_id": None,
    "neutron_subnet_id": NEUTRON_SUBNET,
    "updated_at": None,
    "neutron_net_id": NEUTRON_NET,
    "ip_version": 4,
    "cidr": "10.0.0.0/24",
    "network_type": None,
    "mtu": 1500,
    "gateway": "10.0.0.1",
    "metadata": {"tier": "gold"},
}

NOT_FOUND = {
    "itemNotFound": {
        "code": 404,
        "message": f"Share network subnet {SUBNET_ID} could not be found.",
    }
}


class TestShareNetworkSubnetResource(base.TestCase):
    def test_basics(self) -> None:
        cls = share_network_subnet.ShareNetworkSubnet
        self.assertEqual("share_network_subnet", cls.resource_key)
        self.assertEqual("share_network_subnets", cls.resources_key)
        self.assertEqual(
            "/share-networks/%(share_network_id)s/subnets", cls.base_path
        )
        self.assertEqual("2.89", cls._max_microversion)
        self.assertEqual("2.78", cls._metadata_min_microversion)
        self.assertTrue(cls.allow_create)
        self.assertTrue(cls.allow_fetch)
        self.assertFalse(cls.allow_commit)
        self.assertTrue(cls.allow_delete)
        self.assertTrue(cls.allow_list)
        self.assertFalse(cls.allow_head)

    def test_query_mapping(self) -> None:
        self.assertEqual(
            {},
            share_network_subnet.ShareNetworkSubnet._query_mapping._mapping,
        )

    def test_make_it(self) -> None:
        sns = share_network_subnet.ShareNetworkSubnet(**EXAMPLE)
        self.assertEqual(SUBNET_ID, sns.id)
        self.assertEqual("nova", sns.availability_zone)
        self.assertEqual(NET_ID, sns.share_network_id)
        self.assertEqual("net-1", sns.share_network_name)
        self.assertEqual(NEUTRON_NET, sns.neutron_net_id)
        self.assertEqual(NEUTRON_SUBNET, sns.neutron_subnet_id)
        self.assertIsNone(sns.network_type)
        self.assertIsNone(sns.segmentation_id)
        self.assertEqual(4, sns.ip_version)
        self.assertEqual("10.0.0.0/24", sns.cidr)
        self.assertEqual(1500, sns.mtu)
        self.assertEqual("10.0.0.1", sns.gateway)
        self.assertEqual({"tier": "gold"}, sns.metadata)


class TestShareNetworkSubnetProxy(base.TestCase):
    def test_share_network_subnets(self) -> None:
        self.requests_mock.get(
            base.MANILA_URL + SUBNETS,
            json={"share_network_subnets": [EXAMPLE]},
        )
        subnets = list(self.proxy.share_network_subnets(NET_ID))
        self.assert_request("GET", SUBNETS, microversion=MV)
        self.assertEqual([SUBNET_ID], [s.id for s in subnets])
        self.assertEqual(NET_ID, subnets[0].share_network_id)

    def test_share_network_subnets_old_server(self) -> None:
        self.set_server_max("2.50")
        self.assertRaisesRegex(
            exceptions.NotSupported,
            "2.51",
            self.proxy.share_network_subnets,
            NET_ID,
        )
        self.assertEqual([], self.api_requests())

    def test_get_share_network_subnet(self) -> None:
        self.requests_mock.get(
            SUBNET_URL, json={"share_network_subnet": EXAMPLE}
        )
        sns = self.proxy.get_share_network_subnet(NET_ID, SUBNET_ID)
        self.assert_request("GET", SUBNET_PATH, microversion=MV)
        self.assertEqual("nova", sns.availability_zone)

    def test_get_share_network_subnet_not_found(self) -> None:
        self.requests_mock.get(SUBNET_URL, status_code=404, json=NOT_FOUND)
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.get_share_network_subnet,
            NET_ID,
            SUBNET_ID,
        )
        self.assertIn("could not be found", str(exc))

    def test_get_share_network_subnet_at_2_70(self) -> None:
        self.set_server_max("2.70")
        self.requests_mock.get(
            SUBNET_URL, json={"share_network_subnet": EXAMPLE}
        )
        self.proxy.get_share_network_subnet(NET_ID, SUBNET_ID)
        self.assert_request("GET", SUBNET_PATH, microversion="2.70")

    def test_create_share_network_subnet(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + SUBNETS,
            json={"share_network_subnet": EXAMPLE},
        )
        sns = self.proxy.create_share_network_subnet(
            NET_ID,
            neutron_net_id=NEUTRON_NET,
            neutron_subnet_id=NEUTRON_SUBNET,
            availability_zone="nova",
            metadata={"tier": "gold"},
        )
        self.assert_request(
            "POST",
            SUBNETS,
            microversion=MV,
            json_body={
                "share-network-subnet": {
                    "neutron_net_id": NEUTRON_NET,
                    "neutron_subnet_id": NEUTRON_SUBNET,
                    "availability_zone": "nova",
                    "metadata": {"tier": "gold"},
                }
            },
        )
        self.assertEqual(SUBNET_ID, sns.id)
        self.assertEqual(NET_ID, sns.share_network_id)

    def test_create_share_network_subnet_metadata_old_server(self) -> None:
        self.set_server_max("2.77")
        self.assertRaisesRegex(
            exceptions.NotSupported,
            "2.78",
            self.proxy.create_share_network_subnet,
            NET_ID,
            metadata={"a": "b"},
        )

    def test_create_share_network_subnet_conflict(self) -> None:
        self.requests_mock.post(
            base.MANILA_URL + SUBNETS,
            status_code=409,
            json={
                "conflictingRequest": {
                    "code": 409,
                    "message": "Another share network subnet was found in "
                    "the specified availability zone.",
                }
            },
        )
        exc = self.assertRaises(
            exceptions.ConflictException,
            self.proxy.create_share_network_subnet,
            NET_ID,
            availability_zone="nova",
        )
        self.assertIn("availability zone", str(exc))

    def test_check_share_network_subnet_create(self) -> None:
        answer = {"compatible": None, "hosts_check_result": {"h@b": None}}
        self.requests_mock.post(
            base.MANILA_URL + f"/share-networks/{NET_ID}/action",
            json=answer,
            status_code=202,
        )
        self.assertEqual(
            answer,
            self.proxy.check_share_network_subnet_create(
                NET_ID,
                neutron_net_id=NEUTRON_NET,
                neutron_subnet_id=NEUTRON_SUBNET,
                availability_zone="nova",
            ),
        )
        # the share network's negotiated version (the check is 2.70)
        self.assert_request(
            "POST",
            f"/share-networks/{NET_ID}/action",
            microversion="2.78",
            json_body={
                "share_network_subnet_create_check": {
                    "neutron_net_id": NEUTRON_NET,
                    "neutron_subnet_id": NEUTRON_SUBNET,
                    "availability_zone": "nova",
                    "reset_operation": False,
                }
            },
        )
        self.proxy.check_share_network_subnet_create(
            NET_ID, reset_operation=True
        )
        self.assert_request(
            "POST",
            f"/share-networks/{NET_ID}/action",
            microversion="2.78",
            json_body={
                "share_network_subnet_create_check": {"reset_operation": True}
            },
        )

    def test_check_share_network_subnet_create_old_server(self) -> None:
        self.set_server_max("2.69")
        self.assertRaisesRegex(
            exceptions.NotSupported,
            "2.70",
            self.proxy.check_share_network_subnet_create,
            NET_ID,
        )

    def test_delete_share_network_subnet(self) -> None:
        self.requests_mock.delete(SUBNET_URL, status_code=202)
        self.proxy.delete_share_network_subnet(NET_ID, SUBNET_ID)
        self.assert_request("DELETE", SUBNET_PATH, microversion=MV)

    def test_delete_share_network_subnet_missing(self) -> None:
        self.requests_mock.delete(SUBNET_URL, status_code=404, json=NOT_FOUND)
        self.proxy.delete_share_network_subnet(NET_ID, SUBNET_ID)
        self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_network_subnet,
            NET_ID,
            SUBNET_ID,
            ignore_missing=False,
        )

    def test_delete_share_network_subnet_old_server(self) -> None:
        self.set_server_max("2.50")
        self.assertRaises(
            exceptions.NotSupported,
            self.proxy.delete_share_network_subnet,
            NET_ID,
            SUBNET_ID,
        )


class TestShareNetworkSubnetMetadata(base.TestCase):
    def test_fetch_metadata(self) -> None:
        self.requests_mock.get(
            SUBNET_URL + "/metadata", json={"metadata": {"a": "1", "b": "2"}}
        )
        sns = self.proxy.fetch_share_network_subnet_metadata(NET_ID, SUBNET_ID)
        self.assert_request("GET", SUBNET_PATH + "/metadata", microversion=MV)
        self.assertEqual({"a": "1", "b": "2"}, sns.metadata)

    def test_fetch_metadata_old_server(self) -> None:
        self.set_server_max("2.77")
        self.assertRaisesRegex(
            exceptions.NotSupported,
            "2.78",
            self.proxy.fetch_share_network_subnet_metadata,
            NET_ID,
            SUBNET_ID,
        )
        self.assertEqual([], self.api_requests())

    def test_fetch_metadata_item(self) -> None:
        self.requests_mock.get(
            SUBNET_URL + "/metadata/a", json={"meta": {"a": "1"}}
        )
        sns = self.proxy.fetch_share_network_subnet_metadata_item(
            NET_ID, SUBNET_ID, "a"
        )
        self.assert_request(
            "GET", SUBNET_PATH + "/metadata/a", microversion=MV
        )
        self.assertEqual("1", sns.metadata["a"])

    def test_fetch_metadata_item_missing(self) -> None:
        self.requests_mock.get(
            SUBNET_URL + "/metadata/zz",
            status_code=404,
            json={
                "itemNotFound": {
                    "code": 404,
                    "message": "Metadata item zz could not be found.",
                }
            },
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.fetch_share_network_subnet_metadata_item,
            NET_ID,
            SUBNET_ID,
            "zz",
        )
        self.assertIn("zz could not be found", str(exc))

    def test_set_metadata_merge(self) -> None:
        self.requests_mock.post(
            SUBNET_URL + "/metadata", json={"metadata": {"a": "1", "b": "2"}}
        )
        sns = self.proxy.set_share_network_subnet_metadata(
            NET_ID, SUBNET_ID, b="2"
        )
        self.assert_request(
            "POST",
            SUBNET_PATH + "/metadata",
            microversion=MV,
            json_body={"metadata": {"b": "2"}},
        )
        self.assertEqual({"a": "1", "b": "2"}, sns.metadata)

    def test_set_metadata_replace(self) -> None:
        self.requests_mock.put(
            SUBNET_URL + "/metadata", json={"metadata": {"c": "3"}}
        )
        sns = self.proxy.set_share_network_subnet_metadata(
            NET_ID, SUBNET_ID, replace=True, c="3"
        )
        self.assert_request(
            "PUT",
            SUBNET_PATH + "/metadata",
            microversion=MV,
            json_body={"metadata": {"c": "3"}},
        )
        self.assertEqual({"c": "3"}, sns.metadata)

    def test_metadata_between_278_and_289_is_sent_as_is(self) -> None:
        # A 2.85 server stores the metadata without the driver update.
        self.set_server_max("2.85")
        self.requests_mock.post(
            SUBNET_URL + "/metadata", json={"metadata": {"b": "2"}}
        )
        self.proxy.set_share_network_subnet_metadata(NET_ID, SUBNET_ID, b="2")
        self.assert_request(
            "POST",
            SUBNET_PATH + "/metadata",
            microversion="2.85",
            json_body={"metadata": {"b": "2"}},
        )

    def test_update_metadata_item_uses_post(self) -> None:
        self.requests_mock.post(
            SUBNET_URL + "/metadata/a", json={"metadata": {"a": "9"}}
        )
        sns = self.proxy.update_share_network_subnet_metadata_item(
            NET_ID, SUBNET_ID, "a", "9"
        )
        self.assert_request(
            "POST",
            SUBNET_PATH + "/metadata/a",
            microversion=MV,
            json_body={"metadata": {"a": "9"}},
        )
        self.assertEqual("9", sns.metadata["a"])

    def test_delete_metadata_keys(self) -> None:
        self.requests_mock.delete(SUBNET_URL + "/metadata/a", status_code=200)
        self.requests_mock.delete(
            SUBNET_URL + "/metadata/b",
            status_code=404,
            json={"itemNotFound": {"code": 404, "message": "b not found"}},
        )
        self.proxy.delete_share_network_subnet_metadata(
            NET_ID, SUBNET_ID, ["b", "a"]
        )
        self.assert_request(
            "DELETE", SUBNET_PATH + "/metadata/a", microversion=MV, index=-2
        )
        self.assert_request(
            "DELETE", SUBNET_PATH + "/metadata/b", microversion=MV
        )
        exc = self.assertRaises(
            exceptions.NotFoundException,
            self.proxy.delete_share_network_subnet_metadata,
            NET_ID,
            SUBNET_ID,
            ["b"],
            ignore_missing=False,
        )
        self.assertIn("b not found", str(exc))

    def test_delete_all_metadata(self) -> None:
        self.requests_mock.get(
            SUBNET_URL + "/metadata", json={"metadata": {"x": "1", "y": "2"}}
        )
        self.requests_mock.delete(SUBNET_URL + "/metadata/x", status_code=200)
        self.requests_mock.delete(SUBNET_URL + "/metadata/y", status_code=200)
        self.proxy.delete_share_network_subnet_metadata(NET_ID, SUBNET_ID)
        methods = [(r.method, r.path) for r in self.api_requests()]
        prefix = "/v2" + SUBNET_PATH + "/metadata"
        self.assertEqual(
            [
                ("GET", prefix),
                ("DELETE", prefix + "/x"),
                ("DELETE", prefix + "/y"),
            ],
            methods,
        )
