"""Share actions and sub-resources through openstack_sfs over real HTTP.

Resize, reset status, recycle bin, manage/unmanage, share metadata,
access rule update and metadata, export location metadata and share
instances, with their error cases.
"""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.functional import base

WAIT = base.WAIT


class ShareActionsTest(base.FunctionalTestCase):
    """Workflows of the share actions against the fake cloud."""

    def make_share(self, size: int = 1) -> Any:
        share = self.sfs.create_share(
            share_proto="NFS", size=size, share_type="dhss_false"
        )
        self.addCleanup(self._cleanup, share.id)
        return self.sfs.wait_for_status(
            share, "available", failures=["error"], interval=0.05, wait=WAIT
        )

    def _cleanup(self, share_id: str) -> None:
        try:
            self.admin_sfs.get_share(share_id)
        except exceptions.NotFoundException:
            return
        self.raw(
            self.admin,
            "POST",
            f"/shares/{share_id}/action",
            json={"force_delete": None},
        )
        self.fake.wait_idle()

    def fault(self, response: Any, status: int, name: str) -> str:
        self.assertEqual(status, response.status_code, response.text)
        message: str = response.json()[name]["message"]
        return message

    def wait(self, share: Any, status: str, failures: list[str]) -> Any:
        return self.sfs.wait_for_status(
            share, status, failures=failures, interval=0.05, wait=WAIT
        )

    # -- resize ---------------------------------------------------------------

    def test_extend_then_shrink(self) -> None:
        share = self.make_share(1)
        self.sfs.resize_share(share, 3)
        share = self.wait(share, "available", ["extending_error", "error"])
        self.assertEqual(3, self.sfs.get_share(share.id).size)
        self.sfs.resize_share(share, 2)
        self.wait(share, "available", ["shrinking_error", "error"])
        self.assertEqual(2, self.sfs.get_share(share.id).size)
        # no_shrink: asking for less does nothing
        self.sfs.resize_share(share, 1, no_shrink=True)
        self.assertEqual(2, self.sfs.get_share(share.id).size)

    def test_extend_driver_failure_sets_extending_error(self) -> None:
        share = self.make_share(1)
        backend = self.fake.cloud.manager(
            self.admin_sfs.get_share(share.id).host
        )
        assert backend is not None
        backend.backend.failures["extend_share"] = 1
        self.sfs.resize_share(share, 2)
        share = self.wait(share, "extending_error", ["available"])
        self.assertEqual(1, share.size)
        messages = list(self.sfs.user_messages(resource_id=share.id))
        self.assertEqual(["008"], [m.action_id for m in messages])

    def test_resize_bad_input(self) -> None:
        share = self.make_share(2)
        path = f"/shares/{share.id}/action"
        for size in (-1, "abc", 1.5, None):
            response = self.raw(
                self.conn, "POST", path, json={"extend": {"new_size": size}}
            )
            self.assertIn(
                "Invalid input for field/attribute new_size",
                self.fault(response, 400, "badRequest"),
            )
        response = self.raw(
            self.conn, "POST", path, json={"shrink": {"new_size": 0}}
        )
        self.assertIn(
            "greater than 0", self.fault(response, 400, "badRequest")
        )
        self.assertRaises(
            exceptions.NotFoundException, self.sfs.resize_share, "nope", 3
        )
        response = self.raw(
            self.conn,
            "POST",
            path,
            microversion="2.6",
            json={"extend": {"new_size": 3}},
        )
        self.fault(response, 404, "itemNotFound")
        response = self.raw(
            self.conn,
            "POST",
            path,
            json={"extend": {"new_size": 3, "force": True}},
        )
        self.fault(response, 403, "forbidden")
        # a share in a transitional status is refused
        self.admin_sfs.reset_share_status(share, "creating")
        response = self.raw(
            self.conn, "POST", path, json={"extend": {"new_size": 3}}
        )
        self.assertIn(
            "status must be 'available' to extend",
            self.fault(response, 400, "badRequest"),
        )
        self.admin_sfs.reset_share_status(share, "available")

    # -- admin actions --------------------------------------------------------

    def test_reset_status_admin_only(self) -> None:
        share = self.make_share()
        self.admin_sfs.reset_share_status(share, "error")
        self.assertEqual("error", self.sfs.get_share(share.id).status)
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.reset_share_status,
            share,
            "available",
        )
        self.assertRaises(
            exceptions.BadRequestException,
            self.admin_sfs.reset_share_status,
            share,
            "extending",
        )
        self.admin_sfs.reset_share_task_state(share, "migration_error")
        self.assertEqual(
            "migration_error", self.admin_sfs.get_share(share.id).task_state
        )

    def test_force_delete_from_error(self) -> None:
        share = self.make_share()
        self.admin_sfs.reset_share_status(share, "error_deleting")
        response = self.raw(
            self.conn,
            "POST",
            f"/shares/{share.id}/action",
            json={"force_delete": None},
        )
        self.fault(response, 403, "forbidden")
        response = self.raw(
            self.admin,
            "POST",
            f"/shares/{share.id}/action",
            json={"force_delete": None},
        )
        self.assertEqual(202, response.status_code, response.text)
        self.sfs.wait_for_delete(share, interval=0.05, wait=WAIT)

    # -- recycle bin ----------------------------------------------------------

    def test_soft_delete_and_restore(self) -> None:
        share = self.make_share()
        self.sfs.soft_delete_share(share)
        shown = self.sfs.get_share(share.id)
        self.assertTrue(shown.is_soft_deleted)
        self.assertIsNotNone(shown.scheduled_to_be_deleted_at)
        self.assertNotIn(share.id, [s.id for s in self.sfs.shares()])
        self.assertIn(
            share.id, [s.id for s in self.sfs.shares(is_soft_deleted=True)]
        )
        self.assertRaises(
            exceptions.ForbiddenException, self.sfs.soft_delete_share, share
        )
        self.sfs.restore_share(share)
        self.assertFalse(self.sfs.get_share(share.id).is_soft_deleted)
        self.assertIn(share.id, [s.id for s in self.sfs.shares()])
        # not in the recycle bin: Manila answers 200
        response = self.raw(
            self.conn,
            "POST",
            f"/shares/{share.id}/action",
            json={"restore": None},
        )
        self.assertEqual(200, response.status_code)
        response = self.raw(
            self.conn,
            "POST",
            f"/shares/{share.id}/action",
            microversion="2.68",
            json={"restore": None},
        )
        self.fault(response, 404, "itemNotFound")

    # -- manage / unmanage ----------------------------------------------------

    def test_unmanage_then_manage_back(self) -> None:
        share = self.make_share()
        detail = self.admin_sfs.get_share(share.id)
        path = self.sfs.export_locations(share.id)
        export_path = next(iter(path)).path
        self.assertRaises(
            exceptions.ForbiddenException, self.sfs.unmanage_share, share
        )
        self.admin_sfs.unmanage_share(share)
        self.sfs.wait_for_delete(share, interval=0.05, wait=WAIT)
        managed = self.admin_sfs.manage_share(
            "NFS",
            export_path,
            detail.host,
            share_type="dhss_false",
            name="adopted",
            driver_options={"size": 2},
        )
        self.addCleanup(self._cleanup, managed.id)
        self.assertEqual("manage_starting", managed.status)
        managed = self.admin_sfs.wait_for_status(
            managed,
            "available",
            failures=["manage_error"],
            interval=0.05,
            wait=WAIT,
        )
        self.assertEqual(2, managed.size)
        self.assertEqual("adopted", managed.name)
        metadata = self.admin_sfs.fetch_share_metadata(managed).metadata
        self.assertIn("__managed_at", metadata)

    def test_manage_errors(self) -> None:
        host = "fakehost@alpha#fast"
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.manage_share,
            "NFS",
            "1.2.3.4:/x",
            host,
        )
        self.assertRaises(
            exceptions.NotFoundException,
            self.admin_sfs.manage_share,
            "NFS",
            "1.2.3.4:/x",
            "fakehost@nope#p",
        )
        self.assertRaises(
            exceptions.BadRequestException,
            self.admin_sfs.manage_share,
            "NFS",
            "1.2.3.4:/x",
            "fakehost@alpha",
        )
        response = self.raw(
            self.admin,
            "POST",
            "/shares/manage",
            json={"share": {"protocol": "NFS"}},
        )
        self.assertEqual(422, response.status_code)
        response = self.raw(
            self.admin,
            "POST",
            "/shares/manage",
            microversion="2.6",
            json={"share": {"protocol": "NFS"}},
        )
        self.fault(response, 404, "itemNotFound")

    def test_unmanage_refused_with_snapshot(self) -> None:
        share = self.make_share()
        self.fake.cloud.store.insert(
            "snapshots",
            {
                "share_id": share.id,
                "status": "available",
                "size": 1,
                "project_id": share.project_id,
            },
        )
        try:
            error = self.assertRaises(
                exceptions.ForbiddenException,
                self.admin_sfs.unmanage_share,
                share,
            )
            self.assertIn("dependent snapshot(s)", str(error))
        finally:
            for snap in self.fake.cloud.store.select("snapshots"):
                self.fake.cloud.store.delete("snapshots", snap["id"])

    # -- share metadata -------------------------------------------------------

    def test_share_metadata(self) -> None:
        share = self.make_share()
        result = self.sfs.set_share_metadata(share, a="1", b="2")
        self.assertEqual({"a": "1", "b": "2"}, result.metadata)
        item = self.sfs.fetch_share_metadata_item(share, "a")
        self.assertEqual("1", item.metadata["a"])
        self.sfs.set_share_metadata(share, replace=True, c="3")
        self.assertEqual(
            {"c": "3"}, self.sfs.fetch_share_metadata(share).metadata
        )
        self.sfs.delete_share_metadata(share, ["c"])
        self.assertEqual({}, self.sfs.fetch_share_metadata(share).metadata)
        self.assertRaises(
            exceptions.NotFoundException,
            self.sfs.delete_share_metadata,
            share,
            ["c"],
            ignore_missing=False,
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.set_share_metadata,
            share,
            __affinity_same_host="x",
        )
        self.admin_sfs.set_share_metadata(share, __affinity_same_host="x")
        self.assertRaises(
            exceptions.BadRequestException,
            self.sfs.set_share_metadata,
            share,
            k="",
        )
        self.assertRaises(
            exceptions.NotFoundException,
            self.alt.shared_file_system.fetch_share_metadata,
            share.id,
        )

    # -- access rules ---------------------------------------------------------

    def test_access_rule_update_and_metadata(self) -> None:
        share = self.make_share()
        rule = self.sfs.create_access_rule(
            share, access_type="ip", access_to="10.9.9.9"
        )
        rule = self.sfs.wait_for_status(
            rule,
            "active",
            failures=["error"],
            interval=0.05,
            wait=WAIT,
            attribute="state",
        )
        updated = self.sfs.update_access_rule(rule, "ro")
        self.assertEqual("ro", updated.access_level)
        rule = self.sfs.wait_for_status(
            rule,
            "active",
            failures=["error"],
            interval=0.05,
            wait=WAIT,
            attribute="state",
        )
        self.assertEqual("ro", self.sfs.get_access_rule(rule.id).access_level)
        self.assertRaises(
            exceptions.BadRequestException,
            self.sfs.update_access_rule,
            rule,
            "rx",
        )
        self.sfs.set_access_rule_metadata(rule, k="v")
        self.assertEqual(
            {"k": "v"}, self.sfs.get_access_rule(rule.id).metadata
        )
        self.sfs.delete_access_rule_metadata(rule, ["k"])
        self.assertEqual({}, self.sfs.get_access_rule(rule.id).metadata)
        self.assertRaises(
            exceptions.NotFoundException,
            self.sfs.delete_access_rule_metadata,
            rule,
            ["k"],
            ignore_missing=False,
        )

    # -- export location metadata ---------------------------------------------

    def test_export_location_metadata(self) -> None:
        share = self.make_share()
        location = next(iter(self.sfs.export_locations(share.id)))
        self.sfs.set_export_location_metadata(location, share, k="v")
        item = self.sfs.fetch_export_location_metadata_item(
            location, share, "k"
        )
        self.assertEqual("v", item.metadata["k"])
        shown = self.sfs.get_export_location(location, share)
        self.assertEqual({"k": "v"}, shown.metadata)
        # manila 23 answers the collection GET with 400
        self.assertRaises(
            exceptions.BadRequestException,
            self.sfs.fetch_export_location_metadata,
            location,
            share,
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.set_export_location_metadata,
            location,
            share,
            preferred="False",
        )
        self.admin_sfs.set_export_location_metadata(
            location, share, preferred="False"
        )
        self.assertFalse(
            self.sfs.get_export_location(location, share).is_preferred
        )
        self.sfs.delete_export_location_metadata(location, share, ["k"])
        self.assertEqual(
            {}, self.sfs.get_export_location(location, share).metadata
        )

    # -- share instances ------------------------------------------------------

    def test_share_instances(self) -> None:
        share = self.make_share()
        instances = list(self.admin_sfs.share_instances(share=share.id))
        self.assertEqual(1, len(instances))
        instance = instances[0]
        self.assertEqual(share.id, instance.share_id)
        self.assertIn(
            instance.id, [i.id for i in self.admin_sfs.share_instances()]
        )
        self.assertEqual(
            "available", self.admin_sfs.get_share_instance(instance).status
        )
        self.assertRaises(
            exceptions.ForbiddenException, list, self.sfs.share_instances()
        )
        locations = list(
            self.admin_sfs.share_instance_export_locations(instance)
        )
        # the instance's list shows the admin-only one too
        self.assertEqual(
            [el.id for el in self.admin_sfs.export_locations(share.id)],
            [el.id for el in locations],
        )
        self.assertEqual(
            [el.id for el in self.sfs.export_locations(share.id)],
            [el.id for el in locations if not el.is_admin],
        )
        self.admin_sfs.reset_share_instance_status(instance, "error")
        self.assertEqual("error", self.sfs.get_share(share.id).status)
        self.admin_sfs.delete_share_instance(instance)
        self.sfs.wait_for_delete(share, interval=0.05, wait=WAIT)
        self.assertRaises(
            exceptions.NotFoundException,
            self.admin_sfs.get_share_instance,
            instance.id,
        )
