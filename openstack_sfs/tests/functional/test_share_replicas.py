"""Share replicas and share migration through openstack_sfs, over HTTP.

A readable replica of a ``dhss_false`` share goes in sync on the other
back end of the replication domain, is promoted (the share follows it),
and is deleted; a share is migrated in two phases and cancelled; bad
requests give Manila's 4xx.
"""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.functional import base


class ReplicaFlowTestCase(base.FunctionalTestCase):
    def make_share(self) -> Any:
        share = self.sfs.create_share(
            share_protocol="NFS", size=1, share_type="dhss_false"
        )
        self.addCleanup(self._cleanup_share, share.id)
        return self.sfs.wait_for_status(
            share,
            "available",
            failures=["error"],
            interval=0.05,
            wait=base.WAIT,
        )

    def _cleanup_share(self, share_id: str) -> None:
        for replica in self.admin_sfs.share_replicas(share_id=share_id):
            if replica.replica_state != "active":
                self.admin_sfs.delete_share_replica(replica, force=True)
        self.fake.wait_idle()
        self.admin_sfs.delete_share(share_id)
        self.fake.wait_idle()

    def wait_replica(self, replica: Any, state: str) -> Any:
        for _ in range(600):
            current = self.sfs.get_share_replica(replica)
            if current.replica_state == state and current.status in (
                "available",
                "error",
            ):
                return current
            self.fake.wait_idle(0.05)
        self.fail(f"replica never reached {state}")


class TestReplicas(ReplicaFlowTestCase):
    def test_create_promote_delete(self) -> None:
        share = self.make_share()
        self.assertEqual("readable", share.replication_type)
        replica = self.sfs.create_share_replica(share)
        self.assertEqual("creating", replica.status)
        self.assertEqual("out_of_sync", replica.replica_state)
        replica = self.wait_replica(replica, "in_sync")
        self.assertEqual("available", replica.status)
        self.assertTrue(self.sfs.get_share(share).is_replicated)
        # a share with replicas cannot go: Manila's 409, both ways
        error = self.assertRaises(
            exceptions.ConflictException, self.sfs.delete_share, share
        )
        self.assertIn(
            f"Share {share.id} has replicas. Remove the replicas before "
            "deleting the share.",
            str(error),
        )
        self.assertRaises(
            exceptions.ConflictException,
            self.admin_sfs.delete_share,
            share,
            force=True,
        )
        self.assertEqual("available", self.sfs.get_share(share).status)
        replicas = list(self.sfs.share_replicas(share_id=share.id))
        self.assertEqual(
            ["active", "in_sync"],
            sorted(r.replica_state for r in replicas),
        )
        replica_paths = [
            el.path for el in self.sfs.share_replica_export_locations(replica)
        ]
        self.assertEqual(2, len(replica_paths))  # preferred, second
        self.assertTrue(self.sfs.promote_share_replica(replica))
        replica = self.wait_replica(replica, "active")
        share_paths = [el.path for el in self.sfs.export_locations(share)]
        self.assertEqual(replica_paths, share_paths)
        self.assertFalse(self.sfs.promote_share_replica(replica))
        old = next(
            r
            for r in self.sfs.share_replicas(share_id=share.id)
            if r.id != replica.id
        )
        self.assertEqual("in_sync", old.replica_state)
        self.sfs.delete_share_replica(old)
        self.fake.wait_idle()
        self.assertEqual(
            [replica.id],
            [r.id for r in self.sfs.share_replicas(share_id=share.id)],
        )
        self.assertFalse(self.sfs.get_share(share).is_replicated)

    def test_admin_actions_and_metadata(self) -> None:
        share = self.make_share()
        replica = self.wait_replica(
            self.sfs.create_share_replica(share, metadata={"a": "1"}),
            "in_sync",
        )
        self.assertEqual({"a": "1"}, replica.metadata)
        self.sfs.set_share_replica_metadata(replica, b="2")
        self.assertEqual(
            {"a": "1", "b": "2"},
            self.sfs.fetch_share_replica_metadata(replica).metadata,
        )
        self.sfs.delete_share_replica_metadata(replica, ["a"])
        self.assertEqual(
            {"b": "2"},
            self.sfs.fetch_share_replica_metadata(replica).metadata,
        )
        self.admin_sfs.reset_share_replica_state(replica, "out_of_sync")
        self.assertEqual(
            "out_of_sync", self.sfs.get_share_replica(replica).replica_state
        )
        self.assertTrue(self.admin_sfs.resync_share_replica(replica))
        self.wait_replica(replica, "in_sync")
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.resync_share_replica,
            replica,
        )

    def test_bad_requests(self) -> None:
        share = self.make_share()
        error = self.assertRaises(
            exceptions.NotFoundException,
            self.sfs.create_share_replica,
            "nope",
        )
        self.assertIn("No share exists with ID nope.", str(error))
        active = next(iter(self.sfs.share_replicas(share_id=share.id)))
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.sfs.delete_share_replica,
            active,
        )
        self.assertIn("Cannot delete last active replica", str(error))
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.admin_sfs.reset_share_replica_state,
            active,
            "error",
        )
        self.assertIn("Cannot reset replica_state of an active", str(error))
        self.assertRaises(
            exceptions.NotFoundException,
            self.alt.shared_file_system.get_share_replica,
            active,
        )
        response = self.raw(
            self.conn,
            "POST",
            "/share-replicas",
            json={
                "share_replica": {"share_id": share.id, "scheduler_hints": "x"}
            },
        )
        self.assertEqual(400, response.status_code, response.text)
        response = self.raw(
            self.conn, "GET", "/share-replicas", microversion="2.55"
        )
        self.assertEqual(404, response.status_code)


class TestMigration(ReplicaFlowTestCase):
    def test_two_phase_migration(self) -> None:
        share = self.make_share()
        source = self.admin_sfs.get_share(share).host
        dest = "fakehost@beta" if "alpha" in source else "fakehost@alpha"
        self.assertTrue(self.admin_sfs.start_share_migration(share, dest))
        for _ in range(600):
            progress = self.admin_sfs.get_share_migration_progress(share)
            if progress.task_state == "migration_driver_phase1_done":
                break
            self.fake.wait_idle(0.05)
        self.assertEqual(100, progress.total_progress)
        self.assertEqual("migrating", self.admin_sfs.get_share(share).status)
        self.admin_sfs.complete_share_migration(share)
        self.fake.wait_idle()
        moved = self.admin_sfs.get_share(share)
        self.assertEqual("migration_success", moved.task_state)
        self.assertEqual("available", moved.status)
        self.assertTrue(moved.host.startswith(dest + "#"))

    def test_cancel_and_errors(self) -> None:
        share = self.make_share()
        host = self.admin_sfs.get_share(share).host
        self.assertFalse(self.admin_sfs.start_share_migration(share, host))
        self.assertEqual(
            "migration_success", self.admin_sfs.get_share(share).task_state
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.start_share_migration,
            share,
            host,
        )
        error = self.assertRaises(
            exceptions.NotFoundException,
            self.admin_sfs.start_share_migration,
            share,
            "fakehost@nope",
        )
        self.assertIn("ServiceNotFound", str(error))
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.admin_sfs.complete_share_migration,
            share,
        )
        self.assertIn("has already completed", str(error))
        self.assertTrue(
            self.admin_sfs.start_share_migration(share, "fakehost@beta")
        )
        for _ in range(600):
            state = self.admin_sfs.get_share(share).task_state
            if state == "migration_driver_phase1_done":
                break
            self.fake.wait_idle(0.05)
        self.admin_sfs.cancel_share_migration(share)
        self.fake.wait_idle()
        cancelled = self.admin_sfs.get_share(share)
        self.assertEqual("migration_cancelled", cancelled.task_state)
        self.assertEqual(host, cancelled.host)
        response = self.raw(
            self.admin,
            "POST",
            f"/shares/{share.id}/action",
            json={"migration_start": {"host": "fakehost@beta"}},
        )
        self.assertEqual(400, response.status_code)
        self.assertIn("is a required property", response.text)
