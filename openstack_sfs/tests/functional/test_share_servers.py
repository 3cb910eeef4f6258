"""Share servers through openstack_sfs, against fake_server: the DHSS True
create, schedule, server, export flow; admin operations; manage and
unmanage; share server migration (experimental)."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.functional import base
from openstack_sfs.tests.functional.test_share_networks import (
    NetworkTestCase,
)

GAMMA = "fakehost@gamma"
DELTA = "fakehost@delta"


class ServerTestCase(NetworkTestCase):
    def wait_server(
        self,
        server: Any,
        status: str,
        failures: list[str] | None = None,
        attribute: str = "status",
    ) -> Any:
        return self.admin_sfs.wait_for_status(
            server,
            status,
            failures=failures or ["error"],
            interval=0.02,
            wait=base.WAIT,
            attribute=attribute,
        )

    def wait_gone(self, server: Any) -> None:
        self.admin_sfs.wait_for_delete(server, interval=0.02, wait=base.WAIT)


class TestDhssTrueFlow(ServerTestCase):
    def test_create_schedule_server_export(self) -> None:
        network = self.dhss_network()
        first = self.create_share(network, name="one")
        second = self.create_share(network, name="two")
        one = self.admin_sfs.get_share(first.id)
        two = self.admin_sfs.get_share(second.id)
        self.assertTrue(one.host.startswith(GAMMA + "#"))
        self.assertIsNotNone(one.share_server_id)
        self.assertEqual(one.share_server_id, two.share_server_id)
        (server,) = list(
            self.admin_sfs.share_servers(share_network=network.id)
        )
        self.assertEqual(one.share_server_id, server.id)
        self.assertEqual("active", server.status)
        self.assertEqual(GAMMA, server.host)
        self.assertTrue(server.is_auto_deletable)
        self.assertEqual(network.id, server.share_network_id)
        self.assertEqual("net", server.share_network_name)
        self.assertEqual(
            [network.share_network_subnets[0]["id"]],
            server.share_network_subnet_ids,
        )
        details = self.admin_sfs.get_share_server_details(server)
        address = details["ip"]
        self.assertEqual(
            address,
            self.admin_sfs.get_share_server(server.id).backend_details["ip"],
        )
        for share in (first, second):
            # the server's two addresses, the first preferred (as the
            # dummy driver exports through its two network allocations)
            preferred, second_el = list(self.sfs.export_locations(share.id))
            self.assertTrue(preferred.is_preferred)
            self.assertTrue(
                preferred.path.startswith(address + ":/"), preferred.path
            )
            self.assertFalse(second_el.is_preferred)
            self.assertTrue(
                second_el.path.startswith(details["secondary_ip"] + ":/")
            )
        # a second network gets its own server
        other = self.dhss_network(name="other")
        third = self.admin_sfs.get_share(self.create_share(other).id)
        self.assertNotEqual(server.id, third.share_server_id)
        self.assertEqual(2, len(list(self.admin_sfs.share_servers())))

    def test_share_network_is_required(self) -> None:
        self.assertFault(
            exceptions.BadRequestException,
            "Share network must be set when the driver_handles_share_servers"
            " is true.",
            self.sfs.create_share,
            size=1,
            share_protocol="NFS",
            share_type="dhss_true",
        )

    def test_server_outlives_its_last_share(self) -> None:
        network = self.dhss_network()
        share = self.create_share(network)
        server_id = self.admin_sfs.get_share(share.id).share_server_id
        self.assertFault(
            exceptions.ConflictException,
            f"Share server {server_id} is in use.",
            self.admin_sfs.delete_share_server,
            server_id,
        )
        self.sfs.delete_share(share)
        self.sfs.wait_for_delete(share, interval=0.02, wait=base.WAIT)
        server = self.admin_sfs.get_share_server(server_id)
        self.assertEqual("active", server.status)
        self.admin_sfs.delete_share_server(server)
        self.wait_gone(server)
        self.assertRaises(
            exceptions.NotFoundException,
            self.admin_sfs.get_share_server,
            server_id,
        )
        self.sfs.delete_share_network(network)

    def test_setup_failure(self) -> None:
        self.fake.control(
            "PATCH", "backends/gamma", {"failures": {"setup_server": 1}}
        )
        network = self.dhss_network()
        share = self.sfs.create_share(
            size=1,
            share_protocol="NFS",
            share_type="dhss_true",
            share_network_id=network.id,
        )
        share = self.sfs.wait_for_status(
            share, "error", interval=0.02, wait=base.WAIT
        )
        self.assertEqual("error", share.status)
        (server,) = list(self.admin_sfs.share_servers())
        self.assertEqual("error", server.status)


class TestShareServerAdmin(ServerTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.network = self.dhss_network()
        self.share = self.create_share(self.network)
        self.server_id = self.admin_sfs.get_share(
            self.share.id
        ).share_server_id

    def test_admin_only(self) -> None:
        self.assertRaises(
            exceptions.ForbiddenException,
            lambda: list(self.sfs.share_servers()),
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.get_share_server,
            self.server_id,
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.delete_share_server,
            self.server_id,
        )

    def test_filters(self) -> None:
        def ids(**query: Any) -> list[str]:
            return [s.id for s in self.admin_sfs.share_servers(**query)]

        self.assertEqual([self.server_id], ids(host=GAMMA))
        self.assertEqual([], ids(host="fakehost@alpha"))
        self.assertEqual([self.server_id], ids(share_network="net"))
        self.assertEqual([self.server_id], ids(status="active"))
        self.assertEqual(
            [self.server_id], ids(project_id=self.fake.project_id("demo"))
        )
        self.assertEqual([], ids(project_id=self.fake.project_id("admin")))

    def test_reset_status(self) -> None:
        self.admin_sfs.reset_share_server_status(self.server_id, "error")
        self.assertEqual(
            "error", self.admin_sfs.get_share_server(self.server_id).status
        )
        self.assertFault(
            exceptions.BadRequestException,
            "Invalid state. Valid states:",
            self.admin_sfs.reset_share_server_status,
            self.server_id,
            "bogus",
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.reset_share_server_status,
            self.server_id,
            "active",
        )

    def test_unmanage_refused_while_in_use(self) -> None:
        self.assertFault(
            exceptions.BadRequestException,
            f"Share server {self.server_id} is in use.",
            self.admin_sfs.unmanage_share_server,
            self.server_id,
        )

    def test_delete_refused_unless_active_or_error(self) -> None:
        self.sfs.delete_share(self.share)
        self.sfs.wait_for_delete(self.share, interval=0.02, wait=base.WAIT)
        self.admin_sfs.reset_share_server_status(self.server_id, "creating")
        self.assertFault(
            exceptions.ForbiddenException,
            "Share server's actual status is creating, allowed statuses "
            "for deletion are ['error', 'active'].",
            self.admin_sfs.delete_share_server,
            self.server_id,
        )


class TestManageUnmanage(ServerTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.network = self.dhss_network()

    def test_manage_then_unmanage(self) -> None:
        # a server that was on the backend before Manila
        self.fake.plant_share_server("gamma", "vserver-legacy")
        server = self.admin_sfs.manage_share_server(
            GAMMA,
            self.network,
            "vserver-legacy",
            driver_options={"ip": "10.254.0.200"},
        )
        self.assertEqual("manage_starting", server.status)
        self.assertFalse(server.is_auto_deletable)
        server = self.wait_server(server, "active", ["manage_error"])
        self.assertEqual("vserver-legacy", server.identifier)
        self.assertEqual("10.254.0.200", server.backend_details["ip"])
        self.admin_sfs.unmanage_share_server(server)
        self.wait_gone(server)
        # the backend holds it again, with its addresses
        self.assertEqual(
            [{"kind": "share_server", "identifier": "vserver-legacy"}],
            self.fake.backend_storage("gamma"),
        )
        again = self.admin_sfs.manage_share_server(
            GAMMA, self.network, "vserver-legacy"
        )
        again = self.wait_server(again, "active", ["manage_error"])
        self.assertEqual("10.254.0.200", again.backend_details["ip"])
        self.assertEqual([], self.fake.backend_storage("gamma"))

    def test_manage_of_a_server_the_backend_lacks_fails(self) -> None:
        # Manila's dummy driver finds nothing in its private storage
        server = self.admin_sfs.manage_share_server(
            GAMMA, self.network, "vs-unknown"
        )
        server = self.wait_server(server, "manage_error", ["active"])
        self.assertEqual("manage_error", server.status)

    def test_manage_with_subnet(self) -> None:
        subnet_id = self.network.share_network_subnets[0]["id"]
        self.fake.plant_share_server("gamma", "vs-2")
        server = self.admin_sfs.manage_share_server(
            GAMMA, self.network, "vs-2", share_network_subnet=subnet_id
        )
        server = self.wait_server(server, "active", ["manage_error"])
        self.assertEqual([subnet_id], server.share_network_subnet_ids)

    def test_manage_on_dhss_false_backend_errors(self) -> None:
        server = self.admin_sfs.manage_share_server(
            "fakehost@alpha", self.network, "vs-3"
        )
        server = self.wait_server(server, "manage_error", ["active"])
        self.assertEqual("manage_error", server.status)

    def test_manage_bad_input(self) -> None:
        self.assertFault(
            exceptions.BadRequestException,
            "Host parameter should not contain pool.",
            self.admin_sfs.manage_share_server,
            GAMMA + "#pool1",
            self.network,
            "vs",
        )
        self.assertFault(
            exceptions.BadRequestException,
            "Service fakehost@nope could not be found.",
            self.admin_sfs.manage_share_server,
            "fakehost@nope",
            self.network,
            "vs",
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.manage_share_server,
            GAMMA,
            self.network,
            "vs",
        )
        self.assertEqual([], list(self.admin_sfs.share_servers()))


class TestMigration(ServerTestCase):
    fake_config = {
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
        self.network = self.dhss_network()
        self.share = self.create_share(self.network)
        self.server_id = self.admin_sfs.get_share(
            self.share.id
        ).share_server_id
        self.assertEqual(
            GAMMA, self.admin_sfs.get_share_server(self.server_id).host
        )

    def test_needs_the_experimental_header(self) -> None:
        response = self.raw(
            self.admin,
            "POST",
            f"/share-servers/{self.server_id}/action",
            json={"migration_get_progress": None},
        )
        self.assertEqual(404, response.status_code)

    def test_check_start_complete(self) -> None:
        result = self.admin_sfs.check_share_server_migration(
            self.server_id,
            DELTA,
            preserve_snapshots=True,
            writable=True,
            nondisruptive=False,
        )
        self.assertTrue(result["compatible"])
        self.assertEqual(DELTA, result["requested_capabilities"]["host"])
        self.admin_sfs.start_share_server_migration(
            self.server_id,
            DELTA,
            preserve_snapshots=True,
            writable=True,
            nondisruptive=False,
        )
        server = self.admin_sfs.get_share_server(self.server_id)
        server = self.wait_server(
            server,
            "migration_driver_phase1_done",
            ["migration_error"],
            "task_state",
        )
        self.assertEqual("server_migrating", server.status)
        self.assertEqual(
            "server_migrating", self.sfs.get_share(self.share.id).status
        )
        progress = self.admin_sfs.get_share_server_migration_progress(
            self.server_id
        )
        self.assertEqual(100, progress["total_progress"])
        dest_id = progress["destination_share_server_id"]
        self.assertEqual(
            "migration_driver_phase1_done", progress["task_state"]
        )
        result = self.admin_sfs.complete_share_server_migration(self.server_id)
        self.assertEqual({"destination_share_server_id": dest_id}, result)
        self.wait_gone(server)
        dest = self.admin_sfs.get_share_server(dest_id)
        self.assertEqual(
            ("active", "migration_success", DELTA),
            (dest.status, dest.task_state, dest.host),
        )
        self.assertEqual(self.server_id, dest.source_share_server_id)
        moved = self.admin_sfs.get_share(self.share.id)
        self.assertEqual("available", moved.status)
        self.assertEqual(dest_id, moved.share_server_id)
        self.assertEqual(DELTA + "#pool1", moved.host)
        location, _second = list(self.sfs.export_locations(self.share.id))
        self.assertTrue(location.is_preferred)
        self.assertTrue(
            location.path.startswith(dest.backend_details["ip"] + ":/")
        )
        progress = self.admin_sfs.get_share_server_migration_progress(
            self.server_id
        )
        self.assertEqual(
            (100, dest_id),
            (
                progress["total_progress"],
                progress["destination_share_server_id"],
            ),
        )

    def test_cancel(self) -> None:
        self.admin_sfs.start_share_server_migration(
            self.server_id,
            DELTA,
            preserve_snapshots=True,
            writable=True,
            nondisruptive=False,
        )
        server = self.wait_server(
            self.admin_sfs.get_share_server(self.server_id),
            "migration_driver_phase1_done",
            ["migration_error"],
            "task_state",
        )
        self.admin_sfs.cancel_share_server_migration(server)
        server = self.wait_server(
            server, "migration_cancelled", ["migration_error"], "task_state"
        )
        self.assertEqual("active", server.status)
        self.assertEqual("available", self.sfs.get_share(self.share.id).status)
        self.fake.wait_idle()
        self.assertEqual(
            [self.server_id], [s.id for s in self.admin_sfs.share_servers()]
        )

    def test_refusals(self) -> None:
        self.assertFault(
            exceptions.ConflictException,
            "There is no difference between source and destination backends",
            self.admin_sfs.check_share_server_migration,
            self.server_id,
            GAMMA,
            preserve_snapshots=True,
            writable=True,
            nondisruptive=False,
        )
        self.assertFault(
            exceptions.BadRequestException,
            "The destination host can not contain pool information.",
            self.admin_sfs.start_share_server_migration,
            self.server_id,
            DELTA + "#pool1",
            preserve_snapshots=True,
            writable=True,
            nondisruptive=False,
        )
        self.assertFault(
            exceptions.BadRequestException,
            f"Share server {self.server_id} is not migrating",
            self.admin_sfs.complete_share_server_migration,
            self.server_id,
        )
        self.assertFault(
            exceptions.BadRequestException,
            "is not being migrated",
            self.admin_sfs.get_share_server_migration_progress,
            self.server_id,
        )
        self.admin_sfs.reset_share_server_task_state(
            self.server_id, "migration_error"
        )
        self.assertEqual(
            "migration_error",
            self.admin_sfs.get_share_server(self.server_id).task_state,
        )
        self.admin_sfs.reset_share_server_task_state(self.server_id, None)
        self.assertIsNone(
            self.admin_sfs.get_share_server(self.server_id).task_state
        )
