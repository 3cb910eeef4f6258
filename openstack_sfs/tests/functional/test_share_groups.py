"""Share groups, group types and group snapshots through openstack_sfs,
over real HTTP against the fake server."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.functional import base

WAIT: dict[str, Any] = {"interval": 0.05, "wait": base.WAIT}


class TestShareGroupTypes(base.FunctionalTestCase):
    def test_default_and_admin_lifecycle(self) -> None:
        default = self.sfs.get_default_share_group_type()
        self.assertEqual("default", default.name)
        self.assertTrue(default.is_default)
        self.assertEqual(
            ["default"], [t.name for t in self.sfs.share_group_types()]
        )
        gt = self.admin_sfs.create_share_group_type(
            "gold",
            ["default", "dhss_false"],
            is_public=False,
            group_specs={"consistent_snapshot_support": "pool"},
        )
        self.addCleanup(self.admin_sfs.delete_share_group_type, gt)
        self.assertEqual(2, len(gt.share_types))
        self.assertFalse(gt.is_public)
        # private: the demo project does not see it until granted
        self.assertIsNone(self.sfs.find_share_group_type("gold"))
        project = self.conn.current_project_id
        assert project is not None
        self.admin_sfs.add_share_group_type_access(gt, project)
        self.assertEqual(
            [project],
            [
                a["project_id"]
                for a in self.admin_sfs.share_group_type_access(gt)
            ],
        )
        found = self.sfs.find_share_group_type("gold")
        assert found is not None
        self.assertEqual(gt.id, found.id)
        self.admin_sfs.remove_share_group_type_access(gt, project)
        self.assertRaises(
            exceptions.NotFoundException, self.sfs.get_share_group_type, gt
        )
        # group specs
        self.admin_sfs.update_share_group_type_group_specs(gt, k1="v1")
        self.admin_sfs.update_share_group_type_group_spec(gt, "k2", "v2")
        self.assertEqual(
            {"consistent_snapshot_support": "pool", "k1": "v1", "k2": "v2"},
            self.admin_sfs.get_share_group_type_group_specs(gt),
        )
        self.assertEqual(
            "v1", self.admin_sfs.get_share_group_type_group_spec(gt, "k1")
        )
        self.admin_sfs.delete_share_group_type_group_spec(gt, "k1")
        self.assertRaises(
            exceptions.NotFoundException,
            self.admin_sfs.get_share_group_type_group_spec,
            gt,
            "k1",
        )
        filtered = self.admin_sfs.share_group_types(
            is_public="all", group_specs={"k2": "v2"}
        )
        self.assertEqual(["gold"], [t.name for t in filtered])

    def test_bad_input(self) -> None:
        error = self.assertRaises(
            exceptions.ConflictException,
            self.admin_sfs.create_share_group_type,
            "default",
            ["default"],
        )
        self.assertIn("Share group type default already exists.", str(error))
        error = self.assertRaises(
            exceptions.NotFoundException,
            self.admin_sfs.create_share_group_type,
            "x",
            ["nope"],
        )
        self.assertIn("Share Type nope does not exist.", str(error))
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.admin_sfs.create_share_group_type,
            "x",
            [],
        )
        self.assertIn("Supported share types must be provided.", str(error))
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.create_share_group_type,
            "x",
            ["default"],
        )
        default = self.sfs.get_default_share_group_type()
        error = self.assertRaises(
            exceptions.ConflictException,
            self.admin_sfs.add_share_group_type_access,
            default,
            self.conn.current_project_id,
        )
        self.assertIn("public share group type", str(error))


class TestShareGroupWorkflow(base.FunctionalTestCase):
    def _force_delete(self, group_id: str) -> None:
        try:
            self.admin_sfs.force_delete_share_group(group_id)
        except exceptions.NotFoundException:
            pass

    def _group(self, **attrs: Any) -> Any:
        group = self.sfs.create_share_group(**attrs)
        self.addCleanup(self._force_delete, group.id)
        return self.sfs.wait_for_status(
            group, "available", failures=["error"], **WAIT
        )

    def test_group_share_snapshot_copy(self) -> None:
        group = self._group(name="g1", description="first")
        self.assertEqual("nova", group.availability_zone)
        self.assertEqual("pool", group.consistent_snapshot_support)
        share = self.sfs.create_share(
            share_proto="NFS", size=1, share_group_id=group.id
        )
        share = self.sfs.wait_for_status(
            share, "available", failures=["error"], **WAIT
        )
        admin_group = self.admin_sfs.get_share_group(group)
        admin_share = self.admin_sfs.get_share(share)
        self.assertEqual(admin_group.host, admin_share.host)
        snap = self.sfs.create_share_group_snapshot(group, name="snap1")
        self.assertEqual("creating", snap.status)
        snap = self.sfs.wait_for_status(
            snap, "available", failures=["error"], **WAIT
        )
        self.assertEqual([share.id], [m["share_id"] for m in snap.members])
        members = self.sfs.share_group_snapshot_members(snap)
        self.assertEqual("NFS", members[0].share_protocol)
        # a share with a group snapshot member cannot go
        resp = self.raw(
            self.conn,
            "DELETE",
            f"/shares/{share.id}?share_group_id={group.id}",
        )
        self.assertEqual(403, resp.status_code)
        copy = self._group(source_share_group_snapshot_id=snap.id)
        copied = list(self.sfs.shares(share_group_id=copy.id))
        self.assertEqual(["available"], [s.status for s in copied])
        self.assertEqual(snap.id, copy.source_share_group_snapshot_id)
        # updates
        self.sfs.update_share_group(group, name="g-one")
        self.assertEqual("g-one", self.sfs.get_share_group(group).name)
        self.sfs.update_share_group_snapshot(snap, description="d")
        self.assertEqual(
            "d", self.sfs.get_share_group_snapshot(snap).description
        )
        found = self.sfs.find_share_group_snapshot("snap1")
        assert found is not None
        self.assertEqual(snap.id, found.id)
        # tear down in Manila's order: group with snapshots refuses
        error = self.assertRaises(
            exceptions.ConflictException, self.sfs.delete_share_group, group
        )
        self.assertIn("with snapshots", str(error))
        self.sfs.delete_share_group_snapshot(snap)
        self.sfs.wait_for_delete(snap, **WAIT)
        for one in copied:
            self.sfs.delete_share(one, share_group_id=copy.id)
            self.sfs.wait_for_delete(one, **WAIT)
        self.sfs.delete_share_group(copy)
        self.sfs.wait_for_delete(copy, **WAIT)
        self.assertIsNone(self.sfs.find_share_group(copy.id))

    def test_bad_input_and_isolation(self) -> None:
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.sfs.create_share_group,
            share_types=["not-a-uuid"],
        )
        self.assertIn("must be a list of uuids", str(error))
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.sfs.create_share_group,
            share_group_type_id="x",
        )
        self.assertIn(
            "'share_group_type_id' attribute must be a uuid", str(error)
        )
        error = self.assertRaises(
            exceptions.NotFoundException,
            self.sfs.create_share_group,
            availability_zone="mars",
        )
        self.assertIn("Availability zone mars could not be found.", str(error))
        group = self._group()
        self.assertRaises(
            exceptions.NotFoundException,
            self.alt.shared_file_system.get_share_group,
            group.id,
        )
        self.assertEqual([], list(self.alt.shared_file_system.share_groups()))
        error = self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.reset_share_group_status,
            group,
            "error",
        )
        self.admin_sfs.reset_share_group_status(group, "error")
        self.assertEqual("error", self.sfs.get_share_group(group).status)
        error = self.assertRaises(
            exceptions.BadRequestException,
            self.admin_sfs.reset_share_group_status,
            group,
            "bogus",
        )
        self.assertIn("Invalid state.", str(error))
        resp = self.raw(self.conn, "GET", "/share-groups?bogus=1")
        self.assertEqual(400, resp.status_code)
        self.assertIn(
            "cannot be filtered using 'bogus' key",
            resp.json()["badRequest"]["message"],
        )
        self.assertRaises(
            exceptions.NotFoundException,
            self.sfs.delete_share_group_snapshot,
            "nope",
            False,
        )

    def test_quota_limits_groups(self) -> None:
        project = self.conn.current_project_id
        resp = self.raw(
            self.admin,
            "PUT",
            f"/quota-sets/{project}",
            json={"quota_set": {"share_groups": 1}},
        )
        self.assertEqual(200, resp.status_code, resp.text)
        self._group()
        error = self.assertRaises(
            exceptions.HttpException, self.sfs.create_share_group
        )
        self.assertEqual(413, error.status_code)
        self.assertIn("ShareGroupsLimitExceeded", str(error))


class TestExperimentalWindow(base.FunctionalTestCase):
    def test_old_microversion_uses_the_header(self) -> None:
        for version, status in (("2.54", 404), ("2.55", 200)):
            resp = self.raw(
                self.conn, "GET", "/share-group-types", microversion=version
            )
            self.assertEqual(status, resp.status_code)
        resp = self.raw(
            self.conn,
            "GET",
            "/share-groups",
            microversion="2.40",
            headers={"X-OpenStack-Manila-API-Experimental": "True"},
        )
        self.assertEqual(200, resp.status_code)
        self.assertEqual(
            "True", resp.headers.get("X-OpenStack-Manila-API-Experimental")
        )
