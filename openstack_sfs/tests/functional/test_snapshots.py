"""Snapshots through openstack_sfs against the fake Manila, end to end."""

from __future__ import annotations

from typing import Any

from openstack import exceptions

from openstack_sfs.tests.functional import base

POLL: dict[str, Any] = {"interval": 0.02, "wait": base.WAIT}


class TestSnapshots(base.FunctionalTestCase):
    # -- helpers ---------------------------------------------------------

    def create_share(self, size: int = 1, **attrs: Any) -> Any:
        share = self.sfs.create_share(size=size, share_protocol="NFS", **attrs)
        self.addCleanup(self._quietly, self.admin_sfs.delete_share, share.id)
        return self.sfs.wait_for_status(
            share, "available", failures=["error"], **POLL
        )

    def create_snapshot(self, share: Any, **attrs: Any) -> Any:
        snapshot = self.sfs.create_share_snapshot(share_id=share.id, **attrs)
        self.addCleanup(
            self._quietly,
            self.admin_sfs.delete_share_snapshot,
            snapshot.id,
            force=True,
        )
        return snapshot

    def available_snapshot(self, share: Any, **attrs: Any) -> Any:
        snapshot = self.create_snapshot(share, **attrs)
        return self.sfs.wait_for_status(
            snapshot, "available", failures=["error"], **POLL
        )

    @staticmethod
    def _quietly(fn: Any, *args: Any, **kwargs: Any) -> None:
        try:
            fn(*args, **kwargs)
        except exceptions.SDKException:
            pass

    def inject(self, share: Any, operation: str, count: int = 1) -> None:
        """Make the share's backend fail ``operation`` ``count`` times."""
        host = self.admin_sfs.get_share(share.id).host
        backend = host.partition("@")[2].partition("#")[0]
        reply = self.fake.control(
            "PATCH", f"backends/{backend}", {"failures": {operation: count}}
        )
        self.assertIsNotNone(reply)

    def fault(self, response: Any, status: int, name: str) -> str:
        self.assertEqual(status, response.status_code, response.text)
        body = response.json()[name]
        self.assertEqual(status, body["code"])
        message: str = body["message"]
        return message

    # -- CRUD ------------------------------------------------------------

    def test_create_list_show_update_delete(self) -> None:
        share = self.create_share()
        snapshot = self.create_snapshot(
            share, name="snap", description="first", metadata={"k": "v"}
        )
        self.assertEqual("creating", snapshot.status)
        snapshot = self.sfs.wait_for_status(
            snapshot, "available", failures=["error"], **POLL
        )
        self.assertEqual(share.id, snapshot.share_id)
        self.assertEqual(1, snapshot.size)
        self.assertEqual(1, snapshot.share_size)
        self.assertEqual("NFS", snapshot.share_proto)
        self.assertEqual({"k": "v"}, snapshot.metadata)
        self.assertEqual(self.fake.project_id("demo"), snapshot.project_id)
        # provider_location is for admins only
        self.assertIsNone(snapshot.provider_location)
        admin_view = self.admin_sfs.get_share_snapshot(snapshot.id)
        self.assertTrue(admin_view.provider_location)

        listed = list(self.sfs.share_snapshots(name="snap"))
        self.assertEqual([snapshot.id], [s.id for s in listed])
        self.assertEqual([], list(self.sfs.share_snapshots(name="other")))
        self.assertEqual(
            [snapshot.id],
            [s.id for s in self.sfs.share_snapshots(details=False)],
        )
        self.assertEqual(
            [], list(self.alt.shared_file_system.share_snapshots())
        )
        every = list(self.admin_sfs.share_snapshots(all_projects=True))
        self.assertIn(snapshot.id, [s.id for s in every])
        found = self.sfs.find_share_snapshot("snap")
        self.assertEqual(snapshot.id, found.id)

        updated = self.sfs.update_share_snapshot(
            snapshot, name="renamed", description="second"
        )
        self.assertEqual("renamed", updated.name)
        self.assertEqual("second", updated.description)
        self.assertEqual(
            "renamed", self.sfs.get_share_snapshot(snapshot.id).name
        )

        self.sfs.delete_share_snapshot(snapshot)
        self.sfs.wait_for_delete(snapshot, **POLL)
        self.assertRaises(
            exceptions.NotFoundException,
            self.sfs.get_share_snapshot,
            snapshot.id,
        )

    def test_with_count_and_paging(self) -> None:
        share = self.create_share()
        for name in ("a", "b", "c"):
            self.available_snapshot(share, name=name)
        response = self.raw(
            self.conn, "GET", "/snapshots?with_count=true&limit=2&offset=1"
        )
        self.assertEqual(200, response.status_code)
        body = response.json()
        self.assertEqual(3, body["count"])
        self.assertEqual(["b", "a"], [s["name"] for s in body["snapshots"]])
        # limit is the page size: the SDK walks the pages by offset.
        pages = list(
            self.sfs.share_snapshots(limit=1, sort_key="name", sort_dir="asc")
        )
        self.assertEqual(["a", "b", "c"], [s.name for s in pages])
        first = list(
            self.sfs.share_snapshots(
                limit=1, max_items=1, sort_key="name", sort_dir="asc"
            )
        )
        self.assertEqual(["a"], [s.name for s in first])

    def test_create_errors(self) -> None:
        share = self.create_share()
        self.assertRaises(
            exceptions.NotFoundException,
            self.sfs.create_share_snapshot,
            share_id="00000000-0000-4000-8000-000000000000",
        )
        # the share of another project is not found either
        response = self.raw(
            self.alt,
            "POST",
            "/snapshots",
            json={"snapshot": {"share_id": share.id}},
        )
        self.fault(response, 404, "itemNotFound")
        self.admin_sfs.reset_share_status(share, "error")
        response = self.raw(
            self.conn,
            "POST",
            "/snapshots",
            json={"snapshot": {"share_id": share.id}},
        )
        self.assertEqual(
            "Invalid share: Source share status must be available.",
            self.fault(response, 400, "badRequest"),
        )
        self.admin_sfs.reset_share_status(share, "available")
        self.admin_sfs.update_quota_set(
            self.fake.project_id("demo"), snapshots=1
        )
        self.available_snapshot(share)
        response = self.raw(
            self.conn,
            "POST",
            "/snapshots",
            json={"snapshot": {"share_id": share.id}},
        )
        self.assertIn(
            "Maximum number of snapshots allowed (1)",
            self.fault(response, 413, "overLimit"),
        )
        self.assertEqual(1, len(list(self.sfs.share_snapshots())))

    def test_driver_failure_goes_error(self) -> None:
        share = self.create_share()
        self.inject(share, "create_snapshot")
        snapshot = self.create_snapshot(share)
        snapshot = self.sfs.wait_for_status(snapshot, "error", **POLL)
        self.assertEqual("error", snapshot.status)
        messages = list(self.sfs.user_messages())
        self.assertIn("SHARE_SNAPSHOT", [m.resource_type for m in messages])

    def test_delete_failure_then_reset_and_force_delete(self) -> None:
        share = self.create_share()
        snapshot = self.available_snapshot(share)
        self.inject(share, "delete_snapshot")
        self.sfs.delete_share_snapshot(snapshot)
        snapshot = self.sfs.wait_for_status(snapshot, "error_deleting", **POLL)
        # a share with snapshots cannot be deleted
        self.assertRaises(
            exceptions.ForbiddenException, self.sfs.delete_share, share
        )
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.reset_share_snapshot_status,
            snapshot,
            "available",
        )
        self.admin_sfs.reset_share_snapshot_status(snapshot, "available")
        self.assertEqual(
            "available", self.sfs.get_share_snapshot(snapshot.id).status
        )
        self.admin_sfs.delete_share_snapshot(snapshot, force=True)
        self.sfs.wait_for_delete(snapshot, **POLL)
        self.sfs.delete_share(share)
        self.sfs.wait_for_delete(share, **POLL)

    # -- manage / unmanage -------------------------------------------------

    def test_unmanage_and_manage_back(self) -> None:
        share = self.create_share()
        snapshot = self.available_snapshot(share, name="orig")
        location = self.admin_sfs.get_share_snapshot(
            snapshot.id
        ).provider_location
        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.unmanage_share_snapshot,
            snapshot,
        )
        self.admin_sfs.unmanage_share_snapshot(snapshot)
        self.sfs.wait_for_delete(snapshot, **POLL)

        self.assertRaises(
            exceptions.ForbiddenException,
            self.sfs.manage_share_snapshot,
            share.id,
            location,
        )
        managed = self.admin_sfs.manage_share_snapshot(
            share.id, location, name="back", driver_options={"size": 1}
        )
        self.addCleanup(
            self._quietly,
            self.admin_sfs.delete_share_snapshot,
            managed.id,
            force=True,
        )
        self.assertEqual("manage_starting", managed.status)
        managed = self.admin_sfs.wait_for_status(
            managed, "available", failures=["manage_error"], **POLL
        )
        self.assertEqual("back", managed.name)
        self.assertEqual(location, managed.provider_location)
        self.assertIn("__managed_at", managed.metadata)
        # managing the same location again is a conflict
        self.assertRaises(
            exceptions.ConflictException,
            self.admin_sfs.manage_share_snapshot,
            share.id,
            location,
        )

    def test_manage_needs_2_12(self) -> None:
        share = self.create_share()
        response = self.raw(
            self.admin,
            "POST",
            "/snapshots/manage",
            microversion="2.11",
            json={
                "snapshot": {"share_id": share.id, "provider_location": "x"}
            },
        )
        self.fault(response, 404, "itemNotFound")

    # -- metadata ----------------------------------------------------------

    def test_metadata(self) -> None:
        share = self.create_share()
        snapshot = self.available_snapshot(share)
        self.sfs.set_share_snapshot_metadata(snapshot, a="1", b="2")
        self.assertEqual(
            {"a": "1", "b": "2"},
            self.sfs.fetch_share_snapshot_metadata(snapshot).metadata,
        )
        item = self.sfs.fetch_share_snapshot_metadata_item(snapshot, "a")
        self.assertEqual("1", item.metadata["a"])
        self.sfs.set_share_snapshot_metadata(snapshot, replace=True, c="3")
        self.assertEqual(
            {"c": "3"},
            self.sfs.fetch_share_snapshot_metadata(snapshot).metadata,
        )
        self.sfs.delete_share_snapshot_metadata(snapshot, ["c"])
        self.assertEqual(
            {}, self.sfs.fetch_share_snapshot_metadata(snapshot).metadata
        )
        self.assertRaises(
            exceptions.NotFoundException,
            self.sfs.delete_share_snapshot_metadata,
            snapshot,
            ["missing"],
        )
        response = self.raw(
            self.conn,
            "POST",
            f"/snapshots/{snapshot.id}/metadata/k",
            json={"metadata": {"k": "v"}},
        )
        self.assertEqual({"metadata": {"k": "v"}}, response.json())
        response = self.raw(
            self.conn,
            "GET",
            f"/snapshots/{snapshot.id}/metadata",
            microversion="2.72",
        )
        self.fault(response, 404, "itemNotFound")

    # -- access rules and export locations (mountable snapshots) -----------

    def test_access_rules_and_export_locations(self) -> None:
        share = self.create_share()
        snapshot = self.available_snapshot(share)
        locations = list(self.sfs.share_snapshot_export_locations(snapshot))
        # the dummy driver's preferred and second address (the third,
        # admin-only, one is hidden from the project)
        self.assertEqual(2, len(locations))
        self.assertIn(":/path/to/fake/snapshot/snapshot_", locations[0].path)
        one = self.sfs.get_share_snapshot_export_location(
            locations[0].id, snapshot
        )
        self.assertEqual(locations[0].path, one.path)
        self.assertIsNotNone(one.created_at)

        rule = self.sfs.create_share_snapshot_access_rule(
            snapshot, "ip", "10.1.0.0/24"
        )
        self.assertEqual("queued_to_apply", rule.state)
        rules = None
        for _ in range(500):
            rules = list(self.sfs.share_snapshot_access_rules(snapshot))
            if rules and rules[0].state == "active":
                break
            self.fake.wait_idle(0.05)
        self.assertEqual(["active"], [r.state for r in rules])
        self.assertRaises(
            exceptions.BadRequestException,
            self.sfs.create_share_snapshot_access_rule,
            snapshot,
            "ip",
            "10.1.0.0/24",
        )
        self.sfs.delete_share_snapshot_access_rule(snapshot, rule)
        for _ in range(500):
            if not list(self.sfs.share_snapshot_access_rules(snapshot)):
                break
            self.fake.wait_idle(0.05)
        self.assertEqual(
            [], list(self.sfs.share_snapshot_access_rules(snapshot))
        )

    def test_access_needs_mountable_share(self) -> None:
        share = self.create_share()
        snapshot = self.available_snapshot(share)
        self.fake.cloud.store.update(
            "shares", share.id, mount_snapshot_support=False
        )
        response = self.raw(
            self.conn,
            "POST",
            f"/snapshots/{snapshot.id}/action",
            json={
                "allow_access": {"access_type": "ip", "access_to": "10.0.0.1"}
            },
        )
        self.assertIn(
            "does not support mounting its snapshots",
            self.fault(response, 400, "badRequest"),
        )
        response = self.raw(
            self.conn,
            "GET",
            f"/snapshots/{snapshot.id}/access-list",
            microversion="2.31",
        )
        self.fault(response, 404, "itemNotFound")

    # -- revert and create from snapshot -----------------------------------

    def test_revert_to_latest_snapshot(self) -> None:
        share = self.create_share()
        first = self.available_snapshot(share)
        second = self.available_snapshot(share)
        self.assertRaises(
            exceptions.ConflictException,
            self.sfs.revert_share_to_snapshot,
            share,
            first,
        )
        self.sfs.revert_share_to_snapshot(share, second)
        share = self.sfs.wait_for_status(
            share, "available", failures=["reverting_error"], **POLL
        )
        second = self.sfs.wait_for_status(second, "available", **POLL)
        self.assertEqual("available", second.status)

    def test_revert_driver_failure(self) -> None:
        share = self.create_share()
        snapshot = self.available_snapshot(share)
        self.inject(share, "revert_to_snapshot")
        self.sfs.revert_share_to_snapshot(share, snapshot)
        share = self.sfs.wait_for_status(share, "reverting_error", **POLL)
        self.assertEqual("reverting_error", share.status)
        messages = list(self.sfs.user_messages(resource_id=share.id))
        self.assertTrue(
            any(
                m.user_message.startswith("revert to snapshot")
                for m in messages
            )
        )
        response = self.raw(
            self.conn,
            "POST",
            f"/shares/{share.id}/action",
            microversion="2.26",
            json={"revert": {"snapshot_id": snapshot.id}},
        )
        self.fault(response, 404, "itemNotFound")

    def test_create_share_from_snapshot(self) -> None:
        share = self.create_share()
        snapshot = self.available_snapshot(share)
        child = self.sfs.create_share(
            size=1, share_protocol="NFS", snapshot_id=snapshot.id
        )
        self.addCleanup(self._quietly, self.admin_sfs.delete_share, child.id)
        # Manila's create answers "creating", from a snapshot too (only a
        # driver that answers creating_from_snapshot moves it there)
        self.assertEqual("creating", child.status)
        child = self.sfs.wait_for_status(
            child, "available", failures=["error"], **POLL
        )
        self.assertEqual(snapshot.id, child.snapshot_id)
        self.assertTrue(list(self.sfs.export_locations(child)))
        # the source snapshot must be at least as big as the new share
        big = self.create_share(size=2)
        big_snapshot = self.available_snapshot(big)
        response = self.raw(
            self.conn,
            "POST",
            "/shares",
            json={
                "share": {
                    "share_proto": "NFS",
                    "size": 1,
                    "snapshot_id": big_snapshot.id,
                }
            },
        )
        self.assertIn(
            "must be equal or greater than snapshot size",
            self.fault(response, 400, "badRequest"),
        )
        # and available
        self.admin_sfs.reset_share_snapshot_status(big_snapshot, "error")
        response = self.raw(
            self.conn,
            "POST",
            "/shares",
            json={
                "share": {
                    "share_proto": "NFS",
                    "size": 2,
                    "snapshot_id": big_snapshot.id,
                }
            },
        )
        self.assertIn(
            "status must be 'available'",
            self.fault(response, 400, "badRequest"),
        )
