"""python-manilaclient's Python API: workflows beyond create and access.

The client is built as in :mod:`test_manilaclient` (keystoneauth session,
``Client("2.98")``), so every call is sent at 2.98.
"""

from __future__ import annotations

from typing import Any

from manilaclient.common.apiclient import exceptions as mc_exc

from openstack_sfs.tests.functional.test_manilaclient import (
    ManilaclientTestCase,
)


class TestShareActions(ManilaclientTestCase):
    """Extend, shrink, revert, soft delete, reset, metadata, manage."""

    def setUp(self) -> None:
        super().setUp()
        self.admin_mc, self.admin_wire = self._client("admin")

    def test_extend_shrink_and_revert(self) -> None:
        share = self._share()
        self.mc.shares.extend(share, 3)
        self.assertEqual(
            ("2.98", "2.98"),
            self.wire.last("POST", f"/shares/{share.id}/action"),
        )
        self.assertEqual(
            202, self.wire.status("POST", f"/shares/{share.id}/action")
        )
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(3, self.mc.shares.get(share.id).size)
        # force extend (2.64) skips the scheduler: admin only
        self.assertRaises(
            mc_exc.Forbidden, self.mc.shares.extend, share, 4, force=True
        )
        self.admin_mc.shares.extend(share.id, 4, force=True)
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(4, self.mc.shares.get(share.id).size)

        snap = self.mc.share_snapshots.create(share, name="at4")
        self.assertTrue(self.fake.wait_idle())
        # a share with snapshots can still shrink, but not below them
        self.mc.shares.shrink(share, 2)
        self.assertTrue(self.fake.wait_idle())
        got = self.mc.shares.get(share.id)
        self.assertEqual(("available", 2), (got.status, got.size))
        error = self.assertRaises(
            mc_exc.BadRequest, self.mc.shares.shrink, share, 2
        )
        self.assertIn("New size for shrink must be less", error.message)

        # reverting gives the share the snapshot's size back
        self.mc.shares.revert_to_snapshot(share, snap)
        self.assertTrue(self.fake.wait_idle())
        got = self.mc.shares.get(share.id)
        self.assertEqual(("available", 4), (got.status, got.size))
        self.mc.share_snapshots.delete(snap)
        self.assertTrue(self.fake.wait_idle())

    def test_soft_delete_and_restore(self) -> None:
        share = self._share()
        self.mc.shares.soft_delete(share)
        self.assertEqual([], self.mc.shares.list())
        binned = self.mc.shares.list(search_opts={"is_soft_deleted": True})
        self.assertEqual([share.id], [s.id for s in binned])
        got = self.mc.shares.get(share.id)
        self.assertIs(True, got.is_soft_deleted)
        self.assertIsNotNone(got.scheduled_to_be_deleted_at)
        error = self.assertRaises(
            mc_exc.Forbidden, self.mc.shares.extend, share, 2
        )
        self.assertIn("soft deleted", error.message)
        self.mc.shares.restore(share)
        got = self.mc.shares.get(share.id)
        self.assertEqual(
            (False, None),
            (got.is_soft_deleted, got.scheduled_to_be_deleted_at),
        )
        self.assertEqual([share.id], [s.id for s in self.mc.shares.list()])

    def test_reset_state_and_force_delete(self) -> None:
        share = self._share()
        self.assertRaises(
            mc_exc.Forbidden, self.mc.shares.reset_state, share, "error"
        )
        self.admin_mc.shares.reset_state(share.id, "error")
        self.assertEqual("error", self.mc.shares.get(share.id).status)
        self.assertRaises(mc_exc.Forbidden, self.mc.shares.force_delete, share)
        self.admin_mc.shares.force_delete(share.id)
        self.assertTrue(self.fake.wait_idle())
        self.assertRaises(mc_exc.NotFound, self.mc.shares.get, share.id)

    def test_metadata(self) -> None:
        share = self._share(metadata={"a": "1"})
        self.mc.shares.set_metadata(share, {"b": "2", "c": "3"})
        self.assertEqual(
            {"a": "1", "b": "2", "c": "3"},
            self.mc.shares.get_metadata(share)._info,
        )
        self.mc.shares.delete_metadata(share, ["a", "c"])
        self.assertEqual({"b": "2"}, self.mc.shares.get(share.id).metadata)
        self.assertRaises(
            mc_exc.NotFound, self.mc.shares.delete_metadata, share, ["nope"]
        )
        self.mc.shares.update_all_metadata(share, {"z": "9"})
        self.assertEqual({"z": "9"}, self.mc.shares.get(share.id).metadata)
        self.assertRaises(
            mc_exc.BadRequest, self.mc.shares.set_metadata, share, {"": "x"}
        )

    def test_manage_and_unmanage(self) -> None:
        share = self._share()
        admin_view = self.admin_mc.shares.get(share.id)
        host = admin_view.host
        snap = self.mc.share_snapshots.create(share, name="s")
        self.assertTrue(self.fake.wait_idle())
        location = self.admin_mc.share_snapshots.get(snap.id).provider_location
        path = self.mc.share_export_locations.list(share)[0].path

        self.assertRaises(
            mc_exc.Forbidden, self.mc.share_snapshots.unmanage, snap
        )
        # a share with snapshots cannot be unmanaged
        error = self.assertRaises(
            mc_exc.Forbidden, self.admin_mc.shares.unmanage, share.id
        )
        self.assertIn("dependent snapshot", error.message)
        self.admin_mc.share_snapshots.unmanage(snap.id)
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual([], self.mc.share_snapshots.list())
        self.admin_mc.shares.unmanage(share.id)
        self.assertTrue(self.fake.wait_idle())
        self.assertRaises(mc_exc.NotFound, self.mc.shares.get, share.id)

        self.assertRaises(
            mc_exc.Forbidden, self.mc.shares.manage, host, "NFS", path
        )
        managed = self.admin_mc.shares.manage(
            host,
            "NFS",
            path,
            driver_options={"size": 2},
            name="managed",
            share_type="default",
        )
        self.addCleanup(self._cleanup_share, managed.id)
        self.assertEqual(200, self.admin_wire.status("POST", "/shares/manage"))
        self.assertTrue(self.fake.wait_idle())
        got = self.admin_mc.shares.get(managed.id)
        self.assertEqual(
            ("available", 2, "managed", host),
            (got.status, got.size, got.name, got.host),
        )
        self.assertRaises(
            mc_exc.BadRequest,
            self.admin_mc.shares.manage,
            "fakehost@alpha",
            "NFS",
            "/x",
        )  # service_host without a pool

        snap2 = self.admin_mc.share_snapshots.manage(
            managed, location, name="s-back"
        )
        self.assertTrue(self.fake.wait_idle())
        got = self.admin_mc.share_snapshots.get(snap2.id)
        self.assertEqual(
            ("available", "s-back", managed.id),
            (got.status, got.name, got.share_id),
        )
        self.admin_mc.share_snapshots.delete(snap2)
        self.assertTrue(self.fake.wait_idle())

    def test_access_level_and_metadata(self) -> None:
        share = self._share()
        rule = self.mc.shares.allow(share, "ip", "10.0.0.2", "rw")
        self.assertTrue(self.fake.wait_idle())
        rules = self.mc.share_access_rules
        rules.set_access_level(rule["id"], "ro")
        self.assertTrue(self.fake.wait_idle())
        rules.set_metadata(rule["id"], {"k": "v", "x": "y"})
        rules.unset_metadata(rule["id"], ["x"])
        got = rules.get(rule["id"])
        self.assertEqual(
            ("ro", "active", {"k": "v"}),
            (got.access_level, got.state, got.metadata),
        )
        self.assertRaises(
            mc_exc.BadRequest, rules.set_access_level, rule["id"], "rx"
        )
        alt, _ = self._client("alt_demo")
        self.assertRaises(
            mc_exc.NotFound,
            alt.share_access_rules.set_access_level,
            rule["id"],
            "rw",
        )


class TestAdminAreas(ManilaclientTestCase):
    """Types, services, quotas, replicas and groups at 2.98."""

    def test_share_type_access_and_specs(self) -> None:
        admin, _ = self._client("admin")
        stype = admin.share_types.create(
            "silver", spec_driver_handles_share_servers=False, is_public=False
        )
        self.addCleanup(self._cleanup_type, stype.id)
        stype.set_keys({"tier": "silver", "k": "v"})
        stype.unset_keys(["k"])
        got = admin.share_types.get(stype.id)
        self.assertEqual("silver", got.get_keys()["tier"])
        self.assertNotIn("k", got.get_keys())
        project = self.fake.project_id("demo")
        self.assertNotIn(
            "silver", [t.name for t in self.mc.share_types.list()]
        )
        admin.share_type_access.add_project_access(stype, project)
        self.assertEqual(
            [project],
            [a.project_id for a in admin.share_type_access.list(stype)],
        )
        self.assertIn("silver", [t.name for t in self.mc.share_types.list()])
        admin.share_type_access.remove_project_access(stype, project)
        self.assertEqual([], admin.share_type_access.list(stype))
        self.assertRaises(
            mc_exc.Forbidden,
            self.mc.share_types.create,
            "x",
            spec_driver_handles_share_servers=False,
        )

    def test_services_and_quota(self) -> None:
        admin, _ = self._client("admin")
        admin.services.disable(
            "fakehost@beta", "manila-share", disable_reason="testing"
        )
        beta = admin.services.list(search_opts={"host": "fakehost@beta"})
        self.assertEqual(
            [("disabled", "testing")],
            [(s.status, s.disabled_reason) for s in beta],
        )
        share = self._share()
        self.assertTrue(
            admin.shares.get(share.id).host.startswith("fakehost@alpha#")
        )
        admin.services.enable("fakehost@beta", "manila-share")
        beta = admin.services.list(search_opts={"host": "fakehost@beta"})
        self.assertEqual(["enabled"], [s.status for s in beta])

        project = self.fake.project_id("demo")
        admin.quotas.update(project, gigabytes=1)
        error = self.assertRaises(
            mc_exc.RequestEntityTooLarge, self.mc.shares.create, "NFS", 1
        )
        self.assertEqual(413, error.http_status)
        admin.quotas.delete(project)

    def test_replica_promote(self) -> None:
        share = self._share()
        replica = self.mc.share_replicas.create(share)
        self.assertTrue(self.fake.wait_idle())
        replicas = {
            r.id: r.replica_state for r in self.mc.share_replicas.list(share)
        }
        self.assertEqual("in_sync", replicas[replica.id])
        self.mc.share_replicas.promote(replica)
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(
            "active", self.mc.share_replicas.get(replica.id).replica_state
        )
        old = [k for k in replicas if k != replica.id]
        self.mc.share_replicas.delete(old[0])
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual(
            [replica.id], [r.id for r in self.mc.share_replicas.list(share)]
        )

    def test_share_group(self) -> None:
        # Manila wants share type ids here; a name is refused
        error = self.assertRaises(
            mc_exc.BadRequest,
            self.mc.share_groups.create,
            name="g",
            share_types=["default"],
        )
        self.assertIn("must be a list of uuids", error.message)
        default = self.mc.share_types.get()
        group = self.mc.share_groups.create(name="g", share_types=[default])
        self.assertTrue(self.fake.wait_idle())
        got = self.mc.share_groups.get(group.id)
        self.assertEqual(("available", "g"), (got.status, got.name))
        self.mc.share_groups.delete(group)
        self.assertTrue(self.fake.wait_idle())
        self.assertEqual([], self.mc.share_groups.list())

    def _cleanup_type(self, type_id: Any) -> None:
        try:
            self.fake.wait_idle()
            self.admin_sfs.delete_share_type(type_id)
        except Exception:  # noqa: S110 - best effort, already gone is fine
            pass
