"""The fake server's replica and migration answers against Manila 23.0.1.

ManilaException trims a doubled final period (exception.py), so
``InvalidInput``/``ReplicationException`` texts built from a reason
ending in "." end in one period. Each test names the Manila code it
mirrors.
"""

from __future__ import annotations

from typing import Any

from openstack_sfs.tests.unit.fake_server.test_share_migration import (
    MigrationTestCase,
    start_body,
)
from openstack_sfs.tests.unit.fake_server.test_share_replicas import (
    ReplicaTestCase,
)


class TestReplicaMessages(ReplicaTestCase):
    """manila/share/api.py create/delete/promote_share_replica."""

    def create_fault(self, **params: Any) -> str:
        body = {"share_replica": dict({"share_id": self.sid}, **params)}
        return self.fault(
            self.replica_call("POST", "", body), 400, "badRequest"
        )

    def network(self) -> str:
        body = {"share_network": {"name": "n"}}
        result = self.ok(self.call("POST", "/share-networks", body))
        return str(result["share_network"]["id"])

    def test_scheduler_hints_message(self) -> None:
        self.assertEqual(
            "Invalid input received: Arg 'scheduler_hints' supports only "
            "'only_host' key.",
            self.create_fault(scheduler_hints={"same_host": "x"}),
        )

    def test_no_available_active_replica(self) -> None:
        self.cloud.store.update("shares", self.sid, status="error")
        self.assertEqual(
            "Unable to perform a replication action: Share "
            f"{self.sid} does not have any active replica in available "
            "state.",
            self.create_fault(),
        )

    def test_last_active_replica_delete(self) -> None:
        active = self.rec()["instance_id"]
        self.ok(self.replica_call("GET", "/detail"))
        message = self.fault(
            self.replica_call("DELETE", f"/{active}"), 400, "badRequest"
        )
        self.assertEqual(
            "Unable to perform a replication action: Cannot delete last "
            "active replica.",
            message,
        )

    def test_promote_needs_available(self) -> None:
        replica = self.available_replica()
        self.cloud.store.update(
            "share_replicas", replica["id"], status="error"
        )
        message = self.fault(
            self.replica_action(replica["id"], {"promote": None}),
            400,
            "badRequest",
        )
        self.assertEqual(
            "Unable to perform a replication action: Replica "
            f"{replica['id']} must be in available state to be promoted.",
            message,
        )

    def test_unknown_zone_with_share_network(self) -> None:
        # share_network_id and availability_zone: InvalidInput(message=)
        self.assertEqual(
            "Share replica cannot be created because the specified "
            "availability zone does not exist.",
            self.create_fault(
                share_network_id=self.network(), availability_zone="nowhere"
            ),
        )
        # without a share network: AvailabilityZoneNotFound's text
        self.assertEqual(
            "Availability zone nowhere could not be found.",
            self.create_fault(availability_zone="nowhere"),
        )

    def test_different_authentication_domains(self) -> None:
        parent = self.network()
        other = self.network()
        self.cloud.store.update("shares", self.sid, share_network_id=parent)
        self.cloud.store.update(
            "share_networks", other, security_services=["ss-1"]
        )
        self.assertEqual(
            "Invalid input received: Share and its replica can't be in "
            "different authentication domains.",
            self.create_fault(share_network_id=other),
        )


class TestMigrationMessages(MigrationTestCase):
    """manila/share/api.py migration_start."""

    def test_bad_combination_single_period(self) -> None:
        message = self.fault(
            self.migrate(start_body(force_host_assisted_migration=True)),
            400,
            "badRequest",
        )
        self.assertTrue(
            message.endswith('"force_host_assisted_migration" option.'),
            message,
        )

    def test_network_with_dhss_false_single_period(self) -> None:
        body = {"share_network": {"name": "n"}}
        net = self.ok(self.call("POST", "/share-networks", body, user="admin"))
        message = self.fault(
            self.migrate(
                start_body(new_share_network_id=net["share_network"]["id"])
            ),
            400,
            "badRequest",
        )
        self.assertEqual(
            "Invalid input received: New share network must not be "
            f"provided when share type of given share {self.sid} has "
            "extra_spec 'driver_handles_share_servers' as False.",
            message,
        )

    def test_new_type_size_limits(self) -> None:
        body = {
            "share_type": {
                "name": "small",
                "extra_specs": {
                    "driver_handles_share_servers": False,
                    "provisioning:max_share_size": "1",
                },
            }
        }
        new_type = self.ok(self.call("POST", "/types", body, user="admin"))
        message = self.fault(
            self.migrate(
                start_body(new_share_type_id=new_type["share_type"]["id"])
            ),
            400,
            "badRequest",
        )
        self.assertEqual(
            "Invalid input received: Specified share size of '2' is "
            "greater than the maximum allowable size of '1' for share "
            "type 'small'.",
            message,
        )
        self.assertIsNone(self.task_state())
        self.assertEqual("available", self.rec()["status"])
