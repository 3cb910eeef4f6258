"""Fake server share actions and sub-resources under manual progression.

Extend, shrink, reset status / task state, force delete, soft delete and
restore, manage and unmanage, share metadata, access rule update and
metadata, export location metadata and share instances.
"""

from __future__ import annotations

import datetime
import time
from typing import Any

import falcon.testing
import fixtures
import testtools

from fake_server import config, microversion
from fake_server.app import build_app
from fake_server.cloud import Cloud
from openstack_sfs.tests.unit.fake_server.test_core import password_body

HOST = "fakehost@alpha"
EXPERIMENTAL = {microversion.EXPERIMENTAL_HEADER: "True"}


class ActionTestCase(testtools.TestCase):
    """A manual-progression cloud, a client and an available 2 GiB share
    on ``fakehost@alpha`` (type ``dhss_false``)."""

    def setUp(self) -> None:
        super().setUp()
        self.useFixture(fixtures.Timeout(30, gentle=True))
        self.cloud = Cloud(
            config.from_dict({"server": {"progression": "manual"}})
        )
        self.addCleanup(self.cloud.close)
        self.client = falcon.testing.TestClient(build_app(self.cloud))
        self.tokens: dict[str, str] = {}
        for user in ("demo", "admin", "alt_demo"):
            result = self.client.simulate_post(
                "/identity/v3/auth/tokens", json=password_body(user)
            )
            self.assertEqual(201, result.status_code, result.text)
            self.tokens[user] = result.headers["X-Subject-Token"]
        self.share = self.make_share()
        self.sid = self.share["id"]
        self.backend = self.cloud.managers[HOST].backend

    # -- helpers ---------------------------------------------------------

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        user: str = "demo",
        version: str = "2.99",
        headers: dict[str, str] | None = None,
    ) -> Any:
        sent = {
            "X-Auth-Token": self.tokens[user],
            microversion.HEADER: version,
        }
        sent.update(headers or {})
        return self.client.simulate_request(
            method, "/v2" + path, headers=sent, json=body
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

    def make_share(self, size: int = 2, **extra: Any) -> dict[str, Any]:
        body = {
            "share": dict(
                {
                    "share_proto": "NFS",
                    "size": size,
                    "share_type": "dhss_false",
                },
                **extra,
            )
        }
        share = self.ok(self.call("POST", "/shares", body))["share"]
        self.cloud.bus.advance()
        self.assertEqual("available", self.rec(share["id"])["status"])
        return share

    def rec(self, share_id: str | None = None) -> dict[str, Any]:
        return self.cloud.store.get("shares", share_id or self.sid)

    def act(
        self,
        body: Any,
        user: str = "demo",
        version: str = "2.99",
        share_id: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        return self.call(
            "POST",
            f"/shares/{share_id or self.sid}/action",
            body,
            user=user,
            version=version,
            headers=headers,
        )

    def set_status(self, status: str) -> None:
        self.cloud.store.update("shares", self.sid, status=status)

    def add_snapshot(self) -> None:
        self.cloud.store.insert(
            "snapshots",
            {
                "share_id": self.sid,
                "status": "available",
                "size": 1,
                "project_id": self.rec()["project_id"],
            },
        )


class TestExtend(ActionTestCase):
    def test_extending_scheduler_then_available(self) -> None:
        self.ok(self.act({"extend": {"new_size": 5}}), 202)
        self.assertEqual("extending", self.rec()["status"])
        self.assertEqual(1, self.cloud.bus.advance(steps=1))  # scheduler
        self.assertEqual("extending", self.rec()["status"])
        self.assertEqual(2, self.rec()["size"])
        self.cloud.bus.advance()
        self.assertEqual("available", self.rec()["status"])
        self.assertEqual(5, self.rec()["size"])

    def test_string_size_and_legacy_name(self) -> None:
        self.ok(self.act({"os-extend": {"new_size": "3"}}, version="2.6"), 202)
        self.cloud.bus.advance()
        self.assertEqual(3, self.rec()["size"])
        self.fault(
            self.act({"os-extend": {"new_size": 4}}), 404, "itemNotFound"
        )
        self.fault(
            self.act({"extend": {"new_size": 4}}, version="2.6"),
            404,
            "itemNotFound",
        )

    def test_driver_failure_extending_error_and_message(self) -> None:
        self.backend.failures["extend_share"] = 1
        self.ok(self.act({"extend": {"new_size": 5}}), 202)
        self.cloud.bus.advance()
        self.assertEqual("extending_error", self.rec()["status"])
        self.assertEqual(2, self.rec()["size"])
        messages = self.cloud.store.select(
            "messages", lambda m: m["resource_id"] == self.sid
        )
        self.assertEqual(1, len(messages))
        self.assertEqual("008", messages[0]["action_id"])
        self.assertEqual("015", messages[0]["detail_id"])

    def test_no_capacity_back_to_available_with_message(self) -> None:
        pool = self.rec()["host"].partition("#")[2]
        self.cloud.managers[HOST].driver.allocated[pool]["hog"] = 5000
        self.ok(self.act({"extend": {"new_size": 50}}), 202)
        self.cloud.bus.advance()
        self.assertEqual("available", self.rec()["status"])
        self.assertEqual(2, self.rec()["size"])
        message = self.cloud.store.select(
            "messages", lambda m: m["resource_id"] == self.sid
        )[0]
        self.assertEqual(
            ("008", "009"), (message["action_id"], message["detail_id"])
        )

    def test_force_is_admin_only_and_skips_scheduler(self) -> None:
        self.fault(
            self.act(
                {"extend": {"new_size": 5, "force": True}}, version="2.64"
            ),
            403,
            "forbidden",
        )
        self.assertEqual("available", self.rec()["status"])
        self.ok(
            self.act(
                {"extend": {"new_size": 5, "force": "true"}},
                user="admin",
                version="2.64",
            ),
            202,
        )
        pool = self.rec()["host"].partition("#")[2]
        self.cloud.managers[HOST].driver.allocated[pool]["hog"] = 5000
        self.cloud.bus.advance()
        self.assertEqual(
            ("available", 5), (self.rec()["status"], self.rec()["size"])
        )
        # below 2.64 "force" is dropped, so a member may send it
        self.ok(
            self.act(
                {"extend": {"new_size": 6, "force": True}}, version="2.63"
            ),
            202,
        )

    def test_bad_sizes(self) -> None:
        cases = [
            (
                {"new_size": -1},
                "Invalid input for field/attribute new_size. Value: -1. -1 "
                "is less than the minimum of 0",
            ),
            (
                {"new_size": "abc"},
                "Invalid input for field/attribute new_size. Value: abc. "
                "'abc' does not match '^[0-9]*$'",
            ),
            (
                {"new_size": 1.5},
                "Invalid input for field/attribute new_size. Value: 1.5. 1.5 "
                "is not of type 'integer', 'string'",
            ),
            (
                {},
                "Invalid input for field/attribute extend. Value: {}. "
                "'new_size' is a required property",
            ),
            (
                {"new_size": 2},
                "Invalid input received: New size for extend must be greater "
                "than current size. (current: 2, extended: 2).",
            ),
        ]
        for params, message in cases:
            result = self.act({"extend": params})
            self.assertEqual(message, self.fault(result, 400, "badRequest"))
        result = self.act(
            {"extend": {"new_size": 3, "force": "maybe"}}, user="admin"
        )
        self.assertIn(
            "'maybe' is not one of", self.fault(result, 400, "badRequest")
        )
        self.assertEqual("available", self.rec()["status"])

    def test_transitional_and_soft_deleted_refused(self) -> None:
        for status in ("extending", "ensuring", "error", "shrinking"):
            self.set_status(status)
            self.assertEqual(
                f"Invalid share: Share {self.sid} status must be "
                f"'available' to extend, but current status is: {status}.",
                self.fault(
                    self.act({"extend": {"new_size": 5}}), 400, "badRequest"
                ),
            )
            self.assertEqual(status, self.rec()["status"])
        self.set_status("available")
        self.cloud.store.update("shares", self.sid, is_soft_deleted=True)
        self.assertEqual(
            f"Cannot extend share '{self.sid}' since it has been soft "
            "deleted.",
            self.fault(
                self.act({"extend": {"new_size": 5}}), 403, "forbidden"
            ),
        )

    def test_busy_task_state_refused(self) -> None:
        self.cloud.store.update(
            "shares", self.sid, task_state="migration_in_progress"
        )
        message = self.fault(
            self.act({"extend": {"new_size": 5}}), 400, "badRequest"
        )
        self.assertIn("busy", message)

    def test_quota_403_and_per_share_413(self) -> None:
        self.ok(
            self.call(
                "PUT",
                f"/quota-sets/{self.rec()['project_id']}",
                {"quota_set": {"gigabytes": 4}},
                user="admin",
            )
        )
        self.assertEqual(
            "Requested share exceeds allowed project/user or share type "
            "gigabytes quota.",
            self.fault(
                self.act({"extend": {"new_size": 5}}), 403, "forbidden"
            ),
        )
        self.ok(
            self.call(
                "PUT",
                f"/quota-sets/{self.rec()['project_id']}",
                {"quota_set": {"gigabytes": 100, "per_share_gigabytes": 3}},
                user="admin",
            )
        )
        self.fault(self.act({"extend": {"new_size": 5}}), 413, "overLimit")
        self.assertEqual("available", self.rec()["status"])

    def test_max_share_size_spec(self) -> None:
        share_type = self.cloud.store.get(
            "share_types", self.rec()["share_type_id"]
        )
        share_type["extra_specs"]["provisioning:max_share_size"] = "4"
        self.assertIn(
            "greater than the maximum allowable size of '4'",
            self.fault(
                self.act({"extend": {"new_size": 5}}), 400, "badRequest"
            ),
        )
        # admins are held to max_share_extend_size instead
        self.ok(self.act({"extend": {"new_size": 5}}, user="admin"), 202)

    def test_unknown_other_project_and_reader_policy(self) -> None:
        self.fault(
            self.act({"extend": {"new_size": 5}}, share_id="nope"),
            404,
            "itemNotFound",
        )
        self.fault(
            self.act({"extend": {"new_size": 5}}, user="alt_demo"),
            404,
            "itemNotFound",
        )
        self.fault(
            self.act({"extend": {"new_size": 5}, "x": 1}), 400, "badRequest"
        )


class TestShrink(ActionTestCase):
    def test_shrinking_then_available(self) -> None:
        self.ok(self.act({"shrink": {"new_size": 1}}), 202)
        self.assertEqual("shrinking", self.rec()["status"])
        self.cloud.bus.advance()
        self.assertEqual(
            ("available", 1), (self.rec()["status"], self.rec()["size"])
        )

    def test_driver_failure_shrinking_error(self) -> None:
        self.backend.failures["shrink_share"] = 1
        self.ok(self.act({"os-shrink": {"new_size": 1}}, version="2.6"), 202)
        self.cloud.bus.advance()
        self.assertEqual(
            ("shrinking_error", 2), (self.rec()["status"], self.rec()["size"])
        )

    def test_bad_sizes_and_status(self) -> None:
        for size in (2, 3, 0):
            self.assertEqual(
                "Invalid input received: New size for shrink must be less "
                "than current size and greater than 0 (current: 2, new: "
                f"{size}).",
                self.fault(
                    self.act({"shrink": {"new_size": size}}), 400, "badRequest"
                ),
            )
        self.set_status("creating")
        self.assertIn(
            "status must in (available, shrinking_possible_data_loss_error)"
            " to shrink, but current status is: creating",
            self.fault(
                self.act({"shrink": {"new_size": 1}}), 400, "badRequest"
            ),
        )
        self.set_status("shrinking_possible_data_loss_error")
        self.ok(self.act({"shrink": {"new_size": 1}}), 202)


class TestAdminActions(ActionTestCase):
    def test_reset_status(self) -> None:
        self.fault(
            self.act({"reset_status": {"status": "error"}}), 403, "forbidden"
        )
        self.ok(
            self.act({"reset_status": {"status": "error"}}, user="admin"), 202
        )
        self.assertEqual("error", self.rec()["status"])
        self.ok(
            self.act(
                {"os-reset_status": {"status": "available"}},
                user="admin",
                version="2.6",
            ),
            202,
        )
        self.assertEqual("available", self.rec()["status"])

    def test_reset_status_bad_values(self) -> None:
        message = self.fault(
            self.act({"reset_status": {"status": "bogus"}}, user="admin"),
            400,
            "badRequest",
        )
        self.assertTrue(
            message.startswith(
                "Invalid input for field/attribute status. Value: bogus. "
                "'bogus' is not one of ['creating',"
            ),
            message,
        )
        message = self.fault(
            self.act({"reset_status": {"status": "extending"}}, user="admin"),
            400,
            "badRequest",
        )
        self.assertTrue(message.startswith("Invalid state. Valid states:"))
        self.assertEqual(
            "Must specify 'status'",
            self.fault(
                self.act({"reset_status": {}}, user="admin"), 400, "badRequest"
            ),
        )
        self.fault(
            self.act(
                {"reset_status": {"status": "error"}},
                user="admin",
                share_id="nope",
            ),
            404,
            "itemNotFound",
        )
        self.assertEqual("available", self.rec()["status"])

    def test_force_delete_from_error_states(self) -> None:
        self.fault(self.act({"force_delete": None}), 403, "forbidden")
        self.set_status("error_deleting")
        self.ok(self.act({"force_delete": None}, user="admin"), 202)
        self.assertEqual("deleting", self.rec()["status"])
        self.backend.failures["delete_share"] = 1
        self.cloud.bus.advance()
        self.assertIsNone(self.rec())

    def test_force_delete_refused_with_snapshots(self) -> None:
        self.add_snapshot()
        self.assertEqual(
            "Invalid share: Share still has 1 dependent snapshots.",
            self.fault(
                self.act({"force_delete": None}, user="admin"),
                400,
                "badRequest",
            ),
        )

    def test_reset_task_state_versions(self) -> None:
        body = {"reset_task_state": {"task_state": "migration_error"}}
        self.fault(
            self.act(body, user="admin", version="2.22"), 404, "itemNotFound"
        )
        self.ok(
            self.act(body, user="admin", version="2.22", headers=EXPERIMENTAL),
            202,
        )
        self.assertEqual("migration_error", self.rec()["task_state"])
        self.fault(
            self.act(body, user="admin", version="2.21", headers=EXPERIMENTAL),
            404,
            "itemNotFound",
        )
        self.ok(
            self.act(
                {"reset_task_state": {"task_state": None}},
                user="admin",
                version="2.96",
            ),
            202,
        )
        self.assertIsNone(self.rec()["task_state"])
        self.fault(
            self.act(body, user="demo", version="2.96"), 403, "forbidden"
        )
        self.fault(
            self.act({"reset_task_state": {"task_state": "x"}}, user="admin"),
            400,
            "badRequest",
        )


class TestRecycleBin(ActionTestCase):
    def listed(self, query: str = "") -> list[str]:
        shares = self.ok(self.call("GET", "/shares" + query))["shares"]
        return [s["id"] for s in shares]

    def test_soft_delete_then_restore(self) -> None:
        self.fault(
            self.act({"soft_delete": None}, version="2.68"),
            404,
            "itemNotFound",
        )
        before = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        self.ok(self.act({"soft_delete": None}), 202)
        record = self.rec()
        self.assertTrue(record["is_soft_deleted"])
        when = datetime.datetime.fromisoformat(
            record["scheduled_to_be_deleted_at"]
        )
        delta = (when - before).total_seconds()
        self.assertTrue(604800 <= delta < 604800 + 60, delta)
        self.assertNotIn(self.sid, self.listed())
        self.assertIn(self.sid, self.listed("?is_soft_deleted=true"))
        shown = self.ok(self.call("GET", f"/shares/{self.sid}"))["share"]
        self.assertTrue(shown["is_soft_deleted"])
        # Manila still lists a soft-deleted share's export locations
        locations = self.ok(
            self.call("GET", f"/shares/{self.sid}/export_locations")
        )["export_locations"]
        self.assertTrue(locations)
        self.assertEqual(
            "Invalid share: The share has been soft deleted already.",
            self.fault(self.act({"soft_delete": None}), 403, "forbidden"),
        )
        self.fault(
            self.act({"reset_status": {"status": "error"}}, user="admin"),
            403,
            "forbidden",
        )
        self.ok(self.act({"restore": None}), 202)
        self.assertFalse(self.rec()["is_soft_deleted"])
        self.assertIsNone(self.rec()["scheduled_to_be_deleted_at"])
        self.assertIn(self.sid, self.listed())
        self.ok(self.act({"restore": None}), 200)

    def test_soft_delete_refused(self) -> None:
        self.set_status("extending")
        self.fault(self.act({"soft_delete": None}), 403, "forbidden")
        self.set_status("available")
        self.add_snapshot()
        self.assertIn(
            "1 dependent snapshots",
            self.fault(self.act({"soft_delete": None}), 403, "forbidden"),
        )
        self.fault(
            self.act({"restore": None}, share_id="nope"), 404, "itemNotFound"
        )


class TestUnmanage(ActionTestCase):
    def test_unmanage_starting_then_gone(self) -> None:
        self.fault(self.act({"unmanage": None}), 403, "forbidden")
        self.ok(self.act({"unmanage": None}, user="admin"), 202)
        self.assertEqual("unmanage_starting", self.rec()["status"])
        self.cloud.bus.advance()
        self.assertIsNone(self.rec())
        self.fault(
            self.call("GET", f"/shares/{self.sid}"), 404, "itemNotFound"
        )

    def test_driver_failure_unmanage_error(self) -> None:
        self.backend.failures["unmanage"] = 1
        self.ok(self.act({"unmanage": None}, user="admin"), 202)
        self.cloud.bus.advance()
        self.assertEqual("unmanage_error", self.rec()["status"])

    def test_refusals(self) -> None:
        self.set_status("creating")
        self.assertEqual(
            "Share with transitional state can not be unmanaged. Share "
            f"'{self.sid}' is in 'creating' state.",
            self.fault(
                self.act({"unmanage": None}, user="admin"), 403, "forbidden"
            ),
        )
        self.set_status("available")
        self.add_snapshot()
        self.assertEqual(
            f"Share '{self.sid}' can not be unmanaged because it has '1' "
            "dependent snapshot(s).",
            self.fault(
                self.act({"unmanage": None}, user="admin"), 403, "forbidden"
            ),
        )
        for snap in self.cloud.store.select("snapshots"):
            self.cloud.store.delete("snapshots", snap["id"])
        self.cloud.store.update("shares", self.sid, share_server_id="srv")
        self.fault(
            self.act({"unmanage": None}, user="admin", version="2.48"),
            403,
            "forbidden",
        )
        self.ok(
            self.act({"unmanage": None}, user="admin", version="2.49"), 202
        )

    def test_legacy_route(self) -> None:
        path = f"/os-share-unmanage/{self.sid}/unmanage"
        self.fault(
            self.call("POST", path, user="admin", version="2.7"),
            404,
            "itemNotFound",
        )
        self.ok(self.call("POST", path, user="admin", version="2.6"), 202)
        self.cloud.bus.advance()
        self.assertIsNone(self.rec())


class TestManage(ActionTestCase):
    def manage(
        self,
        user: str = "admin",
        version: str = "2.99",
        path: str = "/shares/manage",
        **extra: Any,
    ) -> Any:
        share = dict(
            {
                "protocol": "nfs",
                "export_path": "10.0.0.10:/adopted",
                "service_host": self.rec()["host"],
                "share_type": "dhss_false",
                "driver_options": {"size": 3},
            },
            **extra,
        )
        return self.call(
            "POST", path, {"share": share}, user=user, version=version
        )

    def test_manage_starting_then_available(self) -> None:
        manager = self.cloud.manager(self.rec()["host"])
        assert manager is not None
        manager.driver.private_data.hold("share", "10.0.0.10:/adopted", 2)
        share = self.ok(self.manage(name="adopted", is_public=True))["share"]
        self.assertEqual("manage_starting", share["status"])
        self.assertTrue(share["is_public"])
        self.assertEqual("NFS", share["share_proto"])
        record = self.rec(share["id"])
        self.assertEqual(
            ["10.0.0.10:/adopted"],
            [el["path"] for el in record["export_locations"]],
        )
        self.cloud.bus.advance(steps=1)  # scheduler
        self.assertEqual("manage_starting", self.rec(share["id"])["status"])
        self.cloud.bus.advance()
        record = self.rec(share["id"])
        self.assertEqual(("available", 3), (record["status"], record["size"]))
        self.assertIn("__managed_at", record["metadata"])
        self.assertEqual("nova", record["availability_zone"])
        self.assertNotEqual(
            ["10.0.0.10:/adopted"],
            [el["path"] for el in record["export_locations"]],
        )

    def test_driver_failure_manage_error_size_0(self) -> None:
        self.backend.failures["manage_existing"] = 1
        share = self.ok(self.manage())["share"]
        self.cloud.bus.advance()
        record = self.rec(share["id"])
        self.assertEqual(
            ("manage_error", 0), (record["status"], record["size"])
        )
        # a manage_error share can be unmanaged
        self.ok(
            self.act({"unmanage": None}, user="admin", share_id=share["id"]),
            202,
        )
        self.assertEqual(
            "manage_error_unmanage_starting", self.rec(share["id"])["status"]
        )

    def test_bad_input(self) -> None:
        self.fault(self.manage(user="demo"), 403, "forbidden")
        self.fault(self.manage(version="2.6"), 404, "itemNotFound")
        self.assertEqual(
            "Required parameter export_path not found",
            self.fault(
                self.call(
                    "POST",
                    "/shares/manage",
                    {"share": {"protocol": "NFS", "service_host": "h@b#p"}},
                    user="admin",
                ),
                422,
                "computeFault",
            ),
        )
        self.fault(
            self.call("POST", "/shares/manage", {"x": 1}, user="admin"),
            422,
            "computeFault",
        )
        self.assertEqual(
            "service_host parameter should contain pool.",
            self.fault(self.manage(service_host=HOST), 400, "badRequest"),
        )
        self.assertEqual(
            "Service fakehost@nope could not be found.",
            self.fault(
                self.manage(service_host="fakehost@nope#p"),
                404,
                "itemNotFound",
            ),
        )
        self.fault(self.manage(share_type="nope"), 404, "itemNotFound")
        self.assertIn(
            "Share Server ID parameter is required",
            self.fault(self.manage(share_type="dhss_true"), 400, "badRequest"),
        )
        self.assertIn(
            "Setting a mount point name is not supported",
            self.fault(self.manage(mount_point_name="mp"), 400, "badRequest"),
        )
        self.assertEqual(
            "Invalid share: A share already exists with the export path "
            "specified.",
            self.fault(
                self.manage(
                    export_path=self.rec()["export_locations"][0]["path"]
                ),
                409,
                "conflictingRequest",
            ),
        )

    def test_service_disabled_or_down(self) -> None:
        service = self.cloud.service_record(HOST)
        self.cloud.store.update("services", service["id"], disabled=True)
        self.fault(self.manage(), 404, "itemNotFound")
        self.cloud.store.update("services", service["id"], disabled=False)
        manager = self.cloud.managers[HOST]
        manager.stop()
        manager._stopped_at = time.monotonic() - 10_000
        self.assertEqual(
            f"Service {HOST} is down.",
            self.fault(self.manage(), 400, "badRequest"),
        )

    def test_legacy_route(self) -> None:
        result = self.manage(
            path="/os-share-manage", version="2.6", is_public=True
        )
        share = self.ok(result)["share"]
        self.assertFalse(share["is_public"])  # dropped below 2.8
        self.fault(
            self.manage(path="/os-share-manage", version="2.7"),
            404,
            "itemNotFound",
        )


class TestShareMetadata(ActionTestCase):
    def meta(
        self,
        method: str,
        suffix: str = "",
        body: Any = None,
        user: str = "demo",
    ) -> Any:
        return self.call(
            method, f"/shares/{self.sid}/metadata{suffix}", body, user=user
        )

    def test_merge_replace_show_delete(self) -> None:
        self.assertEqual({"metadata": {}}, self.ok(self.meta("GET")))
        self.assertEqual(
            {"metadata": {"a": "1", "b": "2"}},
            self.ok(
                self.meta("POST", body={"metadata": {"a": "1", "b": "2"}})
            ),
        )
        self.assertEqual(
            {"metadata": {"a": "9", "b": "2"}},
            self.ok(self.meta("POST", body={"metadata": {"a": "9"}})),
        )
        self.assertEqual({"meta": {"a": "9"}}, self.ok(self.meta("GET", "/a")))
        self.assertEqual(
            {"metadata": {"c": "3"}},
            self.ok(self.meta("PUT", body={"metadata": {"c": "3"}})),
        )
        self.assertEqual({"c": "3"}, self.rec()["metadata"])
        self.ok(self.meta("DELETE", "/c"))
        self.assertEqual({}, self.rec()["metadata"])
        self.assertEqual(
            "MetadataItemNotFound: Metadata item is not found.",
            self.fault(self.meta("GET", "/c"), 404, "itemNotFound"),
        )
        self.fault(self.meta("DELETE", "/c"), 404, "itemNotFound")

    def test_admin_only_keys(self) -> None:
        key = "__affinity_same_host"
        self.assertEqual(
            "Cannot set or update admin only metadata.",
            self.fault(
                self.meta("POST", body={"metadata": {key: "x"}}),
                403,
                "forbidden",
            ),
        )
        self.ok(self.meta("POST", body={"metadata": {key: "x"}}, user="admin"))
        # a member's replace keeps the admin-only key
        self.assertEqual(
            {"metadata": {"k": "v", key: "x"}},
            self.ok(self.meta("PUT", body={"metadata": {"k": "v"}})),
        )
        self.fault(self.meta("DELETE", "/" + key), 403, "forbidden")
        self.ok(self.meta("DELETE", "/" + key, user="admin"))

    def test_bad_bodies_and_isolation(self) -> None:
        for body, message in (
            ({"metadata": {"k": ""}}, "Metadata property value is blank."),
            ({"metadata": {"": "v"}}, "Metadata property key is blank."),
            (
                {"metadata": {"k": "v" * 1024}},
                "Metadata property value is greater than 1023 characters.",
            ),
            ({"metadata": {"k": 5}}, "Malformed request body"),
            ({"metadata": ["k"]}, "Malformed request body"),
            ({"meta": {"k": "v"}}, "Malformed request body"),
        ):
            self.assertEqual(
                message,
                self.fault(self.meta("POST", body=body), 400, "badRequest"),
            )
        self.assertEqual({}, self.rec()["metadata"])
        self.fault(self.meta("GET", user="alt_demo"), 404, "itemNotFound")
        self.fault(
            self.meta("POST", body={"metadata": {"k": "v"}}, user="alt_demo"),
            404,
            "itemNotFound",
        )

    def test_item_post_quirks(self) -> None:
        both = {"meta": {"k": "v"}, "metadata": {"k": "v"}}
        self.assertEqual(
            {"metadata": {"k": "v"}},
            self.ok(self.meta("POST", "/k", body=both)),
        )
        self.fault(
            self.meta("POST", "/k", body={"metadata": {"k": "v"}}),
            400,
            "badRequest",
        )
        self.fault(
            self.meta("POST", "/k", body={"meta": {"k": "v"}}),
            400,
            "badRequest",
        )
        both = {"meta": {"j": "w"}, "metadata": {"j": "w"}}
        self.assertEqual(
            "Request body contains too many items",
            self.fault(self.meta("POST", "/j", body=both), 400, "badRequest"),
        )


class TestAccessRuleExtras(ActionTestCase):
    def rule(self) -> dict[str, Any]:
        body = {"allow_access": {"access_type": "ip", "access_to": "10.1.1.1"}}
        rule = self.ok(self.act(body))["access"]
        self.cloud.bus.advance()
        return rule

    def test_update_access_level(self) -> None:
        rule = self.rule()
        path = f"/share-access-rules/{rule['id']}"
        body = {"update_access": {"access_level": "ro"}}
        self.fault(
            self.call("PUT", path, body, version="2.87"), 404, "itemNotFound"
        )
        updated = self.ok(self.call("PUT", path, body))["access"]
        self.assertEqual(
            ("ro", "queued_to_update"),
            (updated["access_level"], updated["state"]),
        )
        self.assertEqual("syncing", self.rec()["access_rules_status"])
        self.cloud.bus.advance()
        stored = self.cloud.store.get("access_rules", rule["id"])
        self.assertEqual(
            ("ro", "active"), (stored["access_level"], stored["state"])
        )
        same = self.ok(self.call("PUT", path, body))["access"]
        self.assertEqual("active", same["state"])
        self.assertEqual(
            "Invalid or unsupported share access level: xx.",
            self.fault(
                self.call(
                    "PUT", path, {"update_access": {"access_level": "xx"}}
                ),
                400,
                "badRequest",
            ),
        )
        self.fault(
            self.call("PUT", path, {"update_access": {}}), 400, "badRequest"
        )
        self.fault(
            self.call("PUT", path, body, user="alt_demo"), 404, "itemNotFound"
        )

    def test_update_refused_while_transitional(self) -> None:
        rule = self.rule()
        self.set_status("extending")
        self.fault(
            self.call(
                "PUT",
                f"/share-access-rules/{rule['id']}",
                {"update_access": {"access_level": "ro"}},
            ),
            400,
            "badRequest",
        )

    def test_metadata(self) -> None:
        rule = self.rule()
        path = f"/share-access-rules/{rule['id']}/metadata"
        self.assertEqual(
            {"metadata": {"a": "1"}},
            self.ok(self.call("PUT", path, {"metadata": {"a": "1"}})),
        )
        self.assertEqual(
            {"metadata": {"b": "2"}},
            self.ok(self.call("PUT", path, {"metadata": {"b": "2"}})),
        )
        stored = self.cloud.store.get("access_rules", rule["id"])
        self.assertEqual({"a": "1", "b": "2"}, stored["metadata"])
        self.ok(self.call("DELETE", path + "/a"))
        self.assertEqual({"b": "2"}, stored["metadata"])
        self.assertEqual(
            "Share access rule metadata does not exist.",
            self.fault(self.call("DELETE", path + "/a"), 404, "itemNotFound"),
        )
        self.fault(
            self.call("PUT", path, {"metadata": {"a": "1"}}, version="2.44"),
            404,
            "itemNotFound",
        )
        self.fault(self.call("PUT", path, {"meta": {}}), 400, "badRequest")


class TestExportLocationMetadata(ActionTestCase):
    def setUp(self) -> None:
        super().setUp()
        # the preferred one (the dummy's admin-only one comes first)
        (self.el,) = [
            el for el in self.rec()["export_locations"] if el["preferred"]
        ]
        self.path = (
            f"/shares/{self.sid}/export_locations/{self.el['id']}/metadata"
        )

    def test_collection_get_is_400_as_manila(self) -> None:
        self.assertEqual(
            "'meta' is a required property",
            self.fault(self.call("GET", self.path), 400, "badRequest"),
        )
        self.fault(
            self.call("GET", self.path, version="2.86"), 404, "itemNotFound"
        )

    def test_merge_replace_item_delete(self) -> None:
        merged = self.ok(
            self.call("POST", self.path, {"metadata": {"a": "1"}})
        )["metadata"]
        self.assertEqual({"a": "1", "preferred": "True"}, merged)
        self.assertEqual(
            {"meta": {"a": "1"}}, self.ok(self.call("GET", self.path + "/a"))
        )
        self.assertEqual(
            {"meta": {"preferred": "True"}},
            self.ok(self.call("GET", self.path + "/preferred")),
        )
        shown = self.ok(
            self.call(
                "GET", f"/shares/{self.sid}/export_locations/{self.el['id']}"
            )
        )
        self.assertEqual({"a": "1"}, shown["export_location"]["metadata"])
        replaced = self.ok(
            self.call("PUT", self.path, {"metadata": {"b": "2"}})
        )["metadata"]
        self.assertEqual({"b": "2", "preferred": "True"}, replaced)
        self.assertEqual(
            "Request body contains too many items",
            self.fault(
                self.call("POST", self.path + "/b", {"metadata": {"b": "3"}}),
                400,
                "badRequest",
            ),
        )
        self.ok(self.call("DELETE", self.path + "/b"))
        self.fault(self.call("DELETE", self.path + "/b"), 404, "itemNotFound")

    def test_preferred_is_admin_only(self) -> None:
        body = {"metadata": {"preferred": "False"}}
        self.assertEqual(
            "Cannot set or update admin only metadata.",
            self.fault(self.call("POST", self.path, body), 403, "forbidden"),
        )
        self.ok(self.call("POST", self.path, body, user="admin"))
        shown = self.ok(
            self.call(
                "GET", f"/shares/{self.sid}/export_locations/{self.el['id']}"
            )
        )
        self.assertFalse(shown["export_location"]["preferred"])

    def test_bad_input(self) -> None:
        self.assertEqual(
            "'metadata' is a required property",
            self.fault(
                self.call("POST", self.path, {"meta": {}}), 400, "badRequest"
            ),
        )
        self.fault(
            self.call("POST", self.path, {"metadata": {"k": 1}}),
            400,
            "badRequest",
        )
        bad = f"/shares/{self.sid}/export_locations/nope/metadata/a"
        self.fault(self.call("GET", bad), 404, "itemNotFound")
        self.fault(
            self.call("GET", self.path + "/a", user="alt_demo"),
            404,
            "itemNotFound",
        )


class TestShareInstances(ActionTestCase):
    def test_list_show_fields_per_version(self) -> None:
        self.fault(self.call("GET", "/share_instances"), 403, "forbidden")
        self.fault(
            self.call("GET", "/share_instances", user="admin", version="2.2"),
            404,
            "itemNotFound",
        )
        rows = self.ok(self.call("GET", "/share_instances", user="admin"))[
            "share_instances"
        ]
        self.assertEqual([self.rec()["instance_id"]], [r["id"] for r in rows])
        row = rows[0]
        self.assertEqual(self.sid, row["share_id"])
        self.assertEqual("active", row["replica_state"])
        self.assertIn("updated_at", row)
        self.assertNotIn("export_locations", row)
        old = self.ok(
            self.call(
                "GET",
                f"/share_instances/{row['id']}",
                user="admin",
                version="2.8",
            )
        )["share_instance"]
        self.assertIn("export_locations", old)
        self.assertNotIn("access_rules_status", old)
        self.assertNotIn("updated_at", old)
        self.fault(
            self.call("GET", "/share_instances/nope", user="admin"),
            404,
            "itemNotFound",
        )
        of_share = self.ok(
            self.call("GET", f"/shares/{self.sid}/instances", user="admin")
        )["share_instances"]
        self.assertEqual([row["id"]], [r["id"] for r in of_share])

    def test_filters(self) -> None:
        def ids(query: str) -> list[str]:
            return [
                r["id"]
                for r in self.ok(
                    self.call("GET", "/share_instances" + query, user="admin")
                )["share_instances"]
            ]

        iid = self.rec()["instance_id"]
        self.assertEqual([iid], ids("?status=available"))
        self.assertEqual([], ids("?status=error"))
        self.assertEqual([iid], ids(f"?host={HOST}"))
        el = self.rec()["export_locations"][0]
        self.assertEqual([iid], ids(f"?export_location_id={el['id']}"))
        self.assertEqual([], ids("?export_location_id=nope"))
        self.assertEqual([], ids("?is_soft_deleted=true"))

    def test_reset_status_and_force_delete(self) -> None:
        iid = self.rec()["instance_id"]
        path = f"/share_instances/{iid}/action"
        self.fault(
            self.call("POST", path, {"reset_status": {"status": "error"}}),
            403,
            "forbidden",
        )
        self.ok(
            self.call(
                "POST",
                path,
                {"reset_status": {"status": "error"}},
                user="admin",
            ),
            202,
        )
        self.assertEqual("error", self.rec()["status"])
        self.ok(
            self.call(
                "POST",
                path,
                {"os-reset_status": {"status": "available"}},
                user="admin",
                version="2.3",
            ),
            202,
        )
        self.assertEqual("available", self.rec()["status"])
        self.assertEqual(
            "Must specify 'status'",
            self.fault(
                self.call("POST", path, {"reset_status": None}, user="admin"),
                400,
                "badRequest",
            ),
        )
        self.set_status("creating")
        self.ok(
            self.call("POST", path, {"force_delete": None}, user="admin"), 202
        )
        self.assertEqual("deleting", self.rec()["status"])
        self.cloud.bus.advance()
        self.assertIsNone(self.rec())

    def test_export_locations(self) -> None:
        iid = self.rec()["instance_id"]
        els = self.rec()["export_locations"]
        el = els[0]
        path = f"/share_instances/{iid}/export_locations"
        rows = self.ok(self.call("GET", path, user="admin"))[
            "export_locations"
        ]
        # the dummy driver's three, admin-only one included
        self.assertEqual([e["id"] for e in els], [r["id"] for r in rows])
        self.assertEqual(
            [True, False, False], [r["is_admin_only"] for r in rows]
        )
        self.assertEqual(iid, rows[0]["share_instance_id"])
        shown = self.ok(self.call("GET", f"{path}/{el['id']}", user="admin"))[
            "export_location"
        ]
        self.assertIn("created_at", shown)
        self.fault(self.call("GET", path, user="demo"), 403, "forbidden")
        self.fault(
            self.call("GET", path, user="admin", version="2.8"),
            404,
            "itemNotFound",
        )
        self.fault(
            self.call("GET", f"{path}/nope", user="admin"), 404, "itemNotFound"
        )


class TestShareUpdate(ActionTestCase):
    def test_display_keys_only(self) -> None:
        body = {
            "share": {
                "display_name": "n",
                "name": "ignored",
                "display_description": "d",
            }
        }
        share = self.ok(self.call("PUT", f"/shares/{self.sid}", body))["share"]
        self.assertEqual(("n", "d"), (share["name"], share["description"]))
        self.ok(
            self.call("PUT", f"/shares/{self.sid}", {"share": {"name": "x"}})
        )
        self.assertEqual("n", self.rec()["name"])
        self.fault(
            self.call(
                "PUT",
                f"/shares/{self.sid}",
                {"share": {"display_name": "x" * 256}},
            ),
            400,
            "badRequest",
        )
        self.cloud.store.update("shares", self.sid, is_soft_deleted=True)
        self.fault(
            self.call(
                "PUT", f"/shares/{self.sid}", {"share": {"display_name": "y"}}
            ),
            403,
            "forbidden",
        )
