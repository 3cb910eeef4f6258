"""The minimal Neutron through openstacksdk's network proxy, and share
networks built on it (Manila's Neutron plugin), against fake_server."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.functional import base


class NeutronTestCase(base.FunctionalTestCase):
    """Helpers that create Neutron resources and clean them up at once."""

    def network(self, conn: Any = None, **attrs: Any) -> Any:
        conn = conn or self.conn
        network = conn.network.create_network(**attrs)
        # each test has its own fake cloud: a cleanup that races the
        # asynchronous share server teardown may give up
        self.addCleanup(
            self.quietly, self.admin.network.delete_network, network
        )
        return network

    @staticmethod
    def quietly(call: Any, *args: Any) -> None:
        try:
            call(*args)
        except exceptions.SDKException:
            pass

    def subnet(
        self, network: Any, cidr: str = "10.0.0.0/24", **attrs: Any
    ) -> Any:
        conn = attrs.pop("conn", self.conn)
        return conn.network.create_subnet(
            network_id=network.id, ip_version=4, cidr=cidr, **attrs
        )

    def raw_neutron(
        self, conn: Any, method: str, path: str, **kwargs: Any
    ) -> Any:
        return conn.network.request(path, method, raise_exc=False, **kwargs)


class TestNetworks(NeutronTestCase):
    def test_create_show_list_update_delete(self) -> None:
        network = self.network(name="n1", description="first")
        self.assertEqual("ACTIVE", network.status)
        self.assertTrue(network.is_admin_state_up)
        self.assertFalse(network.is_shared)
        self.assertFalse(network.is_router_external)
        self.assertEqual(1442, network.mtu)
        self.assertEqual([], network.subnet_ids)
        self.assertEqual(self.fake.project_id("demo"), network.project_id)
        # provider attributes are for admins only
        self.assertIsNone(network.provider_network_type)
        as_admin = self.admin.network.get_network(network.id)
        self.assertEqual("geneve", as_admin.provider_network_type)
        self.assertIsNotNone(as_admin.provider_segmentation_id)
        subnet = self.subnet(network, name="s1", cidr="10.1.0.0/24")
        self.assertEqual("10.1.0.1", subnet.gateway_ip)
        self.assertEqual(
            [{"start": "10.1.0.2", "end": "10.1.0.254"}],
            subnet.allocation_pools,
        )
        self.assertTrue(subnet.is_dhcp_enabled)
        self.assertEqual(4, subnet.ip_version)
        shown = self.conn.network.get_network(network.id)
        self.assertEqual([subnet.id], shown.subnet_ids)
        self.assertGreater(shown.revision_number, network.revision_number)
        self.assertEqual(
            ["n1"], [n.name for n in self.conn.network.networks(name="n1")]
        )
        self.assertEqual(
            [subnet.id],
            [s.id for s in self.conn.network.subnets(network_id=network.id)],
        )
        renamed = self.conn.network.update_network(network, name="n2")
        self.assertEqual("n2", renamed.name)
        self.conn.network.delete_network(network)
        self.assertRaises(
            exceptions.NotFoundException,
            self.conn.network.get_subnet,
            subnet.id,
        )

    def test_devstack_networks_are_seeded(self) -> None:
        names = {n.name for n in self.conn.network.networks()}
        self.assertEqual({"public", "shared", "private"}, names)
        public = self.conn.network.find_network("public")
        self.assertTrue(public.is_router_external)
        # alt_demo sees the shared and external networks, not demo's
        alt = {n.name for n in self.alt.network.networks()}
        self.assertEqual({"public", "shared"}, alt)

    def test_fields_and_filters(self) -> None:
        network = self.network(name="f1")
        resp = self.raw_neutron(
            self.conn, "GET", "/networks?name=f1&fields=id&fields=name"
        )
        self.assertEqual(200, resp.status_code)
        self.assertEqual(
            [{"id": network.id, "name": "f1"}], resp.json()["networks"]
        )
        resp = self.raw_neutron(self.conn, "GET", "/networks?colour=red")
        self.assertEqual(400, resp.status_code)
        self.assertEqual(
            {
                "type": "HTTPBadRequest",
                "message": "[colour] is invalid attribute for filtering",
                "detail": "",
            },
            resp.json()["NeutronError"],
        )
        shared = [n.name for n in self.conn.network.networks(is_shared=True)]
        self.assertEqual(["shared"], shared)

    def test_subnet_validation(self) -> None:
        network = self.network(name="v1")
        self.subnet(network, cidr="10.2.0.0/24")
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.subnet,
            network,
            cidr="10.2.0.128/25",
        )
        self.assertIn("overlaps with another subnet", str(error))
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.subnet,
            network,
            cidr="not-a-cidr",
        )
        self.assertIn("is not a valid IP subnet", str(error))
        error = self.assertRaises(
            exceptions.NotFoundException,
            self.conn.network.create_subnet,
            network_id="missing",
            ip_version=4,
            cidr="10.3.0.0/24",
        )
        self.assertIn("Network missing could not be found", str(error))


class TestNetworkPolicies(NeutronTestCase):
    def test_other_projects_network_is_404(self) -> None:
        network = self.network(name="mine")
        for call, kwargs in (
            (self.alt.network.get_network, {}),
            (self.alt.network.delete_network, {"ignore_missing": False}),
        ):
            error = self.assertRaises(
                exceptions.NotFoundException, call, network.id, **kwargs
            )
            self.assertIn(
                f"Network {network.id} could not be found", str(error)
            )
        resp = self.raw_neutron(self.alt, "GET", f"/networks/{network.id}")
        self.assertEqual(
            "NetworkNotFound", resp.json()["NeutronError"]["type"]
        )
        self.assertNotIn(
            network.id, [n.id for n in self.alt.network.networks()]
        )
        # admins see every project's networks
        self.assertEqual(
            network.id, self.admin.network.get_network(network.id).id
        )

    def test_member_cannot_create_provider_or_shared_networks(self) -> None:
        for attrs in (
            {"provider_network_type": "vlan", "provider_segmentation_id": 5},
            {"is_shared": True},
            {"is_router_external": True},
        ):
            error = self.assertRaises(
                exceptions.ForbiddenException,
                self.conn.network.create_network,
                name="p",
                **attrs,
            )
            self.assertIn("is disallowed by policy", str(error))
        vlan = self.network(
            self.admin,
            name="vlan",
            provider_network_type="vlan",
            provider_physical_network="physnet1",
            provider_segmentation_id=100,
            is_shared=True,
        )
        self.assertEqual(1500, vlan.mtu)
        self.assertEqual(100, vlan.provider_segmentation_id)
        # a shared network: visible to members, not theirs to change
        self.assertEqual("vlan", self.conn.network.get_network(vlan.id).name)
        self.assertRaises(
            exceptions.ForbiddenException,
            self.conn.network.update_network,
            vlan.id,
            name="mine",
        )
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.admin.network.create_network,
            name="bad",
            provider_network_type="vlan",
            provider_physical_network="physnet1",
            provider_segmentation_id=5000,
        )
        self.assertIn("segmentation_id out of range", str(error))

    def test_network_in_use_and_subnet_in_use(self) -> None:
        network = self.network(name="busy")
        subnet = self.subnet(network, cidr="10.4.0.0/29")
        port = self.conn.network.create_port(network_id=network.id)
        self.assertEqual(
            [{"subnet_id": subnet.id, "ip_address": "10.4.0.2"}],
            port.fixed_ips,
        )
        error = self.assertRaises(
            exceptions.ConflictException,
            self.conn.network.delete_network,
            network,
        )
        self.assertIn("There are one or more ports still in use", str(error))
        self.assertRaises(
            exceptions.ConflictException,
            self.conn.network.delete_subnet,
            subnet,
        )
        self.conn.network.delete_port(port)
        self.conn.network.delete_network(network)

    def test_without_token_is_401(self) -> None:
        resp = self.conn.session.get(
            self.fake.base_url + "/networking/v2.0/networks",
            authenticated=False,
            raise_exc=False,
        )
        self.assertEqual(401, resp.status_code)


class TestShareNetworksOnNeutron(NeutronTestCase):
    def share_network(self, **attrs: Any) -> Any:
        network = self.conn.shared_file_system.create_share_network(**attrs)
        self.addCleanup(
            self.quietly,
            self.admin.shared_file_system.delete_share_network,
            network.id,
        )
        return network

    def create_share(self, share_network: Any) -> Any:
        sfs = self.conn.shared_file_system
        share = sfs.create_share(
            size=1,
            share_protocol="NFS",
            share_type="dhss_true",
            share_network_id=share_network.id,
        )
        self.addCleanup(
            self.quietly, self.admin.shared_file_system.delete_share, share.id
        )
        return share

    def wait(self, share: Any, status: str) -> Any:
        return self.conn.shared_file_system.wait_for_status(
            share, status, interval=0.02, wait=base.WAIT
        )

    def test_share_server_takes_ports_on_the_subnet(self) -> None:
        network = self.network(name="data")
        subnet = self.subnet(network, cidr="10.5.0.0/24")
        share_network = self.share_network(
            name="sn", neutron_net_id=network.id, neutron_subnet_id=subnet.id
        )
        share = self.wait(self.create_share(share_network), "available")
        sfs = self.conn.shared_file_system
        # the dummy driver's preferred and second location, on the
        # server's two ports
        paths = [e.path for e in sfs.export_locations(share.id)]
        self.assertEqual(2, len(paths))
        self.assertTrue(paths[0].startswith("10.5.0.2:/"), paths)
        self.assertTrue(paths[1].startswith("10.5.0.3:/"), paths)
        ports = list(self.admin.network.ports(network_id=network.id))
        self.assertEqual({"manila:share"}, {p.device_owner for p in ports})
        self.assertEqual(
            ["10.5.0.2", "10.5.0.3"],
            sorted(p.fixed_ips[0]["ip_address"] for p in ports),
        )
        server_id = self.admin.shared_file_system.get_share(
            share.id
        ).share_server_id
        self.assertEqual({server_id}, {p.device_id for p in ports})
        # the share network subnet now carries Neutron's details
        shown = self.admin.shared_file_system.get_share_network(
            share_network.id
        )
        (details,) = shown.share_network_subnets
        self.assertEqual("10.5.0.0/24", details["cidr"])
        self.assertEqual("10.5.0.1", details["gateway"])
        self.assertEqual(4, details["ip_version"])
        self.assertEqual(1442, details["mtu"])
        self.assertEqual("geneve", details["network_type"])
        as_admin = self.admin.network.get_network(network.id)
        self.assertEqual(
            as_admin.provider_segmentation_id, details["segmentation_id"]
        )
        # the ports keep the Neutron network in use
        self.assertRaises(
            exceptions.ConflictException,
            self.conn.network.delete_network,
            network,
        )

    def test_unknown_or_mismatched_ids_fail_at_share_server_setup(
        self,
    ) -> None:
        network = self.network(name="a")
        other = self.network(name="b")
        other_subnet = self.subnet(other, cidr="10.6.0.0/24")
        for net_id, subnet_id in (
            ("no-such-net", other_subnet.id),
            (network.id, "no-such-subnet"),
            (network.id, other_subnet.id),  # a subnet of another network
        ):
            # Manila's API stores the ids as given ...
            share_network = self.share_network(
                neutron_net_id=net_id, neutron_subnet_id=subnet_id
            )
            # ... and its Neutron plugin refuses them at server setup
            share = self.wait(self.create_share(share_network), "error")
            self.assertEqual("error", share.status)
        messages = list(self.conn.shared_file_system.user_messages())
        self.assertEqual(3, len(messages))
        self.assertEqual({"004"}, {m.detail_id for m in messages})
        self.assertEqual(
            [], list(self.admin.network.ports(network_id=network.id))
        )

    def test_full_subnet(self) -> None:
        network = self.network(name="small")
        subnet = self.subnet(
            network,
            cidr="10.7.0.0/24",
            allocation_pools=[{"start": "10.7.0.10", "end": "10.7.0.12"}],
        )
        first = self.share_network(
            neutron_net_id=network.id, neutron_subnet_id=subnet.id
        )
        self.wait(self.create_share(first), "available")
        second = self.share_network(
            neutron_net_id=network.id, neutron_subnet_id=subnet.id
        )
        self.wait(self.create_share(second), "error")
        (message,) = self.conn.shared_file_system.user_messages()
        self.assertEqual("033", message.detail_id)
        # the half-made server's port went back to the pool
        self.assertEqual(2, len(list(self.admin.network.ports())))

    def checked_subnet_create(
        self, share_network: Any, net_id: str, subnet_id: str
    ) -> None:
        """Manila's subnet create check: asked, then answered."""
        sfs = self.conn.shared_file_system
        first = sfs.check_share_network_subnet_create(
            share_network, neutron_net_id=net_id, neutron_subnet_id=subnet_id
        )
        self.assertIsNone(first["compatible"])
        self.assertTrue(self.fake.wait_idle())
        again = sfs.check_share_network_subnet_create(
            share_network, neutron_net_id=net_id, neutron_subnet_id=subnet_id
        )
        self.assertTrue(again["compatible"])

    def test_subnet_added_to_a_zone_with_servers_gets_ports(self) -> None:
        network = self.network(name="grow")
        first = self.subnet(network, cidr="10.8.0.0/24")
        second = self.subnet(network, cidr="10.8.1.0/24")
        share_network = self.share_network(
            neutron_net_id=network.id, neutron_subnet_id=first.id
        )
        share = self.wait(self.create_share(share_network), "available")
        sfs = self.conn.shared_file_system
        # 2.70: a second default subnet joins the zone's share server,
        # after a check found its backend able to take it
        self.checked_subnet_create(share_network, network.id, second.id)
        added = sfs.create_share_network_subnet(
            share_network,
            neutron_net_id=network.id,
            neutron_subnet_id=second.id,
        )
        server_id = self.admin.shared_file_system.get_share(
            share.id
        ).share_server_id
        server = self.admin.shared_file_system.get_share_server(server_id)
        self.assertIn(added.id, server.share_network_subnet_ids)

        def ports_on_second() -> list[Any]:
            return [
                p
                for p in self.admin.network.ports(device_id=server_id)
                if p.fixed_ips[0]["subnet_id"] == second.id
            ]

        # the share service makes them asynchronously
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(2, len(ports_on_second()))
        self.assertEqual("available", sfs.get_share(share.id).status)
        # a subnet Neutron does not know: the server and its share fail
        self.checked_subnet_create(share_network, network.id, "no-such-subnet")
        sfs.create_share_network_subnet(
            share_network,
            neutron_net_id=network.id,
            neutron_subnet_id="no-such-subnet",
        )
        self.assertTrue(self.fake.wait_idle())
        server = self.admin.shared_file_system.get_share_server(server_id)
        self.assertEqual("error", server.status)
        self.assertEqual("error", sfs.get_share(share.id).status)


class TestNeutronSwitchedOff(NeutronTestCase):
    fake_config = {"server": {"neutron": False}}

    def test_any_ids_and_standalone_addresses(self) -> None:
        share_network = self.conn.shared_file_system.create_share_network(
            neutron_net_id="any-net", neutron_subnet_id="any-subnet"
        )
        sfs = self.conn.shared_file_system
        share = sfs.create_share(
            size=1,
            share_protocol="NFS",
            share_type="dhss_true",
            share_network_id=share_network.id,
        )
        share = sfs.wait_for_status(
            share,
            "available",
            failures=["error"],
            interval=0.02,
            wait=base.WAIT,
        )
        path, second = [e.path for e in sfs.export_locations(share.id)]
        self.assertTrue(path.startswith("10.254.0."), path)
        self.assertTrue(second.startswith("10.254.0."), second)
        self.assertEqual([], list(self.admin.network.ports()))
