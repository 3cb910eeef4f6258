"""The fake server's minimal Neutron and Manila's Neutron plugin, in-process.

HTTP cases go through the WSGI app (falcon's test client, no sockets);
rule cases call ``fake_server.network.neutron`` with a hand-made context.
"""

from __future__ import annotations

import json
from typing import Any

import falcon.testing
import fixtures
import testtools

from fake_server import config
from fake_server.app import build_app
from fake_server.cloud import Cloud
from fake_server.context import Context
from fake_server.network import neutron, plugin
from openstack_sfs.tests.unit.fake_server.test_core import password_body

#: what a member sees of a network (no provider:* attributes)
MEMBER_NETWORK_KEYS = {
    "id",
    "name",
    "tenant_id",
    "project_id",
    "description",
    "tags",
    "created_at",
    "updated_at",
    "revision_number",
    "admin_state_up",
    "status",
    "subnets",
    "shared",
    "router:external",
    "mtu",
    "port_security_enabled",
    "availability_zone_hints",
    "availability_zones",
    "ipv4_address_scope",
    "ipv6_address_scope",
    "qos_policy_id",
    "is_default",
    "l2_adjacency",
}
PROVIDER_KEYS = {
    "provider:network_type",
    "provider:physical_network",
    "provider:segmentation_id",
}


class NeutronTestCase(testtools.TestCase):
    """A cloud, tokens for the seeded users and a Neutron client."""

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(60, gentle=True))
        self.cloud = Cloud(
            config.from_dict({"server": {"progression": "manual"}})
        )
        self.addCleanup(self.cloud.close)
        self.client = falcon.testing.TestClient(build_app(self.cloud))
        self.tokens = {
            user: self.cloud.identity.authenticate(
                password_body(user)
            ).token_id
            for user in ("admin", "demo", "alt_demo")
        }

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        user: str = "demo",
        query: str = "",
    ) -> tuple[int, Any]:
        result = self.client.simulate_request(
            method,
            "/networking/v2.0" + path,
            headers={
                "X-Auth-Token": self.tokens[user],
                "Content-Type": "application/json",
            },
            body=json.dumps(body) if body is not None else None,
            query_string=query,
        )
        return result.status_code, result.json if result.content else None

    def ok(self, method: str, path: str, body: Any = None, **kw: Any) -> Any:
        status, answer = self.call(method, path, body, **kw)
        self.assertIn(status, (200, 201, 204), answer)
        return answer

    def fault(
        self,
        code: int,
        kind: str,
        method: str,
        path: str,
        body: Any = None,
        **kw: Any,
    ) -> str:
        status, answer = self.call(method, path, body, **kw)
        self.assertEqual(code, status, answer)
        self.assertEqual({"NeutronError"}, set(answer))
        self.assertEqual(kind, answer["NeutronError"]["type"])
        self.assertEqual("", answer["NeutronError"]["detail"])
        return str(answer["NeutronError"]["message"])

    def network(self, user: str = "demo", **values: Any) -> dict[str, Any]:
        body = {"network": dict({"name": "net"}, **values)}
        network: dict[str, Any] = self.ok(
            "POST", "/networks", body, user=user
        )["network"]
        return network

    def subnet(
        self, network_id: str, cidr: str, user: str = "demo", **values: Any
    ) -> dict[str, Any]:
        body = {
            "subnet": dict(
                {"network_id": network_id, "ip_version": 4, "cidr": cidr},
                **values,
            )
        }
        subnet: dict[str, Any] = self.ok("POST", "/subnets", body, user=user)[
            "subnet"
        ]
        return subnet


class TestDocumentsAndAuth(NeutronTestCase):
    def test_versions_document_needs_no_token(self) -> None:
        result = self.client.simulate_get("/networking")
        self.assertEqual(200, result.status_code)
        (version,) = result.json["versions"]
        self.assertEqual("v2.0", version["id"])
        self.assertEqual("CURRENT", version["status"])
        self.assertTrue(
            version["links"][0]["href"].endswith("/networking/v2.0/")
        )

    def test_api_needs_a_token(self) -> None:
        result = self.client.simulate_get("/networking/v2.0/networks")
        self.assertEqual(401, result.status_code)
        self.assertEqual(401, result.json["error"]["code"])

    def test_catalog_lists_network(self) -> None:
        token = self.cloud.identity.validate(self.tokens["demo"])
        body = self.cloud.identity.token_body(token, "http://h")
        (entry,) = [
            s for s in body["token"]["catalog"] if s["type"] == "network"
        ]
        self.assertEqual(
            {"http://h/networking"}, {e["url"] for e in entry["endpoints"]}
        )

    def test_extensions(self) -> None:
        aliases = {
            e["alias"] for e in self.ok("GET", "/extensions")["extensions"]
        }
        self.assertLessEqual(
            {"provider", "external-net", "pagination"}, aliases
        )
        self.assertEqual(
            "provider",
            self.ok("GET", "/extensions/provider")["extension"]["alias"],
        )
        self.fault(404, "HTTPNotFound", "GET", "/extensions/nope")

    def test_unknown_paths_and_methods(self) -> None:
        for path in ("/routers", "/networks/a/b/c"):
            result = self.client.simulate_get(
                "/networking/v2.0" + path,
                headers={"X-Auth-Token": self.tokens["demo"]},
            )
            self.assertEqual(404, result.status_code)
        self.fault(405, "HTTPMethodNotAllowed", "PUT", "/networks")


class TestNetworks(NeutronTestCase):
    def test_shape_for_members_and_admins(self) -> None:
        created = self.network(description="d")
        self.assertEqual(MEMBER_NETWORK_KEYS, set(created))
        self.assertEqual("ACTIVE", created["status"])
        self.assertEqual(created["tenant_id"], created["project_id"])
        self.assertEqual(0, created["revision_number"])
        self.assertTrue(created["created_at"].endswith("Z"))
        shown = self.ok("GET", f"/networks/{created['id']}", user="admin")
        self.assertEqual(
            MEMBER_NETWORK_KEYS | PROVIDER_KEYS, set(shown["network"])
        )
        self.assertEqual("geneve", shown["network"]["provider:network_type"])

    def test_fields_filters_sort_and_pages(self) -> None:
        for name in ("c", "a", "b"):
            self.network(name=name)
        answer = self.ok(
            "GET", "/networks", query="fields=name&sort_key=name&name=a&name=b"
        )
        self.assertEqual([{"name": "a"}, {"name": "b"}], answer["networks"])
        page = self.ok(
            "GET", "/networks", query="limit=2&sort_key=name&sort_dir=desc"
        )
        self.assertEqual(
            ["shared", "public"], [n["name"] for n in page["networks"]]
        )
        (link,) = page["networks_links"]
        self.assertEqual("next", link["rel"])
        marker = page["networks"][-1]["id"]
        rest = self.ok(
            "GET",
            "/networks",
            query=f"limit=10&sort_key=name&sort_dir=desc&marker={marker}",
        )
        self.assertEqual(
            ["private", "c", "b", "a"], [n["name"] for n in rest["networks"]]
        )
        self.assertNotIn("networks_links", rest)
        self.assertEqual(
            "[colour] is invalid attribute for filtering",
            self.fault(
                400, "HTTPBadRequest", "GET", "/networks", query="colour=1"
            ),
        )
        self.fault(
            400, "HTTPBadRequest", "GET", "/networks", query="shared=maybe"
        )

    def test_tags_filters(self) -> None:
        network = self.network(name="tagged")
        self.cloud.store.get(neutron.NETWORKS, network["id"])["tags"] = [
            "red",
            "blue",
        ]
        for query, found in (
            ("tags=red,blue", ["tagged"]),
            ("tags=red,green", []),
            ("tags-any=green,blue", ["tagged"]),
            ("not-tags=red", []),
            ("not-tags-any=green", ["tagged"]),
        ):
            names = [
                n["name"]
                for n in self.ok(
                    "GET", "/networks", query=query + "&name=tagged"
                )["networks"]
            ]
            self.assertEqual(found, names, query)

    def test_bad_bodies(self) -> None:
        cases: tuple[tuple[Any, str], ...] = (
            (None, "Resource body required"),
            ({"net": {}}, "Unable to find 'network' in request body"),
            ({"network": {"colour": 1}}, "Unrecognized attribute(s) 'colour'"),
            (
                {"network": {"admin_state_up": "perhaps"}},
                "Invalid input for admin_state_up. Reason: 'perhaps' is not "
                "a valid boolean value.",
            ),
            (
                {"network": {"project_id": "someone-else"}},
                "Specifying 'project_id' or 'tenant_id' other than the "
                "authenticated project in request requires admin privileges",
            ),
        )
        for body, message in cases:
            self.assertEqual(
                message,
                self.fault(400, "HTTPBadRequest", "POST", "/networks", body),
            )
        self.fault(
            400, "HTTPBadRequest", "POST", "/networks", {"networks": [{}]}
        )

    def test_provider_networks_are_admin_only_and_checked(self) -> None:
        message = self.fault(
            403,
            "PolicyNotAuthorized",
            "POST",
            "/networks",
            {"network": {"provider:network_type": "flat"}},
        )
        self.assertEqual(
            "(rule:create_network and "
            "rule:create_network:provider:network_type) is disallowed by "
            "policy",
            message,
        )
        # the default value needs no privilege
        self.network(shared=False)
        for attrs, text in (
            ({"provider:network_type": "flat"}, "physical_network required"),
            (
                {
                    "provider:network_type": "flat",
                    "provider:physical_network": "p",
                    "provider:segmentation_id": 3,
                },
                "segmentation_id specified for flat network",
            ),
            (
                {
                    "provider:network_type": "vlan",
                    "provider:segmentation_id": 4095,
                },
                "segmentation_id out of range (1 through 4094)",
            ),
            (
                {"provider:network_type": "token-ring"},
                "network_type value 'token-ring' not supported",
            ),
        ):
            message = self.fault(
                400,
                "InvalidInput",
                "POST",
                "/networks",
                {"network": attrs},
                user="admin",
            )
            self.assertIn(text, message)
        vlan = self.network(
            user="admin",
            **{
                "provider:network_type": "vlan",
                "provider:physical_network": "physnet1",
            },
        )
        self.assertEqual(1500, vlan["mtu"])
        self.assertIsNotNone(vlan["provider:segmentation_id"])

    def test_isolation_and_ownership(self) -> None:
        mine = self.network(name="mine")
        path = f"/networks/{mine['id']}"
        for method, body in (
            ("GET", None),
            ("PUT", {"network": {"name": "x"}}),
            ("DELETE", None),
        ):
            message = self.fault(
                404, "NetworkNotFound", method, path, body, user="alt_demo"
            )
            self.assertEqual(
                f"Network {mine['id']} could not be found.", message
            )
        shared = self.network(user="admin", name="open", shared=True)
        self.ok("GET", f"/networks/{shared['id']}", user="alt_demo")
        self.fault(
            403,
            "PolicyNotAuthorized",
            "DELETE",
            f"/networks/{shared['id']}",
            user="alt_demo",
        )
        self.fault(
            403,
            "PolicyNotAuthorized",
            "POST",
            "/subnets",
            {
                "subnet": {
                    "network_id": shared["id"],
                    "ip_version": 4,
                    "cidr": "10.9.0.0/24",
                }
            },
            user="alt_demo",
        )
        renamed = self.ok("PUT", path, {"network": {"name": "renamed"}})
        self.assertEqual(1, renamed["network"]["revision_number"])

    def test_reader_cannot_write(self) -> None:
        reader = Context(
            user_id="u", project_id="p", roles=frozenset({"reader"})
        )
        error = self.assertRaises(
            neutron.NeutronError,
            neutron.create_network,
            self.cloud.store,
            reader,
            {"network": {"name": "n"}},
        )
        self.assertEqual(403, error.code)
        nobody = Context(user_id="u", project_id="p")
        self.assertEqual(
            [],
            neutron.list_records(
                self.cloud.store, nobody, neutron.NETWORKS, {}, ""
            )["networks"],
        )

    def test_delete_takes_the_subnets_along(self) -> None:
        network = self.network()
        subnet = self.subnet(network["id"], "10.1.0.0/24")
        self.ok("DELETE", f"/networks/{network['id']}")
        self.fault(404, "SubnetNotFound", "GET", f"/subnets/{subnet['id']}")

    def test_seeded_networks_survive_reset(self) -> None:
        ids = neutron.PRIVATE
        self.cloud.reset()
        network = self.cloud.store.get(neutron.NETWORKS, ids["neutron_net_id"])
        assert network is not None
        self.assertEqual([ids["neutron_subnet_id"]], network["subnets"])
        self.assertEqual(
            self.cloud.identity.project_ids()["demo"], network["project_id"]
        )


class TestSubnets(NeutronTestCase):
    def test_defaults(self) -> None:
        network = self.network()
        subnet = self.subnet(network["id"], "10.1.0.0/24", name="s")
        self.assertEqual("10.1.0.1", subnet["gateway_ip"])
        self.assertEqual(
            [{"start": "10.1.0.2", "end": "10.1.0.254"}],
            subnet["allocation_pools"],
        )
        self.assertTrue(subnet["enable_dhcp"])
        self.assertEqual([], subnet["dns_nameservers"])
        self.assertNotIn("ip_allocations", subnet)
        no_gateway = self.subnet(network["id"], "10.2.0.0/29", gateway_ip=None)
        self.assertIsNone(no_gateway["gateway_ip"])
        self.assertEqual(
            [{"start": "10.2.0.1", "end": "10.2.0.6"}],
            no_gateway["allocation_pools"],
        )
        v6 = self.subnet(network["id"], "fd00::/64", ip_version=6)
        self.assertEqual("fd00::1", v6["gateway_ip"])
        self.assertEqual(
            "fd00::ffff:ffff:ffff:ffff", v6["allocation_pools"][0]["end"]
        )
        shown = self.ok("GET", f"/networks/{network['id']}")["network"]
        self.assertEqual(
            [subnet["id"], no_gateway["id"], v6["id"]], shown["subnets"]
        )

    def test_validation(self) -> None:
        net = self.network()["id"]

        def body(**values: Any) -> dict[str, Any]:
            return {
                "subnet": dict(
                    {
                        "network_id": net,
                        "ip_version": 4,
                        "cidr": "10.3.0.0/24",
                    },
                    **values,
                )
            }

        self.subnet(net, "10.3.0.0/24")
        for values, code, kind, text in (
            ({}, 400, "InvalidInput", "overlaps with another subnet"),
            (
                {"cidr": "bogus"},
                400,
                "HTTPBadRequest",
                "not a valid IP subnet",
            ),
            ({"cidr": "10.4.0.1/24"}, 400, "HTTPBadRequest", "recommended"),
            (
                {"cidr": None},
                400,
                "BadRequest",
                "subnetpool must be specified",
            ),
            ({"ip_version": 5}, 400, "HTTPBadRequest", "5 is not in [4, 6]"),
            (
                {"cidr": "fd00::/64"},
                400,
                "InvalidInput",
                "does not match ip_version",
            ),
            (
                {
                    "cidr": "10.5.0.0/24",
                    "allocation_pools": [
                        {"start": "10.5.0.10", "end": "10.5.1.10"}
                    ],
                },
                400,
                "OutOfBoundsAllocationPool",
                "spans beyond the subnet cidr 10.5.0.0/24",
            ),
            (
                {
                    "cidr": "10.5.0.0/24",
                    "allocation_pools": [
                        {"start": "10.5.0.10", "end": "10.5.0.20"},
                        {"start": "10.5.0.20", "end": "10.5.0.30"},
                    ],
                },
                400,
                "OverlappingAllocationPools",
                "Found overlapping allocation pools",
            ),
            (
                {
                    "cidr": "10.5.0.0/24",
                    "allocation_pools": [
                        {"start": "10.5.0.1", "end": "10.5.0.20"}
                    ],
                },
                409,
                "GatewayConflictWithAllocationPools",
                "Gateway ip 10.5.0.1 conflicts with allocation pool",
            ),
            (
                {"network_id": "nope", "cidr": "10.6.0.0/24"},
                404,
                "NetworkNotFound",
                "Network nope could not be found.",
            ),
        ):
            message = self.fault(
                code, kind, "POST", "/subnets", body(**values)
            )
            self.assertIn(text, message)


class TestPorts(NeutronTestCase):
    def test_allocation_and_release(self) -> None:
        net = self.network()["id"]
        subnet = self.subnet(
            net,
            "10.1.0.0/24",
            allocation_pools=[{"start": "10.1.0.5", "end": "10.1.0.6"}],
        )
        first = self.ok("POST", "/ports", {"port": {"network_id": net}})[
            "port"
        ]
        self.assertEqual(
            [{"subnet_id": subnet["id"], "ip_address": "10.1.0.5"}],
            first["fixed_ips"],
        )
        self.assertTrue(first["mac_address"].startswith("fa:16:3e:"))
        self.assertEqual("DOWN", first["status"])
        fixed = {"network_id": net, "fixed_ips": [{"ip_address": "10.1.0.5"}]}
        self.fault(
            409, "IpAddressAlreadyAllocated", "POST", "/ports", {"port": fixed}
        )
        self.ok("POST", "/ports", {"port": {"network_id": net}})
        message = self.fault(
            409,
            "IpAddressGenerationFailure",
            "POST",
            "/ports",
            {"port": {"network_id": net}},
        )
        self.assertEqual(
            f"No more IP addresses available on network {net}.", message
        )
        self.fault(
            400,
            "InvalidIpForNetwork",
            "POST",
            "/ports",
            {
                "port": {
                    "network_id": net,
                    "fixed_ips": [{"ip_address": "192.0.2.1"}],
                }
            },
        )
        self.fault(409, "SubnetInUse", "DELETE", f"/subnets/{subnet['id']}")
        self.ok("DELETE", f"/ports/{first['id']}")
        again = self.ok("POST", "/ports", {"port": {"network_id": net}})[
            "port"
        ]
        self.assertEqual("10.1.0.5", again["fixed_ips"][0]["ip_address"])
        listed = self.ok(
            "GET", "/ports", query="fixed_ips=ip_address%3D10.1.0.5"
        )["ports"]
        self.assertEqual([again["id"]], [p["id"] for p in listed])

    def test_subnet_of_another_network(self) -> None:
        net = self.network()["id"]
        other = self.network(name="other")["id"]
        other_subnet = self.subnet(other, "10.2.0.0/24")
        message = self.fault(
            400,
            "InvalidInput",
            "POST",
            "/ports",
            {
                "port": {
                    "network_id": net,
                    "fixed_ips": [{"subnet_id": other_subnet["id"]}],
                }
            },
        )
        self.assertEqual(
            f"Invalid input for operation: Failed to create port on network "
            f"{net}, because fixed_ips included invalid subnet "
            f"{other_subnet['id']}.",
            message,
        )

    def test_ports_of_others_are_hidden(self) -> None:
        net = self.network()["id"]
        self.subnet(net, "10.1.0.0/24")
        port = self.ok("POST", "/ports", {"port": {"network_id": net}})["port"]
        self.fault(
            404, "PortNotFound", "GET", f"/ports/{port['id']}", user="alt_demo"
        )
        self.assertNotIn("binding:host_id", port)
        admin_view = self.ok("GET", f"/ports/{port['id']}", user="admin")[
            "port"
        ]
        self.assertIn("binding:host_id", admin_view)


class TestNeverAServerError(NeutronTestCase):
    """Odd values in every writable attribute answer 4xx, never 500."""

    VALUES: tuple[Any, ...] = (
        None,
        5,
        -1,
        "x",
        "",
        [],
        {},
        [1],
        [{}],
        True,
        1.5,
        "::/0",
    )

    def test_odd_values(self) -> None:
        net = self.network()
        bases = {
            "networks": {},
            "subnets": {
                "network_id": net["id"],
                "ip_version": 4,
                "cidr": "10.1.0.0/24",
            },
            "ports": {"network_id": net["id"]},
        }
        writable = {
            "networks": neutron._NETWORK_WRITABLE,
            "subnets": neutron._SUBNET_WRITABLE,
            "ports": neutron._PORT_WRITABLE,
        }
        for collection, attrs in writable.items():
            for attr in attrs:
                for value in self.VALUES:
                    for user in ("demo", "admin"):
                        body = {
                            collection[:-1]: dict(
                                bases[collection], **{attr: value}
                            )
                        }
                        status, answer = self.call(
                            "POST", f"/{collection}", body, user=user
                        )
                        self.assertLess(status, 500, (collection, attr, value))
                        status, answer = self.call(
                            "PUT",
                            f"/networks/{net['id']}",
                            {"network": {attr: value}},
                            user=user,
                        )
                        self.assertLess(status, 500, (attr, value))

    def test_odd_bodies_and_queries(self) -> None:
        for raw in (b"", b"[]", b"null", b"{", b'{"network": []}', b'"x"'):
            for collection in ("networks", "subnets", "ports"):
                result = self.client.simulate_post(
                    f"/networking/v2.0/{collection}",
                    body=raw,
                    headers={"X-Auth-Token": self.tokens["demo"]},
                )
                self.assertEqual(400, result.status_code, repr(raw))
        for query in (
            "limit=abc",
            "limit=-1",
            "marker=zz",
            "fields=",
            "mtu=x",
            "sort_key=zz",
            "sort_key=name&sort_dir=up",
            "fixed_ips=foo",
        ):
            for collection in ("networks", "subnets", "ports"):
                status, _ = self.call("GET", f"/{collection}", query=query)
                self.assertLess(status, 500, (collection, query))


class TestManilaPlugin(NeutronTestCase):
    def test_network_info_and_segmentation_checks(self) -> None:
        store = self.cloud.store
        info = plugin.network_info(
            store,
            {
                "neutron_net_id": neutron.PRIVATE["neutron_net_id"],
                "neutron_subnet_id": neutron.PRIVATE["neutron_subnet_id"],
            },
        )
        self.assertEqual(
            {
                "cidr": "10.0.0.0/26",
                "gateway": "10.0.0.1",
                "ip_version": 4,
                "mtu": 1442,
                "network_type": "geneve",
            },
            {k: v for k, v in info.items() if k != "segmentation_id"},
        )
        self.assertRaises(
            neutron.NetworkException,
            plugin.network_info,
            store,
            {"neutron_net_id": None, "neutron_subnet_id": None},
        )
        plugin.validate_segmentation_id({"network_type": "flat"})
        for bad in (
            {"network_type": "flat", "segmentation_id": 4},
            {"network_type": "vlan", "segmentation_id": 0},
            {"network_type": "vxlan", "segmentation_id": None},
        ):
            self.assertRaises(
                plugin.NetworkBadConfiguration,
                plugin.validate_segmentation_id,
                bad,
            )
