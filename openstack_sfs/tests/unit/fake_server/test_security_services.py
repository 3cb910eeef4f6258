"""Security services and their share network actions, in-process."""

from __future__ import annotations

from typing import Any

from openstack_sfs.tests.unit.fake_server.test_networks_servers import (
    AppTestCase,
)

SS = "/security-services"


def _action(network_id: str) -> str:
    return f"/share-networks/{network_id}/action"


class SecurityServiceCase(AppTestCase):
    def service(
        self, as_user: str = "demo", status: int = 200, **values: Any
    ) -> dict[str, Any]:
        body = {"security_service": dict({"type": "ldap"}, **values)}
        found: dict[str, Any] = self.ok(
            "POST", SS, body, status, user=as_user
        )["security_service"]
        return found

    def add(self, network_id: str, service_id: str, **kw: Any) -> Any:
        return self.call(
            "POST",
            _action(network_id),
            {"add_security_service": {"security_service_id": service_id}},
            **kw,
        )


class TestSecurityServices(SecurityServiceCase):
    def test_create_answers_200_with_every_field(self) -> None:
        found = self.service(
            name="ad",
            type="active_directory",
            dns_ip="10.0.0.1",
            domain="example.com",
            user="joe",
            password="secret",
            ou="OU=x",
            default_ad_site="site1",
        )
        self.assertEqual("ad", found["name"])
        self.assertEqual("active_directory", found["type"])
        self.assertEqual("new", found["status"])
        self.assertEqual("secret", found["password"])  # Manila shows it
        self.assertEqual("OU=x", found["ou"])
        self.assertEqual("site1", found["default_ad_site"])
        self.assertEqual(
            self.cloud.identity.project_ids()["demo"], found["project_id"]
        )

    def test_versioned_fields(self) -> None:
        found = self.service(ou="OU=y")
        shown = self.ok("GET", f"{SS}/{found['id']}", version="2.43")
        self.assertNotIn("ou", shown["security_service"])
        self.assertNotIn("default_ad_site", shown["security_service"])
        shown = self.ok("GET", f"{SS}/{found['id']}", version="2.44")
        self.assertEqual("OU=y", shown["security_service"]["ou"])
        self.assertNotIn("default_ad_site", shown["security_service"])

    def test_bad_creates(self) -> None:
        self.fault(
            400,
            "badRequest",
            "Invalid input received: Invalid type nis specified for "
            "security service. Valid types are "
            "active_directory,ldap,kerberos.",
            "POST",
            SS,
            {"security_service": {"type": "nis"}},
        )
        self.fault(422, "computeFault", None, "POST", SS, {"x": {}})
        self.fault(
            400,
            "badRequest",
            '"default_ad_site" is only supported from API version 2.76.',
            "POST",
            SS,
            {"security_service": {"type": "ldap", "default_ad_site": "s"}},
            version="2.75",
        )
        self.fault(
            400,
            "badRequest",
            None,
            "POST",
            SS,
            {
                "security_service": {
                    "type": "active_directory",
                    "server": "srv",
                    "default_ad_site": "s",
                }
            },
        )
        self.fault(
            400,
            "badRequest",
            None,
            "POST",
            SS,
            {"security_service": {"type": "ldap", "name": 5}},
        )

    def test_list_detail_filters_and_isolation(self) -> None:
        mine = self.service(name="a", type="ldap")
        self.service(name="b", type="kerberos")
        theirs = self.service(as_user="alt_demo", name="c")
        rows = self.ok("GET", SS)["security_services"]
        self.assertEqual({"a", "b"}, {r["name"] for r in rows})
        self.assertEqual({"id", "name", "type", "status"}, set(rows[0].keys()))
        rows = self.ok("GET", SS, query="type=ldap")["security_services"]
        self.assertEqual([mine["id"]], [r["id"] for r in rows])
        rows = self.ok("GET", SS + "/detail")["security_services"]
        self.assertEqual([[], []], [r["share_networks"] for r in rows])
        # all_tenants is ignored for non-admins, honoured for admins
        rows = self.ok("GET", SS, query="all_tenants=1")["security_services"]
        self.assertEqual(2, len(rows))
        rows = self.ok("GET", SS, query="all_tenants=1", user="admin")[
            "security_services"
        ]
        self.assertIn(theirs["id"], [r["id"] for r in rows])
        # another project's service: the policy's 403, as Manila
        self.fault(
            403,
            "forbidden",
            None,
            "GET",
            f"{SS}/{theirs['id']}",
        )
        self.fault(404, "itemNotFound", None, "GET", f"{SS}/nope")

    def test_update_and_delete(self) -> None:
        found = self.service(name="a")
        updated = self.ok(
            "PUT",
            f"{SS}/{found['id']}",
            {"security_service": {"name": "b", "server": "s1"}},
        )["security_service"]
        self.assertEqual("b", updated["name"])
        self.assertEqual("s1", updated["server"])
        self.assertIsNotNone(updated["updated_at"])
        self.fault(
            422, "computeFault", None, "PUT", f"{SS}/{found['id']}", {"bad": 1}
        )
        self.ok("DELETE", f"{SS}/{found['id']}", status=202)
        self.fault(404, "itemNotFound", None, "DELETE", f"{SS}/{found['id']}")


class TestNetworkActions(SecurityServiceCase):
    def test_add_and_remove(self) -> None:
        network = self.network()
        ldap = self.service(name="l")
        code, answer = self.add(network["id"], ldap["id"])
        self.assertEqual(200, code, answer)
        self.assertEqual(network["id"], answer["share_network"]["id"])
        rows = self.ok(
            "GET", SS + "/detail", query=f"share_network_id={network['id']}"
        )["security_services"]
        self.assertEqual([ldap["id"]], [r["id"] for r in rows])
        self.assertEqual([network["id"]], rows[0]["share_networks"])
        # one service per type
        other = self.service(name="l2")
        code, answer = self.add(network["id"], other["id"])
        self.assertEqual(409, code)
        self.assertIn(
            "'ldap' type already added",
            answer["conflictingRequest"]["message"],
        )
        # attached: cannot delete
        self.fault(
            403,
            "forbidden",
            "Cannot delete security service. It is assigned to share "
            "network(s)",
            "DELETE",
            f"{SS}/{ldap['id']}",
        )
        answer = self.ok(
            "POST",
            _action(network["id"]),
            {"remove_security_service": {"security_service_id": ldap["id"]}},
        )
        self.assertEqual(network["id"], answer["share_network"]["id"])
        self.assertEqual(
            [],
            self.record("share_networks", network["id"])["security_services"],
        )
        self.fault(
            400,
            "badRequest",
            f"Failed to dissociate share network {network['id']} and "
            f"security service {ldap['id']}: No association defined.",
            "POST",
            _action(network["id"]),
            {"remove_security_service": {"security_service_id": ldap["id"]}},
        )

    def test_bad_action_bodies(self) -> None:
        network = self.network()
        self.fault(
            400,
            "badRequest",
            "Malformed request body",
            "POST",
            _action(network["id"]),
            {"add_security_service": {}},
        )
        self.fault(
            404,
            "itemNotFound",
            "Security service nope could not be found.",
            "POST",
            _action(network["id"]),
            {"add_security_service": {"security_service_id": "nope"}},
        )
        self.fault(
            400,
            "badRequest",
            None,
            "POST",
            _action(network["id"]),
            {"add_security_service": {"security_service_id": 5}},
        )

    def test_in_use_network(self) -> None:
        network = self.network()
        self.share(network["id"])
        self.cloud.bus.advance()
        self.assertEqual(1, len(self.servers()))
        ldap = self.service()
        code, answer = self.add(network["id"], ldap["id"], version="2.62")
        self.assertEqual(403, code)
        self.assertEqual(
            "Cannot add security services. Share network is used.",
            answer["forbidden"]["message"],
        )
        # from 2.63 the dummy backends' servers take the update (Manila's
        # security_service_update_support); this one failed its setup
        # (no Neutron network), so the network is not ready for it
        code, answer = self.add(network["id"], ldap["id"])
        self.assertEqual(400, code)
        self.assertIn(
            "are not currently available", answer["badRequest"]["message"]
        )

    def test_update_and_checks(self) -> None:
        network = self.network()
        first = self.service(name="one")
        second = self.service(name="two")
        kerberos = self.service(type="kerberos")
        self.add(network["id"], first["id"])
        answer = self.ok(
            "POST",
            _action(network["id"]),
            {
                "add_security_service_check": {
                    "security_service_id": kerberos["id"]
                }
            },
            status=202,
        )
        self.assertTrue(answer["compatible"])
        self.assertEqual(
            "add_security_service",
            answer["requested_operation"]["operation"],
        )
        self.assertNotIn("hosts_check_result", answer)
        answer = self.ok(
            "POST",
            _action(network["id"]),
            {
                "update_security_service_check": {
                    "current_service_id": first["id"],
                    "new_service_id": second["id"],
                }
            },
            status=202,
            user="admin",
        )
        self.assertEqual({}, answer["hosts_check_result"])
        self.fault(
            409,
            "conflictingRequest",
            None,
            "POST",
            _action(network["id"]),
            {
                "update_security_service": {
                    "current_service_id": first["id"],
                    "new_service_id": kerberos["id"],
                }
            },
        )
        self.fault(
            404,
            "itemNotFound",
            None,
            "POST",
            _action(network["id"]),
            {
                "update_security_service": {
                    "current_service_id": first["id"],
                    "new_service_id": second["id"],
                }
            },
            version="2.62",
        )
        self.ok(
            "POST",
            _action(network["id"]),
            {
                "update_security_service": {
                    "current_service_id": first["id"],
                    "new_service_id": second["id"],
                }
            },
            status=202,
        )
        self.assertEqual(
            [second["id"]],
            self.record("share_networks", network["id"])["security_services"],
        )
