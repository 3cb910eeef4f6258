"""Fake server snapshots under manual progression: every status step."""

from __future__ import annotations

from typing import Any

import falcon.testing
import fixtures
import testtools

from fake_server import config, microversion
from fake_server.app import build_app
from fake_server.cloud import Cloud
from openstack_sfs.tests.unit.fake_server.test_core import password_body

HOST = "fakehost@alpha"


class SnapshotTestCase(testtools.TestCase):
    """A manual-progression cloud, a test client, and an available share."""

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(30, gentle=True))
        self.cloud = Cloud(
            config.from_dict({"server": {"progression": "manual"}})
        )
        self.addCleanup(self.cloud.close)
        self.client = falcon.testing.TestClient(build_app(self.cloud))
        self.tokens = {}
        for user in ("demo", "admin", "alt_demo"):
            result = self.client.simulate_post(
                "/identity/v3/auth/tokens", json=password_body(user)
            )
            self.assertEqual(201, result.status_code, result.text)
            self.tokens[user] = result.headers["X-Subject-Token"]
        self.share = self.make_share()
        self.backend = self.cloud.managers[HOST].backend

    # -- helpers ---------------------------------------------------------

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        user: str = "demo",
        version: str = "2.99",
    ) -> Any:
        headers = {
            "X-Auth-Token": self.tokens[user],
            microversion.HEADER: version,
        }
        return self.client.simulate_request(
            method, "/v2" + path, headers=headers, json=body
        )

    def ok(self, result: Any, status: int = 200) -> Any:
        self.assertEqual(status, result.status_code, result.text)
        return result.json if result.content else None

    def fault(self, result: Any, status: int, name: str) -> str:
        self.assertEqual(status, result.status_code, result.text)
        body = result.json[name]
        self.assertEqual(status, body["code"])
        message: str = body["message"]
        return message

    def make_share(self, size: int = 1, **extra: Any) -> dict[str, Any]:
        body = {"share": dict({"share_proto": "NFS", "size": size}, **extra)}
        share = self.ok(self.call("POST", "/shares", body))["share"]
        self.cloud.bus.advance()
        self.assertEqual("available", self.share_status(share["id"]))
        return share

    def share_status(self, share_id: str) -> str:
        return self.cloud.store.get("shares", share_id)["status"]

    def snap(self, snapshot_id: str) -> dict[str, Any]:
        return self.cloud.store.get("snapshots", snapshot_id)

    def create_snapshot(
        self, share_id: str | None = None, advance: bool = True, **extra: Any
    ) -> dict[str, Any]:
        body = {
            "snapshot": dict(
                {"share_id": share_id or self.share["id"]}, **extra
            )
        }
        result = self.call("POST", "/snapshots", body)
        snapshot = self.ok(result, 202)["snapshot"]
        self.assertEqual("creating", snapshot["status"])
        if advance:
            self.cloud.bus.advance()
            self.assertEqual("available", self.snap(snapshot["id"])["status"])
        return snapshot

    def action(
        self,
        snapshot_id: str,
        body: Any,
        user: str = "demo",
        version: str = "2.99",
    ) -> Any:
        return self.call(
            "POST",
            f"/snapshots/{snapshot_id}/action",
            body,
            user=user,
            version=version,
        )


class TestCreate(SnapshotTestCase):
    def test_creating_then_available_with_provider_location(self) -> None:
        snapshot = self.create_snapshot(
            advance=False, name="s1", description="d1"
        )
        self.assertEqual("s1", snapshot["name"])
        self.assertEqual("d1", snapshot["description"])
        self.assertEqual(1, snapshot["size"])
        self.assertEqual(1, snapshot["share_size"])
        self.assertEqual("NFS", snapshot["share_proto"])
        self.assertEqual(1, self.cloud.bus.advance(steps=1))
        record = self.snap(snapshot["id"])
        self.assertEqual("available", record["status"])
        self.assertEqual("100%", record["progress"])
        self.assertIn(
            snapshot["id"].replace("-", "_"), record["provider_location"]
        )
        # the dummy driver's three: admin-only, preferred, second
        self.assertEqual(
            [True, False, False],
            [el["is_admin_only"] for el in record["export_locations"]],
        )
        # the share is untouched
        self.assertEqual("available", self.share_status(self.share["id"]))

    def test_display_names_accepted_on_create(self) -> None:
        snapshot = self.create_snapshot(
            display_name="legacy", display_description="old"
        )
        self.assertEqual("legacy", snapshot["name"])
        self.assertEqual("old", snapshot["description"])

    def test_driver_failure_is_error_and_user_message(self) -> None:
        self.backend.failures["create_snapshot"] = 1
        snapshot = self.create_snapshot(advance=False)
        self.cloud.bus.advance()
        record = self.snap(snapshot["id"])
        self.assertEqual("error", record["status"])
        messages = self.cloud.store.select(
            "messages", lambda m: m["resource_id"] == record["instance_id"]
        )
        self.assertEqual(1, len(messages))
        self.assertEqual("SHARE_SNAPSHOT", messages[0]["resource_type"])
        self.assertEqual("002", messages[0]["action_id"])
        # the failure was used up: the next one works
        self.create_snapshot()

    def test_unknown_share_404(self) -> None:
        result = self.call(
            "POST", "/snapshots", {"snapshot": {"share_id": "nope"}}
        )
        self.assertEqual(
            "NotFound: Resource could not be found.",
            self.fault(result, 404, "itemNotFound"),
        )

    def test_other_projects_share_404(self) -> None:
        result = self.call(
            "POST",
            "/snapshots",
            {"snapshot": {"share_id": self.share["id"]}},
            user="alt_demo",
        )
        self.fault(result, 404, "itemNotFound")

    def test_missing_snapshot_key_422(self) -> None:
        result = self.call("POST", "/snapshots", {"share_id": "x"})
        self.fault(result, 422, "computeFault")

    def test_share_not_available_400(self) -> None:
        self.cloud.store.update("shares", self.share["id"], status="error")
        result = self.call(
            "POST", "/snapshots", {"snapshot": {"share_id": self.share["id"]}}
        )
        self.assertEqual(
            "Invalid share: Source share status must be available.",
            self.fault(result, 400, "badRequest"),
        )
        # force is not honoured by Manila's v2 controller either
        result = self.call(
            "POST",
            "/snapshots",
            {"snapshot": {"share_id": self.share["id"], "force": True}},
        )
        self.fault(result, 400, "badRequest")
        self.assertEqual([], self.cloud.store.select("snapshots"))

    def test_no_snapshot_support_422(self) -> None:
        self.cloud.store.update(
            "shares", self.share["id"], snapshot_support=False
        )
        result = self.call(
            "POST", "/snapshots", {"snapshot": {"share_id": self.share["id"]}}
        )
        self.assertEqual(
            f"Snapshots cannot be created for share '{self.share['id']}' "
            "since it does not have that capability.",
            self.fault(result, 422, "computeFault"),
        )

    def test_busy_share_400(self) -> None:
        self.cloud.store.update(
            "shares", self.share["id"], task_state="migration_in_progress"
        )
        result = self.call(
            "POST", "/snapshots", {"snapshot": {"share_id": self.share["id"]}}
        )
        self.assertIn(
            "Share is busy with an active task",
            self.fault(result, 400, "badRequest"),
        )

    def test_name_too_long_400(self) -> None:
        result = self.call(
            "POST",
            "/snapshots",
            {"snapshot": {"share_id": self.share["id"], "name": "x" * 256}},
        )
        self.assertEqual(
            "Invalid input received: name can only be 255 characters long.",
            self.fault(result, 400, "badRequest"),
        )

    def test_snapshot_quota_413(self) -> None:
        self.cloud.store.insert(
            "quota_overrides",
            {"id": self.share["project_id"], "limits": {"snapshots": 1}},
        )
        self.create_snapshot()
        result = self.call(
            "POST", "/snapshots", {"snapshot": {"share_id": self.share["id"]}}
        )
        body = result.json["overLimit"]
        self.assertEqual(413, result.status_code)
        self.assertEqual(
            "SnapshotLimitExceeded: Maximum number of snapshots allowed "
            "(1) either per project/user or share type quota is exceeded.",
            body["message"],
        )
        self.assertEqual(1, len(self.cloud.store.select("snapshots")))

    def test_snapshot_gigabytes_quota_413(self) -> None:
        self.cloud.store.insert(
            "quota_overrides",
            {
                "id": self.share["project_id"],
                "limits": {"snapshot_gigabytes": 1},
            },
        )
        big = self.make_share(size=2)
        result = self.call(
            "POST", "/snapshots", {"snapshot": {"share_id": big["id"]}}
        )
        self.assertEqual(
            "SnapshotSizeExceedsAvailableQuota: Requested snapshot exceeds "
            "allowed project/user or share type gigabytes quota.",
            self.fault(result, 413, "overLimit"),
        )

    def test_metadata_on_create_needs_2_73(self) -> None:
        body = {
            "snapshot": {"share_id": self.share["id"], "metadata": {"k": "v"}}
        }
        old = self.ok(
            self.call("POST", "/snapshots", body, version="2.72"), 202
        )["snapshot"]
        self.assertNotIn("metadata", old)
        self.assertEqual({}, self.snap(old["id"])["metadata"])
        new = self.ok(self.call("POST", "/snapshots", body), 202)["snapshot"]
        self.assertEqual({"k": "v"}, new["metadata"])

    def test_blank_metadata_value_400(self) -> None:
        body = {
            "snapshot": {"share_id": self.share["id"], "metadata": {"k": ""}}
        }
        self.assertEqual(
            "Metadata property value is blank.",
            self.fault(
                self.call("POST", "/snapshots", body), 400, "badRequest"
            ),
        )


class TestViewsAndList(SnapshotTestCase):
    def test_fields_per_version_and_admin(self) -> None:
        snapshot = self.create_snapshot()
        path = f"/snapshots/{snapshot['id']}"
        v20 = self.ok(self.call("GET", path, version="2.0"))["snapshot"]
        self.assertEqual(
            {
                "id",
                "share_id",
                "share_size",
                "created_at",
                "status",
                "name",
                "description",
                "size",
                "share_proto",
                "links",
            },
            set(v20),
        )
        v17 = self.ok(self.call("GET", path, version="2.17"))["snapshot"]
        self.assertIn("project_id", v17)
        self.assertIn("user_id", v17)
        self.assertNotIn("provider_location", v17)
        self.assertNotIn("metadata", v17)
        admin = self.ok(self.call("GET", path, user="admin", version="2.12"))[
            "snapshot"
        ]
        self.assertIsNotNone(admin["provider_location"])
        self.assertNotIn("project_id", admin)
        v73 = self.ok(self.call("GET", path, version="2.73"))["snapshot"]
        self.assertEqual({}, v73["metadata"])

    def test_show_unknown_and_other_project_is_bare_404(self) -> None:
        snapshot = self.create_snapshot()
        for user, sid in (("demo", "missing"), ("alt_demo", snapshot["id"])):
            result = self.call("GET", f"/snapshots/{sid}", user=user)
            self.assertEqual(
                "The resource could not be found.",
                self.fault(result, 404, "itemNotFound"),
            )

    def test_filters_sort_and_paging(self) -> None:
        other = self.make_share()
        a = self.create_snapshot(name="alpha", description="first one")
        b = self.create_snapshot(
            share_id=other["id"], name="beta", description="second"
        )
        self.cloud.store.update("snapshots", a["id"], metadata={"k": "v"})

        def names(query: str, version: str = "2.99", user: str = "demo"):
            body = self.ok(
                self.call(
                    "GET",
                    "/snapshots/detail" + query,
                    version=version,
                    user=user,
                )
            )
            return [s["name"] for s in body["snapshots"]]

        self.assertEqual(["beta", "alpha"], names(""))
        self.assertEqual(
            ["alpha", "beta"], names("?sort_key=name&sort_dir=asc")
        )
        self.assertEqual(["alpha"], names("?name=alpha"))
        self.assertEqual(["beta"], names(f"?share_id={other['id']}"))
        self.assertEqual(["alpha"], names("?name~=LPH"))
        self.assertEqual(["beta"], names("?description~=sec"))
        # like filters are dropped below 2.36
        self.assertEqual(["beta", "alpha"], names("?name~=LPH", "2.35"))
        self.assertEqual(["alpha"], names("?metadata={'k':'v'}"))
        self.assertEqual(
            ["beta", "alpha"], names("?metadata={'k':'v'}", "2.72")
        )
        self.assertEqual(["alpha"], names("?limit=1&offset=1"))
        self.assertEqual([], names("?status=error"))
        self.assertEqual([], names("", user="alt_demo"))
        self.assertEqual(
            ["beta", "alpha"], names("?all_tenants=1", user="admin")
        )
        # non-admins cannot widen to all projects
        self.assertEqual([], names("?all_tenants=1", user="alt_demo"))
        summary = self.ok(self.call("GET", "/snapshots"))["snapshots"][0]
        self.assertEqual({"id", "name", "links"}, set(summary))
        self.assertEqual(b["id"], summary["id"])

    def test_with_count(self) -> None:
        self.create_snapshot()
        self.create_snapshot()
        body = self.ok(self.call("GET", "/snapshots?with_count=true&limit=1"))
        self.assertEqual(2, body["count"])
        self.assertEqual(1, len(body["snapshots"]))
        old = self.ok(
            self.call("GET", "/snapshots?with_count=true", version="2.78")
        )
        self.assertNotIn("count", old)

    def test_bad_filters_400(self) -> None:
        result = self.call("GET", "/snapshots?sort_dir=sideways")
        self.fault(result, 400, "badRequest")
        # /snapshots checks its query schema first (test_fidelity_more);
        # the detailed list reaches share/api.py's filter check
        result = self.call("GET", "/snapshots/detail?name=")
        self.assertIn(
            "Wrong 'name' filter provided",
            self.fault(result, 400, "badRequest"),
        )
        result = self.call("GET", "/snapshots?limit=x")
        self.fault(result, 400, "badRequest")


class TestUpdateDelete(SnapshotTestCase):
    def test_update_reads_display_keys_only(self) -> None:
        snapshot = self.create_snapshot(name="old")
        path = f"/snapshots/{snapshot['id']}"
        body = self.ok(self.call("PUT", path, {"snapshot": {"name": "x"}}))
        self.assertEqual("old", body["snapshot"]["name"])
        body = self.ok(
            self.call(
                "PUT",
                path,
                {
                    "snapshot": {
                        "display_name": "new",
                        "display_description": "desc",
                    }
                },
            )
        )
        self.assertEqual("new", body["snapshot"]["name"])
        self.assertEqual("desc", body["snapshot"]["description"])
        self.fault(self.call("PUT", path, {"nope": {}}), 422, "computeFault")
        self.fault(
            self.call("PUT", path, {"snapshot": {}}, user="alt_demo"),
            404,
            "itemNotFound",
        )

    def test_delete_deleting_then_gone(self) -> None:
        snapshot = self.create_snapshot()
        self.ok(self.call("DELETE", f"/snapshots/{snapshot['id']}"), 202)
        self.assertEqual("deleting", self.snap(snapshot["id"])["status"])
        self.cloud.bus.advance()
        self.assertIsNone(self.snap(snapshot["id"]))

    def test_delete_only_from_available_or_error(self) -> None:
        snapshot = self.create_snapshot(advance=False)
        result = self.call("DELETE", f"/snapshots/{snapshot['id']}")
        self.assertEqual(
            "Invalid share snapshot: Share Snapshot status must be one of "
            "('available', 'error').",
            self.fault(result, 400, "badRequest"),
        )
        self.assertEqual("creating", self.snap(snapshot["id"])["status"])

    def test_delete_failure_is_error_deleting_then_force(self) -> None:
        snapshot = self.create_snapshot()
        self.backend.failures["delete_snapshot"] = 2
        self.ok(self.call("DELETE", f"/snapshots/{snapshot['id']}"), 202)
        self.cloud.bus.advance()
        self.assertEqual("error_deleting", self.snap(snapshot["id"])["status"])
        # a member may not force delete
        result = self.action(snapshot["id"], {"force_delete": None})
        self.fault(result, 403, "forbidden")
        result = self.action(
            snapshot["id"], {"force_delete": None}, user="admin"
        )
        self.ok(result, 202)
        self.assertEqual("deleting", self.snap(snapshot["id"])["status"])
        self.cloud.bus.advance()
        # the driver failed again, but a forced delete removes it anyway
        self.assertIsNone(self.snap(snapshot["id"]))

    def test_os_prefixed_actions_below_2_7(self) -> None:
        snapshot = self.create_snapshot()
        sid = snapshot["id"]
        result = self.action(
            sid,
            {"os-reset_status": {"status": "error"}},
            user="admin",
            version="2.6",
        )
        self.ok(result, 202)
        self.assertEqual("error", self.snap(sid)["status"])
        result = self.action(
            sid,
            {"reset_status": {"status": "error"}},
            user="admin",
            version="2.6",
        )
        self.fault(result, 404, "itemNotFound")
        result = self.action(
            sid, {"os-force_delete": None}, user="admin", version="2.6"
        )
        self.ok(result, 202)
        self.cloud.bus.advance()
        self.assertIsNone(self.snap(sid))

    def test_reset_status(self) -> None:
        snapshot = self.create_snapshot()
        sid = snapshot["id"]
        result = self.action(
            "nope", {"reset_status": {"status": "error"}}, user="admin"
        )
        self.assertEqual(
            "The resource could not be found.",
            self.fault(result, 404, "itemNotFound"),
        )
        self.fault(
            self.action(sid, {"reset_status": {"status": "error"}}),
            403,
            "forbidden",
        )
        result = self.action(
            sid, {"reset_status": {"status": "bogus"}}, user="admin"
        )
        self.assertIn(
            "Invalid state. Valid states:",
            self.fault(result, 400, "badRequest"),
        )
        result = self.action(sid, {"reset_status": {}}, user="admin")
        self.assertEqual(
            "Must specify 'status'", self.fault(result, 400, "badRequest")
        )
        self.ok(
            self.action(
                sid, {"reset_status": {"status": "error"}}, user="admin"
            ),
            202,
        )
        self.assertEqual("error", self.snap(sid)["status"])

    def test_share_with_snapshots_cannot_be_deleted(self) -> None:
        self.create_snapshot()
        result = self.call("DELETE", f"/shares/{self.share['id']}")
        self.assertIn(
            "dependent snapshots", self.fault(result, 403, "forbidden")
        )
        self.assertEqual("available", self.share_status(self.share["id"]))


class TestManage(SnapshotTestCase):
    def manage(
        self, user: str = "admin", version: str = "2.99", **extra: Any
    ) -> Any:
        body = {
            "snapshot": dict(
                {
                    "share_id": self.share["id"],
                    "provider_location": "/fake/snap1",
                },
                **extra,
            )
        }
        return self.call(
            "POST", "/snapshots/manage", body, user=user, version=version
        )

    def test_manage_starting_then_available(self) -> None:
        share = self.cloud.store.get("shares", self.share["id"])
        manager = self.cloud.manager(share["host"])
        assert manager is not None
        manager.driver.private_data.hold("snapshot", "/fake/snap1", 3)
        snapshot = self.ok(
            self.manage(name="m", driver_options={"size": 1}), 202
        )["snapshot"]
        self.assertEqual("manage_starting", snapshot["status"])
        self.assertEqual("/fake/snap1", snapshot["provider_location"])
        self.cloud.bus.advance()
        record = self.snap(snapshot["id"])
        self.assertEqual("available", record["status"])
        self.assertEqual(1, record["size"])
        self.assertIn("__managed_at", record["metadata"])

    def test_manage_failure_is_manage_error_size_1(self) -> None:
        self.backend.failures["manage_existing_snapshot"] = 1
        snapshot = self.ok(self.manage(), 202)["snapshot"]
        self.cloud.bus.advance()
        record = self.snap(snapshot["id"])
        self.assertEqual("manage_error", record["status"])
        self.assertEqual(1, record["size"])

    def test_manage_bad_input(self) -> None:
        self.fault(self.manage(user="demo"), 403, "forbidden")
        self.fault(self.manage(version="2.11"), 404, "itemNotFound")
        result = self.call(
            "POST",
            "/snapshots/manage",
            {"snapshot": {"share_id": self.share["id"]}},
            user="admin",
        )
        self.assertEqual(
            "Required parameter provider_location not found.",
            self.fault(result, 422, "computeFault"),
        )
        result = self.call(
            "POST",
            "/snapshots/manage",
            {"snapshot": {"share_id": "nope", "provider_location": "x"}},
            user="admin",
        )
        self.assertEqual(
            "ShareNotFound: Share nope could not be found.",
            self.fault(result, 404, "itemNotFound"),
        )
        self.ok(self.manage(), 202)
        self.assertIn(
            "is already managed for provider location",
            self.fault(self.manage(), 409, "conflictingRequest"),
        )

    def test_unmanage(self) -> None:
        snapshot = self.create_snapshot()
        sid = snapshot["id"]
        self.fault(self.action(sid, {"unmanage": None}), 403, "forbidden")
        self.fault(
            self.action(sid, {"unmanage": None}, user="admin", version="2.11"),
            404,
            "itemNotFound",
        )
        self.ok(self.action(sid, {"unmanage": None}, user="admin"), 202)
        self.assertEqual("unmanage_starting", self.snap(sid)["status"])
        self.cloud.bus.advance()
        self.assertIsNone(self.snap(sid))

    def test_unmanage_failure_and_transitional(self) -> None:
        snapshot = self.create_snapshot(advance=False)
        sid = snapshot["id"]
        result = self.action(sid, {"unmanage": None}, user="admin")
        self.assertIn(
            "Snapshot with transitional state cannot be unmanaged",
            self.fault(result, 403, "forbidden"),
        )
        self.cloud.bus.advance()
        self.backend.failures["unmanage_snapshot"] = 1
        self.ok(self.action(sid, {"unmanage": None}, user="admin"), 202)
        self.cloud.bus.advance()
        self.assertEqual("unmanage_error", self.snap(sid)["status"])


class TestRevert(SnapshotTestCase):
    def revert(
        self, snapshot_id: str, version: str = "2.99", user: str = "demo"
    ) -> Any:
        return self.call(
            "POST",
            f"/shares/{self.share['id']}/action",
            {"revert": {"snapshot_id": snapshot_id}},
            user=user,
            version=version,
        )

    def test_reverting_restoring_then_available_with_size(self) -> None:
        snapshot = self.create_snapshot()
        self.cloud.store.update("shares", self.share["id"], size=3)
        self.ok(self.revert(snapshot["id"]), 202)
        self.assertEqual("reverting", self.share_status(self.share["id"]))
        self.assertEqual("restoring", self.snap(snapshot["id"])["status"])
        self.cloud.bus.advance()
        share = self.cloud.store.get("shares", self.share["id"])
        self.assertEqual("available", share["status"])
        self.assertEqual(1, share["size"])
        self.assertEqual("available", self.snap(snapshot["id"])["status"])

    def test_only_latest_snapshot(self) -> None:
        first = self.create_snapshot()
        second = self.create_snapshot()
        self.assertEqual(
            f"Snapshot {first['id']} may not be restored because it is not "
            f"the most recent snapshot of share {self.share['id']}. "
            f"Currently the latest snapshot is {second['id']}.",
            self.fault(self.revert(first["id"]), 409, "conflictingRequest"),
        )
        self.assertEqual("available", self.share_status(self.share["id"]))

    def test_driver_failure_reverting_error_and_message(self) -> None:
        snapshot = self.create_snapshot()
        self.backend.failures["revert_to_snapshot"] = 1
        self.ok(self.revert(snapshot["id"]), 202)
        self.cloud.bus.advance()
        self.assertEqual(
            "reverting_error", self.share_status(self.share["id"])
        )
        self.assertEqual("available", self.snap(snapshot["id"])["status"])
        messages = self.cloud.store.select(
            "messages", lambda m: m["resource_id"] == self.share["id"]
        )
        self.assertEqual(["006"], [m["action_id"] for m in messages])
        self.assertTrue(
            messages[0]["user_message"].startswith("revert to snapshot:")
        )

    def test_preconditions(self) -> None:
        snapshot = self.create_snapshot()
        sid = snapshot["id"]
        self.fault(self.revert(sid, version="2.26"), 404, "itemNotFound")
        self.fault(self.revert("not-a-uuid"), 400, "badRequest")
        self.fault(self.revert(sid, user="alt_demo"), 404, "itemNotFound")
        missing = "3f1b0a5e-0000-4000-8000-000000000000"
        self.assertEqual(
            f"Snapshot {missing} could not be found.",
            self.fault(self.revert(missing), 400, "badRequest"),
        )
        self.cloud.store.update("snapshots", sid, status="error")
        self.assertIn(
            "must be in 'available' state to be restored",
            self.fault(self.revert(sid), 409, "conflictingRequest"),
        )
        self.cloud.store.update("snapshots", sid, status="available")
        self.cloud.store.update("shares", self.share["id"], status="extending")
        self.assertIn(
            "to be reverted to a snapshot",
            self.fault(self.revert(sid), 409, "conflictingRequest"),
        )
        self.cloud.store.update(
            "shares",
            self.share["id"],
            status="available",
            revert_to_snapshot_support=False,
        )
        self.assertIn(
            "because the share does not have that capability",
            self.fault(self.revert(sid), 400, "badRequest"),
        )
        other = self.make_share()
        self.cloud.store.update(
            "shares", self.share["id"], revert_to_snapshot_support=True
        )
        result = self.call(
            "POST",
            f"/shares/{other['id']}/action",
            {"revert": {"snapshot_id": sid}},
        )
        self.assertIn(
            "is not associated with share",
            self.fault(result, 400, "badRequest"),
        )


class TestMetadata(SnapshotTestCase):
    def test_metadata_crud(self) -> None:
        sid = self.create_snapshot()["id"]
        base = f"/snapshots/{sid}/metadata"
        self.assertEqual({}, self.ok(self.call("GET", base))["metadata"])
        body = self.ok(self.call("POST", base, {"metadata": {"a": "1"}}))
        self.assertEqual({"a": "1"}, body["metadata"])
        body = self.ok(self.call("POST", base, {"metadata": {"b": "2"}}))
        self.assertEqual({"b": "2"}, body["metadata"])
        self.assertEqual(
            {"a": "1", "b": "2"}, self.ok(self.call("GET", base))["metadata"]
        )
        self.assertEqual(
            {"meta": {"a": "1"}}, self.ok(self.call("GET", base + "/a"))
        )
        body = self.ok(
            self.call("POST", base + "/a", {"metadata": {"a": "9"}})
        )
        self.assertEqual({"a": "9"}, body["metadata"])
        body = self.ok(self.call("PUT", base, {"metadata": {"c": "3"}}))
        self.assertEqual({"c": "3"}, body["metadata"])
        self.assertEqual({"c": "3"}, self.snap(sid)["metadata"])
        self.assertIsNone(self.ok(self.call("DELETE", base + "/c")))
        self.assertEqual({}, self.snap(sid)["metadata"])

    def test_metadata_errors(self) -> None:
        sid = self.create_snapshot()["id"]
        base = f"/snapshots/{sid}/metadata"
        self.fault(self.call("GET", base, version="2.72"), 404, "itemNotFound")
        self.assertEqual(
            "MetadataItemNotFound: Metadata item is not found.",
            self.fault(self.call("GET", base + "/x"), 404, "itemNotFound"),
        )
        self.fault(self.call("DELETE", base + "/x"), 404, "itemNotFound")
        self.assertEqual(
            "Request body and URI mismatch",
            self.fault(
                self.call("POST", base + "/a", {"metadata": {"b": "1"}}),
                400,
                "badRequest",
            ),
        )
        self.assertEqual(
            "Request body contains too many items",
            self.fault(
                self.call(
                    "POST", base + "/a", {"metadata": {"a": "1", "b": "2"}}
                ),
                400,
                "badRequest",
            ),
        )
        self.assertEqual(
            "Malformed request body",
            self.fault(
                self.call("POST", base, {"meta": {"a": "1"}}),
                400,
                "badRequest",
            ),
        )
        self.assertEqual(
            "Share_snapshot not found.",
            self.fault(
                self.call("GET", base, user="alt_demo"), 404, "itemNotFound"
            ),
        )


class TestAccessAndExportLocations(SnapshotTestCase):
    def allow(self, sid: str, to: str = "10.0.0.1", **kw: Any) -> Any:
        return self.action(
            sid, {"allow_access": {"access_type": "ip", "access_to": to}}, **kw
        )

    def test_allow_queued_then_active_and_deny(self) -> None:
        sid = self.create_snapshot()["id"]
        rule = self.ok(self.allow(sid), 202)["snapshot_access"]
        self.assertEqual("queued_to_apply", rule["state"])
        self.assertEqual(
            {"id", "access_type", "access_to", "state"}, set(rule)
        )
        self.cloud.bus.advance()
        rules = self.ok(self.call("GET", f"/snapshots/{sid}/access-list"))
        self.assertEqual(
            ["active"], [r["state"] for r in rules["snapshot_access_list"]]
        )
        self.assertIn("exists", self.fault(self.allow(sid), 400, "badRequest"))
        self.ok(
            self.action(sid, {"deny_access": {"access_id": rule["id"]}}), 202
        )
        self.assertEqual(
            "queued_to_deny",
            self.cloud.store.get("snapshot_access_rules", rule["id"])["state"],
        )
        self.cloud.bus.advance()
        self.assertIsNone(
            self.cloud.store.get("snapshot_access_rules", rule["id"])
        )

    def test_driver_failure_marks_rule_error(self) -> None:
        sid = self.create_snapshot()["id"]
        self.backend.failures["snapshot_update_access"] = 1
        rule = self.ok(self.allow(sid), 202)["snapshot_access"]
        self.cloud.bus.advance()
        self.assertEqual(
            "error",
            self.cloud.store.get("snapshot_access_rules", rule["id"])["state"],
        )

    def test_access_preconditions(self) -> None:
        sid = self.create_snapshot()["id"]
        self.assertEqual(
            "ShareSnapshotNotFound: Snapshot nope could not be found.",
            self.fault(self.allow("nope"), 404, "itemNotFound"),
        )
        self.assertEqual(
            f"ShareSnapshotNotFound: Snapshot {sid} could not be found.",
            self.fault(self.allow(sid, user="alt_demo"), 404, "itemNotFound"),
        )
        self.fault(self.allow(sid, version="2.31"), 404, "itemNotFound")
        self.fault(self.allow(sid, to="not-an-ip"), 400, "badRequest")
        result = self.action(sid, {"allow_access": {"access_type": "ip"}})
        self.assertEqual(
            "Required parameter access_to not found.",
            self.fault(result, 400, "badRequest"),
        )
        result = self.action(sid, {"deny_access": {"access_id": "nope"}})
        self.fault(result, 404, "itemNotFound")
        self.cloud.store.update("snapshots", sid, status="error")
        self.assertIn(
            "New access rules cannot be applied",
            self.fault(self.allow(sid), 400, "badRequest"),
        )
        self.cloud.store.update("snapshots", sid, status="available")
        self.cloud.store.update(
            "shares", self.share["id"], mount_snapshot_support=False
        )
        self.assertIn(
            "does not support mounting its snapshots",
            self.fault(self.allow(sid), 400, "badRequest"),
        )
        result = self.call("GET", f"/snapshots/{sid}/access-list")
        self.fault(result, 400, "badRequest")

    def test_export_locations(self) -> None:
        sid = self.create_snapshot()["id"]
        base = f"/snapshots/{sid}/export-locations"
        rows = self.ok(self.call("GET", base))[
            "share_snapshot_export_locations"
        ]
        # not the admin-only one of the three
        self.assertEqual(2, len(rows))
        self.assertEqual({"id", "path", "links"}, set(rows[0]))
        self.assertIn("/path/to/fake/snapshot/snapshot_", rows[0]["path"])
        one = self.ok(
            self.call("GET", f"{base}/{rows[0]['id']}", user="admin")
        )
        detail = one["share_snapshot_export_location"]
        self.assertEqual(
            self.snap(sid)["instance_id"], detail["share_snapshot_instance_id"]
        )
        self.assertFalse(detail["is_admin_only"])
        self.assertIn("created_at", detail)
        self.fault(self.call("GET", base, version="2.31"), 404, "itemNotFound")
        self.fault(self.call("GET", f"{base}/nope"), 404, "itemNotFound")
        self.assertEqual(
            f"Snapshot '{sid}' not found.",
            self.fault(
                self.call("GET", base, user="alt_demo"), 404, "itemNotFound"
            ),
        )

    def test_no_export_locations_when_not_mountable(self) -> None:
        self.cloud.store.update(
            "shares", self.share["id"], mount_snapshot_support=False
        )
        sid = self.create_snapshot()["id"]
        self.assertEqual([], self.snap(sid)["export_locations"])


class TestInstances(SnapshotTestCase):
    def test_instances_admin_only(self) -> None:
        sid = self.create_snapshot()["id"]
        record = self.snap(sid)
        iid = record["instance_id"]
        self.fault(self.call("GET", "/snapshot-instances"), 403, "forbidden")
        self.fault(
            self.call(
                "GET", "/snapshot-instances", user="admin", version="2.18"
            ),
            404,
            "itemNotFound",
        )
        rows = self.ok(
            self.call(
                "GET", f"/snapshot-instances?snapshot_id={sid}", user="admin"
            )
        )["snapshot_instances"]
        self.assertEqual(
            [{"id": iid, "snapshot_id": sid, "status": "available"}], rows
        )
        one = self.ok(
            self.call("GET", f"/snapshot-instances/{iid}", user="admin")
        )["snapshot_instance"]
        self.assertEqual(self.share["id"], one["share_id"])
        self.assertEqual("100%", one["progress"])
        self.ok(
            self.call(
                "POST",
                f"/snapshot-instances/{iid}/action",
                {"reset_status": {"status": "error"}},
                user="admin",
            ),
            202,
        )
        self.assertEqual("error", self.snap(sid)["status"])
        els = self.ok(
            self.call(
                "GET",
                f"/snapshot-instances/{iid}/export-locations",
                user="admin",
            )
        )
        # the admin-only one too (an admin API)
        self.assertEqual(3, len(els["share_snapshot_export_locations"]))
        self.assertEqual(
            "Snapshot instance nope not found.",
            self.fault(
                self.call("GET", "/snapshot-instances/nope", user="admin"),
                404,
                "itemNotFound",
            ),
        )


class TestShareFromSnapshot(SnapshotTestCase):
    def test_create_from_snapshot_end_to_end(self) -> None:
        sid = self.create_snapshot()["id"]
        body = {"share": {"share_proto": "NFS", "size": 2, "snapshot_id": sid}}
        share = self.ok(self.call("POST", "/shares", body))["share"]
        # Manila creates it "creating"; the dummy driver answers
        # "available" (never creating_from_snapshot) at once
        self.assertEqual("creating", share["status"])
        self.assertEqual(sid, share["snapshot_id"])
        self.cloud.bus.advance()
        self.assertEqual("available", self.share_status(share["id"]))
        # the snapshot now has a dependent share but can still be listed
        body = self.ok(
            self.call("GET", f"/snapshots/detail?share_id={self.share['id']}")
        )
        self.assertEqual([sid], [s["id"] for s in body["snapshots"]])

    def test_from_snapshot_preconditions(self) -> None:
        self.share = self.make_share(size=2)
        sid = self.create_snapshot(advance=False)["id"]
        body = {"share": {"share_proto": "NFS", "size": 2, "snapshot_id": sid}}
        self.assertIn(
            "status must be 'available'",
            self.fault(self.call("POST", "/shares", body), 400, "badRequest"),
        )
        self.cloud.bus.advance()
        body["share"]["size"] = 1
        self.assertIn(
            "must be equal or greater than snapshot size",
            self.fault(self.call("POST", "/shares", body), 400, "badRequest"),
        )
