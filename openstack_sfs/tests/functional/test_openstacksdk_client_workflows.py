"""openstacksdk's own proxy: share workflows beyond create and access.

Plain ``openstack.connect`` with ``shared_file_system_default_microversion``
set to 2.90, as a user of openstacksdk must do for these calls: without it
openstacksdk sends no microversion and Manila answers them at 2.0, where
most of them do not exist (see :mod:`test_openstacksdk_client`).
"""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.functional import base
from openstack_sfs.tests.functional.test_openstacksdk_client import (
    SdkTestCase,
    Wire,
)


class TestShareWorkflows(SdkTestCase):
    """Resize, revert, recycle bin, reset, metadata, manage, services."""

    connect_kwargs = {"shared_file_system_default_microversion": "2.90"}

    def setUp(self) -> None:
        super().setUp()
        self.admin_conn = self._connect("admin")
        self.sdk_admin = self.admin_conn.shared_file_system
        self.admin_wire = Wire(self.admin_conn.session)

    def _snapshot(self, share_id: str, name: str) -> Any:
        snap = self.sdk.create_share_snapshot(share_id=share_id, name=name)
        return self.sdk.wait_for_status(
            snap,
            "available",
            failures=["error"],
            interval=0.05,
            wait=base.WAIT,
        )

    def test_resize_and_revert(self) -> None:
        share = self._share(size=2)
        self.sdk.resize_share(share.id, 3)
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(3, self.sdk.get_share(share.id).size)
        snap = self._snapshot(share.id, "at3")
        self.sdk.resize_share(share.id, 1)
        self.assertEqual(
            ("2.90", "2.90"),
            self.wire.last("POST", f"/shares/{share.id}/action"),
        )
        self.assertTrue(self.fake.wait_idle())
        got = self.sdk.get_share(share.id)
        self.assertEqual(("available", 1), (got.status, got.size))
        # no_shrink / no_extend leave the share alone (no request sent)
        calls = len(self.wire.calls)
        self.sdk.resize_share(share.id, 5, no_extend=True)
        self.assertFalse(
            [c for c in self.wire.calls[calls:] if c[0] == "POST"]
        )
        # force extend is for admins
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sdk.resize_share,
            share.id,
            2,
            force=True,
        )

        self.sdk.revert_share_to_snapshot(share.id, snap.id)
        self.assertTrue(self.fake.wait_idle())
        got = self.sdk.get_share(share.id)
        self.assertEqual(("available", 3), (got.status, got.size))
        self.sdk.delete_share_snapshot(snap.id)
        self.assertTrue(self.fake.wait_idle())

    def test_soft_delete_and_restore(self) -> None:
        """openstacksdk's ``Share`` has neither an ``is_soft_deleted``
        attribute nor such a query parameter: it drops the filter, so it
        cannot list the recycle bin. The state is checked with
        openstack_sfs."""
        share = self._share()
        self.sdk.soft_delete_share(share.id)
        self.assertEqual(
            202, self.wire.status("POST", f"/shares/{share.id}/action")
        )
        self.assertEqual([], list(self.sdk.shares()))
        self.assertEqual([], list(self.sdk.shares(is_soft_deleted=True)))
        self.assertIs(True, self.sfs.get_share(share.id).is_soft_deleted)
        # a share in the recycle bin cannot be resized
        self.assertRaises(
            exceptions.ForbiddenException, self.sdk.resize_share, share.id, 2
        )
        self.sdk.restore_share(share.id)
        self.assertIs(False, self.sfs.get_share(share.id).is_soft_deleted)
        self.assertEqual([share.id], [s.id for s in self.sdk.shares()])

    def test_reset_status_and_force_delete(self) -> None:
        share = self._share()
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sdk.reset_share_status,
            share.id,
            "error",
        )
        self.sdk_admin.reset_share_status(share.id, "error")
        self.assertEqual("error", self.sdk.get_share(share.id).status)
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sdk.delete_share,
            share.id,
            force=True,
        )
        self.sdk_admin.delete_share(share.id, force=True)
        self.assertEqual(
            202, self.admin_wire.status("POST", f"/shares/{share.id}/action")
        )
        self.assertTrue(self.fake.wait_idle())
        self.assertRaises(
            exceptions.NotFoundException, self.sdk.get_share, share.id
        )

    def test_metadata(self) -> None:
        share = self._share(metadata={"a": "1"})
        self.sdk.set_share_metadata(share.id, b="2", c="3")
        got = self.sdk.fetch_share_metadata(share.id)
        self.assertEqual({"a": "1", "b": "2", "c": "3"}, got.metadata)
        item = self.sdk.fetch_share_metadata_item(share.id, "b")
        self.assertEqual({"b": "2"}, item.metadata)
        self.sdk.delete_share_metadata(share.id, ["a", "c"])
        self.assertEqual({"b": "2"}, self.sdk.get_share(share.id).metadata)
        self.sdk.set_share_metadata(share.id, replace=True, z="9")
        self.assertEqual({"z": "9"}, self.sdk.get_share(share.id).metadata)

    def test_manage_and_unmanage(self) -> None:
        share = self._share()
        host = self.sdk_admin.get_share(share.id).host
        path = next(iter(self.sdk.export_locations(share.id))).path
        snap = self._snapshot(share.id, "s")
        # openstacksdk's ShareSnapshot lacks provider_location (admin only)
        location = self.admin_sfs.get_share_snapshot(snap.id).provider_location
        self.assertTrue(location)
        self.sdk_admin.unmanage_share_snapshot(snap.id)
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual([], list(self.sdk.share_snapshots()))
        self.sdk_admin.unmanage_share(share.id)
        self.assertTrue(self.fake.wait_idle())
        self.assertRaises(
            exceptions.NotFoundException, self.sdk.get_share, share.id
        )

        self.assertRaises(
            exceptions.ForbiddenException,
            self.sdk.manage_share,
            "NFS",
            path,
            host,
        )
        managed = self.sdk_admin.manage_share(
            "NFS", path, host, name="managed", driver_options={"size": 2}
        )
        self.addCleanup(self._cleanup_share, managed.id)
        self.assertEqual(200, self.admin_wire.status("POST", "/shares/manage"))
        self.assertTrue(self.fake.wait_idle())
        got = self.sdk_admin.get_share(managed.id)
        self.assertEqual(
            ("available", 2, "managed", host),
            (got.status, got.size, got.name, got.host),
        )
        snap2 = self.sdk_admin.manage_share_snapshot(
            managed.id, location, name="back"
        )
        self.assertTrue(self.fake.wait_idle())
        got = self.sdk_admin.get_share_snapshot(snap2.id)
        self.assertEqual(
            ("available", "back", managed.id),
            (got.status, got.name, got.share_id),
        )
        self.sdk_admin.delete_share_snapshot(snap2.id)
        self.assertTrue(self.fake.wait_idle())

    def test_services_disable_enable(self) -> None:
        by_host = {
            s.host: s for s in self.sdk_admin.services(binary="manila-share")
        }
        alpha = by_host["fakehost@alpha"]
        self.sdk_admin.disable_service(
            alpha.id,
            "fakehost@alpha",
            "manila-share",
            disable_reason="maintenance",
        )
        self.assertEqual(
            200, self.admin_wire.status("PUT", "/services/disable")
        )
        got = list(self.sdk_admin.services(host="fakehost@alpha"))
        self.assertEqual(
            [("disabled", "maintenance")],
            [(s.status, s.disabled_reason) for s in got],
        )
        share = self._share()
        self.assertTrue(
            self.sdk_admin.get_share(share.id).host.startswith(
                "fakehost@beta#"
            )
        )
        self.sdk_admin.enable_service(
            alpha.id, "fakehost@alpha", "manila-share"
        )
        got = list(self.sdk_admin.services(host="fakehost@alpha"))
        self.assertEqual(
            [("enabled", None)], [(s.status, s.disabled_reason) for s in got]
        )

    def test_quota_and_over_quota(self) -> None:
        project = self.fake.project_id("demo")
        self.sdk_admin.update_quota_set(project, shares=1)
        self._share()
        error = self.assertRaises(
            exceptions.HttpException,
            self.sdk.create_share,
            share_protocol="NFS",
            size=1,
        )
        self.assertEqual(413, error.status_code)
        self.assertIn("Maximum number of shares allowed (1)", str(error))
        self.sdk_admin.revert_quota_set(project)
        self.assertEqual(50, self.sdk.get_quota_set(project).shares)


class TestReplicasAndGroups(SdkTestCase):
    """Replicas and share groups (the configured default microversion
    wins over ``ShareGroup``'s 2.55 pin)."""

    connect_kwargs = {"shared_file_system_default_microversion": "2.90"}

    def test_replica_promote(self) -> None:
        share = self._share()
        replica = self.sdk.create_share_replica(share.id)
        self.assertTrue(self.fake.wait_idle())
        states = {
            r.id: r.replica_state
            for r in self.sdk.share_replicas(share_id=share.id)
        }
        self.assertEqual("in_sync", states[replica.id])
        self.sdk.promote_share_replica(replica.id)
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(
            "active", self.sdk.get_share_replica(replica.id).replica_state
        )
        old = [k for k in states if k != replica.id]
        self.sdk.delete_share_replica(old[0])
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(
            [replica.id],
            [r.id for r in self.sdk.share_replicas(share_id=share.id)],
        )

    def test_share_group(self) -> None:
        group = self.sdk.create_share_group(name="g")
        self.assertEqual(
            ("2.90", "2.90"), self.wire.last("POST", "/share-groups")
        )
        self.assertTrue(self.fake.wait_idle())
        got = self.sdk.get_share_group(group.id)
        self.assertEqual(("available", "g"), (got.status, got.name))
        self.assertEqual([group.id], [g.id for g in self.sdk.share_groups()])
        self.sdk.delete_share_group(group.id)
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual([], list(self.sdk.share_groups()))
