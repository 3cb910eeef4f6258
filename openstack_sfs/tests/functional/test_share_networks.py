"""Share networks and subnets through openstack_sfs, against fake_server."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from fake_server.network import neutron
from openstack_sfs.tests.functional import base


class NetworkTestCase(base.FunctionalTestCase):
    """Helpers that create resources and clean them up at once."""

    def create_network(self, sfs: Any = None, **attrs: Any) -> Any:
        sfs = sfs or self.sfs
        attrs.setdefault("name", "net")
        network = sfs.create_share_network(**attrs)
        self.addCleanup(
            self._quietly, self.admin_sfs.delete_share_network, network.id
        )
        return network

    def dhss_network(self, **attrs: Any) -> Any:
        """A share network on the seeded ``private`` Neutron network, where
        share servers can get their ports."""
        return self.create_network(**dict(neutron.PRIVATE, **attrs))

    def create_share(self, network: Any, **attrs: Any) -> Any:
        attrs.setdefault("size", 1)
        attrs.setdefault("share_protocol", "NFS")
        attrs.setdefault("share_type", "dhss_true")
        share = self.sfs.create_share(share_network_id=network.id, **attrs)
        self.addCleanup(self._quietly, self.admin_sfs.delete_share, share.id)
        return self.sfs.wait_for_status(
            share,
            "available",
            failures=["error"],
            interval=0.02,
            wait=base.WAIT,
        )

    @staticmethod
    def _quietly(call: Any, *args: Any) -> None:
        try:
            call(*args)
        except exceptions.SDKException:
            pass

    def assertFault(
        self,
        exc_type: type[Exception],
        message: str,
        call: Any,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        error = self.assertRaises(exc_type, call, *args, **kwargs)
        self.assertIn(message, str(error))


class TestShareNetworks(NetworkTestCase):
    def test_create_list_show_update_delete(self) -> None:
        network = self.create_network(
            name="net1",
            description="first",
            neutron_net_id="net-uuid",
            neutron_subnet_id="subnet-uuid",
        )
        self.assertEqual("net1", network.name)
        self.assertEqual("active", network.status)
        (subnet,) = network.share_network_subnets
        self.assertEqual("net-uuid", subnet["neutron_net_id"])
        self.assertIsNone(subnet["availability_zone"])
        found = self.sfs.find_share_network("net1")
        self.assertEqual(network.id, found.id)
        self.assertEqual(
            [network.id], [n.id for n in self.sfs.share_networks()]
        )
        self.assertEqual(
            ["net1"], [n.name for n in self.sfs.share_networks(details=False)]
        )
        shown = self.sfs.get_share_network(network.id)
        self.assertEqual("first", shown.description)
        updated = self.sfs.update_share_network(network, name="renamed")
        self.assertEqual("renamed", updated.name)
        self.assertEqual(
            "renamed", self.sfs.get_share_network(network.id).name
        )
        self.sfs.delete_share_network(network)
        self.assertRaises(
            exceptions.NotFoundException,
            self.sfs.get_share_network,
            network.id,
        )

    def test_list_filters_and_projects(self) -> None:
        mine = self.create_network(name="alpha-one")
        self.create_network(name="beta")
        theirs = self.create_network(
            self.alt.shared_file_system, name="alpha-two"
        )
        query: dict[str, Any] = {"name~": "alpha"}
        names = {n.name for n in self.sfs.share_networks(**query)}
        self.assertEqual({"alpha-one"}, names)
        self.assertEqual(
            [mine.id],
            [n.id for n in self.sfs.share_networks(name="alpha-one")],
        )
        ids = {n.id for n in self.admin_sfs.share_networks(all_projects=True)}
        self.assertIn(theirs.id, ids)
        self.assertIn(mine.id, ids)
        self.assertEqual([], list(self.admin_sfs.share_networks()))
        self.assertRaises(
            exceptions.NotFoundException, self.sfs.get_share_network, theirs.id
        )

    def test_bad_input(self) -> None:
        self.assertFault(
            exceptions.BadRequestException,
            "you need to specify both neutron_net_id and neutron_subnet_id",
            self.sfs.create_share_network,
            neutron_net_id="only-net",
        )
        self.assertFault(
            exceptions.BadRequestException,
            "The provided availability zone nowhere does not exist.",
            self.sfs.create_share_network,
            availability_zone="nowhere",
        )
        response = self.raw(
            self.conn, "POST", "/share-networks", json={"net": {}}
        )
        self.assertEqual(422, response.status_code)
        response = self.raw(
            self.conn,
            "POST",
            "/share-networks",
            json={"share_network": {"nova_net_id": "x"}},
        )
        self.assertEqual(400, response.status_code)
        self.assertEqual(
            "nova networking is not supported starting in Ocata.",
            response.json()["badRequest"]["message"],
        )
        self.assertEqual([], list(self.sfs.share_networks()))

    def test_quota(self) -> None:
        self.admin_sfs.update_quota_set(
            self.fake.project_id("demo"), share_networks=1
        )
        self.create_network()
        error = self.assertRaises(
            exceptions.HttpException, self.sfs.create_share_network, name="x"
        )
        self.assertEqual(413, error.status_code)
        self.assertIn(
            "Maximum number of share-networks allowed (1) exceeded.",
            str(error),
        )

    def test_delete_refused_while_shares_exist(self) -> None:
        network = self.dhss_network()
        self.create_share(network)
        self.assertFault(
            exceptions.ConflictException,
            f"Can not delete share network {network.id}, it has 1 share(s).",
            self.sfs.delete_share_network,
            network,
        )
        self.assertEqual(network.id, self.sfs.get_share_network(network.id).id)

    def test_update_refused_while_share_servers_exist(self) -> None:
        network = self.dhss_network()
        self.create_share(network)
        self.assertFault(
            exceptions.ForbiddenException,
            "It is used by share servers. Only 'name' and 'description' "
            "fields are available for update",
            self.sfs.update_share_network,
            network.id,
            neutron_net_id="n",
            neutron_subnet_id="s",
        )
        self.assertEqual(
            "ok", self.sfs.update_share_network(network.id, name="ok").name
        )

    def test_reset_status_is_admin_only(self) -> None:
        network = self.create_network()
        path = f"/share-networks/{network.id}/action"
        body = {"reset_status": {"status": "error"}}
        response = self.raw(self.conn, "POST", path, json=body)
        self.assertEqual(403, response.status_code)
        response = self.raw(self.admin, "POST", path, json=body)
        self.assertEqual(202, response.status_code)
        self.assertEqual(
            "error", self.sfs.get_share_network(network.id).status
        )


class TestShareNetworkSubnets(NetworkTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.network = self.create_network()
        self.default = self.network.share_network_subnets[0]

    def test_create_list_show_delete(self) -> None:
        subnet = self.sfs.create_share_network_subnet(
            self.network,
            availability_zone="nova",
            neutron_net_id="n2",
            neutron_subnet_id="s2",
        )
        self.assertEqual("nova", subnet.availability_zone)
        self.assertEqual("n2", subnet.neutron_net_id)
        ids = {s.id for s in self.sfs.share_network_subnets(self.network)}
        self.assertEqual({self.default["id"], subnet.id}, ids)
        shown = self.sfs.get_share_network_subnet(self.network, subnet.id)
        self.assertEqual("net", shown.share_network_name)
        self.assertEqual(
            2,
            len(
                self.sfs.get_share_network(
                    self.network.id
                ).share_network_subnets
            ),
        )
        self.sfs.delete_share_network_subnet(self.network, subnet)
        self.assertRaises(
            exceptions.NotFoundException,
            self.sfs.get_share_network_subnet,
            self.network,
            subnet.id,
        )

    def test_one_subnet_per_zone_before_2_70(self) -> None:
        path = f"/share-networks/{self.network.id}/subnets"
        body = {"share-network-subnet": {"availability_zone": "nova"}}
        response = self.raw(
            self.conn, "POST", path, json=body, microversion="2.69"
        )
        self.assertEqual(200, response.status_code)
        response = self.raw(
            self.conn, "POST", path, json=body, microversion="2.69"
        )
        self.assertEqual(409, response.status_code)
        self.assertIn(
            "Only one share network subnet is allowed per availability zone",
            response.json()["conflictingRequest"]["message"],
        )
        response = self.raw(
            self.conn, "POST", path, json=body, microversion="2.70"
        )
        self.assertEqual(200, response.status_code)
        response = self.raw(self.conn, "GET", path, microversion="2.50")
        self.assertEqual(404, response.status_code)

    def test_metadata(self) -> None:
        subnet = self.sfs.create_share_network_subnet(
            self.network, availability_zone="nova", metadata={"a": "1"}
        )
        self.sfs.set_share_network_subnet_metadata(self.network, subnet, b="2")
        fetched = self.sfs.fetch_share_network_subnet_metadata(
            self.network, subnet
        )
        self.assertEqual({"a": "1", "b": "2"}, fetched.metadata)
        item = self.sfs.fetch_share_network_subnet_metadata_item(
            self.network, subnet, "b"
        )
        self.assertEqual("2", item.metadata["b"])
        self.sfs.update_share_network_subnet_metadata_item(
            self.network, subnet, "c", "3"
        )
        self.sfs.set_share_network_subnet_metadata(
            self.network, subnet, replace=True, z="9"
        )
        self.assertEqual(
            {"z": "9"},
            self.sfs.fetch_share_network_subnet_metadata(
                self.network, subnet
            ).metadata,
        )
        self.sfs.delete_share_network_subnet_metadata(
            self.network, subnet, ["z"]
        )
        self.assertEqual(
            {},
            self.sfs.fetch_share_network_subnet_metadata(
                self.network, subnet
            ).metadata,
        )
        self.assertRaises(
            exceptions.NotFoundException,
            self.sfs.fetch_share_network_subnet_metadata_item,
            self.network,
            subnet,
            "z",
        )

    def test_delete_refused_while_its_server_has_shares(self) -> None:
        network = self.dhss_network()
        default = network.share_network_subnets[0]
        self.create_share(network)
        self.assertFault(
            exceptions.ConflictException,
            f"Cannot delete share network subnet {default['id']} of "
            f"share network {network.id}, it has one or more shares.",
            self.sfs.delete_share_network_subnet,
            network,
            default["id"],
        )
