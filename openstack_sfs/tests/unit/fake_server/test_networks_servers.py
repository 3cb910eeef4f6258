"""Share networks, subnets and share servers of the fake server, in-process.

Requests go through the WSGI app (falcon's test client, no sockets) on a
``manual`` progression cloud, so every intermediate status of the share
servers can be observed between ``bus.advance`` steps.
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
from fake_server.drivers.simulated import SimulatedDriver
from fake_server.network import neutron
from openstack_sfs.tests.unit.fake_server.test_core import password_body

GAMMA = "fakehost@gamma"
DELTA = "fakehost@delta"


class AppTestCase(testtools.TestCase):
    """A manual-progression cloud and a client for its API."""

    fake_config: dict[str, Any] = {"server": {"progression": "manual"}}

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(60, gentle=True))
        self.cloud = Cloud(config.from_dict(self.fake_config))
        self.addCleanup(self.cloud.close)
        self.client = falcon.testing.TestClient(build_app(self.cloud))
        self.tokens = {
            user: self._token(user) for user in ("admin", "demo", "alt_demo")
        }

    def _token(self, user: str) -> str:
        body = password_body(user)
        return self.cloud.identity.authenticate(body).token_id

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        user: str = "demo",
        version: str = "2.99",
        experimental: bool = False,
        query: str = "",
    ) -> tuple[int, Any]:
        headers = {
            "X-Auth-Token": self.tokens[user],
            "X-OpenStack-Manila-API-Version": version,
            "Content-Type": "application/json",
        }
        if experimental:
            headers["X-OpenStack-Manila-API-Experimental"] = "True"
        result = self.client.simulate_request(
            method,
            "/v2" + path,
            headers=headers,
            body=json.dumps(body) if body is not None else None,
            query_string=query,
        )
        return result.status_code, result.json if result.content else None

    def ok(
        self,
        method: str,
        path: str,
        body: Any = None,
        status: int = 200,
        **kwargs: Any,
    ) -> Any:
        code, answer = self.call(method, path, body, **kwargs)
        self.assertEqual(status, code, answer)
        return answer

    def fault(
        self,
        code: int,
        name: str,
        message: str | None,
        method: str,
        path: str,
        body: Any = None,
        **kwargs: Any,
    ) -> None:
        status, answer = self.call(method, path, body, **kwargs)
        self.assertEqual(code, status, answer)
        self.assertIn(name, answer)
        if message is not None:
            self.assertEqual(message, answer[name]["message"])

    def network(self, user: str = "demo", **values: Any) -> dict[str, Any]:
        body = {"share_network": dict({"name": "net"}, **values)}
        network: dict[str, Any] = self.ok(
            "POST", "/share-networks", body, user=user
        )["share_network"]
        return network

    def share(
        self, network_id: str, user: str = "demo", **values: Any
    ) -> dict[str, Any]:
        body = {
            "share": dict(
                {
                    "share_proto": "NFS",
                    "size": 1,
                    "share_type": "dhss_true",
                    "share_network_id": network_id,
                },
                **values,
            )
        }
        share: dict[str, Any] = self.ok("POST", "/shares", body, user=user)[
            "share"
        ]
        return share

    def record(self, table: str, record_id: str) -> dict[str, Any]:
        found: dict[str, Any] | None = self.cloud.store.get(table, record_id)
        self.assertIsNotNone(found, f"{table} {record_id} is gone")
        assert found is not None
        return found

    def gone(self, table: str, record_id: str) -> bool:
        return self.cloud.store.get(table, record_id) is None

    def servers(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self.cloud.store.select("share_servers")
        return rows


class TestShareNetworks(AppTestCase):
    def test_create_makes_default_subnet_and_answers_200(self) -> None:
        network = self.network(
            neutron_net_id="n1", neutron_subnet_id="s1", description="d"
        )
        self.assertEqual("net", network["name"])
        self.assertEqual("d", network["description"])
        self.assertEqual("active", network["status"])
        self.assertTrue(network["security_service_update_support"])
        self.assertTrue(network["network_allocation_update_support"])
        (subnet,) = network["share_network_subnets"]
        self.assertIsNone(subnet["availability_zone"])
        self.assertEqual("n1", subnet["neutron_net_id"])
        self.assertEqual("s1", subnet["neutron_subnet_id"])
        self.assertEqual({}, subnet["metadata"])
        self.assertNotIn("neutron_net_id", network)

    def test_view_fields_per_version(self) -> None:
        network = self.network(neutron_net_id="n1", neutron_subnet_id="s1")
        path = f"/share-networks/{network['id']}"
        old = self.ok("GET", path, version="2.0")["share_network"]
        self.assertEqual("n1", old["neutron_net_id"])
        self.assertIsNone(old["nova_net_id"])
        self.assertNotIn("gateway", old)
        self.assertNotIn("share_network_subnets", old)
        v218 = self.ok("GET", path, version="2.18")["share_network"]
        self.assertIn("gateway", v218)
        self.assertNotIn("mtu", v218)
        v250 = self.ok("GET", path, version="2.50")["share_network"]
        self.assertIn("mtu", v250)
        self.assertNotIn("nova_net_id", v250)
        self.assertNotIn("status", v250)
        v251 = self.ok("GET", path, version="2.51")["share_network"]
        self.assertNotIn("neutron_net_id", v251)
        self.assertNotIn("metadata", v251["share_network_subnets"][0])
        v263 = self.ok("GET", path, version="2.63")["share_network"]
        self.assertEqual("active", v263["status"])
        self.assertNotIn("network_allocation_update_support", v263)
        v278 = self.ok("GET", path, version="2.78")["share_network"]
        self.assertIn("network_allocation_update_support", v278)
        self.assertEqual({}, v278["share_network_subnets"][0]["metadata"])

    def test_sensitive_fields_only_for_admins(self) -> None:
        network = self.network()
        subnet_id = network["share_network_subnets"][0]["id"]
        self.cloud.store.update(
            "share_network_subnets",
            subnet_id,
            network_type="vlan",
            segmentation_id=1001,
        )
        path = f"/share-networks/{network['id']}"
        mine = self.ok("GET", path)["share_network"]
        self.assertIsNone(mine["share_network_subnets"][0]["network_type"])
        self.assertIsNone(mine["share_network_subnets"][0]["segmentation_id"])
        admin = self.ok("GET", path, user="admin")["share_network"]
        self.assertEqual(
            "vlan", admin["share_network_subnets"][0]["network_type"]
        )
        old = self.ok("GET", path, version="2.50")["share_network"]
        self.assertIsNone(old["network_type"])
        # non-admins cannot filter on them either: the filter is dropped
        rows = self.ok("GET", "/share-networks", query="network_type=flat")[
            "share_networks"
        ]
        self.assertEqual([network["id"]], [r["id"] for r in rows])
        rows = self.ok(
            "GET",
            "/share-networks",
            user="admin",
            query="all_tenants=1&network_type=flat",
        )
        self.assertEqual([], rows["share_networks"])

    def test_create_bad_input(self) -> None:
        self.fault(
            422,
            "computeFault",
            None,
            "POST",
            "/share-networks",
            {"network": {}},
        )
        self.fault(
            400,
            "badRequest",
            "nova networking is not supported starting in Ocata.",
            "POST",
            "/share-networks",
            {"share_network": {"nova_net_id": "x"}},
        )
        self.fault(
            400,
            "badRequest",
            "When creating a new share network subnet you need to "
            "specify both neutron_net_id and neutron_subnet_id or "
            "none of them.",
            "POST",
            "/share-networks",
            {"share_network": {"neutron_net_id": "x"}},
        )
        self.fault(
            400,
            "badRequest",
            "The provided availability zone nowhere does not exist.",
            "POST",
            "/share-networks",
            {"share_network": {"availability_zone": "nowhere"}},
        )
        self.assertEqual([], self.cloud.store.select("share_networks"))

    def test_create_in_zone_from_2_51(self) -> None:
        body = {"share_network": {"availability_zone": "nova"}}
        network = self.ok("POST", "/share-networks", body, version="2.51")[
            "share_network"
        ]
        self.assertEqual(
            "nova", network["share_network_subnets"][0]["availability_zone"]
        )

    def test_tenant_isolation_and_policy(self) -> None:
        network = self.network()
        path = f"/share-networks/{network['id']}"
        message = f"Share network {network['id']} could not be found."
        self.fault(404, "itemNotFound", message, "GET", path, user="alt_demo")
        self.fault(
            404,
            "itemNotFound",
            message,
            "PUT",
            path,
            {"share_network": {"name": "x"}},
            user="alt_demo",
        )
        self.fault(
            404, "itemNotFound", message, "DELETE", path, user="alt_demo"
        )
        self.ok("GET", path, user="admin")

    def test_list_filters(self) -> None:
        first = self.network(name="alpha-net", description="first")
        second = self.network(name="beta-net")
        other = self.network(user="alt_demo", name="alpha-other")
        rows = self.ok("GET", "/share-networks")["share_networks"]
        self.assertEqual({first["id"], second["id"]}, {r["id"] for r in rows})
        self.assertEqual({"id", "name"}, set(rows[0]))
        rows = self.ok("GET", "/share-networks", query="name=beta-net")
        self.assertEqual(
            [second["id"]], [r["id"] for r in rows["share_networks"]]
        )
        rows = self.ok(
            "GET",
            "/share-networks/detail",
            query="name~=alpha",
            version="2.36",
        )["share_networks"]
        self.assertEqual([first["id"]], [r["id"] for r in rows])
        self.assertEqual("first", rows[0]["description"])
        rows = self.ok(
            "GET", "/share-networks", query="name~=alpha", version="2.35"
        )["share_networks"]
        self.assertEqual([], rows)
        # admins see their own project unless all_tenants or project_id
        self.assertEqual(
            [],
            self.ok("GET", "/share-networks", user="admin")["share_networks"],
        )
        rows = self.ok(
            "GET", "/share-networks", user="admin", query="all_tenants=1"
        )["share_networks"]
        self.assertEqual(3, len(rows))
        rows = self.ok(
            "GET",
            "/share-networks",
            user="admin",
            query=f"project_id={other['project_id']}",
        )
        self.assertEqual(
            [other["id"]], [r["id"] for r in rows["share_networks"]]
        )
        # all_tenants is ignored for non-admins
        rows = self.ok("GET", "/share-networks", query="all_tenants=1")[
            "share_networks"
        ]
        self.assertEqual(2, len(rows))
        rows = self.ok("GET", "/share-networks", query="limit=1&offset=1")[
            "share_networks"
        ]
        self.assertEqual(1, len(rows))
        self.fault(
            400,
            "badRequest",
            "limit param must be an integer",
            "GET",
            "/share-networks",
            query="limit=x",
        )
        self.fault(
            400,
            "badRequest",
            "2020-1 is not in yyyy-mm-dd format.",
            "GET",
            "/share-networks",
            query="created_since=2020-1",
        )
        rows = self.ok(
            "GET", "/share-networks", query="created_since=2000-01-01"
        )["share_networks"]
        self.assertEqual(2, len(rows))
        # an unknown key matches nothing, as in Manila
        rows = self.ok("GET", "/share-networks", query="bogus=1")
        self.assertEqual([], rows["share_networks"])

    def test_update(self) -> None:
        network = self.network()
        path = f"/share-networks/{network['id']}"
        updated = self.ok(
            "PUT",
            path,
            {"share_network": {"name": "renamed", "description": "desc"}},
        )["share_network"]
        self.assertEqual("renamed", updated["name"])
        self.assertEqual("desc", updated["description"])
        self.fault(
            400,
            "badRequest",
            f"To update the share network {network['id']} you need "
            "to specify both 'neutron_net_id' and "
            "'neutron_subnet_id'.",
            "PUT",
            path,
            {"share_network": {"neutron_net_id": "n"}},
        )
        updated = self.ok(
            "PUT",
            path,
            {
                "share_network": {
                    "neutron_net_id": "n",
                    "neutron_subnet_id": "s",
                }
            },
            version="2.50",
        )["share_network"]
        self.assertEqual("n", updated["neutron_net_id"])
        self.fault(422, "computeFault", None, "PUT", path, {"x": {}})

    def test_quota(self) -> None:
        self.cloud.store.insert(
            "quota_overrides",
            {"id": self._project("demo"), "limits": {"share_networks": 1}},
        )
        self.network()
        self.fault(
            413,
            "overLimit",
            "ShareNetworksLimitExceeded: Maximum number of "
            "share-networks allowed (1) exceeded.",
            "POST",
            "/share-networks",
            {"share_network": {}},
        )
        self.assertEqual(1, len(self.cloud.store.select("share_networks")))

    def _project(self, user: str) -> str:
        account = self.cloud.identity.account_by_name(user)
        assert account is not None
        return str(account.project_id)

    def test_delete(self) -> None:
        network = self.network()
        self.ok("DELETE", f"/share-networks/{network['id']}", status=202)
        self.assertTrue(self.gone("share_networks", network["id"]))
        self.assertEqual([], self.cloud.store.select("share_network_subnets"))

    def test_delete_refused_with_shares_or_subnets(self) -> None:
        network = self.network()
        share = self.share(network["id"])
        path = f"/share-networks/{network['id']}"
        self.fault(
            409,
            "conflictingRequest",
            f"Can not delete share network {network['id']}, it has "
            "1 share(s).",
            "DELETE",
            path,
        )
        self.cloud.bus.advance()
        self.ok("DELETE", f"/shares/{share['id']}", status=202)
        self.cloud.bus.advance()
        self.ok(
            "POST",
            path + "/subnets",
            {"share-network-subnet": {"availability_zone": "nova"}},
        )
        self.fault(
            409,
            "conflictingRequest",
            f"The share network {network['id']} has more than one "
            "subnet attached. Please remove the subnets untill you "
            "have one or no subnets remaining.",
            "DELETE",
            path,
        )

    def test_reset_status(self) -> None:
        network = self.network()
        path = f"/share-networks/{network['id']}/action"
        self.fault(
            403,
            "forbidden",
            None,
            "POST",
            path,
            {"reset_status": {"status": "error"}},
        )
        self.fault(
            400,
            "badRequest",
            "Invalid state. Valid states: active, error, network_change.",
            "POST",
            path,
            {"reset_status": {"status": "bogus"}},
            user="admin",
        )
        self.fault(
            404,
            "itemNotFound",
            None,
            "POST",
            path,
            {"reset_status": {"status": "error"}},
            user="admin",
            version="2.62",
        )
        self.ok(
            "POST",
            path,
            {"reset_status": {"status": "error"}},
            user="admin",
            status=202,
        )
        self.assertEqual(
            "error", self.record("share_networks", network["id"])["status"]
        )


class TestSubnets(AppTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.net = self.network(**neutron.PRIVATE)
        self.path = f"/share-networks/{self.net['id']}/subnets"
        self.default = self.net["share_network_subnets"][0]

    def test_list_show_and_version(self) -> None:
        rows = self.ok("GET", self.path)["share_network_subnets"]
        self.assertEqual([self.default["id"]], [r["id"] for r in rows])
        self.assertEqual("net", rows[0]["share_network_name"])
        self.assertEqual(self.net["id"], rows[0]["share_network_id"])
        self.fault(404, "itemNotFound", None, "GET", self.path, version="2.50")
        one = self.ok(
            "GET", f"{self.path}/{self.default['id']}", version="2.51"
        )["share_network_subnet"]
        self.assertNotIn("metadata", one)
        self.fault(
            404,
            "itemNotFound",
            "Share network subnet nope could not be found.",
            "GET",
            f"{self.path}/nope",
        )
        self.fault(
            404, "itemNotFound", None, "GET", self.path, user="alt_demo"
        )

    def test_one_subnet_per_zone_before_2_70(self) -> None:
        body = {
            "share-network-subnet": {
                "availability_zone": "nova",
                "neutron_net_id": "n",
                "neutron_subnet_id": "s",
            }
        }
        subnet = self.ok("POST", self.path, body, version="2.51")[
            "share_network_subnet"
        ]
        self.assertEqual("nova", subnet["availability_zone"])
        self.assertEqual("n", subnet["neutron_net_id"])
        self.fault(
            409,
            "conflictingRequest",
            "Another share network subnet was found in the "
            "specified availability zone. Only one share network "
            "subnet is allowed per availability zone for share "
            f"network {self.net['id']}.",
            "POST",
            self.path,
            body,
            version="2.69",
        )
        self.ok("POST", self.path, body, version="2.70")
        self.assertEqual(
            3, len(self.ok("GET", self.path)["share_network_subnets"])
        )

    def test_create_bad_input(self) -> None:
        self.fault(
            400,
            "badRequest",
            "Share Network Subnet is missing from the request body.",
            "POST",
            self.path,
            {"subnet": {}},
        )
        self.fault(
            400,
            "badRequest",
            "The provided availability zone x does not exist.",
            "POST",
            self.path,
            {"share-network-subnet": {"availability_zone": "x"}},
        )
        self.fault(
            400,
            "badRequest",
            "Metadata property value is blank.",
            "POST",
            self.path,
            {
                "share-network-subnet": {
                    "availability_zone": "nova",
                    "metadata": {"k": ""},
                }
            },
        )
        self.assertEqual(
            1, len(self.ok("GET", self.path)["share_network_subnets"])
        )

    def test_metadata(self) -> None:
        created = self.ok(
            "POST",
            self.path,
            {
                "share-network-subnet": {
                    "availability_zone": "nova",
                    "metadata": {"a": "1"},
                }
            },
        )
        sid = created["share_network_subnet"]["id"]
        self.assertEqual(
            {"a": "1"}, created["share_network_subnet"]["metadata"]
        )
        meta = f"{self.path}/{sid}/metadata"
        self.assertEqual({"metadata": {"a": "1"}}, self.ok("GET", meta))
        self.assertEqual(
            {"metadata": {"b": "2"}},
            self.ok("POST", meta, {"metadata": {"b": "2"}}),
        )
        self.assertEqual(
            {"metadata": {"a": "1", "b": "2"}}, self.ok("GET", meta)
        )
        self.assertEqual({"meta": {"b": "2"}}, self.ok("GET", meta + "/b"))
        self.assertEqual(
            {"metadata": {"c": "3"}},
            self.ok("POST", meta + "/c", {"metadata": {"c": "3"}}),
        )
        self.fault(
            400,
            "badRequest",
            "Request body and URI mismatch",
            "POST",
            meta + "/c",
            {"metadata": {"d": "4"}},
        )
        self.fault(
            400,
            "badRequest",
            "Request body contains too many items",
            "POST",
            meta + "/c",
            {"metadata": {"c": "4", "d": "4"}},
        )
        self.assertEqual(
            {"metadata": {"z": "9"}},
            self.ok("PUT", meta, {"metadata": {"z": "9"}}),
        )
        self.ok("DELETE", meta + "/z")
        self.assertEqual({"metadata": {}}, self.ok("GET", meta))
        self.fault(
            404,
            "itemNotFound",
            "Metadata item is not found.",
            "GET",
            meta + "/z",
        )
        self.fault(
            404,
            "itemNotFound",
            "Metadata item is not found.",
            "DELETE",
            meta + "/z",
        )
        self.fault(
            400,
            "badRequest",
            "Malformed request body",
            "POST",
            meta,
            {"meta": {"a": "b"}},
        )
        self.fault(404, "itemNotFound", None, "GET", meta, version="2.77")
        self.fault(
            404,
            "itemNotFound",
            "Share_network_subnet not found.",
            "GET",
            f"/share-networks/{self.network()['id']}/subnets/{sid}/metadata",
        )

    def test_delete(self) -> None:
        created = self.ok(
            "POST",
            self.path,
            {"share-network-subnet": {"availability_zone": "nova"}},
        )["share_network_subnet"]
        self.ok("DELETE", f"{self.path}/{created['id']}", status=202)
        self.assertTrue(self.gone("share_network_subnets", created["id"]))

    def test_delete_refused_while_servers_have_shares(self) -> None:
        self.share(self.net["id"])
        self.cloud.bus.advance()
        self.fault(
            409,
            "conflictingRequest",
            f"Cannot delete share network subnet "
            f"{self.default['id']} of share network "
            f"{self.net['id']}, it has one or more shares.",
            "DELETE",
            f"{self.path}/{self.default['id']}",
        )
        self.assertFalse(
            self.gone("share_network_subnets", self.default["id"])
        )


class TestDhssTrueFlow(AppTestCase):
    def test_create_sets_up_and_reuses_a_share_server(self) -> None:
        network = self.network(**neutron.PRIVATE)
        first = self.share(network["id"])
        second = self.share(network["id"])
        self.assertEqual([], self.servers())
        self.cloud.bus.advance(steps=1)  # scheduler, first share
        self.assertEqual(
            "creating", self.record("shares", first["id"])["status"]
        )
        self.cloud.bus.advance()
        (server,) = self.servers()
        self.assertEqual("active", server["status"])
        self.assertEqual(GAMMA, server["host"])
        self.assertTrue(server["is_auto_deletable"])
        self.assertEqual(
            [network["share_network_subnets"][0]["id"]],
            server["share_network_subnet_ids"],
        )
        address = server["backend_details"]["ip"]
        for share in (first, second):
            record = self.record("shares", share["id"])
            self.assertEqual("available", record["status"])
            self.assertEqual(server["id"], record["share_server_id"])
            self.assertTrue(record["host"].startswith(GAMMA + "#"))
            # the server's addresses: preferred, then the second one
            paths = [
                el["path"]
                for el in record["export_locations"]
                if not el["is_admin_only"]
            ]
            self.assertTrue(paths[0].startswith(address + ":/"), paths)
            self.assertTrue(
                paths[1].startswith(
                    server["backend_details"]["secondary_ip"] + ":/"
                ),
                paths,
            )
        shown = self.ok("GET", f"/shares/{first['id']}", user="admin")["share"]
        self.assertEqual(server["id"], shown["share_server_id"])
        listed = self.ok(
            "GET",
            "/share-servers",
            user="admin",
            query=f"share_network={network['name']}",
        )
        self.assertEqual(
            [server["id"]], [s["id"] for s in listed["share_servers"]]
        )

    def test_another_network_gets_its_own_server(self) -> None:
        self.share(self.network(**neutron.PRIVATE)["id"])
        self.share(self.network(name="other", **neutron.PRIVATE)["id"])
        self.cloud.bus.advance()
        self.assertEqual(2, len(self.servers()))

    def test_setup_failure_fails_the_share_with_a_message(self) -> None:
        self.cloud.managers[GAMMA].backend.failures["setup_server"] = 1
        share = self.share(self.network(**neutron.PRIVATE)["id"])
        self.cloud.bus.advance()
        self.assertEqual("error", self.record("shares", share["id"])["status"])
        (server,) = self.servers()
        self.assertEqual("error", server["status"])
        messages = self.ok("GET", "/messages")["messages"]
        self.assertEqual("004", messages[0]["detail_id"])

    def test_unmanaged_share_pins_its_server_and_subnet(self) -> None:
        network = self.network(**neutron.PRIVATE)
        subnet_id = network["share_network_subnets"][0]["id"]
        share = self.share(network["id"])
        self.cloud.bus.advance()
        (server,) = self.servers()
        self.assertTrue(server["is_auto_deletable"])
        self.ok(
            "POST",
            f"/shares/{share['id']}/action",
            {"unmanage": None},
            user="admin",
            status=202,
        )
        self.cloud.bus.advance()
        self.assertTrue(self.gone("shares", share["id"]))
        self.assertFalse(
            self.record("share_servers", server["id"])["is_auto_deletable"]
        )
        self.fault(
            409,
            "conflictingRequest",
            "The service cannot determine if there are any non-managed "
            f"shares on the share network subnet {subnet_id} of share "
            f"network {network['id']}, so it cannot be deleted. Please "
            "contact the cloud administrator to rectify.",
            "DELETE",
            f"/share-networks/{network['id']}/subnets/{subnet_id}",
        )

    def test_last_share_deletion_keeps_the_server(self) -> None:
        share = self.share(self.network(**neutron.PRIVATE)["id"])
        self.cloud.bus.advance()
        (server,) = self.servers()
        path = f"/share-servers/{server['id']}"
        self.fault(
            409,
            "conflictingRequest",
            f"Share server {server['id']} is in use.",
            "DELETE",
            path,
            user="admin",
        )
        self.ok("DELETE", f"/shares/{share['id']}", status=202)
        self.cloud.bus.advance()
        self.assertEqual(
            "active", self.record("share_servers", server["id"])["status"]
        )
        self.fault(403, "forbidden", None, "DELETE", path)
        self.ok("DELETE", path, user="admin", status=202)
        self.assertEqual(
            "active", self.record("share_servers", server["id"])["status"]
        )
        self.cloud.bus.advance(steps=1)
        self.assertEqual(
            "deleting", self.record("share_servers", server["id"])["status"]
        )
        self.fault(
            403,
            "forbidden",
            "Share server's actual status is deleting, allowed "
            "statuses for deletion are ['error', 'active'].",
            "DELETE",
            path,
            user="admin",
        )
        self.cloud.bus.advance(steps=1)
        self.assertTrue(self.gone("share_servers", server["id"]))
        self.fault(
            404,
            "itemNotFound",
            f"Share server {server['id']} could not be found.",
            "GET",
            path,
            user="admin",
        )


class TestShareServersApi(AppTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.net = self.network(**neutron.PRIVATE)
        self.share_rec = self.share(self.net["id"])
        self.cloud.bus.advance()
        (self.server,) = self.servers()
        self.path = f"/share-servers/{self.server['id']}"

    def test_views_per_version(self) -> None:
        old = self.ok("GET", self.path, user="admin", version="2.48")[
            "share_server"
        ]
        self.assertNotIn("identifier", old)
        self.assertEqual(self.net["id"], old["share_network_id"])
        self.assertEqual("net", old["share_network_name"])
        self.assertEqual(self.share_rec["project_id"], old["project_id"])
        self.assertIn("backend_details", old)
        v251 = self.ok("GET", self.path, user="admin", version="2.51")[
            "share_server"
        ]
        self.assertEqual(
            self.server["share_network_subnet_ids"][0],
            v251["share_network_subnet_id"],
        )
        self.assertTrue(v251["is_auto_deletable"])
        self.assertNotIn("task_state", v251)
        v270 = self.ok("GET", self.path, user="admin", version="2.70")[
            "share_server"
        ]
        self.assertNotIn("share_network_subnet_id", v270)
        self.assertEqual(
            self.server["share_network_subnet_ids"],
            v270["share_network_subnet_ids"],
        )
        self.assertNotIn("encryption_key_ref", v270)
        listed = self.ok("GET", "/share-servers", user="admin")
        row = listed["share_servers"][0]
        self.assertNotIn("backend_details", row)
        self.assertIn("encryption_key_ref", row)

    def test_admin_only(self) -> None:
        for method, path in (
            ("GET", "/share-servers"),
            ("GET", self.path),
            ("GET", self.path + "/details"),
        ):
            self.fault(403, "forbidden", None, method, path)

    def test_details(self) -> None:
        details = self.ok("GET", self.path + "/details", user="admin")
        self.assertEqual(self.server["backend_details"], details["details"])

    def test_list_filters(self) -> None:
        def ids(query: str) -> list[str]:
            rows = self.ok("GET", "/share-servers", user="admin", query=query)[
                "share_servers"
            ]
            return [r["id"] for r in rows]

        mine = [self.server["id"]]
        self.assertEqual(mine, ids(f"host={GAMMA}"))
        self.assertEqual([], ids("host=fakehost@alpha"))
        self.assertEqual(mine, ids("status=active"))
        self.assertEqual(mine, ids(f"share_network={self.net['id']}"))
        self.assertEqual(mine, ids(f"share_network_id={self.net['id']}"))
        self.assertEqual(
            mine,
            ids(
                "share_network_subnet_id="
                f"{self.server['share_network_subnet_ids'][0]}"
            ),
        )
        self.assertEqual(
            mine, ids(f"project_id={self.share_rec['project_id']}")
        )
        self.assertEqual(mine, ids(f"identifier={self.server['identifier']}"))
        self.assertEqual(mine, ids("is_auto_deletable=true"))
        self.assertEqual([], ids("is_auto_deletable=false"))
        self.assertEqual([], ids("all_tenants=1"))

    def test_reset_status(self) -> None:
        action = self.path + "/action"
        self.fault(
            404,
            "itemNotFound",
            None,
            "POST",
            action,
            {"reset_status": {"status": "error"}},
            user="admin",
            version="2.48",
        )
        self.fault(
            400,
            "badRequest",
            "Must specify 'status'",
            "POST",
            action,
            {"reset_status": {}},
            user="admin",
        )
        self.fault(
            400,
            "badRequest",
            None,
            "POST",
            action,
            {"reset_status": {"status": "bogus"}},
            user="admin",
        )
        self.fault(
            403,
            "forbidden",
            None,
            "POST",
            action,
            {"reset_status": {"status": "error"}},
        )
        self.ok(
            "POST",
            action,
            {"reset_status": {"status": "error"}},
            user="admin",
            status=202,
        )
        self.assertEqual(
            "error", self.record("share_servers", self.server["id"])["status"]
        )

    def test_unmanage_in_use_refused(self) -> None:
        self.fault(
            400,
            "badRequest",
            f"Share server {self.server['id']} is in use.",
            "POST",
            self.path + "/action",
            {"unmanage": {}},
            user="admin",
        )
        self.assertEqual(
            "active", self.record("share_servers", self.server["id"])["status"]
        )

    def test_network_update_refused_while_servers_exist(self) -> None:
        path = f"/share-networks/{self.net['id']}"
        self.fault(
            403,
            "forbidden",
            f"Cannot update share network {self.net['id']}. It is "
            "used by share servers. Only 'name' and 'description' "
            "fields are available for update",
            "PUT",
            path,
            {
                "share_network": {
                    "neutron_net_id": "a",
                    "neutron_subnet_id": "b",
                }
            },
        )
        self.ok("PUT", path, {"share_network": {"name": "x"}})


class TestManageUnmanage(AppTestCase):
    def manage(self, **values: Any) -> tuple[int, Any]:
        body = {
            "share_server": dict(
                {
                    "host": GAMMA,
                    "share_network_id": self.net["id"],
                    "identifier": "backend-server-1",
                },
                **values,
            )
        }
        return self.call("POST", "/share-servers/manage", body, user="admin")

    def setUp(self) -> None:
        super().setUp()
        self.net = self.network(**neutron.PRIVATE)

    def test_manage_then_unmanage(self) -> None:
        # held by the backend (Manila's dummy manages nothing else)
        self.cloud.managers[GAMMA].driver.private_data.hold(
            "share_server", "backend-server-1", 0
        )
        status, body = self.manage(driver_options={"ip": "10.254.0.99"})
        self.assertEqual(202, status, body)
        server = body["share_server"]
        self.assertEqual("manage_starting", server["status"])
        self.assertFalse(server["is_auto_deletable"])
        self.assertEqual("backend-server-1", server["identifier"])
        self.cloud.bus.advance()
        record = self.record("share_servers", server["id"])
        self.assertEqual("active", record["status"])
        self.assertEqual("10.254.0.99", record["backend_details"]["ip"])
        # managed servers are not auto-deletable: the network stays
        self.fault(
            409,
            "conflictingRequest",
            None,
            "DELETE",
            f"/share-networks/{self.net['id']}",
        )
        self.ok(
            "POST",
            f"/share-servers/{server['id']}/action",
            {"unmanage": {}},
            user="admin",
            status=202,
        )
        self.assertEqual(
            "unmanage_starting",
            self.record("share_servers", server["id"])["status"],
        )
        self.cloud.bus.advance()
        self.assertTrue(self.gone("share_servers", server["id"]))

    def test_unmanage_failure_and_force(self) -> None:
        _, body = self.manage()
        self.cloud.bus.advance()
        sid = body["share_server"]["id"]
        failures = self.cloud.managers[GAMMA].backend.failures
        failures["unmanage_server"] = 2
        action = f"/share-servers/{sid}/action"
        self.ok("POST", action, {"unmanage": {}}, user="admin", status=202)
        self.cloud.bus.advance()
        self.assertEqual(
            "unmanage_error", self.record("share_servers", sid)["status"]
        )
        self.ok(
            "POST",
            action,
            {"unmanage": {"force": True}},
            user="admin",
            status=202,
        )
        self.cloud.bus.advance()
        self.assertTrue(self.gone("share_servers", sid))

    def test_manage_on_dhss_false_backend_fails(self) -> None:
        status, body = self.manage(host="fakehost@alpha")
        self.assertEqual(202, status, body)
        self.cloud.bus.advance()
        self.assertEqual(
            "manage_error",
            self.record("share_servers", body["share_server"]["id"])["status"],
        )

    def test_manage_driver_failure(self) -> None:
        self.cloud.managers[GAMMA].backend.failures["manage_server"] = 1
        _, body = self.manage()
        self.cloud.bus.advance()
        self.assertEqual(
            "manage_error",
            self.record("share_servers", body["share_server"]["id"])["status"],
        )

    def test_manage_bad_input(self) -> None:
        def check(message: str, **values: Any) -> None:
            status, body = self.manage(**values)
            self.assertEqual(400, status, body)
            self.assertEqual(message, body["badRequest"]["message"])

        check("Required parameter identifier is empty", identifier="")
        check("Host parameter should not contain pool.", host=GAMMA + "#pool1")
        check(
            "Service fakehost@nope could not be found.", host="fakehost@nope"
        )
        check(
            "Driver options must be in dictionary format.", driver_options="x"
        )
        check(
            "The share network subnet nope does not exist.",
            share_network_subnet_id="nope",
        )
        self.manage()
        # InvalidInput's e.msg carries its prefix into the 400
        check(
            "Invalid input received: Identifier backend-server-1 specified "
            "matches existing share servers: backend-server-1."
        )
        status, body = self.call(
            "POST", "/share-servers/manage", {"server": {}}, user="admin"
        )
        self.assertEqual(422, status, body)
        status, _ = self.call(
            "POST",
            "/share-servers/manage",
            {"share_server": {}},
            user="admin",
            version="2.48",
        )
        self.assertEqual(404, status)
        status, _ = self.manage()
        self.assertEqual(400, status)
        self.assertEqual(1, len(self.servers()))


class TestMigration(AppTestCase):
    fake_config: dict[str, Any] = {
        "server": {"progression": "manual"},
        "backends": [
            {
                "replace": True,
                "name": "gamma",
                "driver_handles_share_servers": True,
                "export_address": "10.254.0.1",
                "server_network": "10.254.0.0/24",
                "pools": [{"name": "pool1", "total_capacity_gb": 2000.0}],
            },
            {
                "name": "delta",
                "driver_handles_share_servers": True,
                "export_address": "10.253.0.1",
                "server_network": "10.253.0.0/24",
                "pools": [{"name": "pool1", "total_capacity_gb": 100.0}],
            },
        ],
    }

    def setUp(self) -> None:
        super().setUp()
        self.net = self.network(**neutron.PRIVATE)
        self.share_rec = self.share(self.net["id"])
        self.cloud.bus.advance()
        (self.server,) = self.servers()
        self.assertEqual(GAMMA, self.server["host"])
        self.action = f"/share-servers/{self.server['id']}/action"

    def act(
        self, name: str, params: Any = None, status: int = 200, **kwargs: Any
    ) -> Any:
        return self.ok(
            "POST",
            self.action,
            {name: params},
            status=status,
            user="admin",
            experimental=True,
            **kwargs,
        )

    def params(self, host: str = DELTA, **extra: Any) -> dict[str, Any]:
        return dict(
            {
                "host": host,
                "writable": True,
                "nondisruptive": False,
                "preserve_snapshots": True,
            },
            **extra,
        )

    def test_needs_experimental_header(self) -> None:
        self.fault(
            404,
            "itemNotFound",
            None,
            "POST",
            self.action,
            {"migration_check": self.params()},
            user="admin",
        )
        self.fault(
            404,
            "itemNotFound",
            None,
            "POST",
            self.action,
            {"migration_check": self.params()},
            user="admin",
            experimental=True,
            version="2.56",
        )

    def test_check(self) -> None:
        result = self.act("migration_check", self.params())
        self.assertTrue(result["compatible"])
        self.assertEqual(DELTA, result["requested_capabilities"]["host"])
        self.assertEqual(
            self.net["id"],
            result["supported_capabilities"]["share_network_id"],
        )
        self.assertFalse(result["supported_capabilities"]["nondisruptive"])
        result = self.act("migration_check", self.params(nondisruptive=True))
        self.assertFalse(result["compatible"])

    def test_check_bad_input(self) -> None:
        def check(code: int, params: Any, message: str) -> None:
            self.fault(
                code,
                {400: "badRequest", 409: "conflictingRequest"}[code],
                message,
                "POST",
                self.action,
                {"migration_check": params},
                user="admin",
                experimental=True,
            )

        check(400, {}, "Request is missing body.")
        check(
            400,
            {"host": DELTA},
            "Must specify all mandatory parameters: ['writable', "
            "'nondisruptive', 'preserve_snapshots', 'host']",
        )
        check(
            400,
            self.params(writable="maybe"),
            "Invalid value maybe for writable. Expecting a boolean.",
        )
        check(
            400,
            self.params(host=DELTA + "#pool1"),
            "The destination host can not contain pool information.",
        )
        check(
            400,
            self.params(new_share_network_id="nope"),
            "Share network nope not found.",
        )
        check(
            409,
            self.params(host=GAMMA),
            "Invalid share server: There is no difference between "
            "source and destination backends and between source and "
            "destination share networks. Share server migration will "
            "not proceed.",
        )
        self.cloud.store.update(
            "share_servers", self.server["id"], status="error"
        )
        check(
            409,
            self.params(),
            f"Invalid share server: Share server {self.server['id']} "
            "status must be active, but current status is: error.",
        )

    def test_replicated_shares_follow_the_servers_support(self) -> None:
        # the dummy driver's servers migrate with replicas (Manila reads
        # the server's share_replicas_migration_support)
        self.assertTrue(self.server["share_replicas_migration_support"])
        self.cloud.store.update(
            "shares", self.share_rec["id"], has_replicas=True
        )
        self.assertTrue(
            self.act("migration_check", self.params())["compatible"]
        )
        self.cloud.store.update(
            "share_servers",
            self.server["id"],
            share_replicas_migration_support=False,
        )
        self.fault(
            409,
            "conflictingRequest",
            f"Invalid share server: Share {self.share_rec['id']} has "
            "replicas. Remove the replicas of all shares in the share "
            "server before attempting to migrate it.",
            "POST",
            self.action,
            {"migration_check": self.params()},
            user="admin",
            experimental=True,
        )

    def test_backend_without_replica_migration_support(self) -> None:
        manager = self.cloud.managers[DELTA]
        self.assertTrue(manager.driver.share_replicas_migration_support)
        backend = config.BackendConfig(
            "epsilon",
            capabilities={"share_replicas_migration_support": False},
        )
        self.assertFalse(
            SimulatedDriver(
                "fakehost@epsilon", backend
            ).share_replicas_migration_support
        )

    def test_start_then_complete(self) -> None:
        self.act("migration_start", self.params(), status=202)
        src = self.record("share_servers", self.server["id"])
        self.assertEqual("server_migrating", src["status"])
        self.assertEqual("migration_starting", src["task_state"])
        self.assertEqual(
            "server_migrating",
            self.record("shares", self.share_rec["id"])["status"],
        )
        progress = self.act("migration_get_progress")
        self.assertEqual(
            {
                "total_progress": 0,
                "task_state": "",
                "destination_share_server_id": "",
            },
            progress,
        )
        self.cloud.bus.advance(steps=1)
        src = self.record("share_servers", self.server["id"])
        self.assertEqual("migration_driver_in_progress", src["task_state"])
        (dest,) = [s for s in self.servers() if s["id"] != self.server["id"]]
        self.assertEqual("server_migrating_to", dest["status"])
        self.assertEqual(self.server["id"], dest["source_share_server_id"])
        self.assertEqual(DELTA, dest["host"])
        progress = self.act("migration_get_progress")
        self.assertEqual(50, progress["total_progress"])
        self.assertEqual(dest["id"], progress["destination_share_server_id"])
        self.fault(
            400,
            "badRequest",
            "Invalid share server: The first phase of migration has "
            "to finish to request the completion of server "
            f"{self.server['id']}'s migration.",
            "POST",
            self.action,
            {"migration_complete": None},
            user="admin",
            experimental=True,
        )
        self.cloud.bus.advance(steps=1)
        self.assertEqual(
            "migration_driver_phase1_done",
            self.record("share_servers", self.server["id"])["task_state"],
        )
        self.assertEqual(
            "migration_driver_phase1_done",
            self.record("share_servers", dest["id"])["task_state"],
        )
        result = self.act("migration_complete")
        self.assertEqual({"destination_share_server_id": dest["id"]}, result)
        self.cloud.bus.advance(steps=1)
        dest = self.record("share_servers", dest["id"])
        self.assertEqual(
            ("active", "migration_success"),
            (dest["status"], dest["task_state"]),
        )
        self.assertEqual(
            "inactive",
            self.record("share_servers", self.server["id"])["status"],
        )
        share = self.record("shares", self.share_rec["id"])
        self.assertEqual("available", share["status"])
        self.assertEqual(dest["id"], share["share_server_id"])
        self.assertEqual(DELTA + "#pool1", share["host"])
        preferred = [el for el in share["export_locations"] if el["preferred"]]
        self.assertTrue(
            preferred[0]["path"].startswith(
                dest["backend_details"]["ip"] + ":/"
            )
        )
        self.cloud.bus.advance()
        self.assertTrue(self.gone("share_servers", self.server["id"]))
        progress = self.act("migration_get_progress")
        self.assertEqual(100, progress["total_progress"])
        self.assertEqual(dest["id"], progress["destination_share_server_id"])

    def test_a_migrated_server_migrates_again(self) -> None:
        # the destination of a migration carries its share network's
        # project, so it can take ports when it moves on
        self.act("migration_start", self.params(), status=202)
        self.cloud.bus.advance()
        self.act("migration_complete")
        self.cloud.bus.advance()
        (dest,) = [s for s in self.servers() if s["id"] != self.server["id"]]
        self.assertEqual("active", dest["status"])
        self.action = f"/share-servers/{dest['id']}/action"
        self.act("migration_start", self.params(host=GAMMA), status=202)
        self.cloud.bus.advance()
        self.assertEqual(
            "migration_driver_phase1_done",
            self.record("share_servers", dest["id"])["task_state"],
        )

    def test_cancel(self) -> None:
        self.act("migration_start", self.params(), status=202)
        self.fault(
            400,
            "badRequest",
            None,
            "POST",
            self.action,
            {"migration_cancel": None},
            user="admin",
            experimental=True,
        )
        self.cloud.bus.advance(steps=2)
        (dest,) = [s for s in self.servers() if s["id"] != self.server["id"]]
        self.act("migration_cancel", status=202)
        self.cloud.bus.advance(steps=1)
        src = self.record("share_servers", self.server["id"])
        self.assertEqual(
            ("active", "migration_cancelled"),
            (src["status"], src["task_state"]),
        )
        self.assertEqual(
            "inactive", self.record("share_servers", dest["id"])["status"]
        )
        self.assertEqual(
            "available", self.record("shares", self.share_rec["id"])["status"]
        )
        self.cloud.bus.advance()
        self.assertTrue(self.gone("share_servers", dest["id"]))
        self.fault(
            400,
            "badRequest",
            f"Invalid share server: Migration of share server "
            f"{self.server['id']} cannot be cancelled because the "
            "provided share server is not being migrated.",
            "POST",
            self.action,
            {"migration_cancel": None},
            user="admin",
            experimental=True,
        )

    def test_reset_task_state(self) -> None:
        self.act(
            "reset_task_state", {"task_state": "migration_error"}, status=202
        )
        self.assertEqual(
            "migration_error",
            self.record("share_servers", self.server["id"])["task_state"],
        )
        self.act("reset_task_state", {"task_state": None}, status=202)
        self.assertIsNone(
            self.record("share_servers", self.server["id"])["task_state"]
        )
        self.fault(
            400,
            "badRequest",
            None,
            "POST",
            self.action,
            {"reset_task_state": {"task_state": "bogus"}},
            user="admin",
            experimental=True,
        )
