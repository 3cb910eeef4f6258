"""DHSS True behaviour against Manila 23.0.1 with devstack's dummy driver.

What the dummy driver (manila/tests/share/drivers/dummy.py) reports and
does for share servers, and the share/api.py and share/manager.py paths
that depend on it: servers on several subnets of a zone, security
services and subnets added to share networks in use (with their
checks), snapshot export locations, and the affinity hints when a
replica or a migration is scheduled.
"""

from __future__ import annotations

from typing import Any

from openstack_sfs.tests.unit.fake_server.test_networks_servers import (
    GAMMA,
    AppTestCase,
)


def _replicating(*names: str, dhss: bool) -> list[dict[str, Any]]:
    """Backends of one pool each, in one replication domain."""
    return [
        {
            "replace": True,
            "name": name,
            "driver_handles_share_servers": dhss,
            "replication_domain": "DOMAIN",
            "replication_type": "readable",
            "pools": [{"name": "p1"}],
        }
        for name in names
    ]


def _action(network_id: str) -> str:
    return f"/share-networks/{network_id}/action"


class DhssCase(AppTestCase):
    #: Manila's standalone network plugin: no Neutron ids needed
    fake_config: dict[str, Any] = {
        "server": {"progression": "manual", "neutron": False}
    }

    def available_share(self, network_id: str, **values: Any) -> str:
        share = self.share(network_id, **values)
        self.cloud.bus.advance()
        self.assertEqual(
            "available", self.record("shares", share["id"])["status"]
        )
        return str(share["id"])

    def share_with_snapshot(self) -> tuple[Any, str, Any]:
        """A network, an available share on it and its snapshot."""
        network = self.network()
        share_id = self.available_share(network["id"])
        snapshot = self.ok(
            "POST", "/snapshots", {"snapshot": {"share_id": share_id}}, 202
        )["snapshot"]
        self.cloud.bus.advance()
        return network, share_id, snapshot

    def server_of(self, share_id: str) -> dict[str, Any]:
        return self.record(
            "share_servers", self.record("shares", share_id)["share_server_id"]
        )

    def export_paths(self, share_id: str, user: str = "admin") -> list[Any]:
        rows = self.ok(
            "GET", f"/shares/{share_id}/export_locations", user=user
        )["export_locations"]
        return [(r["path"], r["is_admin_only"], r["preferred"]) for r in rows]

    def subnet(self, network_id: str, **values: Any) -> Any:
        return self.call(
            "POST",
            f"/share-networks/{network_id}/subnets",
            {"share-network-subnet": values},
        )

    def subnet_check(self, network_id: str, **values: Any) -> Any:
        return self.ok(
            "POST",
            _action(network_id),
            {"share_network_subnet_create_check": values},
            202,
            user="admin",
        )


class TestDummyCapabilities(DhssCase):
    """dummy.py __init__ and _update_share_stats, driver.py
    _update_share_stats, manager.py _provide_share_server_for_share."""

    def test_pools_report_the_dummy_update_supports(self) -> None:
        pools = self.ok("GET", "/scheduler-stats/pools/detail", user="admin")[
            "pools"
        ]
        self.assertTrue(pools)
        for pool in pools:
            caps = pool["capabilities"]
            self.assertIs(True, caps["security_service_update_support"])
            self.assertIs(True, caps["network_allocation_update_support"])
            self.assertIs(True, caps["share_server_multiple_subnet_support"])
            self.assertIs(True, caps["mount_point_name_support"])

    def test_servers_and_networks_in_use_support_updates(self) -> None:
        network = self.network()
        share_id = self.available_share(network["id"])
        server = self.ok(
            "GET",
            f"/share-servers/{self.server_of(share_id)['id']}",
            user="admin",
        )["share_server"]
        self.assertIs(True, server["security_service_update_support"])
        self.assertIs(True, server["network_allocation_update_support"])
        # the dummy's server_id is the share server's id, and Manila makes
        # it the identifier (unique across backends)
        self.assertEqual(server["id"], server["identifier"])
        self.assertEqual(server["id"], server["backend_details"]["server_id"])
        shown = self.ok("GET", f"/share-networks/{network['id']}")[
            "share_network"
        ]
        self.assertIs(True, shown["security_service_update_support"])
        self.assertIs(True, shown["network_allocation_update_support"])


class TestMultipleSubnets(DhssCase):
    """manager.py _provide_share_server_for_share with every subnet of
    the zone, dummy.py _setup_server and _generate_export_locations."""

    def test_server_on_every_subnet_of_the_zone(self) -> None:
        network = self.network()
        first = self.subnet(network["id"], availability_zone="nova")
        second = self.subnet(network["id"], availability_zone="nova")
        self.assertEqual(200, first[0], first[1])
        self.assertEqual(200, second[0], second[1])
        share_id = self.available_share(
            network["id"], availability_zone="nova"
        )
        server = self.server_of(share_id)
        self.assertEqual(
            [
                first[1]["share_network_subnet"]["id"],
                second[1]["share_network_subnet"]["id"],
            ],
            server["share_network_subnet_ids"],
        )
        # an admin-only path, then a preferred and a second path for
        # each subnet the server serves
        paths = self.export_paths(share_id)
        self.assertEqual(
            [
                (True, False),
                (False, True),
                (False, False),
                (False, True),
                (False, False),
            ],
            [(admin, preferred) for _path, admin, preferred in paths],
        )
        self.assertEqual(5, len({path for path, _a, _p in paths}))


class TestSubnetAddedWhileInUse(DhssCase):
    """share_network_subnets.py create and share_networks.py
    share_network_subnet_create_check; share/api.py
    update_share_server_network_allocations; manager.py and dummy.py
    update_share_server_network_allocations."""

    def test_check_then_add_gives_servers_addresses_there(self) -> None:
        network, share_id, snapshot = self.share_with_snapshot()
        server = self.server_of(share_id)
        # no check yet: Manila refuses to start the update
        code, answer = self.subnet(network["id"])
        self.assertEqual(400, code, answer)
        self.assertIn(
            "no check operation was found", answer["badRequest"]["message"]
        )
        # the first check asks the host, the next gives its answer
        self.assertEqual(
            {"compatible": None, "hosts_check_result": {GAMMA: None}},
            self.subnet_check(network["id"]),
        )
        self.cloud.bus.advance()
        self.assertEqual(
            {"compatible": True, "hosts_check_result": {GAMMA: True}},
            self.subnet_check(network["id"]),
        )
        code, answer = self.subnet(network["id"])
        self.assertEqual(200, code, answer)
        added = answer["share_network_subnet"]["id"]
        self.assertEqual(
            "network_change",
            self.record("share_networks", network["id"])["status"],
        )
        self.assertEqual(
            "network_change",
            self.record("share_servers", server["id"])["status"],
        )
        self.assertIn(
            added,
            self.record("share_servers", server["id"])[
                "share_network_subnet_ids"
            ],
        )
        self.cloud.bus.advance()
        self.assertEqual(
            "active", self.record("share_servers", server["id"])["status"]
        )
        self.assertEqual(
            "active", self.record("share_networks", network["id"])["status"]
        )
        # the share and its snapshot export on the new addresses too
        self.assertEqual(5, len(self.export_paths(share_id)))
        self.assertEqual(
            5,
            len(self.record("snapshots", snapshot["id"])["export_locations"]),
        )
        # the check was spent by the update
        code, answer = self.subnet(network["id"])
        self.assertEqual(400, code, answer)

    def test_bad_subnet_body_changes_nothing(self) -> None:
        network = self.network()
        self.available_share(network["id"])
        self.subnet_check(network["id"])
        self.cloud.bus.advance()
        self.assertTrue(self.subnet_check(network["id"])["compatible"])
        code, answer = self.subnet(
            network["id"], neutron_net_id=5, neutron_subnet_id=6
        )
        self.assertEqual(400, code, answer)
        self.assertEqual(
            "active", self.record("share_networks", network["id"])["status"]
        )
        # the check still stands
        self.assertEqual(200, self.subnet(network["id"])[0])

    def test_reset_operation_asks_again(self) -> None:
        network = self.network()
        self.available_share(network["id"])
        self.subnet_check(network["id"])
        self.cloud.bus.advance()
        self.assertTrue(self.subnet_check(network["id"])["compatible"])
        again = self.subnet_check(network["id"], reset_operation=True)
        self.assertIsNone(again["compatible"])
        # the answers live beside the network (Manila's
        # async_operation_data table), not on its row
        self.assertEqual(
            network["updated_at"],
            self.record("share_networks", network["id"])["updated_at"],
        )


class TestSecurityServiceWhileInUse(DhssCase):
    """share_networks.py add_security_service and
    update_security_service (2.63) with their checks; share/api.py
    update_share_network_security_service; manager.py
    _update_share_network_security_service."""

    def service(self, **values: Any) -> dict[str, Any]:
        body = {"security_service": {"type": "ldap", **values}}
        found: dict[str, Any] = self.ok("POST", "/security-services", body)[
            "security_service"
        ]
        return found

    def act(self, network_id: str, name: str, **values: Any) -> Any:
        return self.call("POST", _action(network_id), {name: values})

    def test_add_after_check_on_a_network_in_use(self) -> None:
        network = self.network()
        share_id = self.available_share(network["id"])
        server = self.server_of(share_id)
        ldap = self.service(name="one")

        def add(action: str) -> Any:
            return self.act(
                network["id"], action, security_service_id=ldap["id"]
            )

        code, answer = add("add_security_service")
        self.assertEqual(400, code, answer)
        self.assertIn("no check operation", answer["badRequest"]["message"])
        code, first = add("add_security_service_check")
        self.assertEqual(202, code, first)
        self.assertIsNone(first["compatible"])
        # not done yet: the update waits for the answers
        code, answer = add("add_security_service")
        self.assertEqual(400, code, answer)
        self.assertIn(
            "A validation check is in progress",
            answer["badRequest"]["message"],
        )
        self.cloud.bus.advance()
        self.assertTrue(add("add_security_service_check")[1]["compatible"])
        code, answer = add("add_security_service")
        self.assertEqual(200, code, answer)
        self.assertEqual("network_change", answer["share_network"]["status"])
        self.assertEqual(
            "network_change",
            self.record("share_servers", server["id"])["status"],
        )
        self.cloud.bus.advance()
        updated = self.record("share_servers", server["id"])
        self.assertEqual("active", updated["status"])
        self.assertIn("security_service_ldap", updated["backend_details"])
        shown = self.ok("GET", f"/share-networks/{network['id']}")[
            "share_network"
        ]
        self.assertEqual("active", shown["status"])
        self.assertEqual(
            [ldap["id"]],
            self.record("share_networks", network["id"])["security_services"],
        )

    def test_replace_after_check(self) -> None:
        network = self.network()
        one = self.service(name="one")
        two = self.service(name="two")
        self.assertEqual(
            200,
            self.act(
                network["id"],
                "add_security_service",
                security_service_id=one["id"],
            )[0],
        )
        share_id = self.available_share(network["id"])
        ids = {"current_service_id": one["id"], "new_service_id": two["id"]}
        self.act(network["id"], "update_security_service_check", **ids)
        self.cloud.bus.advance()
        code, answer = self.act(
            network["id"], "update_security_service_check", **ids
        )
        self.assertEqual(202, code, answer)
        self.assertTrue(answer["compatible"])
        code, answer = self.act(
            network["id"], "update_security_service", **ids
        )
        self.assertEqual(202, code, answer)
        self.assertEqual("network_change", answer["share_network"]["status"])
        self.cloud.bus.advance()
        self.assertEqual(
            [two["id"]],
            self.record("share_networks", network["id"])["security_services"],
        )
        self.assertEqual("active", self.server_of(share_id)["status"])

    def test_share_not_available_refuses_the_check(self) -> None:
        network = self.network()
        share_id = self.available_share(network["id"])
        self.ok(
            "POST",
            f"/shares/{share_id}/action",
            {"reset_status": {"status": "error"}},
            202,
            user="admin",
        )
        ldap = self.service()
        code, answer = self.act(
            network["id"],
            "add_security_service_check",
            security_service_id=ldap["id"],
        )
        self.assertEqual(400, code, answer)
        self.assertIn("are not available", answer["badRequest"]["message"])


class TestSnapshotExportLocations(DhssCase):
    """dummy.py _create_snapshot (export locations as a share's) and
    manager.py create_snapshot (kept with mount_snapshot_support)."""

    def test_three_on_the_server_addresses(self) -> None:
        network, share_id, snapshot = self.share_with_snapshot()
        base = f"/snapshots/{snapshot['id']}/export-locations"
        admin_rows = self.ok("GET", base, user="admin")[
            "share_snapshot_export_locations"
        ]
        self.assertEqual(
            [True, False, False], [r["is_admin_only"] for r in admin_rows]
        )
        share_hosts = [
            p.split(":")[0] for p, _a, _pr in self.export_paths(share_id)
        ]
        self.assertEqual(
            share_hosts, [r["path"].split(":")[0] for r in admin_rows]
        )
        for row in admin_rows:
            self.assertIn("/path/to/fake/snapshot/snapshot_", row["path"])
        # a project member does not see the admin-only one
        rows = self.ok("GET", base)["share_snapshot_export_locations"]
        self.assertEqual(
            [r["path"] for r in admin_rows[1:]], [r["path"] for r in rows]
        )


class TestAffinityLater(AppTestCase):
    """scheduler/drivers/filter.py populate_filter_properties_scheduler_
    hints: a replica (share/api.py create_share_replica, with no hints of
    its own) and a migration (host_passes_filters) are scheduled with the
    share's ``__affinity_*`` metadata, through AffinityFilter and
    AntiAffinityFilter."""

    #: one pool per backend, both in one replication domain
    fake_config: dict[str, Any] = {
        "server": {"progression": "manual"},
        "backends": _replicating("alpha", "beta", dhss=False),
    }

    def placed(self, **hints: str) -> dict[str, Any]:
        body: dict[str, Any] = {
            "share": {"share_proto": "NFS", "size": 1, "share_type": "default"}
        }
        if hints:
            body["share"]["scheduler_hints"] = hints
        share = self.ok("POST", "/shares", body)["share"]
        self.cloud.bus.advance()
        found = self.record("shares", share["id"])
        self.assertEqual("available", found["status"])
        return found

    def test_replica_avoids_the_pools_of_different_host_shares(self) -> None:
        first = self.placed()
        second = self.placed(different_host=first["id"])
        self.assertNotEqual(first["host"], second["host"])
        replica = self.ok(
            "POST",
            "/share-replicas",
            {"share_replica": {"share_id": second["id"]}},
            202,
        )["share_replica"]
        self.cloud.bus.advance()
        # the only other pool holds the share it must stay away from
        self.assertEqual(
            "error", self.record("share_replicas", replica["id"])["status"]
        )

    def test_replica_of_a_share_without_hints_is_placed(self) -> None:
        share = self.placed()
        replica = self.ok(
            "POST",
            "/share-replicas",
            {"share_replica": {"share_id": share["id"]}},
            202,
        )["share_replica"]
        self.cloud.bus.advance()
        placed = self.record("share_replicas", replica["id"])
        self.assertEqual("available", placed["status"])
        self.assertNotEqual(share["host"], placed["host"])

    def test_migration_keeps_a_same_host_share_in_place(self) -> None:
        first = self.placed()
        second = self.placed(same_host=first["id"])
        self.assertEqual(first["host"], second["host"])
        other = "fakehost@beta#p1"
        if first["host"] == other:
            other = "fakehost@alpha#p1"
        params = {
            "host": other,
            "writable": True,
            "preserve_metadata": True,
            "preserve_snapshots": True,
            "nondisruptive": False,
        }
        self.ok(
            "POST",
            f"/shares/{second['id']}/action",
            {"migration_start": params},
            202,
            user="admin",
        )
        self.cloud.bus.advance()
        moved = self.record("shares", second["id"])
        self.assertEqual("migration_error", moved["task_state"])
        self.assertEqual(first["host"], moved["host"])


class TestMultipleSubnetSupportFilter(DhssCase):
    """scheduler/filters/availability_zone.py with the API's
    ``az_request_multiple_subnet_support_map`` (api/v2/shares.py,
    share/api.py _get_all_availability_zones_with_subnets): a backend
    without ``share_server_multiple_subnet_support`` takes no share in a
    zone where the share network has several subnets."""

    fake_config: dict[str, Any] = {
        "server": {"progression": "manual", "neutron": False},
        "backends": [
            {
                "replace": True,
                "name": "gamma",
                "driver_handles_share_servers": True,
                "capabilities": {
                    "share_server_multiple_subnet_support": False
                },
                "pools": [{"name": "p1"}],
            }
        ],
    }

    def test_one_subnet_is_placed_two_are_refused(self) -> None:
        single = self.network()
        self.available_share(single["id"])
        double = self.network()
        for _ in range(2):
            self.assertEqual(
                200, self.subnet(double["id"], availability_zone="nova")[0]
            )
        share = self.share(double["id"])
        self.cloud.bus.advance()
        self.assertEqual("error", self.record("shares", share["id"])["status"])
        messages = self.ok("GET", "/messages")["messages"]
        # 007: "... AvailabilityZone filter didn't succeed."
        self.assertEqual(["007"], [m["detail_id"] for m in messages])


class TestReplicaOnServerWhenSubnetAdded(DhssCase):
    """manager.py update_share_server_network_allocations: every share
    instance on the servers, replicas included, exports on the new
    subnet; each backend host of the zone's servers is asked."""

    fake_config: dict[str, Any] = {
        "server": {"progression": "manual", "neutron": False},
        "backends": _replicating("gamma", "delta", dhss=True),
    }

    def test_replica_exports_on_the_new_subnet(self) -> None:
        specs = {
            "driver_handles_share_servers": "True",
            "replication_type": "readable",
        }
        self.ok(
            "POST",
            "/types",
            {"share_type": {"name": "replicated", "extra_specs": specs}},
            user="admin",
        )
        network = self.network()
        share_id = self.available_share(network["id"], share_type="replicated")
        replica = self.ok(
            "POST",
            "/share-replicas",
            {"share_replica": {"share_id": share_id}},
            202,
        )["share_replica"]
        self.cloud.bus.advance()
        placed = self.record("share_replicas", replica["id"])
        self.assertEqual("available", placed["status"])
        self.assertEqual(3, len(placed["export_locations"]))
        hosts = {GAMMA: None, "fakehost@delta": None}
        self.assertEqual(
            {"compatible": None, "hosts_check_result": hosts},
            self.subnet_check(network["id"]),
        )
        self.cloud.bus.advance()
        self.assertTrue(self.subnet_check(network["id"])["compatible"])
        self.assertEqual(200, self.subnet(network["id"])[0])
        self.cloud.bus.advance()
        self.assertEqual(5, len(self.export_paths(share_id)))
        moved = self.record("share_replicas", replica["id"])
        self.assertEqual(5, len(moved["export_locations"]))
        self.assertEqual(
            "active", self.record("share_networks", network["id"])["status"]
        )
