"""Snapshot instances (admin) through openstack_sfs against the fake."""

from __future__ import annotations

from openstack import exceptions

from openstack_sfs.tests.functional import base


class TestSnapshotInstances(base.FunctionalTestCase):
    def test_list_show_reset_and_export_locations(self) -> None:
        share = self.sfs.create_share(size=1, share_protocol="NFS")
        share = self.sfs.wait_for_status(
            share,
            "available",
            failures=["error"],
            interval=0.02,
            wait=base.WAIT,
        )
        snapshot = self.sfs.create_share_snapshot(share_id=share.id)
        snapshot = self.sfs.wait_for_status(
            snapshot,
            "available",
            failures=["error"],
            interval=0.02,
            wait=base.WAIT,
        )
        instances = list(
            self.admin_sfs.share_snapshot_instances(snapshot_id=snapshot.id)
        )
        self.assertEqual(1, len(instances))
        instance = instances[0]
        self.assertEqual(snapshot.id, instance.snapshot_id)
        self.assertEqual(share.id, instance.share_id)
        self.assertEqual("available", instance.status)
        summary = list(self.admin_sfs.share_snapshot_instances(details=False))
        self.assertEqual([instance.id], [i.id for i in summary])
        self.assertIsNone(summary[0].share_id)

        self.admin_sfs.reset_share_snapshot_instance_status(instance, "error")
        got = self.admin_sfs.get_share_snapshot_instance(instance.id)
        self.assertEqual("error", got.status)
        self.admin_sfs.reset_share_snapshot_instance_status(
            instance, "available"
        )

        locations = list(
            self.admin_sfs.share_snapshot_instance_export_locations(instance)
        )
        # the dummy driver's three, the admin-only one first
        self.assertEqual(
            [True, False, False], [el.is_admin_only for el in locations]
        )
        one = self.admin_sfs.get_share_snapshot_instance_export_location(
            locations[0].id, instance
        )
        self.assertEqual(locations[0].path, one.path)

    def test_members_are_refused(self) -> None:
        error = self.assertRaises(
            exceptions.ForbiddenException,
            lambda: list(self.sfs.share_snapshot_instances()),
        )
        self.assertIn("Access was denied", str(error))
